package check

import (
	"strings"

	"github.com/ledongthuc/pdf"
)

// pageText calls text for each character that the content stream of page p
// shows, in the order it shows them, with the baseline's height on the page
// and the character as the font's encoding reads it. It interprets the
// stream as github.com/ledongthuc/pdf's Page.Content does, to the same
// heights and characters, but reads each font of the page once: Content
// parses a font's ToUnicode map at every Tf and its width table at every
// character, which was most of the time verify took; fonts holds those read
// for earlier pages of the document. Like Content it panics
// on an operator with the wrong operands; readPDFText recovers.
func pageText(p pdf.Page, fonts fontCache, text func(y float64, ch rune)) {
	contents := p.V.Key("Contents")
	if p.V.IsNull() || contents.Kind() == pdf.Null {
		return
	}
	var resources *pdf.Value // the page's fonts, read at its first Tf
	var printed string
	font := func(name string) *pageFont {
		if resources == nil {
			r := p.Resources().Key("Font")
			resources, printed = &r, r.String()
		}
		key := fontKey{printed, name}
		f, ok := fonts[key]
		if !ok {
			pf := pdf.Font{V: resources.Key(name)} // as p.Font(name), without reading the resources again
			f = &pageFont{enc: pf.Encoder(), first: pf.FirstChar(), last: pf.LastChar(), widths: pf.Widths(),
				simple: pf.V.Key("Subtype").Name() != "Type0"}
			fonts[key] = f
		}
		return f
	}
	g := textState{Th: 1, CTM: identity, Tf: &pageFont{}}
	// The encoding is not part of the saved state: as in Content, Q restores
	// the font's widths but not the encoding of the last Tf.
	var encFont *pageFont // the font of the last Tf; nil reads each byte as the character it is
	show := func(s string) {
		decoded := s
		if encFont != nil && encFont.enc != nil {
			decoded = encFont.decode(s)
		}
		n := 0
		for _, ch := range decoded {
			var w0 float64
			if n < len(s) {
				w0 = g.Tf.width(int(s[n]))
			}
			n++
			text(g.baseline(), ch)
			g.Tm = g.Tm.translated((w0/1000*g.Tfs + g.Tc) * g.Th)
		}
	}
	var saved []textState
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		operands := func(n int, what string) {
			if len(args) != n {
				panic(what)
			}
		}
		switch op {
		case "cm":
			operands(6, "bad g.Tm")
			g.CTM = matrixOf(args).mul(g.CTM)
		case "re":
			operands(4, "bad re")
		case "q":
			saved = append(saved, g)
		case "Q":
			g = saved[len(saved)-1]
			saved = saved[:len(saved)-1]
		case "BT":
			g.Tm, g.Tlm = identity, identity
		case "T*":
			g.Tlm = matrix{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tc":
			operands(1, "bad g.Tc")
			g.Tc = args[0].Float64()
		case "TD", "Td":
			operands(2, "bad Td")
			if op == "TD" {
				g.Tl = -args[1].Float64()
			}
			g.Tlm = matrix{{1, 0, 0}, {0, 1, 0}, {args[0].Float64(), args[1].Float64(), 1}}.mul(g.Tlm)
			g.Tm = g.Tlm
		case "Tf":
			operands(2, "bad TL")
			g.Tf = font(args[0].Name())
			encFont = g.Tf
			g.Tfs = args[1].Float64()
		case `"`, "'", "Tj":
			if op == `"` {
				operands(3, `bad " operator`)
				g.Tw, g.Tc = args[0].Float64(), args[1].Float64()
				args = args[2:]
			} else if op == "'" {
				operands(1, "bad ' operator")
			}
			if op != "Tj" {
				g.Tlm = matrix{{1, 0, 0}, {0, 1, 0}, {0, -g.Tl, 1}}.mul(g.Tlm)
				g.Tm = g.Tlm
			}
			operands(1, "bad Tj operator")
			show(args[0].RawString())
		case "TJ":
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				if x := v.Index(i); x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					g.Tm = g.Tm.translated(-x.Float64() / 1000 * g.Tfs * g.Th)
				}
			}
			show("\n")
		case "TL":
			operands(1, "bad TL")
			g.Tl = args[0].Float64()
		case "Tm":
			operands(6, "bad g.Tm")
			g.Tm = matrixOf(args)
			g.Tlm = g.Tm
		case "Tr":
			operands(1, "bad Tr")
		case "Ts":
			operands(1, "bad Ts")
			g.Trise = args[0].Float64()
		case "Tw":
			operands(1, "bad g.Tw")
			g.Tw = args[0].Float64()
		case "Tz":
			operands(1, "bad Tz")
			g.Th = args[0].Float64() / 100
		}
	})
}

