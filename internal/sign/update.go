package sign

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"

	"github.com/fsn-tool/fsn/internal/xrefstream"
)

// update is an incremental update of a PDF (ISO 32000-1, 7.5.6): objects
// appended after the file's end, a cross-reference section for them and a
// trailer that points back at the previous one.
type update struct {
	rdr     *pdf.Reader
	buf     bytes.Buffer
	offsets map[uint32]int    // object number → offset in buf
	gens    map[uint32]uint16 // object number → generation
	next    uint32            // the next free object number
}

// newUpdate starts an incremental update of the PDF in, read by rdr.
func newUpdate(in []byte, rdr *pdf.Reader) *update {
	u := &update{rdr: rdr, offsets: map[uint32]int{}, gens: map[uint32]uint16{}}
	size := max(rdr.Trailer().Key("Size").Int64(), rdr.XrefInformation.ItemCount)
	u.next = uint32(max(size, 1))
	for _, x := range rdr.Xref() {
		p := x.Ptr()
		u.next = max(u.next, p.GetID()+1)
	}
	u.buf.Write(in)
	if !bytes.HasSuffix(in, []byte("\n")) {
		u.buf.WriteByte('\n')
	}
	return u
}

// alloc returns a new object number.
func (u *update) alloc() uint32 {
	id := u.next
	u.next++
	return id
}

// object writes object id with body, a PDF object in PDF syntax, and
// returns the offset of the body in the file.
func (u *update) object(id uint32, gen uint16, body []byte) int {
	u.offsets[id], u.gens[id] = u.buf.Len(), gen
	fmt.Fprintf(&u.buf, "%d %d obj\n", id, gen)
	at := u.buf.Len()
	u.buf.Write(body)
	u.buf.WriteString("\nendobj\n")
	return at
}

// finish writes the cross-reference section and the trailer and returns
// the whole file. After a cross-reference stream the section is a
// cross-reference stream too, as ISO 32000-1 (7.5.8.4) asks of an update
// to such a file; after a classic table it is a classic table.
func (u *update) finish() []byte {
	ids := make([]uint32, 0, len(u.offsets))
	for id := range u.offsets {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if u.rdr.XrefInformation.Type == "stream" {
		return u.finishStream(ids)
	}
	xref := u.buf.Len()
	u.buf.WriteString("xref\n")
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[j-1]+1 {
			j++
		}
		fmt.Fprintf(&u.buf, "%d %d\n", ids[i], j-i)
		for _, id := range ids[i:j] {
			fmt.Fprintf(&u.buf, "%010d %05d n \n", u.offsets[id], u.gens[id])
		}
		i = j
	}
	fmt.Fprintf(&u.buf, "trailer\n<< /Size %d%s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", u.next, u.trailerEntries(), u.rdr.XrefInformation.StartPos, xref)
	return u.buf.Bytes()
}

// finishStream writes the section for the objects ids as a cross-reference
// stream.
func (u *update) finishStream(ids []uint32) []byte {
	self := u.alloc()
	entries := make([]xrefstream.Entry, 0, len(ids))
	for _, id := range ids {
		entries = append(entries, xrefstream.Entry{Num: int(id), Kind: xrefstream.InFile, At: u.offsets[id], Gen: int(u.gens[id])})
	}
	trailer := fmt.Sprintf("%s /Prev %d", strings.TrimPrefix(u.trailerEntries(), " "), u.rdr.XrefInformation.StartPos)
	at := xrefstream.Write(&u.buf, int(self), int(u.next), entries, trailer)
	fmt.Fprintf(&u.buf, "startxref\n%d\n%%%%EOF\n", at)
	return u.buf.Bytes()
}

// trailerEntries writes the previous trailer's entries that an update keeps
// (/Root, /Info, /ID and any other), each after a space; the entries that
// describe a section or a cross-reference stream are left out.
func (u *update) trailerEntries() string {
	var b bytes.Buffer
	trailer := u.rdr.Trailer()
	for _, key := range trailer.Keys() {
		switch key {
		case "Size", "Prev", "XRefStm", "Type", "Index", "W", "Filter", "DecodeParms", "Length":
			continue
		}
		b.WriteString(" /" + pdfName(key) + " ")
		writeValue(&b, trailer.Key(key), trailer)
	}
	return b.String()
}

// ref writes a reference to the object that v is, or lives in.
func ref(v pdf.Value) string {
	p := v.GetPtr()
	return fmt.Sprintf("%d %d R", p.GetID(), p.GetGen())
}

// writeDict writes the dictionary v, which is the object parent or lives
// in it, with the entries of set in place of its own (a nil value leaves the
// entry out) and those of set that it lacks added, in the order given.
func writeDict(b *bytes.Buffer, v, parent pdf.Value, set ...entry) {
	b.WriteString("<<")
	done := map[string]bool{}
	for _, key := range v.Keys() {
		i := slices.IndexFunc(set, func(e entry) bool { return e.key == key })
		if i >= 0 {
			done[key] = true
			if set[i].value != nil {
				b.WriteString(" /" + pdfName(key) + " " + string(set[i].value))
			}
			continue
		}
		b.WriteString(" /" + pdfName(key) + " ")
		writeValue(b, v.Key(key), parent)
	}
	for _, e := range set {
		if !done[e.key] && e.value != nil {
			b.WriteString(" /" + pdfName(e.key) + " " + string(e.value))
		}
	}
	b.WriteString(" >>")
}

// entry is a dictionary entry in PDF syntax for writeDict.
type entry struct {
	key   string
	value []byte
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
		writeDict(b, v, parent)
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

// pdfText returns s as a PDF text string (ISO 32000-1, 7.9.2.2): a literal
// string of its bytes when it is printable ASCII, otherwise of its UTF-16BE
// code units after the byte order mark; every byte that is not printable
// ASCII, and the backslash and parentheses, written as an escape.
func pdfText(s string) string {
	raw := []byte(s)
	for _, r := range s {
		if r < ' ' || r > '~' {
			raw = []byte{0xFE, 0xFF}
			for _, u := range utf16.Encode([]rune(s)) {
				raw = append(raw, byte(u>>8), byte(u))
			}
			break
		}
	}
	var b bytes.Buffer
	b.WriteByte('(')
	for _, c := range raw {
		switch {
		case c == '\\' || c == '(' || c == ')':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// pdfDateString returns t as a PDF date string (ISO 32000-1, 7.9.4), in UTC.
func pdfDateString(t time.Time) string {
	return "(" + t.UTC().Format("D:20060102150405-07'00'") + ")"
}

// pdfNumber writes a coordinate with at most three decimals.
func pdfNumber(f float64) string {
	return strconv.FormatFloat(float64(int64(f*1000+0.5*sign1(f)))/1000, 'f', -1, 64)
}

func sign1(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}
