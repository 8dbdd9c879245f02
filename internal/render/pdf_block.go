package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// listMarker is the number, bullet or tick box of a list item, drawn with the
// item's first line.
type listMarker struct {
	text     string // "3." or "•"; empty for a tick box
	box      bool
	checked  bool
	x, width float64     // the marker column left of the item's text
	lbl      *structElem // the Lbl element of the item
	field    *formField  // the check box of a reply form's tick box
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
		if img := figureImage(n); img != nil {
			w.image(img)
			return
		}
		w.textBlock(n, func() { w.paragraph(w.inlines(n, textStyle{}, nil), 0.55*body) })
	case *ast.TextBlock:
		w.textBlock(n, func() { w.paragraph(w.inlines(n, textStyle{}, nil), 0.25*body) })
	case *ast.List:
		w.list(n)
	case *extast.Table:
		w.table(n)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.indent += 4
		w.tagged("P", "", func() { w.paragraph(w.codeLines(n), 0.55*body) })
		w.indent -= 4
	case *ast.Blockquote:
		w.indent += 6
		w.tagged("BlockQuote", "", func() { w.blocks(n) })
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

// textBlock draws a paragraph as a P element, or, when it is all a list item
// holds, as the content of the item's LBody.
func (w *pdfWriter) textBlock(n ast.Node, draw func()) {
	if p := n.Parent(); p != nil && p.Kind() == ast.KindListItem && p.ChildCount() == 1 {
		draw()
		return
	}
	w.tagged("P", "", draw)
}

// heading writes a heading in its size and colour, bookmarks it and makes it a
// link target. It is kept with the two lines that follow it.
func (w *pdfWriter) heading(h *ast.Heading) {
	id := HeadingID(h)
	if id == ReplyFormID || id == DistributorFormID {
		w.signatureBlock()
		w.replyForm = true
		w.startForm(id)
		if w.y > w.top() {
			w.newPage()
		}
	}
	size, color, before, after := w.headingLook(h.Level)
	spans := w.inlines(h, textStyle{bold: true}, nil)
	lh := w.lineHeight(size)
	lines := w.layout(spans, w.width(), size)
	w.gap(before)
	w.reserve(float64(len(lines))*lh + headingRule(h.Level) + after + w.keepHeight(h.NextSibling()))

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
		w.targets[id] = linkTarget{page: w.pdf.PageNo(), y: w.y}
	}
	w.tagged(fmt.Sprintf("H%d", min(h.Level, 6)), "", func() { w.drawLines(lines, size, color) })
	switch h.Level {
	case 1:
		w.rule(w.y+0.8, 0.7, w.th.heading)
	case 2:
		w.rule(w.y+0.6, 0.25, w.th.rule)
	}
	w.y += headingRule(h.Level)
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
	spans := []textSpan{
		{text: b.Caption, style: textStyle{bold: true}},
		{text: b.Name, style: textStyle{bold: true}},
		{text: b.Role},
		{text: b.Date},
	}
	caption := 0 // the line of the caption, after the warning if there is one
	if b.Warning != "" {
		spans = append([]textSpan{{text: b.Warning, style: textStyle{bold: true}}}, spans...)
		caption = 1
	}
	for _, span := range spans {
		l := w.layout([]textSpan{span}, boxWidth-2*pad, size)
		lines = append(lines, l)
		height += float64(len(l)) * lh
	}
	w.gap(1.5 * lh)
	w.reserve(height)
	top := w.y
	const lineWidth = 0.4
	left := w.left()
	w.decoration(func() {
		w.pdf.SetDrawColor(w.th.heading.r, w.th.heading.g, w.th.heading.b)
		w.pdf.SetLineWidth(lineWidth)
		w.pdf.Rect(left, top, boxWidth, height, "D")
	})
	if b.Placed != nil {
		k := w.pdf.GetConversionRatio()
		_, pageHeight := w.pdf.GetPageSize()
		c := w.th.heading
		b.Placed(SignaturePlace{
			Page:      w.pdf.PageNo(),
			Rect:      [4]float64{w.left() * k, (pageHeight - top - height) * k, (w.left() + boxWidth) * k, (pageHeight - top) * k},
			LineWidth: lineWidth * k,
			Color:     [3]float64{float64(c.r) / 255, float64(c.g) / 255, float64(c.b) / 255},
		})
	}
	w.indent += pad
	w.y = top + pad
	w.beginTag("Div", "")
	for i, l := range lines {
		color := w.th.text
		switch {
		case i < caption:
			color = warningColor
		case i == caption:
			color = w.th.heading
		}
		w.tagged("P", "", func() { w.drawLines(l, size, color) })
	}
	w.endTag()
	w.indent -= pad
	w.y = top + height
	w.gap(lh)
}

// warningColor is the colour of the development certificate's warnings, a
// red with a contrast of 6.5:1 on white.
var warningColor = rgb{0xB0, 0x10, 0x20}

// warningBanner draws meta.Warning, if set, at the top of the page in a red
// frame, in bold red: a paragraph of the structure tree, read first.
func (w *pdfWriter) warningBanner() {
	text := w.meta.Warning
	if text == "" || w.err != nil {
		return
	}
	const pad = 2.5
	size := w.th.FontSize
	lh := w.lineHeight(size)
	lines := w.layout([]textSpan{{text: text, style: textStyle{bold: true}}}, w.width()-2*pad, size)
	height := float64(len(lines))*lh + 2*pad
	top := w.y
	left, width := w.left(), w.width()
	w.decoration(func() {
		w.pdf.SetDrawColor(warningColor.r, warningColor.g, warningColor.b)
		w.pdf.SetLineWidth(0.8)
		w.pdf.Rect(left, top, width, height, "D")
	})
	w.indent += pad
	w.y = top + pad
	w.tagged("P", "", func() { w.drawLines(lines, size, warningColor) })
	w.indent -= pad
	w.y = top + height
	w.gap(lh)
}

// link notes that a link points to the heading with id.
func (w *pdfWriter) link(id string) { w.links[id] = true }

// checkLinks reports a link to a heading id that no heading has.
func (w *pdfWriter) checkLinks() {
	for _, id := range slices.Sorted(maps.Keys(w.links)) {
		if _, ok := w.targets[id]; !ok {
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
	w.beginTag("L", map[bool]string{true: " /A <</O /List /ListNumbering /Decimal>>", false: ""}[l.IsOrdered()])
	for item := l.FirstChild(); item != nil && w.err == nil; item = item.NextSibling() {
		w.beginTag("LI", "")
		m := &listMarker{x: w.th.Margins.Left + outer, width: column, lbl: w.beginTag("Lbl", "")}
		w.endTag()
		switch box := taskBox(item); {
		case box != nil:
			m.box, m.checked = true, box.IsChecked
			if f := w.replyField(true); f != nil {
				f.tooltip = spanText(w.inlines(item.FirstChild(), textStyle{}, nil))
				m.field = f
			} else {
				m.lbl.attrs = " /ActualText " + pdfString(map[bool]string{true: "☑", false: "☐"}[box.IsChecked])
			}
		case l.IsOrdered():
			m.text = fmt.Sprintf("%d%c", number, l.Marker)
			number++
		case w.listDepth%2 == 1:
			m.text = "•"
		default:
			m.text = "–"
		}
		w.marker = m
		w.tagged("LBody", "", func() { w.blocks(item) })
		if w.marker != nil { // an empty item: the marker alone
			w.reserve(body)
			w.drawLine(textLine{}, w.left(), w.y, body, size, w.th.text)
			w.y += body
		}
		w.endTag()
		w.gap(0.3 * body)
	}
	w.endTag()
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
