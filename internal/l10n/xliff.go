package l10n

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// The XLIFF versions fsn writes and reads.
const (
	XLIFF12 = "1.2"
	XLIFF21 = "2.1"
)

const (
	xliff12NS = "urn:oasis:names:tc:xliff:document:1.2"
	xliff2NS  = "urn:oasis:names:tc:xliff:document:2.0" // XLIFF 2.1 keeps the namespace of 2.0
	// fsnNS is the namespace of fsn's own XLIFF attributes, such as fsn:hash.
	fsnNS = "https://github.com/fsn-tool/fsn/xliff"
)

// UnitState is how far the translation of an XLIFF unit is.
type UnitState int

// The states of a unit, from an XLIFF 1.2 target's state or an XLIFF 2.1 segment's.
const (
	// Untranslated: 1.2 new, needs-translation, needs-l10n, needs-adaptation; 2.1 initial.
	Untranslated UnitState = iota
	// NeedsReview is a translation of an older source: 1.2 needs-review-translation
	// (and -l10n, -adaptation); 2.1 initial with subState fsn:stale.
	NeedsReview
	// Translated: 1.2 and 2.1 translated.
	Translated
	// Reviewed: 1.2 signed-off, 2.1 reviewed.
	Reviewed
	// Final: 1.2 and 2.1 final.
	Final
)

// Done reports whether a unit in state s holds a translation to take: one that
// is translated, reviewed (signed off) or final.
func (s UnitState) Done() bool { return s >= Translated }

var (
	states12 = map[string]UnitState{
		"new": Untranslated, "needs-translation": Untranslated, "needs-l10n": Untranslated, "needs-adaptation": Untranslated,
		"needs-review-translation": NeedsReview, "needs-review-l10n": NeedsReview, "needs-review-adaptation": NeedsReview,
		"translated": Translated, "signed-off": Reviewed, "final": Final,
	}
	states21 = map[string]UnitState{"initial": Untranslated, "translated": Translated, "reviewed": Reviewed, "final": Final}
)

func (s UnitState) xliff12() string {
	switch s {
	case NeedsReview:
		return "needs-review-translation"
	case Translated:
		return "translated"
	case Reviewed:
		return "signed-off"
	case Final:
		return "final"
	}
	return "needs-translation"
}

func (s UnitState) xliff21() (state, subState string) {
	switch s {
	case NeedsReview:
		return "initial", "fsn:stale"
	case Translated:
		return "translated", ""
	case Reviewed:
		return "reviewed", ""
	case Final:
		return "final", ""
	}
	return "initial", ""
}

// XLIFF is an XLIFF document: the messages of one target language, one file
// element per message file (a notice, or the labels).
type XLIFF struct {
	// Version is XLIFF12 or XLIFF21 (2.0 and 2.2 documents are read as 2.1).
	Version    string
	SourceLang string
	TargetLang string
	Files      []*XLIFFFile
}

// XLIFFFile is the part of an XLIFF document for one message file.
type XLIFFFile struct {
	// Name is the base name of the message file: a notice id, or "labels".
	Name string
	// SourceLang and TargetLang are the file's languages; in XLIFF 2.1 the document's.
	SourceLang, TargetLang string
	Units                  []*XLIFFUnit
	Pos                    diag.Pos
}

// XLIFFUnit is one message, or one plural form of a message, as an XLIFF unit.
type XLIFFUnit struct {
	// ID is the message id; a plural form of a label is "<id>:<form>", such as "page:one".
	ID string
	// Hash is the go-i18n hash of the source the unit was exported with, when known.
	Hash string
	// Description and Context are the notes a translator reads.
	Description, Context string
	State                UnitState
	// Source and Target are Markdown: the inline elements put back as the Markdown they hold.
	Source, Target string
	HasTarget      bool
	// Pos is where the unit starts, TargetPos where its target does.
	Pos, TargetPos diag.Pos
	// Missing lists the inline elements of the source that the target lacks, such
	// as `<ph id="1">`; Extra those of the target the source does not have.
	Missing, Extra []string
}

