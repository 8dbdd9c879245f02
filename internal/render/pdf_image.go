package render

import (
	"bytes"
	"fmt"

	"github.com/jung-kurt/gofpdf"
	"github.com/yuin/goldmark/ast"
)

// pixelMM is the size of an image's pixel on the page: a CSS pixel (1/96
// inch), so that an image is as large in the PDF as the HTML edition shows
// it, until the text width or the height of a figure stops it.
const pixelMM = 25.4 / 96

// maxFigureHeight is the share of a page's text height that a figure's image
// may take, so that its caption fits beside it on the page.
const maxFigureHeight = 0.6

// figureSize returns the width and height on the page of an image of f,
// scaled down to fit the current text width and a figure's height.
func (w *pdfWriter) figureSize(f *ImageFile) (width, height float64) {
	width, height = float64(f.Width)*pixelMM, float64(f.Height)*pixelMM
	if s := w.width() / width; s < 1 {
		width, height = width*s, height*s
	}
	if s := maxFigureHeight * (w.bottom() - w.top()) / height; s < 1 {
		width, height = width*s, height*s
	}
	return width, height
}

// figureParts returns the image file and laid-out caption of the figure img,
// or fails when the image is not one of the document's.
func (w *pdfWriter) figureParts(img *ast.Image) (*ImageFile, []textLine) {
	name := string(img.Destination)
	f := w.images[name]
	if f == nil {
		w.fail("the figure %q is not one of the notice's images (devices[].images); an image can be shown only from the notice", name)
		return nil, nil
	}
	var caption []textLine
	if text := captionText(img); text != "" {
		caption = w.layout([]textSpan{{text: text, style: textStyle{italic: true}}}, w.width(), w.th.FontSize)
	}
	return f, caption
}

// figureHeight returns the height of the figure img with its caption.
func (w *pdfWriter) figureHeight(img *ast.Image) float64 {
	f, caption := w.figureParts(img)
	if f == nil {
		return 0
	}
	_, h := w.figureSize(f)
	return h + w.captionGap() + float64(len(caption))*w.lineHeight(w.th.FontSize)
}

func (w *pdfWriter) captionGap() float64 { return 0.4 * w.lineHeight(w.th.FontSize) }

// image draws a figure: the image, scaled down to the text width, with its
// caption under it on the same page. In the structure tree it is a Div
// holding a Figure, with the image's alternative text and its bounding box,
// and the Caption.
func (w *pdfWriter) image(img *ast.Image) {
	f, caption := w.figureParts(img)
	if f == nil {
		return
	}
	width, height := w.figureSize(f)
	lh := w.lineHeight(w.th.FontSize)
	w.reserve(height + w.captionGap() + float64(len(caption))*lh)

	name := "figure:" + string(img.Destination)
	format := f.Format
	if format == "jpeg" {
		format = "jpg"
	}
	opts := gofpdf.ImageOptions{ImageType: format}
	if info := w.pdf.GetImageInfo(name); info == nil {
		w.pdf.RegisterImageOptionsReader(name, opts, bytes.NewReader(f.forPDF()))
		if err := w.pdf.Error(); err != nil {
			w.fail("the figure %q cannot be embedded: %v", img.Destination, err)
			return
		}
	}
	x, top := w.left(), w.y
	k := 72 / 25.4
	bbox := [4]float64{x * k, (pageHeight - top - height) * k, (x + width) * k, (pageHeight - top) * k}
	w.beginTag("Div", "")
	w.figure(altText(img, w.src), bbox, func() {
		w.pdf.ImageOptions(name, x, top, width, height, false, opts, 0, "")
	})
	w.y += height + w.captionGap()
	if len(caption) > 0 {
		w.tagged("Caption", "", func() { w.drawLines(caption, w.th.FontSize, w.th.text) })
	}
	w.endTag()
	w.gap(0.55 * lh)
}

// bboxAttr is the layout attribute of a Figure: its bounding box on the page,
// in points from the lower left corner.
func bboxAttr(b [4]float64) string {
	return fmt.Sprintf(" /A <</O /Layout /Placement /Block /BBox [%.2f %.2f %.2f %.2f]>>", b[0], b[1], b[2], b[3])
}
