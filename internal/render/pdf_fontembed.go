package render

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// embedFonts embeds each font the PDF uses as a subset of the glyphs it draws,
// named as ISO 32000-1, 9.6.4, asks: a tag of six capital letters, derived
// from the font and the characters drawn, "+" and the font's PostScript name,
// such as ABCDEF+LiberationSans-Bold. gofpdf writes its own subset under the
// name "utf8body" and the like, with hinting, the whole name table and a cmap
// that font tools cannot read; embedFonts replaces its font program, widths
// and names, keeping its object numbers.
//
// gofpdf writes Type0 fonts whose two-byte codes are the characters. When the
// PDF draws at most 255 characters, in all its faces together, each font
// becomes a symbolic simple TrueType font instead, whose one-byte codes number
// the characters from 1 in their order (see simpleCodes), the same in every
// font, and the page contents' strings are re-encoded: half the bytes, and no
// CIDFont or CIDToGIDMap. Otherwise the fonts stay Type0 fonts.
//
// gofpdf's ToUnicode CMap maps all codes with the one range <0000> <FFFF>
// <0000>, which ISO 32000-1, 9.10.3, does not allow (see gofpdfToUnicode): the
// fonts share one CMap of their codes instead (toUnicode or simpleToUnicode),
// and a Type0 font's CIDSystemInfo is written in place; the objects gofpdf
// wrote for each font's are dropped.
//
// gofpdf names each font in the pages' resources by a hash of its definition,
// "/F" and 40 hexadecimal digits, which the page contents repeat at every change
// of font; embedFonts names them /F1 to /F6 by face, writes the page contents
// shorter (see compactContent) and compresses them, which the PDF writer asks
// gofpdf to leave uncompressed.
func (w *pdfWriter) embedFonts(f *pdfFile) error {
	names := map[int]string{} // Type0 object → resource name
	type0 := map[face]int{}
	for fc := range numFaces {
		if !w.registered[fc] {
			continue
		}
		obj, err := gofpdfFont(f, face(fc))
		if err != nil {
			return err
		}
		type0[face(fc)], names[obj] = obj, fmt.Sprintf("/F%d", fc+1)
	}
	pages, err := f.pages()
	if err != nil {
		return err
	}
	rename := fontRenamer(f, names)
	renamed := map[int]bool{}
	var contents []*pdfObject
	for _, page := range pages {
		res := f.ref(page, "Resources")
		if res == 0 {
			return errGofpdfLayout
		}
		if !renamed[res] {
			renamed[res] = true
			if err := renameFonts(f.objects[res], names); err != nil {
				return err
			}
		}
		c := f.objects[f.ref(page, "Contents")]
		if c == nil || !c.isStream || bytes.Contains(c.value, []byte("/Filter")) {
			return fmt.Errorf("render: the contents of page object %d from gofpdf are not an uncompressed stream", page)
		}
		c.stream = []byte(rename.Replace(string(c.stream)))
		contents = append(contents, c)
	}
	codes := w.simpleCodes()
	compact, err := compactPages(contents, codes, w.asGofpdf)
	if errors.Is(err, errContent) && codes != nil {
		codes = nil // a page the rewriter cannot re-encode: two-byte codes for all
		compact, err = compactPages(contents, nil, w.asGofpdf)
	}
	if err != nil {
		return err
	}
	toUnicode := 0 // the object of the one ToUnicode CMap the fonts share
	for fc := range numFaces {
		if w.registered[fc] {
			if err := w.embedFont(f, face(fc), type0[face(fc)], &toUnicode, codes); err != nil {
				return err
			}
		}
	}
	for i, c := range contents {
		c.value = []byte("<</Filter /FlateDecode /Length 0>>")
		c.stream = deflate(compact[i])
	}
	return nil
}

