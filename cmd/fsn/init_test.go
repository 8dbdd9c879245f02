package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/record"
)

// TestBinary builds the fsn binary and uses it as a new user would: fsn init,
// new and build in an empty folder far from this repository, and the
// completion scripts in their shells.
func TestBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "fsn")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Run("version", func(t *testing.T) { testVersion(t, bin) })
	t.Run("init, new, build", func(t *testing.T) { testInitNewBuild(t, bin) })
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell+" completion", func(t *testing.T) { testCompletion(t, bin, shell) })
	}
}

// testVersion checks that fsn --version is the module version the Go
// toolchain recorded in the binary (go version -m), as go install records it.
func testVersion(t *testing.T, bin string) {
	out, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s+mod\s+github.com/fsn-tool/fsn\s+(\S+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("go version -m names no module version:\n%s", out)
	}
	want := string(m[1])
	if want == "(devel)" {
		want = "devel"
	}
	got, err := exec.Command(bin, "--version").Output()
	if err != nil || strings.TrimSpace(string(got)) != "fsn version "+want {
		t.Errorf("fsn --version: %q, %v; want fsn version %s", got, err, want)
	}
}

// testInitNewBuild runs fsn init, fsn new, then, the notice filled in (with
// the seed notice and its translations), fsn build from a sub-folder. Every
// template and label comes from the binary, and the build record says so.
func testInitNewBuild(t *testing.T, bin string) {
	repo := fsntest.Root(t)
	run := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("fsn %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
		}
		return string(out)
	}
	empty := t.TempDir()
	run(empty, "init", "x")
	proj := filepath.Join(empty, "x")
	for _, f := range []string{"README.md", ".gitignore", ".github/workflows/fsn.yml", "notices", "locales"} {
		if _, err := os.Stat(filepath.Join(proj, f)); err != nil {
			t.Errorf("fsn init wrote no %s: %v", f, err)
		}
	}
	if out := run(proj, "new", "iqwebx-2017-11"); !strings.Contains(out, "created notices/iqwebx-2017-11/notice.yaml") {
		t.Errorf("fsn new said: %s", out)
	}
	// Fill the new notice in: the seed notice is one, and its translations.
	fsntest.CopyTree(t, filepath.Join(repo, "notices", "iqwebx-2017-11"), filepath.Join(proj, "notices", "iqwebx-2017-11.seed"))
	if err := os.Rename(filepath.Join(proj, "notices", "iqwebx-2017-11.seed", "notice.yaml"), filepath.Join(proj, "notices", "iqwebx-2017-11", "notice.yaml")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(proj, "notices", "iqwebx-2017-11.seed"))
	for _, lang := range []string{"it", "de"} {
		name := "iqwebx-2017-11." + lang + ".toml"
		data, err := os.ReadFile(filepath.Join(repo, "locales", lang, name))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(proj, "locales", lang), 0o755)
		if err := os.WriteFile(filepath.Join(proj, "locales", lang, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sub := filepath.Join(proj, "notices", "iqwebx-2017-11")
	if out := run(sub, "build"); !strings.Contains(out, "built iqwebx-2017-11: en, it, de") {
		t.Errorf("fsn build said: %s", out)
	}
	var got []string
	entries, _ := os.ReadDir(filepath.Join(proj, "out", "iqwebx-2017-11"))
	for _, e := range entries {
		got = append(got, e.Name())
	}
	var want []string
	for _, lang := range []string{"de", "en", "it"} {
		for _, f := range []string{"html", "md", "pdf"} {
			want = append(want, "iqwebx-2017-11."+lang+"."+f)
		}
	}
	want = append(want, "iqwebx-2017-11.build.json")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("out/iqwebx-2017-11 holds %v, want %v", got, want)
	}
	var rec record.Record
	data, err := os.ReadFile(filepath.Join(proj, "out", "iqwebx-2017-11", "iqwebx-2017-11.build.json"))
	if err != nil || json.Unmarshal(data, &rec) != nil {
		t.Fatalf("the build record: %v", err)
	}
	var inputs []string
	for _, in := range rec.Inputs {
		inputs = append(inputs, in.Name)
	}
	for _, name := range []string{"embedded:templates/notice.md.tmpl", "embedded:locales/it/labels.it.toml", "notices/iqwebx-2017-11/notice.yaml", "locales/it/iqwebx-2017-11.it.toml"} {
		if !slices.Contains(inputs, name) {
			t.Errorf("the build record lists no input %s: %v", name, inputs)
		}
	}
	if out := run(filepath.Join(proj, "locales"), "verify"); !strings.Contains(out, "read 9 editions of 1 notice: 0 errors") {
		t.Errorf("fsn verify from locales/ said: %s", out)
	}
}

