package render

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/notice"
)

// The images of a notice (notice.Image) are figures of the Markdown edition:
// a paragraph that holds nothing but an image, ![alt](name "caption"), whose
// name is the file beside the edition in out/ (notice.ImageName). The HTML
// page embeds the image's bytes in the page and the PDF embeds them in the
// file, from the ImageFile of that name; an image that is not one of the
// notice's cannot be written to either.

// ImageFile is the content of an image a document shows.
type ImageFile struct {
	Data   []byte
	Format string // "png" or "jpeg"
	Width  int    // in pixels
	Height int

	pdfOnce sync.Once
	pdfData []byte // the image as gofpdf reads it (see forPDF)
}

// NoticeImages reads the images of n by the names the Markdown editions give
// them (notice.ReadImage). A caller holds them while it writes the notice's
// editions, so that no more than one notice's images are in memory.
func NoticeImages(n *notice.Notice) (map[string]*ImageFile, error) {
	images := map[string]*ImageFile{}
	var errs diag.List
	for i := range n.Devices {
		d := &n.Devices[i]
		for j := range d.Images {
			img := &d.Images[j]
			data, cfg, err := n.ReadImage(img)
			if err != nil {
				errs = append(errs, diag.From(err)...)
				continue
			}
			images[n.ImageName(d, img)] = &ImageFile{Data: data, Format: img.Format, Width: cfg.Width, Height: cfg.Height}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return images, nil
}

// mime returns the media type of the image.
func (f *ImageFile) mime() string {
	if f.Format == "jpeg" {
		return "image/jpeg"
	}
	return "image/png"
}

// forPDF returns the image as gofpdf can embed it: a JPEG as it is, a PNG as
// it is when it has 8 bits a channel, no interlacing and no tRNS chunk (the
// transparency gofpdf cannot carry over), else drawn again and written as an
// 8-bit RGB or RGBA PNG, whose alpha becomes the image's soft mask.
func (f *ImageFile) forPDF() []byte {
	f.pdfOnce.Do(func() {
		f.pdfData = f.Data
		if f.Format != "png" || plainPNG(f.Data) {
			return
		}
		src, err := png.Decode(bytes.NewReader(f.Data))
		if err != nil {
			return // notice.Parse decoded it; gofpdf reports what it cannot read
		}
		img := image.NewNRGBA(src.Bounds())
		draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
		var buf bytes.Buffer
		if png.Encode(&buf, img) == nil {
			f.pdfData = buf.Bytes()
		}
	})
	return f.pdfData
}

// plainPNG reports whether data is a PNG that gofpdf embeds as it is: 8 bits
// a channel, RGB or RGBA, not interlaced, without a tRNS chunk.
func plainPNG(data []byte) bool {
	const sig = 8
	if len(data) < sig+8+13 || string(data[sig+4:sig+8]) != "IHDR" {
		return false
	}
	ihdr := data[sig+8:]
	if depth, ct, interlace := ihdr[8], ihdr[9], ihdr[12]; depth != 8 || (ct != 2 && ct != 6) || interlace != 0 {
		return false
	}
	for off := sig; off+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[off:]))
		switch string(data[off+4 : off+8]) {
		case "tRNS":
			return false
		case "IDAT", "IEND":
			return true // tRNS comes before the image data
		}
		if n < 0 || n > len(data) {
			return false
		}
		off += 12 + n
	}
	return false
}

// figureImage returns the image of a paragraph that holds nothing else: a figure.
func figureImage(n ast.Node) *ast.Image {
	if n.Kind() != ast.KindParagraph || n.ChildCount() != 1 {
		return nil
	}
	img, _ := n.FirstChild().(*ast.Image)
	return img
}

// altText returns the alternative text of an image: the text of its
// description, without markup or escapes.
func altText(img *ast.Image, src []byte) string { return inlinePlain(img, src) }

// FigureText returns a text of the notice (an image's alternative text or
// caption) as a figure shows it: without markup or escapes, on one line.
func FigureText(text string) string {
	src := []byte(inlineText(text))
	return strings.Join(strings.Fields(inlinePlain(Parse(src).Root, src)), " ")
}

// inlinePlain returns the text of n without markup or escapes.
func inlinePlain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.WriteString(unescapeMarkdown(n.Segment.Value(src)))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *ast.ListItem:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// captionText returns the caption of a figure, its image's title, without
// escapes; "" when it has none.
func captionText(img *ast.Image) string { return unescapeMarkdown(img.Title) }

// titleEscapes escapes what would end a link title or be read as an escape
// or an entity in it.
var titleEscapes = strings.NewReplacer(`\`, `\\`, `"`, `\"`, `&`, `\&`)

// markdownFigure writes image img of device d of notice n as a figure of the Markdown
// edition: ![alt](name "caption"), on one line, with alt and caption as plain
// text (an image's description is read out, not shown, and a title has no markup).
func markdownFigure(n *notice.Notice, d notice.Device, img notice.Image) string {
	var b strings.Builder
	b.WriteString("![")
	b.WriteString(EscapeMarkdown(FigureText(img.Alt.String())))
	b.WriteString("](")
	b.WriteString(n.ImageName(&d, &img))
	if img.Caption != nil {
		b.WriteString(` "`)
		b.WriteString(titleEscapes.Replace(FigureText(img.Caption.Value)))
		b.WriteString(`"`)
	}
	b.WriteString(")")
	return b.String()
}
