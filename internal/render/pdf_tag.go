package render

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Tagged PDF (ISO 32000-1, 14.7 and 14.8; PDF/UA-1, ISO 14289-1): while the
// writer draws, it builds the structure tree of the document in reading order
// and wraps every piece of drawn content in a marked-content sequence, either
// one that belongs to an element of the tree (BDC with an MCID) or an artifact
// (running headers and footers, rules, frames, cell borders). finishPDF writes
// the tree as the catalog's /StructTreeRoot.

// structElem is an element of the structure tree.
type structElem struct {
	typ    string // standard structure type: "Document", "H1", "P", "L", "LI", ...
	attrs  string // more entries of its dictionary, such as /Alt or /A
	parent *structElem
	kids   []structKid
	link   string // the target of a Link element, so that a link that wraps stays one element
	text   string // the text of a Link element: the description of its annotations
	obj    int    // object number, once written
}

// structKid is a child of a structure element: an element, a marked-content
// sequence of a page, or an annotation.
type structKid struct {
	elem  *structElem
	page  int // 1-based page of a marked-content sequence or annotation
	mcid  int
	annot *pdfAnnot
}

// tagTree is the structure tree being built.
type tagTree struct {
	root     *structElem     // the Document element
	cur      *structElem     // the element that content drawn now belongs to
	pages    [][]*structElem // per page (index page-1), the element of each MCID
	artifact int             // depth of artifact sequences being drawn
	open     *structElem     // the element whose marked-content sequence is open, if one is
	openMCID int             // and that sequence's MCID on the current page
}

// newTagTree returns a tree holding only the Document element.
func newTagTree() *tagTree {
	doc := &structElem{typ: "Document"}
	return &tagTree{root: doc, cur: doc}
}

// beginTag opens an element of type typ under the current one and makes it
// current; attrs are more entries of its dictionary.
func (w *pdfWriter) beginTag(typ, attrs string) *structElem {
	e := &structElem{typ: typ, attrs: attrs, parent: w.tags.cur}
	w.tags.cur.kids = append(w.tags.cur.kids, structKid{elem: e})
	w.tags.cur = e
	return e
}

// endTag closes the current element.
func (w *pdfWriter) endTag() {
	if w.tags.cur.parent != nil {
		w.tags.cur = w.tags.cur.parent
	}
}

// tagged opens an element, calls draw and closes the element.
func (w *pdfWriter) tagged(typ, attrs string, draw func()) {
	w.beginTag(typ, attrs)
	draw()
	w.endTag()
}

// artifact draws what draw draws as an artifact: content a screen reader
// skips. kind, if not empty, is the artifact's dictionary, such as
// "/Type /Pagination /Subtype /Header".
func (w *pdfWriter) artifact(kind string, draw func()) {
	if w.tags.artifact > 0 {
		draw()
		return
	}
	w.endContent()
	if kind == "" {
		w.pdf.RawWriteStr("/Artifact BMC")
	} else {
		w.pdf.RawWriteStr("/Artifact <<" + kind + ">> BDC")
	}
	w.tags.artifact++
	draw()
	w.tags.artifact--
	w.pdf.RawWriteStr("EMC")
}

// content draws what draw draws as content of element e on the current page.
// Inside an artifact it only draws.
func (w *pdfWriter) content(e *structElem, draw func()) {
	w.beginContent(e)
	draw()
}

// beginContent makes what is drawn next content of element e on the current
// page, unless an artifact is being drawn. One marked-content sequence holds
// all of an element's content on a page for as long as nothing else is drawn
// in between: the lines of a paragraph and the runs of different fonts in
// them share one MCID. So beginContent continues the open sequence when it is
// e's and no kid was added to e since it began (else the order of e's kids
// would no longer be the reading order), and otherwise ends it and begins a
// new one. The sequence stays open until endContent; it spans whole text
// objects and q/Q pairs, as ISO 32000-1, 14.6 asks of marked content.
func (w *pdfWriter) beginContent(e *structElem) {
	t := w.tags
	if t.artifact > 0 {
		return
	}
	page := w.pdf.PageNo()
	if t.open == e && e.lastMCID(page) == t.openMCID {
		return
	}
	w.endContent()
	for len(t.pages) < page {
		t.pages = append(t.pages, nil)
	}
	mcid := len(t.pages[page-1])
	t.pages[page-1] = append(t.pages[page-1], e)
	e.kids = append(e.kids, structKid{page: page, mcid: mcid})
	w.pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", e.typ, mcid))
	t.open, t.openMCID = e, mcid
}

