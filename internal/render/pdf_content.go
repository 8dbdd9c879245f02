package render

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
)

// The page contents gofpdf writes draw each run of text as a text object of
// its own, "q 0.122 0.137 0.157 rg BT 62.36 715.96 Td (…) Tj ET Q", mark each
// change of font with a text object that shows nothing, "BT /F1 10.00 Tf ET",
// and set the line width and colour again before each rule. compactContent
// writes the same drawing with fewer bytes: it keeps the graphics state the
// stream asks for and the state the rewritten stream has set, and sets a
// colour, line width or font only when something is drawn with it; it drops
// q/Q pairs that only scope such state, joins consecutive runs of text into
// one text object with relative Td, and writes numbers without trailing
// zeros. Marked content (BDC, BMC, EMC) stays in place, around the same
// operators, so the MCIDs of the structure tree keep their content. It can
// also write each string in other codes, for the simple fonts that replace
// gofpdf's Type0 fonts (see embedFonts).

// contentOp is one operator of a content stream and its operands, as written.
type contentOp struct {
	args [][]byte
	op   string
}

// errContent is the error of a content stream compactContent does not
// understand, which is drawn right as gofpdf wrote it.
var errContent = errors.New("render: a page's contents hold an operator the content rewriter does not know")

// parseContent splits a content stream into operators with their operands.
func parseContent(b []byte) ([]contentOp, error) {
	var ops []contentOp
	var args [][]byte
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isPDFSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			end, ok := literalEnd(b, i)
			if !ok {
				return nil, errContent
			}
			args, i = append(args, b[i:end]), end
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '[':
			end, ok := nestedEnd(b, i)
			if !ok {
				return nil, errContent
			}
			args, i = append(args, b[i:end]), end
		case c == '<':
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				return nil, errContent
			}
			args, i = append(args, b[i:i+end+1]), i+end+1
		case c == '/':
			j := i + 1
			for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelimiter(b[j]) {
				j++
			}
			args, i = append(args, b[i:j]), j
		default:
			j := i
			for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelimiter(b[j]) {
				j++
			}
			if j == i {
				return nil, errContent // a stray delimiter
			}
			tok := b[i:j]
			if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
				args = append(args, tok)
			} else {
				ops = append(ops, contentOp{args: args, op: string(tok)})
				args = nil
			}
			i = j
		}
	}
	if len(args) > 0 {
		return nil, errContent
	}
	return ops, nil
}

// isPDFSpace and isPDFDelimiter are the white-space and delimiter characters
// of ISO 32000-1, 7.2.2.
func isPDFSpace(c byte) bool { return strings.IndexByte("\x00\t\n\f\r ", c) >= 0 }

func isPDFDelimiter(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// literalEnd returns the end of the literal string that starts at b[i].
func literalEnd(b []byte, i int) (int, bool) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return j + 1, true
			}
		}
	}
	return 0, false
}

// nestedEnd returns the end of the dictionary or array that starts at b[i],
// strings inside it included.
func nestedEnd(b []byte, i int) (int, bool) {
	depth := 0
	for j := i; j < len(b); j++ {
		switch c := b[j]; {
		case c == '(':
			end, ok := literalEnd(b, j)
			if !ok {
				return 0, false
			}
			j = end - 1
		case c == '<' && (j+1 >= len(b) || b[j+1] != '<'): // a hexadecimal string
			end := bytes.IndexByte(b[j:], '>')
			if end < 0 {
				return 0, false
			}
			j += end
		case c == '[' || c == '<':
			if c == '<' {
				j++
			}
			depth++
		case c == ']' || c == '>' && j+1 < len(b) && b[j+1] == '>':
			if c == '>' {
				j++
			}
			if depth--; depth == 0 {
				return j + 1, true
			}
		}
	}
	return 0, false
}

// gstate is the part of the graphics state the rewriter tracks, each entry
// as the operands and operator that set it, written short ("" when unknown).
type gstate struct {
	fill, stroke, width, cap, join, font string
}

