package render

import (
	"bytes"
	htmltemplate "html/template"

	"github.com/fsn-tool/fsn/internal/diag"
)

// PageMeta is what the HTML page says about the edition besides its body.
type PageMeta struct {
	Lang        string
	Title       string
	Description string
	Author      string
	Keywords    string
	Reference   string
	// Date is the notice's date as YYYY-MM-DD.
	Date      string
	Generator string
}

// pageData is the data of the page template.
type pageData struct {
	PageMeta
	Body htmltemplate.HTML
	CSS  htmltemplate.CSS
}

// HTML writes doc as a self-contained HTML page: the body rendered by goldmark
// from the document's AST, inside the page template, with the style sheet inline
// and a Content-Security-Policy that allows nothing else (see WithCSP).
func (t *Templates) HTML(doc *Document, meta PageMeta) ([]byte, error) {
	body, err := doc.HTML()
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	data := pageData{PageMeta: meta, Body: body, CSS: htmltemplate.CSS(t.css)}
	if err := t.page.Execute(&page, data); err != nil {
		return nil, TemplateError(t.page.Name(), err)
	}
	out, err := WithCSP(page.Bytes(), false)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: t.page.Name()}, "%v; write the page's <head> in the template", err)
	}
	return out, nil
}

// HTML renders the document's AST as HTML: the body of a page, without the page
// around it. Raw HTML in the Markdown is never passed through, so the result is
// safe to put into an html/template page.
func (d *Document) HTML() (htmltemplate.HTML, error) {
	var body bytes.Buffer
	if err := markdown.Renderer().Render(&body, d.Source, d.Root); err != nil {
		return "", err
	}
	return htmltemplate.HTML(body.String()), nil
}
