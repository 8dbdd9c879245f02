package translate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// second is the id of testdata/second-notice, a notice that repeats sentences of the seed.
const second = "iqwebx-2018-03"

// withSecondNotice returns a copy of the project with the second notice beside the seed.
func withSecondNotice(t testing.TB) string {
	t.Helper()
	dir := fsntest.CopySeedProject(t)
	fsntest.CopyTree(t, filepath.Join("testdata", "second-notice"), filepath.Join(dir, "notices", second))
	return dir
}

// TestSyncOffersMemory syncs the Italian work file of the second notice: each
// entry offers the seed's Italian translations of the same or a similar source
// as matches; an exact match is pre-filled but marked, and merge takes it only
// once the translator has reviewed it and deleted the mark.
func TestSyncOffersMemory(t *testing.T) {
	dir := withSecondNotice(t)
	rep, err := load(t, dir).Sync([]string{"it"})
	if err != nil {
		t.Fatal(err)
	}
	work := workPath(dir, "it", second)
	if !slices.ContainsFunc(rep.Done, func(s string) bool {
		return strings.HasPrefix(s, "wrote "+work) && strings.Contains(s, "matches from the translation memory")
	}) {
		t.Errorf("sync said %q", rep.Done)
	}
	w, err := l10n.ReadWorkFile(work)
	if err != nil {
		t.Fatal(err)
	}
	seedIt := localePath(dir, "it", seed)
	tests := []struct {
		id, offer string
		prefilled string // the pre-filled translation, or "" for the source text
	}{
		{"actions.operators.steps.restart-and-scan",
			"81% " + seed + " actions.operators.steps.restart-and-scan (" + seedIt + ":106:1): “Restart the server and then run an antivirus scan.” → “Riavviare il server e poi effettuare una scansione antivirus.”",
			""},
		{"transmission.keep",
			"100% " + seed + " transmission.keep (" + seedIt + ":216:1): “Please keep this information at least until the actions it describes have been completed.” → “Si prega di conservare queste informazioni almeno fino a quando le misure ivi indicate non siano state completate.”",
			"Si prega di conservare queste informazioni almeno fino a quando le misure ivi indicate non siano state completate."},
	}
	for _, tt := range tests {
		e := w.Entry(tt.id)
		switch {
		case e == nil:
			t.Errorf("%s: not in the work file", tt.id)
			continue
		case !strings.Contains(e.Description, tt.offer):
			t.Errorf("%s: the description does not offer\n%s\nit reads:\n%s", tt.id, tt.offer, e.Description)
		case tt.prefilled == "" && (e.Review != "" || strings.Contains(e.Other, "Riavviare")):
			t.Errorf("%s: a fuzzy match is pre-filled: %q (%q)", tt.id, e.Other, e.Review)
		case tt.prefilled != "" && (e.Other != tt.prefilled || e.Review == ""):
			t.Errorf("%s: the exact match is not pre-filled and marked: %q (%q)", tt.id, e.Other, e.Review)
		}
	}
	if !strings.Contains(read(t, work), l10n.ReviewComment+" "+seed+" transmission.keep") {
		t.Errorf("the work file does not mark the pre-filled entry:\n%s", read(t, work))
	}

	// Merge takes nothing pre-filled from the memory and not reviewed.
	rep, err = load(t, dir).Merge(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(localePath(dir, "it", second)); !os.IsNotExist(err) {
		t.Errorf("merge wrote the translation of %s from unreviewed matches", second)
	}
	if !slices.ContainsFunc(rep.Done, func(s string) bool { return strings.Contains(s, "wait for review") }) {
		t.Errorf("merge said %q", rep.Done)
	}

	// The translator checks one and deletes its mark: merge takes it.
	text := read(t, work)
	mark := l10n.ReviewComment + " " + seed + " transmission.keep"
	i := strings.Index(text, mark)
	os.WriteFile(work, []byte(text[:i]+text[i+strings.Index(text[i:], "\n")+1:]), 0o644)
	if _, err := load(t, dir).Merge(nil); err != nil {
		t.Fatal(err)
	}
	f, err := l10n.ReadFile(localePath(dir, "it", second))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Messages) != 1 || f.Messages["transmission.keep"] == nil || f.Messages["transmission.keep"].Other != tests[1].prefilled {
		t.Errorf("merge wrote %d messages: %v", len(f.Messages), f.Messages)
	}
	// The rest is still missing for fsn check: nothing went out unreviewed.
	p := load(t, dir)
	missing := 0
	for _, d := range check.New(p.Catalog).Check(p.Notices, []string{"it"}).Errors() {
		if d.Check == check.Missing || d.Check == check.StepMissing {
			missing++
		}
	}
	if missing == 0 {
		t.Error("fsn check finds no missing message in the second notice")
	}
}

// TestTMXRoundTrip exports the memory as TMX and imports it into the second
// notice: every message whose source the seed translated, and only those, is
// translated, and through the rules of the XLIFF import.
func TestTMXRoundTrip(t *testing.T) {
	dir := withSecondNotice(t)
	data, units, err := load(t, dir).ExportTMX()
	if err != nil {
		t.Fatal(err)
	}
	if units < 100 || !strings.Contains(string(data), `<tu tuid="`+seed+`/transmission.keep">`) {
		t.Fatalf("the TMX has %d units:\n%.2000s", units, data)
	}
	// Another tool's memory names no message: the units translate by source text.
	other := strings.NewReplacer(`tuid="`+seed+`/`, `tuid="x-`).Replace(string(data))
	path := filepath.Join(t.TempDir(), "memory.tmx")
	os.WriteFile(path, []byte(other), 0o644)
	rep, err := load(t, dir).ImportTMX(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := l10n.ReadFile(localePath(dir, "it", second))
	if err != nil {
		t.Fatalf("%v (import said %q)", err, rep.Done)
	}
	if f.Messages["transmission.keep"] == nil || f.Messages["actions.operators.steps.restart-and-scan"] != nil {
		t.Errorf("the import took %d messages; the changed step must not be among them", len(f.Messages))
	}
	if _, err := os.Stat(localePath(dir, "de", second)); !os.IsNotExist(err) {
		t.Error("the import wrote German, which the second notice does not list and has no file of")
	}
	// Importing the memory into the seed itself changes nothing.
	before := snapshot(t, dir)
	if _, err := load(t, dir).ImportTMX(path); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, dir); !mapsEqual(before, after) {
		t.Error("importing the same memory again changed the locale files")
	}
}

// TestTMXImportRefuses imports a TMX whose unit changed a code span of the
// source: fsn check's rules refuse it, at the TMX's line, and nothing is written.
func TestTMXImportRefuses(t *testing.T) {
	dir := withSecondNotice(t)
	data, _, err := load(t, dir).ExportTMX()
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "Aprire la sottocartella `PACS` e poi `php`.", "Aprire la sottocartella PACS e poi php.", 1)
	path := filepath.Join(t.TempDir(), "memory.tmx")
	os.WriteFile(path, []byte(broken), 0o644)
	before := snapshot(t, dir)
	_, err = load(t, dir).ImportTMX(path)
	if err == nil || !strings.Contains(err.Error(), path+":") || !strings.Contains(err.Error(), "code-changed") {
		t.Errorf("the import of a broken code span gave %v", err)
	}
	if after := snapshot(t, dir); !mapsEqual(before, after) {
		t.Error("a refused import changed the locale files")
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
