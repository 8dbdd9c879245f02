package render

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestPDFFontSubsets reads back the fonts of the PDFs of the test notices in
// English, Greek and Russian, and of one that draws more than 255 characters:
// each is a subset named TAG+PostScriptName (ISO 32000-1, 9.6.4) in the font
// and its descriptor, with a different tag for each font; its font program
// parses with an independent reader (sfnt) and has a glyph of the width the
// PDF gives for every character of the text set in it; hinting and layout
// tables, OS/2, the licence text (OFL FAQ 1.10) and the outline of .notdef
// are gone, and the copyright is kept. The fonts are simple TrueType fonts of one-byte codes,
// or Type0 fonts of two-byte codes for the PDF of more than 255 characters.
func TestPDFFontSubsets(t *testing.T) {
	var many strings.Builder
	for _, block := range [][2]rune{{'A', 'Z'}, {'a', 'z'}, {'0', '9'}, {0xC0, 0xFF}, {0x100, 0x17F}, {0x391, 0x3A9}, {0x3B1, 0x3C9}, {0x410, 0x44F}} {
		for r := block[0]; r <= block[1]; r++ {
			if r != 0x3A2 && r != 0xD7 && r != 0xF7 {
				many.WriteRune(r)
				many.WriteByte(' ')
			}
		}
	}
	for _, c := range []struct {
		file, text string
		simple     bool
	}{
		{"notice.md", "", true},
		{"notice.el.md", "", true},
		{"notice.ru.md", "", true},
		{"many characters", "# Many\n\n" + many.String() + "\n", false},
	} {
		t.Run(c.file, func(t *testing.T) {
			src := []byte(c.text)
			if c.text == "" {
				var err error
				if src, err = os.ReadFile(filepath.Join("testdata", c.file)); err != nil {
					t.Fatal(err)
				}
			}
			b, err := PDF(Parse(src), testMeta("en", "Notice", "Page %d of %d"), nil)
			if err != nil {
				t.Fatal(err)
			}
			r, pages := readPDF(t, b)
			text := strings.Join(pages, "")
			fonts := r.Page(1).Resources().Key("Font")
			tags := map[string]bool{}
			for _, key := range fonts.Keys() {
				f := fonts.Key(key)
				if simple := f.Key("Subtype").Name() == "TrueType"; simple != c.simple {
					t.Errorf("font %s is a %s font", key, f.Key("Subtype").Name())
				}
				checkSubset(t, f, text, tags)
			}
			if len(tags) < 2 {
				t.Errorf("page 1 uses %d fonts, want the regular and bold ones at least", len(tags))
			}
		})
	}
}

// subsetName is the name of a font subset: a tag of six capitals, "+", the name.
var subsetName = regexp.MustCompile(`^([A-Z]{6})\+(LiberationSans(-Bold|-Italic|-BoldItalic)?|LiberationMono(-Bold)?)$`)

// checkSubset checks one font of a PDF, a simple TrueType or a Type0 font.
func checkSubset(t *testing.T, f pdf.Value, text string, tags map[string]bool) {
	t.Helper()
	base := f.Key("BaseFont").Name()
	m := subsetName.FindStringSubmatch(base)
	if m == nil {
		t.Errorf("font %q is not named TAG+LiberationSans…", base)
		return
	}
	if tags[m[1]] {
		t.Errorf("tag %s is used twice", m[1])
	}
	tags[m[1]] = true
	simple := f.Key("Subtype").Name() == "TrueType"
	desc, width := f.Key("FontDescriptor"), func(c int) (int, bool) { // the width of code c
		first := int(f.Key("FirstChar").Int64())
		if c < first || c > int(f.Key("LastChar").Int64()) {
			return 0, false
		}
		return int(f.Key("Widths").Index(c - first).Int64()), true
	}
	codes := simpleCodes(t, f)
	if !simple {
		cid := f.Key("DescendantFonts").Index(0)
		desc = cid.Key("FontDescriptor")
		if cid.Key("BaseFont").Name() != base {
			t.Errorf("%s: the CIDFont is %q", base, cid.Key("BaseFont").Name())
		}
		widths := pdfWidths(cid)
		width = func(c int) (int, bool) {
			w, ok := widths[c]
			if !ok {
				w = int(cid.Key("DW").Int64())
			}
			return w, true
		}
		codes = nil
	} else if f.Key("Encoding").Kind() != pdf.Null || desc.Key("Flags").Int64()&(4|32) != 4 {
		t.Errorf("%s: a symbolic TrueType font has no /Encoding (PDF/A-2, 6.2.11.6), and flag 3, not 6: %v, %v", base, f.Key("Encoding"), desc.Key("Flags"))
	}
	if desc.Key("FontName").Name() != base {
		t.Errorf("%s: the descriptor is %q", base, desc.Key("FontName").Name())
	}
	data, err := io.ReadAll(desc.Key("FontFile2").Reader())
	if err != nil {
		t.Fatalf("%s: reading the font program: %v", base, err)
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("%s: the font program does not parse: %v", base, err)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt ", "gasp", "hdmx", "GPOS", "GSUB", "GDEF", "kern", "DSIG", "OS/2"} {
		if bytes.Contains(data[:12+16*int(u16(data, 4))], []byte(tag)) {
			t.Errorf("%s: the subset keeps the table %q", base, tag)
		}
	}
	var buf sfnt.Buffer
	if s, err := sf.Name(&buf, sfnt.NameIDCopyright); err != nil || !strings.Contains(s, "Copyright") {
		t.Errorf("%s: the subset lacks its copyright: %q, %v", base, s, err)
	}
	if s, err := sf.Name(&buf, sfnt.NameIDLicense); err == nil {
		t.Errorf("%s: the subset carries the licence text %q", base, s)
	}
	if segs, err := sf.LoadGlyph(&buf, 0, fixed.I(1000), nil); err != nil || len(segs) != 0 {
		t.Errorf("%s: .notdef has an outline of %d segments (%v), which nothing draws", base, len(segs), err)
	}
	if sf.NumGlyphs() > 500 {
		t.Errorf("%s: the subset has %d glyphs", base, sf.NumGlyphs())
	}
	mapped := 0
	for _, c := range text {
		code, key := int(c), c // a Type0 font's codes are the characters, its cmap Unicode
		if simple {
			code = codes[c]
			key = 0xF000 + rune(code) // a symbolic font's Windows Symbol cmap
		}
		want, ok := width(code)
		gi, err := sf.GlyphIndex(&buf, key)
		if !ok || want == 0 || err != nil || gi == 0 {
			continue // set in another font
		}
		mapped++
		adv, err := sf.GlyphAdvance(&buf, gi, fixed.I(int(sf.UnitsPerEm())), font.HintingNone)
		if err != nil {
			t.Fatalf("%s: advance of %q: %v", base, c, err)
		}
		if got := int(float64(adv)/64*1000/float64(sf.UnitsPerEm()) + 0.5); got != want {
			t.Errorf("%s: %q is %d wide in the PDF, %d in the font", base, c, want, got)
		}
	}
	if mapped == 0 {
		t.Errorf("%s: no character of the text has a glyph in it", base)
	}
}