// endContent ends the marked-content sequence that beginContent left open, if
// there is one. It must be called before anything not part of that element is
// drawn: an artifact, a new page, another page.
func (w *pdfWriter) endContent() {
	if w.tags.open != nil {
		w.pdf.RawWriteStr("EMC")
		w.tags.open = nil
	}
}

// lastMCID returns the MCID of e's last kid, leaving out annotations, when
// that kid is a marked-content sequence on page; or -1.
func (e *structElem) lastMCID(page int) int {
	for i := len(e.kids) - 1; i >= 0; i-- {
		k := e.kids[i]
		if k.annot != nil {
			continue
		}
		if k.elem == nil && k.page == page {
			return k.mcid
		}
		return -1
	}
	return -1
}

// within draws with e as the current element.
func (w *pdfWriter) within(e *structElem, draw func()) {
	saved := w.tags.cur
	w.tags.cur = e
	draw()
	w.tags.cur = saved
}

// linkElem returns the Link element that a run of text linking to target
// belongs to: the one the line before ended with when it links to the same
// place, so that a link broken across lines is one element, or a new one.
func (w *pdfWriter) linkElem(target string) *structElem {
	cur := w.tags.cur
	if n := len(cur.kids); n > 0 {
		if last := cur.kids[n-1].elem; last != nil && last.typ == "Link" && last.link == target {
			return last
		}
	}
	e := &structElem{typ: "Link", parent: cur, link: target}
	cur.kids = append(cur.kids, structKid{elem: e})
	return e
}

// figure draws an image as a Figure element whose alternative text is alt
// and whose bounding box on the page, in points, is bbox (PDF/UA-1, 7.3: the
// alternative text must not be empty; ISO 32000-1, 14.8.5.4.3: a Figure has a
// BBox).
func (w *pdfWriter) figure(alt string, bbox [4]float64, draw func()) {
	if strings.TrimSpace(alt) == "" {
		w.fail("an image has no alternative text; give it one, for readers who cannot see it")
		return
	}
	e := w.beginTag("Figure", " /Alt "+pdfString(alt)+bboxAttr(bbox))
	w.content(e, draw)
	w.endTag()
}

// prune drops elements that hold nothing, such as the body of an empty list item.
func (e *structElem) prune() bool {
	kids := e.kids[:0]
	for _, k := range e.kids {
		if k.elem != nil && !k.elem.prune() {
			continue
		}
		kids = append(kids, k)
	}
	e.kids = kids
	// An empty table cell stays, so that each cell of a row keeps its column.
	return len(kids) > 0 || e.typ == "TD" || e.typ == "TH"
}

