package render

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"math"

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
	// Phones are the notice's phone and fax numbers, which the page links with tel:.
	Phones []string
	// Warning, when set, is the banner at the top of the page of a test build:
	// its PDFs are signed with the development certificate.
	Warning string
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
	body, err := doc.HTML(meta.Phones)
	if err != nil {
		return nil, err
	}
	var page bytes.Buffer
	data := pageData{PageMeta: meta, Body: body, CSS: t.pageCSS}
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
// around it, with the phone numbers in phones (see PhoneNumbers) as tel: links.
// Raw HTML in the Markdown is never passed through, so the result is safe to
// put into an html/template page.
func (d *Document) HTML(phones []string) (htmltemplate.HTML, error) {
	var body bytes.Buffer
	if err := newHTMLRenderer(phones, d.Images).Render(&body, d.Source, d.Root); err != nil {
		return "", err
	}
	return htmltemplate.HTML(body.String()), nil
}

// brandCSS returns the style rule that gives the HTML edition and the website
// the PDF's heading colour, colors.heading in pdf.yaml, as the custom property
// --brand: one setting for the brand colour of every edition. White text on it
// (the title band, the current language) must keep the contrast WCAG asks of
// text, 4.5:1, so a lighter colour is refused.
func brandCSS(style *PDFStyle, file string) (string, error) {
	c, err := parseColor(style.Colors.Heading)
	if err != nil {
		return "", diag.Errorf(diag.Pos{File: file}, "colors.heading: %v", err)
	}
	if ratio := contrast(c, rgb{255, 255, 255}); ratio < 4.5 {
		return "", diag.Errorf(diag.Pos{File: file}, "colors.heading %q, the brand colour of every edition, has a contrast of %.1f:1 with white text on it; the HTML edition and the website need 4.5:1: choose a darker colour", style.Colors.Heading, ratio)
	}
	return fmt.Sprintf(":root { --brand: #%02x%02x%02x; }\n", c.r, c.g, c.b), nil
}

// contrast returns the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b rgb) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance returns the relative luminance of c, as WCAG 2 defines it.
func luminance(c rgb) float64 {
	channel := func(v int) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.r) + 0.7152*channel(c.g) + 0.0722*channel(c.b)
}

// BrandCSS is the style rule, written before style.css, that sets the brand
// colour of pdf.yaml (see brandCSS) as the custom property --brand.
func (t *Templates) BrandCSS() string { return t.brand }
