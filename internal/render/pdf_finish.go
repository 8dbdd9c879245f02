package render

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/fsn-tool/fsn/internal/xrefstream"
)

// toUnicode returns the ToUnicode CMap of the fonts: the codes gofpdf writes for
// UTF-8 fonts are the characters themselves, so each 256-code block of
// characters in the text maps onto itself.
func (w *pdfWriter) toUnicode() []byte {
	var ranges []string
	for hi, used := range w.codePages {
		if used && (hi < 0xD8 || hi > 0xDF) { // never surrogates
			ranges = append(ranges, fmt.Sprintf("<%02X00> <%02XFF> <%02X00>", hi, hi, hi))
		}
	}
	return cmapProgram("<0000> <FFFF>", ranges)
}

// simpleToUnicode returns the ToUnicode CMap of the one-byte codes of the
// simple fonts: each run of consecutive codes of consecutive characters is
// one range, which ends where the last byte of the character would wrap
// (ISO 32000-1, 9.10.3).
func simpleToUnicode(codes map[rune]byte) []byte {
	byCode := make([]rune, 256)
	for r, c := range codes {
		byCode[c] = r
	}
	var ranges []string
	for c := 1; c < 256; c++ {
		r := byCode[c]
		if r == 0 {
			continue
		}
		end := c
		for end+1 < 256 && byCode[end+1] == byCode[end]+1 && byCode[end+1]&0xFF != 0 {
			end++
		}
		ranges = append(ranges, fmt.Sprintf("<%02X> <%02X> <%04X>", c, end, r))
		c = end
	}
	return cmapProgram("<00> <FF>", ranges)
}

