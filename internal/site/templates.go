package site

import (
	"bytes"
	htmltemplate "html/template"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
)

// The site's files in the templates folder. Every page is the layout around the
// "main" template that a page file defines.
const (
	LayoutTemplateFile = "site-layout.html.tmpl"
	RootTemplateFile   = "site-root.html.tmpl"
	IndexTemplateFile  = "site-index.html.tmpl"
	NoticeTemplateFile = "site-notice.html.tmpl"
	StyleSheetFile     = "site.css"
)

// templates are the site's page templates, parsed, and its style sheets.
type templates struct {
	layout              string // the layout's name, which every page executes
	root, index, notice *htmltemplate.Template
	// styles are the style sheets the pages link to: the editions' style.css and site.css.
	styles []styleSheet
}

// styleSheet is a style sheet of the site, named as in the templates folder.
type styleSheet struct {
	path string
	data []byte
}

// parseFuncs stands in for the functions of the page templates until a page of
// one language is executed: t "id" ["Name" value ...] is a label of that language.
var parseFuncs = htmltemplate.FuncMap{"t": func(string, ...any) (string, error) { return "", nil }}

func loadTemplates(dir project.Dir) (*templates, error) {
	read := func(name string) ([]byte, error) {
		return input.ReadFile(dir.File(name), input.Template)
	}
	t := &templates{layout: dir.File(LayoutTemplateFile)}
	src, err := read(LayoutTemplateFile)
	if err != nil {
		return nil, err
	}
	layout, err := htmltemplate.New(t.layout).Option("missingkey=error").Funcs(parseFuncs).Parse(string(src))
	if err != nil {
		return nil, diag.Unreadable(render.TemplateError(t.layout, err))
	}
	for _, p := range []struct {
		name string
		tmpl **htmltemplate.Template
	}{{RootTemplateFile, &t.root}, {IndexTemplateFile, &t.index}, {NoticeTemplateFile, &t.notice}} {
		if src, err = read(p.name); err != nil {
			return nil, err
		}
		page, err := layout.Clone()
		if err != nil {
			return nil, err
		}
		path := dir.File(p.name)
		if _, err := page.New(path).Parse(string(src)); err != nil {
			return nil, diag.Unreadable(render.TemplateError(path, err))
		}
		*p.tmpl = page
	}
	for _, name := range []string{render.StyleSheetFile, StyleSheetFile} {
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		t.styles = append(t.styles, styleSheet{path: name, data: data})
	}
	return t, nil
}

// execute writes the page of tmpl for data, with the labels of ed, and with a
// Content-Security-Policy that allows only the site's own style sheets and images.
func (t *templates) execute(tmpl *htmltemplate.Template, ed *l10n.Edition, data any) ([]byte, error) {
	page, err := tmpl.Clone()
	if err != nil {
		return nil, err
	}
	page.Funcs(htmltemplate.FuncMap{"t": ed.Label})
	var buf bytes.Buffer
	if err := page.ExecuteTemplate(&buf, t.layout, data); err != nil {
		return nil, render.TemplateError(t.layout, err)
	}
	out, err := render.WithCSP(buf.Bytes(), true)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: t.layout}, "%v; write the page's <head> in the layout", err)
	}
	return out, nil
}
