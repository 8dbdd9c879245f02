package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// TestExitStatusTable checks the one exit-status table (0 done, 1 findings in
// the inputs, 2 a wrong command line or inputs that cannot be read or parsed)
// on every command that reads a project: each given the same unparsable
// notice.yaml, the same missing notices folder, and a wrong flag.
func TestExitStatusTable(t *testing.T) {
	proj := fsntest.CopyProject(t)
	notice := filepath.Join(proj, "notices", "iqwebx-2017-11", "notice.yaml")
	if err := os.WriteFile(notice, []byte("id: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(proj)
	commands := [][]string{{"build", "--no-sign"}, {"check"}, {"verify"}, {"l10n", "status"}, {"publish"},
		{"l10n", "sync"}, {"l10n", "merge"}, {"l10n", "stamp"}, {"l10n", "export", "--xliff", "1.2", "--lang", "it"}, {"l10n", "tm", "export"}}
	for _, cmd := range commands {
		name := strings.Join(cmd, " ")
		t.Run(name+"/unparsable notice", func(t *testing.T) {
			code, stdout, stderr := fsn(t, cmd...)
			if code != exitUsage || !strings.Contains(stderr, "notice.yaml:1:") {
				t.Errorf("exit %d, want %d naming notice.yaml:1:\nstdout: %s\nstderr: %s", code, exitUsage, stdout, stderr)
			}
		})
		t.Run(name+"/missing notices folder", func(t *testing.T) {
			code, stdout, stderr := fsn(t, append(cmd, "--notices", "nowhere")...)
			if code != exitUsage || !strings.Contains(stderr, "nowhere") {
				t.Errorf("exit %d, want %d naming the folder\nstdout: %s\nstderr: %s", code, exitUsage, stdout, stderr)
			}
		})
		t.Run(name+"/wrong flag", func(t *testing.T) {
			if code, stdout, stderr := fsn(t, append(cmd, "--no-such-flag")...); code != exitUsage || stdout != "" {
				t.Errorf("exit %d, want %d and nothing on stdout\nstdout: %s\nstderr: %s", code, exitUsage, stdout, stderr)
			}
		})
	}
	// The commands that take arguments, with the flags before them.
	for _, cmd := range [][]string{{"l10n", "add", "fr"}, {"l10n", "import", "it.xlf"}} {
		head, arg := cmd[:2], cmd[2]
		for what, flags := range map[string][]string{"unparsable notice": nil, "missing notices folder": {"--notices", "nowhere"}, "wrong flag": {"--no-such-flag"}} {
			t.Run(strings.Join(cmd, " ")+"/"+what, func(t *testing.T) {
				code, stdout, stderr := fsn(t, append(append(slices.Clone(head), flags...), arg)...)
				if code != exitUsage || stdout != "" {
					t.Errorf("exit %d, want %d and nothing on stdout\nstdout: %s\nstderr: %s", code, exitUsage, stdout, stderr)
				}
			})
		}
	}
}

// TestFindingsExitOne checks status 1 for inputs that load but fail a check,
// from every command that checks them.
func TestFindingsExitOne(t *testing.T) {
	proj := fsntest.CopyProject(t)
	it := filepath.Join(proj, "locales", "it", "iqwebx-2017-11.it.toml")
	data, _ := os.ReadFile(it)
	broken := strings.Replace(string(data), "LicGen.exe", "LicGen.com", 1)
	if broken == string(data) {
		t.Fatal("test case does not apply: no LicGen.exe in the Italian translation")
	}
	os.WriteFile(it, []byte(broken), 0o644)
	t.Chdir(proj)
	for _, cmd := range [][]string{{"build", "--no-sign"}, {"check"}, {"publish"}} {
		if code, stdout, stderr := fsn(t, cmd...); code != exitInputError || !strings.Contains(stderr, "LicGen") {
			t.Errorf("%v: exit %d, want %d\nstdout: %s\nstderr: %s", cmd, code, exitInputError, stdout, stderr)
		}
	}
}

// TestUsageErrorsFirst checks that a wrong command line is refused before the
// command prints or creates anything, the development certificate's warning
// included.
func TestUsageErrorsFirst(t *testing.T) {
	t.Chdir(fsntest.CopyProject(t))
	for _, cmd := range [][]string{
		{"build", "--format", "docx"},
		{"build", "--lang", "italian!"},
		{"publish", "--base-url", "ftp://x"},
		{"publish", "--format", "xml"},
		{"check", "--format", "xml"},
		{"verify", "--format", "xml"},
		{"l10n", "sync", "--format", "xml"},
		{"l10n", "merge", "--format", "xml"},
		{"l10n", "stamp", "--format", "xml"},
		{"l10n", "add", "--format", "xml", "fr"},
		{"l10n", "import", "--format", "xml", "it.xlf"},
		{"l10n", "export", "--format", "xml", "--xliff", "1.2", "--lang", "it", "--out", "it.xlf"},
		{"l10n", "tm", "export", "--format", "xml", "--out", "memory.tmx"},
	} {
		code, stdout, stderr := fsn(t, cmd...)
		if code != exitUsage || stdout != "" || !strings.HasPrefix(stderr, "fsn: ") || strings.Contains(stderr, "warning") {
			t.Errorf("%v: exit %d, want %d with only the usage error\nstdout: %s\nstderr: %s", cmd, code, exitUsage, stdout, stderr)
		}
	}
	if _, err := os.Stat(".fsn"); err == nil {
		t.Error("a refused command line created the development certificate")
	}
}

// TestJSONAlways checks that every command with a JSON report writes one valid
// JSON document to standard output, whether it succeeds, finds errors or
// cannot read its inputs.
func TestJSONAlways(t *testing.T) {
	proj := fsntest.CopySeedProject(t)
	fsntest.SignAs(t, fsntest.Signatory)
	t.Chdir(proj)
	valid := func(t *testing.T, args []string, wantCode int, keys ...string) map[string]any {
		t.Helper()
		code, stdout, stderr := fsn(t, args...)
		var doc map[string]any
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("%v: stdout is not JSON (%v):\n%s\nstderr: %s", args, err, stdout, stderr)
		}
		if code != wantCode {
			t.Errorf("%v: exit %d, want %d\nstderr: %s", args, code, wantCode, stderr)
		}
		for _, k := range keys {
			if _, ok := doc[k]; !ok {
				t.Errorf("%v: the JSON report has no %q: %s", args, k, stdout)
			}
		}
		return doc
	}
	doc := valid(t, []string{"build", "--no-sign", "--json"}, exitOK, "notices", "files", "findings")
	files := doc["files"].([]any)
	if len(files) != 9 {
		t.Errorf("build --json lists %d files, want 9", len(files))
	}
	if f := files[0].(map[string]any); len(f["sha256"].(string)) != 64 || f["size"].(float64) <= 0 || !strings.HasPrefix(f["path"].(string), "out/iqwebx-2017-11/") {
		t.Errorf("a file of build --json: %v", f)
	}
	valid(t, []string{"check", "--format", "json"}, exitOK, "summary", "findings")
	valid(t, []string{"verify", "--format", "json"}, exitOK, "summary", "findings")
	valid(t, []string{"l10n", "status", "--format", "json"}, exitOK, "cells")
	valid(t, []string{"publish", "--format", "json"}, exitOK, "editions", "files", "findings")

	valid(t, []string{"check", "--format", "json", "--lang", "fr"}, exitUsage, "summary", "findings")
	// An export with a JSON report must write its file elsewhere than standard output.
	valid(t, []string{"l10n", "export", "--format", "json", "--xliff", "1.2", "--lang", "it"}, exitUsage, "units", "files", "findings")
	valid(t, []string{"l10n", "tm", "export", "--format", "json"}, exitUsage, "units", "files", "findings")
	os.WriteFile(filepath.Join("notices", "iqwebx-2017-11", "notice.yaml"), []byte("id: [unclosed\n"), 0o644)
	for _, args := range [][]string{
		{"check", "--format", "json"}, {"verify", "--format", "json"}, {"l10n", "status", "--format", "json"},
		{"build", "--no-sign", "--json"}, {"publish", "--format", "json"},
		{"l10n", "sync", "--format", "json"}, {"l10n", "merge", "--format", "json"}, {"l10n", "stamp", "--format", "json"},
		{"l10n", "add", "--format", "json", "fr"}, {"l10n", "import", "--format", "json", "it.xlf"},
		{"l10n", "export", "--format", "json", "--xliff", "1.2", "--lang", "it", "--out", "it.xlf"},
		{"l10n", "tm", "export", "--format", "json", "--out", "memory.tmx"},
	} {
		doc := valid(t, args, exitUsage, "findings")
		if f, _ := doc["findings"].([]any); len(f) == 0 || !strings.Contains(f[0].(map[string]any)["file"].(string), "notice.yaml") {
			t.Errorf("%v: the findings do not name notice.yaml: %v", args, doc["findings"])
		}
	}
	code, stdout, _ := fsn(t, "check", "--format", "github")
	if code != exitUsage || !strings.HasPrefix(stdout, "::error file=notices/iqwebx-2017-11/notice.yaml,line=1") {
		t.Errorf("check --format github on an unparsable notice: %d\n%s", code, stdout)
	}
	code, stdout, _ = fsn(t, "check", "--format", "sarif")
	if code != exitUsage || !json.Valid([]byte(stdout)) || !strings.Contains(stdout, `"version": "2.1.0"`) {
		t.Errorf("check --format sarif on an unparsable notice: %d\n%s", code, stdout)
	}
}

// TestHelpCompletionMan checks fsn help CMD, the completion scripts of the four
// shells and the man page made from the command definitions.
func TestHelpCompletionMan(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"help", "build"}, "fsn build - build the editions"},
		{[]string{"help", "l10n"}, "status"},
		{[]string{"completion", "bash"}, "complete -o bashdefault -o default -F _fsn_complete fsn"},
		{[]string{"completion", "zsh"}, "#compdef fsn"},
		{[]string{"completion", "fish"}, "complete -c fsn -f -a '(__fsn_complete)'"},
		{[]string{"completion", "powershell"}, "Register-ArgumentCompleter -Native -CommandName fsn"},
		{[]string{"man"}, ".TH fsn 1"},
	} {
		code, stdout, stderr := fsn(t, tt.args...)
		if code != exitOK || !strings.Contains(stdout, tt.want) {
			t.Errorf("%v: exit %d, stdout lacks %q\nstdout: %.300s\nstderr: %s", tt.args, code, tt.want, stdout, stderr)
		}
	}
	_, page, _ := fsn(t, "man")
	for _, want := range []string{"notices/<id>/notice.yaml", "EXIT STATUS", "fsn init", "l10n", "completion", "--format"} {
		if !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	if code, _, stderr := fsn(t, "completion", "tcsh"); code != exitUsage || !strings.Contains(stderr, "tcsh") {
		t.Errorf("completion tcsh: exit %d: %s", code, stderr)
	}
}
