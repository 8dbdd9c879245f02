package render

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/language"
)

// PDFMeta is what the PDF writer needs besides the document.
type PDFMeta struct {
	Lang     string    // BCP 47 tag of the edition
	Title    string    // document title (the notice's localised title + subject)
	Subject  string    // document subject
	Author   string    // manufacturer
	Keywords string    // document keywords
	Creator  string    // "fsn <version>"
	Header   string    // running header text: notice title and FSCA reference
	Date     time.Time // creation and modification date written into the PDF (never time.Now)
	// PageLabel returns the localised footer, e.g. "Pagina 2 di 3".
	PageLabel func(page, pages int) (string, error)
	// Signature, when set, is drawn at the end of the notice, before the reply form.
	Signature *SignatureBlock
}

// SignatureBlock is the visible part of a digital signature: a framed block
// with the signatory, their role and the date of signing.
type SignatureBlock struct {
	Caption string // "Digitally signed", in the edition's language
	Name    string
	Role    string
	Date    string // the date of signing, as the edition's language writes it
}

// PDF writes doc as an A4 PDF and returns its bytes. A nil style means DefaultPDFStyle.
//
// The PDF embeds subsets of the style's TrueType fonts, carries a ToUnicode map
// so that its text can be extracted, an outline entry for every heading of level
// 1 and 2, and clickable web and e-mail links. The heading whose id is
// ReplyFormID starts a new page. The same inputs give the same bytes.
func PDF(doc *Document, meta PDFMeta, style *PDFStyle) ([]byte, error) {
	if style == nil {
		style = DefaultPDFStyle()
	}
	th, problems := style.theme()
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = p.field + ": " + p.msg
		}
		return nil, fmt.Errorf("render: PDF style: %s", strings.Join(msgs, "; "))
	}
	lang, err := language.Parse(meta.Lang)
	if err != nil {
		return nil, fmt.Errorf("render: PDF language %q is not a BCP 47 tag: %v", meta.Lang, err)
	}
	switch {
	case doc == nil:
		return nil, errors.New("render: PDF of a nil document")
	case meta.Date.IsZero():
		return nil, errors.New("render: PDFMeta.Date is zero; give the date of the notice, so that the PDF is reproducible")
	case meta.PageLabel == nil:
		return nil, errors.New("render: PDFMeta.PageLabel is nil; the footer needs the localised page label")
	}

	w := newPDFWriter(doc, meta, th)
	w.newPage()
	w.blocks(doc.Root)
	w.signatureBlock()
	w.checkLinks()
	w.decoratePages()
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render: writing the PDF: %v", err)
	}
	return finishPDF(buf.Bytes(), lang.String(), w.toUnicode())
}

// Page geometry and spacing, in millimetres.
const (
	pageWidth     = 210.0 // A4
	pageHeight    = 297.0
	headerGap     = 6.0  // from the rule of the running header down to the text
	footerGap     = 6.0  // from the text down to the rule of the footer
	runningSize   = 8.0  // type size of the running header and the footer, in points
	cellPadX      = 1.8  // padding of table cells, left and right
	cellPadY      = 1.2  // padding of table cells, top and bottom
	formRowHeight = 10.0 // least height of a reply-form table row: room to write by hand
	ptToMM        = 25.4 / 72
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

// textStyle is the style of a run of inline text.
type textStyle struct {
	bold, italic, code, strike bool
	link                       string // URL or "#heading-id"; empty when the text is not a link
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

// textSpan is inline text in one style, or a hard line break.
type textSpan struct {
	text  string
	style textStyle
	brk   bool
}

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

// listMarker is the number, bullet or tick box of a list item, drawn with the
// item's first line.
type listMarker struct {
	text     string // "3." or "•"; empty for a tick box
	box      bool
	checked  bool
	x, width float64 // the marker column left of the item's text
}

// fontKey is the font gofpdf has selected.
type fontKey struct {
	face face
	deco string // "U" underline, "S" strike-through
	size float64
}

// pdfWriter lays out a document on A4 pages. It keeps the first error it meets
// in err, and does nothing useful after it.
type pdfWriter struct {
	pdf  *gofpdf.Fpdf
	src  []byte
	meta PDFMeta
	th   *pdfTheme

	y         float64 // top of the next line, from the top of the page
	pending   float64 // space owed before the next block, dropped at the top of a page
	indent    float64 // indent of the current block from the left margin
	marker    *listMarker
	listDepth int
	replyForm bool // from the reply form heading on
	signed    bool // the signature block has been drawn
	hadTitle  bool // an h1 has been bookmarked, so h2 bookmarks nest under it

	registered [numFaces]bool
	advances   [numFaces]map[rune]advance
	sfntBuf    sfnt.Buffer
	font       fontKey // what gofpdf has selected; the zero size means nothing
	codePages  [256]bool

	links   map[string]int  // gofpdf link of each heading id linked to
	targets map[string]bool // heading ids placed so far

	where string // the part of the document being written, for messages
	err   error
}

// advance is the width of a character at a size of 1 pt, in millimetres.
type advance struct {
	width float64
	ok    bool // the font has a glyph for the character
}

// newPDFWriter returns a writer of doc with an empty gofpdf document.
func newPDFWriter(doc *Document, meta PDFMeta, th *pdfTheme) *pdfWriter {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(th.Margins.Left, th.Margins.Top, th.Margins.Right)
	pdf.SetAutoPageBreak(false, th.Margins.Bottom)
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(meta.Date)
	pdf.SetModificationDate(meta.Date)
	for _, m := range []struct {
		set   func(string, bool)
		value string
	}{
		{pdf.SetTitle, meta.Title},
		{pdf.SetSubject, meta.Subject},
		{pdf.SetAuthor, meta.Author},
		{pdf.SetKeywords, meta.Keywords},
		{pdf.SetCreator, meta.Creator},
	} {
		if m.value != "" { // gofpdf would write an empty UTF-16 string
			m.set(m.value, true)
		}
	}
	w := &pdfWriter{
		pdf:     pdf,
		src:     doc.Source,
		meta:    meta,
		th:      th,
		links:   map[string]int{},
		targets: map[string]bool{},
	}
	for f := range w.advances {
		w.advances[f] = map[rune]advance{}
	}
	return w
}

// fail keeps the first error.
func (w *pdfWriter) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("render: PDF, %s: %s", w.where, fmt.Sprintf(format, args...))
	}
}

