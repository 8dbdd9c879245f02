package render

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/yuin/goldmark/ast"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/numfmt"
	"github.com/fsn-tool/fsn/internal/project"
)

// The files of a templates folder.
const (
	MarkdownTemplateFile = "notice.md.tmpl"
	PageTemplateFile     = "page.html.tmpl"
	StyleSheetFile       = "style.css"
	PDFStyleFile         = "pdf.yaml"
)

// Templates are the page templates and styling a company may restyle, read
// from one folder over fsn's defaults.
type Templates struct {
	Dir      project.Dir
	markdown *template.Template
	page     *htmltemplate.Template
	brand    string // the rule that sets --brand, written before style.css
	// pageCSS is the HTML page's style sheet, brand and style.css, made once.
	pageCSS  htmltemplate.CSS
	PDFStyle *PDFStyle
}

// LoadTemplates reads and parses the templates in dir.
func LoadTemplates(dir project.Dir) (*Templates, error) {
	t := &Templates{Dir: dir}
	read := func(name string) (string, error) {
		path := dir.File(name)
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
	path := dir.File(MarkdownTemplateFile)
	if t.markdown, err = template.New(path).Option("missingkey=error").Funcs(markdownFuncs(nil)).Parse(src); err != nil {
		return nil, diag.Unreadable(TemplateError(path, err))
	}
	if src, err = read(PageTemplateFile); err != nil {
		return nil, err
	}
	path = dir.File(PageTemplateFile)
	if t.page, err = htmltemplate.New(path).Option("missingkey=error").Parse(src); err != nil {
		return nil, diag.Unreadable(TemplateError(path, err))
	}
	css, err := read(StyleSheetFile)
	if err != nil {
		return nil, err
	}
	if t.PDFStyle, err = LoadPDFStyle(dir.File(PDFStyleFile), dir); err != nil {
		return nil, err
	}
	if t.brand, err = brandCSS(t.PDFStyle, dir.File(PDFStyleFile)); err != nil {
		return nil, err
	}
	t.pageCSS = htmltemplate.CSS(t.brand + css)
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
		"t": func(id string, pairs ...any) (string, error) {
			return inlineLabel(ed.Label(id, pairs...))
		},
		"plural": func(id string, count int, pairs ...any) (string, error) {
			return inlineLabel(ed.Plural(id, count, pairs...))
		},
		"date":     func(d notice.Date) (string, error) { return inlineLabel(ed.FormatDate(d.Time)) },
		"esc":      EscapeMarkdown,
		"autolink": autolink,
		"cell":     tableCell,
		"indent":   indentContinuation,
		"add":      func(a, b int) int { return a + b },
		"count":    func(n int) string { return numfmt.For(ed.Tag).Int(n) },
		"ids":      func(ids notice.Identifiers) (string, error) { return identifiers(ed, ids) },
		"figure":   func(d notice.Device, img notice.Image) string { return markdownFigure(ed.Notice, d, img) },
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
		s, err := inlineLabel(ed.Label("range", "From", EscapeMarkdown(r.From), "To", EscapeMarkdown(r.To)))
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, ", "), nil
}

// Markdown executes the Markdown template for ed and returns the result
// parsed, the one parse that the HTML and PDF editions are written from. Every
// text and label is made safe for Markdown first (see markdownEdition), and the
// result must give each heading id to one heading only.
func (t *Templates) Markdown(ed *l10n.Edition) (*Document, error) {
	tmpl, err := t.markdown.Clone()
	if err != nil {
		return nil, err
	}
	ed = markdownEdition(ed)
	var buf bytes.Buffer
	if err := tmpl.Funcs(markdownFuncs(ed)).Execute(&buf, view{ed}); err != nil {
		return nil, TemplateError(t.markdown.Name(), err)
	}
	doc := Parse(buf.Bytes())
	if err := uniqueIDs(doc); err != nil {
		return nil, diag.Errorf(diag.Pos{File: t.markdown.Name()}, "%s: %v; give each heading of the template an id of its own", ed.Lang, err)
	}
	return doc, nil
}

// uniqueIDs reports a heading id that two headings of doc share.
func uniqueIDs(doc *Document) error {
	seen := map[string]bool{}
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		id := HeadingID(h)
		if id != "" && seen[id] {
			return fmt.Errorf("the Markdown edition has two headings with the id #%s", id)
		}
		seen[id] = true
	}
	return nil
}

// markdownEdition returns a copy of ed whose texts can go into the Markdown
// template as they are. Every text keeps its Markdown, but a "{" in it is
// escaped, so that no text can end a heading with an attribute or an id of its
// own ("{#troubleshooting}", "{style=…}"), white space around a text is
// trimmed, and a text that begins like a block ("0) …", "- …", "# …", "> …",
// or a task, "[x] …") has that first mark escaped: texts are inline Markdown. The texts that the template puts on one
// line, in a heading or a table cell, have their line breaks joined, so none can
// end the heading or the row and start a block of its own. All of this changes
// nothing a reader sees.
func markdownEdition(ed *l10n.Edition) *l10n.Edition {
	ed = ed.Copy()
	n := ed.Notice
	for _, t := range n.Texts() {
		// White space around a text shows nothing, but before a step's text it
		// would move the step's content to another column, out of which its notes fall.
		t.Value = inlineText(t.Value)
	}
	oneLine := []*notice.Text{n.Subject, n.Product}
	for _, g := range n.TargetGroups {
		oneLine = append(oneLine, g.Name)
	}
	for _, g := range n.Actions.Groups {
		oneLine = append(oneLine, g.Heading)
	}
	var cells []*notice.Text
	for _, d := range n.Devices {
		cells = append(cells, d.Condition)
	}
	for _, r := range []*notice.ReplyForm{n.ReplyForm, n.DistributorForm} {
		if r != nil {
			for _, f := range r.Fields {
				cells = append(cells, f.Label)
			}
		}
	}
	for _, t := range oneLine {
		if t != nil {
			t.Value = joinLines(t.Value)
		}
	}
	for _, t := range cells {
		if t != nil {
			t.Value = escapePipes(joinLines(t.Value))
		}
	}
	return ed
}

