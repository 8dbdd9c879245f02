package render

import "testing"

// TestPDFString checks text strings against ISO 32000-1, Table D.2: one byte
// a character when PDFDocEncoding has every character, UTF-16BE otherwise.
func TestPDFString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "()"},
		{"Sender (a)", `(Sender \(a\))`},
		{"«Come operatore» è", "(\xABCome operatore\xBB \xE8)"},
		{"iQ-WEBX – iQ-X “2.2.0” …", "(iQ-WEBX \x85 iQ-X \x8D2.2.0\x8E \x83)"},
		{"5 €, Łódka", "(5 \xA0, \x95\xF3dka)"},
		{"Łódź", "(\xFE\xFF\x01\x41\x00\xF3\x00d\x01\x7A)"}, // ź is not in PDFDocEncoding
		{"Ω", "(\xFE\xFF\x03\xA9)"},
		{"soft\u00ADhyphen", "(\xFE\xFF\x00s\x00o\x00f\x00t\x00\xAD\x00h\x00y\x00p\x00h\x00e\x00n)"},
		{"a\nb", "(\xFE\xFF\x00a\x00\\n\x00b)"},
	} {
		if got := pdfString(tt.in); got != tt.want {
			t.Errorf("pdfString(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