// compactPages returns the page contents rewritten shorter (see
// compactContent), their strings in the one-byte codes of codes unless it is
// nil; a page the rewriter does not understand stays as it is, unless codes
// asks for its strings to be re-encoded (errContent). asGofpdf keeps them all
// as they are.
func compactPages(contents []*pdfObject, codes map[rune]byte, asGofpdf bool) ([][]byte, error) {
	out := make([][]byte, len(contents))
	var recode func([]byte) ([]byte, error)
	if codes != nil {
		recode = func(s []byte) ([]byte, error) { return recodeString(s, codes) }
	}
	for i, c := range contents {
		out[i] = c.stream
		if asGofpdf {
			continue
		}
		b, err := compactContent(c.stream, recode)
		switch {
		case err == nil:
			out[i] = b
		case !errors.Is(err, errContent) || codes != nil:
			return nil, err
		}
	}
	return out, nil
}

// simpleCodes returns the one-byte character code of each character the PDF
// draws, in any face, from 1 in the order of the characters, or nil when they
// are more than 255 (or the writer keeps gofpdf's page contents), and the
// fonts are CIDFonts with gofpdf's two-byte codes.
func (w *pdfWriter) simpleCodes() map[rune]byte {
	if w.asGofpdf {
		return nil
	}
	all := map[rune]bool{}
	for fc := range numFaces {
		if w.registered[fc] {
			for r := range w.used[fc] {
				all[r] = true
			}
		}
	}
	if len(all) > 255 {
		return nil
	}
	runes := make([]rune, 0, len(all))
	for r := range all {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	codes := make(map[rune]byte, len(runes))
	for i, r := range runes {
		codes[r] = byte(i + 1)
	}
	return codes
}

// recodeString returns the string operand s, the UTF-16 codes gofpdf writes,
// as a literal string of the characters' codes.
func recodeString(s []byte, codes map[rune]byte) ([]byte, error) {
	raw, ok := decodePDFString(s)
	if !ok || len(raw)%2 != 0 {
		return nil, fmt.Errorf("render: the page contents from gofpdf show the string %q, not two-byte codes", s)
	}
	out := []byte{'('}
	for i := 0; i < len(raw); i += 2 {
		r := rune(raw[i])<<8 | rune(raw[i+1])
		c, ok := codes[r]
		if !ok {
			return nil, fmt.Errorf("render: the character %q (U+%04X) is shown but was not counted as drawn", r, r)
		}
		switch c {
		case '(', ')', '\\':
			out = append(out, '\\', c)
		case '\r':
			out = append(out, '\\', 'r')
		default:
			out = append(out, c)
		}
	}
	return append(out, ')'), nil
}

// decodePDFString returns the bytes of a literal or hexadecimal string
// (ISO 32000-1, 7.3.4).
func decodePDFString(s []byte) ([]byte, bool) {
	if len(s) >= 2 && s[0] == '<' && s[len(s)-1] == '>' {
		h := make([]byte, 0, len(s))
		for _, c := range s[1 : len(s)-1] {
			if !isPDFSpace(c) {
				h = append(h, c)
			}
		}
		if len(h)%2 != 0 {
			h = append(h, '0')
		}
		out := make([]byte, len(h)/2)
		if _, err := hex.Decode(out, h); err != nil {
			return nil, false
		}
		return out, true
	}
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return nil, false
	}
	s = s[1 : len(s)-1]
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			switch e := s[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\n':
			case '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
			default:
				if e >= '0' && e <= '7' {
					v := 0
					for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
						v = v*8 + int(s[i]-'0')
						i++
					}
					i--
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		default:
			out = append(out, c)
		}
	}
	return out, true
}

// fontResource matches an entry of gofpdf's font resources, "/F<hash> 12 0 R".
var fontResource = regexp.MustCompile(`(/F[0-9a-f]{40}) (\d+) 0 R`)

// renameFonts gives the fonts of a resource dictionary their names in names,
// by object number.
func renameFonts(res *pdfObject, names map[int]string) error {
	n := 0
	res.value = fontResource.ReplaceAllFunc(res.value, func(m []byte) []byte {
		sub := fontResource.FindSubmatch(m)
		obj, _ := strconv.Atoi(string(sub[2]))
		if name, ok := names[obj]; ok {
			n++
			return fmt.Appendf(nil, "%s %d 0 R", name, obj)
		}
		return m
	})
	if n != len(names) {
		return fmt.Errorf("render: the font resources from gofpdf name %d of the %d fonts", n, len(names))
	}
	return nil
}

