package render

import (
	"bytes"

	"github.com/jung-kurt/gofpdf"
)

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
	w.flushDecorations()
	w.endContent()
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

// rule draws a horizontal line across the text width at y, as an artifact
// that waits for flushDecorations.
func (w *pdfWriter) rule(y, thickness float64, c rgb) {
	left, right := w.left(), w.left()+w.width()
	w.decoration(func() {
		w.pdf.SetDrawColor(c.r, c.g, c.b)
		w.pdf.SetLineWidth(thickness)
		w.pdf.Line(left, y, right, y)
	})
}

// decoration keeps draw, which draws lines beside the page's text or over it,
// never under it (a rule, a frame, a table's grid, a tick box, the underline
// of a link), to be drawn by flushDecorations with the page's other such
// lines, as one artifact after the page's text: so artifacts do not part the
// text of the page into many text objects and marked-content sequences. draw
// must not depend on the writer's position, which will have moved on.
func (w *pdfWriter) decoration(draw func()) {
	if w.tags.artifact > 0 { // in the running header or footer, an artifact being drawn
		draw()
		return
	}
	w.decorations = append(w.decorations, draw)
}

// flushDecorations draws, as one artifact, what decoration kept. It is
// called before a new page and before the running headers are drawn.
func (w *pdfWriter) flushDecorations() {
	if len(w.decorations) == 0 {
		return
	}
	w.artifact("", func() {
		for _, draw := range w.decorations {
			draw()
		}
	})
	w.decorations = w.decorations[:0]
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
	w.flushDecorations()
	pages := w.pdf.PageCount()
	for p := 1; p <= pages && w.err == nil; p++ {
		w.endContent()
		w.pdf.SetPage(p)
		// The page's own content stream does not know the current font and colours.
		w.font = fontKey{}
		w.pdf.SetFillColor(th.muted.r, th.muted.g, th.muted.b)

		w.artifact("/Type /Pagination /Subtype /Header", func() {
			w.rule(ruleY, 0.2, th.rule)
			for i, l := range header {
				w.drawLine(l, w.left(), ruleY-1.5-float64(len(header)-i)*lh, lh, runningSize, th.muted)
			}
		})
		if th.logo != nil {
			w.logo(p, ruleY)
		}

		w.where = "the page footer"
		label, err := w.meta.PageLabel(p, pages)
		if err != nil {
			w.fail("page label of page %d of %d: %v", p, pages, err)
			return
		}
		footY := w.bottom() + footerGap
		w.artifact("/Type /Pagination /Subtype /Footer", func() {
			w.rule(footY, 0.2, th.rule)
			for i, l := range w.layout([]textSpan{{text: label}}, w.width(), runningSize) {
				w.drawLine(l, w.left()+(w.width()-l.width)/2, footY+1+float64(i)*lh, lh, runningSize, th.muted)
			}
		})
	}
	w.endContent()
	w.pdf.SetPage(pages)
}

// logo draws the logo in the running header of page p. On the first page it is
// the first Figure of the document, with the manufacturer's name as its
// alternative text; on the pages after it, it repeats as part of the header.
func (w *pdfWriter) logo(p int, ruleY float64) {
	th := w.th
	draw := func() {
		w.pdf.ImageOptions("logo", pageWidth-th.Margins.Right-th.logo.width, ruleY-1.5-th.logo.height,
			th.logo.width, th.logo.height, false, gofpdf.ImageOptions{ImageType: th.logo.format}, 0, "")
	}
	if p > 1 || w.meta.Author == "" {
		w.artifact("/Type /Pagination /Subtype /Header", draw)
		return
	}
	doc := w.tags.root
	fig := &structElem{typ: "Figure", attrs: " /Alt " + pdfString(w.meta.Author), parent: doc}
	doc.kids = append([]structKid{{elem: fig}}, doc.kids...)
	w.content(fig, draw)
}
