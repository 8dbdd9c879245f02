package input

import (
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/fsn-tool/fsn/internal/diag"
)

// MaxYAMLNodes is the number of YAML nodes a file may hold once its aliases
// are expanded: a notice has a few thousand. It stops a "billion laughs" file,
// whose aliases of aliases expand a few kilobytes to gigabytes.
const MaxYAMLNodes = 100_000

// ParseYAML parses a YAML file into its syntax tree after checking what the
// YAML library (github.com/goccy/go-yaml) does not bound: collections nested
// deeper than MaxDepth, which it parses in time and memory that grow much
// faster than the nesting, and aliases that expand to more than MaxYAMLNodes
// nodes. The tree keeps aliases unexpanded. A leading UTF-8 byte-order mark is
// dropped. The error of a limit is a diagnostic at the line and column where
// the limit is passed; that of the parser is returned as it is, for
// diag.YAMLError.
func ParseYAML(file string, data []byte) (*ast.File, error) {
	data = DropBOM(data)
	tokens := lexer.Tokenize(string(data))
	depth := 0
	for _, t := range tokens {
		switch t.Type {
		case token.SequenceStartType, token.MappingStartType:
			if depth++; depth > MaxDepth {
				return nil, diag.Errorf(tokenPos(file, t), "collections are nested more than %d deep here; a notice needs far fewer: close the brackets that are open", MaxDepth)
			}
		case token.SequenceEndType, token.MappingEndType:
			depth--
		}
	}
	f, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil, err
	}
	c := &nodeCounter{file: file, anchors: map[string]ast.Node{}, sizes: map[ast.Node]int{}}
	for _, doc := range f.Docs {
		if err := c.count(doc, 0); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// DropBOM returns data without a leading UTF-8 byte-order mark, which some
// editors on Windows write.
func DropBOM(data []byte) []byte {
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		return data[3:]
	}
	return data
}

func tokenPos(file string, t *token.Token) diag.Pos {
	return diag.Pos{File: file, Line: t.Position.Line, Column: t.Position.Column}
}

// nodeCounter counts the nodes of a YAML tree as decoding would see them, each
// alias standing for the whole of its anchor's value.
type nodeCounter struct {
	file    string
	total   int
	anchors map[string]ast.Node // the value of each anchor defined so far
	sizes   map[ast.Node]int    // the expanded size of each anchor's value
}

// count adds the expanded size of n to the total and fails once it passes
// MaxYAMLNodes. depth bounds the recursion through aliases of aliases.
func (c *nodeCounter) count(n ast.Node, depth int) error {
	if n == nil {
		return nil
	}
	c.total++
	if c.total > MaxYAMLNodes {
		return diag.Errorf(tokenPos(c.file, n.GetToken()), "the file holds more than %d YAML values once its aliases (*name) are expanded; write the values out instead of repeating aliases of aliases", MaxYAMLNodes)
	}
	if depth > MaxDepth*4 {
		return diag.Errorf(tokenPos(c.file, n.GetToken()), "collections and aliases are nested more than %d deep here; write the values out", MaxDepth*4)
	}
	switch n := n.(type) {
	case *ast.DocumentNode:
		return c.count(n.Body, depth+1)
	case *ast.MappingNode:
		for _, v := range n.Values {
			if err := c.count(v, depth+1); err != nil {
				return err
			}
		}
	case *ast.MappingValueNode:
		if err := c.count(n.Key, depth+1); err != nil {
			return err
		}
		return c.count(n.Value, depth+1)
	case *ast.MappingKeyNode:
		return c.count(n.Value, depth+1)
	case *ast.SequenceNode:
		for _, v := range n.Values {
			if err := c.count(v, depth+1); err != nil {
				return err
			}
		}
	case *ast.TagNode:
		return c.count(n.Value, depth+1)
	case *ast.AnchorNode:
		before := c.total
		if err := c.count(n.Value, depth+1); err != nil {
			return err
		}
		if name := n.Name.GetToken().Value; n.Value != nil {
			c.anchors[name] = n.Value
			c.sizes[n.Value] = c.total - before
		}
	case *ast.AliasNode:
		value := c.anchors[n.Value.GetToken().Value]
		if value == nil {
			return nil // the decoder reports an unknown alias
		}
		c.total += c.sizes[value]
		if c.total > MaxYAMLNodes {
			return diag.Errorf(tokenPos(c.file, n.GetToken()), "the file holds more than %d YAML values once its aliases (*name) are expanded; write the values out instead of repeating aliases of aliases", MaxYAMLNodes)
		}
	}
	return nil
}
