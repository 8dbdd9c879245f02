package sign

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/digitorus/pdf"
)

// FilledField is a form field that an incremental update after the
// signature filled in: its full name (reply.received) and its value, the
// text of a text field or the state of a check box (Yes, Off).
type FilledField struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// maxUpdates bounds the incremental updates after the signature that
// laterChanges reads.
const maxUpdates = 100

// laterChanges reads what the incremental updates after the signed
// revision, b[:end], change, and returns the fields they fill in, their
// number, and a description of every change that is not filling in the
// form: ISO 32000-1 12.8.2.2 (DocMDP permission 2) allows the values of the
// form's fields (/V), their widgets' appearances (/AP, /AS) and the
// AcroForm's /NeedAppearances to change, and new objects only as those
// appearances' streams. The signature field, pages, content streams, other
// annotations, the catalog's other entries and the trailer's must stay.
func laterChanges(b []byte, end int64, now *pdf.Reader) (filled []FilledField, updates int, changes []string) {
	defer func() {
		if r := recover(); r != nil { // the PDF reader panics on some damaged objects
			changes = append(changes, fmt.Sprintf("the update cannot be read (%v)", r))
		}
	}()
	before, err := openPDF(b[:end])
	if err != nil {
		return nil, 0, []string{fmt.Sprintf("the signed revision cannot be read on its own: %v", err)}
	}
	defined, updates, problem := updatedObjects(b, end, now.XrefInformation.StartPos, before.XrefInformation.StartPos)
	if problem != "" {
		return nil, updates, []string{problem}
	}
	if updates == 0 {
		return nil, 0, []string{"the bytes after it are no incremental update"}
	}
	ctx := newRevisionIndex(before)
	ids := slices.Sorted(func(yield func(uint32) bool) {
		for id := range defined {
			if !yield(id) {
				return
			}
		}
	})
	allowedNew := map[uint32]bool{}
	var added []uint32
	for _, id := range ids {
		if !defined[id] {
			changes = append(changes, fmt.Sprintf("%s is deleted", ctx.describe(id)))
			continue
		}
		after := object(now, id)
		old := object(before, id)
		if old.IsNull() {
			if t := after.Key("Type").Name(); after.Kind() == pdf.Stream && (t == "XRef" || t == "ObjStm") {
				continue // the update's own cross-reference or object stream: its objects are checked one by one
			}
			added = append(added, id)
			continue
		}
		switch {
		case ctx.fields[id] != "":
			name := ctx.fields[id]
			if k := changedKey(old, after, "V", "AP", "AS"); k != "" {
				changes = append(changes, fmt.Sprintf("field %s: its /%s changed", name, k))
				continue
			}
			if !sameValue(old.Key("V"), old, after.Key("V"), after) {
				filled = append(filled, FilledField{Name: name, Value: fieldValue(after.Key("V"))})
			}
			reachable(after.Key("AP"), after, allowedNew, 0)
		case ctx.appearances[id] != "":
			if after.Kind() != pdf.Stream || after.Key("Subtype").Name() != "Form" {
				changes = append(changes, fmt.Sprintf("the appearance of field %s (object %d) is no longer a form XObject", ctx.appearances[id], id))
			}
			reachable(after, after, allowedNew, 0)
		case id == ctx.catalog:
			if k := changedKey(old, after, "AcroForm"); k != "" {
				changes = append(changes, fmt.Sprintf("the document catalog: its /%s changed", k))
			} else if k := changedKey(old.Key("AcroForm"), after.Key("AcroForm"), "NeedAppearances"); k != "" {
				changes = append(changes, fmt.Sprintf("the form (AcroForm): its /%s changed", k))
			}
		case id == ctx.acroForm:
			if k := changedKey(old, after, "NeedAppearances"); k != "" {
				changes = append(changes, fmt.Sprintf("the form (AcroForm): its /%s changed", k))
			}
		default:
			changes = append(changes, fmt.Sprintf("%s changed", ctx.describe(id)))
		}
	}
	var used map[uint32]bool
	for _, id := range added {
		if allowedNew[id] {
			continue
		}
		if after := object(now, id); after.Kind() == pdf.Stream && after.Key("Subtype").Name() == "Form" {
			// A reader that saves a filled form twice leaves the first
			// save's appearance behind when the second replaces it: a form
			// XObject nothing in the document refers to is never drawn.
			if used == nil {
				used = usedObjects(now)
			}
			if !used[id] {
				continue
			}
		}
		changes = append(changes, fmt.Sprintf("object %d is added, and no filled field's appearance uses it", id))
	}
	// A cross-reference stream's dictionary is the trailer: its entries
	// that describe the section change with each update.
	if k := changedKey(before.Trailer(), now.Trailer(), "Size", "Prev", "ID", "XRefStm", "Type", "Index", "W", "Filter", "DecodeParms", "Length"); k != "" {
		changes = append(changes, fmt.Sprintf("the trailer's /%s changed", k))
	}
	switch id, idNow := before.Trailer().Key("ID"), now.Trailer().Key("ID"); {
	case !id.IsNull() && idNow.IsNull():
		changes = append(changes, "the trailer lost its /ID")
	case !id.IsNull() && !sameValue(id.Index(0), id, idNow.Index(0), idNow):
		changes = append(changes, "the trailer's /ID changed its first, permanent part")
	}
	return filled, updates, changes
}

