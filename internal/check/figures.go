package check

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ledongthuc/pdf"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
)

// wantFigure is an image of the notice as every edition of a language must
// show it: the file, its alternative text and its caption in that language.
type wantFigure struct {
	name    string // the file's name beside the editions
	file    string // the image in the notice folder
	data    []byte
	alt     string // plain text, its white space collapsed
	caption string // "" for none
}

// wantFigures returns the images of the notice as the editions of the
// localised notice ed must show them.
func (v *verifier) wantFigures(ed *l10n.Edition) []wantFigure {
	if len(v.n.Images()) == 0 {
		return nil
	}
	var want []wantFigure
	for i, d := range ed.Notice.Devices {
		for j, img := range d.Images {
			src := &v.n.Devices[i].Images[j]
			data, _, err := v.n.ReadImage(src)
			if err != nil {
				continue // build-stale says the image is not the one the build read
			}
			f := wantFigure{name: v.n.ImageName(&v.n.Devices[i], src), file: v.n.ImagePath(src), data: data, alt: render.FigureText(img.Alt.Value)}
			if img.Caption != nil {
				f.caption = render.FigureText(img.Caption.Value)
			}
			want = append(want, f)
		}
	}
	return want
}

// gotFigure is a figure an edition shows.
type gotFigure struct {
	name, alt, caption string
	data               []byte // the image, where the edition holds it (HTML)
}

// compareFigures reports each image of the notice that the edition in
// format f does not show as the source has it: the image, its alternative
// text, its caption. The Markdown edition shows each by the file beside it,
// which must be the notice's image as the build record lists it; the PDF
// edition as a Figure of its structure tree, with the caption in its text
// pdfText (squeezed).
func (v *verifier) compareFigures(pos diag.Pos, lang, f string, want []wantFigure, e *editionFile, pdfText string) {
	var got []gotFigure
	var err error
	switch f {
	case "md":
		got = markdownFigures(e.md)
	case "html":
		if err = e.htmlErr; err == nil {
			got = htmlFigures(e.html)
		}
	case "pdf":
		got, err = pdfFigures(e.data)
	}
	if err != nil {
		v.add(pos, lang, FigureMissing, "%s: the figures of the %s edition cannot be read: %v", lang, formatName(f), err)
		return
	}
	for _, w := range want {
		match := func(g gotFigure) bool {
			switch f {
			case "md":
				return g.name == w.name
			case "html":
				return bytes.Equal(g.data, w.data)
			}
			return g.alt == w.alt // a PDF names an image by its alternative text
		}
		found := false
		for _, g := range got {
			if !match(g) {
				continue
			}
			found = true
			if g.alt != w.alt {
				v.add(pos, lang, FigureMissing, "%s: the %s edition shows the image %s with the alternative text %q, want %q", lang, formatName(f), w.file, diag.Abbreviate(g.alt, 80), diag.Abbreviate(w.alt, 80))
			}
			if f != "pdf" && g.caption != w.caption {
				v.add(pos, lang, FigureMissing, "%s: the %s edition shows the image %s with the caption %q, want %q", lang, formatName(f), w.file, g.caption, w.caption)
			}
			break
		}
		if !found {
			v.add(pos, lang, FigureMissing, "%s: the %s edition does not show the image %s with its alternative text %q; run fsn build", lang, formatName(f), w.file, diag.Abbreviate(w.alt, 80))
			continue
		}
		switch {
		case f == "md":
			v.compareImageFile(lang, w)
		case f == "pdf" && !strings.Contains(pdfText, squeeze(w.caption)):
			v.add(pos, lang, FigureMissing, "%s: the PDF edition shows the image %s without its caption %q", lang, w.file, w.caption)
		}
	}
}

// compareImageFile checks the image file beside the Markdown edition: it is
// the notice's image, and the file the build wrote (or, as the build makes
// it, the file it will write).
func (v *verifier) compareImageFile(lang string, w wantFigure) {
	path := filepath.Join(v.dir, w.name)
	data, err := v.read(path, w.name)
	switch {
	case err != nil:
		v.add(diag.Pos{File: path}, lang, FigureMissing, "%s: the image the Markdown edition shows cannot be read (%v); run fsn build", lang, diag.Cause(err))
	case !bytes.Equal(data, w.data):
		v.add(diag.Pos{File: path}, lang, FigureMissing, "%s: the image the Markdown edition shows is not %s; run fsn build", lang, w.file)
	case v.built == nil && (v.rec.File(lang, w.name) == nil || v.rec.File(lang, w.name).SHA256 != record.Hash(data)):
		v.add(diag.Pos{File: path}, lang, EditionChanged, "%s: the build record does not list this image of the Markdown edition as it is; run fsn build", lang)
	}
}

// markdownFigures returns the figures of a Markdown edition: the paragraphs
// that hold an image alone.
func markdownFigures(doc *render.Document) []gotFigure {
	var got []gotFigure
	for b := doc.Root.FirstChild(); b != nil; b = b.NextSibling() {
		if b.Kind() != ast.KindParagraph || b.ChildCount() != 1 {
			continue
		}
		if img, ok := b.FirstChild().(*ast.Image); ok {
			got = append(got, gotFigure{name: string(img.Destination),
				alt: collapseSpace(inspect(img, doc.Source).plain), caption: collapseSpace(plainTitle(img.Title))})
		}
	}
	return got
}

// plainTitle returns an image's title without its escapes.
func plainTitle(title []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(title))))
}

// htmlFigures returns the figures of an HTML edition: each <figure>'s image,
// decoded from its data: URI, its alt and its <figcaption>.
func htmlFigures(doc *html.Node) []gotFigure {
	var got []gotFigure
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Figure {
			var g gotFigure
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				switch {
				case c.Type != html.ElementNode:
				case c.DataAtom == atom.Img:
					g.alt = collapseSpace(attr(c, "alt"))
					if _, b64, ok := strings.Cut(attr(c, "src"), ";base64,"); ok {
						g.data, _ = base64.StdEncoding.DecodeString(b64)
					}
				case c.DataAtom == atom.Figcaption:
					g.caption = collapseSpace(textContent(c))
				}
			}
			got = append(got, g)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return got
}

// pdfFigures returns the Figure elements of a PDF's structure tree with
// their alternative texts.
func pdfFigures(data []byte) (got []gotFigure, err error) {
	defer func() {
		if e := recover(); e != nil { // the reader panics on some malformed files
			got, err = nil, fmt.Errorf("malformed PDF: %v", e)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	tree := r.Trailer().Key("Root").Key("StructTreeRoot")
	if tree.IsNull() {
		return nil, fmt.Errorf("the PDF has no structure tree")
	}
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if depth > 64 {
			return
		}
		switch v.Kind() {
		case pdf.Array:
			for i := range v.Len() {
				walk(v.Index(i), depth+1)
			}
		case pdf.Dict:
			if v.Key("S").Name() == "Figure" {
				got = append(got, gotFigure{alt: collapseSpace(v.Key("Alt").Text())})
			}
			walk(v.Key("K"), depth+1)
		}
	}
	walk(tree.Key("K"), 0)
	return got, nil
}