// inlineText returns a text as markdownEdition puts it into the template:
// trimmed, its braces escaped, and the first mark of a block it begins with.
func inlineText(s string) string {
	s = l10n.EscapeBraces(strings.TrimSpace(s))
	if s == "" || !strings.ContainsRune(blockMarks, rune(s[0])) {
		return s
	}
	if m := leadingBlock.FindStringIndex(s); m != nil {
		i := strings.IndexAny(s[:m[1]], ".)-+*#>[")
		s = s[:i] + `\` + s[i:]
	}
	return s
}

// escapePipes escapes every "|" of s that is not escaped, so that a text stays
// in its table cell (a table reads "\|" as a pipe even inside code).
func escapePipes(s string) string {
	if !strings.Contains(s, "|") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2])
			i++
		case s[i] == '|':
			b.WriteString(`\|`)
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// blockMarks are the characters that leadingBlock and blockStart can match first.
const blockMarks = "0123456789-+*#>[="

// leadingBlock matches the start of a text that would open a block of its own
// where the template puts the text, after a list marker or at a line's start:
// a list marker, a heading, a quote, or a task's tick box.
var leadingBlock = regexp.MustCompile(`^(?:\d{1,9}[.)](?:[ \t]|$)|[-+*](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|>|\[[ xX]\])`)

// lineBreak matches a line break with the blanks around it.
var lineBreak = regexp.MustCompile(`[ \t]*\r?\n[ \t]*`)

// joinLines puts a text on one line: each line break, which Markdown shows as a
// space, becomes a space.
func joinLines(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "\n") { // most texts: the expression would find nothing
		return s
	}
	return lineBreak.ReplaceAllString(s, " ")
}

// inlineLabel makes a label's text, as go-i18n executed it, safe for the
// template, which puts every label on one line: headings, captions, cells.
// Its pipes are escaped, which shows them as they are outside a table too.
func inlineLabel(s string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return escapePipes(joinLines(l10n.EscapeBraces(s))), nil
}

// markdownSpecial are the characters that can start or end Markdown syntax inside
// a line: escapes, code, emphasis and strikethrough, links, raw HTML and
// autolinks, table cells, entities and attributes.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `~`, `\~`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `&`, `\&`, `{`, `\{`, `}`, `\}`,
)

// blockStart matches the start of a line that Markdown would read as a block
// rather than text: a list marker, a heading, a setext underline or a thematic
// break. (Quotes, fences, HTML blocks and tables start with a character that
// markdownSpecial escapes wherever it is.)
var blockStart = regexp.MustCompile(`^(?:\d{1,9}[.)](?:[ \t]|$)|[-+*](?:[ \t]|$)|#{1,6}(?:[ \t]|$)|[-=]+[ \t]*$)`)

// asciiSpace matches a run of ASCII white space, line breaks included.
var asciiSpace = regexp.MustCompile(`[ \t\r\n\f\v]+`)

// EscapeMarkdown escapes plain text, such as a name, an address line or a phone
// number, so that Markdown shows it as written, on one line, wherever the
// template puts it: every character that can start inline Markdown is escaped,
// and so is the first one of a line that would start a block. Runs of white
// space and line breaks become one space, as Markdown shows them. Text that
// needs no escape, such as "+49 381 4 96 58 20", stays exactly as it is.
func EscapeMarkdown(s string) string {
	if strings.ContainsAny(s, "\t\r\n\f\v") || strings.Contains(s, "  ") {
		s = asciiSpace.ReplaceAllString(s, " ")
	}
	s = markdownSpecial.Replace(strings.TrimSpace(s))
	if s != "" && strings.ContainsRune(blockMarks, rune(s[0])) {
		if m := blockStart.FindStringIndex(s); m != nil {
			i := strings.IndexAny(s[:m[1]], ".)-+*#=")
			s = s[:i] + `\` + s[i:]
		}
	}
	if strings.HasSuffix(s, `\\`) {
		// A line that ends in a backslash ends in a hard line break, escaped or not.
		s = strings.TrimSuffix(s, `\\`) + "&#92;"
	}
	return s
}

// emailAutolink matches an e-mail address that a Markdown autolink can hold.
var emailAutolink = regexp.MustCompile(`^[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$`)

// autolink writes an e-mail address as a Markdown autolink, <name@example.com>,
// and refuses anything else, which the autolink would not hold.
func autolink(addr string) (string, error) {
	if !emailAutolink.MatchString(addr) {
		return "", fmt.Errorf("%q is not an e-mail address; write it as name@example.com", addr)
	}
	return "<" + addr + ">", nil
}

// tableCell keeps a text on one table row: no line breaks, and escaped pipes.
func tableCell(t *notice.Text) string {
	return escapePipes(joinLines(t.String()))
}

// indentContinuation indents every line after the first so that a multi-line text
// stays inside its list item.
func indentContinuation(t *notice.Text) string {
	return strings.ReplaceAll(t.String(), "\n", "\n   ")
}
