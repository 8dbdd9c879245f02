package translate

import (
	"fmt"
	"slices"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/termbase"
	"github.com/fsn-tool/fsn/internal/tm"
)

// termbase returns the project's termbase, locales/terms.tbx, read when first
// asked for: nil when the project has none; an error when it cannot be read.
func (p *Project) termbase() (*termbase.Termbase, error) {
	if !p.termsRead {
		tb, err := termbase.Load(p.Catalog.Dir.File(termbase.FileName))
		switch {
		case termbase.IsNotExist(err):
		case err != nil:
			return nil, err
		default:
			p.terms = tb
		}
		p.termsRead = true
	}
	return p.terms, nil
}

// unitTerms returns the entries of tb whose source term (in srcLang) occurs
// in text, once each in the order they occur, with what tb says of them in
// lang (its approved terms, preferred ones first, and its forbidden ones):
// the terms a CAT tool shows beside the unit. An entry without a term
// in lang is left out, unless it is never translated.
func unitTerms(tb *termbase.Termbase, srcLang, lang, text string) []*l10n.XLIFFTerm {
	if tb == nil {
		return nil
	}
	var out []*l10n.XLIFFTerm
	var seen []*termbase.Entry
	for _, h := range tb.Index(srcLang).Find(text) {
		e := h.Term.Entry
		if h.Term.Status != termbase.Approved || slices.Contains(seen, e) {
			continue
		}
		seen = append(seen, e)
		t := &l10n.XLIFFTerm{Source: h.Term.Of.Text, Untranslated: e.Untranslated, Origin: e.Pos.String()}
		var admitted []string
		for _, tt := range e.Terms {
			if !termbase.SameLanguage(tt.Lang, lang) {
				continue
			}
			switch {
			case tt.Status == termbase.Forbidden:
				t.Forbidden = append(t.Forbidden, tt.Text)
				if tt.Usage != "" && t.Usage == "" {
					t.Usage = tt.Usage
				}
			case tt.Preferred:
				t.Approved = append(t.Approved, tt.Text)
			default:
				admitted = append(admitted, tt.Text)
			}
		}
		t.Approved = append(t.Approved, admitted...)
		if !t.Untranslated && len(t.Approved) == 0 && len(t.Forbidden) == 0 {
			continue
		}
		out = append(out, t)
	}
	return out
}

// unitMatches returns the translation memory's matches for the source text of
// a message of notice t that needs work: the translations of every other
// notice into t's language, best first, as suggestions (an exact match too:
// it is offered, never written as the target).
func (p *Project) unitMatches(t Target, text string) []*l10n.XLIFFSuggestion {
	if t.Notice == nil {
		return nil // the labels are one file per language: no other translation to offer
	}
	var out []*l10n.XLIFFSuggestion
	for _, m := range p.memory().Lookup(t.Lang, text, func(u *tm.Unit) bool { return u.Notice == t.Name }) {
		out = append(out, &l10n.XLIFFSuggestion{Origin: matchOrigin(m), Source: m.Source, Target: m.Target, Quality: m.Score})
	}
	return out
}

// matchOrigin says where the match m comes from: "fsn: iqwebx-2017-11
// subject (locales/it/iqwebx-2017-11.it.toml:3:1)".
func matchOrigin(m tm.Match) string {
	s := fmt.Sprintf("fsn: %s %s (%s)", m.Notice, m.ID, m.Pos)
	if m.Others > 0 {
		s += fmt.Sprintf(", and %d more with that translation", m.Others)
	}
	return s
}
