package check

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/termbase"
)

// The termbase, locales/terms.tbx, gives the approved and the forbidden
// translations of a company's terms (see internal/termbase). For each message
// of a notice's translation, the checks find the termbase's terms in the source
// text and in the translation:
//
//   - term-missing: a term of the source whose entry has approved terms in the
//     translation's language, none of which the translation uses. Each message
//     is checked on its own, so two steps whose translations were swapped are
//     found even when they hold no number, path or name;
//   - term-forbidden: the translation uses a term the termbase forbids
//     (deprecated or superseded);
//   - term-inconsistent: the messages of one translation render one entry with
//     two different approved terms (inflected forms listed as variants count as
//     their term).
//
// The terms of an entry marked "Translation needed: No" join the notice's
// untranslatable terms: every translation keeps them as written (token-missing).

// termbaseCache holds the termbases read, by path and the SHA-256 of the file,
// so that a build that checks each edition with a new Checker parses it once.
var termbaseCache = struct {
	sync.Mutex
	byFile map[termbaseFile]*termbase.Termbase
}{byFile: map[termbaseFile]*termbase.Termbase{}}

type termbaseFile struct {
	path string
	sum  [32]byte
}

// loadTermbase reads the termbase of the locales folder dir. It returns nil and
// no finding when there is none; a termbase that cannot be read is a finding.
func loadTermbase(dir project.Dir) (*termbase.Termbase, *Finding) {
	path := dir.File(termbase.FileName)
	data, err := input.ReadFile(path, input.Termbase)
	if termbase.IsNotExist(err) {
		return nil, nil
	}
	if err == nil {
		key := termbaseFile{path, sha256.Sum256(data)}
		termbaseCache.Lock()
		defer termbaseCache.Unlock()
		if tb, ok := termbaseCache.byFile[key]; ok {
			return tb, nil
		}
		var tb *termbase.Termbase
		if tb, err = termbase.Parse(path, data); err == nil {
			termbaseCache.byFile[key] = tb
			return tb, nil
		}
	}
	var msgs []string
	pos := diag.Pos{File: path}
	for i, d := range diag.From(err) {
		if i == 0 {
			pos = d.Pos
		} else {
			d.Message = d.Pos.String() + ": " + d.Message
		}
		msgs = append(msgs, d.Message)
	}
	return nil, newFinding(pos, "", "", TermbaseInvalid, "%s; no term is checked until the termbase reads", strings.Join(msgs, "; "))
}

// termbase returns the termbase of the checker's locales folder, read once,
// and the finding that it cannot be read, or nil.
func (c *Checker) termbase() (*termbase.Termbase, *Finding) {
	c.termsOnce.Do(func() { c.terms, c.termsErr = loadTermbase(c.catalog.Dir) })
	return c.terms, c.termsErr
}

// untranslated returns the terms tb marks as never translated, in the source
// language srcLang; none when tb is nil.
func untranslated(tb *termbase.Termbase, srcLang string) []string {
	if tb == nil {
		return nil
	}
	var terms []string
	for _, t := range tb.Untranslated(srcLang) {
		terms = append(terms, t.Text)
	}
	return terms
}

// termCheck checks the terminology of one translation, from srcLang into lang.
type termCheck struct {
	src, tgt *termbase.Index
	lang     string
	// used is the approved term each entry was first rendered with, and where.
	used map[*termbase.Entry]termUse
}

type termUse struct {
	term *termbase.Term
	pos  diag.Pos
}

// termCheck returns the term checks of a translation from srcLang into lang,
// or nil when there is no termbase.
func (c *Checker) termCheck(srcLang, lang string) *termCheck {
	tb, _ := c.termbase()
	if tb == nil {
		return nil
	}
	return &termCheck{src: tb.Index(srcLang), tgt: tb.Index(lang), lang: lang, used: map[*termbase.Entry]termUse{}}
}

// check returns the term findings of the translation m of src.
func (tc *termCheck) check(src *source, m *l10n.Message) []issue {
	var issues []issue
	srcHits := tc.src.Find(src.Other)
	tgtHits := tc.tgt.Find(m.Other)

	// The entries whose approved terms the translation uses, with the first
	// such term of each.
	rendered := map[*termbase.Entry]termbase.Hit{}
	for _, h := range tgtHits {
		if _, ok := rendered[h.Term.Entry]; !ok && h.Term.Status == termbase.Approved {
			rendered[h.Term.Entry] = h
		}
	}
	seen := map[*termbase.Entry]bool{}
	for _, h := range srcHits {
		e := h.Term.Entry
		if seen[e] || e.Untranslated || h.Term.Status != termbase.Approved {
			continue
		}
		seen[e] = true
		approved := approvedTerms(e, tc.lang)
		if len(approved) == 0 {
			continue // the termbase has no translation of it in this language
		}
		used, ok := rendered[e]
		if !ok {
			issues = append(issues, issue{TermMissing, fmt.Sprintf(
				"uses no approved translation of the term %s: the termbase (%s) gives %s; use one of them, or waive the check where the sentence needs other words",
				diag.Quote(src.Other[h.Start:h.End]), e.Pos, quoteTerms(approved))})
			continue
		}
		first, ok := tc.used[e]
		switch {
		case !ok:
			tc.used[e] = termUse{used.Term.Of, m.Pos}
		case first.term != used.Term.Of && !usesGroup(tgtHits, e, first.term):
			issues = append(issues, issue{TermInconsistent, fmt.Sprintf(
				"translates the term %s as %s, where %s translates it as %s; use one term for it throughout",
				diag.Quote(src.Other[h.Start:h.End]), diag.Quote(m.Other[used.Start:used.End]), first.pos, diag.Quote(first.term.Text))})
		}
	}
	for _, h := range tgtHits {
		if h.Term.Status != termbase.Forbidden || covered(tgtHits, h) {
			continue
		}
		msg := fmt.Sprintf("uses %s, which the termbase (%s) forbids", diag.Quote(m.Other[h.Start:h.End]), h.Term.Pos)
		if h.Term.Usage != "" {
			msg += ": " + h.Term.Usage
		}
		if approved := approvedTerms(h.Term.Entry, tc.lang); len(approved) > 0 {
			msg += "; use " + quoteTerms(approved)
		}
		issues = append(issues, issue{TermForbidden, msg})
	}
	return issues
}

// approvedTerms returns the approved terms of e in lang.
func approvedTerms(e *termbase.Entry, lang string) []*termbase.Term {
	var terms []*termbase.Term
	for _, t := range e.Terms {
		if t.Status == termbase.Approved && termbase.SameLanguage(t.Lang, lang) {
			terms = append(terms, t)
		}
	}
	return terms
}

// usesGroup reports whether hits hold a form of the approved term of for e.
func usesGroup(hits []termbase.Hit, e *termbase.Entry, of *termbase.Term) bool {
	for _, h := range hits {
		if h.Term.Entry == e && h.Term.Of == of {
			return true
		}
	}
	return false
}

// covered reports whether an approved term of hits spans the forbidden hit h,
// as an approved "programma antivirus" spans a forbidden "programma".
func covered(hits []termbase.Hit, h termbase.Hit) bool {
	for _, o := range hits {
		if o.Term.Status == termbase.Approved && o.Start <= h.Start && h.End <= o.End {
			return true
		}
	}
	return false
}

func quoteTerms(terms []*termbase.Term) string {
	var qs []string
	for _, t := range terms {
		qs = append(qs, diag.Quote(t.Text))
	}
	return strings.Join(qs, " or ")
}
