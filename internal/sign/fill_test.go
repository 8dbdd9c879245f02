package sign

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/pdftest"
	"github.com/fsn-tool/fsn/internal/xrefstream"
)

// formPDF is a one-page PDF with a reply form, as a PDF writer makes it: a
// field "reply" whose kids are the check box reply.received and the text
// field reply.devices-inspected, each with its appearance, and a link.
func formPDF(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/form.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// formBlock is where formPDF draws its signature block.
var formBlock = &Block{Page: 1, Rect: [4]float64{56, 520, 256, 580}, LineWidth: 1.134, Color: [3]float64{0.2, 0.3, 0.6}}

// withXrefStream returns b, a PDF with one classic cross-reference table,
// with that table and its trailer replaced by a cross-reference stream
// (ISO 32000-1, 7.5.8), as PDF 1.5 writers end a file.
func withXrefStream(t *testing.T, b []byte) []byte {
	t.Helper()
	tr := readPDF(t, b).Trailer()
	x := bytes.LastIndex(b, []byte("\nxref\n")) + 1
	at := map[int]int{}
	for _, m := range regexp.MustCompile(`(?m)^(\d+) 0 obj\b`).FindAllSubmatchIndex(b[:x], -1) {
		n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		at[n] = m[0]
	}
	var entries []xrefstream.Entry
	for n, off := range at {
		entries = append(entries, xrefstream.Entry{Num: n, Kind: xrefstream.InFile, At: off})
	}
	size := int(tr.Key("Size").Int64())
	out := bytes.NewBuffer(bytes.Clone(b[:x]))
	root, info := tr.Key("Root").GetPtr(), tr.Key("Info").GetPtr()
	start := xrefstream.Write(out, size, size+1, entries, fmt.Sprintf("/Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]",
		root.GetID(), info.GetID(), "form with an xref stream", "form with an xref stream"))
	fmt.Fprintf(out, "startxref\n%d\n%%%%EOF\n", start)
	return out.Bytes()
}

// xrefKinds are the two kinds of cross-reference section a PDF may end
// with; the form tests run on formPDF with each.
var xrefKinds = []struct {
	name string
	pdf  func(*testing.T) []byte
}{
	{"table", formPDF},
	{"stream", func(t *testing.T) []byte { return withXrefStream(t, formPDF(t)) }},
}

// signedForm returns formPDF signed with the development certificate.
func signedForm(t *testing.T) []byte {
	t.Helper()
	return signedPDF(t, formPDF(t))
}

// signedPDF returns in signed with the development certificate and
// formBlock.
func signedPDF(t *testing.T, in []byte) []byte {
	t.Helper()
	s, _, err := Development(t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	info := testInfo
	info.Block = formBlock
	out, err := s.Sign(in, info)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// objectText returns the body of the last version of object id in b.
func objectText(t *testing.T, b []byte, id int) string {
	t.Helper()
	return pdftest.PDFObject(t, b, id)
}

// edit replaces old by new in object id of b, and fails when old is not there.
func edit(t *testing.T, b []byte, id int, old, new string) string {
	t.Helper()
	body := objectText(t, b, id)
	if !strings.Contains(body, old) {
		t.Fatalf("object %d does not hold %q: %s", id, old, body)
	}
	return strings.Replace(body, old, new, 1)
}

// appendRevision appends an incremental update to b the way a PDF reader
// saves a filled-in form: the changed objects (by number) and new ones
// written again after the end, a cross-reference section for them of the
// kind b's last one is, and a trailer whose /Prev points at the previous
// section and whose /ID keeps its first part.
func appendRevision(t *testing.T, b []byte, changed map[int]string, added ...string) []byte {
	t.Helper()
	size := int(readPDF(t, b).Trailer().Key("Size").Int64())
	objects := maps.Clone(changed)
	for i, body := range added {
		objects[size+i] = body
	}
	return pdftest.AppendRevision(t, b, objects, "filled in by a reader")
}

// sigField returns the object number of the signature field of b.
func sigField(t *testing.T, b []byte) int {
	t.Helper()
	fields := readPDF(t, b).Trailer().Key("Root").Key("AcroForm").Key("Fields")
	for i := range fields.Len() {
		if f := fields.Index(i); f.Key("FT").Name() == "Sig" {
			p := f.GetPtr()
			return int(p.GetID())
		}
	}
	t.Fatal("no signature field")
	return 0
}

// TestVerifyFilledForm fills in the reply form of a signed PDF as a PDF
// reader saves it, and changes other things besides: only the filling-in
// passes.
func TestVerifyFilledForm(t *testing.T) {
	for _, kind := range xrefKinds {
		t.Run(kind.name, func(t *testing.T) { testVerifyFilledForm(t, signedPDF(t, kind.pdf(t))) })
	}
}

func testVerifyFilledForm(t *testing.T, signed []byte) {
	size := int(readPDF(t, signed).Trailer().Key("Size").Int64())
	appearance := "<< /Type /XObject /Subtype /Form /BBox [0 0 140 15] /Resources << /Font << /Helv 5 0 R >> >> /Length 47 >>\nstream\n/Tx BMC q BT /Helv 10 Tf 2 4 Td (3) Tj ET Q EMC\nendstream"
	fill := func(more map[int]string) map[int]string {
		m := map[int]string{
			7: edit(t, signed, 7, "/V /Off /AS /Off", "/V /Yes /AS /Yes"),
			8: edit(t, signed, 8, "/V () /AP << /N 13 0 R >>", fmt.Sprintf("/V (3) /AP << /N %d 0 R >>", size)),
		}
		for id, body := range more {
			m[id] = body
		}
		return m
	}
	sig := sigField(t, signed)
	tests := []struct {
		name    string
		pdf     []byte
		want    string // in the error; "" for a filled form that passes
		filled  []FilledField
		updates int
	}{
		{"filled", appendRevision(t, signed, fill(nil), appearance), "",
			[]FilledField{{"reply.received", "Yes"}, {"reply.devices-inspected", "3"}}, 1},
		{"filled with NeedAppearances set", appendRevision(t, signed, fill(map[int]string{1: edit(t, signed, 1, "/SigFlags 3", "/SigFlags 3 /NeedAppearances true")}), appearance), "",
			[]FilledField{{"reply.received", "Yes"}, {"reply.devices-inspected", "3"}}, 1},
		{"filled in two saves", appendRevision(t, appendRevision(t, signed, map[int]string{8: fill(nil)[8]}, appearance), map[int]string{7: edit(t, signed, 7, "/V /Off /AS /Off", "/V /Yes /AS /Yes")}), "",
			[]FilledField{{"reply.received", "Yes"}, {"reply.devices-inspected", "3"}}, 2},
		{"filled, then changed in a second save", appendRevision(t, appendRevision(t, signed, fill(nil), appearance), map[int]string{
			8: edit(t, signed, 8, "/V () /AP << /N 13 0 R >>", fmt.Sprintf("/V (4) /AP << /N %d 0 R >>", size+1))},
			strings.Replace(appearance, "(3) Tj", "(4) Tj", 1)), "",
			[]FilledField{{"reply.received", "Yes"}, {"reply.devices-inspected", "4"}}, 2},
		{"filled, and a step changed", appendRevision(t, signed, fill(map[int]string{4: edit(t, signed, 4, "Restart the iQ-WEB server.)", "Reinstall the server...)")}), appearance),
			"the content of page 1 (object 4) changed", nil, 0},
		{"filled, and a page added", appendRevision(t, signed, fill(map[int]string{2: edit(t, signed, 2, "/Kids [3 0 R] /Count 1", fmt.Sprintf("/Kids [3 0 R %d 0 R] /Count 2", size+1))}), appearance,
			"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >>"), "the page tree (object 2) changed", nil, 0},
		{"filled, and the link changed", appendRevision(t, signed, fill(map[int]string{11: edit(t, signed, 11, "https://www.image-systems.biz", "https://evil.example")}), appearance),
			"an annotation on page 1 (object 11) changed", nil, 0},
		{"filled, and a field made read-only", appendRevision(t, signed, fill(map[int]string{7: edit(t, signed, 7, "/V /Off /AS /Off", "/V /Yes /AS /Yes /Ff 1")}), appearance),
			"field reply.received: its /Ff changed", nil, 0},
		{"filled, and the signature field changed", appendRevision(t, signed, fill(map[int]string{sig: edit(t, signed, sig, "/F 4", "/F 6")}), appearance),
			fmt.Sprintf("the signature field (object %d) changed", sig), nil, 0},
		{"filled, and an object added that nothing uses", appendRevision(t, signed, fill(nil), appearance, "<< /JS (app.alert(1)) /S /JavaScript >>"),
			fmt.Sprintf("object %d is added, and no filled field's appearance uses it", size+1), nil, 0},
		{"filled, and an action added to the catalog", appendRevision(t, signed, fill(map[int]string{1: edit(t, signed, 1, "/Type /Catalog", "/Type /Catalog /OpenAction [3 0 R /Fit]")}), appearance),
			"the document catalog: its /OpenAction changed", nil, 0},
		{"an appearance stream written again in place", appendRevision(t, signed, map[int]string{
			8:  edit(t, signed, 8, "/V ()", "/V (12)"),
			13: "<< /Type /XObject /Subtype /Form /BBox [0 0 140 15] /Resources << /Font << /Helv 5 0 R >> >> /Length 48 >>\nstream\n/Tx BMC q BT /Helv 10 Tf 2 4 Td (12) Tj ET Q EMC\nendstream"}), "",
			[]FilledField{{"reply.devices-inspected", "12"}}, 1},
		{"filled, and the font changed", appendRevision(t, signed, fill(map[int]string{5: edit(t, signed, 5, "/Helvetica", "/Courier")}), appearance),
			"object 5 changed", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Verify(tt.pdf, VerifyOptions{})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				slices.SortFunc(res.FormFilled, func(a, b FilledField) int { return strings.Compare(b.Name, a.Name) })
				if !slices.Equal(res.FormFilled, tt.filled) || res.Updates != tt.updates || !res.Certified {
					t.Errorf("Verify: filled %v in %d updates, certified %v; want %v in %d", res.FormFilled, res.Updates, res.Certified, tt.filled, tt.updates)
				}
				return
			}
			t.Log(err)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "appended after signing") || len(res.FormFilled) > 0 {
				t.Errorf("Verify: %v (filled %v); want an error that says %q", err, res.FormFilled, tt.want)
			}
		})
	}
}

