// Package termbase reads a company's termbase, a TBX file (TermBase eXchange,
// ISO 30042) as CAT tools import and export it, and finds its terms in texts.
//
// The file is locales/terms.tbx (FileName). It may be TBX-Basic of TBX 2
// (ISO 30042:2008, root <martif>: termEntry, langSet, tig) or TBX-Core/Basic of
// TBX 3 (ISO 30042:2019, root <tbx>: conceptEntry, langSec, termSec), the two
// forms Trados MultiTerm, memoQ, OmegaT, Weblate and translate-toolkit write.
// fsn reads of it:
//
//   - each entry (a concept) with its terms per language (xml:lang);
//   - a term's <termNote type="administrativeStatus">: preferredTerm-admn-sts
//     and admittedTerm-admn-sts (or none) are approved translations,
//     deprecatedTerm-admn-sts, supersededTerm-admn-sts and notRecommended are
//     forbidden; a <termNote type="usageNote"> or <descrip type="usageNote"> is
//     shown with a finding about the term;
//   - a term's <termNote type="termType">variant</termNote>: an inflected form
//     of the approved term before it, such as "avvisi" after "avviso" (see Form);
//   - an entry's <descrip type="Translation needed">No</descrip>, the mark of
//     Weblate and translate-toolkit: its terms are never translated, and every
//     translation keeps them as written.
//
// Everything else in the file (definitions, sources, notes of other types) is
// for people and CAT tools; fsn reads past it.
package termbase

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// FileName is the name of the termbase in the locales folder: locales/terms.tbx.
const FileName = "terms.tbx"

// Status is how a termbase rates a term.
type Status int

const (
	// Approved is a preferred or admitted term: a translation uses one of them.
	Approved Status = iota
	// Forbidden is a deprecated or superseded term: no translation uses it.
	Forbidden
)

// Term is one term of an entry in one language.
type Term struct {
	Text   string
	Lang   string
	Status Status
	// Preferred is set for a term of administrative status preferredTerm.
	Preferred bool
	// Of is the approved term that a variant is a form of, or the term itself.
	Of *Term
	// Usage is the term's usage note, or "".
	Usage string
	Pos   diag.Pos
	Entry *Entry
}

// Entry is one concept of the termbase, with its terms in every language.
type Entry struct {
	ID string
	// Untranslated is set for an entry whose terms every language keeps as written.
	Untranslated bool
	Terms        []*Term
	Pos          diag.Pos
}

// Termbase is a parsed TBX file.
type Termbase struct {
	Path    string
	Entries []*Entry
	mu      sync.Mutex
	indexes map[string]*Index // by language, built when first asked for
}