// writeTags writes the structure tree into f: every element as an object, the
// parent tree that maps each page's MCIDs and each annotation back to its
// element, and the catalog's /StructTreeRoot. pages are the page objects,
// annots the annotations with their object numbers. It returns the /StructParents
// key of each page (its index) so that the pages can carry it.
func (t *tagTree) write(f *pdfFile, pages []int, annots []*pdfAnnot) (int, error) {
	t.root.prune()
	rootObj := f.add("") // filled in below
	var number func(e *structElem)
	number = func(e *structElem) {
		e.obj = f.add("")
		for _, k := range e.kids {
			if k.elem != nil {
				number(k.elem)
			}
		}
	}
	number(t.root)
	var write func(e *structElem, parent int) error
	write = func(e *structElem, parent int) error {
		var b strings.Builder
		fmt.Fprintf(&b, "<</S /%s /P %d 0 R", e.typ, parent) // /Type /StructElem is optional
		pg := 0
		for _, k := range e.kids {
			if k.page > 0 {
				pg = k.page
				break
			}
		}
		if pg > 0 {
			fmt.Fprintf(&b, " /Pg %d 0 R", pages[pg-1])
		}
		b.WriteString(e.attrs)
		if len(e.kids) > 0 {
			b.WriteString(" /K ")
		}
		if len(e.kids) > 1 {
			b.WriteByte('[')
		}
		for i, k := range e.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch {
			case k.elem != nil:
				fmt.Fprintf(&b, "%d 0 R", k.elem.obj)
				if err := write(k.elem, e.obj); err != nil {
					return err
				}
			case k.annot != nil && k.annot.page == pg: // on the page of the element's /Pg, which then applies (ISO 32000-1, Table 325)
				fmt.Fprintf(&b, "<</Type /OBJR /Obj %d 0 R>>", k.annot.obj)
			case k.annot != nil:
				fmt.Fprintf(&b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", k.annot.obj, pages[k.annot.page-1])
			case k.page == pg:
				fmt.Fprintf(&b, "%d", k.mcid)
			default:
				fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pages[k.page-1], k.mcid)
			}
		}
		if len(e.kids) > 1 {
			b.WriteByte(']')
		}
		b.WriteString(">>")
		f.objects[e.obj].value = []byte(b.String())
		return nil
	}
	if err := write(t.root, rootObj); err != nil {
		return 0, err
	}
	if len(t.pages) > len(pages) {
		return 0, fmt.Errorf("render: marked content on page %d of %d", len(t.pages), len(pages))
	}
	var nums strings.Builder
	for p := range pages {
		fmt.Fprintf(&nums, "%d [", p)
		if p < len(t.pages) {
			for i, e := range t.pages[p] {
				if i > 0 {
					nums.WriteByte(' ')
				}
				fmt.Fprintf(&nums, "%d 0 R", e.obj)
			}
		}
		nums.WriteString("]\n")
	}
	for i, a := range annots {
		a.structParent = len(pages) + i
		fmt.Fprintf(&nums, "%d %d 0 R\n", a.structParent, a.elem.obj)
	}
	parentTree := f.add(fmt.Sprintf("<</Nums [%s]>>", strings.TrimSuffix(nums.String(), "\n")))
	f.objects[rootObj].value = fmt.Appendf(nil, "<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		t.root.obj, parentTree, len(pages)+len(annots))
	return rootObj, nil
}

// tagTable makes the Table element of a table, with a TR for each row and a TH
// (scope column) or TD for each cell; in the reply form, each blank cell of a
// body row becomes a text field named for its row.
func (w *pdfWriter) tagTable(rows [][]pdfCell, blank []bool) {
	table := w.beginTag("Table", "")
	var cell func(r, i int) *formField // the fields of a table whose rows are all blank
	if len(rows) > 1 && !slices.Contains(blank, false) {
		cell = w.tableFields(len(blank))
	}
	for r, row := range rows {
		tr := w.beginTag("TR", "")
		var label []string
		for i := range row {
			if r > 0 && !blank[i] {
				label = append(label, lineText(row[i].lines))
			}
		}
		for i := range row {
			switch {
			case r == 0:
				row[i].tag = &structElem{typ: "TH", attrs: " /A <</O /Table /Scope /Column>>", parent: tr}
			default:
				row[i].tag = &structElem{typ: "TD", parent: tr}
				switch {
				case cell != nil:
					// a cell's tooltip is its column's header and its row's number
					if f := cell(r, i); f != nil {
						f.tooltip = lineText(rows[0][i].lines) + " " + strconv.Itoa(r)
						row[i].field = f
					}
				case blank[i]:
					if f := w.replyField(false); f != nil {
						f.tooltip = strings.Join(label, " ")
						row[i].field = f
					}
				}
			}
			tr.kids = append(tr.kids, structKid{elem: row[i].tag})
		}
		w.endTag()
	}
	w.tags.cur = table.parent
}

// cell draws the content of a table cell as its element, or as an artifact
// when it has none (a header row repeated on a new page).
func (w *pdfWriter) cell(c pdfCell, draw func()) {
	if c.tag == nil {
		w.artifact("", draw)
		return
	}
	w.within(c.tag, draw)
}

// lineText returns the text of laid-out lines, joined by spaces.
func lineText(lines []textLine) string {
	var text []string
	for _, l := range lines {
		for _, r := range l.runs {
			text = append(text, r.text)
		}
		text = append(text, " ")
	}
	return strings.Join(strings.Fields(strings.Join(text, "")), " ")
}
