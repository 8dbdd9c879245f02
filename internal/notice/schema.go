package notice

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/fsn-tool/fsn/internal/diag"
)

// The checks of this file run on the YAML tree before it is decoded, so that a
// notice with several unknown fields or wrongly shaped values gets every
// problem reported in one run, top to bottom, each at its place, and in words
// a safety officer understands rather than in the decoder's Go terms.

// schema is the shape of one field of the notice format.
type schema struct {
	t reflect.Type
	// path is how messages name the field: "actions.<group>.deadline".
	path string
}

var (
	textType        = reflect.TypeFor[Text]()
	dateType        = reflect.TypeFor[Date]()
	identifiersType = reflect.TypeFor[Identifiers]()
	deadlineType    = reflect.TypeFor[Deadline]()
)

// homes maps every field name of the format to the paths where it may be
// written, for telling where a misplaced field belongs.
var homes = func() map[string][]string {
	h := map[string][]string{}
	var collect func(t reflect.Type, path string)
	collect = func(t reflect.Type, path string) {
		for _, f := range structFields(t) {
			p := join(path, f.name)
			h[f.name] = append(h[f.name], path)
			et := deref(f.t)
			if et.Kind() == reflect.Slice && et != identifiersType {
				collect(deref(et.Elem()), elementPath(path, f.name))
			} else {
				collect(et, p)
			}
		}
	}
	collect(reflect.TypeFor[Notice](), "")
	return h
}()

// field is one YAML key of a struct of the format.
type field struct {
	name string
	t    reflect.Type
}

// structFields returns the YAML keys of struct t, inline structs' included;
// nil for types that are not a struct of the format.
func structFields(t reflect.Type) []field {
	if t.Kind() != reflect.Struct || t == textType || t == dateType {
		return nil
	}
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case !f.IsExported() || name == "-":
		case strings.Contains(opts, "inline"):
			fs = append(fs, structFields(f.Type)...)
		case name != "":
			fs = append(fs, field{name, f.Type})
		}
	}
	return fs
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// elementPath names an item of the list key under path as the message ids do:
// "actions.<group>" for an entry of actions.groups, "devices.<device>".
func elementPath(path, key string) string {
	switch key {
	case "groups":
		return join(path, "<group>")
	case "target_groups":
		return join(key, "<group>")
	case "devices":
		return join(key, "<device>")
	case "countries":
		return join(key, "<country>")
	}
	return join(join(path, key), "<id>")
}

// checkSchema reports every key of the YAML document that the notice format
// does not have and every value whose shape differs from the field's: shape,
// after which the notice cannot be decoded. values are the values of the
// right shape that are wrong (a UDI-DI's check digit, a tick box), which do
// not stop decoding, so that they are reported with the other problems.
func checkSchema(file string, f *ast.File) (shape, values diag.List) {
	for _, doc := range f.Docs {
		if doc.Body != nil {
			s := &schemaCheck{file: file}
			s.value(doc.Body, reflect.TypeFor[Notice](), "")
			shape = append(shape, s.errs...)
			values = append(values, s.values...)
		}
	}
	return shape, values
}

type schemaCheck struct {
	file   string
	errs   diag.List
	values diag.List
}

func (s *schemaCheck) errorf(node ast.Node, format string, args ...any) {
	s.errs.Errorf(s.pos(node), format, args...)
}

// valuef reports a value of the right shape that is wrong.
func (s *schemaCheck) valuef(node ast.Node, format string, args ...any) {
	s.values.Errorf(s.pos(node), format, args...)
}

func (s *schemaCheck) pos(node ast.Node) diag.Pos {
	pos := diag.Pos{File: s.file}
	if tok := node.GetToken(); tok != nil {
		pos.Line, pos.Column = tok.Position.Line, tok.Position.Column
	}
	return pos
}

