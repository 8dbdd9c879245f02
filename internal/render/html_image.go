package render

import (
	"encoding/base64"
	"fmt"
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// figure writes a figure of the document as a <figure>: the image inside the
// page as a data: URI (the page stays one self-contained file, and its
// Content-Security-Policy allows images from data: URIs only), with its
// alternative text, its size in pixels, which style.css scales down to the
// column, and its caption.
func (r *htmlNodes) figure(w util.BufWriter, source []byte, img *ast.Image, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	name := string(img.Destination)
	f := r.images[name]
	if f == nil {
		return ast.WalkStop, fmt.Errorf("the figure %q is not one of the notice's images (devices[].images); an image can be shown only from the notice", name)
	}
	alt := altText(img, source)
	if alt == "" {
		return ast.WalkStop, fmt.Errorf("the figure %q has no alternative text; give it one, for readers who cannot see it", name)
	}
	w.WriteString("<figure>\n<img src=\"data:")
	w.WriteString(f.mime())
	w.WriteString(";base64,")
	w.WriteString(base64.StdEncoding.EncodeToString(f.Data))
	fmt.Fprintf(w, "\" alt=\"%s\" width=\"%d\" height=\"%d\">\n", html.EscapeString(alt), f.Width, f.Height)
	if caption := captionText(img); caption != "" {
		fmt.Fprintf(w, "<figcaption>%s</figcaption>\n", html.EscapeString(caption))
	}
	w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

// image refuses an image inside a text: only a figure, a paragraph that holds
// one of the notice's images alone, can be shown.
func (r *htmlNodes) image(_ util.BufWriter, _ []byte, n ast.Node, _ bool) (ast.WalkStatus, error) {
	return ast.WalkStop, fmt.Errorf("the image %q is inside a text; an image can be shown only as one of the notice's images (devices[].images)", n.(*ast.Image).Destination)
}
