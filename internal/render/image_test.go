package render

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/fsn-tool/fsn/internal/notice"
)

// labelFigure is the figure that figureDocument puts after the devices table.
const labelFigure = `![The label of the iQ-X box: the licence number is in the framed field \[right\].](notice.dev.label.png "Where to find the \"licence\" number")`

// testImage reads testdata/label.png, a 360 × 180 PNG with transparent corners.
func testImage(t testing.TB) *ImageFile {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "label.png"))
	if err != nil {
		t.Fatal(err)
	}
	return &ImageFile{Data: data, Format: "png", Width: 360, Height: 180}
}

// figureDocument parses testdata/file with labelFigure after its devices
// table, showing testImage.
func figureDocument(t testing.TB, file string) *Document {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	const before = "## Description of the problem"
	if !bytes.Contains(src, []byte(before)) {
		t.Fatalf("testdata/%s has no %q", file, before)
	}
	src = bytes.Replace(src, []byte(before), []byte(labelFigure+"\n\n"+before), 1)
	doc := Parse(src)
	doc.Images = map[string]*ImageFile{"notice.dev.label.png": testImage(t)}
	return doc
}

// TestMarkdownFigure writes an image of a notice as a figure and reads it
// back: the alternative text and the caption come back as written, whatever
// Markdown they hold.
func TestMarkdownFigure(t *testing.T) {
	n := &notice.Notice{ID: "acme-2026-01"}
	d := notice.Device{ID: "pump"}
	for _, tt := range []struct{ alt, caption, wantAlt, wantCaption string }{
		{"The label", "Where the lot is", "The label", "Where the lot is"},
		{"A *framed* field [right] with `L2408`", "The \"lot\" \\ field & more", "A framed field [right] with L2408", "The \"lot\" \\ field & more"},
		{"1. Not a list", "Line\nbreak", "1. Not a list", "Line break"},
		{"![nested](x.png) &amp; {#id}", "&copy; {#id}", "nested & {#id}", "© {#id}"},
	} {
		img := notice.Image{ID: "label", Format: "png", Alt: &notice.Text{Value: tt.alt}, Caption: &notice.Text{Value: tt.caption}}
		md := markdownFigure(n, d, img)
		doc := Parse([]byte(md + "\n"))
		fig := figureImage(doc.Root.FirstChild())
		if fig == nil || doc.Root.ChildCount() != 1 {
			t.Errorf("%q is not one figure", md)
			continue
		}
		if got := string(fig.Destination); got != "acme-2026-01.pump.label.png" {
			t.Errorf("%q shows %q", md, got)
		}
		if got := altText(fig, doc.Source); got != tt.wantAlt {
			t.Errorf("%q: alternative text %q, want %q", md, got, tt.wantAlt)
		}
		if got := captionText(fig); got != tt.wantCaption {
			t.Errorf("%q: caption %q, want %q", md, got, tt.wantCaption)
		}
	}
	img := notice.Image{ID: "side", Format: "jpeg", Alt: &notice.Text{Value: "The side"}}
	if got, want := markdownFigure(n, d, img), "![The side](acme-2026-01.pump.side.jpg)"; got != want {
		t.Errorf("a figure without caption is %q, want %q", got, want)
	}
}

// TestHTMLFigure checks the HTML of a figure: the image inside the page as a
// data: URI, with its alternative text, size and caption; and that an image
// that is not the notice's, or inside a text, is refused.
func TestHTMLFigure(t *testing.T) {
	f := testImage(t)
	doc := Parse([]byte("Before.\n\n" + labelFigure + "\n"))
	doc.Images = map[string]*ImageFile{"notice.dev.label.png": f}
	body, err := doc.HTML(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>Before.</p>\n<figure>\n<img src=\"data:image/png;base64," + b64(f.Data) +
		"\" alt=\"The label of the iQ-X box: the licence number is in the framed field [right].\" width=\"360\" height=\"180\">\n" +
		"<figcaption>Where to find the &#34;licence&#34; number</figcaption>\n</figure>\n"
	if string(body) != want {
		t.Errorf("HTML\n%s\nwant\n%s", body, want)
	}
	for _, tt := range []struct{ md, want string }{
		{labelFigure, `the figure "notice.dev.label.png" is not one of the notice's images`},
		{"See " + labelFigure + " here.", `the image "notice.dev.label.png" is inside a text`},
		{"![](notice.dev.label.png)", "has no alternative text"},
	} {
		doc := Parse([]byte(tt.md + "\n"))
		if !strings.Contains(tt.want, "not one of") {
			doc.Images = map[string]*ImageFile{"notice.dev.label.png": f}
		}
		if _, err := doc.HTML(nil); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.md, err, tt.want)
		}
	}
}