// value checks node against type t of the field at path.
func (s *schemaCheck) value(node ast.Node, t reflect.Type, path string) {
	t = deref(t)
	switch node.(type) {
	case *ast.NullNode, *ast.AliasNode, *ast.AnchorNode, *ast.TagNode:
		return // empty is checked after decoding; aliases and tags are left to the decoder
	case *ast.CommentGroupNode:
		return
	}
	name := path
	if name == "" {
		name = "the notice"
	}
	switch {
	case t == textType:
		if !isScalar(node) {
			s.errorf(node, "%s is %s; expected a text: write it as a string (quote it if it starts with [ or {)", name, shapeOf(node))
		}
	case t == dateType:
		if !isScalar(node) {
			s.errorf(node, "%s is %s; expected a date written as YYYY-MM-DD, such as 2026-04-30", name, shapeOf(node))
		}
	case t == identifiersType:
		s.identifiers(node, name)
	case t == deadlineType:
		if !isScalar(node) {
			s.mapping(node, t, path, "a date (2026-04-30) or a mapping {date: 2026-04-30, note: …}")
		}
	case t.Kind() == reflect.Struct:
		s.mapping(node, t, path, "")
	case t.Kind() == reflect.Slice:
		seq, ok := node.(*ast.SequenceNode)
		if !ok {
			s.errorf(node, "%s is %s; expected %s", name, shapeOf(node), listShape(t.Elem(), path))
			return
		}
		for _, item := range seq.Values {
			s.value(item, t.Elem(), elementPath(parentOf(path), lastOf(path)))
		}
	case t.Kind() == reflect.Bool:
		if _, ok := node.(*ast.BoolNode); !ok {
			s.errorf(node, "%s is %s; expected true or false", name, shapeOf(node))
		}
	case t.Kind() == reflect.Int:
		if _, ok := node.(*ast.IntegerNode); !ok {
			s.errorf(node, "%s is %s; expected a whole number, such as 41800", name, shapeOf(node))
		}
	case t.Kind() == reflect.String:
		if !isScalar(node) {
			s.errorf(node, "%s is %s; expected a single value written as a string", name, shapeOf(node))
		}
	}
}

// mapping checks that node is a mapping of the fields of struct t, reporting
// each unknown key.
func (s *schemaCheck) mapping(node ast.Node, t reflect.Type, path, shape string) {
	fields := structFields(t)
	if shape == "" {
		shape = "a mapping of " + fieldNames(fields)
	}
	var pairs []*ast.MappingValueNode
	switch n := node.(type) {
	case *ast.MappingNode:
		pairs = n.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{n}
	default:
		name := path
		if name == "" {
			name = "the notice"
		}
		s.errorf(node, "%s is %s; expected %s", name, shapeOf(node), shape)
		return
	}
	for _, p := range pairs {
		key := p.Key.String()
		if key == "<<" {
			continue // a merge key; the decoder merges it
		}
		i := slices.IndexFunc(fields, func(f field) bool { return f.name == key })
		if i < 0 {
			s.errorf(p.Key, "%s", unknownField(key, path, fields))
			continue
		}
		s.value(p.Value, fields[i].t, join(path, key))
		s.checkValue(key, path, p.Value)
	}
}

// checkValue checks the values the decoder takes as any string: a UDI-DI by
// its issuing entity's rules, the tick boxes by the template's list, web
// addresses by their scheme.
func (s *schemaCheck) checkValue(key, path string, node ast.Node) {
	if !isScalar(node) && key != "do" {
		return
	}
	value := ""
	if tok := node.GetToken(); tok != nil {
		value = tok.Value
	}
	if strings.Contains(value, "TODO:") {
		return // a placeholder, reported as one
	}
	switch key {
	case "udi_di":
		if _, null := node.(*ast.NullNode); !null {
			if msg := CheckUDIDI(value); msg != "" {
				s.valuef(node, "%s.udi_di: %s", path, msg)
			}
		}
	case "website", "web":
		if _, null := node.(*ast.NullNode); !null && !strings.HasPrefix(value, "https://") && !strings.HasPrefix(value, "http://") {
			s.valuef(node, "%s.%s %s is not a web address; write it in full, such as https://www.example.com", path, key, diag.Quote(value))
		}
	case "do":
		seq, ok := node.(*ast.SequenceNode)
		if !ok {
			return
		}
		allowed := UserActions
		if path == "manufacturer_actions" {
			allowed = ManufacturerActionTypes
		}
		seen := map[string]bool{}
		for _, item := range seq.Values {
			v := item.GetToken().Value
			switch {
			case !slices.Contains(allowed, v):
				s.valuef(item, "%s.do: %s is not a tick box of the FSN template here; write one of %s", path, diag.Quote(v), strings.Join(allowed, ", "))
			case seen[v]:
				s.valuef(item, "%s.do: %s is ticked twice; tick it once", path, diag.Quote(v))
			case v == "none" && len(seq.Values) > 1 || v != "none" && seen["none"]:
				s.valuef(item, "%s.do: \"none\" cannot be ticked with other actions; keep \"none\" alone or remove it", path)
			}
			seen[v] = true
		}
	}
}

