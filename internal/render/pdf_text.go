package render

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fsn-tool/fsn/internal/render/hyph"
)

// textRun is text of one style measured for a line.
type textRun struct {
	text  string
	style textStyle
	width float64
}

// textLine is one laid-out line.
type textLine struct {
	runs  []textRun
	width float64
}

// add appends r to the line, merging it into the last run when their styles match.
func (l *textLine) add(r textRun) {
	l.width += r.width
	if n := len(l.runs); n > 0 && l.runs[n-1].style == r.style {
		l.runs[n-1].text += r.text
		l.runs[n-1].width += r.width
		return
	}
	l.runs = append(l.runs, r)
}

// lineToken is a unit of line breaking: a word (whose style may change midway, as
// in "**bold**,"), a breakable space, or a hard line break.
type lineToken struct {
	kind  tokenKind
	runs  []textRun
	width float64
}

// tokenKind says what a lineToken is.
type tokenKind int

const (
	tokWord tokenKind = iota
	tokSpace
	tokBreak
)

// layout breaks spans into lines no wider than width.
func (w *pdfWriter) layout(spans []textSpan, width, size float64) []textLine {
	return w.breakLines(w.tokenize(spans, size), width, size)
}

// tokenize cuts spans into words, spaces and line breaks, and measures them.
func (w *pdfWriter) tokenize(spans []textSpan, size float64) []lineToken {
	var tokens []lineToken
	var cur lineToken // the word being built
	endWord := func() {
		if len(cur.runs) > 0 {
			tokens = append(tokens, cur)
			cur = lineToken{}
		}
	}
	for _, s := range spans {
		if s.brk {
			endWord()
			tokens = append(tokens, lineToken{kind: tokBreak})
			continue
		}
		text := w.dropInvisible(s.style.face(), w.drawable(s.style.face(), strings.ReplaceAll(s.text, "	", " ")))
		for text != "" {
			n := strings.IndexByte(text, ' ')
			switch n {
			case 0: // spaces
				n = len(text) - len(strings.TrimLeft(text, " "))
				endWord()
				wd := w.textWidth(s.style.face(), text[:n], size)
				tokens = append(tokens, lineToken{kind: tokSpace, runs: []textRun{{text[:n], s.style, wd}}, width: wd})
			case -1:
				n = len(text)
				fallthrough
			default:
				wd := w.textWidth(s.style.face(), text[:n], size)
				cur.runs = append(cur.runs, textRun{text[:n], s.style, wd})
				cur.width += wd
			}
			text = text[n:]
		}
	}
	endWord()
	return glueTokens(tokens)
}

// identifier reports whether a word holds a digit, as the identifiers of
// devices do (UDI-DI, lot and serial numbers and ranges, catalogue numbers,
// versions): such a word is never cut inside when a line could hold it.
func (t lineToken) identifier() bool {
	for _, r := range t.runs {
		if strings.IndexFunc(r.text, unicode.IsDigit) >= 0 {
			return true
		}
	}
	return false
}

// text returns the text of a token.
func (t lineToken) text() string {
	var b strings.Builder
	for _, r := range t.runs {
		b.WriteString(r.text)
	}
	return b.String()
}

// relationSigns are the signs that belong to the number after them, as in
// "≤ 3.2.7" or "> 2.0": the line never breaks between the two.
const relationSigns = "≤≥<>=≠±~≈"

// rangeDashes join the two identifiers of a range written with spaces, as in
// "1000 – 1999": the line never breaks inside the range.
const rangeDashes = "–—-"

// glueTokens joins into one word the words whose spaces must not break: a
// relation sign and the word after it, and the parts of a range of identifiers.
func glueTokens(tokens []lineToken) []lineToken {
	out := tokens[:0:0]
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		for i+2 < len(tokens) && t.kind == tokWord && tokens[i+1].kind == tokSpace && tokens[i+2].kind == tokWord && gluedTo(t, tokens[i+2], tokens[i+3:]) {
			t = joinTokens(t, tokens[i+1], tokens[i+2])
			i += 2
		}
		out = append(out, t)
	}
	return out
}

// gluedTo reports whether no line break may come between word a and word b,
// which rest follows.
func gluedTo(a, b lineToken, rest []lineToken) bool {
	at, bt := a.text(), b.text()
	last, _ := utf8.DecodeLastRuneInString(at)
	switch {
	case strings.ContainsRune(relationSigns, last):
		return true
	case utf8.RuneCountInString(bt) == 1 && strings.ContainsAny(bt, rangeDashes):
		// "1000 –" joins "–" when an identifier follows the dash
		return a.identifier() && len(rest) >= 2 && rest[0].kind == tokSpace && rest[1].kind == tokWord && rest[1].identifier()
	case strings.ContainsRune(rangeDashes, last) && (at == string(last) || strings.HasSuffix(at, " "+string(last))):
		return b.identifier() // the second identifier of a range, or a dash that would start a line
	}
	return false
}