// at notes that the writer is working on node n, for messages.
func (w *pdfWriter) at(n ast.Node) {
	w.where = fmt.Sprintf("line %d of the Markdown edition", sourceLine(n, w.src))
}

// sourceLine returns the source line of the first text in n, or 0.
func sourceLine(n ast.Node, src []byte) int {
	off := -1
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
			return ast.WalkContinue, nil
		case n.Type() == ast.TypeBlock && n.Lines().Len() > 0:
			off = n.Lines().At(0).Start
		case n.Kind() == ast.KindText:
			off = n.(*ast.Text).Segment.Start
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, nil
	})
	if off < 0 {
		return 0
	}
	return 1 + bytes.Count(src[:off], []byte("\n"))
}

// The text area of a page, and the left and width of the current block.
func (w *pdfWriter) top() float64    { return w.th.Margins.Top }
func (w *pdfWriter) bottom() float64 { return pageHeight - w.th.Margins.Bottom }
func (w *pdfWriter) left() float64   { return w.th.Margins.Left + w.indent }
func (w *pdfWriter) width() float64 {
	return pageWidth - w.th.Margins.Left - w.th.Margins.Right - w.indent
}

// lineHeight returns the height of a line of text of the given size in points.
func (w *pdfWriter) lineHeight(size float64) float64 {
	return size * w.th.LineHeight * ptToMM
}

// newPage starts a page and moves to the top of its text.
func (w *pdfWriter) newPage() {
	w.pdf.AddPage()
	w.y = w.top()
	w.pending = 0
}

// gap asks for space of h before the next block; gaps in a row do not add up.
func (w *pdfWriter) gap(h float64) { w.pending = max(w.pending, h) }

// reserve makes room for h of content: it pays the pending gap, or starts a new
// page when h does not fit on this one.
func (w *pdfWriter) reserve(h float64) {
	switch {
	case w.y <= w.top():
	case w.y+w.pending+h > w.bottom():
		w.newPage()
	default:
		w.y += w.pending
	}
	w.pending = 0
}

// blocks writes the children of n.
func (w *pdfWriter) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil && w.err == nil; c = c.NextSibling() {
		w.block(c)
	}
}

// block writes one block; it fails on a kind of block a PDF cannot show, so
// that no content is dropped without a word.
func (w *pdfWriter) block(n ast.Node) {
	w.at(n)
	body := w.lineHeight(w.th.FontSize)
	switch n := n.(type) {
	case *ast.Heading:
		w.heading(n)
	case *ast.Paragraph:
		w.paragraph(w.inlines(n, textStyle{}, nil), 0.55*body)
	case *ast.TextBlock:
		w.paragraph(w.inlines(n, textStyle{}, nil), 0.25*body)
	case *ast.List:
		w.list(n)
	case *extast.Table:
		w.table(n)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.indent += 4
		w.paragraph(w.codeLines(n), 0.55*body)
		w.indent -= 4
	case *ast.Blockquote:
		w.indent += 6
		w.blocks(n)
		w.indent -= 6
	case *ast.ThematicBreak:
		w.reserve(body)
		w.rule(w.y+body/2, 0.3, w.th.rule)
		w.y += body
		w.gap(0.55 * body)
	default:
		w.fail("a %s cannot be written to a PDF; remove it from the template or translation", n.Kind())
	}
}

