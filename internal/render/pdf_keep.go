package render

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
)

// headingLook returns the size, colour and the space before and after a
// heading of a level.
func (w *pdfWriter) headingLook(level int) (size float64, color rgb, before, after float64) {
	switch level {
	case 1:
		return w.th.HeadingSizes.H1, w.th.heading, 3, 5
	case 2:
		return w.th.HeadingSizes.H2, w.th.heading, 7, 3
	}
	return w.th.HeadingSizes.H3, w.th.text, 4.5, 1.5
}

// headingRule returns the height the rule under a heading of a level takes.
func headingRule(level int) float64 {
	switch level {
	case 1:
		return 1.5
	case 2:
		return 1
	}
	return 0
}

// keepHeight returns the height of the start of block n that must share a
// page with the heading before it: the first two lines of a paragraph, list
// or code block, the header and first row of a table, and for a heading, its
// own lines and what it keeps in turn, so that no heading is left at the foot
// of a page.
func (w *pdfWriter) keepHeight(n ast.Node) float64 {
	if n == nil {
		return 0
	}
	defer func(where string) { w.where = where }(w.where)
	w.at(n) // an error in laying it out is the block's
	body := w.lineHeight(w.th.FontSize)
	switch n := n.(type) {
	case *ast.Heading:
		if HeadingID(n) == ReplyFormID {
			return 0 // it starts a page of its own
		}
		size, _, before, after := w.headingLook(n.Level)
		lines := w.layout(w.inlines(n, textStyle{bold: true}, nil), w.width(), size)
		return before + float64(len(lines))*w.lineHeight(size) + headingRule(n.Level) + after + w.keepHeight(n.NextSibling())
	case *ast.Paragraph, *ast.TextBlock:
		if img := figureImage(n); img != nil {
			return w.figureHeight(img)
		}
		lines := w.layout(w.inlines(n, textStyle{}, nil), w.width(), w.th.FontSize)
		return float64(min(2, len(lines))) * body
	case *ast.List:
		if item := n.FirstChild(); item != nil && item.FirstChild() != nil {
			return max(body, min(2*body, w.keepHeight(item.FirstChild())))
		}
	case *extast.Table:
		l := w.tableLayout(n)
		h := w.rowHeight(lineCount(l.rows[0]), w.th.FontSize, true)
		if len(l.rows) > 1 {
			h += w.rowHeight(lineCount(l.rows[1]), w.th.FontSize, false)
		}
		return h
	}
	return 2 * body
}
