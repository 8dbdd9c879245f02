package tm

import (
	"cmp"
	"encoding/xml"
	"io"
	"slices"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// TMX 1.4b, as fsn writes it:
//
//	<tmx version="1.4">
//	  <header creationtool="fsn" … srclang="en" datatype="plaintext" segtype="paragraph" o-tmf="fsn"/>
//	  <body>
//	    <tu tuid="iqwebx-2017-11/actions.operators.restart-and-scan">
//	      <tuv xml:lang="en"><seg>Restart the server and then run an antivirus scan.</seg></tuv>
//	      <tuv xml:lang="it"><seg>Riavviare il server e poi effettuare una scansione antivirus.</seg></tuv>
//	    </tu>
//
// One translation unit per message of a notice, with the source and every
// language's approved translation; the tuid names the notice and the message.
// The segments are the texts as the locale files hold them, Markdown included,
// so a CAT tool's match carries the code spans and links a translation keeps.
// No dates are written: the same translations give the same file.

// TU is a translation unit of a TMX document.
type TU struct {
	// ID is the tuid, or "".
	ID string
	// Variants are the unit's texts by language, in the order of the file.
	Variants []Variant
	Pos      diag.Pos
}

// Variant is the text of a translation unit in one language (a <tuv>).
type Variant struct {
	Lang, Text string
	Pos        diag.Pos
}

// Text returns the unit's text in lang, and whether it has one.
func (u *TU) Text(lang string) (Variant, bool) {
	for _, v := range u.Variants {
		if strings.EqualFold(v.Lang, lang) {
			return v, true
		}
	}
	return Variant{}, false
}

// TMX is a TMX document.
type TMX struct {
	// SourceLang is the header's srclang ("*all*" when any language may be the source).
	SourceLang string
	Units      []*TU
}

// UnitID returns the tuid fsn gives the message id of the notice notice.
func UnitID(notice, id string) string { return notice + "/" + id }

// WriteTMX writes the units of m as a TMX 1.4b document from the source
// language srcLang: one <tu> per notice and message, with the source text and
// the translation of every language, sorted by notice, message and language.
func WriteTMX(w io.Writer, m *Memory, srcLang string) error {
	type key struct{ notice, id, source string }
	byKey := map[key][]*Unit{}
	for _, u := range m.Units() {
		if u.SourceLang == srcLang {
			k := key{u.Notice, u.ID, u.Source}
			byKey[k] = append(byKey[k], u)
		}
	}
	keys := make([]key, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.notice, b.notice), cmp.Compare(a.id, b.id), cmp.Compare(a.source, b.source))
	})
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	io.WriteString(w, xml.Header)
	start := func(name string, attrs ...string) {
		var as []xml.Attr
		for i := 0; i+1 < len(attrs); i += 2 {
			n := xml.Name{Local: attrs[i]}
			if attrs[i] == "xml:lang" {
				n = xml.Name{Local: "xml:lang"}
			}
			as = append(as, xml.Attr{Name: n, Value: attrs[i+1]})
		}
		enc.EncodeToken(xml.StartElement{Name: xml.Name{Local: name}, Attr: as})
	}
	end := func(name string) { enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}}) }
	tuv := func(lang, text string) {
		start("tuv", "xml:lang", lang)
		start("seg")
		enc.EncodeToken(xml.CharData(text))
		end("seg")
		end("tuv")
	}
	start("tmx", "version", "1.4")
	start("header", "creationtool", "fsn", "creationtoolversion", "1", "datatype", "plaintext",
		"segtype", "paragraph", "adminlang", "en", "srclang", srcLang, "o-tmf", "fsn")
	end("header")
	start("body")
	for _, k := range keys {
		units := byKey[k]
		slices.SortFunc(units, func(a, b *Unit) int { return cmp.Compare(a.Lang, b.Lang) })
		start("tu", "tuid", UnitID(k.notice, k.id))
		tuv(srcLang, k.source)
		for _, u := range units {
			tuv(u.Lang, u.Target)
		}
		end("tu")
	}
	end("body")
	end("tmx")
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// ReadTMX reads a TMX document (1.1 to 1.4b) from data, read from path.
// A segment's inline elements (<bpt>, <ept>, <ph>, <it>, <hi>) are read as the
// native code and text they hold, so a Markdown code span that a CAT tool
// protected comes back as the code span. Errors name the file, line and column.
func ReadTMX(path string, data []byte) (*TMX, error) {
	root, err := input.ReadXML(path, "TMX file", data)
	if err != nil {
		return nil, err
	}
	if root.Name.Local != "tmx" {
		return nil, diag.Errorf(root.Pos, "this is not a TMX document: its root element is <%s>, not <tmx>", root.Name.Local)
	}
	doc := &TMX{}
	var body *input.Element
	for _, c := range root.Children {
		switch c.Name.Local {
		case "header":
			doc.SourceLang = c.AttrValue("srclang")
		case "body":
			body = c
		}
	}
	if body == nil {
		return nil, diag.Errorf(root.Pos, "the TMX document has no <body>")
	}
	var errs diag.List
	for _, tu := range body.Children {
		if tu.Name.Local != "tu" {
			continue
		}
		u := &TU{ID: tu.AttrValue("tuid"), Pos: tu.Pos}
		for _, v := range tu.Children {
			if v.Name.Local != "tuv" {
				continue
			}
			lang := v.AttrValue("lang")
			if lang == "" {
				errs.Errorf(v.Pos, "<tuv> has no xml:lang; TMX names the language of every variant")
				continue
			}
			var seg *input.Element
			for _, c := range v.Children {
				if c.Name.Local == "seg" {
					seg = c
				}
			}
			if seg == nil {
				errs.Errorf(v.Pos, "<tuv xml:lang=%q> has no <seg>", lang)
				continue
			}
			text := seg.InnerText()
			if len(text) > input.MaxText {
				errs.Errorf(seg.Pos, "this segment is longer than %s, the most a text may be", input.Size(input.MaxText))
				continue
			}
			u.Variants = append(u.Variants, Variant{Lang: lang, Text: text, Pos: seg.Pos})
		}
		doc.Units = append(doc.Units, u)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return doc, nil
}

// IsTMX reports whether data looks like a TMX document: its first element is <tmx>.
func IsTMX(data []byte) bool {
	d := xml.NewDecoder(strings.NewReader(string(data[:min(len(data), 4096)])))
	for {
		t, err := d.Token()
		if err != nil {
			return false
		}
		if s, ok := t.(xml.StartElement); ok {
			return s.Name.Local == "tmx"
		}
	}
}
