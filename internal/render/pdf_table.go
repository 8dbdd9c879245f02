package render

import (
	"slices"

	extast "github.com/yuin/goldmark/extension/ast"
)

// pdfCell is the content of one cell.
type pdfCell struct {
	tokens []lineToken
	align  extast.Alignment
	lines  []textLine
	tag    *structElem // its TH or TD element
	field  *formField  // a blank cell of the reply form
}

// pdfTableLayout is a table broken into lines: rows[0] is the header.
type pdfTableLayout struct {
	rows   [][]pdfCell
	widths []float64
	blank  []bool // columns without text in any body row
	// stacked lays each body row out as a block of label and value rows
	// (see stackedLayout); widths are then those of the label and value.
	stacked bool
}

// tableLayout lays out a GFM table, once: column widths follow the content
// (see fitColumns) and text wraps inside its cell.
func (w *pdfWriter) tableLayout(t *extast.Table) *pdfTableLayout {
	if l, ok := w.tables[t]; ok {
		return l
	}
	size := w.th.FontSize
	cols := len(t.Alignments)
	var rows [][]pdfCell // rows[0] is the header
	natural := make([]float64, cols)
	least := make([]float64, cols)
	ids := make([]float64, cols)
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
			m := measureTokens(row[i].tokens)
			natural[i] = max(natural[i], m.natural+2*cellPadX)
			least[i] = max(least[i], m.widest+2*cellPadX)
			if m.widestID > 0 {
				ids[i] = max(ids[i], m.widestID+2*cellPadX)
			}
			i++
		}
		rows = append(rows, row)
	}
	if !w.replyForm && cols > 2 && sum(least) > w.width() {
		l := w.stackedLayout(rows, natural, blank)
		w.tables[t] = l
		return l
	}
	widths := fitColumns(natural, least, ids, blank, w.width())
	for _, row := range rows {
		for i := range row {
			row[i].lines = w.breakLines(row[i].tokens, widths[i]-2*cellPadX, size)
		}
	}
	l := &pdfTableLayout{rows: rows, widths: widths, blank: blank}
	w.tables[t] = l
	return l
}

// table writes a GFM table with a grid: the header row is bold on a filled
// background and is repeated on every page the table runs onto. A row moves
// to the next page rather than split, unless it is taller than a page. In the
// reply form, rows leave room to write by hand.
func (w *pdfWriter) table(t *extast.Table) {
	size := w.th.FontSize
	lh := w.lineHeight(size)
	l := w.tableLayout(t)
	if l.stacked {
		w.stackedTable(l)
		return
	}
	rows, widths := l.rows, l.widths
	w.tagTable(rows, l.blank)

	header := rows[0]
	first := w.rowHeight(lineCount(header), size, true)
	if len(rows) > 1 {
		first += w.rowHeight(lineCount(rows[1]), size, false)
	}
	w.reserve(first)
	w.tableRow(header, widths, 0, lineCount(header), size, true)
	repeat := make([]pdfCell, len(header)) // the header row again, as an artifact
	for i, c := range header {
		repeat[i], repeat[i].tag = c, nil
	}
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
			w.tableRow(repeat, widths, 0, lineCount(header), size, true)
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
	w.drawRow(row, widths, start, n, w.rowHeight(n, size, header), size, func(int) bool { return header })
}

// drawRow draws lines [start, start+n) of each cell of a row of height h at
// the current position, cell i on the header's background when filled(i), and
// moves below it. The backgrounds of the row are one artifact, drawn before
// its text; the borders wait for flushDecorations.
func (w *pdfWriter) drawRow(row []pdfCell, widths []float64, start, n int, h, size float64, filled func(int) bool) {
	lh := w.lineHeight(size)
	var fill []int
	for i := range row {
		if filled(i) {
			fill = append(fill, i)
		}
	}
	if len(fill) > 0 {
		w.artifact("", func() {
			w.pdf.SetFillColor(w.th.tableHeader.r, w.th.tableHeader.g, w.th.tableHeader.b)
			x := w.left()
			for i, cw := range widths {
				if slices.Contains(fill, i) {
					w.pdf.Rect(x, w.y, cw, h, "F")
				}
				x += cw
			}
		})
	}
	x := w.left()
	for i, c := range row {
		w.cell(c, func() {
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
			if start == 0 {
				w.formWidget(c.field, x+0.6, w.y+0.6, widths[i]-1.2, h-1.2)
			}
		})
		x += widths[i]
	}
	left, top := w.left(), w.y
	w.decoration(func() {
		w.pdf.SetDrawColor(w.th.rule.r, w.th.rule.g, w.th.rule.b)
		w.pdf.SetLineWidth(0.2)
		x := left
		for _, cw := range widths {
			w.pdf.Rect(x, top, cw, h, "D")
			x += cw
		}
	})
	w.y += h
}

// tokenMeasure is what measureTokens finds.
type tokenMeasure struct {
	natural  float64 // the widest hard line, set on one line
	widest   float64 // the widest word
	widestID float64 // the widest identifier, 0 without one
}

// measureTokens measures tokens for fitting columns.
func measureTokens(tokens []lineToken) tokenMeasure {
	var m tokenMeasure
	line := 0.0
	for _, t := range tokens {
		if t.kind == tokBreak {
			line = 0
			continue
		}
		line += t.width
		m.natural = max(m.natural, line)
		if t.kind == tokWord {
			m.widest = max(m.widest, t.width)
			if t.identifier() {
				m.widestID = max(m.widestID, t.width)
			}
		}
	}
	return m
}

// minColumn is the narrowest a column of words is made, in millimetres, when
// the table cannot give each column its widest word.
const minColumn = 14

// fitColumns shares total among columns that would like the natural widths
// (their content on one line) and need at least the least ones (their widest
// word), as a browser lays out a table. When the natural widths fit, the room
// left goes to the blank columns, which are there to be written in, or else to
// all columns in proportion. When they do not fit, each column gets its least
// width and a share of what is left in proportion to how much more it would
// like. When even the least widths do not fit, identifiers (ids: the widest
// word with a digit, such as a UDI-DI, lot range or version, which must not be
// cut) keep their width, and the columns of other words give up room first,
// down to minColumn.
func fitColumns(natural, least, ids []float64, blank []bool, total float64) []float64 {
	cols := len(natural)
	need := make([]float64, cols)
	floor := make([]float64, cols)
	var sumNeed, sumFloor float64
	for i := range natural {
		need[i] = least[i]
		floor[i] = max(ids[i], min(least[i], minColumn))
		sumNeed += need[i]
		sumFloor += floor[i]
	}
	switch {
	case sumNeed <= total:
	case sumFloor <= total:
		for i := range need {
			need[i] = floor[i] + (need[i]-floor[i])*(total-sumFloor)/(sumNeed-sumFloor)
		}
	default: // identifiers wider than the page together: each is cut in proportion
		for i := range need {
			need[i] = floor[i] * total / sumFloor
		}
	}
	var sumNatural, sumLeast float64
	want := make([]float64, cols)
	for i := range natural {
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
	widths := make([]float64, cols)
	for i := range widths {
		switch {
		case sumNatural > total && sumNatural > sumLeast:
			widths[i] = need[i] + (want[i]-need[i])*(total-sumLeast)/(sumNatural-sumLeast)
		case sumNatural > total:
			widths[i] = need[i]
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
