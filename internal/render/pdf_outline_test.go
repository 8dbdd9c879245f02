package render

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
)

// gofpdfTitle writes s as gofpdf writes an outline title for a UTF-8 font.
func gofpdfTitle(s string) string {
	var b strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	r := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "\r", `\r`)
	return "(\xFE\xFF" + r.Replace(b.String()) + ")"
}

func TestGofpdfUTF16(t *testing.T) {
	for _, text := range []string{"", "Sender", "Contact (support)", `C:\Program Files`, "«Come operatore»", "Ενέργειες", "\u2028(\u2029)", "a\rb"} {
		in := gofpdfTitle(text) + "\n/Parent 3 0 R"
		got, n, ok := gofpdfUTF16([]byte(in))
		if !ok || got != text || in[n:] != "\n/Parent 3 0 R" {
			t.Errorf("%q: read %q, %d bytes, %v; want the text and %d bytes", text, got, n, ok, len(in)-len("\n/Parent 3 0 R"))
		}
	}
	for _, bad := range []string{"(\xFE\xFFa)", "(\xFE\xFF\x00a", "(\xFE\xFF\x00\\n)", "(\xFE\xFF\\"} {
		if _, _, ok := gofpdfUTF16([]byte(bad)); ok {
			t.Errorf("%q read as a title", bad)
		}
	}
}

// TestOutlineTitleEncoding checks that an outline title is written in
// PDFDocEncoding when its text allows it and in UTF-16 when not.
func TestOutlineTitleEncoding(t *testing.T) {
	for _, tt := range []struct {
		file, lang, title string
		utf16             bool
	}{
		{"notice.md", "en", "Urgent Field Safety Notice", false},
		{"notice.el.md", "el", "Επείγουσα ειδοποίηση ασφάλειας πεδίου", true},
	} {
		r, _ := readPDF(t, renderPDF(t, tt.file, testMeta(tt.lang, tt.title, "%d/%d"), nil))
		first := r.Trailer().Key("Root").Key("Outlines").Key("First")
		if first.Kind() != pdf.Dict {
			t.Fatalf("%s: no outline", tt.file)
		}
		raw := first.Key("Title").RawString()
		if strings.HasPrefix(raw, "\xFE\xFF") != tt.utf16 || first.Key("Title").Text() != tt.title {
			t.Errorf("%s: first outline title %q, want %q in UTF-16: %v", tt.file, raw, tt.title, tt.utf16)
		}
	}
}
