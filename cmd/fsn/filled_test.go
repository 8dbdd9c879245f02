package main

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/digitorus/pdf"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/pdftest"
)

// fillReplyForm returns the signed edition b with its reply form filled in,
// as a PDF reader saves it: each check box of the form ticked and each text
// field given a value, in new versions of their dictionaries, with a new
// appearance stream for each text field, in one incremental update with its
// own cross-reference section (of the kind the edition's is) and a trailer
// whose /Prev points back. More
// replaces further objects in the same update, by number. It returns the
// values it filled in, by full field name.
func fillReplyForm(t *testing.T, b []byte, more map[int]string) ([]byte, map[string]string) {
	t.Helper()
	return fillForm(t, b, more, func(string) bool { return true })
}

// formFields returns the terminal fields of b's form below the field v, whose
// full name is name, by full name.
func formFields(v pdf.Value, name string, into map[string]pdf.Value) {
	if t := v.Key("T"); !t.IsNull() {
		name = strings.TrimPrefix(name+"."+t.Text(), ".")
	}
	kids := v.Key("Kids")
	if kids.Len() == 0 {
		into[name] = v
	}
	for i := range kids.Len() {
		formFields(kids.Index(i), name, into)
	}
}

// fillForm is fillReplyForm for the fields whose full names fill accepts:
// one more incremental update after those b has.
func fillForm(t *testing.T, b []byte, more map[int]string, fill func(name string) bool) ([]byte, map[string]string) {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	size := int(rdr.Trailer().Key("Size").Int64())
	changed := map[int]string{}
	for id, body := range more {
		changed[id] = body
	}
	var added []string
	values := map[string]string{}
	ap := regexp.MustCompile(`/AP\s*<<\s*/N\s+\d+\s+0\s+R\s*>>`)
	fields := rdr.Trailer().Key("Root").Key("AcroForm").Key("Fields")
	all := map[string]pdf.Value{}
	for i := range fields.Len() {
		formFields(fields.Index(i), "", all)
	}
	for j, name := range slices.Sorted(maps.Keys(all)) {
		kid := all[name]
		if !fill(name) {
			continue
		}
		p := kid.GetPtr()
		id := int(p.GetID())
		body := objectBody(t, b, id)
		switch kid.Key("FT").Name() {
		case "Btn":
			body = strings.Replace(strings.Replace(body, "/AS /Off", "/AS /Yes", 1), "/V /Off", "/V /Yes", 1)
			values[name] = "Yes"
		case "Tx":
			value := fmt.Sprintf("Ospedale %d", j)
			stream := fmt.Sprintf("/Tx BMC q BT 0 g 2 6 Td (%s) Tj ET Q EMC", value)
			added = append(added, fmt.Sprintf("<< /Type /XObject /Subtype /Form /BBox [0 0 380 25] /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
			body = ap.ReplaceAllString(body, fmt.Sprintf("/AP << /N %d 0 R >>", size+len(added)-1))
			body = strings.TrimSuffix(body, ">>") + fmt.Sprintf(" /V (%s)>>", value)
			values[name] = value
		default:
			continue
		}
		changed[id] = body
	}
	if len(values) == 0 {
		t.Fatal("the edition has no reply form fields to fill in")
	}
	for i, body := range added {
		changed[size+i] = body
	}
	return pdftest.AppendRevision(t, b, changed, "filled in by a reader"), values
}

// objectBody returns the body of the last version of object id in b.
func objectBody(t *testing.T, b []byte, id int) string {
	t.Helper()
	return pdftest.PDFObject(t, b, id)
}

// changedStep returns the number of the content stream of the page that
// shows word, and that stream, decoded, with word's first letter changed:
// a step whose text was edited.
func changedStep(t *testing.T, b []byte, word string) (int, string) {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var utf16 []byte // the codes gofpdf writes for a UTF-8 font
	for _, r := range word {
		utf16 = append(utf16, byte(r>>8), byte(r))
	}
	for i := 1; i <= rdr.NumPage(); i++ {
		page := rdr.Page(i)
		c := page.V.Key("Contents")
		data, err := io.ReadAll(c.Reader())
		if err != nil {
			t.Fatal(err)
		}
		codes := [][]byte{utf16, []byte(word)}
		fonts := page.Resources().Key("Font")
		for _, name := range fonts.Keys() {
			if code := oneByteCodes(page.Font(name), word); code != nil {
				codes = append(codes, code)
			}
		}
		for _, code := range codes {
			if at := bytes.Index(data, code); at >= 0 {
				data[at+len(code)-1] ^= 0x01
				p := c.GetPtr()
				return int(p.GetID()), fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
			}
		}
	}
	t.Fatalf("no page's content shows %q", word)
	return 0, ""
}

// oneByteCodes returns word in the one-byte codes of a simple font, as a
// literal string writes them, read from the ranges of the font's ToUnicode
// CMap, or nil when the font has no code for one of its characters.
func oneByteCodes(f pdf.Font, word string) []byte {
	cmap, err := io.ReadAll(f.V.Key("ToUnicode").Reader())
	if err != nil {
		return nil
	}
	code := map[rune]byte{}
	for _, m := range oneByteRange.FindAllSubmatch(cmap, -1) {
		var lo, hi byte
		var r rune
		fmt.Sscanf(string(m[1])+" "+string(m[2])+" "+string(m[3]), "%x %x %x", &lo, &hi, &r)
		for c := lo; c >= lo && c <= hi; c++ {
			code[r+rune(c-lo)] = c
		}
	}
	var out []byte
	for _, r := range word {
		c, ok := code[r]
		switch {
		case !ok:
			return nil
		case c == '(' || c == ')' || c == '\\':
			out = append(out, '\\', c)
		case c == '\r':
			out = append(out, '\\', 'r')
		default:
			out = append(out, c)
		}
	}
	return out
}

// oneByteRange is a range of a ToUnicode CMap of one-byte codes.
var oneByteRange = regexp.MustCompile(`<([0-9A-F]{2})> <([0-9A-F]{2})> <([0-9A-F]{4})>`)

// TestVerifyFilledReplyForm fills in the reply form of a signed edition as a
// customer's PDF reader saves it: poppler's pdfsig still finds the signature
// valid and fsn verify passes it as filled, with the values; the same filling
// with a step's text changed is tampering.
func TestVerifyFilledReplyForm(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12"} {
		t.Setenv(env, "")
	}
	out := t.TempDir()
	flags := seedProjectFlags(t, out)
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Chdir(t.TempDir())
	if code, _, stderr := fsn(t, append([]string{"build", "--lang", "it"}, flags...)...); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	path := filepath.Join(out, "iqwebx-2017-11", "iqwebx-2017-11.it.pdf")
	signed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	verify := append([]string{"verify", "--lang", "it"}, flags...)
	checkSignatureWidget(t, signed, path)

	filled, values := fillReplyForm(t, signed, nil)
	if err := os.WriteFile(path, filled, 0o644); err != nil {
		t.Fatal(err)
	}
	requireTool(t, "pdfsig", path, "Signature Validation: Signature is Valid.")
	requireTool(t, "qpdf", "--check", path, "No syntax or stream encoding errors")
	code, stdout, stderr := fsn(t, verify...)
	if code != 0 || strings.Contains(stderr, "error") || !strings.Contains(stdout, path+": reply form filled: ") {
		t.Fatalf("verify of a filled reply form: exit %d, want 0 and %q\n%s%s", code, path+": reply form filled", stdout, stderr)
	}
	for name, value := range values {
		if !strings.Contains(stdout, fmt.Sprintf("%s = %q", name, value)) {
			t.Errorf("verify does not list %s = %q:\n%s", name, value, stdout)
		}
	}
	for _, name := range []string{"reply.received", "reply.name"} {
		if _, ok := values[name]; !ok {
			t.Errorf("the reply form has no field %s to fill in; it has %v", name, values)
		}
	}

	id, content := changedStep(t, signed, "LicGen")
	tampered, _ := fillReplyForm(t, signed, map[int]string{id: content})
	if err := os.WriteFile(path, tampered, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = fsn(t, verify...)
	want := fmt.Sprintf("error[signature]: it: the signature of the PDF edition does not verify: %d bytes follow the signed range: something was appended after signing that is not filling in the form: the content of page", len(tampered)-len(signed))
	if code != 1 || !strings.Contains(stderr, want) || strings.Contains(stdout, "reply form filled") {
		t.Errorf("verify of a filled reply form with a changed step: exit %d, want 1 and %q\n%s%s", code, want, stdout, stderr)
	}
}

// TestVerifyFilledDistributorForm fills in the distributor reply form of the
// hardware example's signed German edition in two incremental updates, as a
// distributor saves it twice: first the tick boxes and the distributor's
// details, then the first row of the onward distribution table. After each,
// pdfsig finds the signature valid and fsn verify passes the edition as
// filled, listing every value so far; the same filling with a step's text
// changed is tampering.
func TestVerifyFilledDistributorForm(t *testing.T) {
	const id = "infusia-ip7-2026-05"
	dir := fsntest.CopyNoticeProject(t, id)
	fsntest.SignAs(t, "Dr. Miriam Albrecht")
	t.Chdir(dir)
	if code, _, stderr := fsn(t, "build", "--lang", "de"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	path := filepath.Join("out", id, id+".de.pdf")
	signed, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	b := signed
	details := func(name string) bool {
		return strings.HasPrefix(name, "distributor.") && !strings.HasPrefix(name, "distributor.row")
	}
	for _, step := range []struct {
		what string
		fill func(string) bool
		want []string
	}{
		{"the details", details, []string{"distributor.received", "distributor.passed-on", "distributor.company", "distributor.signature"}},
		{"row 1", func(name string) bool { return strings.HasPrefix(name, "distributor.row1.") }, []string{"distributor.row1.customer", "distributor.row1.address", "distributor.row1.contact", "distributor.row1.devices", "distributor.row1.quantity", "distributor.row1.notice-sent"}},
	} {
		var filled map[string]string
		b, filled = fillForm(t, b, nil, step.fill)
		for _, name := range step.want {
			if _, ok := filled[name]; !ok {
				t.Errorf("the distributor form has no field %s to fill in; it has %v", name, slices.Sorted(maps.Keys(filled)))
			}
		}
		for name := range filled {
			if strings.HasPrefix(name, "reply.") {
				t.Errorf("filling %s filled %s of the customer reply form", step.what, name)
			}
		}
		maps.Copy(values, filled)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		requireTool(t, "pdfsig", path, "Signature Validation: Signature is Valid.")
		code, stdout, stderr := fsn(t, "verify", "--lang", "de")
		if code != 0 || strings.Contains(stderr, "error") || !strings.Contains(stdout, path+": reply form filled: ") {
			t.Fatalf("verify after filling %s: exit %d, want 0 and %q\n%s%s", step.what, code, path+": reply form filled", stdout, stderr)
		}
		for name, value := range values {
			if !strings.Contains(stdout, fmt.Sprintf("%s = %q", name, value)) {
				t.Errorf("verify after filling %s does not list %s = %q:\n%s", step.what, name, value, stdout)
			}
		}
	}

	step, content := changedStep(t, signed, "Akkuabdeckung")
	tampered, _ := fillForm(t, signed, map[int]string{step: content}, details)
	if err := os.WriteFile(path, tampered, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := fsn(t, "verify", "--lang", "de")
	want := "something was appended after signing that is not filling in the form: the content of page"
	if code != 1 || !strings.Contains(stderr, "error[signature]: de:") || !strings.Contains(stderr, want) || strings.Contains(stdout, "reply form filled") {
		t.Errorf("verify of a filled distributor form with a changed step: exit %d, want 1 and %q\n%s%s", code, want, stdout, stderr)
	}
}

// checkSignatureWidget checks the signature field of a signed edition: its
// widget is printed, has an appearance and a real rectangle on the page that
// draws the signature block, is in that page's /Annots, and is tagged as a
// Form element (PDF/UA: every annotation nested in a tag).
func checkSignatureWidget(t *testing.T, b []byte, path string) {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	root := rdr.Trailer().Key("Root")
	var widget pdf.Value
	fields := root.Key("AcroForm").Key("Fields")
	for i := range fields.Len() {
		if f := fields.Index(i); f.Key("FT").Name() == "Sig" {
			widget = f
		}
	}
	if widget.IsNull() {
		t.Fatal("no signature field")
	}
	page := widget.Key("P")
	annots := page.Key("Annots")
	inAnnots := false
	for i := range annots.Len() {
		inAnnots = inAnnots || annots.Index(i).GetPtr() == widget.GetPtr()
	}
	r := widget.Key("Rect")
	box := page.Key("MediaBox")
	if box.IsNull() {
		box = page.Key("Parent").Key("MediaBox") // inherited, as gofpdf writes it
	}
	if !inAnnots || widget.Key("F").Int64() != 4 || widget.Key("AP").Key("N").Kind() != pdf.Stream ||
		r.Index(2).Float64()-r.Index(0).Float64() < 100 || r.Index(3).Float64()-r.Index(1).Float64() < 20 ||
		r.Index(0).Float64() < 0 || r.Index(2).Float64() > box.Index(2).Float64() {
		t.Errorf("signature widget: in its page's /Annots %v, /F %v, /AP /N %v, /Rect %v on a page of %v; want a printed widget with an appearance over the signature block",
			inAnnots, widget.Key("F"), widget.Key("AP").Key("N").Kind(), r, box)
	}
	requireTool(t, "pdftotext", "-f", fmt.Sprint(pageNumber(t, rdr, page)), "-l", fmt.Sprint(pageNumber(t, rdr, page)), path, "-", "Firmato digitalmente")
	key := widget.Key("StructParent")
	nums := root.Key("StructTreeRoot").Key("ParentTree").Key("Nums")
	for i := 0; i+1 < nums.Len(); i += 2 {
		if key.IsNull() || nums.Index(i).Int64() != key.Int64() {
			continue
		}
		elem := nums.Index(i + 1)
		if elem.Key("S").Name() != "Form" || elem.Key("K").Key("Obj").GetPtr() != widget.GetPtr() {
			t.Errorf("the parent tree maps the widget's /StructParent %v to %v, not to a Form element holding it", key, elem)
		}
		return
	}
	t.Errorf("the signature widget's /StructParent %v is not in the parent tree", key)
}

// pageNumber returns the number, from 1, of page in rdr.
func pageNumber(t *testing.T, rdr *pdf.Reader, page pdf.Value) int {
	t.Helper()
	for i := 1; i <= rdr.NumPage(); i++ {
		if rdr.Page(i).V.GetPtr() == page.GetPtr() {
			return i
		}
	}
	t.Fatal("the signature widget's /P is no page of the PDF")
	return 0
}
