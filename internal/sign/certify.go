package sign

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"

	"github.com/digitorus/pdf"
)

// addDocMDPPerms prepares an unsigned PDF for a certification signature.
//
// pdfsign writes the DocMDP transform into the signature dictionary, but not
// the /Perms /DocMDP entry of the catalog that ISO 32000-1 (12.8.2.2)
// requires and that makes readers such as Acrobat treat the signature as a
// certification. pdfsign copies every catalog entry into the catalog it
// writes, so this function appends an incremental update holding a
// permissions dictionary that points at the object number pdfsign will give
// the signature dictionary (pdfsign numbers its first new object two past
// the highest object number in use), and a new catalog that refers to it.
// Sign checks the result with Verify, so a different numbering is caught.
func addDocMDPPerms(in []byte, rdr *pdf.Reader) ([]byte, error) {
	if rdr.XrefInformation.Type != "table" {
		return nil, errors.New("the PDF has a cross-reference stream; only PDFs with a classic cross-reference table (as gofpdf writes) can be certified")
	}
	trailer := rdr.Trailer()
	root := trailer.Key("Root")
	if root.Kind() != pdf.Dict {
		return nil, errors.New("the PDF has no document catalog")
	}
	var maxID uint32
	for _, x := range rdr.Xref() {
		p := x.Ptr()
		maxID = max(maxID, p.GetID())
	}
	permsID := max(maxID+1, uint32(rdr.XrefInformation.ItemCount))
	sigID := permsID + 2
	rootPtr := root.GetPtr()
	rootID, rootGen := rootPtr.GetID(), rootPtr.GetGen()

	var b bytes.Buffer
	b.Write(in)
	if !bytes.HasSuffix(in, []byte("\n")) {
		b.WriteByte('\n')
	}
	permsOffset := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /DocMDP %d 0 R >>\nendobj\n", permsID, sigID)
	rootOffset := b.Len()
	fmt.Fprintf(&b, "%d %d obj\n<<", rootID, rootGen)
	for _, key := range root.Keys() {
		b.WriteString(" /" + pdfName(key) + " ")
		writeValue(&b, root.Key(key), root)
	}
	fmt.Fprintf(&b, " /Perms %d 0 R >>\nendobj\n", permsID)

	xrefOffset := b.Len()
	b.WriteString("xref\n")
	fmt.Fprintf(&b, "%d 1\n%010d %05d n \n", rootID, rootOffset, rootGen) // rootID < permsID
	fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", permsID, permsOffset)
	fmt.Fprintf(&b, "trailer\n<<\n/Size %d\n/Root %d %d R\n", permsID+1, rootID, rootGen)
	for _, key := range trailer.Keys() {
		switch key {
		case "Size", "Root", "Prev":
			continue
		}
		b.WriteString("/" + pdfName(key) + " ")
		writeValue(&b, trailer.Key(key), trailer)
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", rdr.XrefInformation.StartPos, xrefOffset)
	return b.Bytes(), nil
}

// writeValue writes v, found inside the object parent, in PDF syntax.
// Values that live in another object are written as references, as they
// are in the file.
func writeValue(b *bytes.Buffer, v, parent pdf.Value) {
	if v.Kind() == pdf.Null {
		b.WriteString("null")
		return
	}
	if p := v.GetPtr(); p != parent.GetPtr() {
		fmt.Fprintf(b, "%d %d R", p.GetID(), p.GetGen())
		return
	}
	switch v.Kind() {
	case pdf.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case pdf.Integer:
		b.WriteString(strconv.FormatInt(v.Int64(), 10))
	case pdf.Real:
		b.WriteString(strconv.FormatFloat(v.Float64(), 'f', -1, 64))
	case pdf.String:
		b.WriteString("<" + hex.EncodeToString([]byte(v.RawString())) + ">")
	case pdf.Name:
		b.WriteString("/" + pdfName(v.Name()))
	case pdf.Array:
		b.WriteString("[")
		for i := range v.Len() {
			if i > 0 {
				b.WriteString(" ")
			}
			writeValue(b, v.Index(i), parent)
		}
		b.WriteString("]")
	case pdf.Dict:
		b.WriteString("<<")
		for _, key := range v.Keys() {
			b.WriteString(" /" + pdfName(key) + " ")
			writeValue(b, v.Key(key), parent)
		}
		b.WriteString(" >>")
	}
}

// pdfName escapes a name for PDF syntax, without the leading slash.
func pdfName(s string) string {
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || bytes.IndexByte([]byte("#()<>[]{}/%"), c) >= 0 {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