// initialState is the state at the start of a page (ISO 32000-1, 8.4.1).
var initialState = gstate{fill: "0 g", stroke: "0 G", width: "1 w", cap: "0 J", join: "0 j"}

// What each kind of operator may do, for the rewriter.
var (
	pathOps    = map[string]bool{"m": true, "l": true, "c": true, "v": true, "y": true, "h": true, "re": true}
	paintOps   = map[string]bool{"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true, "n": true}
	opaqueOps  = map[string]bool{"cm": true, "Do": true, "W": true, "W*": true} // drawn as they are, outside text
	stateOps   = map[string]bool{"rg": true, "g": true, "RG": true, "G": true, "w": true, "J": true, "j": true, "Tf": true}
	markOps    = map[string]bool{"BDC": true, "BMC": true, "EMC": true}
	textOnlyOp = map[string]bool{"BT": true, "ET": true, "Td": true, "Tj": true}
)

// contentWriter is the state of one rewriting.
type contentWriter struct {
	out      bytes.Buffer
	want     gstate   // what the source has set
	has      gstate   // what the output has set
	wantSave []gstate // the source's q stack
	hasSave  []gstate // the output's q stack, for the q it keeps
	keepQ    []bool   // for each open q of the source, whether the output has it

	inText      bool  // the output is in a text object
	textMC      int   // marked-content depth at the output's BT
	mc          int   // marked-content depth
	srcX, srcY  int64 // the source's line origin in its text object, in millionths
	srcShown    bool  // the source has shown text since it set its line origin
	outX, outY  int64
	outShown    bool
	recode      func(s []byte) ([]byte, error) // nil keeps strings as they are
	pathStarted bool                           // a path is being built, its painting state set
}

// compactContent returns the content stream src drawn the same with fewer
// bytes (see above). recode, when not nil, rewrites the string of each Tj.
// A stream with an operator it does not know is an error, errContent.
func compactContent(src []byte, recode func(s []byte) ([]byte, error)) ([]byte, error) {
	ops, err := parseContent(src)
	if err != nil {
		return nil, err
	}
	for _, o := range ops {
		if !pathOps[o.op] && !paintOps[o.op] && !opaqueOps[o.op] && !stateOps[o.op] && !markOps[o.op] && !textOnlyOp[o.op] && o.op != "q" && o.op != "Q" {
			return nil, errContent
		}
	}
	w := &contentWriter{want: initialState, has: initialState, recode: recode}
	if err := w.run(ops); err != nil {
		return nil, err
	}
	return w.out.Bytes(), nil
}

// run rewrites ops.
func (w *contentWriter) run(ops []contentOp) error {
	for i, o := range ops {
		switch {
		case stateOps[o.op]:
			if err := w.set(o); err != nil {
				return err
			}
		case o.op == "q":
			keep := !scopesState(ops[i+1:])
			w.keepQ = append(w.keepQ, keep)
			w.wantSave = append(w.wantSave, w.want)
			if keep {
				w.endText()
				w.hasSave = append(w.hasSave, w.has)
				w.emit("q")
			}
		case o.op == "Q":
			n := len(w.keepQ)
			if n == 0 {
				return errContent
			}
			keep := w.keepQ[n-1]
			w.keepQ, w.want, w.wantSave = w.keepQ[:n-1], w.wantSave[n-1], w.wantSave[:n-1]
			if keep {
				w.endText()
				w.has, w.hasSave = w.hasSave[len(w.hasSave)-1], w.hasSave[:len(w.hasSave)-1]
				w.emit("Q")
			}
		case o.op == "BT":
			w.srcX, w.srcY, w.srcShown = 0, 0, false
		case o.op == "ET":
		case o.op == "Td":
			if len(o.args) != 2 {
				return errContent
			}
			dx, ok1 := parseFixed(o.args[0])
			dy, ok2 := parseFixed(o.args[1])
			if !ok1 || !ok2 {
				return errContent
			}
			w.srcX, w.srcY, w.srcShown = w.srcX+dx, w.srcY+dy, false
		case o.op == "Tj":
			if err := w.show(o); err != nil {
				return err
			}
		case o.op == "BDC" || o.op == "BMC":
			if w.inText && !textOnly(ops[i+1:]) {
				w.endText()
			}
			if !w.inText && textOnly(ops[i+1:]) && showsText(ops[i+1:]) {
				w.beginText()
			}
			w.mc++
			w.emitOp(o)
		case o.op == "EMC":
			if w.mc == 0 {
				return errContent
			}
			if w.inText && w.mc == w.textMC {
				w.endText()
			}
			w.mc--
			w.emit("EMC")
		case pathOps[o.op]:
			w.endText()
			if !w.pathStarted {
				w.pathStarted = true
				w.syncFor(painter(ops[i+1:]))
			}
			w.emitNumbers(o)
		case paintOps[o.op]:
			w.endText()
			w.pathStarted = false
			w.emitOp(o)
		case opaqueOps[o.op]:
			w.endText()
			w.emitOp(o)
		}
	}
	if len(w.keepQ) != 0 || w.mc != 0 {
		return errContent
	}
	w.endText()
	return nil
}

// scopesState says whether the q whose following operators are ops only
// scopes state the rewriter tracks: up to its Q, nothing but such state,
// text, marked content and paths.
func scopesState(ops []contentOp) bool {
	depth := 0
	for _, o := range ops {
		switch {
		case o.op == "q":
			depth++
		case o.op == "Q":
			if depth == 0 {
				return true
			}
			depth--
		case opaqueOps[o.op]:
			return false
		}
	}
	return false
}

// textOnly says whether the marked-content sequence whose contents start ops
// holds nothing a text object may not: text, the state the rewriter tracks,
// marked content and q/Q pairs that only scope state.
func textOnly(ops []contentOp) bool {
	depth := 0
	for i, o := range ops {
		switch {
		case o.op == "BDC" || o.op == "BMC":
			depth++
		case o.op == "EMC":
			if depth == 0 {
				return true
			}
			depth--
		case o.op == "q":
			if !scopesState(ops[i+1:]) {
				return false
			}
		case o.op == "Q", stateOps[o.op], textOnlyOp[o.op]:
		default:
			return false
		}
	}
	return false
}

// showsText says whether the marked-content sequence whose contents start
// ops shows text.
func showsText(ops []contentOp) bool {
	depth := 0
	for _, o := range ops {
		switch o.op {
		case "BDC", "BMC":
			depth++
		case "EMC":
			if depth == 0 {
				return false
			}
			depth--
		case "Tj":
			return true
		}
	}
	return false
}

// painter returns the operator that paints the path whose construction
// continues with ops.
func painter(ops []contentOp) string {
	for _, o := range ops {
		if !pathOps[o.op] {
			return o.op
		}
	}
	return ""
}

// set records a state operator of the source.
func (w *contentWriter) set(o contentOp) error {
	v := shortOperands(o)
	switch o.op {
	case "rg", "g":
		w.want.fill = v
	case "RG", "G":
		w.want.stroke = v
	case "w":
		w.want.width = v
	case "J":
		w.want.cap = v
	case "j":
		w.want.join = v
	case "Tf":
		if len(o.args) != 2 || o.args[0][0] != '/' {
			return errContent
		}
		w.want.font = v
	}
	return nil
}

// syncFor sets in the output the state that the painting operator op uses.
func (w *contentWriter) syncFor(op string) {
	fill := strings.ContainsAny(op, "fFBb")
	stroke := strings.ContainsAny(op, "SsBb")
	if fill {
		w.sync(&w.has.fill, w.want.fill)
	}
	if stroke {
		w.sync(&w.has.stroke, w.want.stroke)
		w.sync(&w.has.width, w.want.width)
		w.sync(&w.has.cap, w.want.cap)
		w.sync(&w.has.join, w.want.join)
	}
}

// sync writes want when the output's has differs.
func (w *contentWriter) sync(has *string, want string) {
	if *has != want && want != "" {
		w.emit(want)
		*has = want
	}
}

// show writes a Tj of the source at the same place, in the same font and colour.
func (w *contentWriter) show(o contentOp) error {
	if len(o.args) != 1 || w.want.font == "" {
		return errContent
	}
	if !w.inText {
		if w.srcShown {
			return errContent // the source goes on after text the output cannot continue
		}
		w.beginText()
	}
	switch {
	case w.srcShown:
		if !w.outShown {
			return errContent
		}
	case w.outShown || w.outX != w.srcX || w.outY != w.srcY:
		w.emit(formatFixed(w.srcX-w.outX) + " " + formatFixed(w.srcY-w.outY) + " Td")
		w.outX, w.outY = w.srcX, w.srcY
	}
	w.sync(&w.has.font, w.want.font)
	w.sync(&w.has.fill, w.want.fill)
	s := o.args[0]
	if w.recode != nil {
		var err error
		if s, err = w.recode(s); err != nil {
			return err
		}
	}
	w.emit(string(s))
	w.out.WriteString(" Tj")
	w.srcShown, w.outShown = true, true
	return nil
}

// beginText opens a text object in the output.
func (w *contentWriter) beginText() {
	w.emit("BT")
	w.inText, w.textMC = true, w.mc
	w.outX, w.outY, w.outShown = 0, 0, false
}

// endText closes the output's text object, if one is open.
func (w *contentWriter) endText() {
	if w.inText {
		w.emit("ET")
		w.inText = false
	}
}

// emit writes s as the next line of the output.
func (w *contentWriter) emit(s string) {
	if w.out.Len() > 0 {
		w.out.WriteByte('\n')
	}
	w.out.WriteString(s)
}

// emitOp writes o with its operands as they are.
func (w *contentWriter) emitOp(o contentOp) {
	var b strings.Builder
	for _, a := range o.args {
		b.Write(a)
		b.WriteByte(' ')
	}
	b.WriteString(o.op)
	w.emit(b.String())
}

// emitNumbers writes o with its numbers short.
func (w *contentWriter) emitNumbers(o contentOp) { w.emit(shortOperands(o)) }

// shortOperands returns o as text, its numbers without trailing zeros.
func shortOperands(o contentOp) string {
	var b strings.Builder
	for _, a := range o.args {
		if c := a[0]; c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
			b.WriteString(shortNumber(string(a)))
		} else {
			b.Write(a)
		}
		b.WriteByte(' ')
	}
	b.WriteString(o.op)
	return b.String()
}