// joinTokens returns the words and the space between them as one word.
func joinTokens(parts ...lineToken) lineToken {
	var t lineToken
	for _, p := range parts {
		t.runs = append(t.runs, p.runs...)
		t.width += p.width
	}
	return t
}

// breakLines fills lines greedily. A word wider than a line is cut, after a
// path separator or hyphen where it can be, so that nothing crosses the margin.
func (w *pdfWriter) breakLines(tokens []lineToken, width, size float64) []textLine {
	var lines []textLine
	var cur textLine
	var spaces []textRun // spaces waiting for the next word on the line
	// endLine ends the line. With space set (the line ends where a space or a
	// hard break was), the line keeps one space at its end, of no width and
	// of the style of the space it stands for, so that its last word is not
	// joined to the first of the next line when the two are in one
	// marked-content sequence (ISO 32000-1, 14.8.2.5: word breaks are
	// explicit spaces).
	endLine := func(space bool) {
		if n := len(cur.runs); n > 0 && space {
			st := cur.runs[n-1].style
			if len(spaces) > 0 {
				st = spaces[0].style // after a link that ends the line, no part of the link
			}
			cur.add(textRun{" ", st, 0})
		}
		lines = append(lines, cur)
		cur, spaces = textLine{}, nil
	}
	addWord := func(t lineToken) {
		for _, r := range spaces {
			cur.add(r)
		}
		for _, r := range t.runs {
			cur.add(r)
		}
		spaces = nil
	}
	for _, t := range tokens {
		switch t.kind {
		case tokBreak:
			endLine(true)
		case tokSpace:
			if len(cur.runs) > 0 {
				spaces = append(spaces, t.runs...)
			}
		case tokWord:
			gap := 0.0
			for _, r := range spaces {
				gap += r.width
			}
			switch {
			case cur.width+gap+t.width <= width:
				addWord(t)
			case t.width <= width:
				endLine(len(spaces) > 0)
				addWord(t)
			default: // wider than a line: cut it
				if len(cur.runs) > 0 && width-cur.width-gap < width/4 {
					endLine(len(spaces) > 0)
					gap = 0
				}
				t.runs = slices.Clone(t.runs) // cutWord reuses them
				for len(t.runs) > 0 {
					if cur.width+gap+t.width <= width {
						addWord(t)
						break
					}
					head, tail := w.cutWord(t, width-cur.width-gap, size, len(cur.runs) == 0)
					if len(head.runs) > 0 {
						addWord(head)
					}
					endLine(len(head.runs) == 0 && len(spaces) > 0)
					t, gap = tail, 0
				}
			}
		}
	}
	if len(cur.runs) > 0 {
		endLine(false)
	}
	return lines
}

// cutWord cuts the longest head off t that fits in room, preferring to cut after
// a path separator, hyphen, dot or underscore. When must is set the head has at
// least one character. It reads only the characters of the head and reuses
// the runs of t for the tail, changing the first, so that cutting a long word
// into lines costs time in proportion to its length: t must own its runs.
func (w *pdfWriter) cutWord(t lineToken, room, size float64, must bool) (head, tail lineToken) {
	// place is a point between two characters: in run, before byte off, with
	// width the width of the run's text before it.
	type place struct {
		run, off int
		width    float64
	}
	var fit, cut place
	fitChars, cutChars := 0, 0
	used := 0.0
scan:
	for i, r := range t.runs {
		before := used
		for off := 0; off < len(r.text); {
			c, n := utf8.DecodeRuneInString(r.text[off:])
			cw := w.advance(r.style.face(), c).width * size
			if used+cw > room {
				if fitChars == 0 && must {
					fit, fitChars = place{i, off + n, cw}, 1
				}
				break scan
			}
			used += cw
			off += n
			fit, fitChars = place{i, off, used - before}, fitChars+1
			if strings.ContainsRune(`\/-_.`, c) {
				cut, cutChars = fit, fitChars
			}
		}
	}
	if cutChars == 0 || cutChars < fitChars/2 {
		if h, tl, ok := w.hyphenate(t, room, size); ok {
			return h, tl
		}
		cut = fit
	}
	if len(t.runs) == 0 {
		return head, tail
	}
	head.runs = append(head.runs, t.runs[:cut.run]...)
	r := t.runs[cut.run]
	if cut.off > 0 {
		head.runs = append(head.runs, textRun{r.text[:cut.off], r.style, cut.width})
	}
	for _, r := range head.runs {
		head.width += r.width
	}
	tail.runs = t.runs[cut.run:]
	if cut.off == len(r.text) {
		tail.runs = tail.runs[1:]
	} else {
		tail.runs[0] = textRun{r.text[cut.off:], r.style, r.width - cut.width}
	}
	tail.width = t.width - head.width
	return head, tail
}

