package render

import (
	"regexp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingIDParser is goldmark's ATX heading parser with fsn's one heading
// attribute: the {#id} that the template writes at the end of a heading's line,
// "## Sender {#sender}". goldmark's own attribute syntax ({.class}, {style=…},
// on any heading) is not enabled, so nothing in the Markdown can set another
// HTML attribute; and since every text and label has its braces escaped before
// the template runs (see Templates.Markdown), only the template writes an id.
type headingIDParser struct{ parser.BlockParser }

// headingID matches the {#id} at the end of a heading's line, after white space.
// An escaped brace ("\{#id}") is text, as the backslash stands before it.
var headingID = regexp.MustCompile(`[ \t]+\{#([A-Za-z][A-Za-z0-9_-]*)\}$`)

// Open opens an ATX heading and takes the {#id} off the end of its line.
func (p headingIDParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	node, state := p.BlockParser.Open(parent, reader, pc)
	h, ok := node.(*ast.Heading)
	if !ok || h.Lines().Len() != 1 {
		return node, state
	}
	seg := h.Lines().At(0)
	line := seg.Value(reader.Source())
	if m := headingID.FindSubmatchIndex(line); m != nil {
		h.SetAttribute([]byte("id"), append([]byte(nil), line[m[2]:m[3]]...))
		seg.Stop = seg.Start + m[0]
		h.Lines().Set(0, seg)
	}
	return node, state
}
