package render

import (
	"bytes"
	"encoding/binary"
	"slices"
	"sort"
)

// fontSubset is a TrueType font cut down to the glyphs one PDF draws.
type fontSubset struct {
	ttf  []byte
	gids map[rune]uint16 // glyph of each character in ttf
	// old are the glyphs of the full font in the order of ttf: old[0] is .notdef.
	old []uint16
}

// keptNames are the name records an embedded subset keeps: the copyright
// (0). The SIL Open Font Licence asks each copy of a font to carry its
// copyright and licence, and its FAQ (1.10) makes one exception, a font
// embedded in a document, which may travel without the licence text: the
// licence (13) and its address (14) are left out, and so are the family,
// style and PostScript names (1, 2, 6), which the PDF's font dictionary gives.
var keptNames = []uint16{0}

// subset returns the font cut down to .notdef, the glyphs of runes and the
// glyphs those are made of, for embedding in a PDF. It keeps the tables that
// drawing and the character map need, and the copyright (see keptNames).
// Hinting (cvt, fpgm, prep, gasp, hdmx and the glyphs' instructions), kerning
// and layout tables (kern, GPOS, GSUB, GDEF), which a PDF does not use, the
// signature of the whole font (DSIG), which would no longer hold, and the
// OS/2 metrics and classification, which ISO 32000-1 (9.9) does not ask of an
// embedded TrueType font and the font descriptor gives, are left out.
//
// With codes nil the subset is for a CIDFont: its glyphs follow the order of
// the characters and a Windows Unicode cmap maps them. Otherwise it is for a
// symbolic simple font whose character codes are codes: glyph n is the glyph
// of code n (an empty one for a code of a character the font does not draw),
// and the cmap is one Windows Symbol subtable mapping 0xF000 + n to glyph n,
// as ISO 32000-1, 9.6.6.4, reads a symbolic TrueType font.
func (f *fontFile) subset(runes []rune, codes map[rune]byte) *fontSubset {
	return f.cut(runes, codes, false)
}

// noGlyph stands in the old glyphs of a subset for an empty glyph.
const noGlyph = 0xFFFF

// cut returns the subset of runes; forGofpdf keeps the OS/2 table and the
// names gofpdf reads when it parses the font (see fontFile.stub).
func (f *fontFile) cut(runes []rune, codes map[rune]byte, forGofpdf bool) *fontSubset {
	s := &fontSubset{gids: map[rune]uint16{}, old: []uint16{0}}
	index := map[uint16]uint16{0: 0} // glyph of f → glyph of s
	add := func(g uint16) uint16 {
		if n, ok := index[g]; ok {
			return n
		}
		n := uint16(len(s.old))
		index[g] = n
		s.old = append(s.old, g)
		return n
	}
	runes = slices.Clone(runes)
	slices.Sort(runes)
	symbols := map[rune]uint16{} // the cmap of a simple font
	if codes != nil {
		for _, r := range runes {
			if g, ok := f.cmap[r]; ok && codes[r] != 0 {
				for len(s.old) <= int(codes[r]) {
					s.old = append(s.old, noGlyph)
				}
				s.old[codes[r]] = g
				if _, ok := index[g]; !ok {
					index[g] = uint16(codes[r])
				}
				s.gids[r] = uint16(codes[r])
			}
		}
		for n := 1; n < len(s.old); n++ {
			symbols[0xF000+rune(n)] = uint16(n)
		}
	} else {
		for _, r := range runes {
			if g, ok := f.cmap[r]; ok {
				s.gids[r] = add(g)
			}
		}
	}
	// Composite glyphs draw other glyphs, which join the subset (and may be
	// composite themselves: the loop runs on as s.old grows).
	for i := 0; i < len(s.old) && len(s.old) < 0xFFFF; i++ {
		for _, c := range f.components(s.old[i]) {
			add(c)
		}
	}

	glyf, loca, long := f.subsetGlyphs(s.old, index, !forGofpdf)
	tables := map[string][]byte{
		"glyf": glyf,
		"loca": loca,
		"hmtx": f.subsetMetrics(s.old),
		"cmap": cmapTable(s.gids, 1),
		"name": f.subsetNames(forGofpdf),
		"post": f.postTable(),
	}
	if codes != nil {
		tables["cmap"] = cmapTable(symbols, 0)
	}
	tags := []string{"head", "hhea", "maxp"}
	if forGofpdf {
		tags = append(tags, "OS/2")
	}
	for _, tag := range tags {
		if t := f.tables[tag]; t != nil {
			tables[tag] = bytes.Clone(t)
		}
	}
	be := binary.BigEndian
	be.PutUint32(tables["head"][8:], 0) // checkSumAdjustment, set below
	be.PutUint16(tables["head"][50:], map[bool]uint16{false: 0, true: 1}[long])
	be.PutUint16(tables["hhea"][34:], uint16(len(s.old)))
	maxp := tables["maxp"]
	be.PutUint16(maxp[4:], uint16(len(s.old)))
	if len(maxp) >= 32 { // version 1.0: no instructions are left to run
		for _, at := range []int{18, 20, 22, 24, 26} { // storage, functions, instruction defs, stack, instructions
			be.PutUint16(maxp[at:], 0)
		}
	}
	s.ttf = writeFont(tables)
	be.PutUint32(s.ttf[s.headOffset():][8:], 0xB1B0AFBA-checksum(s.ttf))
	return s
}

