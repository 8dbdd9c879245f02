// Package check is fsn's translation QA. A Checker compares every locale file with
// the source it translates, and Verify reads the built editions back.
//
// Because the source notice is structured, the checks know which messages are
// steps of a procedure and which parts of a text are tokens that every language
// must keep as written: the notice's product names, versions, untranslatable
// terms, people and contact details, and the numbers, paths, file names, e-mail
// addresses, URLs, phone numbers and template placeholders in its texts. The
// inline Markdown of each text is parsed by goldmark, as the editions parse it,
// to compare its links, code spans, emphasis and blocks.
//
// Each finding has a check id, such as "token-changed", and points into the
// locale file at the message it is about. A finding can be waived, with a reason,
// by an "# fsn:waive CHECK: reason" comment at the message in the locale file.
// docs/checks.md lists the checks.
package check

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/parallel"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/termbase"
)

// Checker checks the locale files of a catalog. It remembers the labels it has
// checked, so the checks of several notices in one language share that work.
// It is safe for use by several goroutines, as the editions of a build are.
type Checker struct {
	mu       sync.Mutex // guards labels, plurals and kept
	catalog  *l10n.Catalog
	labels   map[string]*Report            // by language
	plurals  map[language.Tag][]pluralForm // by language
	coverage *render.Coverage              // the fonts of the PDF edition; nil checks none
	history  *l10n.History                 // the earlier source texts, for stale messages; nil knows none
	// terms is the termbase of the locales folder, read when first needed
	// (termsOnce), or nil; termsErr is the finding that it cannot be read.
	terms     *termbase.Termbase
	termsErr  *Finding
	termsOnce sync.Once
	sources   sourceCache // the texts of the notices checked last, parsed
	// kept are the reports of the editions Check checked, for Edition to
	// take; nil keeps none (see KeepReports). Guarded by mu.
	kept map[edition]*Report
}

// edition names an edition of a notice: by the notice's id, so that a
// build that reads a notice again from its folder (notice.List) takes what
// Check found in it, and the kept reports do not hold every parsed notice.
type edition struct {
	id   string
	lang string
}

// KeepReports makes Check keep what it finds in each edition, so that
// Edition, which a build calls for every edition it makes, takes that rather
// than check the edition again: fsn publish checks every notice, then builds
// them all. Each report is taken once, so memory goes down as the build goes.
// It returns c.
func (c *Checker) KeepReports() *Checker {
	c.kept = map[edition]*Report{}
	return c
}

// keep keeps r, the report of Source or Notice on the edition e, when c keeps reports.
func (c *Checker) keep(e edition, r *Report) *Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kept != nil {
		c.kept[e] = r
	}
	return r
}

// take returns the report that Check kept of edition e, or nil, and forgets it.
func (c *Checker) take(e edition) *Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.kept[e]
	delete(c.kept, e)
	return r
}

// History makes c show, for a translation of an older source text that h
// records, what changed in the source.
func (c *Checker) History(h *l10n.History) *Checker {
	c.history = h
	return c
}

// New returns a Checker of the locale files in c.
func New(c *l10n.Catalog) *Checker {
	return &Checker{catalog: c, labels: map[string]*Report{}, plurals: map[language.Tag][]pluralForm{}}
}

// Check checks every language of every notice, or only langs when given, and
// the labels of those languages, in the files the catalog holds.
func (c *Checker) Check(notices []*notice.Notice, langs []string) *Report {
	r, _ := c.check(notices, langs, false) // reads no file, so fails at none
	return r
}

// CheckReading is Check on a catalog that need not hold the translations of
// the notices yet: it reads those of a few notices at a time, checks them and
// forgets them again, so that memory does not grow with the number of
// notices. The catalog must hold the labels, and must not be in use
// meanwhile. It then reads every other file of the catalog's folder, which
// Check leaves alone, so that a file that does not parse is an error wherever
// it is, as it is for l10n.Load; when one does not, it returns those errors
// and no report.
func (c *Checker) CheckReading(notices []*notice.Notice, langs []string) (*Report, error) {
	return c.check(notices, langs, true)
}

// readBatch is the number of translation files CheckReading and Verify hold
// at once, and the number of other files readRest reads at a time: enough
// for the workers to share, few enough that memory stays small. A parsed
// locale file with the bytes it was read from is about 50 KB, so a batch of
// 32 notices in 27 languages held 40 MB, and the collector ran all the time
// under the soft memory limit (see cmd/fsn's tuneGC).
const readBatch = 96

