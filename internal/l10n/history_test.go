package l10n

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestHistoryMovesFromOldName reads a history kept under its old name,
// locales/sources.toml, which `goi18n merge $(find locales -name '*.toml')`
// refuses as a message file, and checks that saving it writes
// locales/sources.history with the same texts and removes the old file.
func TestHistoryMovesFromOldName(t *testing.T) {
	dir := t.TempDir()
	src := SourceOf(&i18n.Message{ID: "subject", Description: "Header: subject of the notice", Other: "Running updates"})
	old := "[" + tomlString(src.Hash()) + "]\nid = \"subject\"\ndescription = \"Header: subject of the notice\"\ntext = \"Running updates\"\n"
	if err := os.WriteFile(filepath.Join(dir, OldHistoryName), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := h.Lookup(src.Hash()); !ok || got.Text != src.Text {
		t.Fatalf("the history read from %s has %+v, %v for %s; want %+v", OldHistoryName, got, ok, src.Hash(), src)
	}
	wrote, removed, err := h.Save(func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if wrote != filepath.Join(dir, HistoryName) || removed != filepath.Join(dir, OldHistoryName) {
		t.Errorf("Save says it wrote %q and removed %q", wrote, removed)
	}
	if _, err := os.Stat(filepath.Join(dir, OldHistoryName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there after the history was saved (%v)", OldHistoryName, err)
	}
	again, err := LoadHistory(dir)
	if err != nil {
		t.Fatal(err)
	}
	if again.old != "" {
		t.Errorf("the saved history was read from %s, not %s", again.old, HistoryName)
	}
	if got, ok := again.Lookup(src.Hash()); !ok || got.Text != src.Text || got.ID != src.ID || got.Description != src.Description {
		t.Errorf("%s has %+v, %v for %s; want %+v", HistoryName, got, ok, src.Hash(), src)
	}
}

// TestHistoryNewNameWins reads the history from HistoryName when both names
// exist (an old file put back by a checkout), and removes the old file on
// the next save.
func TestHistoryNewNameWins(t *testing.T) {
	dir := t.TempDir()
	h := &History{path: filepath.Join(dir, HistoryName), texts: map[string]Source{}}
	src := Source{ID: "product", Text: "iQ-X"}
	h.Add(src)
	if _, _, err := h.Save(func(string) bool { return true }); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, OldHistoryName), []byte("not = [toml"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadHistory(dir)
	if err != nil {
		t.Fatalf("the history was read from %s, not %s: %v", OldHistoryName, HistoryName, err)
	}
	if _, ok := got.Lookup(src.Hash()); !ok {
		t.Errorf("%s lost %+v", HistoryName, src)
	}
	if _, _, err := got.Save(func(string) bool { return true }); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, OldHistoryName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s is still there after the history was saved (%v)", OldHistoryName, err)
	}
}