// Load reads the termbase at path. A missing file is an error for which
// errors.Is(err, fs.ErrNotExist) holds: a project need not have a termbase.
func Load(path string) (*Termbase, error) {
	data, err := input.ReadFile(path, input.Termbase)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// IsNotExist reports whether err, from Load, says that there is no termbase.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// The administrative statuses of TBX, as TBX 2 and TBX 3 write them.
var statuses = map[string]struct {
	status    Status
	preferred bool
}{
	"preferredTerm-admn-sts":  {Approved, true},
	"preferredTerm":           {Approved, true},
	"preferred":               {Approved, true},
	"admittedTerm-admn-sts":   {Approved, false},
	"admittedTerm":            {Approved, false},
	"admitted":                {Approved, false},
	"deprecatedTerm-admn-sts": {Forbidden, false},
	"deprecatedTerm":          {Forbidden, false},
	"supersededTerm-admn-sts": {Forbidden, false},
	"supersededTerm":          {Forbidden, false},
	"notRecommended":          {Forbidden, false},
}

// Parse parses the TBX document data, read from path. A file that is not TBX,
// an entry without terms, a term without text or language, and an
// administrative status TBX does not define are errors at their place.
func Parse(path string, data []byte) (*Termbase, error) {
	root, err := input.ReadXML(path, "termbase", data)
	if err != nil {
		return nil, err
	}
	var names struct{ entry, lang, term string }
	switch root.Name.Local {
	case "martif":
		names.entry, names.lang, names.term = "termEntry", "langSet", "tig"
	case "tbx":
		names.entry, names.lang, names.term = "conceptEntry", "langSec", "termSec"
	default:
		return nil, diag.Errorf(root.Pos, "this is not a TBX termbase: its root element is <%s>, not <martif> (TBX 2) or <tbx> (TBX 3); export the termbase from your terminology tool as TBX", root.Name.Local)
	}
	tb := &Termbase{Path: path}
	var errs diag.List
	body := child(child(root, "text"), "body")
	if body == nil {
		return nil, diag.Errorf(root.Pos, "the termbase has no <text><body> holding its entries")
	}
	for _, ee := range body.Children {
		if ee.Name.Local != names.entry {
			continue
		}
		e := &Entry{ID: ee.AttrValue("id"), Pos: ee.Pos}
		for _, d := range ee.Children {
			if d.Name.Local == "descrip" && strings.EqualFold(d.AttrValue("type"), "Translation needed") {
				switch v := strings.TrimSpace(d.InnerText()); strings.ToLower(v) {
				case "no", "false":
					e.Untranslated = true
				case "yes", "true":
				default:
					errs.Errorf(d.Pos, "<descrip type=\"Translation needed\"> is %s; write No for terms never translated, or Yes", diag.Quote(v))
				}
			}
		}
		for _, ls := range ee.Children {
			if ls.Name.Local != names.lang {
				continue
			}
			lang := ls.AttrValue("lang")
			if lang == "" {
				errs.Errorf(ls.Pos, "<%s> has no xml:lang; write the language of its terms, such as xml:lang=\"it\"", names.lang)
				continue
			}
			var approved *Term
			for _, te := range ls.Children {
				if te.Name.Local != names.term && te.Name.Local != "ntig" {
					continue
				}
				t, err := parseTerm(te, lang, e)
				if err != nil {
					errs = append(errs, diag.From(err)...)
					continue
				}
				switch {
				case t.Of == nil && t.Status == Approved:
					t.Of, approved = t, t
				case t.Of != nil && approved == nil:
					errs.Errorf(t.Pos, "the variant %s comes before any approved term of its language; put it after the term it is a form of", diag.Quote(t.Text))
					continue
				case t.Of != nil:
					t.Of = approved
				default:
					t.Of = t
				}
				e.Terms = append(e.Terms, t)
			}
		}
		if len(e.Terms) == 0 {
			errs.Errorf(e.Pos, "entry %s has no term; give it a <%s> with a <term> in at least one language", diag.Quote(e.ID), names.term)
			continue
		}
		tb.Entries = append(tb.Entries, e)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return tb, nil
}

// parseTerm reads a tig, ntig or termSec element.
func parseTerm(te *input.Element, lang string, e *Entry) (*Term, error) {
	t := &Term{Lang: lang, Entry: e, Pos: te.Pos}
	var notes []*input.Element
	var walk func(*input.Element)
	walk = func(el *input.Element) { // an ntig holds its term in a termGrp
		for _, c := range el.Children {
			switch c.Name.Local {
			case "term":
				t.Text, t.Pos = strings.Join(strings.Fields(c.InnerText()), " "), c.Pos
			case "termNote", "descrip":
				notes = append(notes, c)
			case "termGrp":
				walk(c)
			}
		}
	}
	walk(te)
	if t.Text == "" {
		return nil, diag.Errorf(te.Pos, "this term has no text; write it in <term>")
	}
	if t.Text == "…" || strings.HasPrefix(t.Text, "…") || strings.HasSuffix(t.Text, "…") {
		return nil, diag.Errorf(t.Pos, "the term %s begins or ends with …; … stands only between the parts of a term, as in \"starten … neu\"", diag.Quote(t.Text))
	}
	if len(words(t.Text)) == 0 {
		return nil, diag.Errorf(t.Pos, "the term %s has no letter or digit; fsn cannot find it in a text", diag.Quote(t.Text))
	}
	for _, n := range notes {
		v := strings.TrimSpace(n.InnerText())
		switch n.AttrValue("type") {
		case "administrativeStatus", "normativeAuthorization":
			s, ok := statuses[v]
			if !ok {
				return nil, diag.Errorf(n.Pos, "administrative status %s is not one of TBX's; use %s", diag.Quote(v), strings.Join(statusNames(), ", "))
			}
			t.Status, t.Preferred = s.status, s.preferred
		case "termType":
			if v == "variant" {
				t.Of = t // marked; Parse links it to its approved term
			}
		case "usageNote":
			t.Usage = v
		}
	}
	if t.Of != nil && t.Status == Forbidden {
		return nil, diag.Errorf(t.Pos, "the variant %s is forbidden; a variant is a form of an approved term: make it a term of its own", diag.Quote(t.Text))
	}
	return t, nil
}

func statusNames() []string {
	var names []string
	for n := range statuses {
		if strings.HasSuffix(n, "-admn-sts") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// child returns the first child of e named local, or nil.
func child(e *input.Element, local string) *input.Element {
	if e == nil {
		return nil
	}
	for _, c := range e.Children {
		if c.Name.Local == local {
			return c
		}
	}
	return nil
}

// Untranslated returns the terms of the entries never translated, in lang or
// in any language when lang is "", in the order of the file.
func (tb *Termbase) Untranslated(lang string) []*Term {
	var terms []*Term
	for _, e := range tb.Entries {
		if !e.Untranslated {
			continue
		}
		for _, t := range e.Terms {
			if lang == "" || SameLanguage(t.Lang, lang) {
				terms = append(terms, t)
			}
		}
	}
	return terms
}

// SameLanguage reports whether the termbase's language tag a serves texts in
// the language b: the same tag, or one is the other's language without a
// region, as "it" and "it-IT" (but not "pt-PT" and "pt-BR").
func SameLanguage(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	base := func(s string) string { s, _, _ = strings.Cut(s, "-"); return s }
	return a == b || (a == base(b) && !strings.Contains(a, "-")) || (b == base(a) && !strings.Contains(b, "-"))
}

// String names the term for diagnostics: «riavviare» (it).
func (t *Term) String() string { return fmt.Sprintf("%s (%s)", diag.Quote(t.Text), t.Lang) }
