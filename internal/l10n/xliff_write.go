package l10n

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
)

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
	x.start("xliff", "xmlns", xliff12NS, "version", "1.2")
	for _, f := range doc.Files {
		x.chars("\n  ")
		x.start("file", "original", f.Name, "source-language", doc.SourceLang, "target-language", doc.TargetLang, "datatype", "plaintext")
		x.chars("\n    ")
		x.start("body")
		for _, u := range f.Units {
			x.unit12(u)
		}
		x.chars("\n    ")
		x.end("body")
		x.chars("\n  ")
		x.end("file")
	}
	x.chars("\n")
	x.end("xliff")
}

// unit12 writes u as an XLIFF 1.2 <trans-unit>. A unit that needs work gets a
// copy of its source as target in state needs-translation: OmegaT translates
// the text of <target> when there is one and shows no unit without it, and
// Trados and memoQ read a source copy as not translated. A finished unit keeps
// its translation and is marked translate="no", so that a CAT tool shows it as
// context and offers only the units that need work. The hash of the source
// goes into extradata, the one place for a tool's own data that the strict
// schema allows.
func (x *xliffWriter) unit12(u *XLIFFUnit) {
	x.chars("\n      ")
	translate, approved, target := "", "", u.Source
	if u.State.Done() {
		translate, approved, target = "no", "yes", u.Target
	}
	x.start("trans-unit", "id", u.ID, "resname", u.ID, "translate", translate, "approved", approved, "extradata", u.Hash, "xml:space", "preserve")
	x.chars("\n        ")
	src, tr := splitInline(u.Source), splitInline(target)
	alignInline(src, tr)
	x.start("source")
	x.inline12(src)
	x.end("source")
	x.chars("\n        ")
	x.start("target", "state", u.State.xliff12())
	x.inline12(tr)
	x.end("target")
	x.annotations12(u)
	x.chars("\n      ")
	x.end("trans-unit")
}

// annotations12 writes what a translator reads beside the source: the notes,
// then each suggestion as an <alt-trans> (the strict schema allows these after
// the target, in any order). The terms, the translation memory's matches and
// the base are notes from "developer", which Trados, memoQ and OmegaT show as
// comments and translate-toolkit's xliff2po keeps as a PO file's extracted
// comments (#.); a match is an <alt-trans> too, for the tools that offer those
// as matches.
func (x *xliffWriter) annotations12(u *XLIFFUnit) {
	note := func(text, from string) {
		if text != "" {
			x.chars("\n        ")
			x.element("note", text, "from", from)
		}
	}
	note(u.Description, "developer")
	note(u.Context, "fsn")
	for _, n := range u.Notes {
		note(n, "fsn-note")
	}
	for _, t := range u.Terms {
		note(t.Note(), "developer")
	}
	for _, s := range u.Suggestions {
		if !s.Earlier {
			note(s.Note(), "developer")
		}
	}
	if u.Base != "" {
		note(BaseNote(u.Base), "developer")
	}
	for _, s := range u.Suggestions {
		x.chars("\n        ")
		typ, quality := "proposal", ""
		if s.Earlier {
			typ = "previous-version"
		}
		if s.Quality > 0 {
			quality = strconv.Itoa(s.Quality) + "%"
		}
		x.start("alt-trans", "match-quality", quality, "origin", s.Origin, "alttranstype", typ)
		src, tr := splitInline(s.Source), splitInline(s.Target)
		alignInline(src, tr)
		x.start("source")
		x.inline12(src)
		x.end("source")
		x.start("target")
		x.inline12(tr)
		x.end("target")
		x.end("alt-trans")
	}
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
	x.start("xliff", "xmlns", xliff2NS, "xmlns:mtc", matchesNS, "xmlns:gls", glossaryNS, "xmlns:fsn", fsnNS, "version", "2.1", "srcLang", doc.SourceLang, "trgLang", doc.TargetLang)
	for _, f := range doc.Files {
		x.chars("\n  ")
		x.start("file", "id", f.Name, "original", f.Name)
		for _, u := range f.Units {
			x.unit21(u)
		}
		x.chars("\n  ")
		x.end("file")
	}
	x.chars("\n")
	x.end("xliff")
}

