package render

import (
	"bytes"
	htmltemplate "html/template"
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
// from the document's AST, inside the page template, with the style sheet inline.
func (t *Templates) HTML(doc *Document, meta PageMeta) ([]byte, error) {
	var body bytes.Buffer
	if err := markdown.Renderer().Render(&body, doc.Source, doc.Root); err != nil {
		return nil, err
	}
	var page bytes.Buffer
	data := pageData{PageMeta: meta, Body: htmltemplate.HTML(body.String()), CSS: htmltemplate.CSS(t.css)}
	if err := t.page.Execute(&page, data); err != nil {
		return nil, templateError(t.page.Name(), err)
	}
	return page.Bytes(), nil
}
