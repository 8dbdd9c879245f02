package l10n

import (
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

func TestWorkFileRoundTrip(t *testing.T) {
	w := &WorkFile{Path: filepath.Join("locales", "it", WorkDir, "labels.it.toml"), Header: []string{"# A work file.", "# Second line."}}
	w.Entries = []*WorkEntry{
		{Message: &i18n.Message{ID: "fax", Description: "Caption of a fax number", Hash: "sha1-1", Other: "Fax"}, Same: true},
		{Message: &i18n.Message{ID: "heading-actions", Description: "Line one\nThe source read: “What \"must\" be done\"\"\" now?”\n\"quoted\"",
			Hash: "sha1-2", Other: "Quali misure?"}, Waivers: []string{"# fsn:waive end-punctuation: a question."}},
		{Message: &i18n.Message{ID: "page", Hash: "sha1-3", One: "Pagina {{.Page}}", Many: "Pagine", Other: "Pagine {{.Page}}"}},
		{Message: &i18n.Message{ID: "troubleshooting.steps.copy-file", Description: "Path `<dir>\\PACS\\`\nand a tab\there", Hash: "sha1-4", Other: "Copia `<dir>\\PACS\\`."}},
	}
	data := w.Bytes()
	got, err := ParseWorkFile(w.Path, data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if got.Name != "labels" || got.Lang != "it" || len(got.Header) != 2 || len(got.Entries) != len(w.Entries) {
		t.Fatalf("read %+v", got)
	}
	for i, e := range got.Entries {
		want := w.Entries[i]
		if *e.Message != *want.Message || e.Same != want.Same || len(e.Waivers) != len(want.Waivers) {
			t.Errorf("entry read back as %+v (same %v, waivers %q)\nwant %+v", e.Message, e.Same, e.Waivers, want.Message)
		}
		if e.Pos.Line == 0 {
			t.Errorf("entry %s has no line", e.ID)
		}
	}
	if string(got.Bytes()) != string(data) {
		t.Errorf("written again, the work file differs:\n%s\nwas:\n%s", got.Bytes(), data)
	}
	// go-i18n's own loader reads it.
	if _, err := i18n.ParseMessageFileBytes(data, w.Path, map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}); err != nil {
		t.Error(err)
	}
}
