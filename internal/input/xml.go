package input

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
)

// Element is an element of an XML document read by ReadXML: its name, its
// attributes, the text directly inside it, its child elements and where its
// start tag begins.
type Element struct {
	Name     xml.Name
	Attr     []xml.Attr
	Text     string // the character data directly inside, child elements left out
	Children []*Element
	Pos      diag.Pos
	// content is the text and the child elements in document order.
	content []any // string or *Element
}

// AttrValue returns the value of the attribute local (in no namespace, or in
// the xml namespace when local is "lang"), or "".
func (e *Element) AttrValue(local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && (a.Name.Space == "" || a.Name.Space == xmlNS) {
			return a.Value
		}
	}
	return ""
}

// InnerText returns the character data inside e and all its descendants, in
// document order.
func (e *Element) InnerText() string {
	var b strings.Builder
	var walk func(*Element)
	walk = func(e *Element) {
		for _, c := range e.content {
			switch c := c.(type) {
			case string:
				b.WriteString(c)
			case *Element:
				walk(c)
			}
		}
	}
	walk(e)
	return b.String()
}

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// MaxXMLElements is the most elements ReadXML reads of one document: a
// termbase or translation memory of some hundred thousand entries.
const MaxXMLElements = 4 << 20

// ReadXML parses the XML document data, read from path and described by what
// ("termbase", "TMX file"), into a tree of its elements. Errors are
// diagnostics at the file, line and column: XML that is not well-formed,
// elements nested deeper than MaxDepth, a text longer than MaxText, more than
// MaxXMLElements elements. Text between the elements of an element holding
// both is in Text without the children, and in InnerText with them, in order.
func ReadXML(path, what string, data []byte) (*Element, error) {
	if err := UTF8(path, data); err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	// pos counts lines and columns up to offset from where it last stopped:
	// the offsets asked for only grow, so the whole document is counted once.
	line, col, at := 1, 1, 0
	pos := func(offset int64) diag.Pos {
		for ; at < min(int(offset), len(data)); at++ {
			if c := data[at]; c == '\n' {
				line, col = line+1, 1
			} else if c&0xC0 != 0x80 {
				col++
			}
		}
		return diag.Pos{File: path, Line: line, Column: col}
	}
	var root *Element
	var stack []*Element
	count := 0
	for {
		offset := d.InputOffset()
		t, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line, col := d.InputPos()
				return nil, diag.Errorf(diag.Pos{File: path, Line: line, Column: col}, "the %s is not well-formed XML: %s", what, se.Msg)
			}
			return nil, diag.Errorf(pos(d.InputOffset()), "the %s is not well-formed XML: %v", what, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			if count++; count > MaxXMLElements {
				return nil, diag.Errorf(pos(offset), "the %s has more than %d elements, the most fsn reads; split it", what, MaxXMLElements)
			}
			if len(stack) >= MaxDepth {
				return nil, diag.Errorf(pos(offset), "elements are nested more than %d deep here; a %s needs far fewer", MaxDepth, what)
			}
			e := &Element{Name: t.Name, Attr: t.Copy().Attr, Pos: pos(offset)}
			if len(stack) == 0 {
				if root != nil {
					return nil, diag.Errorf(e.Pos, "the %s has a second root element <%s>", what, t.Name.Local)
				}
				root = e
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, e)
				parent.content = append(parent.content, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			e := stack[len(stack)-1]
			if len(e.Text)+len(t) > MaxText {
				return nil, diag.Errorf(pos(offset), "this text is longer than %s, the most a text may be", Size(MaxText))
			}
			e.Text += string(t)
			e.content = append(e.content, string(t))
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return nil, diag.Errorf(pos(offset), "the %s declares an entity; fsn reads no DTD entities, delete the declaration", what)
			}
		}
	}
	if root == nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "the %s holds no XML element", what)
	}
	return root, nil
}