// softHyphen is the hyphen drawn where a word is hyphenated at the end of a
// line: U+00AD, which ISO 32000-1 (14.8.2.2.3) asks a tagged PDF to use for
// such a hyphen, so that extracted text has the word whole; the fonts draw
// it as a hyphen.
const softHyphen = '\u00AD'

// hyphenate cuts t, a word of one style wider than a line and no
// identifier, at the last of its language's hyphenation points where the
// head and a soft hyphen fit in room; ok is false when there is none. The
// patterns of a language are read the first time a word of it is cut.
func (w *pdfWriter) hyphenate(t lineToken, room, size float64) (head, tail lineToken, ok bool) {
	if len(t.runs) != 1 || t.identifier() {
		return head, tail, false
	}
	h := hyph.For(w.meta.Lang)
	if h == nil {
		return head, tail, false
	}
	r := t.runs[0]
	f := r.style.face()
	if !w.advance(f, softHyphen).ok {
		return head, tail, false
	}
	letters := []rune(r.text)
	start, end := 0, len(letters) // the word without the punctuation around it
	for start < end && !unicode.IsLetter(letters[start]) {
		start++
	}
	for end > start && !unicode.IsLetter(letters[end-1]) {
		end--
	}
	points := h.Points(string(letters[start:end]))
	hyphen := w.advance(f, softHyphen).width * size
	for i := len(points) - 1; i >= 0; i-- {
		n := start + points[i]
		width := 0.0
		for _, c := range letters[:n] {
			width += w.advance(f, c).width * size
		}
		if width+hyphen > room {
			continue
		}
		head.runs = []textRun{{string(letters[:n]) + string(softHyphen), r.style, width + hyphen}}
		head.width = width + hyphen
		tail.runs = t.runs
		tail.runs[0] = textRun{string(letters[n:]), r.style, r.width - width}
		tail.width = t.width - width
		return head, tail, true
	}
	return head, tail, false
}

// drawLines writes lines at the current indent, starting new pages as needed.
func (w *pdfWriter) drawLines(lines []textLine, size float64, color rgb) {
	lh := w.lineHeight(size)
	for _, l := range lines {
		w.reserve(lh)
		w.drawLine(l, w.left(), w.y, lh, size, color)
		w.y += lh
	}
}

// drawLine writes one line whose box starts at x, top, with the pending list
// marker if there is one.
func (w *pdfWriter) drawLine(l textLine, x, top, lh, size float64, color rgb) {
	if w.err != nil { // a character may be one gofpdf cannot take
		return
	}
	baseline := top + lh/2 + 0.3*size*ptToMM
	if m := w.marker; m != nil {
		w.marker = nil
		w.drawMarker(m, top, lh, baseline, size)
	}
	for _, r := range l.runs {
		w.setFont(r.style, size)
		c := color
		if r.style.link != "" {
			c = w.th.link
		}
		w.pdf.SetTextColor(c.r, c.g, c.b)
		draw := func() {
			w.pdf.Text(x, baseline, r.text)
			w.decorate(r, x, baseline, size, c)
		}
		if r.style.link != "" {
			w.drawLink(r, x, top, lh, draw)
		} else {
			w.content(w.tags.cur, draw)
		}
		used := w.used[r.style.face()]
		for _, c := range r.text {
			w.codePages[min(c, maxPDFRune)>>8] = true // textWidth refused any larger
			used[c] = true
		}
		x += r.width
	}
}

// drawMarker draws a list marker: a number or bullet right-aligned in the marker
// column, or an empty (or ticked) box.
func (w *pdfWriter) drawMarker(m *listMarker, top, lh, baseline, size float64) {
	if m.box {
		side := size * ptToMM
		x, y := m.x+0.3, top+(lh-side)/2
		w.within(m.lbl, func() {
			draw := func() {
				w.pdf.SetDrawColor(w.th.text.r, w.th.text.g, w.th.text.b)
				w.pdf.SetLineWidth(0.3)
				w.pdf.Rect(x, y, side, side, "D")
				if m.checked {
					w.pdf.Line(x+0.2*side, y+0.55*side, x+0.42*side, y+0.78*side)
					w.pdf.Line(x+0.42*side, y+0.78*side, x+0.82*side, y+0.22*side)
				}
			}
			if m.field == nil {
				w.content(m.lbl, draw)
				return
			}
			w.decoration(draw) // the field's widget is the box a reader sees
			w.formWidget(m.field, x, y, side, side)
		})
		return
	}
	st, color := textStyle{}, w.th.text
	if m.text != "•" && m.text != "–" {
		st, color = textStyle{bold: true}, w.th.heading
	}
	width := w.textWidth(st.face(), m.text, size)
	w.within(m.lbl, func() {
		w.drawLine(textLine{runs: []textRun{{m.text, st, width}}, width: width}, m.x+m.width-2.5-width, top, lh, size, color)
	})
}
