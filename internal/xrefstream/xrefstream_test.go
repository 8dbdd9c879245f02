package xrefstream

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/digitorus/pdf"
)

// TestWrite writes small files whose objects are at offsets large and small,
// with gaps in their numbers and a free entry, and reads them back with a PDF
// reader: every object is found, and the trailer's entries are there.
func TestWrite(t *testing.T) {
	for _, pad := range []int{0, 300, 70000} { // offsets of one, two and three bytes
		t.Run(fmt.Sprint(pad), func(t *testing.T) {
			var b bytes.Buffer
			b.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
			fmt.Fprintf(&b, "%% %s\n", bytes.Repeat([]byte("x"), pad))
			entries := []Entry{{Num: 0, Kind: Free, Gen: 65535}}
			for _, o := range []struct {
				num  int
				body string
			}{
				{1, "<< /Type /Catalog /Pages 2 0 R >>"},
				{2, "<< /Type /Pages /Kids [] /Count 0 >>"},
				{5, "(five)"}, // numbers 3 and 4 are not used
			} {
				entries = append(entries, Entry{Num: o.num, Kind: InFile, At: b.Len()})
				fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", o.num, o.body)
			}
			at := Write(&b, 6, 7, entries, "/Root 1 0 R /ID [<00> <01>]")
			fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", at)
			r, err := pdf.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
			if err != nil {
				t.Fatal(err)
			}
			if r.XrefInformation.Type != "stream" || r.Trailer().Key("Size").Int64() != 7 {
				t.Errorf("read as %q with /Size %d, want a stream with /Size 7", r.XrefInformation.Type, r.Trailer().Key("Size").Int64())
			}
			if got := r.Trailer().Key("Root").Key("Pages").Key("Count"); got.Kind() != pdf.Integer {
				t.Errorf("the catalog's pages are not found: %v", got)
			}
			xs := r.Xref()
			if len(xs) < 7 {
				t.Fatalf("%d entries, want 7", len(xs))
			}
			p := xs[5].Ptr()
			if v := r.Resolve(p, p); v.RawString() != "five" {
				t.Errorf("object 5 is %v, want (five)", v)
			}
		})
	}
}