// TestPDFFigure renders the test notice with a figure: the image is embedded
// once with a soft mask for its alpha channel, scaled to its size at 96 dpi,
// and tagged as a Figure with its alternative text and bounding box, in a Div
// with its Caption.
func TestPDFFigure(t *testing.T) {
	b, err := PDF(figureDocument(t, "notice.md"), testMeta("en", "T", "%d/%d"), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var images []pdf.Value
	seen := map[string]bool{} // gofpdf gives every page the same resources
	for p := 1; p <= r.NumPage(); p++ {
		xo := r.Page(p).V.Key("Resources").Key("XObject")
		for _, k := range xo.Keys() {
			if x := xo.Key(k); x.Key("Subtype").Name() == "Image" && !seen[k] {
				seen[k] = true
				images = append(images, x)
			}
		}
	}
	if len(images) != 1 {
		t.Fatalf("%d images on the pages, want 1", len(images))
	}
	img := images[0]
	if img.Key("Width").Int64() != 360 || img.Key("Height").Int64() != 180 || img.Key("ColorSpace").Name() != "DeviceRGB" || img.Key("SMask").Kind() != pdf.Stream {
		t.Errorf("the image is %d × %d, %v, soft mask %v; want 360 × 180 DeviceRGB with a soft mask",
			img.Key("Width").Int64(), img.Key("Height").Int64(), img.Key("ColorSpace"), img.Key("SMask").Kind())
	}

	var figure, caption pdf.Value
	var walk func(v pdf.Value, parent string)
	walk = func(v pdf.Value, parent string) {
		switch v.Kind() {
		case pdf.Array:
			for i := range v.Len() {
				walk(v.Index(i), parent)
			}
		case pdf.Dict:
			switch s := v.Key("S").Name(); {
			case s == "Figure" && parent == "Div":
				figure = v
			case s == "Caption" && parent == "Div":
				caption = v
			}
			walk(v.Key("K"), v.Key("S").Name())
		}
	}
	walk(r.Trailer().Key("Root").Key("StructTreeRoot").Key("K"), "")
	if figure.IsNull() || caption.IsNull() {
		t.Fatal("the structure tree has no Div holding a Figure and a Caption")
	}
	if got, want := figure.Key("Alt").Text(), "The label of the iQ-X box: the licence number is in the framed field [right]."; got != want {
		t.Errorf("Figure /Alt %q, want %q", got, want)
	}
	attrs := figure.Key("A")
	box := attrs.Key("BBox")
	if attrs.Key("O").Name() != "Layout" || attrs.Key("Placement").Name() != "Block" || box.Len() != 4 {
		t.Fatalf("Figure /A %v, want a Layout attribute with /Placement /Block and a /BBox", attrs)
	}
	// 360 × 180 CSS pixels are 270 × 135 points.
	if w, h := box.Index(2).Float64()-box.Index(0).Float64(), box.Index(3).Float64()-box.Index(1).Float64(); w < 269.9 || w > 270.1 || h < 134.9 || h > 135.1 {
		t.Errorf("the Figure's BBox is %.2f × %.2f points, want 270 × 135", w, h)
	}
	text, err := pdfPageText(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, `Where to find the "licence" number`) {
		t.Errorf("the caption is not in the text of the PDF")
	}
}

// pdfPageText returns the text of every page of r, joined.
func pdfPageText(r *pdf.Reader) (string, error) {
	var b strings.Builder
	for p := 1; p <= r.NumPage(); p++ {
		rows, err := r.Page(p).GetTextByRow()
		if err != nil {
			return "", err
		}
		for _, row := range rows {
			for _, w := range row.Content {
				b.WriteString(w.S)
			}
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}

// TestPDFFigureSize scales a figure down to the text width, and one too high
// down to a share of the page, keeping its proportions.
func TestPDFFigureSize(t *testing.T) {
	w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
	for _, tt := range []struct {
		px, py int
		wide   bool // fills the text width
	}{{360, 180, false}, {4000, 1000, true}, {1000, 8000, false}} {
		width, height := w.figureSize(&ImageFile{Width: tt.px, Height: tt.py})
		ratio := width / height
		if want := float64(tt.px) / float64(tt.py); ratio < want*0.999 || ratio > want*1.001 {
			t.Errorf("%d × %d: %.1f × %.1f mm, out of proportion", tt.px, tt.py, width, height)
		}
		if width > w.width()+0.001 || height > maxFigureHeight*(w.bottom()-w.top())+0.001 {
			t.Errorf("%d × %d: %.1f × %.1f mm, larger than the text", tt.px, tt.py, width, height)
		}
		if tt.wide != (width > w.width()-0.001) {
			t.Errorf("%d × %d: %.1f mm wide, text width %.1f", tt.px, tt.py, width, w.width())
		}
	}
}

// TestImageForPDF: a PNG gofpdf cannot embed as it is (16 bits a channel,
// interlaced, or with a tRNS chunk) is written again as an 8-bit PNG; others,
// and JPEGs, stay as they are; the PDF with each of them is the same twice.
func TestImageForPDF(t *testing.T) {
	gray16 := image.NewGray16(image.Rect(0, 0, 6, 4))
	for i := range gray16.Pix {
		gray16.Pix[i] = byte(i * 7)
	}
	paletted := image.NewPaletted(image.Rect(0, 0, 6, 4), color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{200, 10, 10, 255}})
	paletted.Pix[3] = 1
	encode := func(img image.Image) []byte {
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewRGBA(image.Rect(0, 0, 6, 4)), nil); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name   string
		f      *ImageFile
		asItIs bool
	}{
		{"RGBA", testImage(t), true},
		{"16-bit grey", &ImageFile{Data: encode(gray16), Format: "png", Width: 6, Height: 4}, false},
		{"palette with transparency", &ImageFile{Data: encode(paletted), Format: "png", Width: 6, Height: 4}, false},
		{"JPEG", &ImageFile{Data: jpg.Bytes(), Format: "jpeg", Width: 6, Height: 4}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.f.forPDF()
			if asItIs := bytes.Equal(data, tt.f.Data); asItIs != tt.asItIs {
				t.Errorf("kept as it is: %v, want %v", asItIs, tt.asItIs)
			}
			if tt.f.Format == "png" && !plainPNG(data) {
				t.Error("the PNG for the PDF is not one gofpdf embeds as it is")
			}
			doc := Parse([]byte("# T\n\n![A test image](x." + tt.f.Format + ")\n"))
			doc.Images = map[string]*ImageFile{"x." + tt.f.Format: tt.f}
			a, err := PDF(doc, testMeta("en", "T", "%d/%d"), nil)
			if err != nil {
				t.Fatal(err)
			}
			if b, _ := PDF(doc, testMeta("en", "T", "%d/%d"), nil); !bytes.Equal(a, b) {
				t.Error("the same figure gives another PDF")
			}
		})
	}
}

// TestInterlacedPNG: plainPNG refuses an interlaced PNG.
func TestInterlacedPNG(t *testing.T) {
	data := bytes.Clone(testImage(t).Data)
	data[8+8+12] = 1 // the interlace method of the IHDR
	if plainPNG(data) {
		t.Error("plainPNG takes an interlaced PNG")
	}
}

func b64(data []byte) string { return base64.StdEncoding.EncodeToString(data) }

// BenchmarkPDFFigure renders the test notice with a figure, as BenchmarkPDF
// renders it without: the difference is what embedding the image costs.
func BenchmarkPDFFigure(b *testing.B) {
	doc := figureDocument(b, "notice.md")
	meta := testMeta("en", "Urgent Field Safety Notice", "Page %d of %d")
	var size int
	for b.Loop() {
		out, err := PDF(doc, meta, nil)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}
