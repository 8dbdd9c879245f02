package render

// pdfDocExtra maps the characters that PDFDocEncoding (ISO 32000-1, Annex D,
// Table D.2) puts where Latin-1 has control codes, or has no character, onto
// their codes: accents, typographic quotes, dashes, the bullet, the euro.
var pdfDocExtra = map[rune]byte{
	'\u02D8': 0x18, '\u02C7': 0x19, '\u02C6': 0x1A, '\u02D9': 0x1B,
	'\u02DD': 0x1C, '\u02DB': 0x1D, '\u02DA': 0x1E, '\u02DC': 0x1F,
	'\u2022': 0x80, '\u2020': 0x81, '\u2021': 0x82, '\u2026': 0x83,
	'\u2014': 0x84, '\u2013': 0x85, '\u0192': 0x86, '\u2044': 0x87,
	'\u2039': 0x88, '\u203A': 0x89, '\u2212': 0x8A, '\u2030': 0x8B,
	'\u201E': 0x8C, '\u201C': 0x8D, '\u201D': 0x8E, '\u2018': 0x8F,
	'\u2019': 0x90, '\u201A': 0x91, '\u2122': 0x92, '\uFB01': 0x93,
	'\uFB02': 0x94, '\u0141': 0x95, '\u0152': 0x96, '\u0160': 0x97,
	'\u0178': 0x98, '\u017D': 0x99, '\u0131': 0x9A, '\u0142': 0x9B,
	'\u0153': 0x9C, '\u0161': 0x9D, '\u017E': 0x9E, '\u20AC': 0xA0,
}

// pdfDocByte returns the PDFDocEncoding code of a printable character, and
// false for a character the encoding lacks or a control character.
func pdfDocByte(r rune) (byte, bool) {
	if r >= 0x20 && r <= 0x7E || r >= 0xA1 && r <= 0xFF && r != 0xAD { // where it agrees with Latin-1
		return byte(r), true
	}
	c, ok := pdfDocExtra[r]
	return c, ok
}
