package render

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The reply forms as a PDF form (ISO 32000-1, 12.7): each tick box of a form
// is a check box field and each blank cell of its tables a text field, all
// under one field per form, "reply" for the customer reply form and
// "distributor" for the distributor and importer reply form, so that their
// full names are "reply.<id>" and "distributor.<id>" with the ids of the
// notice. The cells of a table whose rows are all blank, such as the
// distributor form's onward distribution, are named by row and column:
// "distributor.row1.customer". Each field has the localised text of its
// confirmation, row or column as tooltip, a Form element in the structure
// tree (tab order follows it), appearance streams of its own and the print
// flag, so that it prints as drawn.

// ReplyFormParent is the name of the field that holds the customer reply
// form's fields.
const ReplyFormParent = "reply"

// DistributorFormParent is the name of the field that holds the distributor
// and importer reply form's fields.
const DistributorFormParent = "distributor"

// ReplyFormNames are the ids of a reply form's fields, in the order the
// edition shows them: the confirmations (tick boxes), then the rows of the
// table with a blank column, then the columns of the table whose rows are all
// blank (its cells are row<n>.<column>).
type ReplyFormNames struct {
	Confirmations []string
	Fields        []string
	Columns       []string
}

// formField is one field of a reply form.
type formField struct {
	form    string // the field that holds the form's fields: ReplyFormParent or DistributorFormParent
	row     string // the field of its row, "row1", for a cell of a table of blank rows
	name    string // partial name, the id from the notice
	tooltip string
	check   bool
}

// formState is a reply form being written: its names and how many of each
// kind have been given out.
type formState struct {
	parent string          // ReplyFormParent or DistributorFormParent
	what   string          // "the customer reply form", for messages
	names  *ReplyFormNames // nil when the edition was built without names
	used   [2]int          // tick boxes and blank fields named so far
	tables int             // tables of blank rows met
}

// formObjects are the shared objects of the form, made as the widgets are written.
type formObjects struct {
	parents     map[string]*formParent // the fields that hold others, by full name
	top         []*formParent          // the forms' fields, in the order they were met
	appearances map[string]int         // appearance streams by kind and size
	fontName    string                 // resource name of the font of text fields
	font        int                    // its object
}

// formParent is a field that holds other fields: a form's, or a row's.
type formParent struct {
	obj    int
	name   string // partial name
	parent *formParent
	kids   []string
}

// startForm makes the reply form under the heading with id current: from
// here on, tick boxes and blank cells are its fields.
func (w *pdfWriter) startForm(id string) {
	f := &formState{parent: ReplyFormParent, what: "the customer reply form", names: w.meta.ReplyForm}
	if id == DistributorFormID {
		f = &formState{parent: DistributorFormParent, what: "the distributor reply form", names: w.meta.DistributorForm}
	}
	w.form = f
	w.forms = append(w.forms, f)
}

// replyField returns the next check box or text field of the current reply
// form, with its name but no tooltip, or nil outside the reply forms or when
// the edition was built without names.
func (w *pdfWriter) replyField(check bool) *formField {
	f := w.form
	if f == nil || f.names == nil {
		return nil
	}
	list, used := f.names.Fields, &f.used[1]
	if check {
		list, used = f.names.Confirmations, &f.used[0]
	}
	*used++
	if *used > len(list) {
		return nil
	}
	return &formField{form: f.parent, name: list[*used-1], check: check}
}

// tableFields names the cells of a table of the current reply form whose
// body rows are all blank: the cell of row r (from 1) and column i is
// row<r>.<column i>. It returns nil outside the reply forms, without names,
// or, with an error, when the table's columns are not those named.
func (w *pdfWriter) tableFields(cols int) func(r, i int) *formField {
	f := w.form
	if f == nil || f.names == nil {
		return nil
	}
	f.tables++
	if f.tables > 1 || len(f.names.Columns) != cols {
		w.fail("%s has a table of %d blank columns, but names were given for one table of %d (%s)", f.what, cols, len(f.names.Columns), strings.Join(f.names.Columns, ", "))
		return nil
	}
	return func(r, i int) *formField {
		return &formField{form: f.parent, row: fmt.Sprintf("row%d", r), name: f.names.Columns[i]}
	}
}

