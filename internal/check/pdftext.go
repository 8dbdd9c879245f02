package check

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/render"
)

// pdfText is the body text of a PDF edition, read with github.com/ledongthuc/pdf.
type pdfText struct {
	text string // the lines of every page, joined
	sq   string // text without white space
	offs []int  // for each byte of sq, its offset in text
}

// mmToPoints converts the millimetres of the PDF style into PDF points.
const mmToPoints = 72 / 25.4

// readPDFText reads the body text of every page of a PDF: the text between the
// top and bottom margins of style, where the running header and the page footer
// are not. A line that ends with a backslash, slash, hyphen or underscore, where
// the writer breaks a long path or name, is joined to the next without a space,
// and so is one that ends with the space the writer keeps where it broke a line.
func readPDFText(data []byte, style *render.PDFStyle) (t *pdfText, err error) {
	defer func() {
		if e := recover(); e != nil { // the reader panics on some malformed files
			t, err = nil, fmt.Errorf("malformed PDF: %v", e)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	pages, err := pdfPages(r)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	var last rune // the last character written to b
	fonts := fontCache{}
	for _, p := range pages {
		height := p.mediaBox.Index(3).Float64()
		top, bottom := height-style.Margins.Top*mmToPoints, style.Margins.Bottom*mmToPoints
		lastY := -1.0
		pageText(p.Page, fonts, func(y float64, ch rune) {
			if y > top || y < bottom {
				return
			}
			if y != lastY && b.Len() > 0 && !strings.ContainsRune(` \/-_`, last) {
				b.WriteByte(' ')
			}
			lastY, last = y, ch
			b.WriteRune(ch)
		})
	}
	t = &pdfText{text: b.String()}
	var sq strings.Builder
	for i, r := range t.text {
		if !strings.ContainsRune(" \t\n\r\u00a0\u00ad", r) { // a soft hyphen is where the writer hyphenated a word
			sq.WriteRune(r)
			for range len(string(r)) {
				t.offs = append(t.offs, i)
			}
		}
	}
	t.sq = sq.String()
	t.offs = append(t.offs, len(t.text))
	return t, nil
}

// maxPageTreeNodes bounds the nodes of a page tree pdfPages visits, so that a
// tree whose kids refer back to their parents cannot keep it walking.
const maxPageTreeNodes = 1 << 16

// pdfPage is a page of a PDF and its MediaBox, which it may inherit from the
// nodes of the page tree above it.
type pdfPage struct {
	pdf.Page
	mediaBox pdf.Value
}

// pdfPages returns the pages of a PDF in their order, as many as its page
// tree's Count says, walking the tree once. Reader.Page walks it from the
// root for each page, and each step reads an object from the edition's object
// stream, which the reader inflates anew for each object it reads.
func pdfPages(r *pdf.Reader) ([]pdfPage, error) {
	root := r.Trailer().Key("Root").Key("Pages")
	count := int(root.Key("Count").Int64())
	var pages []pdfPage
	visited := 0
	var walk func(node, box pdf.Value) error
	walk = func(node, box pdf.Value) error {
		if visited++; visited > maxPageTreeNodes {
			return fmt.Errorf("the page tree has more than %d nodes, or refers to itself", maxPageTreeNodes)
		}
		if b := node.Key("MediaBox"); !b.IsNull() {
			box = b
		}
		switch node.Key("Type").Name() {
		case "Page":
			pages = append(pages, pdfPage{pdf.Page{V: node}, box})
		case "Pages":
			kids := node.Key("Kids")
			for i := 0; i < kids.Len() && len(pages) < count; i++ {
				if err := walk(kids.Index(i), box); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if root.Key("Type").Name() == "Pages" {
		if err := walk(root, pdf.Value{}); err != nil {
			return nil, err
		}
	}
	if len(pages) < count {
		return nil, fmt.Errorf("page %d is missing", len(pages)+1)
	}
	return pages, nil
}

// comparePDF finds each list of steps in the text of a PDF edition: its heading,
// then each step, numbered, in the source's order, with the tokens of its source.
func (v *verifier) comparePDF(pos diag.Pos, lang string, want []*wantList, t *pdfText) {
	from := 0
	for i, w := range want {
		h := strings.Index(t.sq[from:], squeeze(w.heading))
		if h < 0 {
			v.add(pos, lang, ListMissing, "%s: the PDF edition has no heading %q over the list #%s of %d steps", lang, w.heading, w.anchor, len(w.steps))
			continue
		}
		start := from + h + len(squeeze(w.heading))
		end := len(t.sq)
		if i+1 < len(want) {
			if n := strings.Index(t.sq[start:], squeeze(want[i+1].heading)); n >= 0 {
				end = start + n
			}
		}
		from = start
		at, present := start, 0 // present counts the steps found, which the PDF numbers
		var lacks []string      // the findings of the steps not found
		for j, s := range w.steps {
			// The PDF draws a marker before each item of a list inside a step,
			// so a step is found by the start of its first paragraph.
			prefix := stepPrefix(s.lead)
			k := strings.Index(t.sq[at:end], fmt.Sprintf("%d.", present+1)+prefix)
			if k < 0 {
				if strings.Contains(t.sq[start:end], prefix) {
					present++
					v.add(pos, lang, StepOrder, "%s: in the PDF edition, %s is not numbered %d. after the steps before it in list #%s", lang, s.what, present, w.anchor)
				} else {
					lacks = append(lacks, fmt.Sprintf("%s: the PDF edition's list #%s lacks %s, step %d of %d", lang, w.anchor, s.what, j+1, len(w.steps)))
				}
				continue
			}
			present++
			at += k
			// The step's text runs at most as long as the expected text, the
			// markers of its lists' items ("•", "12."), and a little.
			stop := min(end, at+len(squeeze(s.text))+len(prefix)+4*s.items)
			v.checkNotes(pos, lang, "pdf", s, t.text[t.offs[at]:t.offs[stop]])
			v.checkTokens(pos, lang, "pdf", s, t.text[t.offs[at]:t.offs[stop]])
			at += len(prefix)
		}
		if present == 0 {
			v.add(pos, lang, ListMissing, "%s: the PDF edition has none of the %d steps of list #%s under its heading %q", lang, len(w.steps), w.anchor, w.heading)
			continue
		}
		for _, msg := range lacks {
			v.add(pos, lang, StepCount, "%s", msg)
		}
	}
}
