package render

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/numfmt"
)

// The files of a templates folder.
const (
	MarkdownTemplateFile = "notice.md.tmpl"
	PageTemplateFile     = "page.html.tmpl"
	StyleSheetFile       = "style.css"
	PDFStyleFile         = "pdf.yaml"
)

// Templates are the page templates and styling a company may restyle, read from one folder.
type Templates struct {
	Dir      string
	markdown *template.Template
	page     *htmltemplate.Template
	css      string
	PDFStyle *PDFStyle
}

// LoadTemplates reads and parses the templates in dir.
func LoadTemplates(dir string) (*Templates, error) {
	t := &Templates{Dir: dir}
	read := func(name string) (string, error) {
		path := filepath.Join(dir, name)
		b, err := input.ReadFile(path, input.Template)
		if err != nil {
			return "", err
		}
		if err := input.UTF8(path, b); err != nil {
			return "", err
		}
		return string(input.DropBOM(b)), nil
	}
	src, err := read(MarkdownTemplateFile)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, MarkdownTemplateFile)
	if t.markdown, err = template.New(path).Option("missingkey=error").Funcs(markdownFuncs(nil)).Parse(src); err != nil {
		return nil, TemplateError(path, err)
	}
	if src, err = read(PageTemplateFile); err != nil {
		return nil, err
	}
	path = filepath.Join(dir, PageTemplateFile)
	if t.page, err = htmltemplate.New(path).Option("missingkey=error").Parse(src); err != nil {
		return nil, TemplateError(path, err)
	}
	if t.css, err = read(StyleSheetFile); err != nil {
		return nil, err
	}
	if t.PDFStyle, err = LoadPDFStyle(filepath.Join(dir, PDFStyleFile)); err != nil {
		return nil, err
	}
	return t, nil
}

// templatePos matches the position text/template puts in its errors: "template: NAME:LINE:COL: …"
// when executing, "template: NAME:LINE: …" when parsing.
var templatePos = regexp.MustCompile(`^template: (.*?):(\d+)(?::(\d+))?: (.*)$`)

// TemplateError turns a text/template or html/template error into a diagnostic
// with the template's file, line and column. Templates are named by their file;
// an error in a template that file includes, named in the error, points there.
func TemplateError(file string, err error) error {
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	msg := err.Error()
	pos := diag.Pos{File: file}
	if m := templatePos.FindStringSubmatch(msg); m != nil {
		pos.File = m[1]
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Column, _ = strconv.Atoi(m[3])
		msg = m[4]
		if i := strings.Index(msg, ": "); strings.HasPrefix(msg, "executing ") && i >= 0 {
			msg = msg[i+2:]
		}
	}
	if strings.Contains(msg, "can't evaluate field") {
		msg += "; the comment at the top of the template lists the data it can use"
	}
	return diag.Errorf(pos, "template: %s", msg)
}

// view is what the Markdown template sees as its data: the edition and a few facts
// about it that are easier to ask in Go than in a template.
type view struct {
	*l10n.Edition
}

// HasUDIDI, HasModel, HasLots, HasSerials, HasDescription, HasPurpose and
// HasUnits say whether the devices table needs that column.
func (v view) HasUDIDI() bool {
	return v.anyDevice(func(d notice.Device) bool { return d.UDIDI != "" })
}
func (v view) HasModel() bool {
	return v.anyDevice(func(d notice.Device) bool { return d.Model != "" })
}
func (v view) HasLots() bool {
	return v.anyDevice(func(d notice.Device) bool { return len(d.Lots) > 0 })
}
func (v view) HasSerials() bool {
	return v.anyDevice(func(d notice.Device) bool { return len(d.Serials) > 0 })
}
func (v view) HasUnits() bool { return v.anyDevice(func(d notice.Device) bool { return d.Units > 0 }) }
func (v view) HasDescription() bool {
	return v.anyDevice(func(d notice.Device) bool { return d.Description != nil })
}
func (v view) HasPurpose() bool {
	return v.anyDevice(func(d notice.Device) bool { return d.Purpose != nil })
}

func (v view) anyDevice(has func(notice.Device) bool) bool {
	for _, d := range v.Notice.Devices {
		if has(d) {
			return true
		}
	}
	return false
}

// GroupName returns the localised name of a target group, as a note for it begins.
func (v view) GroupName(id string) (*notice.Text, error) {
	for _, g := range v.Notice.TargetGroups {
		if g.ID == id {
			return g.Name, nil
		}
	}
	return nil, fmt.Errorf("unknown target group %q", id)
}

// markdownFuncs returns the template functions, bound to ed (nil while parsing).
func markdownFuncs(ed *l10n.Edition) template.FuncMap {
	return template.FuncMap{
		"t":      ed.Label,
		"plural": ed.Plural,
		"date":   func(d notice.Date) (string, error) { return ed.FormatDate(d.Time) },
		"esc":    EscapeMarkdown,
		"cell":   tableCell,
		"indent": indentContinuation,
		"add":    func(a, b int) int { return a + b },
		"count":  func(n int) string { return numfmt.For(ed.Tag).Int(n) },
		"ids":    func(ids notice.Identifiers) (string, error) { return identifiers(ed, ids) },
	}
}

// identifiers writes lot or serial numbers for a table cell: each range with the
// edition's label "range" ("L2403 to L2518", "L2403 až L2518"), separated by commas.
func identifiers(ed *l10n.Edition, ids notice.Identifiers) (string, error) {
	parts := make([]string, len(ids))
	for i, r := range ids {
		if r.To == "" {
			parts[i] = EscapeMarkdown(r.From)
			continue
		}
		s, err := ed.Label("range", "From", EscapeMarkdown(r.From), "To", EscapeMarkdown(r.To))
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, ", "), nil
}

// Markdown executes the Markdown template for ed.
func (t *Templates) Markdown(ed *l10n.Edition) ([]byte, error) {
	tmpl, err := t.markdown.Clone()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.Funcs(markdownFuncs(ed)).Execute(&buf, view{ed}); err != nil {
		return nil, TemplateError(t.markdown.Name(), err)
	}
	return buf.Bytes(), nil
}

// markdownSpecial are the characters that can start Markdown syntax inside a line.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`, `|`, `\|`, `&`, `\&`,
)

// blockStart matches the start of a line that Markdown would read as a block
// rather than text: a list marker, a heading, a quote or a setext underline.
var blockStart = regexp.MustCompile(`^(?:\d+[.)]|[-+*>]|#{1,6}|=+)(?:\s|$)`)

// EscapeMarkdown escapes plain text, such as a name, an address line or a phone
// number, so that Markdown shows it as written. Text that needs no escape, such as
// "+49 381 4 96 58 20", stays exactly as it is.
func EscapeMarkdown(s string) string {
	s = markdownSpecial.Replace(s)
	if m := blockStart.FindStringIndex(s); m != nil {
		i := strings.IndexAny(s[:m[1]], ".)-+*>#=")
		s = s[:i] + `\` + s[i:]
	}
	return s
}

// tableCell keeps a text on one table row: no line breaks, and escaped pipes.
func tableCell(t *notice.Text) string {
	v := strings.Join(strings.Fields(t.String()), " ")
	return strings.ReplaceAll(v, "|", `\|`)
}

// indentContinuation indents every line after the first so that a multi-line text
// stays inside its list item.
func indentContinuation(t *notice.Text) string {
	return strings.ReplaceAll(t.String(), "\n", "\n   ")
}
