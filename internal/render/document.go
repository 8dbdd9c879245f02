// Package render writes the editions of a localised notice: the Markdown edition
// from a text/template, then, from that Markdown parsed once by goldmark, the HTML
// page and the PDF. Both writers walk the same AST, so the three editions cannot
// drift apart.
package render

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Document is a Markdown edition parsed once: its source and its goldmark AST.
type Document struct {
	Source []byte
	Root   ast.Node
	// Images are the images the document shows, by the names its figures
	// give them (NoticeImages); the HTML page and the PDF embed them.
	Images map[string]*ImageFile
}

// markdown is the one goldmark configuration for every edition: GitHub tables and
// task lists, and the {#id} that the template writes at the end of a heading
// (headingIDParser; no other attribute exists). Raw HTML is never passed through.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.TaskList, extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithBlockParsers(
		util.Prioritized(headingIDParser{parser.NewATXHeadingParser()}, 599))),
)

// Parse parses a Markdown edition.
func Parse(source []byte) *Document {
	return &Document{Source: source, Root: markdown.Parser().Parse(text.NewReader(source))}
}

// ReplyFormID is the heading id that starts the customer reply form; the PDF writer
// puts the form on a page of its own.
const ReplyFormID = "reply-form"

// DistributorFormID is the heading id that starts the distributor and importer
// reply form, which also begins on a new page.
const DistributorFormID = "distributor-reply-form"

// HeadingID returns the {#id} attribute of a heading, or "".
func HeadingID(h *ast.Heading) string {
	if v, ok := h.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// PlainText returns the text of a Markdown snippet without its markup, for places
// that take no formatting: titles, metadata, file properties.
func PlainText(md string) string {
	src := []byte(md)
	var b []byte
	ast.Walk(markdown.Parser().Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b = append(b, n.Segment.Value(src)...)
			if n.SoftLineBreak() || n.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, n.Value...)
		case *ast.AutoLink:
			b = append(b, n.URL(src)...)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph:
			if n.PreviousSibling() != nil {
				b = append(b, ' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return string(b)
}