// TestPdfsigFilledForm checks that poppler, an independent verifier, finds
// the signature of a filled-in copy valid for the revision it signed, and
// that qpdf finds the signed and the filled-in PDF well formed.
func TestPdfsigFilledForm(t *testing.T) {
	for _, kind := range xrefKinds {
		t.Run(kind.name, func(t *testing.T) { testPdfsigFilledForm(t, signedPDF(t, kind.pdf(t))) })
	}
}

func testPdfsigFilledForm(t *testing.T, signed []byte) {
	pdfsig := tool(t, "pdfsig", "poppler-utils")
	size := int(readPDF(t, signed).Trailer().Key("Size").Int64())
	filled := appendRevision(t, signed, map[int]string{
		7: edit(t, signed, 7, "/V /Off /AS /Off", "/V /Yes /AS /Yes"),
		8: edit(t, signed, 8, "/V () /AP << /N 13 0 R >>", fmt.Sprintf("/V (3) /AP << /N %d 0 R >>", size)),
	}, "<< /Type /XObject /Subtype /Form /BBox [0 0 140 15] /Length 0 >>\nstream\n\nendstream")
	out, err := exec.Command(pdfsig, writeFile(t, t.TempDir(), "filled.pdf", filled)).CombinedOutput()
	t.Logf("pdfsig:\n%s", out)
	if err != nil {
		t.Fatalf("pdfsig: %v", err)
	}
	for _, want := range []string{"Signature Validation: Signature is Valid.", "Signature Type: ETSI.CAdES.detached"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("pdfsig does not say %q", want)
		}
	}
	if res, err := Verify(filled, VerifyOptions{}); err != nil || len(res.FormFilled) != 2 {
		t.Errorf("Verify: %v, filled %v", err, res.FormFilled)
	}
	qpdf := tool(t, "qpdf", "qpdf")
	for name, b := range map[string][]byte{"signed": signed, "filled": filled} {
		out, err := exec.Command(qpdf, "--check", writeFile(t, t.TempDir(), name+".pdf", b)).CombinedOutput()
		if err != nil || strings.Contains(string(out), "WARNING") || !strings.Contains(string(out), "No syntax or stream encoding errors") {
			t.Errorf("qpdf --check of the %s form: %v\n%s", name, err, out)
		}
	}
}