// heading writes a heading in its size and colour, bookmarks it and makes it a
// link target. It is kept with the two lines that follow it.
func (w *pdfWriter) heading(h *ast.Heading) {
	id := HeadingID(h)
	if id == ReplyFormID {
		w.signatureBlock()
		w.replyForm = true
		if w.y > w.top() {
			w.newPage()
		}
	}
	size, color, before, after := w.th.HeadingSizes.H3, w.th.text, 4.5, 1.5
	switch h.Level {
	case 1:
		size, color, before, after = w.th.HeadingSizes.H1, w.th.heading, 3, 5
	case 2:
		size, color, before, after = w.th.HeadingSizes.H2, w.th.heading, 7, 3
	}
	spans := w.inlines(h, textStyle{bold: true}, nil)
	lh := w.lineHeight(size)
	lines := w.layout(spans, w.width(), size)
	w.gap(before)
	w.reserve(float64(len(lines))*lh + 2*w.lineHeight(w.th.FontSize))

	if h.Level <= 2 {
		w.setFont(textStyle{bold: true}, size) // Bookmark encodes its text for the current font
		level := 0
		if h.Level == 2 && w.hadTitle {
			level = 1
		}
		w.hadTitle = w.hadTitle || h.Level == 1
		w.pdf.Bookmark(spanText(spans), level, w.y)
	}
	if id != "" {
		w.pdf.SetLink(w.link(id), w.y, -1)
		w.targets[id] = true
	}
	w.drawLines(lines, size, color)
	switch h.Level {
	case 1:
		w.rule(w.y+0.8, 0.7, w.th.heading)
		w.y += 1.5
	case 2:
		w.rule(w.y+0.6, 0.25, w.th.rule)
		w.y += 1
	}
	w.gap(after)
}

// signatureBlock draws meta.Signature, once, in a frame kept on one page.
func (w *pdfWriter) signatureBlock() {
	b := w.meta.Signature
	if b == nil || w.signed || w.err != nil {
		return
	}
	w.signed = true
	const pad = 2.5
	size := w.th.FontSize
	lh := w.lineHeight(size)
	boxWidth := min(95, w.width())
	var lines [][]textLine
	height := 2 * pad
	for _, span := range []textSpan{
		{text: b.Caption, style: textStyle{bold: true}},
		{text: b.Name, style: textStyle{bold: true}},
		{text: b.Role},
		{text: b.Date},
	} {
		l := w.layout([]textSpan{span}, boxWidth-2*pad, size)
		lines = append(lines, l)
		height += float64(len(l)) * lh
	}
	w.gap(1.5 * lh)
	w.reserve(height)
	top := w.y
	w.pdf.SetDrawColor(w.th.heading.r, w.th.heading.g, w.th.heading.b)
	w.pdf.SetLineWidth(0.4)
	w.pdf.Rect(w.left(), top, boxWidth, height, "D")
	w.indent += pad
	w.y = top + pad
	for i, l := range lines {
		color := w.th.text
		if i == 0 {
			color = w.th.heading
		}
		w.drawLines(l, size, color)
	}
	w.indent -= pad
	w.y = top + height
	w.gap(lh)
}

// link returns the gofpdf link of a heading id, making it on first use.
func (w *pdfWriter) link(id string) int {
	l, ok := w.links[id]
	if !ok {
		l = w.pdf.AddLink()
		w.links[id] = l
	}
	return l
}

// checkLinks reports a link to a heading id that no heading has.
func (w *pdfWriter) checkLinks() {
	for _, id := range slices.Sorted(maps.Keys(w.links)) {
		if !w.targets[id] {
			w.where = "links"
			w.fail("a link points to #%s, but no heading has that id", id)
		}
	}
}

// paragraph writes text at the current indent, keeping its first two lines together.
func (w *pdfWriter) paragraph(spans []textSpan, after float64) {
	size := w.th.FontSize
	lines := w.layout(spans, w.width(), size)
	w.reserve(float64(min(2, len(lines))) * w.lineHeight(size))
	w.drawLines(lines, size, w.th.text)
	w.gap(after)
}