// fontRenamer returns the replacer of gofpdf's font names in page contents,
// where a name is followed by the size: "/F<hash> 10.00 Tf".
func fontRenamer(f *pdfFile, names map[int]string) *strings.Replacer {
	var pairs []string
	seen := map[string]bool{}
	for _, n := range f.numbers() {
		for _, m := range fontResource.FindAllSubmatch(f.objects[n].value, -1) {
			obj, _ := strconv.Atoi(string(m[2]))
			if name, ok := names[obj]; ok && !seen[string(m[1])] {
				seen[string(m[1])] = true
				pairs = append(pairs, string(m[1])+" ", name+" ")
			}
		}
	}
	return strings.NewReplacer(pairs...)
}

// gofpdfName returns the name gofpdf gives the font of face fc.
func gofpdfName(fc face) string {
	return "utf8" + strings.ToLower(faceFonts[fc].family) + strings.ToUpper(faceFonts[fc].style)
}

// gofpdfFont returns the number of the Type0 font object gofpdf wrote for face fc.
func gofpdfFont(f *pdfFile, fc face) (int, error) {
	for _, n := range f.numbers() {
		if bytes.Contains(f.objects[n].value, []byte("/Subtype /Type0\n/BaseFont /"+gofpdfName(fc)+"\n")) {
			return n, nil
		}
	}
	return 0, fmt.Errorf("render: gofpdf wrote no font %s; has gofpdf changed?", gofpdfName(fc))
}

