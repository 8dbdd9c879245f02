package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/fsn-tool/fsn/internal/notice"
)

// PhoneNumbers returns the phone, fax and mobile numbers of n as the notice
// writes them, which the HTML edition links with tel:.
func PhoneNumbers(n *notice.Notice) []string {
	var numbers []string
	for _, s := range []string{n.Contact.Phone, n.Contact.Fax, n.Contact.Mobile} {
		if strings.TrimSpace(s) != "" {
			numbers = append(numbers, strings.TrimSpace(s))
		}
	}
	return numbers
}

// E164 returns the phone number s, written as people write it ("+49 381 4 96
// 58 20", "0049 (381) 49-65-82"), in the E.164 form a tel: link takes
// ("+493814965820"; a trunk prefix "(0)" left out), or "" when s is not an international number: a number
// without its country code cannot be dialled from abroad, so it is not linked.
func E164(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	case strings.HasPrefix(s, "00"):
		s = s[2:]
	default:
		return ""
	}
	// "+49 (0)381 …": the trunk prefix in brackets is not dialled from abroad.
	s = strings.Replace(s, "(0)", "", 1)
	var digits strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case strings.ContainsRune(" .-/()\u00a0\u202f", r):
		default:
			return ""
		}
	}
	if d := digits.String(); len(d) >= 7 && len(d) <= 15 && d[0] != '0' {
		return "+" + d
	}
	return ""
}

// htmlNodes is what the HTML edition adds to goldmark's HTML, for readers on a
// phone and with a screen reader: each table scrolls inside a box of its own,
// named by the heading above it, so that a wide table never widens the page;
// the tick boxes of a task list are controls labelled by their item's text;
// and the notice's phone and fax numbers are tel: links.
type htmlNodes struct {
	defaults map[ast.NodeKind]renderer.NodeRendererFunc
	// phones are the numbers to link, as written, with their tel: targets.
	phones map[string]string
	// images are the images the figures show (Document.Images).
	images map[string]*ImageFile
	// regions are the heading ids that name a table's region already: a
	// second table under the same heading is not a region of the same name.
	regions map[string]bool
}

// newHTMLRenderer returns goldmark's HTML renderer for the editions, linking
// the phone numbers in phones and embedding the figures' images.
func newHTMLRenderer(phones []string, images map[string]*ImageFile) renderer.Renderer {
	nodes := &htmlNodes{defaults: map[ast.NodeKind]renderer.NodeRendererFunc{}, phones: map[string]string{}, images: images, regions: map[string]bool{}}
	for _, p := range phones {
		if tel := E164(p); tel != "" {
			nodes.phones[p] = tel
		}
	}
	defaults := []renderer.NodeRenderer{html.NewRenderer(), extension.NewTableHTMLRenderer(), extension.NewTaskCheckBoxHTMLRenderer()}
	for _, d := range defaults {
		d.RegisterFuncs(nodes.capture())
	}
	return renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(defaults[0], 1000),
		util.Prioritized(defaults[1], 500),
		util.Prioritized(defaults[2], 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(nodes, 100),
	))
}

// capture is a registerer that keeps goldmark's own functions, which htmlNodes calls.
type capture map[ast.NodeKind]renderer.NodeRendererFunc

func (c capture) Register(k ast.NodeKind, f renderer.NodeRendererFunc) { c[k] = f }

func (r *htmlNodes) capture() capture { return capture(r.defaults) }

// RegisterFuncs registers the functions of htmlNodes over goldmark's.
func (r *htmlNodes) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, r.table)
	reg.Register(east.KindTaskCheckBox, r.checkBox)
	reg.Register(ast.KindParagraph, r.taskText)
	reg.Register(ast.KindTextBlock, r.taskText)
	reg.Register(ast.KindText, r.text)
	reg.Register(ast.KindImage, r.image)
}

// table puts a table in a box that scrolls sideways when the table is wider
// than the page: a region named by the heading above the table (the ids are
// the template's, so the name is safe in an attribute; only the first table
// under a heading, as regions need names of their own), which a keyboard can
// focus to scroll it.
func (r *htmlNodes) table(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString(`<div class="table-scroll" tabindex="0"`)
		if id := headingAbove(n); id != "" && !r.regions[id] {
			r.regions[id] = true
			fmt.Fprintf(w, ` role="region" aria-labelledby="%s"`, id)
		}
		w.WriteString(">\n")
	}
	status, err := r.defaults[east.KindTable](w, source, n, entering)
	if !entering {
		w.WriteString("</div>\n")
	}
	return status, err
}

// headingAbove returns the id of the nearest heading before n, or "".
func headingAbove(n ast.Node) string {
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if h, ok := p.(*ast.Heading); ok {
			return HeadingID(h)
		}
	}
	return ""
}

// checkBox writes a task's tick box as a control the reader can tick before
// printing the form; taskText labels it with the item's text.
func (r *htmlNodes) checkBox(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if n.(*east.TaskCheckBox).IsChecked {
			w.WriteString(`<input type="checkbox" checked=""> `)
		} else {
			w.WriteString(`<input type="checkbox"> `)
		}
	}
	return ast.WalkContinue, nil
}

// taskText writes a paragraph or the text of a list item, and wraps the text
// of a task, which begins with its tick box, in a label for the box.
func (r *htmlNodes) taskText(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if img := figureImage(n); img != nil {
		return r.figure(w, source, img, entering)
	}
	_, task := n.FirstChild().(*east.TaskCheckBox)
	if task && !entering {
		w.WriteString("</label>")
	}
	status, err := r.defaults[n.Kind()](w, source, n, entering)
	if task && entering {
		w.WriteString("<label>")
	}
	return status, err
}

// text writes a text, with each of the notice's phone numbers in it as a tel:
// link. A number inside a link or code is left as it is.
func (r *htmlNodes) text(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	t := n.(*ast.Text)
	if !entering || t.IsRaw() || len(r.phones) == 0 || insideLink(n) {
		return r.defaults[ast.KindText](w, source, n, entering)
	}
	value := t.Segment.Value(source)
	start := 0
	for {
		at, number := r.findPhone(value, start)
		if at < 0 {
			break
		}
		html.DefaultWriter.Write(w, value[start:at])
		fmt.Fprintf(w, `<a href="tel:%s">`, r.phones[number])
		html.DefaultWriter.Write(w, []byte(number))
		w.WriteString("</a>")
		start = at + len(number)
	}
	if start == 0 {
		return r.defaults[ast.KindText](w, source, n, entering)
	}
	html.DefaultWriter.Write(w, value[start:])
	switch {
	case t.HardLineBreak():
		w.WriteString("<br>\n")
	case t.SoftLineBreak():
		w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// findPhone returns where the first of the notice's phone numbers in
// value[from:] starts, and which it is, or -1. A number counts only as a whole:
// not when a digit goes on before or after it.
func (r *htmlNodes) findPhone(value []byte, from int) (int, string) {
	at, number := -1, ""
	for p := range r.phones {
		for i := from; i < len(value); {
			k := bytes.Index(value[i:], []byte(p))
			if k < 0 {
				break
			}
			k += i
			end := k + len(p)
			whole := (k == 0 || !isDigit(value[k-1])) && (end == len(value) || !isDigit(value[end]))
			if whole {
				if at < 0 || k < at || k == at && len(p) > len(number) {
					at, number = k, p
				}
				break
			}
			i = k + 1
		}
	}
	return at, number
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// insideLink reports whether n is the text of a link or of code.
func insideLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindLink, ast.KindAutoLink, ast.KindCodeSpan:
			return true
		}
	}
	return false
}
