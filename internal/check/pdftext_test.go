package check

import (
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/render"
)

// TestPDFTextJoinsHyphenatedWords reads a German PDF whose narrow table
// cells hyphenate a long word with soft hyphens: the text verify compares
// has the word whole, as many times as the table holds it.
func TestPDFTextJoinsHyphenatedWords(t *testing.T) {
	// Two columns, which a table too wide for the page (more than two whose
	// words do not fit) is not: it would be set as blocks, its words whole.
	word := "Sicherheitsinformationsübermittlungsverfahrensbeschreibungen"
	row := "|" + strings.Repeat(" "+word+" |", 2) + "\n"
	md := "# Titel\n\n" + row + "|" + strings.Repeat("---|", 2) + "\n" + row
	b, err := render.PDF(render.Parse([]byte(md)), render.PDFMeta{
		Lang: "de", Title: "T", Date: time.Date(2017, 11, 6, 0, 0, 0, 0, time.UTC),
		PageLabel: func(page, pages int) (string, error) { return "Seite", nil },
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text, err := readPDFText(b, render.DefaultPDFStyle())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.text, "\u00ad") {
		t.Fatalf("the table does not hyphenate %s; the test needs narrower cells: %q", word, text.text)
	}
	if n := strings.Count(text.sq, word); n != 4 {
		t.Errorf("the text holds %s whole %d times, want 4: %q", word, n, text.sq)
	}
}