// WriteXLIFF writes doc in its version, 1.2 or 2.1. The inline Markdown of each
// text becomes inline elements that hold the Markdown, so that a CAT tool
// protects it and ReadXLIFF puts it back byte for byte: code spans, autolinks and
// placeholders become 1.2 <ph> and 2.1 <ph/> with <originalData>; the ends of a
// link become 1.2 <bpt>/<ept> and a 2.1 <pc> around the link text.
func WriteXLIFF(w io.Writer, doc *XLIFF) error {
	x := &xliffWriter{enc: xml.NewEncoder(w)}
	io.WriteString(w, xml.Header)
	switch doc.Version {
	case XLIFF12:
		x.write12(doc)
	case XLIFF21:
		x.write21(doc)
	default:
		return fmt.Errorf("XLIFF version %q is not one fsn writes; use %s or %s", doc.Version, XLIFF12, XLIFF21)
	}
	x.chars("\n")
	if x.err == nil {
		x.err = x.enc.Flush()
	}
	return x.err
}

type xliffWriter struct {
	enc *xml.Encoder
	err error
}

func (x *xliffWriter) token(t xml.Token) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(t)
	}
}

func (x *xliffWriter) chars(s string) { x.token(xml.CharData(s)) }

func (x *xliffWriter) start(name string, attrs ...string) {
	x.token(xml.StartElement{Name: xml.Name{Local: name}, Attr: attrList(attrs)})
}

func (x *xliffWriter) end(name string) { x.token(xml.EndElement{Name: xml.Name{Local: name}}) }

// element writes <name attrs>text</name>.
func (x *xliffWriter) element(name, text string, attrs ...string) {
	x.start(name, attrs...)
	x.chars(text)
	x.end(name)
}

// attrList turns name, value pairs into attributes, leaving out empty values.
func attrList(pairs []string) []xml.Attr {
	var attrs []xml.Attr
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: pairs[i]}, Value: pairs[i+1]})
		}
	}
	return attrs
}

func (x *xliffWriter) write12(doc *XLIFF) {
	x.start("xliff", "xmlns", xliff12NS, "xmlns:fsn", fsnNS, "version", "1.2")
	for _, f := range doc.Files {
		x.chars("\n  ")
		x.start("file", "original", f.Name, "source-language", doc.SourceLang, "target-language", doc.TargetLang, "datatype", "plaintext")
		x.chars("\n    ")
		x.start("body")
		for _, u := range f.Units {
			x.chars("\n      ")
			approved := ""
			if u.State.Done() {
				approved = "yes"
			}
			x.start("trans-unit", "id", u.ID, "resname", u.ID, "approved", approved, "fsn:hash", u.Hash, "xml:space", "preserve")
			x.chars("\n        ")
			src, tr := splitInline(u.Source), splitInline(u.Target)
			alignInline(src, tr)
			x.start("source")
			x.inline12(src)
			x.end("source")
			if u.HasTarget || u.State != Untranslated {
				x.chars("\n        ")
				x.start("target", "state", u.State.xliff12())
				x.inline12(tr)
				x.end("target")
			}
			if u.Description != "" {
				x.chars("\n        ")
				x.element("note", u.Description, "from", "developer")
			}
			if u.Context != "" {
				x.chars("\n        ")
				x.element("note", u.Context, "from", "fsn")
			}
			x.chars("\n      ")
			x.end("trans-unit")
		}
		x.chars("\n    ")
		x.end("body")
		x.chars("\n  ")
		x.end("file")
	}
	x.chars("\n")
	x.end("xliff")
}

// ctype12 is the XLIFF 1.2 ctype of each kind of markup.
var ctype12 = map[inlineKind]string{
	inlineCode: "x-md-code", inlineAutolink: "x-md-autolink", inlinePlaceholder: "x-template", inlineOpen: "link",
}

