package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/project"
)

// TestBuildRefusesMarkupAttacks applies the mutations that smuggle markup or
// invisible characters into a translation, a label or the notice, and runs
// fsn build on each: the build must refuse with the check's diagnostic, at its
// file, line and column, and write nothing.
func TestBuildRefusesMarkupAttacks(t *testing.T) {
	for _, name := range []string{
		"heading-style-attribute", "heading-stolen-id", "label-class-attribute", "label-printf-link", "label-extra-step",
		"label-fence", "label-image", "fence-in-text", "fence-in-source", "rtl-override", "zero-width", "nul-byte", "invisible-in-field",
	} {
		t.Run(name, func(t *testing.T) {
			m := readMutation(t, filepath.Join("testdata", "mutations", "check", name+".txt"))
			dir := fsntest.CopyProject(t)
			m.apply(t, dir)
			t.Chdir(dir)
			_, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"})
			if err == nil {
				t.Fatalf("fsn build wrote the editions: %s", m.about)
			}
			want := "error[" + m.want[0] + "]"
			found := false
			for _, line := range strings.Split(err.Error(), "\n") {
				// file:line:col: error[check]: …
				if i := strings.Index(line, ": "+want); i > 0 && strings.Count(line[:i], ":") >= 2 {
					found = true
				}
			}
			if !found {
				t.Errorf("the build's error has no positioned %s:\n%v", want, err)
			}
			if entries, _ := os.ReadDir(filepath.Join("out", "iqwebx-2017-11")); len(entries) > 0 {
				t.Errorf("the refused build wrote out/iqwebx-2017-11: %d files", len(entries))
			}
		})
	}
}

// TestPlainFieldsStayText gives the manufacturer's name, address and the
// signatory lines that Markdown would read as blocks, strikethrough and links,
// and builds the notice: every edition shows them as text, and fsn verify
// finds every step of every edition.
func TestPlainFieldsStayText(t *testing.T) {
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	path := filepath.Join("notices", "iqwebx-2017-11", "notice.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(data), `manufacturer:
  name: IMAGE Information Systems Europe GmbH
  address:
    - Lange Str. 16
    - 18055 Rostock`, `manufacturer:
  name: "~~~"
  address:
    - "~~IMAGE~~ [x](https://evil.example) <div>"
    - "1. Lange Str. 16"
    - "# 18055 Rostock"
    - "---"
    - "    | a | b |"
    - "`+"```"+`"`, 1)
	if s == string(data) {
		t.Fatal("the seed notice's manufacturer is not where the test expects it")
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	for _, f := range verifyProject(t).Findings {
		t.Errorf("verify: %s", f.Error())
	}
	for _, lang := range []string{"en", "it", "de"} {
		page, err := os.ReadFile(filepath.Join("out", "iqwebx-2017-11", "iqwebx-2017-11."+lang+".html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"<pre", "<del", "<h1>", "<hr", `href="https://evil.example"`, "<div>", "<blockquote"} {
			if strings.Contains(string(page), bad) {
				t.Errorf("%s: a plain field made %s", lang, bad)
			}
		}
		if !strings.Contains(string(page), "~~IMAGE~~ [x](https://evil.example) &lt;div&gt;") {
			t.Errorf("%s: the address line is not shown as written", lang)
		}
	}
}
