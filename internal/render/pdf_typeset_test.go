package render

import (
	"fmt"
	"strings"
	"testing"
)

// TestPDFNoBreakInIdentifiers lays out a relation sign before a version, a
// range of lot numbers and a UDI-DI at every width from 20 to 80 mm: the line
// never breaks between "≤" and its version nor inside the range, and the UDI-DI
// is never cut while a line can hold it.
func TestPDFNoBreakInIdentifiers(t *testing.T) {
	w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
	text := "Affected are the versions ≤ 3.2.7 of the software, the lots 1000 – 1999 and the device 08594123400017 in every hospital ≥ 2 beds."
	tokens := w.tokenize([]textSpan{{text: text}}, 10)
	for width := 20.0; width <= 80; width += 0.5 {
		lines := w.breakLines(tokens, width, 10)
		var texts []string
		for _, l := range lines {
			var b strings.Builder
			for _, r := range l.runs {
				b.WriteString(r.text)
			}
			texts = append(texts, strings.TrimSpace(b.String()))
		}
		joined := strings.Join(texts, "\n")
		for _, whole := range []string{"≤ 3.2.7", "1000 – 1999", "08594123400017", "≥ 2"} {
			if w.textWidth(faceRegular, whole, 10) <= width && !strings.Contains(joined, whole) {
				t.Errorf("at %g mm, %q is broken: %q", width, whole, texts)
			}
		}
	}
}

// TestPDFTableKeepsIdentifiers sets a table of six columns whose UDI-DI and
// version columns would be cut at an equal share of the width: they keep
// their content whole, and the prose column wraps instead.
func TestPDFTableKeepsIdentifiers(t *testing.T) {
	md := "# T\n\n| Device | UDI-DI | Lot | Serial numbers | Version | Condition |\n|---|---|---|---|---|---|\n" +
		"| iQ-WEB | 08594123400017 | L2017-0815 | 100000–199999 | ≤ 6.4.5 | when used together with a licence of iQ-X 2.2.0 |\n"
	b, err := PDF(Parse([]byte(md)), testMeta("en", "T", "Page %d of %d"), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, pages := readPDF(t, b)
	text := strings.Join(pages, "\n")
	for _, whole := range []string{"08594123400017", "L2017-0815", "100000–199999", "≤ 6.4.5"} {
		if !strings.Contains(text, whole) {
			t.Errorf("the table breaks %q: %q", whole, text)
		}
	}
}

// TestPDFHeadingKeptWithNext moves a section heading, its subheading and the
// paragraph under them down a page, one filler line at a time: whenever the
// heading is on a page, the first line of the paragraph is on it too.
func TestPDFHeadingKeptWithNext(t *testing.T) {
	for filler := 36; filler <= 52; filler++ {
		var md strings.Builder
		md.WriteString("# Title\n\n")
		for i := range filler {
			fmt.Fprintf(&md, "Filler line %d.\\\n", i)
		}
		md.WriteString("End.\n\n## Section heading\n\n### For operators\n\nFirstline of the paragraph that follows the headings, long enough to wrap onto a second line of the page, and more words.\n")
		b, err := PDF(Parse([]byte(md.String())), testMeta("en", "T", "Page %d of %d"), nil)
		if err != nil {
			t.Fatal(err)
		}
		_, pages := readPDF(t, b)
		for i, p := range pages {
			if strings.Contains(p, "Section heading") && !strings.Contains(squeeze(p), "Firstlineoftheparagraph") {
				t.Errorf("with %d filler lines, page %d ends with the heading, whose paragraph is on the next page", filler, i+1)
			}
		}
	}
}
