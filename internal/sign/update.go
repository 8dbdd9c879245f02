package sign

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"reflect"
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
	raw := reflect.ValueOf(trailer.RawData())
	for _, key := range trailer.Keys() {
		switch key {
		case "Size", "Prev", "XRefStm", "Type", "Index", "W", "Filter", "DecodeParms", "Length":
			continue
		}
		b.WriteString(" /" + pdfName(key) + " ")
		writeRaw(&b, mapEntry(raw, key))
	}
	return b.String()
}

// ref writes a reference to the object that v is, or lives in.
func ref(v pdf.Value) string {
	p := v.GetPtr()
	return fmt.Sprintf("%d %d R", p.GetID(), p.GetGen())
}

// writeDict writes the dictionary v as the file holds it, with the entries
// of set in place of its own (a nil value leaves the entry out) and those of
// set that it lacks added, in the order given.
func writeDict(b *bytes.Buffer, v pdf.Value, set ...entry) {
	b.WriteString("<<")
	done := map[string]bool{}
	raw := reflect.ValueOf(v.RawData())
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
		writeRaw(b, mapEntry(raw, key))
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

// writeItems writes the elements of the array v as the file holds them,
// each followed by a space.
func writeItems(b *bytes.Buffer, v pdf.Value) {
	raw := reflect.ValueOf(v.RawData())
	if raw.Kind() != reflect.Slice {
		return
	}
	for i := range raw.Len() {
		writeRaw(b, raw.Index(i).Interface())
		b.WriteString(" ")
	}
}

// writeRaw writes x, a value as the PDF reader parsed it (RawData), in PDF
// syntax, with references written as references. It never resolves one: the
// reader resolves an object in an object stream by inflating the stream
// again, so copying a parent tree of a few hundred references by resolving
// each inflated the structure tree a few hundred times.
func writeRaw(b *bytes.Buffer, x any) {
	switch x := x.(type) {
	case nil:
		b.WriteString("null")
		return
	case bool:
		b.WriteString(strconv.FormatBool(x))
		return
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
		return
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
		return
	case string: // a PDF string; names have a type of their own
		b.WriteString("<" + hex.EncodeToString([]byte(x)) + ">")
		return
	}
	v := reflect.ValueOf(x)
	switch v.Kind() {
	case reflect.String: // a name
		b.WriteString("/" + pdfName(v.String()))
	case reflect.Struct: // a reference, the reader's objptr{id, gen}
		id, gen := v.FieldByName("id"), v.FieldByName("gen")
		if !id.IsValid() || !gen.IsValid() {
			b.WriteString("null")
			return
		}
		fmt.Fprintf(b, "%d %d R", id.Uint(), gen.Uint())
	case reflect.Slice:
		b.WriteString("[")
		for i := range v.Len() {
			if i > 0 {
				b.WriteString(" ")
			}
			writeRaw(b, v.Index(i).Interface())
		}
		b.WriteString("]")
	case reflect.Map:
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		b.WriteString("<<")
		for _, k := range keys {
			b.WriteString(" /" + pdfName(k) + " ")
			writeRaw(b, mapEntry(v, k))
		}
		b.WriteString(" >>")
	default:
		b.WriteString("null")
	}
}

// mapEntry returns the entry key of m, a dictionary as the PDF reader parsed
// it, or nil.
func mapEntry(m reflect.Value, key string) any {
	if m.Kind() != reflect.Map {
		return nil
	}
	e := m.MapIndex(reflect.ValueOf(key).Convert(m.Type().Key()))
	if !e.IsValid() {
		return nil
	}
	return e.Interface()
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