// bfrange is an entry of a ToUnicode CMap of one-byte codes.
var bfrange = regexp.MustCompile(`<([0-9A-F]{2})> <([0-9A-F]{2})> <([0-9A-F]{4})>`)

// simpleCodes reads the ToUnicode CMap of a font: the code of each character.
func simpleCodes(t *testing.T, f pdf.Value) map[rune]int {
	t.Helper()
	cmap, err := io.ReadAll(f.Key("ToUnicode").Reader())
	if err != nil {
		t.Fatal(err)
	}
	codes := map[rune]int{}
	for _, m := range bfrange.FindAllSubmatch(cmap, -1) {
		lo, _ := strconv.ParseInt(string(m[1]), 16, 32)
		hi, _ := strconv.ParseInt(string(m[2]), 16, 32)
		r, _ := strconv.ParseInt(string(m[3]), 16, 32)
		for c := lo; c <= hi; c++ {
			codes[rune(r+c-lo)] = int(c)
		}
	}
	return codes
}

// pdfWidths reads the /W array of a CIDFont, in the form "c [w1 w2 …]".
func pdfWidths(cid pdf.Value) map[int]int {
	out := map[int]int{}
	w := cid.Key("W")
	for i := 0; i+1 < w.Len(); i += 2 {
		first, ws := int(w.Index(i).Int64()), w.Index(i+1)
		for k := range ws.Len() {
			out[first+k] = int(ws.Index(k).Int64())
		}
	}
	return out
}

// TestRecodeString re-encodes the strings gofpdf writes, UTF-16 in literal
// or hexadecimal strings, as one-byte codes.
func TestRecodeString(t *testing.T) {
	codes := map[rune]byte{'a': 1, 'b': 2, 'Ω': 3, '(': '(', ')': ')', '\\': '\\', '\r': '\r'}
	for _, c := range []struct{ in, want string }{
		{"(\x00a\x00b)", "(\x01\x02)"},
		{`(\000a\003\251)`, "(\x01\x03)"},
		{"<0061 03A9>", "(\x01\x03)"},
		{"(\x00\\(\x00\\)\x00\\\\\x00\\r)", `(\(\)\\\r)`},
	} {
		got, err := recodeString([]byte(c.in), codes)
		if err != nil || string(got) != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, in := range []string{"(\x00c)", "(\x00)", "<00>", "x"} {
		if got, err := recodeString([]byte(in), codes); err == nil {
			t.Errorf("%q: got %q, want an error", in, got)
		}
	}
}

// TestSimpleToUnicode checks the CMap of the one-byte codes: runs of
// consecutive characters share a range, which does not wrap the last byte.
func TestSimpleToUnicode(t *testing.T) {
	cmap := string(simpleToUnicode(map[rune]byte{'A': 1, 'B': 2, 'D': 3, 0xFF: 4, 0x100: 5}))
	for _, want := range []string{"<00> <FF>\nendcodespacerange", "4 beginbfrange\n<01> <02> <0041>\n<03> <03> <0044>\n<04> <04> <00FF>\n<05> <05> <0100>\nendbfrange"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("CMap lacks %q:\n%s", want, cmap)
		}
	}
}