// headOffset returns where the head table starts in the subset.
func (s *fontSubset) headOffset() int {
	for i := range int(u16(s.ttf, 4)) {
		rec := s.ttf[12+16*i:]
		if string(rec[:4]) == "head" {
			return int(u32(rec, 8))
		}
	}
	return 0
}

// glyph returns the outline data of glyph g, or nil for an empty glyph.
func (f *fontFile) glyph(g uint16) []byte {
	if int(g) >= f.glyphs {
		return nil
	}
	return f.tables["glyf"][f.loca[g]:f.loca[g+1]]
}

// Flags of the components of a composite glyph.
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	have2x2        = 0x0080
	haveInstr      = 0x0100
)

// compositeParts calls part with the offset of the flags of each component of
// the composite glyph data, and returns where the components end, or -1 when
// the glyph is cut short.
func compositeParts(data []byte, part func(at int)) int {
	at := 10
	for {
		if at+4 > len(data) {
			return -1
		}
		flags := u16(data, at)
		part(at)
		at += 4 + 2
		if flags&argsAreWords != 0 {
			at += 2
		}
		switch {
		case flags&haveScale != 0:
			at += 2
		case flags&haveXYScale != 0:
			at += 4
		case flags&have2x2 != 0:
			at += 8
		}
		if flags&moreComponents == 0 {
			if at > len(data) {
				return -1
			}
			return at
		}
	}
}

// components returns the glyphs a composite glyph is made of.
func (f *fontFile) components(g uint16) []uint16 {
	data := f.glyph(g)
	if len(data) < 10 || int16(u16(data, 0)) >= 0 {
		return nil
	}
	var out []uint16
	compositeParts(data, func(at int) {
		if c := u16(data, at+2); int(c) < f.glyphs {
			out = append(out, c)
		}
	})
	return out
}

// subsetGlyphs returns the glyf and loca tables of the glyphs old, without
// their hinting instructions, composite glyphs pointing at their parts' new
// numbers, and whether loca is of the long format. With emptyNotdef glyph 0,
// .notdef, has no outline: every character the PDF shows has a glyph of its
// own, so a viewer never draws it (fontTools' pyftsubset drops it too).
func (f *fontFile) subsetGlyphs(old []uint16, index map[uint16]uint16, emptyNotdef bool) (glyf, loca []byte, long bool) {
	offsets := make([]int, 0, len(old)+1)
	for i, g := range old {
		offsets = append(offsets, len(glyf))
		if i == 0 && emptyNotdef {
			continue
		}
		glyf = append(glyf, stripGlyph(f.glyph(g), index)...)
		if len(glyf)%2 != 0 { // the short format counts in words
			glyf = append(glyf, 0)
		}
	}
	offsets = append(offsets, len(glyf))
	long = len(glyf) > 2*0xFFFF
	for _, off := range offsets {
		if long {
			loca = binary.BigEndian.AppendUint32(loca, uint32(off))
		} else {
			loca = binary.BigEndian.AppendUint16(loca, uint16(off/2))
		}
	}
	return glyf, loca, long
}

