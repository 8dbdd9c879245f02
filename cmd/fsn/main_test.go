package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// fsn runs the command line in-process against the real project and returns the
// exit code and what it printed.
func fsn(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"fsn"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// seedDir is the seed notice's folder, which a command given projectFlags
// names to read it alone: notices/ holds other notices beside it.
var seedDir = filepath.Join("..", "..", "notices", fsntest.Seed)

// projectFlags make a command read the repository's project, writing into out.
func projectFlags(out string) []string {
	return []string{"--notices", "../../notices", "--locales", "../../locales", "--templates", "../../templates", "--out", out, "--no-sign"}
}

func TestExitCodes(t *testing.T) {
	out := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		code   int
		output string // in stdout or stderr
	}{
		{"build", append([]string{"build"}, projectFlags(out)...), 0, "built iqwebx-2017-11: en, it, de"},
		{"build one language", append(append([]string{"build", "--lang", "it", "--format", "md,pdf"}, projectFlags(out)...), seedDir), 0, "wrote 0 files to " + out + "; 2 files made from unchanged inputs stayed as they were"},
		{"build a notice dir", append(append([]string{"build"}, projectFlags(out)...), seedDir), 0, "built iqwebx-2017-11"},
		{"version", []string{"--version"}, 0, "fsn version " + fsnVersion()},
		{"help", []string{"--help"}, 0, "build"},
		{"build help", []string{"build", "--help"}, 0, "--lang"},
		{"no command", nil, 2, "no command given"},
		{"unknown command", []string{"biuld"}, 2, `unknown command "biuld"`},
		{"unknown flag", []string{"build", "--langs", "it"}, 2, "flag provided but not defined"},
		{"invalid language tag", append([]string{"build", "--lang", "italian!"}, projectFlags(out)...), 2, "not a BCP 47 language tag"},
		{"unknown format", append([]string{"build", "--format", "docx"}, projectFlags(out)...), 2, `--format "docx" is not an edition format`},
		{"language the notice lacks", append(append([]string{"build", "--lang", "fr"}, projectFlags(out)...), seedDir), 1, `has no "fr" edition`},
		{"missing notice dir", append(append([]string{"build"}, projectFlags(out)...), "../../notices/nope"), 2, "nope/notice.yaml: error: cannot read the notice"},
		{"new without id", []string{"new"}, 2, "takes one notice id"},
		{"new with bad id", []string{"new", "Bad ID"}, 2, "lower-case letters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := fsn(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, tt.output) {
				t.Errorf("output does not contain %q\nstdout: %s\nstderr: %s", tt.output, stdout, stderr)
			}
		})
	}
}

// TestNewNoticeIsRefusedUntilFilledIn scaffolds a notice and checks that building
// it names every placeholder, and that the scaffold is otherwise a valid notice.
func TestNewNoticeIsRefusedUntilFilledIn(t *testing.T) {
	notices := t.TempDir()
	code, stdout, stderr := fsn(t, "new", "--notices", notices, "--templates", "../../templates", "--date", "2026-03-01", "acme-pump-2026-03")
	if code != 0 {
		t.Fatalf("fsn new: exit %d: %s", code, stderr)
	}
	path := filepath.Join(notices, "acme-pump-2026-03", "notice.yaml")
	if !strings.Contains(stdout, "created "+path) {
		t.Errorf("fsn new printed %q", stdout)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, section := range []string{"reference:", "manufacturer:", "target_groups:", "devices:", "problem:", "actions:", "troubleshooting:", "alternatives:", "manufacturer_actions:", "transmission:", "authority:", "contact:", "signatory:", "reply_form:"} {
		if !bytes.Contains(data, []byte(section)) {
			t.Errorf("the scaffold has no %s section", section)
		}
	}
	if code, _, stderr = fsn(t, "new", "--notices", notices, "--templates", "../../templates", "acme-pump-2026-03"); code != 2 || !strings.Contains(stderr, "already exists") {
		t.Errorf("a second fsn new of the same id: exit %d, %s", code, stderr)
	}

	out := t.TempDir()
	code, _, stderr = fsn(t, "build", "--notices", notices, "--locales", "../../locales", "--templates", "../../templates", "--out", out, "--no-sign")
	if code != 1 {
		t.Fatalf("building the unfilled scaffold: exit %d, want 1", code)
	}
	if !strings.Contains(stderr, path+":20:13:") || !strings.Contains(stderr, "placeholder from `fsn new` still here") {
		t.Errorf("the errors do not name the placeholders:\n%s", stderr)
	}
	if strings.Contains(stderr, "unknown field") || strings.Contains(stderr, "has no ") {
		t.Errorf("the scaffold has errors besides its placeholders:\n%s", stderr)
	}

	// Filled in, the scaffold builds.
	filled := strings.ReplaceAll(string(data), "TODO: ", "")
	os.WriteFile(path, []byte(filled), 0o644)
	if code, _, stderr = fsn(t, "build", "--notices", notices, "--locales", "../../locales", "--templates", "../../templates", "--out", out, "--no-sign"); code != 0 {
		t.Errorf("the filled-in scaffold does not build: %s", stderr)
	}
}

// TestSignedRebuildWritesNothing builds the seed twice, signed: the second
// build finds every input as the first read it and writes nothing, so the
// signed PDFs keep their bytes.
func TestSignedRebuildWritesNothing(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12"} {
		t.Setenv(env, "")
	}
	out := filepath.Join(t.TempDir(), "out")
	flags := append([]string{"build"}, seedProjectFlags(t, out)...)
	t.Chdir(t.TempDir()) // the development certificate goes to ./.fsn
	for i, want := range []string{"wrote 9 files to " + out, "wrote 0 files to " + out + "; 9 files made from unchanged inputs stayed as they were"} {
		if code, stdout, stderr := fsn(t, flags...); code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("build %d: exit %d, output without %q:\n%s%s", i+1, code, want, stdout, stderr)
		}
	}
}
