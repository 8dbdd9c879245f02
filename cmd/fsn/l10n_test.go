package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

func TestL10nExitCodes(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	project := []string{"--notices", filepath.Join(dir, "notices"), "--locales", filepath.Join(dir, "locales")}
	xlf := filepath.Join(dir, "it.xlf")
	broken := filepath.Join(dir, "broken.xlf")
	os.WriteFile(broken, []byte("<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" version=\"1.2\">\n<file>\n</xliff>\n"), 0o644)
	args := func(cmd string, rest ...string) []string {
		return append(append([]string{"l10n", cmd}, project...), rest...)
	}
	labels := shippedLabels(t)
	// An XLIFF file has a unit for each plural form of a label: the Italian
	// labels' forms beyond "other" are units beside the notice's 59 messages.
	itLabels, err := os.ReadFile(filepath.Join(dir, "locales", "it", "labels.it.toml"))
	if err != nil {
		t.Fatal(err)
	}
	itForms := len(regexp.MustCompile(`(?m)^(zero|one|two|few|many) =`).FindAll(itLabels, -1))
	tests := []struct {
		name   string
		args   []string
		code   int
		output string // in stdout or stderr
	}{
		{"status", args("status", "--out", filepath.Join(dir, "out")), 0, "iqwebx-2017-11    it        59          59"},
		{"status of one language", args("status", "--lang", "de", "--out", filepath.Join(dir, "out")), 0, "wrote " + filepath.Join(dir, "out", "l10n", "index.html")},
		{"status in an unknown format", args("status", "--format", "xml"), 2, `--format "xml" is not known`},
		{"status of a language the project lacks", args("status", "--lang", "ca"), 2, `no notice lists "ca"`},
		{"sync", args("sync"), 0, "nothing to translate"},
		{"merge without work files", args("merge"), 0, "no work files to merge"},
		{"export", args("export", "--xliff", "1.2", "--lang", "it", "--out", xlf), 0, fmt.Sprintf("exported %d units of it (0 to translate, 0 to review) as XLIFF 1.2 to %s", 59+itForms+labels, xlf)},
		{"export to standard output", args("export", "--xliff", "2.1", "--lang", "de"), 0, `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"`},
		{"export without a version", args("export", "--lang", "it"), 2, "needs --xliff 1.2 or 2.1 and --lang"},
		{"export in an unknown version", args("export", "--xliff", "3.0", "--lang", "it"), 2, `--xliff "3.0" is not a version fsn writes`},
		{"export of two languages", args("export", "--xliff", "1.2", "--lang", "it,de"), 2, "takes one language"},
		{"import of the export", args("import", xlf), 0, "imported 0 translations"},
		{"import of broken XML", args("import", broken), 1, broken + ":4: error: the XLIFF is not well-formed XML"},
		{"import without a file", args("import"), 2, "takes one XLIFF file"},
		{"add a bad tag", args("add", "Italian!"), 2, "not a BCP 47 language tag"},
		{"add a tag not in its canonical form", args("add", "pt-br"), 2, "as pt-BR"},
		{"add an existing language", args("add", "it"), 2, "it is a language of the project already: notice iqwebx-2017-11 lists it"},
		{"add the source language", args("add", "en"), 2, "source language"},
		{"add", args("add", "ca"), 0, "created " + filepath.Join(dir, "locales", "ca", "labels.ca.toml") + fmt.Sprintf(": %d labels to translate", labels)},
		{"add a language whose labels fsn ships", args("add", "fr"), 0, "kept " + filepath.Join(dir, "locales", "fr", "labels.fr.toml") + fmt.Sprintf(": %d of %[1]d labels translated", labels)},
		{"add a language being translated", args("add", "fr"), 2, "fr is a language of the project already: " + filepath.Join(dir, "locales", "fr", "translate", "iqwebx-2017-11.fr.toml") + " is the work file of notice iqwebx-2017-11"},
		{"stamp with every hash there", args("stamp", "--lang", "it,de"), 0, "every translation has a hash; nothing to stamp"},
		{"no l10n command", []string{"l10n"}, 2, "needs a command"},
		{"unknown l10n command", []string{"l10n", "stat"}, 2, `unknown command "stat"`},
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
	if code, _, stderr := fsn(t, args("import", broken)...); code != 1 || !strings.HasSuffix(stderr, "fsn: 1 error; nothing was written\n") {
		t.Errorf("a refused import ends with %q", stderr)
	}
}

func TestL10nStatusJSON(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	code, stdout, stderr := fsn(t, "l10n", "status", "--format", "json", "--notices", filepath.Join(dir, "notices"), "--locales", filepath.Join(dir, "locales"), "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var st struct {
		Languages []string `json:"languages"`
		Cells     []struct {
			Name     string  `json:"name"`
			Lang     string  `json:"lang"`
			Complete float64 `json:"complete"`
		} `json:"cells"`
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(st.Languages) != 3 || len(st.Cells) != 6 {
		t.Errorf("the status has languages %v and %d cells", st.Languages, len(st.Cells))
	}
}

// shippedLabels counts the labels fsn ships: the messages of the English labels file.
func shippedLabels(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fsntest.Root(t), "locales", "en", "labels.en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return len(regexp.MustCompile(`(?m)^\[[^\]]+\]$`).FindAll(data, -1))
}
