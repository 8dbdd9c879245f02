package render

// A table too wide for the page, such as the devices table of a hardware
// notice with a dozen columns, cannot give each column its widest word: its
// cells would break inside words and identifiers, a letter or two a line. Such
// a table is laid out as a recall letter lists devices instead: one block per
// body row, each value on a row of its own beside its column's header as the
// label ("UDI-DI | 04260123450014"), the first (the device) on the header's
// background so that each block starts visibly. Empty values are left out; a
// column empty in every row shows its label once, in the first block.
//
// The structure tree keeps the table as it is in the Markdown and HTML
// editions: a header row of TH elements (scope Column) and a TR of TD elements
// per body row, so that a screen reader announces each value with its column.
// A label's first showing is its TH's content; its repeats in later blocks are
// artifacts, as a header row repeated on a new page is.

// maxLabelShare is the largest part of the text width the labels of a stacked
// table take.
const maxLabelShare = 0.38

// sum returns the sum of xs.
func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// stackedLayout lays out rows (rows[0] the header, already tokenized) as
// blocks of label and value: the labels as wide as the widest header on one
// line, up to maxLabelShare of the width, the values the rest.
func (w *pdfWriter) stackedLayout(rows [][]pdfCell, natural []float64, blank []bool) *pdfTableLayout {
	size := w.th.FontSize
	total := w.width()
	label := 0.0
	for _, c := range rows[0] {
		m := measureTokens(c.tokens)
		label = max(label, min(m.natural, maxLabelShare*total-2*cellPadX), m.widest)
	}
	// A line's width adds its runs in another order than measureTokens does:
	// the slack keeps the widest label from wrapping on a rounding error.
	label += 2*cellPadX + 0.05
	widths := []float64{label, total - label}
	for r, row := range rows {
		width := widths[1]
		if r == 0 {
			width = widths[0]
		}
		for i := range row {
			row[i].lines = w.breakLines(row[i].tokens, width-2*cellPadX, size)
		}
	}
	return &pdfTableLayout{rows: rows, widths: widths, blank: blank, stacked: true}
}

// stackedTable writes a stacked table: each block moves to the next page
// rather than split, unless it is taller than a page, and then splits between
// its rows.
func (w *pdfWriter) stackedTable(l *pdfTableLayout) {
	size := w.th.FontSize
	lh := w.lineHeight(size)
	rows := l.rows
	w.tagTable(rows, l.blank)
	header := rows[0]
	shown := make([]bool, len(header)) // the label has been drawn as its TH
	fresh := w.bottom() - w.top()
	for r, row := range rows[1:] {
		var cols []int // the columns the row has a value in, and in the first block those no row has one in
		height := 0.0
		for i, c := range row {
			if len(c.tokens) > 0 || r == 0 && l.blank[i] {
				cols = append(cols, i)
				height += w.pairHeight(header[i], c, size)
			}
		}
		w.reserve(min(height, fresh))
		for k, i := range cols {
			h := w.pairHeight(header[i], row[i], size)
			if h > fresh {
				w.fail("a cell of a table fills more than a page; shorten its text")
				return
			}
			if w.y+h > w.bottom() {
				w.newPage()
			}
			label := header[i]
			if shown[i] {
				label.tag = nil
			}
			shown[i] = true
			first := k == 0
			w.drawRow([]pdfCell{label, row[i]}, l.widths, 0, lineCount([]pdfCell{label, row[i]}), h, size,
				func(j int) bool { return j == 0 || first })
		}
		w.gap(0.55 * lh)
	}
}

// pairHeight returns the height of the row of a stacked table that shows
// label beside value.
func (w *pdfWriter) pairHeight(label, value pdfCell, size float64) float64 {
	return w.rowHeight(max(len(label.lines), len(value.lines)), size, false)
}
