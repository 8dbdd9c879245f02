package render

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// TestPDFFontSubsets reads back the fonts of the PDFs of the test notices in
// English, Greek and Russian: each is a subset named TAG+PostScriptName
// (ISO 32000-1, 9.6.4) in the font and its descriptor, with a different tag for
// each font; its font program parses with an independent reader (sfnt) and has
// a glyph of the /W width for every character of the text set in it; hinting
// and layout tables, OS/2 and the licence text are gone (OFL FAQ 1.10), and
// the copyright is kept.
func TestPDFFontSubsets(t *testing.T) {
	for _, file := range []string{"notice.md", "notice.el.md", "notice.ru.md"} {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
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
				checkSubset(t, fonts.Key(key), text, tags)
			}
			if len(tags) < 2 {
				t.Errorf("page 1 uses %d fonts, want the regular and bold ones at least", len(tags))
			}
		})
	}
}

// subsetName is the name of a font subset: a tag of six capitals, "+", the name.
var subsetName = regexp.MustCompile(`^([A-Z]{6})\+(LiberationSans(-Bold|-Italic|-BoldItalic)?|LiberationMono(-Bold)?)$`)

// checkSubset checks one Type0 font of a PDF.
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
	cid := f.Key("DescendantFonts").Index(0)
	desc := cid.Key("FontDescriptor")
	if cid.Key("BaseFont").Name() != base || desc.Key("FontName").Name() != base {
		t.Errorf("%s: the CIDFont is %q and the descriptor %q", base, cid.Key("BaseFont").Name(), desc.Key("FontName").Name())
	}
	data, err := io.ReadAll(desc.Key("FontFile2").Reader())
	if err != nil {
		t.Fatalf("%s: reading the font program: %v", base, err)
	}
	sf, err := sfnt.Parse(data)
	if err != nil {
		t.Fatalf("%s: the font program does not parse: %v", base, err)
	}
	ff, err := parseFont(data)
	if err != nil {
		t.Fatalf("%s: %v", base, err)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt ", "gasp", "hdmx", "GPOS", "GSUB", "GDEF", "kern", "DSIG", "OS/2"} {
		if ff.tables[tag] != nil {
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
	if sf.NumGlyphs() > 200 {
		t.Errorf("%s: the subset has %d glyphs", base, sf.NumGlyphs())
	}
	widths := pdfWidths(cid)
	mapped := 0
	for _, c := range text {
		gi, err := sf.GlyphIndex(&buf, c)
		if err != nil || gi == 0 {
			continue // set in another font
		}
		mapped++
		adv, err := sf.GlyphAdvance(&buf, gi, fixed.I(int(sf.UnitsPerEm())), font.HintingNone)
		if err != nil {
			t.Fatalf("%s: advance of %q: %v", base, c, err)
		}
		want := int(float64(adv)/64*1000/float64(sf.UnitsPerEm()) + 0.5)
		got, ok := widths[int(c)]
		if !ok {
			got = int(cid.Key("DW").Int64())
		}
		if got != want {
			t.Errorf("%s: %q is %d wide in /W, %d in the font", base, c, got, want)
		}
	}
	if mapped == 0 {
		t.Errorf("%s: no character of the text has a glyph in it", base)
	}
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
