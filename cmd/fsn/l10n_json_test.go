package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// l10nJSON is the JSON report of sync, merge, stamp, add and import.
type l10nJSON struct {
	Done     []string      `json:"done"`
	Files    []writtenFile `json:"files"`
	Removed  []string      `json:"removed"`
	Findings []struct {
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Severity string `json:"severity"`
		Check    string `json:"check"`
		Message  string `json:"message"`
	} `json:"findings"`
}

// runJSON runs fsn with args, which end in --format json, and decodes its
// standard output into v; the exit code must be want.
func runJSON(t *testing.T, want int, v any, args ...string) {
	t.Helper()
	code, stdout, stderr := fsn(t, args...)
	if code != want {
		t.Fatalf("%v: exit %d, want %d\nstdout: %s\nstderr: %s", args, code, want, stdout, stderr)
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%v: the report is not the JSON it should be: %v\n%s", args, err, stdout)
	}
}

// checkFiles checks that each file of a report is on disk with the size and
// SHA-256 the report gives, and that the report lists exactly want.
func checkFiles(t *testing.T, cmd string, files []writtenFile, want ...string) {
	t.Helper()
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Errorf("%s lists %s: %v", cmd, f.Path, err)
			continue
		}
		sum := sha256.Sum256(data)
		if f.Size != int64(len(data)) || f.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s lists %s with %d bytes, SHA-256 %s; the file has %d, %x", cmd, f.Path, f.Size, f.SHA256, len(data), sum)
		}
	}
	slices.Sort(paths)
	slices.Sort(want)
	if !slices.Equal(paths, want) {
		t.Errorf("%s lists the files %q, want %q", cmd, paths, want)
	}
}

// TestL10nJSON runs each fsn l10n command that writes files with --format
// json through a translator's day: sync of a notice with a missing message,
// merge of the filled-in work file, stamp of a label without a hash, add of a
// language, export to XLIFF and import of it, and tm export. Each report
// lists the files written with their size and SHA-256, the files removed, what
// was done and the findings.
func TestL10nJSON(t *testing.T) {
	dir := fsntest.CopyProject(t)
	labelCount := shippedLabels(t)
	t.Chdir(dir)
	const seed = "iqwebx-2017-11"
	it := filepath.ToSlash(filepath.Join("locales", "it", seed+".it.toml"))
	work := filepath.ToSlash(filepath.Join("locales", "it", "translate", seed+".it.toml"))
	source := filepath.ToSlash(filepath.Join("locales", "en", seed+".en.toml"))
	hardware := filepath.ToSlash(filepath.Join("locales", "en", "infusia-ip7-2026-05.en.toml")) // the other notice's source file
	const subject = "Esecuzione di aggiornamenti antivirus e Windows sui server iQ-WEBX"
	fsntest.Replace(t, it, "[iqwebx-2017-11.subject]\ndescription = \"Header: subject of the notice\"\nhash = \"sha1-22b5c10d99327d0bfd4a6ad20e71e32c4f302b56\"\nother = \""+subject+"\"\n\n", "")

	var sync l10nJSON
	runJSON(t, exitOK, &sync, "l10n", "sync", "--format", "json")
	checkFiles(t, "sync", sync.Files, hardware, work, source) // the history has every source already
	if !slices.Contains(sync.Done, "wrote "+work+": 1 to translate (1 missing)") || len(sync.Removed) != 0 || len(sync.Findings) != 0 {
		t.Errorf("sync reports %+v", sync)
	}

	fsntest.Replace(t, work, `other = "Running antivirus and Windows updates on iQ-WEBX servers"`, `other = "`+subject+`"`)
	var merge l10nJSON
	runJSON(t, exitOK, &merge, "l10n", "merge", "--format", "json")
	checkFiles(t, "merge", merge.Files, it)
	if !slices.Equal(merge.Removed, []string{work}) {
		t.Errorf("merge removed %q, want the work file %s", merge.Removed, work)
	}

	labels := filepath.ToSlash(filepath.Join("locales", "de", "labels.de.toml"))
	fsntest.Replace(t, labels, "hash = \"sha1-167ce7a5552c3b1abca2f111ee28e918e2c570bc\"\nother = \"Ansprechpartner\"", "other = \"Ansprechpartner\"")
	var stamp l10nJSON
	runJSON(t, exitOK, &stamp, "l10n", "stamp", "--lang", "de", "--format", "json")
	checkFiles(t, "stamp", stamp.Files, labels)

	var add l10nJSON
	runJSON(t, exitOK, &add, "l10n", "add", "--format", "json", "es", seed)
	frWork := filepath.ToSlash(filepath.Join("locales", "es", "translate", seed+".es.toml"))
	checkFiles(t, "add", add.Files, frWork)
	if len(add.Done) == 0 || !strings.HasPrefix(add.Done[len(add.Done)-1], "Translate the work files") {
		t.Errorf("add reports %q", add.Done)
	}

	var export struct {
		Language    string        `json:"language"`
		XLIFF       string        `json:"xliff"`
		Units       int           `json:"units"`
		ToTranslate int           `json:"to_translate"`
		ToReview    int           `json:"to_review"`
		Files       []writtenFile `json:"files"`
		Findings    []any         `json:"findings"`
	}
	runJSON(t, exitOK, &export, "l10n", "export", "--xliff", "1.2", "--lang", "it", "--out", "it.xlf", "--format", "json")
	checkFiles(t, "export", export.Files, "it.xlf")
	itLabels, err := os.ReadFile(filepath.Join(dir, "locales", "it", "labels.it.toml"))
	if err != nil {
		t.Fatal(err)
	}
	itForms := len(regexp.MustCompile(`(?m)^(zero|one|two|few|many) =`).FindAll(itLabels, -1)) // a unit each, beside the notice's 59 messages
	if export.Language != "it" || export.XLIFF != "1.2" || export.Units != 59+itForms+labelCount || export.ToTranslate != 0 {
		t.Errorf("export reports %+v", export)
	}

	var imp l10nJSON
	runJSON(t, exitOK, &imp, "l10n", "import", "--format", "json", "it.xlf")
	checkFiles(t, "import", imp.Files)
	if !slices.ContainsFunc(imp.Done, func(s string) bool { return strings.HasPrefix(s, "imported 0 translations from it.xlf") }) {
		t.Errorf("import reports %q", imp.Done)
	}

	var tm struct {
		Units    int           `json:"units"`
		Files    []writtenFile `json:"files"`
		Findings []any         `json:"findings"`
	}
	runJSON(t, exitOK, &tm, "l10n", "tm", "export", "--out", "memory.tmx", "--format", "json")
	checkFiles(t, "tm export", tm.Files, "memory.tmx")
	if tm.Units == 0 {
		t.Errorf("tm export reports %+v", tm)
	}

	// A refused merge is a JSON report too, its errors the findings.
	os.MkdirAll(filepath.Dir(work), 0o755)
	os.WriteFile(work, []byte("[iqwebx-2017-11.sbject]\nother = \"x\"\n"), 0o644)
	var refused l10nJSON
	runJSON(t, exitInputError, &refused, "l10n", "merge", "--format", "json")
	if len(refused.Files) != 0 || len(refused.Findings) == 0 || refused.Findings[0].File != work || refused.Findings[0].Severity != "error" {
		t.Errorf("a refused merge reports %+v", refused)
	}
}