// unknownField says what is wrong with key under path and what to do: where
// the field belongs when it belongs elsewhere, the closest field here when it
// looks like a typo, and else the fields that may be written here.
func unknownField(key, path string, fields []field) string {
	where := "here"
	if path == "" {
		where = "at the top level"
	} else {
		where = "under " + path
	}
	msg := fmt.Sprintf("unknown field %q %s: its content would be ignored", key, where)
	if places := homes[key]; len(places) > 0 {
		return msg + fmt.Sprintf("; %s belongs under %s: move it there", key, orList(placeNames(places)))
	}
	here := make([]string, len(fields))
	for i, f := range fields {
		here[i] = f.name
	}
	if c := diag.Closest(key, here); c != "" {
		return msg + fmt.Sprintf("; did you mean %q?", c)
	}
	if c := diag.Closest(key, fieldsAnywhere()); c != "" {
		return msg + fmt.Sprintf("; did you mean %q, which belongs under %s?", c, orList(placeNames(homes[c])))
	}
	return msg + "; " + where + " a notice has " + fieldNames(fields) + " (see docs/notice-format.md)"
}

// placeNames names the paths where a field may be written, at most four.
func placeNames(places []string) []string {
	var names []string
	for i, p := range places {
		if i == 4 {
			return append(names, fmt.Sprintf("%d other places", len(places)-4))
		}
		if p == "" {
			p = "the top level"
		}
		names = append(names, p)
	}
	return names
}

func fieldsAnywhere() []string {
	var names []string
	for k := range homes {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

func fieldNames(fields []field) string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return orList(names)
}

// identifiers checks lots or serials: an identifier, a range or a list of both.
func (s *schemaCheck) identifiers(node ast.Node, name string) {
	check := func(n ast.Node) {
		switch n := n.(type) {
		case *ast.MappingNode:
			for _, p := range n.Values {
				s.rangeEnd(p, name)
			}
		case *ast.MappingValueNode:
			s.rangeEnd(n, name)
		case *ast.SequenceNode:
			s.errorf(n, "%s holds a list inside a list; write an identifier (L2403), a range ({from: L2403, to: L2518}) or one list of them", name)
		}
	}
	if seq, ok := node.(*ast.SequenceNode); ok {
		for _, item := range seq.Values {
			check(item)
		}
		return
	}
	check(node)
}

// rangeEnd checks one key of a range of identifiers.
func (s *schemaCheck) rangeEnd(p *ast.MappingValueNode, name string) {
	const how = "; write an identifier (L2403), a range ({from: L2403, to: L2518}) or a list of them"
	switch key := p.Key.String(); {
	case key != "from" && key != "to":
		s.errorf(p.Key, "%s: a range has only from and to, not %q%s", name, key, how)
	case !isScalar(p.Value):
		s.errorf(p.Value, "%s: %s of a range is not an identifier but %s%s", name, key, shapeOf(p.Value), how)
	}
}

// listShape describes a list of elem for an error message.
func listShape(elem reflect.Type, path string) string {
	elem = deref(elem)
	switch {
	case elem == textType || elem.Kind() == reflect.String:
		return fmt.Sprintf("a list, such as [%s, …] or one \"- item\" per line", exampleOf(path))
	case elem.Kind() == reflect.Struct:
		return "a list of entries (one \"- \" per entry), each a mapping of " + fieldNames(structFields(elem))
	}
	return "a list"
}

func exampleOf(path string) string {
	switch lastOf(path) {
	case "address":
		return "Main St. 1, 12345 Town"
	case "languages":
		return "en, de, fr"
	case "do":
		return "identify, quarantine"
	}
	return "first, second"
}

func parentOf(path string) string {
	if i := strings.LastIndex(path, "."); i >= 0 {
		return path[:i]
	}
	return ""
}

func lastOf(path string) string { return path[strings.LastIndex(path, ".")+1:] }

func isScalar(node ast.Node) bool {
	_, ok := node.(ast.ScalarNode)
	return ok
}

// shapeOf names the shape of node as the messages do: "a list", "a mapping", "a text".
func shapeOf(node ast.Node) string {
	switch n := node.(type) {
	case *ast.SequenceNode:
		return "a list"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.BoolNode:
		return "true or false"
	case *ast.IntegerNode, *ast.FloatNode:
		return "a number"
	case *ast.StringNode:
		return fmt.Sprintf("the text %s", diag.Quote(diag.Abbreviate(n.Value, 40)))
	}
	return "a " + strings.ToLower(node.Type().String())
}
