// Package pdftest holds what the tests of the signer and of the command share
// to read a PDF's objects and to append an incremental update to it as a
// PDF reader saves a filled-in form.
package pdftest

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/digitorus/pdf"

	"github.com/fsn-tool/fsn/internal/xrefstream"
)

// PDFObject returns the body of the last version of object id in b, in PDF
// syntax: as written in the file, or, for an object packed into an object
// stream, as the stream holds it.
func PDFObject(t testing.TB, b []byte, id int) string {
	t.Helper()
	all := regexp.MustCompile(fmt.Sprintf(`(?s)\n%d 0 obj\r?\n(.*?)\r?\nendobj`, id)).FindAllSubmatch(b, -1)
	rdr := ReadPDF(t, b)
	xs := rdr.Xref()
	if id >= len(xs) {
		t.Fatalf("object %d is not in the PDF", id)
	}
	if p := xs[id].Ptr(); int(p.GetID()) != id {
		t.Fatalf("object %d is not in the PDF", id)
	}
	x := xs[id]
	s := x.Stream()
	if s.GetID() == 0 { // at an offset of its own
		if len(all) == 0 {
			t.Fatalf("object %d is not in the PDF", id)
		}
		return string(all[len(all)-1][1])
	}
	stm := rdr.Resolve(s, s)
	data, err := io.ReadAll(stm.Reader())
	if err != nil {
		t.Fatal(err)
	}
	first := int(stm.Key("First").Int64())
	head := strings.Fields(string(data[:first]))
	for i := 0; i+1 < len(head); i += 2 {
		if head[i] != strconv.Itoa(id) {
			continue
		}
		from, _ := strconv.Atoi(head[i+1])
		to := len(data) - first
		if i+3 < len(head) {
			to, _ = strconv.Atoi(head[i+3])
		}
		return strings.TrimSpace(string(data[first+from : first+to]))
	}
	t.Fatalf("object %d is not in its object stream %d", id, s.GetID())
	return ""
}

// ReadPDF parses b with the PDF reader the signer uses.
func ReadPDF(t testing.TB, b []byte) *pdf.Reader {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return rdr
}

// AppendRevision appends an incremental update to b the way a PDF reader
// saves a filled-in form: the objects of objects (by number, changed or
// new) written after the end, and a cross-reference section for them of
// the kind b's last one is (a classic table or a cross-reference stream),
// whose trailer keeps /Root and /Info, points back with /Prev, and has a
// file identifier that keeps its first, permanent part (if b has one) and
// says with its second, changed, that the file changed.
func AppendRevision(t testing.TB, b []byte, objects map[int]string, changed string) []byte {
	t.Helper()
	rdr := ReadPDF(t, b)
	tr := rdr.Trailer()
	size := int(tr.Key("Size").Int64())
	var out bytes.Buffer
	out.Write(b)
	offsets := map[int]int{}
	ids := slices.Sorted(func(yield func(int) bool) {
		for n := range objects {
			if !yield(n) {
				return
			}
		}
	})
	for _, n := range ids {
		offsets[n] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", n, objects[n])
		size = max(size, n+1)
	}
	root, info := tr.Key("Root").GetPtr(), tr.Key("Info").GetPtr()
	first := changed
	if id := tr.Key("ID"); id.Len() == 2 {
		first = id.Index(0).RawString()
	}
	trailer := fmt.Sprintf("/Root %d 0 R /Info %d 0 R /ID [<%x> <%x>] /Prev %d", root.GetID(), info.GetID(), first, changed, rdr.XrefInformation.StartPos)
	if rdr.XrefInformation.Type == "stream" {
		var entries []xrefstream.Entry
		for _, n := range ids {
			entries = append(entries, xrefstream.Entry{Num: n, Kind: xrefstream.InFile, At: offsets[n]})
		}
		at := xrefstream.Write(&out, size, size+1, entries, trailer)
		fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", at)
		return out.Bytes()
	}
	xref := out.Len()
	out.WriteString("xref\n")
	for _, n := range ids {
		fmt.Fprintf(&out, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", size, trailer, xref)
	return out.Bytes()
}
