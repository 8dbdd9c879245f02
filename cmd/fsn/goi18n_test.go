package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// goi18nTool returns the path of go-i18n's goi18n, which .ci/run installs at
// the version of go.mod; without it the test is skipped, or fails in CI.
func goi18nTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("goi18n")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("goi18n is required in CI (.ci/run installs it)")
		}
		t.Skip("goi18n not installed: go install github.com/nicksnyder/go-i18n/v2/goi18n@v2.7.0 (the version in go.mod)")
	}
	return path
}

// goi18nMerge runs goi18n merge over files into a new folder and returns it.
func goi18nMerge(t *testing.T, goi18n string, files ...string) string {
	t.Helper()
	out := t.TempDir()
	cmd := exec.Command(goi18n, append([]string{"merge", "-sourceLanguage", "en", "-outdir", out}, files...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goi18n merge %s: %v\n%s", strings.Join(files, " "), err, b)
	}
	return out
}

// goi18nMessages reads a message file that goi18n wrote: each message's
// "other" text by id, or nil when goi18n wrote no such file.
func goi18nMessages(t *testing.T, path string) map[string]*i18n.Message {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	mf, err := i18n.ParseMessageFileBytes(data, path, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal})
	if err != nil {
		t.Fatal(err)
	}
	ms := map[string]*i18n.Message{}
	for _, m := range mf.Messages {
		ms[m.ID] = m
	}
	return ms
}

// TestGoi18nMerge runs go-i18n's own goi18n merge over fsn's locale files, as
// a project that keeps go-i18n's workflow does. fsn l10n sync writes each
// notice's English source file (locales/en/<id>.en.toml); then
// goi18n merge $(find locales -name '*.toml') reads every file, the source
// history among them no more, and keeps the label "attention" apart from the
// notice's; over one notice's files, goi18n writes translate.it.toml of
// exactly the message missing in Italian, with fsn's hash; a translator fills
// it in, goi18n merges it, and fsn check takes goi18n's file as it is.
func TestGoi18nMerge(t *testing.T) {
	goi18n := goi18nTool(t)
	dir := fsntest.CopySeedProject(t)
	t.Chdir(dir)
	const seed = "iqwebx-2017-11"
	source := filepath.Join("locales", "en", seed+".en.toml")
	if code, stdout, stderr := fsn(t, "l10n", "sync"); code != 0 || !strings.Contains(stdout, "wrote "+source+": the go-i18n source file of notice "+seed) {
		t.Fatalf("fsn l10n sync: exit %d\n%s%s", code, stdout, stderr)
	}

	// Every *.toml file of the locales folder, as the go-i18n docs run it.
	var files []string
	filepath.WalkDir("locales", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".toml") {
			files = append(files, p)
		}
		return err
	})
	sort.Strings(files)
	all := goi18nMerge(t, goi18n, files...)
	active := goi18nMessages(t, filepath.Join(all, "active.it.toml"))
	if got := active["labels.attention"]; got == nil || got.Other != "All'attenzione di" {
		t.Errorf("goi18n's active.it.toml has the label attention as %+v", got)
	}
	if got := active[seed+".attention"]; got == nil || !strings.HasPrefix(got.Other, "Tutti gli operatori") {
		t.Errorf("goi18n's active.it.toml has the notice's attention as %+v", got)
	}
	// goi18n hashes only a message's "other" text, fsn every plural form
	// (docs/translators.md), so goi18n asks again for the labels with plural
	// forms; every other message of every file is current.
	for id, m := range goi18nMessages(t, filepath.Join(all, "translate.it.toml")) {
		if m.One == "" {
			t.Errorf("goi18n's translate.it.toml asks for %s, which fsn has translated and current", id)
		}
	}

	// One notice: its source file and its Italian translation, less one message.
	work := t.TempDir()
	itFile := filepath.Join("locales", "it", seed+".it.toml")
	data, err := os.ReadFile(itFile)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	i := strings.Index(text, "["+seed+".subject]\n")
	j := strings.Index(text[i:], "\n\n")
	if i < 0 || j < 0 {
		t.Fatalf("%s has no subject", itFile)
	}
	os.WriteFile(filepath.Join(work, seed+".it.toml"), []byte(text[:i]+text[i+j+2:]), 0o644)
	srcData, _ := os.ReadFile(source)
	os.WriteFile(filepath.Join(work, seed+".en.toml"), srcData, 0o644)
	out := goi18nMerge(t, goi18n, filepath.Join(work, seed+".en.toml"), filepath.Join(work, seed+".it.toml"))
	todo := goi18nMessages(t, filepath.Join(out, "translate.it.toml"))
	want := goi18nMessages(t, itFile)[seed+".subject"]
	if len(todo) != 1 || todo[seed+".subject"] == nil || todo[seed+".subject"].Hash != want.Hash ||
		todo[seed+".subject"].Other != "Running antivirus and Windows updates on iQ-WEBX servers" {
		t.Fatalf("goi18n's translate.it.toml holds %d messages, want the subject with hash %s and its English text: %+v", len(todo), want.Hash, todo)
	}

	// The translator's turn, then goi18n's merge of it, then fsn's check.
	translated := strings.Replace(readFile(t, filepath.Join(out, "translate.it.toml")),
		`other = "Running antivirus and Windows updates on iQ-WEBX servers"`, `other = "`+want.Other+`"`, 1)
	os.WriteFile(filepath.Join(out, "translate.it.toml"), []byte(translated), 0o644)
	merged := goi18nMerge(t, goi18n, filepath.Join(work, seed+".en.toml"), filepath.Join(out, "active.it.toml"), filepath.Join(out, "translate.it.toml"))
	if _, err := os.Stat(filepath.Join(merged, "translate.it.toml")); err == nil {
		t.Errorf("goi18n still has messages to translate after the merge")
	}
	os.WriteFile(itFile, []byte(readFile(t, filepath.Join(merged, "active.it.toml"))), 0o644)
	if code, stdout, stderr := fsn(t, "check", "--lang", "it"); code != 0 {
		t.Errorf("fsn check of goi18n's active.it.toml: exit %d\n%s%s", code, stdout, stderr)
	}
}