// stripGlyph returns a copy of glyph data without its instructions and the
// padding after it, with the parts of a composite glyph renumbered by index. A
// glyph it cannot make sense of is copied as it is.
func stripGlyph(data []byte, index map[uint16]uint16) []byte {
	if len(data) < 10 {
		return nil // an empty glyph, such as the space
	}
	contours := int(int16(u16(data, 0)))
	if contours >= 0 {
		at := 10 + 2*contours // after the end points of the contours
		if contours == 0 || at+2 > len(data) || at+2+int(u16(data, at)) > len(data) {
			return bytes.Clone(data)
		}
		points := int(u16(data, at-2)) + 1
		rest := data[at+2+int(u16(data, at)):]
		n := outlineLength(rest, points)
		if n < 0 {
			return bytes.Clone(data)
		}
		out := append(bytes.Clone(data[:at]), 0, 0)
		return append(out, rest[:n]...)
	}
	out := bytes.Clone(data)
	end := compositeParts(out, func(at int) {
		binary.BigEndian.PutUint16(out[at:], u16(out, at)&^haveInstr)
		binary.BigEndian.PutUint16(out[at+2:], index[u16(out, at+2)])
	})
	if end < 0 {
		return bytes.Clone(data)
	}
	return out[:end]
}

// Flags of the points of a simple glyph.
const (
	xShort  = 0x02
	yShort  = 0x04
	repeat  = 0x08
	xSameOr = 0x10 // with xShort, the sign; without, x is the same as before
	ySameOr = 0x20
)

// outlineLength returns the length of the flags and coordinates of a simple
// glyph of n points at the start of b, or -1 when b is shorter.
func outlineLength(b []byte, n int) int {
	at, xs, ys := 0, 0, 0
	for p := 0; p < n; {
		if at >= len(b) {
			return -1
		}
		flags := b[at]
		at++
		count := 1
		if flags&repeat != 0 {
			if at >= len(b) {
				return -1
			}
			count += int(b[at])
			at++
		}
		size := func(short, same byte) int {
			switch {
			case flags&short != 0:
				return 1
			case flags&same != 0:
				return 0
			}
			return 2
		}
		xs += count * size(xShort, xSameOr)
		ys += count * size(yShort, ySameOr)
		p += count
	}
	if at+xs+ys > len(b) {
		return -1
	}
	return at + xs + ys
}

// subsetMetrics returns the hmtx table of the glyphs old: an advance width and
// left side bearing each.
func (f *fontFile) subsetMetrics(old []uint16) []byte {
	hmtx := f.tables["hmtx"]
	long := int(u16(f.tables["hhea"], 34))
	out := make([]byte, 0, 4*len(old))
	for _, g := range old {
		if int(g) >= f.glyphs {
			out = append(out, 0, 0, 0, 0) // an empty glyph (noGlyph)
			continue
		}
		lsb := uint16(0)
		switch at := 4*long + 2*(int(g)-long); {
		case int(g) < long:
			lsb = u16(hmtx, 4*int(g)+2)
		case at+2 <= len(hmtx):
			lsb = u16(hmtx, at)
		}
		out = binary.BigEndian.AppendUint16(out, f.widths[g])
		out = binary.BigEndian.AppendUint16(out, lsb)
	}
	return out
}