// check is Check, and CheckReading when read is set.
func (c *Checker) check(notices []*notice.Notice, langs []string, read bool) (*Report, error) {
	// The files are checked side by side, each into a report of its own; the
	// reports are merged in the order of the notices and languages, so the
	// result does not depend on timing.
	r := &Report{}
	if _, f := c.termbase(); f != nil {
		r.Findings = append(r.Findings, f)
	}
	var errs diag.List
	labelled := map[string]bool{}
	cs := newConsistency(langs)
	done := map[string]bool{} // the paths read
	list := notice.Held(notices)
	for next := 0; next < list.Len(); {
		batch, _ := takeBatch(list, &next) // held notices are there to take
		var forget []string
		if read {
			var err error
			forget, err = readTranslations(c.catalog, batch, done)
			errs = append(errs, diag.From(err)...)
		}
		if len(errs) == 0 {
			var jobs []func() *Report
			prepared := make([][]*fileUses, len(batch))
			for i, n := range batch {
				jobs = append(jobs, func() *Report { prepared[i] = cs.prepare(c, n); return &Report{} })
				for _, lang := range n.Languages {
					if len(langs) > 0 && !slices.Contains(langs, lang) {
						continue
					}
					if lang == n.SourceLanguage {
						jobs = append(jobs, func() *Report { return c.keep(edition{n.ID, lang}, c.Source(n)) })
					} else {
						jobs = append(jobs, func() *Report { return c.keep(edition{n.ID, lang}, c.Notice(n, lang)) })
					}
					if !labelled[lang] {
						labelled[lang] = true
						jobs = append(jobs, func() *Report { return c.Labels(lang, n.SourceLanguage) })
					}
				}
			}
			reports := make([]*Report, len(jobs))
			parallel.For(len(jobs), func(i int) { reports[i] = jobs[i]() })
			for _, rep := range reports {
				r.merge(rep)
			}
			for _, p := range prepared {
				cs.add(p)
			}
		}
		for _, name := range forget {
			c.catalog.Forget(name)
		}
	}
	if read {
		errs = append(errs, diag.From(readRest(c.catalog, done))...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	r.Findings = append(r.Findings, cs.findings...)
	r.finish()
	return r, nil
}

// readTranslations reads into catalog the translations of the notices of
// batch, each path into done, and returns the names read, for the caller to
// Forget once it is through with them.
func readTranslations(catalog *l10n.Catalog, batch []*notice.Notice, done map[string]bool) ([]string, error) {
	ids := make([]string, len(batch))
	for i, n := range batch {
		ids[i] = n.ID
	}
	var read []string
	err := catalog.ReadNamed(func(_, name, path string) bool {
		done[path] = true
		read = append(read, name)
		return true
	}, ids...)
	return read, err
}

// readRest reads the files of catalog's folder that it does not hold and
// that are not done (by path), a few at a time, forgetting each after, and
// returns the errors of those that do not parse.
func readRest(catalog *l10n.Catalog, done map[string]bool) error {
	var errs diag.List
	for {
		var taken []string
		err := catalog.Read(func(_, name, path string) bool {
			if done[path] || len(taken) == readBatch {
				return false
			}
			done[path] = true
			taken = append(taken, name)
			return true
		})
		errs = append(errs, diag.From(err)...)
		if len(taken) == 0 {
			break
		}
		for _, name := range taken {
			if name != l10n.LabelsName {
				catalog.Forget(name)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Edition checks what the edition of n in lang is built from: the translation of
// n and the labels. The source language's edition has its texts checked for raw
// HTML and unsafe links.
func (c *Checker) Edition(n *notice.Notice, lang string) *Report {
	r := &Report{}
	checked := c.take(edition{n.ID, lang}) // what Check found, when it kept it
	if lang == n.SourceLanguage {
		if checked == nil {
			checked = c.Source(n)
		}
		r.merge(checked)
	} else {
		if checked == nil {
			checked = c.Notice(n, lang)
		}
		r.merge(checked)
		// The plain fields are in every edition as the source writes them.
		plain := plainFields(n)
		waiveInNotice(n, plain)
		r.Findings = append(r.Findings, plain...)
	}
	r.merge(c.Labels(lang, n.SourceLanguage))
	if _, f := c.termbase(); f != nil {
		r.Findings = append(r.Findings, f)
	}
	r.finish()
	return r
}

// Notice checks the translation of n into lang.
func (c *Checker) Notice(n *notice.Notice, lang string) *Report {
	ns := c.sourcesOf(n)
	lc := c.localeCheck(lang, n.ID, ns.sources, ns.voc)
	lc.what = "the translation of notice " + n.ID
	lc.terms = c.termCheck(n.SourceLanguage, lang)
	return lc.run()
}

// Labels checks the labels of lang against those of the source language srcLang.
// Every label is a template, checked as go-i18n executes it; the source
// language's labels are checked for what no text may hold. The terminology of
// a translation's labels is checked against the termbase as a notice's is
// (term-missing, term-forbidden, term-inconsistent), and the termbase's terms
// never translated must stay as written.
func (c *Checker) Labels(lang, srcLang string) *Report {
	c.mu.Lock()
	r, ok := c.labels[lang]
	c.mu.Unlock()
	if ok {
		return r
	}
	r = c.checkLabels(lang, srcLang)
	c.mu.Lock()
	defer c.mu.Unlock()
	if done, ok := c.labels[lang]; ok {
		return done // checked meanwhile by another goroutine, with the same result
	}
	c.labels[lang] = r
	return r
}

// checkLabels checks the labels of lang against those of srcLang.
func (c *Checker) checkLabels(lang, srcLang string) *Report {
	r := &Report{}
	ref := c.catalog.File(srcLang, l10n.LabelsName)
	switch {
	case ref == nil:
		r.summary(lang)
		r.summary(srcLang)
		r.Findings = append(r.Findings, newFinding(diag.Pos{File: c.catalog.FilePath(srcLang, l10n.LabelsName)}, srcLang, "", Missing,
			"%s: the labels of the source language are missing; every language's labels are checked against them", srcLang))
	case lang == srcLang:
		sum := r.summary(lang)
		sum.Messages, sum.Translated = len(ref.Messages), len(ref.Messages)
		lc := c.localeCheck(lang, l10n.LabelsName, nil, newVocabulary(nil, nil))
		for _, id := range slices.Sorted(maps.Keys(ref.Messages)) {
			m := ref.Messages[id]
			executed, issues := executeForms(m.Message, labelFields(m.Message))
			if len(issues) == 0 {
				issues = formIssues(executed)
			}
			for _, is := range issues {
				r.Findings = append(r.Findings, newFinding(m.Pos, lang, id, is.check, "%s: label %s %s", lang, id, is.msg))
			}
		}
		lc.waive(r)
	default:
		var sources []*source
		for _, ls := range l10n.LabelSources(ref, c.catalog.File(lang, l10n.LabelsName)) {
			what := "label " + ls.ID
			if ls.Variant {
				what = fmt.Sprintf("label %s (a variant of %s)", ls.ID, ls.Message.ID)
			}
			m := *ls.Message
			m.ID = ls.ID
			sources = append(sources, &source{Message: &m, what: what, hash: ls.Hash, label: true, fields: labelFields(ls.Message)})
		}
		tb, _ := c.termbase()
		lc := c.localeCheck(lang, l10n.LabelsName, sources, newVocabulary(nil, untranslated(tb, srcLang)))
		lc.what = "the labels file"
		lc.terms = c.termCheck(srcLang, lang)
		r = lc.run()
	}
	return r
}

// Source checks the texts of n as written, in its source language, for what no
// edition may carry: raw HTML, unsafe links, Markdown attributes, unclosed
// blocks and control or invisible characters; and its plain fields for those
// characters. It also reports the warnings of the notice itself, such as words
// in a field no translation can translate.
func (c *Checker) Source(n *notice.Notice) *Report {
	r := &Report{}
	sum := r.summary(n.SourceLanguage)
	ns := c.sourcesOf(n)
	names := ns.names
	for i, t := range n.Texts() {
		sum.Messages++
		sum.Translated++
		m := ns.sources[i].parsed
		var issues []issue
		if len(m.html) > 0 {
			issues = append(issues, rawHTMLIssue(m.html))
		}
		for _, l := range m.links {
			if unsafeScheme(l) {
				issues = append(issues, unsafeLinkIssue(l))
			}
		}
		issues = append(issues, safetyIssues(t.Value)...)
		issues = append(issues, glyphIssues(c.coverage, t.Value)...)
		for _, is := range issues {
			r.Findings = append(r.Findings, newFinding(t.Pos, n.SourceLanguage, t.ID, is.check, "%s: %s %s", n.SourceLanguage, names[t.ID], is.msg))
		}
	}
	for _, w := range n.Warnings {
		r.Findings = append(r.Findings, newFinding(w.Pos, n.SourceLanguage, "", w.Check, "%s", w.Message))
	}
	r.Findings = append(r.Findings, plainFields(n)...)
	waiveInNotice(n, r.Findings)
	return r
}

func (c *Checker) localeCheck(lang, name string, sources []*source, voc *vocabulary) *localeCheck {
	tag, _ := language.Parse(lang)
	return &localeCheck{
		lang: lang, tag: tag, path: c.catalog.FilePath(lang, name), file: c.catalog.File(lang, name),
		sources: sources, voc: voc, coverage: c.coverage, history: c.history,
		plurals: func() []pluralForm {
			c.mu.Lock()
			defer c.mu.Unlock()
			if _, ok := c.plurals[tag]; !ok {
				c.plurals[tag] = pluralForms(tag)
			}
			return c.plurals[tag]
		},
	}
}
