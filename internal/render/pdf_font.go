package render

import (
	"bytes"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// face is one of the six fonts of an edition.
type face int

const (
	faceRegular face = iota
	faceBold
	faceItalic
	faceBoldItalic
	faceMono
	faceMonoBold
	numFaces
)

// faceFonts are the gofpdf family and style of each face.
var faceFonts = [numFaces]struct{ family, style string }{
	faceRegular:    {"body", ""},
	faceBold:       {"body", "B"},
	faceItalic:     {"body", "I"},
	faceBoldItalic: {"body", "BI"},
	faceMono:       {"mono", ""},
	faceMonoBold:   {"mono", "B"},
}

// face returns the font that text in style s is set in.
func (s textStyle) face() face {
	switch {
	case s.code && s.bold:
		return faceMonoBold
	case s.code:
		return faceMono
	case s.bold && s.italic:
		return faceBoldItalic
	case s.bold:
		return faceBold
	case s.italic:
		return faceItalic
	}
	return faceRegular
}

// fontKey is the font gofpdf has selected.
type fontKey struct {
	face face
	deco string // "U" underline, "S" strike-through
	size float64
}

// advance is the width of a character at a size of 1 pt, in millimetres.
type advance struct {
	width float64
	ok    bool // the font has a glyph for the character
}

// advance returns the width of r in face f at 1 pt.
func (w *pdfWriter) advance(f face, r rune) advance {
	if a, ok := w.advances[f][r]; ok {
		return a
	}
	var a advance
	ff := w.th.faces[f]
	// gofpdf addresses glyphs with two-byte codes: only the Basic Multilingual Plane.
	if gi, err := ff.font.GlyphIndex(&w.sfntBuf, r); err == nil && gi != 0 && r <= 0xFFFF {
		upm := ff.font.UnitsPerEm()
		if adv, err := ff.font.GlyphAdvance(&w.sfntBuf, gi, fixed.I(int(upm)), font.HintingNone); err == nil {
			// gofpdf rounds widths to thousandths of an em, and so must the layout.
			units := float64(int(float64(adv)/64*1000/float64(upm) + 0.5))
			a = advance{width: units / 1000 * ptToMM, ok: true}
		}
	}
	w.advances[f][r] = a
	return a
}

// textWidth returns the width of s in face f at size points. It fails on a
// character the font cannot show.
func (w *pdfWriter) textWidth(f face, s string, size float64) float64 {
	total := 0.0
	for _, r := range s {
		a := w.advance(f, r)
		if !a.ok {
			w.fail("the font %s has no character %q (U+%04X), in %q; set fonts in the PDF style that cover the language", w.th.faces[f].name, r, r, s)
		}
		total += a.width
	}
	return total * size
}

// setFont selects a face, decoration and size in gofpdf, adding the font to the
// document on first use so that unused faces are not embedded.
func (w *pdfWriter) setFont(st textStyle, size float64) {
	key := fontKey{face: st.face(), size: size}
	switch {
	case st.link != "":
		key.deco = "U"
	case st.strike:
		key.deco = "S"
	}
	if key == w.font {
		return
	}
	ff := faceFonts[key.face]
	if !w.registered[key.face] {
		// gofpdf v1.16.2 writes into the font bytes it is given when it cuts the
		// subset (its getMetrics appends to a slice of them, which changes hmtx of
		// fonts with few horizontal metrics, such as Go Mono): give it a copy, or
		// the fonts of the whole process change and the next PDF differs.
		w.pdf.AddUTF8FontFromBytes(ff.family, ff.style, bytes.Clone(w.th.faces[key.face].ttf))
		w.registered[key.face] = true
	}
	w.pdf.SetFont(ff.family, ff.style+key.deco, size)
	w.font = key
}
