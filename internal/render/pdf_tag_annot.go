package render

import (
	"fmt"
	"strings"
)

// pdfAnnot is an annotation the writer places: a link or a form field's
// widget. The writer draws its own instead of gofpdf's, which are direct
// objects that no structure element can refer to.
type pdfAnnot struct {
	page  int        // 1-based
	rect  [4]float64 // lower left and upper right corner, in points from the page's lower left
	uri   string     // a web or e-mail link
	dest  string     // a link to the heading with this id
	field *formField // the field of a widget
	elem  *structElem

	obj, structParent int // object number and key in the parent tree, once written
}

// linkTarget is where a heading is: its page and the top of its first line, in millimetres.
type linkTarget struct {
	page int
	y    float64
}

// pointRect returns the rectangle x, top, width, height (millimetres from the
// top left of the page) in points from the lower left.
func pointRect(x, top, width, height float64) [4]float64 {
	const k = 72 / 25.4
	return [4]float64{x * k, (pageHeight - top - height) * k, (x + width) * k, (pageHeight - top) * k}
}

// drawLink draws a run of linked text as part of its Link element and places
// the link annotation over it.
func (w *pdfWriter) drawLink(r textRun, x, top, lh float64, draw func()) {
	if w.tags.artifact > 0 {
		draw()
		return
	}
	e := w.linkElem(r.style.link)
	e.text += r.text
	w.content(e, draw)
	a := &pdfAnnot{page: w.pdf.PageNo(), rect: pointRect(x, top, r.width, lh), elem: e}
	if link := r.style.link; link[0] == '#' {
		a.dest = link[1:]
	} else {
		a.uri = link
	}
	w.annots = append(w.annots, a)
	e.kids = append(e.kids, structKid{annot: a})
}

// writeAnnots writes the annotations into f, after the structure tree has given
// them their keys, and returns each page's /Annots entry.
func (w *pdfWriter) writeAnnots(f *pdfFile, pages []int, form *formObjects) ([]string, error) {
	refs := make([][]string, len(pages))
	for _, a := range w.annots {
		var b strings.Builder
		fmt.Fprintf(&b, "<</Type /Annot /Subtype /%s /Rect [%.2f %.2f %.2f %.2f] /F 4 /P %d 0 R /StructParent %d",
			map[bool]string{true: "Widget", false: "Link"}[a.field != nil],
			a.rect[0], a.rect[1], a.rect[2], a.rect[3], pages[a.page-1], a.structParent)
		switch {
		case a.field != nil:
			b.WriteString(form.widget(f, a))
		case a.dest != "":
			t, ok := w.targets[a.dest]
			if !ok {
				return nil, fmt.Errorf("render: a link points to #%s, but no heading has that id", a.dest)
			}
			fmt.Fprintf(&b, " /Border [0 0 0] /Contents %s /Dest [%d 0 R /XYZ 0 %.2f null]",
				pdfString(a.elem.text), pages[t.page-1], (pageHeight-t.y)*72/25.4)
		default:
			fmt.Fprintf(&b, " /Border [0 0 0] /Contents %s /A <</S /URI /URI %s>>", pdfString(linkDescription(a)), pdfBytes(a.uri))
		}
		b.WriteString(">>")
		f.objects[a.obj].value = []byte(b.String())
		refs[a.page-1] = append(refs[a.page-1], fmt.Sprintf("%d 0 R", a.obj))
	}
	out := make([]string, len(pages))
	for p, r := range refs {
		if len(r) > 0 {
			out[p] = "/Annots [" + strings.Join(r, " ") + "]"
		}
	}
	return out, nil
}

// linkDescription is the /Contents of a web or e-mail link: its text, and the
// address when the text does not show it.
func linkDescription(a *pdfAnnot) string {
	text := strings.Join(strings.Fields(a.elem.text), " ")
	addr := strings.TrimPrefix(a.uri, "mailto:")
	if strings.Contains(text, addr) {
		return text
	}
	return text + " (" + addr + ")"
}

// pdfBytes writes s as a literal PDF string of its bytes, as a URI is.
func pdfBytes(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20 || c > 0x7E:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}