// checkFormCount reports a reply form whose tick boxes, blank fields or table
// of blank rows do not match the names given for them, and names given for a
// form the edition lacks.
func (w *pdfWriter) checkFormCount() {
	if w.err != nil {
		return
	}
	met := map[string]bool{}
	for _, f := range w.forms {
		met[f.parent] = true
		if f.names == nil {
			continue
		}
		w.where = f.what
		for i, c := range []struct {
			what  string
			names []string
		}{{"tick boxes", f.names.Confirmations}, {"blank fields", f.names.Fields}} {
			if f.used[i] != len(c.names) {
				w.fail("it has %d %s, but %d names were given for them (%s)", f.used[i], c.what, len(c.names), strings.Join(c.names, ", "))
			}
		}
		if f.tables == 0 && len(f.names.Columns) > 0 {
			w.fail("it has no table of blank rows, but names were given for its columns (%s)", strings.Join(f.names.Columns, ", "))
		}
	}
	for _, c := range []struct {
		parent, what string
		names        *ReplyFormNames
	}{{ReplyFormParent, "a customer reply form", w.meta.ReplyForm}, {DistributorFormParent, "a distributor reply form", w.meta.DistributorForm}} {
		if c.names != nil && !met[c.parent] {
			w.fail("names were given for %s, which the edition does not have", c.what)
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
	if strings.TrimSpace(field.tooltip) == "" {
		w.fail("the field %s has no text to describe it (its tooltip); give its row or column a label", field.name)
		return
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
	if form.parents == nil {
		form.parents = map[string]*formParent{}
		form.appearances = map[string]int{}
	}
	parent := form.parent(f, a.field.form, nil)
	if a.field.row != "" {
		parent = form.parent(f, a.field.row, parent)
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
	parent.kids = append(parent.kids, fmt.Sprintf("%d 0 R", a.obj))
	field := a.field
	entries := fmt.Sprintf(" /Parent %d 0 R /T %s /TU %s", parent.obj, pdfString(field.name), pdfString(field.tooltip))
	if field.check {
		tick := fmt.Sprintf("0 g 0 G 1 J 1 j %.2f w %.2f %.2f m %.2f %.2f l %.2f %.2f l S",
			0.1*h, 0.2*w, 0.45*h, 0.42*w, 0.22*h, 0.82*w, 0.78*h)
		return entries + fmt.Sprintf(" /FT /Btn /V /Off /AS /Off /AP <</N <</Yes %d 0 R /Off %d 0 R>>>>",
			appearance("yes", tick), appearance("off", ""))
	}
	return entries + fmt.Sprintf(" /FT /Tx /DA (/%s 10 Tf 0 g) /AP <</N %d 0 R>>", form.fontName, appearance("text", "/Tx BMC\nEMC"))
}

// parent returns the field named name under up (nil: a form's field), made
// on first use.
func (form *formObjects) parent(f *pdfFile, name string, up *formParent) *formParent {
	full := name
	if up != nil {
		full = up.fullName() + "." + name
	}
	if p, ok := form.parents[full]; ok {
		return p
	}
	p := &formParent{obj: f.add(""), name: name, parent: up}
	form.parents[full] = p
	if up == nil {
		form.top = append(form.top, p)
	} else {
		up.kids = append(up.kids, fmt.Sprintf("%d 0 R", p.obj))
	}
	return p
}

// fullName returns the field's full name, "distributor.row1".
func (p *formParent) fullName() string {
	if p.parent == nil {
		return p.name
	}
	return p.parent.fullName() + "." + p.name
}

// write writes the fields that hold others and the catalog's /AcroForm entry,
// or nothing when the edition has no form fields. Text typed into a field is
// set in the edition's embedded regular font (PDF/A-2 forbids fonts that are
// not embedded), given by its resource name and object.
func (form *formObjects) write(f *pdfFile) string {
	if len(form.top) == 0 {
		return ""
	}
	var top []string
	for _, p := range form.parents {
		up := ""
		if p.parent != nil {
			up = fmt.Sprintf(" /Parent %d 0 R", p.parent.obj)
		}
		f.objects[p.obj].value = fmt.Appendf(nil, "<</T %s%s /Kids [%s]>>", pdfString(p.name), up, strings.Join(p.kids, " "))
	}
	for _, p := range form.top {
		top = append(top, fmt.Sprintf("%d 0 R", p.obj))
	}
	fontName, font := form.fontName, form.font
	return fmt.Sprintf("/AcroForm <</Fields [%s] /NeedAppearances false /DA (/%s 0 Tf 0 g) /DR <</Font <</%s %d 0 R>>>>>>",
		strings.Join(top, " "), fontName, fontName, font)
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
		cid := font // a simple font has its descriptor, a Type0 font its CIDFont's
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
