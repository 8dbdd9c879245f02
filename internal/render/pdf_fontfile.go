package render

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"unicode/utf16"
)

// fontFile is a TrueType font parsed once: its tables, its character map and
// the advance width of every glyph. It is never changed after parsedFont made
// it, so every edition of a build shares it, from any goroutine.
type fontFile struct {
	ttf      []byte
	tables   map[string][]byte // by tag, each a slice of ttf
	fullName string            // name ID 4, "Liberation Sans Bold", for messages
	psName   string            // name ID 6, "LiberationSans-Bold", for the PDF's BaseFont
	upm      int               // units per em
	glyphs   int               // number of glyphs
	cmap     map[rune]uint16   // glyph of each character of the Basic Multilingual Plane
	widths   []uint16          // advance width of each glyph, in font units
	loca     []uint32          // offsets of the glyphs in glyf, glyphs+1 of them

	stubOnce sync.Once
	stubTTF  []byte
}

// stub returns the font cut down to .notdef: what gofpdf is given to parse
// for each PDF, instead of the whole font, since embedFonts replaces what
// gofpdf makes of it.
func (f *fontFile) stub() []byte {
	f.stubOnce.Do(func() { f.stubTTF = f.cut(nil, nil, true).ttf })
	return f.stubTTF
}

// underline returns the position (negative: below the baseline) and the
// thickness of the font's underline, in ems.
func (f *fontFile) underline() (pos, thick float64) {
	pos, thick = -0.1, 0.05
	if post := f.tables["post"]; len(post) >= 12 {
		if p, t := int16(u16(post, 8)), int16(u16(post, 10)); t > 0 {
			pos, thick = float64(p)/float64(f.upm), float64(t)/float64(f.upm)
		}
	}
	return pos, thick
}

// fontCache holds every font parsed in this process by the SHA-256 of its
// bytes, so that a build reads each font file once whatever the number of
// editions. A process reads only the fonts of its styles, a handful.
var fontCache = struct {
	sync.Mutex
	m map[[sha256.Size]byte]*fontCacheEntry
}{m: map[[sha256.Size]byte]*fontCacheEntry{}}

// fontCacheEntry is one font of fontCache, parsed by the first that asks for it.
type fontCacheEntry struct {
	once sync.Once
	font *fontFile
	err  error
}

// parsedFont returns the font of the TrueType file data, parsing it only the
// first time the process meets these bytes.
func parsedFont(data []byte) (*fontFile, error) {
	key := sha256.Sum256(data)
	fontCache.Lock()
	e := fontCache.m[key]
	if e == nil {
		e = &fontCacheEntry{}
		fontCache.m[key] = e
	}
	fontCache.Unlock()
	e.once.Do(func() { e.font, e.err = parseFont(data) })
	return e.font, e.err
}

// errDamaged is the error of a font whose tables do not hold together.
var errDamaged = errors.New("a table is cut short or points outside the file")

// errOverlap is the error of a character map whose ranges overlap.
var errOverlap = errors.New("its ranges overlap")

// maxCmapWork bounds the characters a character map may map: twice the Basic
// Multilingual Plane leaves room for a map and its own 0xFFFF end marks.
const maxCmapWork = 2 << 16