// fontCache holds the fonts of a PDF's pages, read once for the document.
type fontCache map[fontKey]*pageFont

// fontKey is a font as a page names it: by its name in the page's font
// resources, and those resources as printed, in which each font is its object
// number or, when it is no object of its own, its dictionary. The pages of an
// edition share their resources.
type fontKey struct{ resources, name string }

// pageFont is a font of a page, read once: its encoding and its widths.
type pageFont struct {
	enc         pdf.TextEncoding // nil when the font has none
	first, last int
	widths      []float64
	// simple is set for a font whose codes are one byte each: every font
	// but a composite (Type0) one (ISO 32000-1, 9.6.6). Its codes are
	// decoded once each, into codes, as known says.
	simple bool
	codes  [256]string
	known  [256]bool
}

// decode returns the text the codes s show. The decoder of a ToUnicode map
// searches its entries for every code, which was a third of the time reading
// an edition's text took; a simple font's codes are decoded once each.
func (f *pageFont) decode(s string) string {
	if !f.simple {
		return f.enc.Decode(s)
	}
	var b strings.Builder
	for i := range len(s) {
		c := s[i]
		if !f.known[c] {
			f.codes[c], f.known[c] = f.enc.Decode(s[i:i+1]), true
		}
		b.WriteString(f.codes[c])
	}
	return b.String()
}

// width returns the width of the character code, 0 for one the font lacks.
func (f *pageFont) width(code int) float64 {
	if code < f.first || f.last < code || code-f.first >= len(f.widths) {
		return 0
	}
	return f.widths[code-f.first]
}

// textState is the part of the graphics state that places text.
type textState struct {
	Tc, Tw, Th, Tl, Tfs, Trise float64
	Tf                         *pageFont
	Tm, Tlm, CTM               matrix
}

// baseline returns the height at which the next character is drawn: the
// element [2][1] of the text rendering matrix, which Content computes as
// {{Tfs·Th, 0, 0}, {0, Tfs, 0}, {0, Trise, 1}} × Tm × CTM, with the same
// products summed in the same order.
func (g *textState) baseline() float64 {
	var row [3]float64 // the last row of {{…}, {…}, {0, Trise, 1}} × Tm
	for j := range 3 {
		row[j] = 0 + 0*g.Tm[0][j] + g.Trise*g.Tm[1][j] + 1*g.Tm[2][j]
	}
	return 0 + row[0]*g.CTM[0][1] + row[1]*g.CTM[1][1] + row[2]*g.CTM[2][1]
}

// matrix is a PDF transformation matrix, its third column 0, 0, 1.
type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

// translated returns {{1, 0, 0}, {0, 1, 0}, {tx, 0, 1}} × x, which mul
// gives too, to the same finite values, with a sixth of the products: it is
// the move after each character shown.
func (x matrix) translated(tx float64) matrix {
	for j := range 3 {
		x[2][j] = tx*x[0][j] + x[2][j]
	}
	return x
}

// matrixOf returns the matrix of the six operands of cm or Tm.
func matrixOf(args []pdf.Value) matrix {
	var m matrix
	for i := range 6 {
		m[i/2][i%2] = args[i].Float64()
	}
	m[2][2] = 1
	return m
}