func (x *xliffWriter) inline12(parts []inlinePart) {
	for _, p := range parts {
		id := p.id
		switch p.kind {
		case inlineText:
			x.chars(p.text)
		case inlineOpen:
			ctype := ctype12[p.kind]
			if strings.HasPrefix(p.text, "!") {
				ctype = "image"
			}
			x.element("bpt", p.text, "id", id, "ctype", ctype)
		case inlineClose:
			x.element("ept", p.text, "id", id)
		default:
			x.element("ph", p.text, "id", id, "ctype", ctype12[p.kind])
		}
	}
}

func (x *xliffWriter) write21(doc *XLIFF) {
	x.start("xliff", "xmlns", xliff2NS, "xmlns:fsn", fsnNS, "version", "2.1", "srcLang", doc.SourceLang, "trgLang", doc.TargetLang)
	for _, f := range doc.Files {
		x.chars("\n  ")
		x.start("file", "id", f.Name, "original", f.Name)
		for _, u := range f.Units {
			x.chars("\n    ")
			x.start("unit", "id", u.ID, "name", u.ID, "fsn:hash", u.Hash)
			if u.Description != "" || u.Context != "" {
				x.chars("\n      ")
				x.start("notes")
				if u.Description != "" {
					x.element("note", u.Description, "category", "description")
				}
				if u.Context != "" {
					x.element("note", u.Context, "category", "context")
				}
				x.end("notes")
			}
			src, tr := splitInline(u.Source), splitInline(u.Target)
			alignInline(src, tr)
			ids, data, srcRefs, trRefs := originalData(src, tr)
			if len(ids) > 0 {
				x.chars("\n      ")
				x.start("originalData")
				for _, id := range ids {
					x.element("data", data[id], "id", id)
				}
				x.end("originalData")
			}
			state, subState := u.State.xliff21()
			x.chars("\n      ")
			x.start("segment", "state", state, "subState", subState)
			x.start("source", "xml:space", "preserve")
			x.inline21(src, srcRefs)
			x.end("source")
			if u.HasTarget || u.State != Untranslated {
				x.start("target", "xml:space", "preserve")
				x.inline21(tr, trRefs)
				x.end("target")
			}
			x.end("segment")
			x.chars("\n    ")
			x.end("unit")
		}
		x.chars("\n  ")
		x.end("file")
	}
	x.chars("\n")
	x.end("xliff")
}

// originalData returns the <originalData> of an XLIFF 2.1 unit, the Markdown of
// each piece of markup by data id, and the data id of each part of the source
// and of the translation. The source's markup has ids "s1", "s1e" (the end of a
// link), …; the translation's reuses them where its Markdown is the same, and
// has ids "t1", … where it differs.
func originalData(src, tr []inlinePart) (ids []string, text map[string]string, srcRefs, trRefs []string) {
	text = map[string]string{}
	refs := func(parts []inlinePart, prefix string) []string {
		out := make([]string, len(parts))
		for i, p := range parts {
			if !p.isMarkup() {
				continue
			}
			id := "s" + p.id
			if p.kind == inlineClose {
				id += "e"
			}
			if t, ok := text[id]; ok && t == p.text {
				out[i] = id
				continue
			}
			id = prefix + id[1:]
			ids = append(ids, id)
			text[id], out[i] = p.text, id
		}
		return out
	}
	srcRefs = refs(src, "s")
	trRefs = refs(tr, "t")
	return ids, text, srcRefs, trRefs
}

func (x *xliffWriter) inline21(parts []inlinePart, refs []string) {
	for i, p := range parts {
		switch p.kind {
		case inlineText:
			x.chars(p.text)
		case inlineOpen:
			end := ""
			for j, q := range parts {
				if q.kind == inlineClose && q.id == p.id {
					end = refs[j]
				}
			}
			x.start("pc", "id", p.id, "dataRefStart", refs[i], "dataRefEnd", end, "canDelete", "no")
		case inlineClose:
			x.end("pc")
		default:
			x.start("ph", "id", p.id, "dataRef", refs[i], "disp", p.text, "canDelete", "no")
			x.end("ph")
		}
	}
}