// TestProjectOverridesDefaults checks that a file of the project's templates/
// or locales/ replaces fsn's own of that name, and only that file: the
// editions use it and the build record names it, and fsn verify sees when a
// default becomes overridden after the build.
func TestProjectOverridesDefaults(t *testing.T) {
	repo := fsntest.Root(t)
	proj := t.TempDir()
	fsntest.CopyTree(t, filepath.Join(repo, "notices", fsntest.Seed), filepath.Join(proj, "notices", fsntest.Seed))
	os.MkdirAll(filepath.Join(proj, "locales", "it"), 0o755)
	os.MkdirAll(filepath.Join(proj, "templates"), 0o755)
	for _, f := range []string{"locales/it/iqwebx-2017-11.it.toml", "locales/de/iqwebx-2017-11.de.toml"} {
		data, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(proj, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(proj, f), data, 0o644)
	}
	css, _ := os.ReadFile(filepath.Join(repo, "templates", "style.css"))
	css = append(css, []byte("\n/* the company's own */\n")...)
	os.WriteFile(filepath.Join(proj, "templates", "style.css"), css, 0o644)
	labels, _ := os.ReadFile(filepath.Join(repo, "locales", "it", "labels.it.toml"))
	os.WriteFile(filepath.Join(proj, "locales", "it", "labels.it.toml"), labels, 0o644)
	t.Chdir(proj)

	if code, stdout, stderr := fsn(t, "build", "--no-sign"); code != 0 {
		t.Fatalf("build: %d\n%s%s", code, stdout, stderr)
	}
	html, _ := os.ReadFile(filepath.Join("out", "iqwebx-2017-11", "iqwebx-2017-11.it.html"))
	if !strings.Contains(string(html), "the company's own") {
		t.Error("the HTML edition does not carry the project's style.css")
	}
	rec, err := record.Read(filepath.Join("out", "iqwebx-2017-11", "iqwebx-2017-11.build.json"))
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, in := range rec.Inputs {
		inputs = append(inputs, in.Name)
	}
	for _, name := range []string{"templates/style.css", "embedded:templates/page.html.tmpl", "locales/it/labels.it.toml", "embedded:locales/de/labels.de.toml"} {
		if !slices.Contains(inputs, name) {
			t.Errorf("the build record lists no input %s: %v", name, inputs)
		}
	}
	if code, stdout, stderr := fsn(t, "verify"); code != 0 {
		t.Fatalf("verify: %d\n%s%s", code, stdout, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(repo, "templates", "page.html.tmpl"))
	os.WriteFile(filepath.Join("templates", "page.html.tmpl"), page, 0o644)
	code, stdout, stderr := fsn(t, "verify")
	if code != exitInputError || !strings.Contains(stderr, "templates/page.html.tmpl") {
		t.Errorf("verify after a default was overridden: %d\n%s%s", code, stdout, stderr)
	}
}

// TestMergeIntoShippedLabels changes an English label in a project that has no
// labels of its own: fsn l10n sync writes a work file for the Italian label
// fsn ships, and fsn l10n merge writes the project's locales/it/labels.it.toml,
// fsn's file with that translation, which the next build then reads.
func TestMergeIntoShippedLabels(t *testing.T) {
	repo := fsntest.Root(t)
	proj := t.TempDir()
	fsntest.CopyTree(t, filepath.Join(repo, "notices", fsntest.Seed), filepath.Join(proj, "notices", fsntest.Seed))
	for _, f := range []string{"locales/it/iqwebx-2017-11.it.toml", "locales/de/iqwebx-2017-11.de.toml", "locales/en/labels.en.toml"} {
		data, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, "labels.en.toml") {
			data = []byte(strings.Replace(string(data), `other = "Contact person"`, `other = "Your contact person"`, 1))
		}
		os.MkdirAll(filepath.Join(proj, filepath.Dir(f)), 0o755)
		os.WriteFile(filepath.Join(proj, f), data, 0o644)
	}
	t.Chdir(filepath.Join(proj, "notices"))
	if code, stdout, stderr := fsn(t, "l10n", "sync", "--lang", "it"); code != 0 || !strings.Contains(stdout, "labels.it.toml: 1 to translate") {
		t.Fatalf("sync: %d\n%s%s", code, stdout, stderr)
	}
	labels := filepath.Join(proj, "locales", "it", "labels.it.toml")
	if _, err := os.Stat(labels); err == nil {
		t.Fatal("sync wrote the Italian labels into the project")
	}
	work := filepath.Join(proj, "locales", "it", "translate", "labels.it.toml")
	data, err := os.ReadFile(work)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(work, []byte(strings.Replace(string(data), `other = "Your contact person"`, `other = "La vostra persona di contatto"`, 1)), 0o644)
	if code, stdout, stderr := fsn(t, "l10n", "merge"); code != 0 {
		t.Fatalf("merge: %d\n%s%s", code, stdout, stderr)
	}
	merged, err := os.ReadFile(labels)
	if err != nil {
		t.Fatalf("merge wrote no project labels file: %v", err)
	}
	shipped, _ := os.ReadFile(filepath.Join(repo, "locales", "it", "labels.it.toml"))
	if !strings.Contains(string(merged), "La vostra persona di contatto") || len(merged) < len(shipped)/2 {
		t.Errorf("the project's labels file is not fsn's with the new translation:\n%.400s", merged)
	}
	if code, stdout, stderr := fsn(t, "build", "--no-sign", "--lang", "it", "--format", "md"); code != 0 {
		t.Fatalf("build: %d\n%s%s", code, stdout, stderr)
	}
	md, _ := os.ReadFile(filepath.Join(proj, "out", "iqwebx-2017-11", "iqwebx-2017-11.it.md"))
	if !strings.Contains(string(md), "La vostra persona di contatto") {
		t.Error("the Italian edition does not use the merged label")
	}
}