// parseFont reads the tables of a TrueType font that the PDF writer needs.
func parseFont(data []byte) (*fontFile, error) {
	f := &fontFile{ttf: data, tables: map[string][]byte{}}
	if len(data) < 12 {
		return nil, errDamaged
	}
	n := int(u16(data, 4))
	if len(data) < 12+16*n {
		return nil, errDamaged
	}
	for i := range n {
		rec := data[12+16*i:]
		off, size := uint64(u32(rec, 8)), uint64(u32(rec, 12))
		if off+size > uint64(len(data)) {
			return nil, fmt.Errorf("table %q: %v", rec[:4], errDamaged)
		}
		f.tables[string(rec[:4])] = data[off : off+size]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "cmap", "loca", "glyf"} {
		if f.tables[tag] == nil {
			return nil, fmt.Errorf("it has no %q table; only TrueType fonts with glyph outlines can be embedded", tag)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errDamaged
	}
	f.upm = int(u16(head, 18))
	if f.upm < 16 || f.upm > 16384 {
		return nil, fmt.Errorf("its units per em, %d, are out of range", f.upm)
	}
	f.glyphs = int(u16(maxp, 4))
	if err := f.parseMetrics(int(u16(hhea, 34))); err != nil {
		return nil, err
	}
	if err := f.parseLoca(u16(head, 50) == 1); err != nil {
		return nil, err
	}
	if err := f.parseCmap(); err != nil {
		return nil, err
	}
	f.fullName, f.psName = f.name(4), f.name(6)
	if f.psName == "" {
		f.psName = "Font"
	}
	return f, nil
}

// parseMetrics reads the advance width of every glyph from hmtx, which has
// long metrics for the first n glyphs; the others have the width of the last.
func (f *fontFile) parseMetrics(n int) error {
	hmtx := f.tables["hmtx"]
	if n < 1 || n > f.glyphs || len(hmtx) < 4*n {
		return fmt.Errorf("hmtx: %v", errDamaged)
	}
	f.widths = make([]uint16, f.glyphs)
	for g := range f.widths {
		f.widths[g] = u16(hmtx, 4*min(g, n-1))
	}
	return nil
}

// parseLoca reads the offsets of the glyphs in glyf.
func (f *fontFile) parseLoca(long bool) error {
	loca, glyf := f.tables["loca"], f.tables["glyf"]
	f.loca = make([]uint32, f.glyphs+1)
	for g := range f.loca {
		switch {
		case long && len(loca) >= 4*g+4:
			f.loca[g] = u32(loca, 4*g)
		case !long && len(loca) >= 2*g+2:
			f.loca[g] = 2 * uint32(u16(loca, 2*g))
		default:
			return fmt.Errorf("loca: %v", errDamaged)
		}
		if f.loca[g] > uint32(len(glyf)) || g > 0 && f.loca[g] < f.loca[g-1] {
			return fmt.Errorf("loca: %v", errDamaged)
		}
	}
	return nil
}

// parseCmap reads the Unicode character map: a format 4 subtable (Basic
// Multilingual Plane), or a format 12 one, of which the PDF writer uses the
// same plane.
func (f *fontFile) parseCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return fmt.Errorf("cmap: %v", errDamaged)
	}
	var best []byte
	bestRank := 0
	for i := range int(u16(cmap, 2)) {
		if len(cmap) < 4+8*i+8 {
			return fmt.Errorf("cmap: %v", errDamaged)
		}
		platform, encoding, off := u16(cmap, 4+8*i), u16(cmap, 4+8*i+2), u32(cmap, 4+8*i+4)
		if uint64(off)+4 > uint64(len(cmap)) {
			return fmt.Errorf("cmap: %v", errDamaged)
		}
		sub := cmap[off:]
		rank := 0
		switch format := u16(sub, 0); {
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0 && encoding >= 4):
			rank = 2
		case format == 4 && (platform == 3 && encoding == 1 || platform == 0 && encoding <= 3):
			rank = 1
		}
		if rank > bestRank {
			best, bestRank = sub, rank
		}
	}
	f.cmap = map[rune]uint16{}
	switch bestRank {
	case 1:
		return f.parseCmap4(best)
	case 2:
		return f.parseCmap12(best)
	}
	return errors.New("it has no Unicode character map (cmap format 4 or 12)")
}