// inline reads the content of a <source> or <target>: text, and the inline
// elements of XLIFF 1.2 and 2.1 with the Markdown they hold. Markers (<mrk>,
// <sm/>, <em/>) are read through.
//
// Inline elements nested deeper than input.MaxDepth, and a text longer than
// input.MaxText, are errors at their line.
func (r *xliffReader) inline() ([]inlinePart, error) {
	var parts []inlinePart
	var text strings.Builder // text not yet added to parts
	size := 0
	add := func(p inlinePart) error {
		if size += len(p.text); size > input.MaxText {
			return diag.Errorf(r.pos(), "this text is longer than %s, the most a text may be; a notice's texts are far shorter", input.Size(input.MaxText))
		}
		if p.kind == inlineText {
			text.WriteString(p.text)
			return nil
		}
		if text.Len() > 0 {
			parts = append(parts, inlinePart{kind: inlineText, text: text.String()})
			text.Reset()
		}
		parts = append(parts, p)
		return nil
	}
	depth := 0
	var content func() error
	content = func() error {
		if depth++; depth > input.MaxDepth {
			return diag.Errorf(r.pos(), "inline elements are nested more than %d deep here; a translation needs far fewer", input.MaxDepth)
		}
		defer func() { depth-- }()
		for {
			t, err := r.d.Token()
			if err != nil {
				return err
			}
			switch t := t.(type) {
			case xml.CharData:
				if err := add(inlinePart{kind: inlineText, text: string(t)}); err != nil {
					return err
				}
			case xml.EndElement:
				return nil
			case xml.StartElement:
				id := attr(t, "id")
				switch t.Name.Local {
				case "ph", "x", "it":
					text, err := r.text()
					if err != nil {
						return err
					}
					if err := add(inlinePart{kind: inlineCode, id: id, text: text, ref: attr(t, "dataRef")}); err != nil {
						return err
					}
				case "bpt", "bx", "sc":
					text, err := r.text()
					if err != nil {
						return err
					}
					if err := add(inlinePart{kind: inlineOpen, id: id, text: text, ref: attr(t, "dataRef")}); err != nil {
						return err
					}
				case "ept", "ex", "ec":
					text, err := r.text()
					if err != nil {
						return err
					}
					if rid := attr(t, "startRef"); rid != "" {
						id = rid
					}
					if err := add(inlinePart{kind: inlineClose, id: id, text: text, ref: attr(t, "dataRef")}); err != nil {
						return err
					}
				case "g", "pc":
					if err := add(inlinePart{kind: inlineOpen, id: id, ref: attr(t, "dataRefStart")}); err != nil {
						return err
					}
					if err := content(); err != nil {
						return err
					}
					if err := add(inlinePart{kind: inlineClose, id: id, ref: attr(t, "dataRefEnd")}); err != nil {
						return err
					}
				case "cp":
					n, err := strconv.ParseUint(attr(t, "hex"), 16, 32)
					if err != nil {
						return diag.Errorf(r.pos(), "<cp hex=%q> is not a hexadecimal code point", attr(t, "hex"))
					}
					if err := add(inlinePart{kind: inlineText, text: string(rune(n))}); err != nil {
						return err
					}
					if err := r.d.Skip(); err != nil {
						return err
					}
				case "mrk":
					if err := content(); err != nil {
						return err
					}
				default:
					if err := r.d.Skip(); err != nil {
						return err
					}
				}
			}
		}
	}
	if err := content(); err != nil {
		return nil, err
	}
	if text.Len() > 0 {
		parts = append(parts, inlinePart{kind: inlineText, text: text.String()})
	}
	return parts, nil
}

// ReadXLIFF reads an XLIFF 1.2 or 2.x document from data, read from path. Errors
// name the file and line: XML that is not well-formed, a document that is not
// XLIFF, a state that XLIFF does not define.
func ReadXLIFF(path string, data []byte) (*XLIFF, error) {
	r := &xliffReader{d: xml.NewDecoder(bytes.NewReader(data)), path: path}
	root, err := r.root()
	if err != nil {
		return nil, r.fail(err)
	}
	doc := &XLIFF{}
	switch {
	case root.Name.Space == xliff12NS:
		doc.Version = XLIFF12
		err = r.read12(doc)
	case root.Name.Space == xliff2NS:
		doc.Version = XLIFF21
		doc.SourceLang, doc.TargetLang = attr(root, "srcLang"), attr(root, "trgLang")
		err = r.read21(doc)
	default:
		return nil, diag.Errorf(r.pos(), "this is not an XLIFF 1.2 or 2.1 document: the root element is <%s> in namespace %q; export one with fsn l10n export", root.Name.Local, root.Name.Space)
	}
	if err != nil {
		return nil, r.fail(err)
	}
	return doc, nil
}

