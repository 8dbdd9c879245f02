package notice

import (
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/fsn-tool/fsn/internal/diag"
)

// Identifiers are the lot or serial numbers of a device: single ones and ranges.
// In notice.yaml they are one identifier, a range, or a list of both:
//
//	lots: L2403
//	lots: {from: L2403, to: L2518}
//	lots: [L2390, {from: L2403, to: L2518}]
//
// fsn writes a range in each edition's language, from the label "range"; a range
// is never free text such as "L2403 to L2518", which every translation would
// have to copy in English.
type Identifiers []IdentifierRange

// IdentifierRange is one identifier (From alone) or the range From to To.
type IdentifierRange struct {
	From string `yaml:"from" json:"from"`
	To   string `yaml:"to,omitempty" json:"to,omitempty"`
	// Pos is where it was written, for warnings about it.
	Pos diag.Pos `yaml:"-" json:"-"`
}

// Values returns every identifier written, the ends of ranges included.
func (ids Identifiers) Values() []string {
	var vs []string
	for _, r := range ids {
		vs = append(vs, r.From)
		if r.To != "" {
			vs = append(vs, r.To)
		}
	}
	return vs
}

// UnmarshalYAML reads one identifier, a range or a list of them.
func (ids *Identifiers) UnmarshalYAML(node ast.Node) error {
	if seq, ok := node.(*ast.SequenceNode); ok {
		for _, item := range seq.Values {
			r, err := readRange(item)
			if err != nil {
				return err
			}
			*ids = append(*ids, r)
		}
		return nil
	}
	r, err := readRange(node)
	if err != nil {
		return err
	}
	*ids = Identifiers{r}
	return nil
}

// readRange reads an identifier ("L2403") or a range ({from: L2403, to: L2518}).
func readRange(node ast.Node) (IdentifierRange, error) {
	tok := node.GetToken()
	r := IdentifierRange{Pos: diag.Pos{Line: tok.Position.Line, Column: tok.Position.Column}}
	bad := func(format string, args ...any) error {
		return diag.Errorf(r.Pos, format+`; write an identifier (L2403), a range ({from: L2403, to: L2518}) or a list of them`, args...)
	}
	var pairs []*ast.MappingValueNode
	switch n := node.(type) {
	case *ast.MappingNode:
		pairs = n.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{n}
	case ast.ScalarNode:
		if _, null := n.(*ast.NullNode); null {
			return r, bad("an empty identifier")
		}
		r.From = strings.TrimSpace(fmt.Sprint(n.GetValue()))
		return r, nil
	default:
		return r, bad("expected an identifier or a range, found %s", node.Type())
	}
	for _, p := range pairs {
		s, ok := p.Value.(ast.ScalarNode)
		if !ok {
			return r, bad("%s of a range is not an identifier", p.Key.String())
		}
		v := strings.TrimSpace(fmt.Sprint(s.GetValue()))
		switch p.Key.String() {
		case "from":
			r.From = v
		case "to":
			r.To = v
		default:
			return r, bad("a range has only from and to, not %q", p.Key.String())
		}
	}
	if r.From == "" || r.To == "" {
		return r, bad("a range needs both from and to")
	}
	return r, nil
}