// parseCmap4 reads a segment mapping to delta values.
func (f *fontFile) parseCmap4(t []byte) error {
	if len(t) < 14 {
		return fmt.Errorf("cmap: %v", errDamaged)
	}
	segs := int(u16(t, 6) / 2)
	if len(t) < 16+8*segs {
		return fmt.Errorf("cmap: %v", errDamaged)
	}
	ends, starts, deltas, ranges := 14, 16+2*segs, 16+4*segs, 16+6*segs
	work := 0 // characters mapped, which segments that overlap could make endless
	for s := range segs {
		end, start := rune(u16(t, ends+2*s)), rune(u16(t, starts+2*s))
		delta, ro := u16(t, deltas+2*s), int(u16(t, ranges+2*s))
		if work += int(max(end-start+1, 0)); work > maxCmapWork {
			return fmt.Errorf("cmap: %v", errOverlap)
		}
		for c := start; c <= end && c != 0xFFFF; c++ {
			g := uint16(c) + delta
			if ro != 0 {
				at := ranges + 2*s + ro + 2*int(c-start)
				if at+2 > len(t) {
					return fmt.Errorf("cmap: %v", errDamaged)
				}
				if g = u16(t, at); g != 0 {
					g += delta
				}
			}
			if g != 0 && int(g) < f.glyphs {
				f.cmap[c] = g
			}
		}
	}
	return nil
}

// parseCmap12 reads segmented coverage, keeping the Basic Multilingual Plane.
func (f *fontFile) parseCmap12(t []byte) error {
	if len(t) < 16 {
		return fmt.Errorf("cmap: %v", errDamaged)
	}
	n := uint64(u32(t, 12))
	if uint64(len(t)) < 16+12*n {
		return fmt.Errorf("cmap: %v", errDamaged)
	}
	work := 0
	for i := range int(n) {
		g := t[16+12*i:]
		start, end, gid := u32(g, 0), min(u32(g, 4), maxPDFRune), u32(g, 8)
		if start <= end {
			if work += int(end - start + 1); work > maxCmapWork {
				return fmt.Errorf("cmap: %v", errOverlap)
			}
		}
		for c := start; c <= end; c++ {
			if id := gid + c - start; id != 0 && id < uint32(f.glyphs) {
				f.cmap[rune(c)] = uint16(id)
			}
		}
	}
	return nil
}

// name returns the Windows Unicode (or else Macintosh Roman) record of name
// ID id, or "".
func (f *fontFile) name(id uint16) string {
	t := f.tables["name"]
	if len(t) < 6 {
		return ""
	}
	count, strings := int(u16(t, 2)), int(u16(t, 4))
	var mac string
	for i := range count {
		if len(t) < 6+12*i+12 {
			return ""
		}
		r := t[6+12*i:]
		platform, encoding, nameID := u16(r, 0), u16(r, 2), u16(r, 6)
		length, off := int(u16(r, 8)), strings+int(u16(r, 10))
		if nameID != id || off+length > len(t) {
			continue
		}
		s := t[off : off+length]
		switch {
		case platform == 3 && (encoding == 1 || encoding == 10):
			units := make([]uint16, len(s)/2)
			for k := range units {
				units[k] = u16(s, 2*k)
			}
			return string(utf16.Decode(units))
		case platform == 1 && encoding == 0 && mac == "":
			mac = string(s) // ASCII in the names that matter here
		}
	}
	return mac
}

// advance returns the width of r at 1 pt, and whether the font can draw it.
func (f *fontFile) advance(r rune) advance {
	g, ok := f.cmap[r]
	if !ok {
		return advance{}
	}
	return advance{width: float64(f.width(g)) / 1000 * ptToMM, ok: true}
}

// width returns the advance of glyph g in thousandths of an em, rounded as
// gofpdf rounds the widths it writes into the PDF, which the layout must match.
func (f *fontFile) width(g uint16) int {
	return int(float64(f.widths[g])*1000/float64(f.upm) + 0.5)
}

// u16 and u32 read big-endian numbers, as TrueType stores them.
func u16(b []byte, at int) uint16 { return binary.BigEndian.Uint16(b[at:]) }
func u32(b []byte, at int) uint32 { return binary.BigEndian.Uint32(b[at:]) }