// unit21 writes u as an XLIFF 2.1 <unit>: a unit that needs work has no target
// (XLIFF 2 tools show its source to translate), a finished one its translation
// and translate="no", as in 1.2.
func (x *xliffWriter) unit21(u *XLIFFUnit) {
	x.chars("\n    ")
	translate := ""
	if u.State.Done() {
		translate = "no"
	}
	x.start("unit", "id", u.ID, "name", u.ID, "translate", translate, "fsn:hash", u.Hash, "fsn:base", u.Base)
	x.annotations21(u)
	x.glossary21(u)
	if notes := u.notes21(); len(notes) > 0 {
		x.chars("\n      ")
		x.start("notes")
		for _, n := range notes {
			x.element("note", n[1], "category", n[0])
		}
		x.end("notes")
	}
	target := ""
	if u.State.Done() {
		target = u.Target
	}
	src, tr := splitInline(u.Source), splitInline(target)
	alignInline(src, tr)
	x.originalData21(src, tr, func(srcRefs, trRefs []string) {
		state, subState := u.State.xliff21()
		x.chars("\n      ")
		x.start("segment", "id", segmentID, "state", state, "subState", subState)
		x.start("source", "xml:space", "preserve")
		x.inline21(src, srcRefs)
		x.end("source")
		if u.State.Done() {
			x.start("target", "xml:space", "preserve")
			x.inline21(tr, trRefs)
			x.end("target")
		}
		x.end("segment")
	})
	x.chars("\n    ")
	x.end("unit")
}

// segmentID is the id of the one segment of a unit, which suggestions refer to.
const segmentID = "seg"

// notes21 returns the category and text of each note of u.
func (u *XLIFFUnit) notes21() [][2]string {
	var notes [][2]string
	add := func(category, text string) {
		if text != "" {
			notes = append(notes, [2]string{category, text})
		}
	}
	add("description", u.Description)
	add("context", u.Context)
	for _, n := range u.Notes {
		add("fsn-note", n)
	}
	return notes
}

// annotations21 writes the suggestions of u as Translation Candidates
// (<mtc:matches>, which the core schema allows first in a unit); the notes
// follow. This is the place for further matches.
func (x *xliffWriter) annotations21(u *XLIFFUnit) {
	if len(u.Suggestions) == 0 {
		return
	}
	x.chars("\n      ")
	x.token(xml.StartElement{Name: xml.Name{Local: "mtc:matches"}})
	for _, s := range u.Suggestions {
		quality := ""
		if s.Quality > 0 {
			quality = strconv.Itoa(s.Quality)
		}
		x.token(xml.StartElement{Name: xml.Name{Local: "mtc:match"}, Attr: attrList([]string{"ref", "#" + segmentID, "type", "tm", "origin", s.Origin, "similarity", quality})})
		src, tr := splitInline(s.Source), splitInline(s.Target)
		alignInline(src, tr)
		x.originalData21(src, tr, func(srcRefs, trRefs []string) {
			x.start("source")
			x.inline21(src, srcRefs)
			x.end("source")
			x.start("target")
			x.inline21(tr, trRefs)
			x.end("target")
		})
		x.token(xml.EndElement{Name: xml.Name{Local: "mtc:match"}})
	}
	x.token(xml.EndElement{Name: xml.Name{Local: "mtc:matches"}})
}

// glossary21 writes the terms of u as the Glossary module's <gls:glossary>,
// which the core schema allows, as <mtc:matches>, before the notes: each term
// with its approved translations, and a definition that names the forbidden
// ones or says that the term stays as written.
func (x *xliffWriter) glossary21(u *XLIFFUnit) {
	if len(u.Terms) == 0 {
		return
	}
	gls := func(local string) xml.Name { return xml.Name{Local: "gls:" + local} }
	elem := func(local, text string, attrs ...string) {
		x.token(xml.StartElement{Name: gls(local), Attr: attrList(attrs)})
		x.chars(text)
		x.token(xml.EndElement{Name: gls(local)})
	}
	x.chars("\n      ")
	x.token(xml.StartElement{Name: gls("glossary")})
	for _, t := range u.Terms {
		x.token(xml.StartElement{Name: gls("glossEntry")})
		elem("term", t.Source, "source", t.Origin)
		translations := t.Approved
		if t.Untranslated {
			translations = []string{t.Source}
		}
		for _, tr := range translations {
			elem("translation", tr, "source", t.Origin)
		}
		if d := t.definition(); d != "" {
			elem("definition", d, "source", t.Origin)
		}
		x.token(xml.EndElement{Name: gls("glossEntry")})
	}
	x.token(xml.EndElement{Name: gls("glossary")})
}

// originalData21 writes the <originalData> of src and tr, if they hold markup,
// then calls body with the data ids of their parts.
func (x *xliffWriter) originalData21(src, tr []inlinePart, body func(srcRefs, trRefs []string)) {
	ids, data, srcRefs, trRefs := originalData(src, tr)
	if len(ids) > 0 {
		x.chars("\n      ")
		x.start("originalData")
		for _, id := range ids {
			x.element("data", data[id], "id", id)
		}
		x.end("originalData")
	}
	body(srcRefs, trRefs)
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
