package l10n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

func TestUpdateFile(t *testing.T) {
	const path = "testdata/edit/labels.it.toml"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	order := []string{"flat", "title", "new-first", "multi", "page", "new-after-page", "troubleshooting.steps.copy-file", "new-last"}
	tests := []struct {
		name    string
		update  Update
		changed []string // lines that must be in the result
		gone    []string // lines that must not
	}{
		{"same text changes nothing", Update{Message: &i18n.Message{ID: "title", Other: "Titolo"}}, nil, nil},
		{"new text", Update{Message: &i18n.Message{ID: "title", Other: "Il titolo"}}, []string{`other = "Il titolo"`}, []string{`other = "Titolo"`}},
		{"hash added before other", Update{Message: &i18n.Message{ID: "title", Hash: "sha1-new", Other: "Titolo"}},
			[]string{"description = \"Title of every notice\"\nhash = \"sha1-new\"\nother = \"Titolo\""}, nil},
		{"multi-line string replaced", Update{Message: &i18n.Message{ID: "multi", Other: "Una riga"}}, []string{`other = "Una riga"`}, []string{"Prima riga", "seconda riga"}},
		{"plural form added in CLDR order", Update{Message: &i18n.Message{ID: "page", One: "Pagina {{.Page}} di {{.Pages}}", Many: "Pagine {{.Page}} di {{.Pages}}", Other: "Pagine {{.Page}} di {{.Pages}}"}},
			[]string{"one = \"Pagina {{.Page}} di {{.Pages}}\"\nmany = \"Pagine {{.Page}} di {{.Pages}}\"\nother"}, nil},
		{"flat message becomes an inline table", Update{Message: &i18n.Message{ID: "flat", Hash: "sha1-x", Other: "Piano"}},
			[]string{`labels.flat = { hash = "sha1-x", other = "Piano" }`}, nil},
		{"dotted id", Update{Message: &i18n.Message{ID: "troubleshooting.steps.copy-file", Hash: "sha1-new", Other: "Copia `<dir>\\PACS\\`."}},
			[]string{"hash = \"sha1-new\"\nother = \"Copia `<dir>\\\\PACS\\\\`.\""}, nil},
		{"comment added above", Update{Message: &i18n.Message{ID: "multi", Other: "Una riga"}, Comments: []string{"# fsn:waive end-punctuation: a list."}},
			[]string{"\n# fsn:waive end-punctuation: a list.\n[labels.multi]\n"}, nil},
		{"comment not repeated", Update{Message: &i18n.Message{ID: "title", Other: "Titolo"}, Comments: []string{"# fsn:waive unchanged: a name."}}, nil, nil},
		{"new message before the next", Update{Message: &i18n.Message{ID: "new-first", Description: "D", Other: "Primo"}},
			[]string{"other = \"Titolo\"\n\n[labels.new-first]\ndescription = \"D\"\nother = \"Primo\"\n\n[labels.multi]"}, nil},
		{"new message after the previous", Update{Message: &i18n.Message{ID: "new-after-page", Other: "Dopo"}},
			[]string{"other = \"Pagine {{.Page}} di {{.Pages}}\"\n\n[labels.new-after-page]\nother = \"Dopo\"\n\n[labels.troubleshooting"}, nil},
		{"new message at the end", Update{Message: &i18n.Message{ID: "new-last", Other: "Ultimo"}},
			[]string{"`<dir>\\\\PACS\\\\`.\"\n\n[labels.new-last]\nother = \"Ultimo\"\n"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := UpdateFile(LabelsName, data, []Update{tt.update}, order)
			if tt.changed == nil && string(got) != string(data) {
				t.Fatalf("the file changed:\n%s", got)
			}
			for _, s := range tt.changed {
				if !strings.Contains(string(got), s) {
					t.Errorf("the result lacks %q:\n%s", s, got)
				}
			}
			for _, s := range tt.gone {
				if strings.Contains(string(got), s) {
					t.Errorf("the result still has %q:\n%s", s, got)
				}
			}
			f, err := ParseFile(path, got)
			if err != nil {
				t.Fatalf("go-i18n cannot read the result: %v\n%s", err, got)
			}
			m := f.Messages[tt.update.Message.ID]
			if m == nil || m.Other != tt.update.Message.Other || m.One != tt.update.Message.One || m.Many != tt.update.Message.Many {
				t.Errorf("go-i18n reads %+v, want %+v", m, tt.update.Message)
			}
			// Every other message reads as before.
			before, _ := ParseFile(path, data)
			for id, old := range before.Messages {
				if id != m.ID && *f.Messages[id].Message != *old.Message {
					t.Errorf("message %s changed: %+v", id, f.Messages[id].Message)
				}
			}
		})
	}
}

// TestUpdateFileSeed deletes each message of the seed translations and writes
// it back: the file must come out byte for byte as it was.
func TestUpdateFileSeed(t *testing.T) {
	n, c := loadSeed(t)
	var order []string
	for _, text := range n.Texts() {
		order = append(order, text.ID)
	}
	for _, lang := range []string{"it", "de"} {
		f := c.File(lang, n.ID)
		lines := strings.Split(string(f.Data), "\n")
		for _, id := range []string{"subject", "problem.cause.licgen", "troubleshooting.notes.restore-deleted.resellers", "reply_form.fields.signature"} {
			m := f.Messages[id]
			start := m.Pos.Line - 1
			end := start + 1
			for end < len(lines) && lines[end] != "" {
				end++
			}
			// Drop the table and the blank line that follows it, or precedes it at the end.
			var cut []string
			if end < len(lines)-1 {
				cut = append(append(cut, lines[:start]...), lines[end+1:]...)
			} else {
				cut = append(append(cut, lines[:start-1]...), lines[end:]...)
			}
			got := UpdateFile(n.ID, []byte(strings.Join(cut, "\n")), []Update{{Message: m.Message}}, order)
			if string(got) != string(f.Data) {
				t.Errorf("%s: %s written back differs:\n%s", filepath.Base(f.Path), id, got)
			}
		}
	}
}