// cmapTable returns a cmap of one Windows subtable of format 4, of encoding
// 1 (Unicode) or 0 (Symbol), that maps each character to its glyph,
// consecutive characters of consecutive glyphs sharing a segment.
func cmapTable(gids map[rune]uint16, encoding byte) []byte {
	runes := make([]rune, 0, len(gids))
	for r := range gids {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	type segment struct{ start, end, delta uint16 }
	var segs []segment
	for _, r := range runes {
		delta := gids[r] - uint16(r)
		if n := len(segs); n > 0 && segs[n-1].end == uint16(r)-1 && segs[n-1].delta == delta {
			segs[n-1].end = uint16(r)
			continue
		}
		segs = append(segs, segment{uint16(r), uint16(r), delta})
	}
	segs = append(segs, segment{0xFFFF, 0xFFFF, 1}) // the end mark, mapping to .notdef
	n := len(segs)
	search := 1
	for search*2 <= n {
		search *= 2
	}
	be := binary.BigEndian
	sub := be.AppendUint16(nil, 4)
	sub = be.AppendUint16(sub, uint16(16+8*n))
	sub = be.AppendUint16(sub, 0) // language
	sub = be.AppendUint16(sub, uint16(2*n))
	sub = be.AppendUint16(sub, uint16(2*search))
	sub = be.AppendUint16(sub, uint16(bitLen(search)-1))
	sub = be.AppendUint16(sub, uint16(2*n-2*search))
	for _, s := range segs {
		sub = be.AppendUint16(sub, s.end)
	}
	sub = be.AppendUint16(sub, 0) // reserved
	for _, s := range segs {
		sub = be.AppendUint16(sub, s.start)
	}
	for _, s := range segs {
		sub = be.AppendUint16(sub, s.delta)
	}
	for range segs {
		sub = be.AppendUint16(sub, 0) // idRangeOffset
	}
	head := []byte{0, 0, 0, 1, 0, 3, 0, encoding, 0, 0, 0, 12} // version 0, one table: Windows, the encoding, at 12
	return append(head, sub...)
}

// bitLen returns the number of bits of n.
func bitLen(n int) int {
	b := 0
	for ; n > 0; n >>= 1 {
		b++
	}
	return b
}

// subsetNames returns a name table of the Windows Unicode records of
// keptNames, or of all of them for gofpdf.
func (f *fontFile) subsetNames(all bool) []byte {
	t := f.tables["name"]
	type record struct {
		lang, id uint16
		text     []byte
	}
	var recs []record
	if len(t) >= 6 {
		count, strings := int(u16(t, 2)), int(u16(t, 4))
		for i := range count {
			if len(t) < 6+12*i+12 {
				break
			}
			r := t[6+12*i:]
			length, off := int(u16(r, 8)), strings+int(u16(r, 10))
			if u16(r, 0) == 3 && u16(r, 2) == 1 && (all || slices.Contains(keptNames, u16(r, 6))) && off+length <= len(t) {
				recs = append(recs, record{u16(r, 4), u16(r, 6), t[off : off+length]})
			}
		}
	}
	sort.SliceStable(recs, func(i, j int) bool {
		if recs[i].lang != recs[j].lang {
			return recs[i].lang < recs[j].lang
		}
		return recs[i].id < recs[j].id
	})
	be := binary.BigEndian
	out := be.AppendUint16(nil, 0)
	out = be.AppendUint16(out, uint16(len(recs)))
	out = be.AppendUint16(out, uint16(6+12*len(recs)))
	var text []byte
	for _, r := range recs {
		for _, v := range []uint16{3, 1, r.lang, r.id, uint16(len(r.text)), uint16(len(text))} {
			out = be.AppendUint16(out, v)
		}
		text = append(text, r.text...)
	}
	return append(out, text...)
}

// postTable returns a post table of format 3: the font's italic angle,
// underline and pitch, without glyph names.
func (f *fontFile) postTable() []byte {
	out := make([]byte, 32)
	if post := f.tables["post"]; len(post) >= 16 {
		copy(out, post[:16])
	}
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// writeFont returns a TrueType file of the tables, in tag order, each
// starting on four bytes.
func writeFont(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	n := len(tags)
	search := 1
	for search*2 <= n {
		search *= 2
	}
	be := binary.BigEndian
	out := be.AppendUint32(nil, 0x00010000)
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(16*search))
	out = be.AppendUint16(out, uint16(bitLen(search)-1))
	out = be.AppendUint16(out, uint16(16*n-16*search))
	off := 12 + 16*n
	for _, tag := range tags {
		t := tables[tag]
		out = append(out, tag...)
		out = be.AppendUint32(out, checksum(t))
		out = be.AppendUint32(out, uint32(off))
		out = be.AppendUint32(out, uint32(len(t)))
		off += (len(t) + 3) &^ 3
	}
	for _, tag := range tags {
		out = append(out, tables[tag]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out
}

// checksum is the TrueType checksum: the sum of the data as big-endian
// 32-bit numbers, the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
