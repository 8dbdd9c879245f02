package render

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// textStyle is the style of a run of inline text.
type textStyle struct {
	bold, italic, code, strike bool
	link                       string // URL or "#heading-id"; empty when the text is not a link
}

// textSpan is inline text in one style, or a hard line break.
type textSpan struct {
	text  string
	style textStyle
	brk   bool
}

// inlines appends the text of the inline children of n, in style st, to out.
func (w *pdfWriter) inlines(n ast.Node, st textStyle, out []textSpan) []textSpan {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s := st
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(w.src)
			if st.code {
				out = append(out, textSpan{text: strings.TrimSuffix(string(v), "\n"), style: s})
			} else if c.IsRaw() {
				out = append(out, textSpan{text: string(v), style: s})
			} else {
				out = append(out, textSpan{text: unescapeMarkdown(v), style: s})
			}
			switch {
			case c.HardLineBreak():
				out = append(out, textSpan{brk: true})
			case c.SoftLineBreak() || st.code && bytes.HasSuffix(v, []byte("\n")):
				out = append(out, textSpan{text: " ", style: s})
			}
		case *ast.String:
			out = append(out, textSpan{text: string(c.Value), style: s})
		case *ast.CodeSpan:
			s.code = true
			out = w.inlines(c, s, out)
		case *ast.Emphasis:
			if c.Level >= 2 {
				s.bold = true
			} else {
				s.italic = true
			}
			out = w.inlines(c, s, out)
		case *extast.Strikethrough:
			s.strike = true
			out = w.inlines(c, s, out)
		case *ast.Link:
			s.link = w.linkTarget(string(c.Destination))
			out = w.inlines(c, s, out)
		case *ast.AutoLink:
			url := string(c.URL(w.src))
			if c.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			s.link = w.linkTarget(url)
			out = append(out, textSpan{text: string(c.Label(w.src)), style: s})
		case *extast.TaskCheckBox:
			// drawn as the marker of its list item
		default:
			w.fail("inline %s cannot be written to a PDF; remove it from the template or translation", c.Kind())
		}
	}
	return out
}

// linkTarget returns the destination of a link if the PDF can follow it:
// web and e-mail addresses, and "#id" for a heading. Other links stay plain text.
func (w *pdfWriter) linkTarget(dest string) string {
	lower := strings.ToLower(dest)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"), strings.HasPrefix(lower, "mailto:"):
		return dest
	case len(dest) > 1 && dest[0] == '#':
		w.link(dest[1:])
		return dest
	}
	return ""
}

// unescape resolves the backslash escapes and the entity and character
// references of Markdown text, as goldmark's HTML writer does.
func unescapeMarkdown(b []byte) string {
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && util.IsPunct(b[i+1]):
			i++
			out.WriteByte(b[i])
		case c == '&':
			end := bytes.IndexByte(b[i:], ';')
			if end < 2 || end > 32 {
				out.WriteByte(c)
				continue
			}
			if r, ok := entityText(string(b[i+1 : i+end])); ok {
				out.WriteString(r)
				i += end
			} else {
				out.WriteByte(c)
			}
		default:
			out.WriteByte(c)
		}
	}
	return out.String()
}

// reference returns the text of an entity or character reference without its & and ;.
func entityText(name string) (string, bool) {
	if num, ok := strings.CutPrefix(name, "#"); ok {
		base := 10
		if len(num) > 0 && (num[0] == 'x' || num[0] == 'X') {
			num, base = num[1:], 16
		}
		v, err := strconv.ParseUint(num, base, 32)
		if err != nil {
			return "", false
		}
		r := rune(v)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), true
	}
	if e, ok := util.LookUpHTML5EntityByName(name); ok {
		return string(e.Characters), true
	}
	return "", false
}

// spanText returns the text of spans on one line.
func spanText(spans []textSpan) string {
	var b strings.Builder
	for _, s := range spans {
		if s.brk {
			b.WriteByte(' ')
		}
		b.WriteString(s.text)
	}
	return b.String()
}
