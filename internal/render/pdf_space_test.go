package render

import (
	"strings"
	"testing"
)

// TestPDFNarrowNoBreakSpace renders French numbers, grouped by the narrow
// no-break space (U+202F) and the thin space: Liberation Sans draws them, and
// Liberation Mono, which lacks them, draws a no-break space instead, so the
// number stays on one line, as Coverage promises.
func TestPDFNarrowNoBreakSpace(t *testing.T) {
	md := "# T\n\nNous avons testé 41\u202f800 batteries\u00a0: 0,09\u202f% d’entre elles, et 1\u2009234, `2\u202f500`.\n"
	b, err := PDF(Parse([]byte(md)), testMeta("fr", "Avis", "Page %d sur %d"), nil)
	if err != nil {
		t.Fatalf("PDF: %v", err)
	}
	_, pages := readPDF(t, b)
	text := strings.Join(pages, "")
	for _, want := range []string{"41\u202f800", "0,09\u202f%", "1\u2009234", "2\u00a0500"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q: %q", want, text)
		}
	}
	cov, err := DefaultPDFStyle().Coverage()
	if err != nil {
		t.Fatal(err)
	}
	if missing := cov.Missing(md); len(missing) > 0 {
		t.Errorf("Coverage says the fonts cannot draw %q", missing)
	}
}