type xliffReader struct {
	d     *xml.Decoder
	path  string
	depth int // of the calls of children, which nest as groups do
}

// pos returns the line just read: that of the end of the last tag. (The column
// there would point after the tag, so it is left out.)
func (r *xliffReader) pos() diag.Pos {
	line, _ := r.d.InputPos()
	return diag.Pos{File: r.path, Line: line}
}

// fail turns an XML syntax error into a diagnostic at its line.
func (r *xliffReader) fail(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return diag.Errorf(diag.Pos{File: r.path, Line: se.Line}, "the XLIFF is not well-formed XML: %s", se.Msg)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return diag.Errorf(r.pos(), "the XLIFF ends before its elements are closed")
	}
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return diag.Errorf(r.pos(), "%v", err)
}

// root returns the document's root element.
func (r *xliffReader) root() (xml.StartElement, error) {
	for {
		t, err := r.d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, diag.Errorf(r.pos(), "the file holds no XML element; it is not an XLIFF document")
			}
			return xml.StartElement{}, err
		}
		if s, ok := t.(xml.StartElement); ok {
			if s.Name.Local != "xliff" {
				return s, diag.Errorf(r.pos(), "this is not an XLIFF document: its root element is <%s>, not <xliff>", s.Name.Local)
			}
			return s, nil
		}
	}
}