// codeLines returns the lines of a code block as monospaced spans.
func (w *pdfWriter) codeLines(n ast.Node) []textSpan {
	var spans []textSpan
	lines := n.Lines()
	for i := range lines.Len() {
		if i > 0 {
			spans = append(spans, textSpan{brk: true})
		}
		line := lines.At(i)
		text := strings.TrimRight(string(line.Value(w.src)), "\r\n")
		spans = append(spans, textSpan{text: strings.ReplaceAll(text, "\t", "    "), style: textStyle{code: true}})
	}
	return spans
}

// list writes a list: numbered steps that count from the list's start, bullets,
// or tick boxes. The blocks of an item, such as the notes of a step, are indented
// under its text.
func (w *pdfWriter) list(l *ast.List) {
	size := w.th.FontSize
	body := w.lineHeight(size)
	tasks := false
	count := 0
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		tasks = tasks || taskBox(item) != nil
		count++
	}
	var column float64
	switch {
	case tasks:
		column = 7.5
	case l.IsOrdered():
		last := fmt.Sprintf("%d%c", l.Start+count-1, l.Marker)
		column = max(6.5, w.textWidth(faceBold, last, size)+2.5)
	default:
		column = 5.5
	}
	outer := w.indent
	w.indent += column
	w.listDepth++
	number := l.Start
	for item := l.FirstChild(); item != nil && w.err == nil; item = item.NextSibling() {
		m := &listMarker{x: w.th.Margins.Left + outer, width: column}
		switch box := taskBox(item); {
		case box != nil:
			m.box, m.checked = true, box.IsChecked
		case l.IsOrdered():
			m.text = fmt.Sprintf("%d%c", number, l.Marker)
			number++
		case w.listDepth%2 == 1:
			m.text = "•"
		default:
			m.text = "–"
		}
		w.marker = m
		w.blocks(item)
		if w.marker != nil { // an empty item: the marker alone
			w.reserve(body)
			w.drawLine(textLine{}, w.left(), w.y, body, size, w.th.text)
			w.y += body
		}
		w.gap(0.3 * body)
	}
	w.listDepth--
	w.indent = outer
	w.gap(0.55 * body)
}

// taskBox returns the tick box that starts a list item, or nil.
func taskBox(item ast.Node) *extast.TaskCheckBox {
	if first := item.FirstChild(); first != nil {
		if box, ok := first.FirstChild().(*extast.TaskCheckBox); ok {
			return box
		}
	}
	return nil
}

// pdfCell is the content of one cell.
type pdfCell struct {
	tokens []lineToken
	align  extast.Alignment
	lines  []textLine
}

// table writes a GFM table with a grid: column widths follow the content, text
// wraps inside its cell, the header row is bold on a filled background and is
// repeated on every page the table runs onto. A row moves to the next page rather
// than split, unless it is taller than a page. In the reply form, rows leave room
// to write by hand.
func (w *pdfWriter) table(t *extast.Table) {
	size := w.th.FontSize
	lh := w.lineHeight(size)
	cols := len(t.Alignments)
	var rows [][]pdfCell // rows[0] is the header
	natural := make([]float64, cols)
	least := make([]float64, cols)
	blank := make([]bool, cols) // no text in any body row
	for i := range blank {
		blank[i] = t.FirstChild() != t.LastChild()
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		header := r.Kind() == extast.KindTableHeader
		row := make([]pdfCell, cols)
		i := 0
		for c := r.FirstChild(); c != nil && i < cols; c = c.NextSibling() {
			cell := c.(*extast.TableCell)
			row[i].align = cell.Alignment
			row[i].tokens = w.tokenize(w.inlines(cell, textStyle{bold: header}, nil), size)
			blank[i] = blank[i] && (header || len(row[i].tokens) == 0)
			nat, word := measureTokens(row[i].tokens)
			natural[i] = max(natural[i], nat+2*cellPadX)
			least[i] = max(least[i], word+2*cellPadX)
			i++
		}
		rows = append(rows, row)
	}
	widths := fitColumns(natural, least, blank, w.width())
	for _, row := range rows {
		for i := range row {
			row[i].lines = w.breakLines(row[i].tokens, widths[i]-2*cellPadX, size)
		}
	}

	header := rows[0]
	first := w.rowHeight(lineCount(header), size, true)
	if len(rows) > 1 {
		first += w.rowHeight(lineCount(rows[1]), size, false)
	}
	w.reserve(first)
	w.tableRow(header, widths, 0, lineCount(header), size, true)
	fresh := w.bottom() - w.top() - w.rowHeight(lineCount(header), size, true)
	for _, row := range rows[1:] {
		lines := lineCount(row)
		for start := 0; w.err == nil; {
			if w.y+w.rowHeight(lines-start, size, false) <= w.bottom() {
				w.tableRow(row, widths, start, lines-start, size, false)
				break
			}
			if start > 0 || w.rowHeight(lines, size, false) > fresh { // taller than a page: split it
				if fit := int((w.bottom() - w.y - 2*cellPadY) / lh); fit >= 1 {
					w.tableRow(row, widths, start, fit, size, false)
					start += fit
				}
			}
			w.newPage()
			w.tableRow(header, widths, 0, lineCount(header), size, true)
			if w.y+w.rowHeight(1, size, false) > w.bottom() {
				w.fail("the header row of a table fills a whole page; shorten its text")
			}
		}
	}
	w.gap(0.55 * w.lineHeight(size))
}

