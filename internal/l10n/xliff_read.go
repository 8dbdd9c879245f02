package l10n

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// ReadXLIFF reads an XLIFF 1.2 or 2.x document from data, read from path (1.1,
// which translate-toolkit's po2xliff writes, is read as 1.2). Errors
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
	case root.Name.Space == xliff12NS || root.Name.Space == xliff11NS:
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

// fsnAttr returns the value of fsn's attribute fsn:name on s, or "".
func fsnAttr(s xml.StartElement, name string) string {
	for _, a := range s.Attr {
		if a.Name.Space == fsnNS && a.Name.Local == name {
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
		return r.units(f, "trans-unit", r.unit12, "body", "group")
	})
}

// units reads the units of the file element f was read from into f.Units:
// each element named unit, read by read, at any depth of the container
// elements (XLIFF 1.2's body and group, 2.1's group). Other elements are
// skipped.
func (r *xliffReader) units(f *XLIFFFile, unit string, read func(xml.StartElement) (*XLIFFUnit, error), containers ...string) error {
	var body func(s xml.StartElement) error
	body = func(s xml.StartElement) error {
		switch {
		case slices.Contains(containers, s.Name.Local):
			return r.children(body)
		case s.Name.Local == unit:
			u, err := read(s)
			if err != nil {
				return err
			}
			f.Units = append(f.Units, u)
			return nil
		}
		return r.d.Skip()
	}
	return r.children(body)
}

