package hyph

import (
	"strings"
	"testing"
)

// hyphenated writes word with a hyphen at each of its points.
func hyphenated(h *Hyphenator, word string) string {
	r := []rune(word)
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(string(r[last:p]) + "-")
		last = p
	}
	b.WriteString(string(r[last:]))
	return b.String()
}

// TestPoints hyphenates words of the languages fsn has patterns for as their
// dictionaries do, and leaves alone what is not a word.
func TestPoints(t *testing.T) {
	for _, tt := range []struct{ lang, word, want string }{
		{"it", "informazioni", "in-for-ma-zio-ni"},
		{"it", "installazione", "in-stal-la-zio-ne"},
		{"de", "Sicherheitsinformationen", "Si-cher-heits-in-for-ma-tio-nen"},
		{"de-AT", "Medizinprodukte", "Me-di-zin-pro-duk-te"},
		{"en", "hyphenation", "hy-phen-a-tion"},
		{"fr", "informations", "in-for-ma-tions"},
		{"it", "iQ-WEBX", "iQ-WEBX"},               // not only letters
		{"de", "08594123400017", "08594123400017"}, // an identifier
		{"it", "sì", "sì"},                         // too short
	} {
		h := For(tt.lang)
		if h == nil {
			t.Fatalf("no patterns for %s", tt.lang)
		}
		if got := hyphenated(h, tt.word); got != tt.want {
			t.Errorf("%s: %s hyphenates as %s, want %s", tt.lang, tt.word, got, tt.want)
		}
	}
	if For("el") != nil {
		t.Error("Greek has patterns, whose licence fsn has not checked")
	}
}

// BenchmarkParse reads the German patterns, the largest (272 KB), as For
// does once per process the first time a German word is cut.
func BenchmarkParse(b *testing.B) {
	data, err := files.ReadFile("patterns/hyph-de-1996.pat.txt")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		parse(data)
	}
}

// BenchmarkPoints hyphenates a long German word.
func BenchmarkPoints(b *testing.B) {
	h := For("de")
	for b.Loop() {
		h.Points("Sicherheitsinformationen")
	}
}
