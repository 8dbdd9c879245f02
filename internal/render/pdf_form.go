package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The customer reply form as a PDF form (ISO 32000-1, 12.7): each tick box of
// the form is a check box field and each blank cell of its table a text
// field, all under one field "reply", so that their full names are
// "reply.<id>" with the ids of the notice. Each has the localised text of its
// confirmation or row as tooltip, a Form element in the structure tree (tab
// order follows it), appearance streams of its own and the print flag, so that
// it prints as drawn.

// ReplyFormParent is the name of the field that holds the reply form's fields.
const ReplyFormParent = "reply"

// ReplyFormNames are the ids of the reply form's fields, in the order the
// edition shows them: the confirmations (tick boxes), then the rows of the
// table with a blank column.
type ReplyFormNames struct {
	Confirmations []string
	Fields        []string
}

// formField is one field of the reply form.
type formField struct {
	name    string // partial name, the id from the notice
	tooltip string
	check   bool
}

// formObjects are the shared objects of the form, made as the widgets are written.
type formObjects struct {
	parent      int            // the "reply" field
	appearances map[string]int // appearance streams by kind and size
	fontName    string         // resource name of the font of text fields
	font        int            // its object
	kids        []string
}

// replyField returns the name of the next check box or text field of the
// reply form, or "" outside the reply form or when the edition was built
// without names.
func (w *pdfWriter) replyField(check bool) string {
	names := w.meta.ReplyForm
	if names == nil || !w.replyForm {
		return ""
	}
	list, used := names.Fields, &w.formUsed[1]
	if check {
		list, used = names.Confirmations, &w.formUsed[0]
	}
	*used++
	if *used > len(list) {
		return ""
	}
	return list[*used-1]
}

// checkFormCount reports a reply form whose tick boxes or blank fields do not
// match the names given for them.
func (w *pdfWriter) checkFormCount() {
	names := w.meta.ReplyForm
	if names == nil || w.err != nil {
		return
	}
	w.where = "the reply form"
	for i, c := range []struct {
		what  string
		names []string
	}{{"tick boxes", names.Confirmations}, {"blank fields", names.Fields}} {
		if w.formUsed[i] != len(c.names) {
			w.fail("it has %d %s, but %d names were given for them (%s)", w.formUsed[i], c.what, len(c.names), strings.Join(c.names, ", "))
		}
	}
}

// formWidget places the widget of a field at x, top (millimetres) as a Form
// element under the current element.
func (w *pdfWriter) formWidget(field *formField, x, top, width, height float64) {
	if field == nil || w.tags.artifact > 0 {
		return
	}
	for _, c := range field.name {
		if c == '.' || c < 0x21 || c > 0x7E {
			w.fail("the field name %q may hold only printable ASCII characters other than a full stop", field.name)
			return
		}
	}
	e := w.beginTag("Form", "")
	a := &pdfAnnot{page: w.pdf.PageNo(), rect: pointRect(x, top, width, height), field: field, elem: e}
	e.kids = append(e.kids, structKid{annot: a})
	w.annots = append(w.annots, a)
	w.endTag()
}

// widget returns the field entries of a widget annotation, writing its
// appearance streams into f as needed.
func (form *formObjects) widget(f *pdfFile, a *pdfAnnot) string {
	if form.parent == 0 {
		form.parent = f.add("")
		form.appearances = map[string]int{}
	}
	w, h := a.rect[2]-a.rect[0], a.rect[3]-a.rect[1]
	appearance := func(kind, content string) int {
		key := fmt.Sprintf("%s %.2f %.2f", kind, w, h)
		if n, ok := form.appearances[key]; ok {
			return n
		}
		n := f.addStream(fmt.Sprintf("<</Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources <<>>>>", w, h), []byte(content))
		form.appearances[key] = n
		return n
	}
	form.kids = append(form.kids, fmt.Sprintf("%d 0 R", a.obj))
	field := a.field
	entries := fmt.Sprintf(" /Parent %d 0 R /T %s /TU %s", form.parent, pdfString(field.name), pdfString(field.tooltip))
	if field.check {
		tick := fmt.Sprintf("0 g 0 G 1 J 1 j %.2f w %.2f %.2f m %.2f %.2f l %.2f %.2f l S",
			0.1*h, 0.2*w, 0.45*h, 0.42*w, 0.22*h, 0.82*w, 0.78*h)
		return entries + fmt.Sprintf(" /FT /Btn /V /Off /AS /Off /AP <</N <</Yes %d 0 R /Off %d 0 R>>>>",
			appearance("yes", tick), appearance("off", ""))
	}
	return entries + fmt.Sprintf(" /FT /Tx /DA (/%s 10 Tf 0 g) /AP <</N %d 0 R>>", form.fontName, appearance("text", "/Tx BMC\nEMC"))
}

// write writes the "reply" field and the catalog's /AcroForm entry, or nothing
// when the form has no fields. Text typed into a field is set in the edition's
// embedded regular font (PDF/A-2 forbids fonts that are not embedded), given by
// its resource name and object.
func (form *formObjects) write(f *pdfFile) string {
	if form.parent == 0 {
		return ""
	}
	fontName, font := form.fontName, form.font
	f.objects[form.parent].value = fmt.Appendf(nil, "<</T (%s) /Kids [%s]>>", ReplyFormParent, strings.Join(form.kids, " "))
	return fmt.Sprintf("/AcroForm <</Fields [%d 0 R] /NeedAppearances false /DA (/%s 0 Tf 0 g) /DR <</Font <</%s %d 0 R>>>>>>",
		form.parent, fontName, fontName, font)
}

// regularFont finds the resource name and object of the regular text font in
// the pages' resources: the one whose descriptor is neither fixed-pitch,
// italic nor bold (ISO 32000-1, 9.8.2, flags 1, 7 and 19).
func (f *pdfFile) regularFont(page int) (string, int, error) {
	res := f.ref(page, "Resources")
	if res == 0 {
		return "", 0, errGofpdfLayout
	}
	fonts := regexp.MustCompile(`/Font <<([^>]*)>>`).FindSubmatch(f.objects[res].value)
	if fonts == nil {
		return "", 0, errGofpdfLayout
	}
	flags := regexp.MustCompile(`/Flags (\d+)`)
	for _, m := range regexp.MustCompile(`/(\S+) (\d+) 0 R`).FindAllSubmatch(fonts[1], -1) {
		font, _ := strconv.Atoi(string(m[2]))
		cid := 0
		if d := regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`).FindSubmatch(f.objects[font].value); d != nil {
			cid, _ = strconv.Atoi(string(d[1]))
		}
		desc := f.ref(cid, "FontDescriptor")
		if desc == 0 {
			continue
		}
		if fl := flags.FindSubmatch(f.objects[desc].value); fl != nil {
			if v, _ := strconv.Atoi(string(fl[1])); v&(1|1<<6|1<<18) == 0 {
				return string(m[1]), font, nil
			}
		}
	}
	return "", 0, errors.New("render: the PDF has no regular text font for its form fields")
}