// children calls f for each child element of the element just read, and skips
// the rest of its content.
// Elements nested deeper than input.MaxDepth are an error.
func (r *xliffReader) children(f func(s xml.StartElement) error) error {
	if r.depth++; r.depth > input.MaxDepth {
		return diag.Errorf(r.pos(), "elements are nested more than %d deep here; an XLIFF file needs far fewer", input.MaxDepth)
	}
	defer func() { r.depth-- }()
	for {
		t, err := r.d.Token()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func attr(s xml.StartElement, name string) string {
	for _, a := range s.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

func fsnHash(s xml.StartElement) string {
	for _, a := range s.Attr {
		if a.Name.Space == fsnNS && a.Name.Local == "hash" {
			return a.Value
		}
	}
	return ""
}

// text reads the text content of the element just read; one longer than
// input.MaxText is an error.
func (r *xliffReader) text() (string, error) {
	var b strings.Builder
	for depth := 1; depth > 0; {
		t, err := r.d.Token()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.CharData:
			if b.Write(t); b.Len() > input.MaxText {
				return "", diag.Errorf(r.pos(), "this text is longer than %s, the most a text may be", input.Size(input.MaxText))
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return b.String(), nil
}

func (r *xliffReader) read12(doc *XLIFF) error {
	return r.children(func(s xml.StartElement) error {
		if s.Name.Local != "file" {
			return r.d.Skip()
		}
		f := &XLIFFFile{Name: attr(s, "original"), SourceLang: attr(s, "source-language"), TargetLang: attr(s, "target-language"), Pos: r.pos()}
		doc.Files = append(doc.Files, f)
		if doc.SourceLang == "" {
			doc.SourceLang, doc.TargetLang = f.SourceLang, f.TargetLang
		}
		var body func(s xml.StartElement) error
		body = func(s xml.StartElement) error {
			switch s.Name.Local {
			case "body", "group":
				return r.children(body)
			case "trans-unit":
				u, err := r.unit12(s)
				if err != nil {
					return err
				}
				f.Units = append(f.Units, u)
				return nil
			}
			return r.d.Skip()
		}
		return r.children(body)
	})
}

func (r *xliffReader) unit12(s xml.StartElement) (*XLIFFUnit, error) {
	u := &XLIFFUnit{ID: attr(s, "id"), Hash: fsnHash(s), Pos: r.pos()}
	var src, tr []inlinePart
	err := r.children(func(s xml.StartElement) error {
		var err error
		switch s.Name.Local {
		case "source":
			src, err = r.inline()
		case "target":
			u.HasTarget, u.TargetPos = true, r.pos()
			state := attr(s, "state")
			st, ok := states12[state]
			if !ok && state != "" {
				return diag.Errorf(u.TargetPos, "unit %q: state %q is not an XLIFF 1.2 state; use translated, signed-off or final for a finished translation", u.ID, state)
			}
			u.State = st
			tr, err = r.inline()
		case "note":
			var text string
			text, err = r.text()
			if attr(s, "from") == "developer" {
				u.Description = text
			} else if u.Context == "" {
				u.Context = text
			}
		default:
			err = r.d.Skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	u.Source, u.Target, u.Missing, u.Extra = resolveInline(src, tr)
	return u, nil
}

func (r *xliffReader) read21(doc *XLIFF) error {
	return r.children(func(s xml.StartElement) error {
		if s.Name.Local != "file" {
			return r.d.Skip()
		}
		f := &XLIFFFile{Name: attr(s, "id"), SourceLang: doc.SourceLang, TargetLang: doc.TargetLang, Pos: r.pos()}
		if o := attr(s, "original"); o != "" {
			f.Name = o
		}
		doc.Files = append(doc.Files, f)
		var body func(s xml.StartElement) error
		body = func(s xml.StartElement) error {
			switch s.Name.Local {
			case "group":
				return r.children(body)
			case "unit":
				u, err := r.unit21(s)
				if err != nil {
					return err
				}
				f.Units = append(f.Units, u)
				return nil
			}
			return r.d.Skip()
		}
		return r.children(body)
	})
}

func (r *xliffReader) unit21(s xml.StartElement) (*XLIFFUnit, error) {
	u := &XLIFFUnit{ID: attr(s, "id"), Hash: fsnHash(s), Pos: r.pos(), State: Final}
	data := map[string]string{}
	var src, tr []inlinePart
	segments := 0
	err := r.children(func(s xml.StartElement) error {
		switch s.Name.Local {
		case "notes":
			return r.children(func(s xml.StartElement) error {
				text, err := r.text()
				if attr(s, "category") == "description" {
					u.Description = text
				} else if u.Context == "" {
					u.Context = text
				}
				return err
			})
		case "originalData":
			return r.children(func(s xml.StartElement) error {
				text, err := r.text()
				data[attr(s, "id")] = text
				return err
			})
		case "segment", "ignorable":
			segments++
			state := attr(s, "state")
			st, ok := states21[state]
			switch {
			case state == "" && s.Name.Local == "ignorable":
				st = Final
			case state == "":
				st = Untranslated
			case !ok:
				return diag.Errorf(r.pos(), "unit %q: state %q is not an XLIFF 2.1 state; use translated, reviewed or final for a finished translation", u.ID, state)
			case st == Untranslated && attr(s, "subState") == "fsn:stale":
				st = NeedsReview
			}
			u.State = min(u.State, st)
			return r.children(func(s xml.StartElement) error {
				switch s.Name.Local {
				case "source":
					parts, err := r.inline()
					src = append(src, parts...)
					return err
				case "target":
					if !u.HasTarget {
						u.HasTarget, u.TargetPos = true, r.pos()
					}
					parts, err := r.inline()
					tr = append(tr, parts...)
					return err
				}
				return r.d.Skip()
			})
		}
		return r.d.Skip()
	})
	if err != nil {
		return nil, err
	}
	if segments == 0 {
		u.State = Untranslated
	}
	for _, parts := range [][]inlinePart{src, tr} {
		for i, p := range parts {
			if p.isMarkup() && p.text == "" {
				parts[i].text = data[p.ref]
			}
		}
	}
	u.Source, u.Target, u.Missing, u.Extra = resolveInline(src, tr)
	return u, nil
}
