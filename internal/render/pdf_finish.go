package render

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
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
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
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

// finishPDF mends what gofpdf writes wrongly or leaves out: it replaces the
// ToUnicode CMap of every font with cmap and adds the language to the catalog,
// then moves the cross-reference offsets by what the edits added.
func finishPDF(b []byte, lang string, cmap []byte) ([]byte, error) {
	type edit struct {
		at, n int // replace b[at:at+n]
		with  []byte
	}
	var edits []edit
	oldCMap := fmt.Appendf(nil, "<</Length %d>>\nstream\n%s\nendstream", len(gofpdfToUnicode), gofpdfToUnicode)
	newCMap := fmt.Appendf(nil, "<</Length %d>>\nstream\n%s\nendstream", len(cmap), cmap)
	for i := 0; ; {
		j := bytes.Index(b[i:], oldCMap)
		if j < 0 {
			break
		}
		edits = append(edits, edit{i + j, len(oldCMap), newCMap})
		i += j + len(oldCMap)
	}
	catalog := []byte("/Type /Catalog\n")
	c := bytes.LastIndex(b, catalog)
	xref := bytes.LastIndex(b, []byte("\nxref\n0 ")) + 1
	if len(edits) == 0 || c < 0 || xref < c {
		return nil, errors.New("render: the PDF from gofpdf is not laid out as expected (ToUnicode CMap, catalog, cross-reference table); has gofpdf changed?")
	}
	edits = append(edits, edit{c + len(catalog), 0, fmt.Appendf(nil, "/Lang (%s)\n", lang)})
	slices.SortFunc(edits, func(a, b edit) int { return a.at - b.at })

	out := make([]byte, 0, len(b)+len(edits)*len(newCMap))
	prev := 0
	for _, e := range edits {
		out = append(out, b[prev:e.at]...)
		out = append(out, e.with...)
		prev = e.at + e.n
	}
	out = append(out, b[prev:xref]...)
	moved := func(off int) int {
		to := off
		for _, e := range edits {
			if e.at < off {
				to += len(e.with) - e.n
			}
		}
		return to
	}

	// The table: "xref\n0 N\n", then N entries of 20 bytes, "0000001234 00000 n \n".
	newXref := len(out)
	rest := b[xref:]
	head := bytes.IndexByte(rest[len("xref\n"):], '\n') + len("xref\n") + 1
	count, err := strconv.Atoi(string(rest[len("xref\n0 ") : head-1]))
	if err != nil || len(rest) < head+20*count {
		return nil, errors.New("render: the cross-reference table from gofpdf is malformed")
	}
	out = append(out, rest[:head]...)
	for i := range count {
		entry := rest[head+20*i : head+20*i+20]
		if entry[17] != 'n' {
			out = append(out, entry...)
			continue
		}
		off, err := strconv.Atoi(string(entry[:10]))
		if err != nil {
			return nil, fmt.Errorf("render: cross-reference entry %d from gofpdf is malformed", i)
		}
		out = fmt.Appendf(out, "%010d%s", moved(off), entry[10:])
	}
	trailer := rest[head+20*count:]
	start := bytes.LastIndex(trailer, []byte("startxref\n")) + len("startxref\n")
	end := bytes.IndexByte(trailer[start:], '\n')
	if start < len("startxref\n") || end < 0 {
		return nil, errors.New("render: the PDF from gofpdf has no startxref")
	}
	out = append(out, trailer[:start]...)
	out = strconv.AppendInt(out, int64(newXref), 10)
	return append(out, trailer[start+end:]...), nil
}
