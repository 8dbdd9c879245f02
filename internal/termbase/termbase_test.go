package termbase_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/termbase"
)

// TestShipped reads the termbase the repository ships for its notice.
func TestShipped(t *testing.T) {
	tb, err := termbase.Load(filepath.Join("..", "..", "locales", termbase.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Entries) == 0 || len(tb.Untranslated("en")) == 0 {
		t.Fatalf("the shipped termbase has %d entries, %d untranslated terms", len(tb.Entries), len(tb.Untranslated("en")))
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ file, want string }{
		{"not-tbx.tbx", "not-tbx.tbx:2:1: error: this is not a TBX termbase: its root element is <xliff>"},
		{"bad-status.tbx", `bad-status.tbx:9:13: error: administrative status "bestTerm" is not one of TBX's`},
		{"variant-first.tbx", `variant-first.tbx:7:16: error: the variant "avvisi" comes before any approved term`},
		{"entity.tbx", "entity.tbx:2:1: error: the termbase declares an entity"},
		{"no-lang.tbx", "no-lang.tbx:6:9: error: <langSet> has no xml:lang"},
		{"broken.tbx", "broken.tbx:5:10: error: the termbase is not well-formed XML"},
		{"missing.tbx", "missing.tbx: error: cannot read the termbase: it does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := termbase.Load(filepath.Join("testdata", tt.file))
			if err == nil {
				t.Fatal("no error")
			}
			if got := strings.ReplaceAll(err.Error(), "testdata/", ""); !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %s\nwant %s…", got, tt.want)
			}
		})
	}
	if _, err := termbase.Load(filepath.Join("testdata", "missing.tbx")); !termbase.IsNotExist(err) {
		t.Errorf("a missing termbase is not told apart: %v", err)
	}
}

// TestFind finds the terms of a TBX 3 termbase in texts, with the rules of
// inflection, case and separated verbs that docs/translators.md describes.
func TestFind(t *testing.T) {
	tb, err := termbase.Load(filepath.Join("testdata", "tbx3.tbx"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, text string
		want       []string // the terms found, as "term@start-end"
	}{
		{"en", "Restart the server, then restart it again.", []string{"restart@0-7", "restart@25-32"}},
		{"en", "The server was restarted.", []string{"restart@15-24"}},
		{"en", "Do not restore it.", nil},
		{"en", "DICOM communication", []string{"DICOM@0-5"}},
		{"cs", "Restartujte server.", []string{"restartujte@0-11"}},
		{"cs", "Server je nutné RESTARTOVAT.", []string{"restartovat@17-28"}},
		{"cs", "Server nelze resetovat.", []string{"resetovat@13-22"}},
		{"de", "Starten Sie den Server neu.", []string{"starten … neu@0-26"}},
		{"de-DE", "Starten Sie den Server anschließend über die Konsole auf dem Rechner von Hand neu.", nil}, // too far apart
		{"de", "Der Server startet.", nil},
		{"it", "Riavviare il server.", nil}, // no Italian terms
	}
	for _, tt := range tests {
		var got []string
		for _, h := range tb.Index(tt.lang).Find(tt.text) {
			got = append(got, fmt.Sprintf("%s@%d-%d", h.Term.Text, h.Start, h.End))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q: found %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
	cs := tb.Index("cs").Find("restartujte, resetovat")
	if cs[0].Term.Of.Text != "restartovat" || cs[1].Term.Status != termbase.Forbidden || cs[1].Term.Usage == "" {
		t.Errorf("the variant belongs to %q, the forbidden term has status %v and note %q", cs[0].Term.Of.Text, cs[1].Term.Status, cs[1].Term.Usage)
	}
}

func BenchmarkFind(b *testing.B) {
	tb, err := termbase.Load(filepath.Join("..", "..", "locales", termbase.FileName))
	if err != nil {
		b.Fatal(err)
	}
	ix := tb.Index("it")
	text := strings.Repeat("Controllare il programma antivirus per identificare eventuali avvisi che segnalino il rilevamento di minacce. ", 20)
	for b.Loop() {
		ix.Find(text)
	}
}