func (r *xliffReader) unit12(s xml.StartElement) (*XLIFFUnit, error) {
	hash := fsnAttr(s, "hash") // as fsn wrote it before the strict schema
	if x := attr(s, "extradata"); strings.HasPrefix(x, "sha1-") {
		hash = x
	}
	u := &XLIFFUnit{ID: attr(s, "id"), Hash: hash, Pos: r.pos()}
	var src, tr []inlinePart
	err := r.children(func(s xml.StartElement) error {
		var err error
		switch s.Name.Local {
		case "source":
			src, err = r.inline()
		case "target":
			u.HasTarget, u.TargetPos = true, r.pos()
			state := attr(s, "state")
			u.StateName = state
			st, ok := states12[state]
			if !ok && state != "" {
				return diag.Errorf(u.TargetPos, "unit %q: state %q is not an XLIFF 1.2 state; use translated, signed-off or final for a finished translation", u.ID, state)
			}
			u.State = st
			tr, err = r.inline()
		case "note":
			var text string
			text, err = r.text()
			u.addNote(attr(s, "from"), text, "developer", "fsn")
		case "alt-trans":
			var sg *XLIFFSuggestion
			sg, err = r.altTrans12(s)
			if sg != nil {
				u.Suggestions = append(u.Suggestions, sg)
			}
		default:
			err = r.d.Skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if u.State == Untranslated && slices.ContainsFunc(u.Suggestions, func(s *XLIFFSuggestion) bool { return s.Earlier }) {
		u.State = NeedsReview
	}
	u.Source, u.Target, u.Missing, u.Extra = resolveInline(src, tr)
	return u, nil
}

// addNote files a note of u by its category (1.2 from, 2.1 category): the
// description, the context fsn wrote (the first one), or a further note; and
// takes its waiver lines and its base. The notes fsn writes for the terms, the
// matches and the base are not filed: they are no translator's.
func (u *XLIFFUnit) addNote(category, text, description, context string) {
	for _, line := range strings.Split(text, "\n") {
		if m := baseNote.FindStringSubmatch(line); m != nil && u.Base == "" {
			u.Base = m[1]
		}
	}
	switch {
	case strings.HasPrefix(text, TermNotePrefix), strings.HasPrefix(text, MatchNotePrefix), baseNote.MatchString(text):
	case category == description:
		u.Description = text
	case category == context && u.Context == "":
		u.Context = text
	default:
		u.Notes = append(u.Notes, text)
	}
	for _, line := range strings.Split(text, "\n") {
		if m := waiverNote.FindStringSubmatch(line); m != nil {
			u.Waivers = append(u.Waivers, "# fsn:waive"+m[1])
		}
	}
}

// waiverNote is a line of a note that records a waiver: "fsn:waive CHECK:
// reason", with or without the "# " of a locale file.
var waiverNote = regexp.MustCompile(`^\s*(?:#\s*)?fsn:waive\b(.*)$`)

// altTrans12 reads an XLIFF 1.2 <alt-trans>: a suggestion, or nil for one
// without a target.
func (r *xliffReader) altTrans12(s xml.StartElement) (*XLIFFSuggestion, error) {
	sg := &XLIFFSuggestion{Origin: attr(s, "origin"), Earlier: attr(s, "alttranstype") == "previous-version"}
	sg.Quality, _ = strconv.Atoi(strings.TrimSuffix(attr(s, "match-quality"), "%"))
	var src, tr []inlinePart
	hasTarget := false
	err := r.children(func(s xml.StartElement) error {
		var err error
		switch s.Name.Local {
		case "source":
			src, err = r.inline()
		case "target":
			hasTarget = true
			tr, err = r.inline()
		default:
			err = r.d.Skip()
		}
		return err
	})
	if err != nil || !hasTarget {
		return nil, err
	}
	sg.Source, sg.Target, _, _ = resolveInline(src, tr)
	return sg, nil
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
		return r.units(f, "unit", r.unit21, "group")
	})
}

func (r *xliffReader) unit21(s xml.StartElement) (*XLIFFUnit, error) {
	u := &XLIFFUnit{ID: attr(s, "id"), Hash: fsnAttr(s, "hash"), Base: fsnAttr(s, "base"), Pos: r.pos(), State: Final}
	data := map[string]string{}
	var src, tr []inlinePart
	segments := 0
	err := r.children(func(s xml.StartElement) error {
		switch s.Name.Local {
		case "notes":
			return r.children(func(s xml.StartElement) error {
				text, err := r.text()
				u.addNote(attr(s, "category"), text, "description", "context")
				return err
			})
		case "matches":
			if s.Name.Space != matchesNS {
				return r.d.Skip()
			}
			return r.children(func(s xml.StartElement) error {
				if s.Name.Local != "match" {
					return r.d.Skip()
				}
				sg, err := r.match21(s)
				if sg != nil {
					u.Suggestions = append(u.Suggestions, sg)
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
			if u.StateName == "" {
				u.StateName = state
			}
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
	fillData(data, src, tr)
	u.Source, u.Target, u.Missing, u.Extra = resolveInline(src, tr)
	return u, nil
}

// fillData gives each markup part without Markdown the Markdown of its data id.
func fillData(data map[string]string, texts ...[]inlinePart) {
	for _, parts := range texts {
		for i, p := range parts {
			if p.isMarkup() && p.text == "" {
				parts[i].text = data[p.ref]
			}
		}
	}
}

// match21 reads an <mtc:match> of XLIFF 2: a suggestion, or nil for one without
// a target. The earlier translation that fsn offers has the origin
// earlierOrigin.
func (r *xliffReader) match21(s xml.StartElement) (*XLIFFSuggestion, error) {
	sg := &XLIFFSuggestion{Origin: attr(s, "origin")}
	sg.Earlier = sg.Origin == EarlierOrigin
	if q, err := strconv.ParseFloat(attr(s, "similarity"), 64); err == nil {
		sg.Quality = int(q)
	}
	data := map[string]string{}
	var src, tr []inlinePart
	hasTarget := false
	err := r.children(func(s xml.StartElement) error {
		var err error
		switch s.Name.Local {
		case "originalData":
			return r.children(func(s xml.StartElement) error {
				text, err := r.text()
				data[attr(s, "id")] = text
				return err
			})
		case "source":
			src, err = r.inline()
		case "target":
			hasTarget = true
			tr, err = r.inline()
		default:
			err = r.d.Skip()
		}
		return err
	})
	if err != nil || !hasTarget {
		return nil, err
	}
	fillData(data, src, tr)
	sg.Source, sg.Target, _, _ = resolveInline(src, tr)
	return sg, nil
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
