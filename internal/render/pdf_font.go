package render

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	size float64
}

// advance is the width of a character at a size of 1 pt, in millimetres.
type advance struct {
	width float64
	ok    bool // the font has a glyph for the character
}

// advance returns the width of r in face f at 1 pt.
func (w *pdfWriter) advance(f face, r rune) advance {
	return w.th.faces[f].advance(r)
}

// spaceFallbacks are spaces that a font may lack, each with the space the PDF
// writer draws instead: the narrow no-break space (U+202F) that French and CLDR
// put in "41 800" and before "%", and the thin space, become a no-break space,
// which still keeps the number on one line.
var spaceFallbacks = map[rune]rune{'\u202f': '\u00a0', '\u2009': '\u00a0'}

// drawable returns s with each space that face f cannot draw replaced by its
// fallback, if f can draw that.
func (w *pdfWriter) drawable(f face, s string) string {
	if !strings.ContainsAny(s, "\u202f\u2009") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if fb, ok := spaceFallbacks[r]; ok && !w.advance(f, r).ok && w.advance(f, fb).ok {
			return fb
		}
		return r
	}, s)
}

// maxPDFRune is the last character the PDF writer can draw: gofpdf addresses
// glyphs with two-byte codes, so only the Basic Multilingual Plane.
const maxPDFRune = 0xFFFF

// textWidth returns the width of s in face f at size points. It fails on a
// character the font cannot show.
func (w *pdfWriter) textWidth(f face, s string, size float64) float64 {
	if !utf8.ValidString(s) {
		w.fail("the text %q is not UTF-8", s)
		return 0
	}
	total := 0.0
	for _, r := range s {
		a := w.advance(f, r)
		if !a.ok {
			w.fail("%s, in %q", undrawable(w.th.faces[f].name, r), s)
		}
		total += a.width
	}
	return total * size
}

// dropInvisible removes from s the control and format characters (U+200B zero
// width space, U+200F right-to-left mark, …) that face f has no glyph for: they
// show nothing, and gofpdf would draw a box for them.
func (w *pdfWriter) dropInvisible(f face, s string) string {
	if !utf8.ValidString(s) {
		return s // for textWidth to refuse: strings.Map would make it U+FFFD
	}
	return strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.Cc, unicode.Cf) && !w.advance(f, r).ok {
			return -1
		}
		return r
	}, s)
}

// undrawable says why a font cannot draw r, and what to do.
func undrawable(fontName string, r rune) string {
	if r > maxPDFRune {
		return fmt.Sprintf("the character %q (U+%04X) is outside the Basic Multilingual Plane, which the PDF edition cannot draw (emoji are); write it in words", r, r)
	}
	return fmt.Sprintf("the font %s has no character %q (U+%04X); set fonts in the PDF style that cover the language", fontName, r, r)
}

// Coverage tells which characters the fonts of a PDF style can draw, for
// checking texts before they reach the PDF writer. It is safe for concurrent use.
type Coverage struct {
	mu    sync.Mutex // Missing may be called from many goroutines
	faces []*fontFace
	known map[rune]string      // "" for a character every face draws, else why one cannot
	ascii [utf8.RuneSelf]uint8 // what known says of the ASCII characters, for a look-up without a map
}

// Coverage returns the coverage of the fonts of s. It fails as PDF does on a
// style that cannot be used.
func (s *PDFStyle) Coverage() (*Coverage, error) {
	th, problems := s.preparedTheme()
	if len(problems) > 0 {
		return nil, styleError(problems)
	}
	// Any text may be bold or italic; code spans, in the mono faces, are
	// checked by the PDF writer.
	return &Coverage{faces: th.faces[:faceMono], known: map[rune]string{}}, nil
}

// Missing returns, for each character of text that a face of body text cannot
// draw, once each and in order, a sentence saying so and what to do. Control
// and format characters (line breaks, zero-width spaces, direction marks),
// which show nothing, are not characters to draw: fsn check reports those
// that do harm as such.
func (c *Coverage) Missing(text string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	var seen map[rune]bool // of the characters in out
	for _, r := range text {
		var why string
		if r < utf8.RuneSelf && c.ascii[r] != 0 {
			if c.ascii[r] == asciiDrawn {
				continue // most characters: no map to look in
			}
			why = c.known[r]
		} else {
			var ok bool
			if why, ok = c.known[r]; !ok {
				why = c.undrawable(r)
				c.known[r] = why
				if r < utf8.RuneSelf {
					c.ascii[r] = asciiDrawn
					if why != "" {
						c.ascii[r] = asciiMissing
					}
				}
			}
		}
		if why != "" && !seen[r] {
			if seen == nil {
				seen = map[rune]bool{}
			}
			seen[r] = true
			out = append(out, why)
		}
	}
	return out
}

// The states of an ASCII character in Coverage.ascii; 0 is not known yet.
const (
	asciiDrawn   = 1 // by every face, or it is invisible
	asciiMissing = 2 // why is in known
)

// undrawable returns why a face of c cannot draw r, or "" when every face
// can or r is invisible: the PDF writer leaves out what it cannot draw of
// control and format characters.
func (c *Coverage) undrawable(r rune) string {
	if unicode.In(r, unicode.Cc, unicode.Cf) {
		return ""
	}
	for _, ff := range c.faces {
		fb, hasFallback := spaceFallbacks[r]
		if !ff.advance(r).ok && !(hasFallback && ff.advance(fb).ok) {
			return undrawable(ff.name, r)
		}
	}
	return ""
}

// setFont selects a face and size in gofpdf, adding the font to the document
// on first use so that unused faces are not embedded. gofpdf is given the
// font's stub (see fontFile.stub), which it parses in no time: embedFonts
// writes the real subset, and the PDF writer measures text itself.
func (w *pdfWriter) setFont(st textStyle, size float64) {
	key := fontKey{face: st.face(), size: size}
	if key == w.font {
		return
	}
	ff := faceFonts[key.face]
	if !w.registered[key.face] {
		// gofpdf v1.16.2 writes into the font bytes it is given when it cuts the
		// subset: give it a copy, or the next PDF differs.
		w.pdf.AddUTF8FontFromBytes(ff.family, ff.style, bytes.Clone(w.th.faces[key.face].stub()))
		w.registered[key.face] = true
	}
	w.pdf.SetFont(ff.family, ff.style, size)
	w.font = key
}

// decorate draws the underline of a link or the line through struck text
// under or over the run r drawn at x on baseline, as gofpdf would: at the
// font's underline position and thickness, in the text colour. It is a
// decoration, drawn with the page's others after its text.
func (w *pdfWriter) decorate(r textRun, x, baseline, size float64, c rgb) {
	ff := w.th.faces[r.style.face()]
	pos, thick := ff.underline()
	em := size * ptToMM
	var top float64
	switch {
	case r.style.link != "":
		top = baseline - pos*em
	case r.style.strike:
		top = baseline + 4*pos*em
	default:
		return
	}
	w.decoration(func() {
		w.pdf.SetFillColor(c.r, c.g, c.b)
		w.pdf.Rect(x, top, r.width, thick*em, "F")
	})
}