// lineCount returns the number of lines of the fullest cell of a row.
func lineCount(row []pdfCell) int {
	n := 0
	for _, c := range row {
		n = max(n, len(c.lines))
	}
	return n
}

// rowHeight returns the height of a table row that shows n lines.
func (w *pdfWriter) rowHeight(n int, size float64, header bool) float64 {
	h := float64(max(n, 1))*w.lineHeight(size) + 2*cellPadY
	if !header && w.replyForm {
		h = max(h, formRowHeight)
	}
	return h
}

// tableRow draws lines [start, start+n) of each cell of a row at the current
// position and moves below it.
func (w *pdfWriter) tableRow(row []pdfCell, widths []float64, start, n int, size float64, header bool) {
	lh := w.lineHeight(size)
	h := w.rowHeight(n, size, header)
	x := w.left()
	for i, c := range row {
		if header {
			w.pdf.SetFillColor(w.th.tableHeader.r, w.th.tableHeader.g, w.th.tableHeader.b)
			w.pdf.Rect(x, w.y, widths[i], h, "F")
		}
		for k := start; k < min(start+n, len(c.lines)); k++ {
			l := c.lines[k]
			lx := x + cellPadX
			switch c.align {
			case extast.AlignRight:
				lx += widths[i] - 2*cellPadX - l.width
			case extast.AlignCenter:
				lx += (widths[i] - 2*cellPadX - l.width) / 2
			}
			w.drawLine(l, lx, w.y+cellPadY+float64(k-start)*lh, lh, size, w.th.text)
		}
		x += widths[i]
	}
	w.pdf.SetDrawColor(w.th.rule.r, w.th.rule.g, w.th.rule.b)
	w.pdf.SetLineWidth(0.2)
	x = w.left()
	for _, cw := range widths {
		w.pdf.Rect(x, w.y, cw, h, "D")
		x += cw
	}
	w.y += h
}

// measureTokens returns the width of the widest hard line of tokens laid out on one
// line, and the width of the widest word.
func measureTokens(tokens []lineToken) (natural, widest float64) {
	line := 0.0
	for _, t := range tokens {
		if t.kind == tokBreak {
			line = 0
			continue
		}
		line += t.width
		natural = max(natural, line)
		if t.kind == tokWord {
			widest = max(widest, t.width)
		}
	}
	return natural, widest
}

// fitColumns shares total among columns that would like the natural widths and
// need at least the least ones. When the natural widths fit, the room left goes
// to the blank columns, which are there to be written in, or else to all columns
// in proportion. When they do not fit, each column gets its least width and a
// share of what is left in proportion to how much more it would like.
func fitColumns(natural, least []float64, blank []bool, total float64) []float64 {
	var sumNatural, sumLeast float64
	want := make([]float64, len(natural))
	need := make([]float64, len(natural))
	for i := range natural {
		need[i] = min(least[i], total/float64(len(natural))) // a longer word is cut
		want[i] = max(natural[i], need[i])
		sumNatural += want[i]
		sumLeast += need[i]
	}
	blanks := 0
	for _, b := range blank {
		if b {
			blanks++
		}
	}
	widths := make([]float64, len(natural))
	for i := range widths {
		switch {
		case sumNatural > total:
			widths[i] = need[i] + (want[i]-need[i])*(total-sumLeast)/(sumNatural-sumLeast)
		case blanks == 0:
			widths[i] = want[i] * total / sumNatural
		case blank[i]:
			widths[i] = want[i] + (total-sumNatural)/float64(blanks)
		default:
			widths[i] = want[i]
		}
	}
	return widths
}

