package render

import (
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
	w.tagTable(rows, blank)

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
	lh := w.lineHeight(size)
	h := w.rowHeight(n, size, header)
	x := w.left()
	for i, c := range row {
		if header {
			w.artifact("", func() {
				w.pdf.SetFillColor(w.th.tableHeader.r, w.th.tableHeader.g, w.th.tableHeader.b)
				w.pdf.Rect(x, w.y, widths[i], h, "F")
			})
		}
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
	w.artifact("", func() {
		w.pdf.SetDrawColor(w.th.rule.r, w.th.rule.g, w.th.rule.b)
		w.pdf.SetLineWidth(0.2)
		x = w.left()
		for _, cw := range widths {
			w.pdf.Rect(x, w.y, cw, h, "D")
			x += cw
		}
	})
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