// embedFont replaces gofpdf's objects of face fc, whose Type0 font object is
// type0. The first font's ToUnicode object becomes the CMap of all, whose
// number it sets in *toUnicode. With codes nil the font stays a Type0 font of
// two-byte codes, the characters themselves; otherwise its object becomes a
// symbolic simple TrueType font (ISO 32000-1, 9.6.3) of the one-byte codes,
// without the CIDFont, CIDToGIDMap and CIDSystemInfo objects.
func (w *pdfWriter) embedFont(f *pdfFile, fc face, type0 int, toUnicode *int, codes map[rune]byte) error {
	ff := w.th.faces[fc]
	cidFont := 0
	if m := regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`).FindSubmatch(f.objects[type0].value); m != nil {
		cidFont, _ = strconv.Atoi(string(m[1]))
	}
	oldCMap, info := f.ref(type0, "ToUnicode"), f.ref(cidFont, "CIDSystemInfo")
	desc := f.ref(cidFont, "FontDescriptor")
	cidToGID, file := f.ref(cidFont, "CIDToGIDMap"), f.ref(desc, "FontFile2")
	for _, n := range []int{cidFont, oldCMap, info, desc, cidToGID, file} {
		if n == 0 || f.objects[n] == nil {
			return fmt.Errorf("render: the objects of font %s from gofpdf are not as expected; has gofpdf changed?", gofpdfName(fc))
		}
	}
	if string(f.objects[oldCMap].stream) != gofpdfToUnicode {
		return fmt.Errorf("render: the ToUnicode CMap of font %s from gofpdf is not as expected; has gofpdf changed?", gofpdfName(fc))
	}

	runes := make([]rune, 0, len(w.used[fc]))
	for r := range w.used[fc] {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	sub := ff.subset(runes, codes)
	name := subsetTag(ff.psName, runes) + "+" + pdfName(ff.psName)

	if *toUnicode == 0 {
		*toUnicode = oldCMap
		cmap := w.toUnicode()
		if codes != nil {
			cmap = simpleToUnicode(codes)
		}
		f.objects[oldCMap] = &pdfObject{value: []byte("<</Filter /FlateDecode /Length 0>>"), stream: deflate(cmap), isStream: true}
	} else {
		delete(f.objects, oldCMap)
	}
	delete(f.objects, info)
	d := f.objects[desc]
	old := []byte("/FontName /" + gofpdfName(fc) + "\n")
	if !bytes.Contains(d.value, old) {
		return fmt.Errorf("render: the descriptor of font %s from gofpdf has no /FontName", gofpdfName(fc))
	}
	d.value = bytes.Replace(d.value, old, []byte("/FontName /"+name+"\n"), 1)
	f.objects[file] = &pdfObject{value: fmt.Appendf(nil, "<</Filter /FlateDecode /Length 0 /Length1 %d>>", len(sub.ttf)), stream: deflate(sub.ttf), isStream: true}

	if codes != nil {
		delete(f.objects, cidFont)
		delete(f.objects, cidToGID)
		first, last := 255, 1
		for _, r := range runes {
			if c := int(codes[r]); c != 0 {
				first, last = min(first, c), max(last, c)
			}
		}
		widths := make([]string, last-first+1)
		for i := range widths {
			widths[i] = "0"
		}
		for _, r := range runes {
			if c := int(codes[r]); c != 0 {
				widths[c-first] = strconv.Itoa(ff.width(ff.cmap[r]))
			}
		}
		f.objects[type0].value = fmt.Appendf(nil, "<</Type /Font\n/Subtype /TrueType\n/BaseFont /%s\n/FirstChar %d\n/LastChar %d\n/Widths [%s]\n/FontDescriptor %d 0 R\n/ToUnicode %d 0 R>>",
			name, first, last, strings.Join(widths, " "), desc, *toUnicode)
		return nil
	}
	f.objects[type0].value = fmt.Appendf(nil, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>",
		name, cidFont, *toUnicode)
	dw := ff.commonWidth(runes)
	f.objects[cidFont].value = fmt.Appendf(nil, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\n/FontDescriptor %d 0 R\n/DW %d\n/W [%s]\n/CIDToGIDMap %d 0 R>>",
		name, desc, dw, ff.widthArray(runes, dw), cidToGID)
	cidMap := make([]byte, 2*(int(slices.Max(append(runes, 0)))+1))
	for r, g := range sub.gids {
		cidMap[2*r], cidMap[2*r+1] = byte(g>>8), byte(g)
	}
	f.objects[cidToGID] = &pdfObject{value: []byte("<</Filter /FlateDecode /Length 0>>"), stream: deflate(cidMap), isStream: true}
	return nil
}

// commonWidth returns the width most of runes have (the narrower of two as
// common), which the font's /DW gives them all, so that /W lists only the others.
func (f *fontFile) commonWidth(runes []rune) int {
	count := map[int]int{}
	best := f.width(0)
	for _, r := range runes {
		w := f.width(f.cmap[r])
		count[w]++
		if count[w] > count[best] || count[w] == count[best] && w < best {
			best = w
		}
	}
	return best
}

// widthArray returns the /W entries of the characters runes, sorted, whose
// width is not dw: each run of consecutive codes as its first code and the
// array of their widths.
func (f *fontFile) widthArray(runes []rune, dw int) string {
	var b strings.Builder
	prev := rune(-2)
	for _, r := range runes {
		w := f.width(f.cmap[r])
		if w == dw {
			continue
		}
		switch {
		case prev < 0:
			fmt.Fprintf(&b, "%d [", r)
		case prev != r-1:
			fmt.Fprintf(&b, "] %d [", r)
		default:
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(w))
		prev = r
	}
	if prev >= 0 {
		b.WriteByte(']')
	}
	return b.String()
}

// subsetTag returns the six capital letters that tag the subset of the font
// psName with the characters runes: the same subset always has the same tag,
// and two subsets in one PDF differ.
func subsetTag(psName string, runes []rune) string {
	h := sha256.New()
	h.Write([]byte(psName))
	for _, r := range runes {
		h.Write(utf8Bytes(r))
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// utf8Bytes returns r in UTF-8.
func utf8Bytes(r rune) []byte { return []byte(string(r)) }

// pdfName returns s with only the characters a PDF name may hold unescaped
// and a PostScript name should: letters, digits, "-" and "_".
func pdfName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, s)
}

// deflaters are zlib writers for deflate to reuse: each holds about 1 MB.
var deflaters = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.DefaultCompression) // level 9 would gain 0.1 %
	return zw
}}

// deflate returns data compressed for a /FlateDecode stream.
func deflate(data []byte) []byte {
	var z bytes.Buffer
	zw := deflaters.Get().(*zlib.Writer)
	zw.Reset(&z)
	zw.Write(data)
	zw.Close()
	deflaters.Put(zw)
	return z.Bytes()
}
