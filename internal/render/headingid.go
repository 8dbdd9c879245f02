package render

import (
	"bytes"
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

// Published returns the Markdown edition as fsn writes it for its readers: the
// document's source without the {#id} of its headings. The ids are fsn's own
// syntax, for the HTML and PDF editions; the renderers of GitHub and GitLab
// (cmark-gfm) have no such syntax and would show "Mittente {#sender}", and they
// give each heading an anchor of their own from its text. fsn verify finds the
// sections of the Markdown edition by their headings' texts.
func (d *Document) Published() []byte {
	var cuts [][2]int // the ranges of the source that hold an id, in order
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if HeadingID(h) != "" && h.Lines().Len() == 1 {
			stop := h.Lines().At(0).Stop
			end := stop + bytes.IndexByte(d.Source[stop:], '\n')
			if end < stop {
				end = len(d.Source)
			}
			if end > stop && d.Source[end-1] == '\r' {
				end--
			}
			cuts = append(cuts, [2]int{stop, end})
		}
		return ast.WalkSkipChildren, nil
	})
	out := make([]byte, 0, len(d.Source))
	last := 0
	for _, c := range cuts {
		out = append(out, d.Source[last:c[0]]...)
		last = c[1]
	}
	return append(out, d.Source[last:]...)
}
