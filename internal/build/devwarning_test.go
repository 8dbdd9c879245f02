package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/sign"
)

// TestDevelopmentWarningInThePDF builds the seed notice's Italian edition and
// the Greek one of the test project cmd/fsn/testdata/numbers signed with the
// development certificate: the first thing on page 1,
// and in the structure tree, is the warning development-warning in the
// edition's language, and the signature block's first line is
// development-signature. Signed with a real key, or unsigned, neither is in
// the edition, and two unsigned builds are the same, byte for byte.
func TestDevelopmentWarningInThePDF(t *testing.T) {
	pdftotext := pdfTool(t, "pdftotext", "poppler-utils")
	pdfinfo := pdfTool(t, "pdfinfo", "poppler-utils")
	dev, _, err := sign.Development(t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	warnings := map[string][2]string{ // locales/*/labels.*.toml: development-warning, development-signature
		"it": {"NON PER LA DISTRIBUZIONE: questa edizione è firmata con un certificato di sviluppo", "NON PER LA DISTRIBUZIONE: certificato di sviluppo"},
		"el": {"ΟΧΙ ΓΙΑ ΔΙΑΝΟΜΗ: αυτή η έκδοση είναι υπογεγραμμένη με πιστοποιητικό ανάπτυξης", "ΟΧΙ ΓΙΑ ΔΙΑΝΟΜΗ: πιστοποιητικό ανάπτυξης"},
	}
	numbers := t.TempDir()
	for _, sub := range []string{"locales", "templates"} {
		fsntest.CopyTree(t, filepath.Join(root, sub), filepath.Join(numbers, sub))
	}
	fsntest.CopyTree(t, filepath.Join(root, "cmd", "fsn", "testdata", "numbers"), numbers)
	editions := map[string]string{"it": "iqwebx-2017-11/iqwebx-2017-11.it.pdf", "el": "bp30-2026-09/bp30-2026-09.el.pdf"}
	build := func(signer *sign.Signer) string {
		out := t.TempDir()
		for lang, dir := range map[string]string{"it": root, "el": numbers} {
			opts := seedOptions(out)
			opts.NoticesDir, opts.LocalesDir = filepath.Join(dir, "notices"), project.Locales(filepath.Join(dir, "locales"))
			opts.Notices = []string{filepath.Join(dir, "notices", filepath.Dir(editions[lang]))}
			opts.Formats, opts.Languages, opts.Signer = []Format{PDF}, []string{lang}, signer
			if _, err := Run(opts); err != nil {
				t.Fatal(err)
			}
		}
		return out
	}
	text := func(args ...string) string {
		out, err := exec.Command(args[0], args[1:]...).Output()
		if err != nil {
			t.Fatalf("%s: %v", strings.Join(args, " "), err)
		}
		return strings.Join(strings.Fields(string(out)), " ")
	}
	devOut, realOut, unsignedOut := build(dev), build(fsntest.Signer(t, fsntest.Signatory)), build(nil)
	for lang, want := range warnings {
		name := editions[lang]
		pdf := filepath.Join(devOut, name)
		page1 := text(pdftotext, "-f", "1", "-l", "1", pdf, "-")
		if at := strings.Index(page1, want[0]); at < 0 || at > 100 { // after the running header only
			t.Errorf("%s: page 1 does not begin with the warning %q:\n%.300s", lang, want[0], page1)
		}
		if all := text(pdftotext, pdf, "-"); !strings.Contains(all, want[1]+" ") {
			t.Errorf("%s: the signature block does not say %q", lang, want[1])
		}
		tree := text(pdfinfo, "-struct-text", pdf)
		if !strings.HasPrefix(tree, "Document P (block) \""+strings.Fields(want[0])[0]) {
			t.Errorf("%s: the structure tree does not begin with the warning's paragraph: %.200s", lang, tree)
		}
		for what, dir := range map[string]string{"signed with a real key": realOut, "unsigned": unsignedOut} {
			if all := text(pdftotext, filepath.Join(dir, name), "-"); strings.Contains(all, want[1]) || strings.Contains(all, strings.Fields(want[0])[0]+" ") {
				t.Errorf("%s, %s: the edition carries the development certificate's warning", lang, what)
			}
		}
	}
	// The unsigned edition does not depend on the signer the build would use.
	again := build(nil)
	for lang := range warnings {
		a, _ := os.ReadFile(filepath.Join(unsignedOut, editions[lang]))
		b, _ := os.ReadFile(filepath.Join(again, editions[lang]))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: two unsigned builds differ", lang)
		}
	}
}