// object returns object id of rdr, or null when rdr has no such object.
func object(rdr *pdf.Reader, id uint32) pdf.Value {
	xs := rdr.Xref()
	if int(id) >= len(xs) {
		return pdf.Value{}
	}
	p := xs[id].Ptr()
	if p.GetID() != id {
		return pdf.Value{}
	}
	return rdr.Resolve(p, p)
}

var (
	xrefEntry = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])$`)
	prevEntry = regexp.MustCompile(`/Prev\s+(\d+)`)
)

// updatedObjects reads the cross-reference sections, classic tables or
// cross-reference streams, from the last one, at last, back to the signed
// revision's, at first, and returns the object numbers they define (true)
// or free (false) and how many sections there are; or a description of why
// they cannot be read.
func updatedObjects(b []byte, end, last, first int64) (map[uint32]bool, int, string) {
	defined := map[uint32]bool{}
	seen := map[int64]bool{}
	n := 0
	for off := last; off != first; n++ {
		switch {
		case n == maxUpdates:
			return nil, n, fmt.Sprintf("more than %d incremental updates follow", maxUpdates)
		case off < end || off >= int64(len(b)) || seen[off]:
			return nil, n, "the updates' cross-reference sections do not lead back to the signed revision's"
		}
		seen[off] = true
		var (
			section []xrefEntryOf
			prev    int64
			problem string
		)
		if bytes.HasPrefix(b[off:], []byte("xref")) {
			section, prev, problem = classicSection(b, off)
		} else {
			section, prev, problem = streamSection(b, off)
		}
		if problem != "" {
			return nil, n, problem
		}
		for _, e := range section {
			if _, later := defined[e.id]; !later && e.id != 0 { // a later section's entry wins
				defined[e.id] = e.inUse
			}
		}
		off = prev
	}
	return defined, n, ""
}

// xrefEntryOf is what a cross-reference section says of one object number.
type xrefEntryOf struct {
	id    uint32
	inUse bool
}

// classicSection reads the classic cross-reference table at off and the
// /Prev of its trailer.
func classicSection(b []byte, off int64) ([]xrefEntryOf, int64, string) {
	rest := b[off:]
	t := bytes.Index(rest, []byte("trailer"))
	if t < 0 {
		return nil, 0, fmt.Sprintf("the cross-reference table at byte %d has no trailer", off)
	}
	var out []xrefEntryOf
	lines := strings.Split(strings.ReplaceAll(string(rest[len("xref"):t]), "\r", "\n"), "\n")
	var sub, count int64
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if count == 0 {
			f := strings.Fields(line)
			var err1, err2 error
			if len(f) == 2 {
				sub, err1 = strconv.ParseInt(f[0], 10, 32)
				count, err2 = strconv.ParseInt(f[1], 10, 32)
			}
			if len(f) != 2 || err1 != nil || err2 != nil || sub < 0 || count <= 0 {
				return nil, 0, fmt.Sprintf("the cross-reference section at byte %d is damaged (%q)", off, line)
			}
			continue
		}
		m := xrefEntry.FindStringSubmatch(line)
		if m == nil {
			return nil, 0, fmt.Sprintf("the cross-reference section at byte %d is damaged (%q)", off, line)
		}
		out = append(out, xrefEntryOf{uint32(sub), m[3] == "n"})
		sub++
		count--
	}
	trailer := rest[t:]
	if e := bytes.Index(trailer, []byte("startxref")); e >= 0 {
		trailer = trailer[:e]
	}
	m := prevEntry.FindSubmatch(trailer)
	if m == nil {
		return nil, 0, fmt.Sprintf("the update at byte %d does not point back at the revision before it (no /Prev)", off)
	}
	prev, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return out, prev, ""
}

// streamSection reads the cross-reference stream at off (ISO 32000-1,
// 7.5.8) and its /Prev, with the PDF reader opened on the file up to the end
// of that revision, whose startxref points at it.
func streamSection(b []byte, off int64) ([]xrefEntryOf, int64, string) {
	e := bytes.Index(b[off:], []byte("%%EOF"))
	if e < 0 {
		return nil, 0, fmt.Sprintf("the update at byte %d has no %%%%EOF", off)
	}
	rdr, err := openPDF(b[:off+int64(e+len("%%EOF"))])
	if err != nil || rdr.XrefInformation.StartPos != off || rdr.XrefInformation.Type != "stream" {
		return nil, 0, fmt.Sprintf("the update at byte %d has no readable cross-reference table or stream, which fsn cannot check", off)
	}
	tr := rdr.Trailer()
	x := rdr.Resolve(tr.GetPtr(), tr.GetPtr())
	if x.Kind() != pdf.Stream || x.Key("Type").Name() != "XRef" {
		return nil, 0, fmt.Sprintf("the cross-reference stream at byte %d is not listed in itself, which fsn cannot check", off)
	}
	var w []int
	for i := range x.Key("W").Len() {
		w = append(w, int(x.Key("W").Index(i).Int64()))
	}
	index := x.Key("Index")
	var ranges []int64
	for i := range index.Len() {
		ranges = append(ranges, index.Index(i).Int64())
	}
	if index.Len() == 0 {
		ranges = []int64{0, x.Key("Size").Int64()}
	}
	if len(w) != 3 || w[0] < 0 || w[1] < 0 || w[2] < 0 || w[0] > 4 || w[1] > 8 || w[2] > 8 || len(ranges)%2 != 0 {
		return nil, 0, fmt.Sprintf("the cross-reference stream at byte %d is damaged (/W or /Index)", off)
	}
	rd := x.Reader()
	data, err := io.ReadAll(io.LimitReader(rd, 1<<24))
	rd.Close()
	row := w[0] + w[1] + w[2]
	if err != nil || row == 0 {
		return nil, 0, fmt.Sprintf("the cross-reference stream at byte %d cannot be read", off)
	}
	var out []xrefEntryOf
	for i := 0; i+1 < len(ranges); i += 2 {
		for k := range ranges[i+1] {
			if len(data) < row {
				return nil, 0, fmt.Sprintf("the cross-reference stream at byte %d is shorter than its /Index says", off)
			}
			kind := 1 // a missing type field means type 1
			if w[0] > 0 {
				kind = 0
				for _, c := range data[:w[0]] {
					kind = kind<<8 | int(c)
				}
			}
			out = append(out, xrefEntryOf{uint32(ranges[i] + k), kind != 0})
			data = data[row:]
		}
	}
	prev := x.Key("Prev")
	if prev.Kind() != pdf.Integer {
		return nil, 0, fmt.Sprintf("the update at byte %d does not point back at the revision before it (no /Prev)", off)
	}
	return out, prev.Int64(), ""
}

// revisionIndex says what the objects of the signed revision are.
type revisionIndex struct {
	fields            map[uint32]string // a field of the form, or a widget of one, other than a signature: its full name
	signature         map[uint32]bool   // the signature field and its widgets
	pages, contents   map[uint32]int    // page objects and their content streams: the page number
	pageTree          map[uint32]bool   // the nodes of the page tree above the pages
	appearances       map[uint32]string // the appearance streams of the fields' widgets: the field's name
	annots            map[uint32]int    // other annotations: the page number
	catalog, acroForm uint32            // acroForm is 0 when the AcroForm is in the catalog
	info              uint32
}

func newRevisionIndex(rdr *pdf.Reader) *revisionIndex {
	x := &revisionIndex{fields: map[uint32]string{}, signature: map[uint32]bool{}, pages: map[uint32]int{}, pageTree: map[uint32]bool{}, appearances: map[uint32]string{}, contents: map[uint32]int{}, annots: map[uint32]int{}}
	tr := rdr.Trailer()
	root := tr.Key("Root")
	x.catalog = id(root)
	if info := tr.Key("Info"); !info.IsNull() {
		x.info = id(info)
	}
	form := root.Key("AcroForm")
	if !form.IsNull() && form.GetPtr() != root.GetPtr() {
		x.acroForm = id(form)
	}
	var walk func(f pdf.Value, parent string, sig bool, depth int)
	walk = func(f pdf.Value, parent string, sig bool, depth int) {
		if depth > 32 {
			return
		}
		name := parent
		if t := f.Key("T"); !t.IsNull() {
			name = strings.TrimPrefix(parent+"."+t.Text(), ".")
		}
		sig = sig || f.Key("FT").Name() == "Sig"
		if sig {
			x.signature[id(f)] = true
		} else {
			x.fields[id(f)] = name
			ap := f.Key("AP")
			for _, k := range []string{"N", "R", "D"} {
				for _, s := range appearanceStreams(ap.Key(k), ap) {
					x.appearances[id(s)] = name
				}
			}
		}
		kids := f.Key("Kids")
		for i := range kids.Len() {
			walk(kids.Index(i), name, sig, depth+1)
		}
	}
	fields := form.Key("Fields")
	for i := range fields.Len() {
		walk(fields.Index(i), "", false, 0)
	}
	all, _ := pages(rdr)
	for i, p := range all {
		x.pages[id(p)] = i + 1
		for n, depth := p.Key("Parent"), 0; !n.IsNull() && depth < 64; n, depth = n.Key("Parent"), depth+1 {
			x.pageTree[id(n)] = true
		}
		c := p.Key("Contents")
		if c.Kind() == pdf.Array {
			for j := range c.Len() {
				x.contents[id(c.Index(j))] = i + 1
			}
		} else if !c.IsNull() {
			x.contents[id(c)] = i + 1
		}
		annots := p.Key("Annots")
		for j := range annots.Len() {
			if a := annots.Index(j); a.GetPtr() != annots.GetPtr() {
				if _, ok := x.fields[id(a)]; !ok {
					x.annots[id(a)] = i + 1
				}
			}
		}
	}
	return x
}

// describe names object n of the signed revision for a message.
func (x *revisionIndex) describe(n uint32) string {
	switch {
	case x.signature[n]:
		return fmt.Sprintf("the signature field (object %d)", n)
	case x.pages[n] > 0:
		return fmt.Sprintf("page %d (object %d)", x.pages[n], n)
	case x.pageTree[n]:
		return fmt.Sprintf("the page tree (object %d)", n)
	case x.contents[n] > 0:
		return fmt.Sprintf("the content of page %d (object %d)", x.contents[n], n)
	case x.annots[n] > 0:
		return fmt.Sprintf("an annotation on page %d (object %d)", x.annots[n], n)
	case x.fields[n] != "":
		return fmt.Sprintf("field %s (object %d)", x.fields[n], n)
	case n == x.catalog:
		return fmt.Sprintf("the document catalog (object %d)", n)
	case n == x.info && n != 0:
		return fmt.Sprintf("the document information (object %d)", n)
	}
	return fmt.Sprintf("object %d", n)
}

func id(v pdf.Value) uint32 {
	p := v.GetPtr()
	return p.GetID()
}

// changedKey returns the first key, in sorted order, whose value differs
// between the dictionaries a and b, leaving out the keys of except; or "".
func changedKey(a, b pdf.Value, except ...string) string {
	keys := append(a.Keys(), b.Keys()...)
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		if !slices.Contains(except, k) && !sameValue(a.Key(k), a, b.Key(k), b) {
			return k
		}
	}
	return ""
}

// sameValue reports whether a, found in the object of pa, and b, found in
// that of pb, are the same: references to the same object, or direct
// values that are equal. Streams compare by their dictionaries.
func sameValue(a, pa, b, pb pdf.Value) bool {
	if a.IsNull() || b.IsNull() {
		return a.IsNull() && b.IsNull()
	}
	aRef, bRef := a.GetPtr() != pa.GetPtr(), b.GetPtr() != pb.GetPtr()
	if aRef || bRef {
		ap, bp := a.GetPtr(), b.GetPtr()
		return aRef && bRef && ap.GetID() == bp.GetID() && ap.GetGen() == bp.GetGen()
	}
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case pdf.Bool:
		return a.Bool() == b.Bool()
	case pdf.Integer:
		return a.Int64() == b.Int64()
	case pdf.Real:
		return a.Float64() == b.Float64()
	case pdf.String:
		return a.RawString() == b.RawString()
	case pdf.Name:
		return a.Name() == b.Name()
	case pdf.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), pa, b.Index(i), pb) {
				return false
			}
		}
		return true
	case pdf.Dict, pdf.Stream:
		keys := append(a.Keys(), b.Keys()...)
		for _, k := range keys {
			if !sameValue(a.Key(k), pa, b.Key(k), pb) {
				return false
			}
		}
		return true
	}
	return false
}

// reachable adds to ids every object that v, found in the object of
// parent, refers to, directly or through other objects.
func reachable(v, parent pdf.Value, ids map[uint32]bool, depth int) {
	if v.IsNull() || depth > 32 {
		return
	}
	if v.GetPtr() != parent.GetPtr() {
		n := id(v)
		if ids[n] {
			return
		}
		ids[n] = true
		parent = v
	}
	switch v.Kind() {
	case pdf.Array:
		for i := range v.Len() {
			reachable(v.Index(i), parent, ids, depth+1)
		}
	case pdf.Dict, pdf.Stream:
		for _, k := range v.Keys() {
			reachable(v.Key(k), parent, ids, depth+1)
		}
	}
}

// usedObjects returns the objects the document refers to, directly or
// through others, from its trailer (the catalog, the information
// dictionary): every object that can be drawn or read. It walks with a stack
// of its own and visits each object once, so neither a deep structure tree
// nor a reference cycle can exhaust it.
func usedObjects(rdr *pdf.Reader) map[uint32]bool {
	used := map[uint32]bool{}
	trailer := rdr.Trailer()
	type item struct{ v, parent pdf.Value }
	stack := []item{}
	for _, k := range trailer.Keys() {
		stack = append(stack, item{trailer.Key(k), trailer})
	}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v, parent := it.v, it.parent
		if v.IsNull() {
			continue
		}
		if v.GetPtr() != parent.GetPtr() {
			if used[id(v)] {
				continue
			}
			used[id(v)] = true
			parent = v
		}
		switch v.Kind() {
		case pdf.Array:
			for i := range v.Len() {
				stack = append(stack, item{v.Index(i), parent})
			}
		case pdf.Dict, pdf.Stream:
			for _, k := range v.Keys() {
				stack = append(stack, item{v.Key(k), parent})
			}
		}
	}
	return used
}

// appearanceStreams returns the streams of an appearance entry, found in
// the object of parent, that are objects of their own: the entry itself, or
// the values of its appearance states (/Yes, /Off).
func appearanceStreams(v, parent pdf.Value) []pdf.Value {
	switch {
	case v.Kind() == pdf.Stream && v.GetPtr() != parent.GetPtr():
		return []pdf.Value{v}
	case v.Kind() == pdf.Dict:
		var out []pdf.Value
		for _, k := range v.Keys() {
			if s := v.Key(k); s.Kind() == pdf.Stream && s.GetPtr() != v.GetPtr() {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// fieldValue returns the value of a field as a person reads it.
func fieldValue(v pdf.Value) string {
	switch v.Kind() {
	case pdf.Name:
		return v.Name()
	case pdf.String:
		return v.Text()
	case pdf.Array:
		var parts []string
		for i := range v.Len() {
			parts = append(parts, fieldValue(v.Index(i)))
		}
		return strings.Join(parts, ", ")
	case pdf.Null:
		return ""
	}
	return v.String()
}
