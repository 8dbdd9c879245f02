package render

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
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
// that font tools cannot read; embedFonts replaces its font program, widths,
// CIDToGIDMap and names, keeping its object numbers.
//
// gofpdf's ToUnicode CMap maps all codes with the one range <0000> <FFFF>
// <0000>, which ISO 32000-1, 9.10.3, does not allow (see gofpdfToUnicode): the
// fonts share one CMap of toUnicode instead, and their CIDSystemInfo is written
// in place; the objects gofpdf wrote for each font's are dropped.
//
// gofpdf names each font in the pages' resources by a hash of its definition,
// "/F" and 40 hexadecimal digits, which the page contents repeat at every change
// of font; embedFonts names them /F1 to /F6 by face, writes the page contents
// shorter (see compactContent) and compresses them, which the PDF writer asks
// gofpdf to leave uncompressed.
func (w *pdfWriter) embedFonts(f *pdfFile) error {
	names := map[int]string{} // Type0 object → resource name
	toUnicode := 0            // the object of the one ToUnicode CMap the fonts share
	for fc := range numFaces {
		if !w.registered[fc] {
			continue
		}
		obj, err := w.embedFont(f, face(fc), &toUnicode)
		if err != nil {
			return err
		}
		names[obj] = fmt.Sprintf("/F%d", fc+1)
	}
	pages, err := f.pages()
	if err != nil {
		return err
	}
	rename := fontRenamer(f, names)
	renamed := map[int]bool{}
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
	}
	for _, page := range pages {
		c := f.objects[f.ref(page, "Contents")]
		if c == nil || !c.isStream || bytes.Contains(c.value, []byte("/Filter")) {
			return fmt.Errorf("render: the contents of page object %d from gofpdf are not an uncompressed stream", page)
		}
		compact := []byte(rename.Replace(string(c.stream)))
		if !w.asGofpdf {
			if compact, err = compactContent(compact, nil); err != nil {
				return err
			}
		}
		c.value = []byte("<</Filter /FlateDecode /Length 0>>")
		c.stream = deflate(compact)
	}
	return nil
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

// embedFont replaces gofpdf's objects of face f and returns the number of its
// Type0 font object. The first font's ToUnicode object becomes the CMap of
// all, whose number it sets in *toUnicode.
func (w *pdfWriter) embedFont(f *pdfFile, fc face, toUnicode *int) (int, error) {
	ff := w.th.faces[fc]
	gofpdfName := "utf8" + strings.ToLower(faceFonts[fc].family) + strings.ToUpper(faceFonts[fc].style)
	type0 := 0
	for _, n := range f.numbers() {
		if bytes.Contains(f.objects[n].value, []byte("/Subtype /Type0\n/BaseFont /"+gofpdfName+"\n")) {
			type0 = n
			break
		}
	}
	cidFont := 0
	if m := regexp.MustCompile(`/DescendantFonts \[(\d+) 0 R\]`).FindSubmatch(f.objects[type0].value); type0 != 0 && m != nil {
		cidFont, _ = strconv.Atoi(string(m[1]))
	}
	oldCMap, info := f.ref(type0, "ToUnicode"), f.ref(cidFont, "CIDSystemInfo")
	desc := f.ref(cidFont, "FontDescriptor")
	cidToGID, file := f.ref(cidFont, "CIDToGIDMap"), f.ref(desc, "FontFile2")
	for _, n := range []int{type0, cidFont, oldCMap, info, desc, cidToGID, file} {
		if n == 0 || f.objects[n] == nil {
			return 0, fmt.Errorf("render: the objects of font %s from gofpdf are not as expected; has gofpdf changed?", gofpdfName)
		}
	}
	if string(f.objects[oldCMap].stream) != gofpdfToUnicode {
		return 0, fmt.Errorf("render: the ToUnicode CMap of font %s from gofpdf is not as expected; has gofpdf changed?", gofpdfName)
	}

	runes := make([]rune, 0, len(w.used[fc]))
	for r := range w.used[fc] {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	sub := ff.subset(runes)
	name := subsetTag(ff.psName, runes) + "+" + pdfName(ff.psName)

	if *toUnicode == 0 {
		*toUnicode = oldCMap
		f.objects[oldCMap] = &pdfObject{value: []byte("<</Filter /FlateDecode /Length 0>>"), stream: deflate(w.toUnicode()), isStream: true}
	} else {
		delete(f.objects, oldCMap)
	}
	delete(f.objects, info)
	f.objects[type0].value = fmt.Appendf(nil, "<</Type /Font\n/Subtype /Type0\n/BaseFont /%s\n/Encoding /Identity-H\n/DescendantFonts [%d 0 R]\n/ToUnicode %d 0 R>>",
		name, cidFont, *toUnicode)
	dw := ff.commonWidth(runes)
	f.objects[cidFont].value = fmt.Appendf(nil, "<</Type /Font\n/Subtype /CIDFontType2\n/BaseFont /%s\n/CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>>\n/FontDescriptor %d 0 R\n/DW %d\n/W [%s]\n/CIDToGIDMap %d 0 R>>",
		name, desc, dw, ff.widthArray(runes, dw), cidToGID)
	d := f.objects[desc]
	old := []byte("/FontName /" + gofpdfName + "\n")
	if !bytes.Contains(d.value, old) {
		return 0, fmt.Errorf("render: the descriptor of font %s from gofpdf has no /FontName", gofpdfName)
	}
	d.value = bytes.Replace(d.value, old, []byte("/FontName /"+name+"\n"), 1)

	cidMap := make([]byte, 2*(int(slices.Max(append(runes, 0)))+1))
	for r, g := range sub.gids {
		cidMap[2*r], cidMap[2*r+1] = byte(g>>8), byte(g)
	}
	f.objects[cidToGID] = &pdfObject{value: []byte("<</Filter /FlateDecode /Length 0>>"), stream: deflate(cidMap), isStream: true}
	f.objects[file] = &pdfObject{value: fmt.Appendf(nil, "<</Filter /FlateDecode /Length 0 /Length1 %d>>", len(sub.ttf)), stream: deflate(sub.ttf), isStream: true}
	return type0, nil
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
