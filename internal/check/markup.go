package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/fsn-tool/fsn/internal/render"
)

// markup is what a text's Markdown holds, as goldmark parses it for the editions.
type markup struct {
	// plain is the text a reader sees, without markup: the text of code spans,
	// links and autolinks included, escapes resolved and white space collapsed.
	plain string
	codes []string // the text of each code span
	links []string // the target of each link, image and autolink
	// emphasis counts emphasis ("*a*"), strong emphasis ("**a**") and strikethrough.
	emphasis  map[string]int
	blocks    []string // the kinds of the top-level blocks, such as "a paragraph"
	lead      string   // the plain text of the first block
	items     int      // the items of the lists the text holds
	html      []string // raw HTML, inline or as a block
	toks      []token  // the tokens of plain, once found
	tokenized bool
}

// tokens returns the tokens of the text, which it finds with voc on first use.
func (m *markup) tokens(voc *vocabulary) []token {
	if !m.tokenized {
		m.toks, m.tokenized = voc.tokens(m.plain), true
	}
	return m.toks
}

// proseLength is the length of the text in characters, each token counted as one.
func (m *markup) proseLength(voc *vocabulary) int {
	return utf8.RuneCountInString(maskTokens(m.plain, m.tokens(voc)))
}

// parseMarkup parses a text of a notice or a locale file.
func parseMarkup(md string) *markup {
	if isPlainParagraph(md) {
		// What goldmark would find, without parsing: most texts are a
		// sentence or two with no markup.
		plain := collapseSpace(md)
		return &markup{plain: plain, emphasis: map[string]int{}, blocks: []string{"a paragraph"}, lead: plain}
	}
	return parseMarkdown(md)
}

// isPlainParagraph reports whether goldmark parses md as one paragraph of
// text, as written: one line that starts no other block (a list item, a
// heading, a code block, …) and has no character that could start inline
// markup, an entity or an escape. It may say no to such a line, never yes to
// another (TestPlainParagraph).
func isPlainParagraph(md string) bool {
	if md == "" || strings.ContainsRune("-+=0123456789", rune(md[0])) {
		return false
	}
	for i := 0; i < len(md); i++ {
		switch c := md[i]; {
		case c < ' ' || c == ' ' && i == 0 || c == 0x7f:
			return false // a line break, a tab, a control character, leading space
		case c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' || c == '&' || c == '~' || c == '|' || c == '#':
			return false
		}
	}
	return strings.TrimSpace(collapseSpace(md)) != ""
}

// parseMarkdown is parseMarkup by goldmark.
func parseMarkdown(md string) *markup {
	doc := render.Parse([]byte(md))
	m := inspect(doc.Root, doc.Source)
	for b := doc.Root.FirstChild(); b != nil; b = b.NextSibling() {
		m.blocks = append(m.blocks, blockKind(b))
		if b == doc.Root.FirstChild() {
			m.lead = inspect(b, doc.Source).plain
		}
	}
	return m
}

// inspect walks the tree below n, whose text is in source.
func inspect(n ast.Node, source []byte) *markup {
	m := &markup{emphasis: map[string]int{}}
	var plain strings.Builder
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.ListItem:
			m.items++
			plain.WriteByte(' ')
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
			plain.WriteByte(' ')
		case *ast.Text:
			v := n.Value(source)
			if !n.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			plain.Write(v)
			if n.SoftLineBreak() || n.HardLineBreak() {
				plain.WriteByte(' ')
			}
		case *ast.String:
			plain.Write(n.Value)
		case *ast.CodeSpan:
			code := nodeText(n, source)
			m.codes = append(m.codes, code)
			plain.WriteString(code)
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			m.links = append(m.links, string(n.Destination))
		case *ast.Image:
			m.links = append(m.links, string(n.Destination))
		case *ast.AutoLink:
			m.links = append(m.links, string(n.URL(source)))
			plain.Write(n.Label(source))
		case *ast.Emphasis:
			if n.Level >= 2 {
				m.emphasis["strong emphasis"]++
			} else {
				m.emphasis["emphasis"]++
			}
		case *east.Strikethrough:
			m.emphasis["strikethrough"]++
		case *ast.RawHTML:
			m.html = append(m.html, string(n.Segments.Value(source)))
		case *ast.HTMLBlock:
			var b strings.Builder
			for i := 0; i < n.Lines().Len(); i++ {
				line := n.Lines().At(i)
				b.Write(line.Value(source))
			}
			m.html = append(m.html, strings.TrimSpace(b.String()))
		}
		return ast.WalkContinue, nil
	})
	m.plain = collapseSpace(plain.String())
	return m
}

// nodeText returns the text of the Text nodes below n, as written.
func nodeText(n ast.Node, source []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b.Write(t.Value(source))
		}
	}
	return b.String()
}

// blockKind names a block for a message: "a paragraph", "a list of 3 items", …
func blockKind(n ast.Node) string {
	switch n := n.(type) {
	case *ast.List:
		if n.ChildCount() == 1 {
			return "a list of 1 item"
		}
		return fmt.Sprintf("a list of %d items", n.ChildCount())
	case *ast.Heading:
		return "a heading"
	case *ast.HTMLBlock:
		return "an HTML block"
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return "a code block"
	case *ast.Blockquote:
		return "a quotation"
	case *ast.ThematicBreak:
		return "a rule"
	}
	return "a " + strings.ToLower(n.Kind().String())
}
