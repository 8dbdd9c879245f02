package render

import (
	"bytes"
	"errors"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// TestCompactContent rewrites snippets of the page contents gofpdf writes.
func TestCompactContent(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"a change of font shows nothing and is set before the text it is for",
			"0 J\n0 j\n0.57 w\n0.000 G\n0.000 g\nBT /F2 17.00 Tf ET\nq 0.102 0.310 0.545 rg BT 62.36 751.19 Td (Ab) Tj ET Q",
			"BT\n62.36 751.19 Td\n/F2 17 Tf\n.102 .31 .545 rg\n(Ab) Tj\nET"},
		{"runs of text join one text object, placed relative to the one before",
			"BT /F1 10.00 Tf ET\nq 0.122 0.137 0.157 rg BT 62.36 715.96 Td (a) Tj ET Q\nBT /F2 10.00 Tf ET\nq 0.122 0.137 0.157 rg BT 396.90 715.96 Td (b) Tj ET Q\nq 0.122 0.137 0.157 rg BT 62.36 701.96 Td (c) Tj ET Q",
			"BT\n62.36 715.96 Td\n/F1 10 Tf\n.122 .137 .157 rg\n(a) Tj\n334.54 0 Td\n/F2 10 Tf\n(b) Tj\n-334.54 -14 Td\n(c) Tj\nET"},
		{"marked content stays around its text, inside the one text object",
			"BT /F1 10.00 Tf ET\n/P <</MCID 0>> BDC\nq 0 g BT 10.00 20.00 Td (a) Tj ET Q\nEMC\n/P <</MCID 1>> BDC\nq 0 g BT 10.00 6.00 Td (b) Tj ET Q\nEMC",
			"BT\n/P <</MCID 0>> BDC\n10 20 Td\n/F1 10 Tf\n(a) Tj\nEMC\n/P <</MCID 1>> BDC\n0 -14 Td\n(b) Tj\nEMC\nET"},
		{"a rule ends the text object; its colour and width are set once",
			"BT /F1 10.00 Tf ET\nq 0 g BT 1.00 2.00 Td (a) Tj ET Q\n/Artifact BMC\n0.604 0.655 0.722 RG\n0.71 w\n62.36 595.22 m 538.58 595.22 l S\nEMC\n/Artifact BMC\n0.604 0.655 0.722 RG\n0.71 w\n62.36 496.14 m 538.58 496.14 l S\nEMC",
			"BT\n1 2 Td\n/F1 10 Tf\n(a) Tj\nET\n/Artifact BMC\n.604 .655 .722 RG\n.71 w\n62.36 595.22 m\n538.58 595.22 l\nS\nEMC\n/Artifact BMC\n62.36 496.14 m\n538.58 496.14 l\nS\nEMC"},
		{"a marked-content sequence with a path opens no text object around it",
			"BT /F1 10.00 Tf ET\n/Link <</MCID 3>> BDC\nq 0.1 0.2 0.3 rg BT 5.00 5.00 Td (a) Tj ET 5.00 3.00 10.00 -0.73 re f Q\nEMC",
			"/Link <</MCID 3>> BDC\nBT\n5 5 Td\n/F1 10 Tf\n.1 .2 .3 rg\n(a) Tj\nET\n5 3 10 -.73 re\nf\nEMC"},
		{"after Q the fill colour is the one before q",
			"0.900 g\nq 0.1 0.2 0.3 rg 0 0 1 1 re f Q\n0 0 2 2 re f\n0 0 3 3 re f",
			".1 .2 .3 rg\n0 0 1 1 re\nf\n.9 g\n0 0 2 2 re\nf\n0 0 3 3 re\nf"},
		{"a q that holds an image stays, and what it scopes with it",
			"0.500 G\nq 100.00 0 0 50.00 10.00 20.00 cm /I1 Do Q\n0 0 m 1 1 l S",
			"q\n100.00 0 0 50.00 10.00 20.00 cm\n/I1 Do\nQ\n.5 G\n0 0 m\n1 1 l\nS"},
		{"a dictionary of marked content with strings of both kinds is kept whole",
			"BT /F1 10.00 Tf ET\n/Span <</ActualText <FEFF0041>/Alt (a>>b)>> BDC\nq 0 g BT 1.00 2.00 Td (a) Tj ET Q\nEMC",
			"BT\n/Span <</ActualText <FEFF0041>/Alt (a>>b)>> BDC\n1 2 Td\n/F1 10 Tf\n(a) Tj\nEMC\nET"},
		{"strings with delimiters, escapes and binary bytes are kept whole",
			"BT /F1 10.00 Tf ET\nq 0 g BT 1.00 2.00 Td (\x00a\x00\\)\x00\\(\x00\\\\\x00\r) Tj ET Q\nq 0 g BT 3.00 2.00 Td <00410042> Tj ET Q",
			"BT\n1 2 Td\n/F1 10 Tf\n(\x00a\x00\\)\x00\\(\x00\\\\\x00\r) Tj\n2 0 Td\n<00410042> Tj\nET"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := compactContent([]byte(c.in), nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestCompactContentUnknown gives the rewriter streams it does not
// understand: each is refused with errContent, so that the page keeps
// gofpdf's stream, or the PDF its two-byte codes.
func TestCompactContentUnknown(t *testing.T) {
	for _, in := range []string{
		"BT /F1 10.00 Tf ET\nq 0 g BT 1.00 2.00 Td 0.5 Tw (a) Tj ET Q", // an operator it does not know
		"q 0 g BT 1.00 2.00 Td (a) Tj ET",                              // q without Q
		"BT 1.00 2.00 Td (a) Tj ET",                                    // text before any font
		"/P <</MCID 0>> BDC\nBT /F1 10.00 Tf 1 2 Td (a) Tj ET",         // BDC without EMC
		"BT /F1 10.00 Tf 1 2 Td (a Tj ET",                              // a string cut short
		"BT /F1 10.00 Tf 1.1234567 2 Td (a) Tj ET",                     // a position finer than a millionth
	} {
		if out, err := compactContent([]byte(in), nil); !errors.Is(err, errContent) {
			t.Errorf("%q: got %q, %v; want errContent", in, out, err)
		}
	}
}

// TestCompactContentDrawsTheSame writes the test notices with the page
// contents as gofpdf wrote them and as the content rewriter writes them: the
// words of every page are in the same boxes (pdftotext -bbox), and the pages
// look the same (pdftoppm), but for the edges of glyphs that the viewer's
// rounding of a relative Td can move by a quarter of a pixel.
func TestCompactContentDrawsTheSame(t *testing.T) {
	pdftotext := fsntest.Tool(t, "pdftotext", "poppler-utils")
	pdftoppm := fsntest.Tool(t, "pdftoppm", "poppler-utils")
	for _, file := range []string{"notice.md", "notice.el.md"} {
		t.Run(file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var words [2]string
			var pages [2][]*image.Gray
			for i, asGofpdf := range []bool{true, false} {
				b, err := writePDF(Parse(src), testMeta("en", "Notice", "Page %d of %d"), nil, asGofpdf)
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Join(dir, map[bool]string{true: "gofpdf", false: "compact"}[asGofpdf])
				if err := os.WriteFile(name+".pdf", b, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(pdftotext, "-bbox", "-enc", "UTF-8", name+".pdf", "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				words[i] = strings.Join(wordLine.FindAllString(string(out), -1), "\n")
				if out, err := exec.Command(pdftoppm, "-r", "60", "-gray", "-png", name+".pdf", name).CombinedOutput(); err != nil {
					t.Fatalf("pdftoppm: %v\n%s", err, out)
				}
				pngs, _ := filepath.Glob(name + "-*.png")
				for _, p := range pngs {
					pages[i] = append(pages[i], readGray(t, p))
				}
			}
			if words[0] != words[1] || words[0] == "" {
				t.Errorf("the words moved:\n%s\n\nnow\n\n%s", words[0], words[1])
			}
			if len(pages[0]) != len(pages[1]) || len(pages[0]) == 0 {
				t.Fatalf("%d pages, now %d", len(pages[0]), len(pages[1]))
			}
			for p := range pages[0] {
				a, b := pages[0][p], pages[1][p]
				if a.Rect != b.Rect {
					t.Fatalf("page %d is %v, now %v", p+1, a.Rect, b.Rect)
				}
				differ := 0
				for k := range a.Pix {
					if d := int(a.Pix[k]) - int(b.Pix[k]); d > 8 || d < -8 {
						differ++
					}
				}
				if differ > len(a.Pix)/2000 {
					t.Errorf("page %d: %d of %d pixels differ", p+1, differ, len(a.Pix))
				}
			}
		})
	}
}

// wordLine matches a word of pdftotext -bbox with its box.
var wordLine = regexp.MustCompile(`<word [^>]*>[^<]*</word>`)

// readGray reads a PNG as grey levels.
func readGray(t *testing.T, name string) *image.Gray {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Rect, img, img.Bounds().Min, draw.Src)
	return g
}