// inlines appends the text of the inline children of n, in style st, to out.
func (w *pdfWriter) inlines(n ast.Node, st textStyle, out []textSpan) []textSpan {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s := st
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(w.src)
			if st.code {
				out = append(out, textSpan{text: strings.TrimSuffix(string(v), "\n"), style: s})
			} else if c.IsRaw() {
				out = append(out, textSpan{text: string(v), style: s})
			} else {
				out = append(out, textSpan{text: unescapeMarkdown(v), style: s})
			}
			switch {
			case c.HardLineBreak():
				out = append(out, textSpan{brk: true})
			case c.SoftLineBreak() || st.code && bytes.HasSuffix(v, []byte("\n")):
				out = append(out, textSpan{text: " ", style: s})
			}
		case *ast.String:
			out = append(out, textSpan{text: string(c.Value), style: s})
		case *ast.CodeSpan:
			s.code = true
			out = w.inlines(c, s, out)
		case *ast.Emphasis:
			if c.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
			out = w.inlines(c, s, out)
		case *extast.Strikethrough:
			s.strike = true
			out = w.inlines(c, s, out)
		case *ast.Link:
			s.link = w.linkTarget(string(c.Destination))
			out = w.inlines(c, s, out)
		case *ast.AutoLink:
			url := string(c.URL(w.src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			s.link = w.linkTarget(url)
			out = append(out, textSpan{text: string(c.Label(w.src)), style: s})
		case *extast.TaskCheckBox:
			// drawn as the marker of its list item
		default:
			w.fail("inline %s cannot be written to a PDF; remove it from the template or translation", c.Kind())
		}
	}
	return out
}

// linkTarget returns the destination of a link if the PDF can follow it:
// web and e-mail addresses, and "#id" for a heading. Other links stay plain text.
func (w *pdfWriter) linkTarget(dest string) string {
	lower := strings.ToLower(dest)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "mailto:"):
		return dest
	case len(dest) > 1 && dest[0] == '#':
		w.link(dest[1:])
		return dest
	}
	return ""
}

// unescape resolves the backslash escapes and the entity and character
// references of Markdown text, as goldmark's HTML writer does.
func unescapeMarkdown(b []byte) string {
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			i++
			out.WriteByte(b[i])
		case c == '&':
			end := bytes.IndexByte(b[i:], ';')
			if end < 2 || end > 32 {
				out.WriteByte(c)
				continue
			}
			if r, ok := entityText(string(b[i+1 : i+end])); ok {
				out.WriteString(r)
				i += end
			} else {
				out.WriteByte(c)
			}
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}

// reference returns the text of an entity or character reference without its & and ;.
func entityText(name string) (string, bool) {
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if len(num) > 0 && (num[0] == 'x' || num[0] == 'X') {
			num, base = num[1:], 16
		}
		v, err := strconv.ParseUint(num, base, 32)
		if err != nil {
			return "", false
		}
		r := rune(v)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), true
	}
	if e, ok := util.LookUpHTML5EntityByName(name); ok {
		return string(e.Characters), true
	}
	return "", false
}

// spanText returns the text of spans on one line.
func spanText(spans []textSpan) string {
	var b strings.Builder
	for _, s := range spans {
		if s.brk {
			b.WriteByte(' ')
		}
		b.WriteString(s.text)
	}
	return b.String()
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
		text := strings.ReplaceAll(s.text, "\t", " ")
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
	return tokens
}

// breakLines fills lines greedily. A word wider than a line is cut, after a
// path separator or hyphen where it can be, so that nothing crosses the margin.
func (w *pdfWriter) breakLines(tokens []lineToken, width, size float64) []textLine {
	var lines []textLine
	var cur textLine
	var spaces []textRun // spaces waiting for the next word on the line
	endLine := func() {
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
			endLine()
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
				endLine()
				addWord(t)
			default: // wider than a line: cut it
				if len(cur.runs) > 0 && width-cur.width-gap < width/4 {
					endLine()
					gap = 0
				}
				for len(t.runs) > 0 {
					if cur.width+gap+t.width <= width {
						addWord(t)
						break
					}
					head, tail := w.cutWord(t, width-cur.width-gap, size, len(cur.runs) == 0)
					if len(head.runs) > 0 {
						addWord(head)
					}
					endLine()
					t, gap = tail, 0
				}
			}
		}
	}
	if len(cur.runs) > 0 {
		endLine()
	}
	return lines
}