// shortNumber writes the decimal number s in fewer characters: 0.500 as .5,
// -20.80 as -20.8, 10.00 as 10.
func shortNumber(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	s = strings.TrimLeft(s, "0")
	switch {
	case s == "":
		return "0"
	case neg:
		return "-" + s
	}
	return s
}

// fixedScale is the precision of the positions the rewriter adds up: a
// millionth of a point, finer than gofpdf writes them.
const fixedScale = 1_000_000

// parseFixed reads a decimal number of at most six decimals in millionths.
func parseFixed(b []byte) (int64, bool) {
	s := string(b)
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 6 || len(whole) > 12 {
		return 0, false
	}
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(strings.TrimPrefix(whole, "-"), "+")
	if whole == "" && frac == "" {
		return 0, false
	}
	var n int64
	if whole != "" {
		v, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || v < 0 {
			return 0, false
		}
		n = v * fixedScale
	}
	if frac != "" {
		v, err := strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64)
		if err != nil || v < 0 {
			return 0, false
		}
		n += v
	}
	if neg {
		n = -n
	}
	return n, true
}

// formatFixed writes millionths as a short decimal number.
func formatFixed(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n/fixedScale, 10) + "." + strconv.FormatInt(fixedScale+n%fixedScale, 10)[1:]
	if neg {
		s = "-" + s
	}
	return shortNumber(s)
}