// cmapProgram returns a ToUnicode CMap of the code space and the bfrange entries.
func cmapProgram(space string, ranges []string) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n" + space + "\nendcodespacerange\n")
	for len(ranges) > 0 {
		n := min(len(ranges), 100) // at most 100 entries a block
		fmt.Fprintf(&b, "%d beginbfrange\n%s\nendbfrange\n", n, strings.Join(ranges[:n], "\n"))
		ranges = ranges[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.Bytes()
}

// gofpdfToUnicode is the ToUnicode CMap that gofpdf v1.16.2 writes for every
// UTF-8 font. It maps all codes with the one range <0000> <FFFF> <0000>, which
// ISO 32000-1, 9.10.3, does not allow: a range may vary only the last byte of a
// code. Extractors that keep to the rule, such as github.com/ledongthuc/pdf, then
// read every character above U+00FF wrongly, Greek and Cyrillic included.
const gofpdfToUnicode = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"

// pdfObject is one indirect object of a PDF: its dictionary or other value, and
// the raw (already encoded) data of its stream, if it is one.
type pdfObject struct {
	value    []byte
	stream   []byte
	isStream bool
}

// pdfFile is a PDF as objects, so that what gofpdf writes can be mended and
// completed before the file is written again with its own cross-reference table.
type pdfFile struct {
	objects map[int]*pdfObject
	// drawn numbers the first object added after gofpdf's: those below it
	// are the page tree, the pages, their resources and fonts, the outline,
	// the information dictionary and the catalog.
	drawn int
	root  int // object number of the catalog
	info  int // object number of the document information dictionary
}

// errGofpdfLayout is the error of a file gofpdf did not write as expected.
var errGofpdfLayout = errors.New("render: the PDF from gofpdf is not laid out as expected; has gofpdf changed?")

// parseGofpdf reads the objects of a PDF written by gofpdf: a classic
// cross-reference table, one section, with every object where the table says.
func parseGofpdf(b []byte) (*pdfFile, error) {
	start := bytes.LastIndex(b, []byte("\nxref\n0 ")) + 1
	if start <= 0 {
		return nil, errGofpdfLayout
	}
	rest := b[start:]
	head := bytes.IndexByte(rest[len("xref\n"):], '\n') + len("xref\n") + 1
	count, err := strconv.Atoi(string(rest[len("xref\n0 ") : head-1]))
	if err != nil || count < 1 || len(rest) < head+20*count {
		return nil, errors.New("render: the cross-reference table from gofpdf is malformed")
	}
	type at struct{ num, off int }
	var offsets []at
	for i := 1; i < count; i++ {
		entry := rest[head+20*i : head+20*i+20]
		if entry[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(entry[:10]))
		if err != nil || off >= start {
			return nil, fmt.Errorf("render: cross-reference entry %d from gofpdf is malformed", i)
		}
		offsets = append(offsets, at{i, off})
	}
	sort.Slice(offsets, func(i, j int) bool { return offsets[i].off < offsets[j].off })
	f := &pdfFile{objects: map[int]*pdfObject{}, drawn: count}
	for k, o := range offsets {
		end := start
		if k+1 < len(offsets) {
			end = offsets[k+1].off
		}
		span := b[o.off:end]
		prefix := fmt.Appendf(nil, "%d 0 obj\n", o.num)
		body, ok := bytes.CutPrefix(span, prefix)
		if !ok {
			return nil, errGofpdfLayout
		}
		e := bytes.LastIndex(body, []byte("endobj"))
		if e < 0 {
			return nil, errGofpdfLayout
		}
		body = bytes.TrimRight(body[:e], "\n")
		obj := &pdfObject{value: body}
		if s := bytes.Index(body, []byte("\nstream\n")); s >= 0 {
			data := body[s+len("\nstream\n"):]
			d, ok := bytes.CutSuffix(data, []byte("\nendstream"))
			if !ok {
				return nil, errGofpdfLayout
			}
			obj.value, obj.stream, obj.isStream = body[:s], d, true
		}
		f.objects[o.num] = obj
	}
	trailer := rest[head+20*count:]
	for key, to := range map[string]*int{"Root": &f.root, "Info": &f.info} {
		m := regexp.MustCompile(`/` + key + ` (\d+) 0 R`).FindSubmatch(trailer)
		if m == nil {
			return nil, errGofpdfLayout
		}
		*to, _ = strconv.Atoi(string(m[1]))
		if f.objects[*to] == nil {
			return nil, errGofpdfLayout
		}
	}
	return f, nil
}

// add makes a new object and returns its number.
func (f *pdfFile) add(value string) int {
	n := f.next()
	f.objects[n] = &pdfObject{value: []byte(value)}
	return n
}

// addStream makes a new stream object of value (a dictionary without /Length)
// and its encoded data, and returns its number.
func (f *pdfFile) addStream(value string, data []byte) int {
	n := f.next()
	f.objects[n] = &pdfObject{value: []byte(value), stream: data, isStream: true}
	return n
}

// next returns the object number a new object gets.
func (f *pdfFile) next() int {
	n := 1
	for k := range f.objects {
		n = max(n, k+1)
	}
	return n
}

// dictAdd adds entries to the end of the dictionary of object n.
func (f *pdfFile) dictAdd(n int, entries string) error {
	o := f.objects[n]
	v := bytes.TrimRight(o.value, "\n ")
	if !bytes.HasSuffix(v, []byte(">>")) {
		return fmt.Errorf("render: object %d from gofpdf is not a dictionary", n)
	}
	o.value = slices.Concat(v[:len(v)-2], []byte("\n"), []byte(entries), []byte(">>"))
	return nil
}

// numbers returns the object numbers in increasing order.
func (f *pdfFile) numbers() []int {
	nums := make([]int, 0, len(f.objects))
	for n := range f.objects {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	return nums
}

// lengthKey finds the /Length entry of a stream dictionary (not /Length1).
var lengthKey = regexp.MustCompile(`/Length \d+`)

// bytes writes the file compactly, as PDF 1.5 allows and PDF/A-2 and PDF/UA
// accept: a PDF 1.7 header with the binary marker comment, the streams as
// objects of their own, every other object packed into compressed object
// streams (ISO 32000-1, 7.5.7), and a cross-reference stream (7.5.8) whose
// file identifier is the digest of the body, so that the same content gives
// the same identifier.
//
// The objects gofpdf wrote, which a reader needs to show the pages, go in a
// first object stream of about 5 kB, and those added since, the structure
// tree and the form, in a second. Readers such as github.com/ledongthuc/pdf
// and github.com/digitorus/pdf (fsn verify, the signer) inflate the whole
// stream again for each object they take out of it: with one stream, reading
// a page's fonts inflated the structure tree as often.
func (f *pdfFile) bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")
	nums := f.numbers()
	last := nums[len(nums)-1]
	streams := []*objectStream{{num: last + 1}, {num: last + 2}}
	xref := last + 3
	entries := []xrefstream.Entry{{Num: 0, Kind: xrefstream.Free, Gen: 65535}}
	for n := 1; n <= last; n++ {
		o := f.objects[n]
		switch {
		case o == nil:
			entries = append(entries, xrefstream.Entry{Num: n, Kind: xrefstream.Free, Gen: 65535})
		case !o.isStream:
			s := streams[0]
			if n >= f.drawn {
				s = streams[1]
			}
			entries = append(entries, xrefstream.Entry{Num: n, Kind: xrefstream.InStream, At: s.num, Gen: s.count})
			s.add(n, o.value)
		default:
			entries = append(entries, xrefstream.Entry{Num: n, Kind: xrefstream.InFile, At: b.Len()})
			fmt.Fprintf(&b, "%d 0 obj\n", n)
			if lengthKey.Match(o.value) {
				b.Write(lengthKey.ReplaceAll(o.value, fmt.Appendf(nil, "/Length %d", len(o.stream))))
			} else {
				fmt.Fprintf(&b, "%s/Length %d>>", bytes.TrimSuffix(o.value, []byte(">>")), len(o.stream))
			}
			b.WriteString("\nstream\n")
			b.Write(o.stream)
			b.WriteString("\nendstream\nendobj\n")
		}
	}
	for _, s := range streams {
		if s.count == 0 { // no object stream is written empty
			entries = append(entries, xrefstream.Entry{Num: s.num, Kind: xrefstream.Free, Gen: 65535})
			continue
		}
		entries = append(entries, xrefstream.Entry{Num: s.num, Kind: xrefstream.InFile, At: b.Len()})
		s.write(&b)
	}
	id := md5.Sum(b.Bytes())
	at := xrefstream.Write(&b, xref, xref+1, entries, fmt.Sprintf("/Root %d 0 R /Info %d 0 R /ID [<%x> <%x>]", f.root, f.info, id, id))
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", at)
	return b.Bytes()
}

// objectStream is a compressed object stream being filled: object num of the
// file, holding count objects.
type objectStream struct {
	num, count    int
	heads, packed bytes.Buffer
}

// add packs object n, whose value is value, into the stream.
func (s *objectStream) add(n int, value []byte) {
	fmt.Fprintf(&s.heads, "%d %d ", n, s.packed.Len())
	s.packed.Write(value)
	s.packed.WriteByte('\n')
	s.count++
}

// write writes the stream to b as an object of the file.
func (s *objectStream) write(b *bytes.Buffer) {
	data := deflate(append(s.heads.Bytes(), s.packed.Bytes()...))
	fmt.Fprintf(b, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n",
		s.num, s.count, s.heads.Len(), len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n")
}

// finish mends what gofpdf writes wrongly or leaves out, and writes the file
// again: it embeds the fonts as subsets with the writer's ToUnicode CMap (see
// embedFonts), gives
// the outline counts ISO 32000-1 (12.3.3) allows, names each font's family,
// and adds what the writer collected while drawing: the structure tree, the
// annotations, the form and the catalog entries of a tagged PDF.
func (w *pdfWriter) finish(b []byte, lang string) ([]byte, error) {
	f, err := parseGofpdf(b)
	if err != nil {
		return nil, err
	}
	if err := w.embedFonts(f); err != nil {
		return nil, err
	}
	if err := f.mendOutline(); err != nil {
		return nil, err
	}
	if err := f.encodeOutlineTitles(); err != nil {
		return nil, err
	}
	f.nameFontFamilies()

	pages, err := f.pages()
	if err != nil {
		return nil, err
	}
	for _, a := range w.annots {
		a.obj = f.add("")
	}
	structRoot, err := w.tags.write(f, pages, w.annots)
	if err != nil {
		return nil, err
	}
	var form formObjects
	if form.fontName, form.font, err = f.regularFont(pages[0]); err != nil {
		return nil, err
	}
	annots, err := w.writeAnnots(f, pages, &form)
	if err != nil {
		return nil, err
	}
	for p, page := range pages {
		if err := f.dictAdd(page, fmt.Sprintf("%s /StructParents %d /Tabs /S", annots[p], p)); err != nil {
			return nil, err
		}
	}
	catalog := fmt.Sprintf("/Lang %s /StructTreeRoot %d 0 R /MarkInfo <</Marked true>> /ViewerPreferences <</DisplayDocTitle true>> %s %s",
		pdfString(lang), structRoot, writeArchival(f, w.meta, lang), form.write(f))
	root := f.objects[f.root]
	root.value = emptyNames.ReplaceAll(root.value, nil) // PDF/A-2 (6.8) wants embedded files to be PDF/A; there are none
	if err := f.dictAdd(f.root, catalog); err != nil {
		return nil, err
	}
	return f.bytes(), nil
}

// emptyNames is the name dictionary gofpdf writes with an empty list of
// embedded files.
var emptyNames = regexp.MustCompile(`/Names <<\s*/EmbeddedFiles << /Names \[\s*\] >>\s*>>\n?`)

// pages returns the object numbers of the pages, in order.
func (f *pdfFile) pages() ([]int, error) {
	tree := f.ref(f.root, "Pages")
	if tree == 0 {
		return nil, errGofpdfLayout
	}
	m := regexp.MustCompile(`/Kids \[([0-9 R]*)\]`).FindSubmatch(f.objects[tree].value)
	if m == nil {
		return nil, errGofpdfLayout
	}
	var pages []int
	for _, ref := range regexp.MustCompile(`(\d+) 0 R`).FindAllSubmatch(m[1], -1) {
		n, _ := strconv.Atoi(string(ref[1]))
		if f.objects[n] == nil {
			return nil, errGofpdfLayout
		}
		pages = append(pages, n)
	}
	return pages, nil
}

// pdfRef matches a reference to an object, capturing its number.
func pdfRef(key string) *regexp.Regexp {
	return regexp.MustCompile(`/` + key + ` (\d+) 0 R`)
}

// ref returns the object number that the entry key of object n refers to, or 0.
func (f *pdfFile) ref(n int, key string) int {
	o := f.objects[n]
	if o == nil {
		return 0
	}
	m := pdfRef(key).FindSubmatch(o.value)
	if m == nil {
		return 0
	}
	r, _ := strconv.Atoi(string(m[1]))
	return r
}

// mendOutline replaces gofpdf's /Count 0 on every outline item: an item with
// children counts its descendants (all open), a leaf has no /Count.
func (f *pdfFile) mendOutline() error {
	outlines := f.ref(f.root, "Outlines")
	if outlines == 0 {
		return nil
	}
	count := regexp.MustCompile(`\n?/Count 0\b`)
	var walk func(item int, depth int) (int, error)
	walk = func(first int, depth int) (int, error) {
		total := 0
		for item, seen := first, 0; item != 0; item, seen = f.ref(item, "Next"), seen+1 {
			if seen > len(f.objects) || depth > 10 {
				return 0, errors.New("render: the outline from gofpdf loops")
			}
			o := f.objects[item]
			below, err := walk(f.ref(item, "First"), depth+1)
			if err != nil {
				return 0, err
			}
			entry := []byte{}
			if below > 0 {
				entry = fmt.Appendf(nil, "\n/Count %d", below)
			}
			o.value = count.ReplaceAll(o.value, entry)
			total += 1 + below
		}
		return total, nil
	}
	n, err := walk(f.ref(outlines, "First"), 0)
	if err != nil {
		return err
	}
	if n > 0 {
		return f.dictAdd(outlines, fmt.Sprintf("/Count %d", n))
	}
	return nil
}

// fontName matches the /FontName of a font descriptor, capturing the name
// without a subset tag.
var fontName = regexp.MustCompile(`/FontName /(?:[A-Z]{6}\+)?([^\s/<>\[\]()]+)`)

// nameFontFamilies gives every font descriptor a /FontFamily, the font's name
// without its subset tag, which pdfcpu's strict validation asks for since PDF 1.5.
func (f *pdfFile) nameFontFamilies() {
	for _, n := range f.numbers() {
		o := f.objects[n]
		if !bytes.Contains(o.value, []byte("/Type /FontDescriptor")) || bytes.Contains(o.value, []byte("/FontFamily")) {
			continue
		}
		if m := fontName.FindSubmatch(o.value); m != nil {
			_ = f.dictAdd(n, "/FontFamily "+pdfString(string(m[1])))
		}
	}
}

// pdfString writes s as a PDF text string (ISO 32000-1, 7.9.2.2): literal
// bytes of PDFDocEncoding when every character of s is a printable one of
// that encoding, else UTF-16BE with a byte-order mark.
func pdfString(s string) string {
	var b strings.Builder
	b.WriteByte('(')
	put := func(c byte) {
		switch c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	doc := make([]byte, 0, len(s))
	for _, r := range s {
		c, ok := pdfDocByte(r)
		if !ok {
			doc = nil
			break
		}
		doc = append(doc, c)
	}
	if doc != nil {
		for _, c := range doc {
			put(c)
		}
		b.WriteByte(')')
		return b.String()
	}
	b.WriteString("\xFE\xFF")
	for _, u := range utf16.Encode([]rune(s)) {
		put(byte(u >> 8))
		put(byte(u))
	}
	b.WriteByte(')')
	return b.String()
}