// cutWord cuts the longest head off t that fits in room, preferring to cut after
// a path separator, hyphen, dot or underscore. When must is set the head has at
// least one character.
func (w *pdfWriter) cutWord(t lineToken, room, size float64, must bool) (head, tail lineToken) {
	type char struct {
		r     rune
		style textStyle
		width float64
	}
	var chars []char
	for _, r := range t.runs {
		for _, c := range r.text {
			chars = append(chars, char{c, r.style, w.advance(r.style.face(), c).width * size})
		}
	}
	fit, used, cut := 0, 0.0, 0
	for fit < len(chars) && used+chars[fit].width <= room {
		used += chars[fit].width
		if strings.ContainsRune(`\/-_.`, chars[fit].r) {
			cut = fit + 1
		}
		fit++
	}
	if cut == 0 || cut < fit/2 {
		cut = fit
	}
	if cut == 0 && must {
		cut = 1
	}
	part := func(cs []char) lineToken {
		var tok lineToken
		for _, c := range cs {
			if n := len(tok.runs); n > 0 && tok.runs[n-1].style == c.style {
				tok.runs[n-1].text += string(c.r)
				tok.runs[n-1].width += c.width
			} else {
				tok.runs = append(tok.runs, textRun{string(c.r), c.style, c.width})
			}
			tok.width += c.width
		}
		return tok
	}
	return part(chars[:cut]), part(chars[cut:])
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
		w.pdf.Text(x, baseline, r.text)
		for _, c := range r.text {
			w.codePages[c>>8] = true
		}
		switch link := r.style.link; {
		case link == "":
		case link[0] == '#':
			w.pdf.Link(x, top, r.width, lh, w.link(link[1:]))
		default:
			w.pdf.LinkString(x, top, r.width, lh, link)
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
		w.pdf.SetDrawColor(w.th.text.r, w.th.text.g, w.th.text.b)
		w.pdf.SetLineWidth(0.3)
		w.pdf.Rect(x, y, side, side, "D")
		if m.checked {
			w.pdf.Line(x+0.2*side, y+0.55*side, x+0.42*side, y+0.78*side)
			w.pdf.Line(x+0.42*side, y+0.78*side, x+0.82*side, y+0.22*side)
		}
		return
	}
	st, color := textStyle{}, w.th.text
	if m.text != "•" && m.text != "–" {
		st, color = textStyle{bold: true}, w.th.heading
	}
	width := w.textWidth(st.face(), m.text, size)
	w.drawLine(textLine{runs: []textRun{{m.text, st, width}}, width: width}, m.x+m.width-2.5-width, top, lh, size, color)
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

// rule draws a horizontal line across the text width at y.
func (w *pdfWriter) rule(y, thickness float64, c rgb) {
	w.pdf.SetDrawColor(c.r, c.g, c.b)
	w.pdf.SetLineWidth(thickness)
	w.pdf.Line(w.left(), y, w.left()+w.width(), y)
}

// decoratePages draws the running header and the footer on every page, once the
// number of pages is known.
func (w *pdfWriter) decoratePages() {
	if w.err != nil {
		return
	}
	w.indent, w.marker = 0, nil
	th := w.th
	lh := w.lineHeight(runningSize)
	headerWidth := w.width()
	if th.logo != nil {
		headerWidth -= th.logo.width + 4
		w.pdf.RegisterImageOptionsReader("logo", gofpdf.ImageOptions{ImageType: th.logo.format}, bytes.NewReader(th.logo.data))
	}
	w.where = "the running header"
	header := w.layout([]textSpan{{text: w.meta.Header}}, headerWidth, runningSize)
	ruleY := w.top() - headerGap
	if room := ruleY - 1.5 - 4; float64(len(header))*lh > room {
		w.fail("%q takes %d lines; shorten it or make the top margin larger", w.meta.Header, len(header))
	}
	pages := w.pdf.PageCount()
	for p := 1; p <= pages && w.err == nil; p++ {
		w.pdf.SetPage(p)
		// The page's own content stream does not know the current font and colours.
		w.font = fontKey{}
		w.pdf.SetFillColor(th.muted.r, th.muted.g, th.muted.b)

		w.rule(ruleY, 0.2, th.rule)
		for i, l := range header {
			w.drawLine(l, w.left(), ruleY-1.5-float64(len(header)-i)*lh, lh, runningSize, th.muted)
		}
		if th.logo != nil {
			w.pdf.ImageOptions("logo", pageWidth-th.Margins.Right-th.logo.width, ruleY-1.5-th.logo.height,
				th.logo.width, th.logo.height, false, gofpdf.ImageOptions{ImageType: th.logo.format}, 0, "")
		}

		w.where = "the page footer"
		label, err := w.meta.PageLabel(p, pages)
		if err != nil {
			w.fail("page label of page %d of %d: %v", p, pages, err)
			return
		}
		footY := w.bottom() + footerGap
		w.rule(footY, 0.2, th.rule)
		for i, l := range w.layout([]textSpan{{text: label}}, w.width(), runningSize) {
			w.drawLine(l, w.left()+(w.width()-l.width)/2, footY+1+float64(i)*lh, lh, runningSize, th.muted)
		}
	}
	w.pdf.SetPage(pages)
}

// toUnicode returns the ToUnicode CMap of the fonts: the codes gofpdf writes for
// UTF-8 fonts are the characters themselves, so each 256-code block of
// characters in the text maps onto itself.
func (w *pdfWriter) toUnicode() []byte {
	var ranges []string
	for hi, used := range w.codePages {
		if used && (hi < 0xD8 || hi > 0xDF) { // never surrogates
			ranges = append(ranges, fmt.Sprintf("<%02X00> <%02XFF> <%02X00>", hi, hi, hi))
		}
	}
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(ranges) > 0 {
		n := min(len(ranges), 100) // at most 100 entries a block
		fmt.Fprintf(&b, "%d beginbfrange\n%s\nendbfrange\n", n, strings.Join(ranges[:n], "\n"))
		ranges = ranges[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

// gofpdfToUnicode is the ToUnicode CMap that gofpdf v1.16.2 writes for every
// UTF-8 font. It maps all codes with the one range <0000> <FFFF> <0000>, which
// ISO 32000-1, 9.10.3, does not allow: a range may vary only the last byte of a
// code. Extractors that keep to the rule, such as github.com/ledongthuc/pdf, then
// read every character above U+00FF wrongly, Greek and Cyrillic included.
const gofpdfToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// finishPDF mends what gofpdf writes wrongly or leaves out: it replaces the
// ToUnicode CMap of every font with cmap and adds the language to the catalog,
// then moves the cross-reference offsets by what the edits added.
func finishPDF(b []byte, lang string, cmap []byte) ([]byte, error) {
	type edit struct {
		at, n int // replace b[at:at+n]
		with  []byte
	}
	var edits []edit
	oldCMap := fmt.Appendf(nil, "<</Length %d>>\nstream\n%s\nendstream", len(gofpdfToUnicode), gofpdfToUnicode)
	newCMap := fmt.Appendf(nil, "<</Length %d>>\nstream\n%s\nendstream", len(cmap), cmap)
	for i := 0; ; {
		j := bytes.Index(b[i:], oldCMap)
		if j < 0 {
			break
		}
		edits = append(edits, edit{i + j, len(oldCMap), newCMap})
		i += j + len(oldCMap)
	}
	catalog := []byte("/Type /Catalog\n")
	c := bytes.LastIndex(b, catalog)
	xref := bytes.LastIndex(b, []byte("\nxref\n0 ")) + 1
	if len(edits) == 0 || c < 0 || xref < c {
		return nil, errors.New("render: the PDF from gofpdf is not laid out as expected (ToUnicode CMap, catalog, cross-reference table); has gofpdf changed?")
	}
	edits = append(edits, edit{c + len(catalog), 0, fmt.Appendf(nil, "/Lang (%s)\n", lang)})
	slices.SortFunc(edits, func(a, b edit) int { return a.at - b.at })

	out := make([]byte, 0, len(b)+len(edits)*len(newCMap))
	prev := 0
	for _, e := range edits {
		out = append(out, b[prev:e.at]...)
		out = append(out, e.with...)
		prev = e.at + e.n
	}
	out = append(out, b[prev:xref]...)
	moved := func(off int) int {
		to := off
		for _, e := range edits {
			if e.at < off {
				to += len(e.with) - e.n
			}
		}
		return to
	}

	// The table: "xref\n0 N\n", then N entries of 20 bytes, "0000001234 00000 n \n".
	newXref := len(out)
	rest := b[xref:]
	head := bytes.IndexByte(rest[len("xref\n"):], '\n') + len("xref\n") + 1
	count, err := strconv.Atoi(string(rest[len("xref\n0 ") : head-1]))
	if err != nil || len(rest) < head+20*count {
		return nil, errors.New("render: the cross-reference table from gofpdf is malformed")
	}
	out = append(out, rest[:head]...)
	for i := range count {
		entry := rest[head+20*i : head+20*i+20]
		if entry[17] != 'n' {
			out = append(out, entry...)
			continue
		}
		off, err := strconv.Atoi(string(entry[:10]))
		if err != nil {
			return nil, fmt.Errorf("render: cross-reference entry %d from gofpdf is malformed", i)
		}
		out = fmt.Appendf(out, "%010d%s", moved(off), entry[10:])
	}
	trailer := rest[head+20*count:]
	start := bytes.LastIndex(trailer, []byte("startxref\n")) + len("startxref\n")
	end := bytes.IndexByte(trailer[start:], '\n')
	if start < len("startxref\n") || end < 0 {
		return nil, errors.New("render: the PDF from gofpdf has no startxref")
	}
	out = append(out, trailer[:start]...)
	out = strconv.AppendInt(out, int64(newXref), 10)
	return append(out, trailer[start+end:]...), nil
}
