package notice

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/fsn-tool/fsn/internal/diag"
)

// Text is a translatable block: one message of the notice. Its value may use inline
// Markdown (emphasis, `code`, links).
type Text struct {
	// ID is the message id, such as "problem.cause.detection"; Parse assigns it.
	ID string
	// Value is the text: in the source language in a parsed notice, in the edition's
	// language in a localised one.
	Value string
	// Pos is where Value was written: in notice.yaml, or in a locale file once localised.
	Pos diag.Pos
	// Description tells a translator where the text sits, such as "Troubleshooting, step 7".
	Description string
}

// String returns the text's value, so templates can print a Text directly.
func (t *Text) String() string {
	if t == nil {
		return ""
	}
	return t.Value
}

// UnmarshalYAML reads a text from a YAML scalar and remembers where it was written.
func (t *Text) UnmarshalYAML(node ast.Node) error {
	tok := node.GetToken()
	t.Pos = diag.Pos{Line: tok.Position.Line, Column: tok.Position.Column}
	switch n := node.(type) {
	case *ast.StringNode:
		t.Value = n.Value
	case *ast.LiteralNode:
		t.Value = strings.TrimRight(n.Value.Value, "\n")
	case *ast.NullNode:
		t.Value = ""
	default:
		if s, ok := node.(ast.ScalarNode); ok {
			t.Value = fmt.Sprint(s.GetValue())
			return nil
		}
		return diag.Errorf(t.Pos, "expected a text, found a %s; write the text as a string (quote it if it starts with [ or {)", strings.ToLower(node.Type().String()))
	}
	return nil
}
