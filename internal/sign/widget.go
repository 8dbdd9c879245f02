package sign

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/digitorus/pdf"
)

// Block is where the visible signature block is drawn: the page and the
// frame the signature field's widget covers, so that the block is the
// field's appearance and a viewer shows the signature when it is clicked.
type Block struct {
	// Page is the number of the page, from 1.
	Page int
	// Rect is the frame in PDF points from the lower left corner of the page:
	// lower left x, lower left y, upper right x, upper right y.
	Rect [4]float64
	// LineWidth, in points, and Color, RGB from 0 to 1, are the frame's.
	LineWidth float64
	Color     [3]float64
}

// signatureFieldName is the partial name of the signature field.
const signatureFieldName = "signature"

// pages returns the page objects of the PDF in page order.
func pages(rdr *pdf.Reader) ([]pdf.Value, error) {
	var out []pdf.Value
	seen := map[uint32]bool{}
	var walk func(node pdf.Value, depth int) error
	walk = func(node pdf.Value, depth int) error {
		ptr := node.GetPtr()
		id := ptr.GetID()
		if depth > 64 || seen[id] {
			return errors.New("the page tree loops")
		}
		seen[id] = true
		if node.Key("Type").Name() == "Page" {
			out = append(out, node)
			return nil
		}
		kids := node.Key("Kids")
		for i := range kids.Len() {
			if err := walk(kids.Index(i), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	root := rdr.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, errors.New("the PDF has no page tree")
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// addSignatureField writes the signature field of the signature object
// sigID into u: one dictionary that is the field and its widget, placed on
// block (or, for nil, as an invisible widget on the first page), with an
// appearance stream that draws the block's frame; the page that shows it,
// with the widget added to its /Annots; and the document catalog, whose
// AcroForm lists the field beside the form's own and whose /Perms makes the
// signature the document's certification (DocMDP). It returns the field's
// object number.
func addSignatureField(u *update, sigID uint32, block *Block, tooltip string) (uint32, error) {
	all, err := pages(u.rdr)
	if err != nil {
		return 0, err
	}
	pageNo := 1
	if block != nil {
		pageNo = block.Page
	}
	if pageNo < 1 || pageNo > len(all) {
		return 0, fmt.Errorf("the signature block is on page %d, but the PDF has %d pages", pageNo, len(all))
	}
	page := all[pageNo-1]
	var rect [4]float64
	if block != nil {
		lw := block.LineWidth / 2 // the frame's stroke lies half outside its path
		rect = [4]float64{block.Rect[0] - lw, block.Rect[1] - lw, block.Rect[2] + lw, block.Rect[3] + lw}
		if rect[2] <= rect[0] || rect[3] <= rect[1] {
			return 0, fmt.Errorf("the signature block's frame %v is empty", block.Rect)
		}
	}
	fieldID, apID := u.alloc(), u.alloc()

	// The appearance: the frame of the block, drawn where the page draws it.
	w, h := rect[2]-rect[0], rect[3]-rect[1]
	var content bytes.Buffer
	if block != nil {
		c, lw := block.Color, block.LineWidth
		fmt.Fprintf(&content, "q %s %s %s RG %s w %s %s %s %s re S Q",
			pdfNumber(c[0]), pdfNumber(c[1]), pdfNumber(c[2]), pdfNumber(lw),
			pdfNumber(lw/2), pdfNumber(lw/2), pdfNumber(w-lw), pdfNumber(h-lw))
	}
	u.object(apID, 0, fmt.Appendf(nil, "<< /Type /XObject /Subtype /Form /BBox [0 0 %s %s] /Resources << >> /Length %d >>\nstream\n%s\nendstream",
		pdfNumber(w), pdfNumber(h), content.Len(), content.Bytes()))

	structParent, err := tagWidget(u, fieldID, page, tooltip)
	if err != nil {
		return 0, err
	}
	u.object(fieldID, 0, fmt.Appendf(nil, "<< /Type /Annot /Subtype /Widget /FT /Sig /T %s /TU %s /F 4 /Rect [%s %s %s %s] /P %s /V %d 0 R /AP << /N %d 0 R >>%s >>",
		pdfText(signatureFieldName), pdfText(tooltip),
		pdfNumber(rect[0]), pdfNumber(rect[1]), pdfNumber(rect[2]), pdfNumber(rect[3]),
		ref(page), sigID, apID, structParent))

	// The page, or the array of its annotations, with the widget added.
	widgetRef := fmt.Sprintf("%d 0 R", fieldID)
	annots := page.Key("Annots")
	var arr bytes.Buffer
	arr.WriteString("[")
	writeItems(&arr, annots)
	arr.WriteString(widgetRef + "]")
	if !annots.IsNull() && annots.GetPtr() != page.GetPtr() {
		p := annots.GetPtr()
		u.object(p.GetID(), p.GetGen(), arr.Bytes())
	} else {
		var b bytes.Buffer
		writeDict(&b, page, entry{"Annots", arr.Bytes()})
		p := page.GetPtr()
		u.object(p.GetID(), p.GetGen(), b.Bytes())
	}

	// The catalog, with the field in the AcroForm and the certification.
	root := u.rdr.Trailer().Key("Root")
	form := root.Key("AcroForm")
	var fields bytes.Buffer
	fields.WriteString("[")
	writeItems(&fields, form.Key("Fields"))
	fields.WriteString(widgetRef + "]")
	var acro bytes.Buffer
	writeDict(&acro, form, entry{"Fields", fields.Bytes()}, entry{"SigFlags", []byte("3")})
	formEntry := acro.Bytes()
	if !form.IsNull() && form.GetPtr() != root.GetPtr() {
		p := form.GetPtr()
		u.object(p.GetID(), p.GetGen(), acro.Bytes())
		formEntry = []byte(ref(form))
	}
	var catalog bytes.Buffer
	writeDict(&catalog, root, entry{"AcroForm", formEntry}, entry{"Perms", fmt.Appendf(nil, "<< /DocMDP %d 0 R >>", sigID)})
	p := root.GetPtr()
	u.object(p.GetID(), p.GetGen(), catalog.Bytes())
	return fieldID, nil
}

// tagWidget adds the widget fieldID on page to the structure tree of a
// tagged PDF (PDF/UA-1, 7.18.1: every annotation is nested in a tag): a
// Form element at the end of the document element, with alt as its
// alternate description, entered in the parent tree under the next key. It
// returns the widget's /StructParent entry, or "" for an untagged PDF.
func tagWidget(u *update, fieldID uint32, page pdf.Value, alt string) (string, error) {
	tree := u.rdr.Trailer().Key("Root").Key("StructTreeRoot")
	if tree.IsNull() {
		return "", nil
	}
	doc, parents := tree.Key("K"), tree.Key("ParentTree")
	if doc.Kind() == pdf.Array {
		doc = doc.Index(0)
	}
	root := u.rdr.Trailer().Key("Root")
	nums := parents.Key("Nums")
	for _, v := range []pdf.Value{tree, doc, parents} {
		if v.Kind() != pdf.Dict || v.GetPtr() == root.GetPtr() {
			return "", errors.New("the PDF's structure tree is not laid out as fsn's PDF writer lays it out (a root, a document element and a parent tree, each an object of its own); the signature field cannot be tagged")
		}
	}
	if nums.IsNull() || nums.GetPtr() != parents.GetPtr() {
		return "", errors.New("the PDF's parent tree has no /Nums array of its own; the signature field cannot be tagged")
	}
	key := tree.Key("ParentTreeNextKey").Int64()
	for i := 0; i < nums.Len(); i += 2 {
		key = max(key, nums.Index(i).Int64()+1)
	}
	formID := u.alloc()
	u.object(formID, 0, fmt.Appendf(nil, "<< /Type /StructElem /S /Form /P %s /Pg %s /Alt %s /K << /Type /OBJR /Obj %d 0 R /Pg %s >> >>",
		ref(doc), ref(page), pdfText(alt), fieldID, ref(page)))

	var kids bytes.Buffer
	kids.WriteString("[")
	switch k := doc.Key("K"); {
	case k.Kind() == pdf.Array && k.GetPtr() == doc.GetPtr():
		writeItems(&kids, k)
	case !k.IsNull():
		writeRaw(&kids, mapEntry(reflect.ValueOf(doc.RawData()), "K"))
		kids.WriteString(" ")
	}
	fmt.Fprintf(&kids, "%d 0 R]", formID)
	var b bytes.Buffer
	writeDict(&b, doc, entry{"K", kids.Bytes()})
	p := doc.GetPtr()
	u.object(p.GetID(), p.GetGen(), b.Bytes())

	var n bytes.Buffer
	n.WriteString("[")
	writeItems(&n, nums)
	fmt.Fprintf(&n, "%d %d 0 R]", key, formID)
	b.Reset()
	writeDict(&b, parents, entry{"Nums", n.Bytes()})
	p = parents.GetPtr()
	u.object(p.GetID(), p.GetGen(), b.Bytes())

	b.Reset()
	writeDict(&b, tree, entry{"ParentTreeNextKey", strconv.AppendInt(nil, key+1, 10)})
	p = tree.GetPtr()
	u.object(p.GetID(), p.GetGen(), b.Bytes())
	return fmt.Sprintf(" /StructParent %d", key), nil
}
