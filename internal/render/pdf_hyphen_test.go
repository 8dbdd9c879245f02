package render

import (
	"strings"
	"testing"
)

// TestPDFHyphenatesLongWords lays out a long German word and an identifier at
// widths too narrow for either: the word is cut only at its hyphenation
// points, each line but the last ending in a soft hyphen, and the lines joined
// without the hyphens give the word back; the identifier gets no hyphen. In a
// language without patterns the word is cut as before, without a hyphen.
func TestPDFHyphenatesLongWords(t *testing.T) {
	word := "Sicherheitsinformationen"
	for _, tt := range []struct {
		lang    string
		hyphens bool
	}{{"de", true}, {"el", false}} {
		w := newPDFWriter(Parse(nil), testMeta(tt.lang, "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
		for width := 12.0; width <= 30; width += 2 {
			for _, text := range []string{word, "08594123400017"} {
				lines := w.breakLines(w.tokenize([]textSpan{{text: text}}, 10), width, 10)
				var texts []string
				for _, l := range lines {
					var b strings.Builder
					for _, r := range l.runs {
						b.WriteString(r.text)
					}
					texts = append(texts, b.String())
				}
				if got := strings.ReplaceAll(strings.Join(texts, ""), string(softHyphen), ""); got != text {
					t.Errorf("%s at %g mm: %q joined is %q", tt.lang, width, texts, got)
				}
				for i, l := range texts {
					hyphenated := strings.HasSuffix(l, string(softHyphen))
					want := tt.hyphens && text == word && i < len(texts)-1
					if hyphenated != want {
						t.Errorf("%s at %g mm: line %d of %q, %q: hyphenated %v, want %v", tt.lang, width, i, texts, l, hyphenated, want)
					}
				}
				if tt.hyphens && text == word {
					for _, l := range texts[:len(texts)-1] {
						if !isPoint(strings.TrimSuffix(l, string(softHyphen))) {
							t.Errorf("%s at %g mm: %q is cut outside a hyphenation point", tt.lang, width, texts)
						}
					}
				}
			}
		}
	}
}

// isPoint reports whether the line's text ends where the German patterns
// hyphenate "Sicherheitsinformationen": Si-cher-heits-in-for-ma-tio-nen.
func isPoint(line string) bool {
	for _, end := range []string{"Si", "cher", "heits", "in", "for", "ma", "tio"} {
		if strings.HasSuffix(line, end) {
			return true
		}
	}
	return false
}
