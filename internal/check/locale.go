package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/render"
)

// source is a message in the source language that a locale file translates.
type source struct {
	*i18n.Message
	// what names the message in diagnostics: "step troubleshooting/find-file".
	what string
	// step is set for the steps of a list and their notes.
	step bool
	// hash is the go-i18n hash of the source text a current translation carries.
	hash string
	// label is set for the templates' labels, whose texts are go-i18n templates
	// that may print only fields, the data the label gets.
	label  bool
	fields map[string]bool
	// parsed is the source text parsed, its tokens found; nil for a label,
	// which is parsed once its template is executed.
	parsed *markup
}

// localeCheck checks one locale file of one language against its sources.
type localeCheck struct {
	lang     string
	tag      language.Tag
	path     string     // where the file is or belongs
	file     *l10n.File // nil when the file is missing
	what     string     // what the file holds, for a missing file: "the translation of notice iqwebx-2017-11"
	sources  []*source
	voc      *vocabulary
	plurals  func() []pluralForm
	coverage *render.Coverage // nil checks no fonts
	history  *l10n.History    // the earlier source texts; nil knows none
	terms    *termCheck       // nil checks no terms
}

// staleMessage says what to do about translation m of an older source text of
// src: when the history knows that text, it shows what changed, word by word.
func (lc *localeCheck) staleMessage(m *l10n.Message, src *source) string {
	if lc.history != nil {
		if old, ok := lc.history.Lookup(m.Hash); ok {
			if diff := diag.WordDiff(old.Text, src.Other); diff != "" {
				return fmt.Sprintf("was translated from an older source text: update the translation, then set hash = %q. What changed in the source: %s", src.hash, diff)
			}
		}
	}
	return fmt.Sprintf("was translated from an older source text; the source is now %s: update the translation, then set hash = %q", diag.Quote(diag.Abbreviate(src.Other, 60)), src.hash)
}

// minRatioLength is the shortest source, in characters with each token counted
// as one, whose translation's length is compared: short texts vary too much.
const minRatioLength = 20

// run returns the findings and counts of the file.
func (lc *localeCheck) run() *Report {
	r := &Report{}
	sum := r.summary(lc.lang)
	sum.Messages = len(lc.sources)
	if lc.file == nil {
		sum.Missing = len(lc.sources)
		r.Findings = append(r.Findings, newFinding(diag.Pos{File: lc.path}, lc.lang, "", Missing,
			"%s: %s is missing; run fsn l10n sync --lang %s, which writes a work file of its %d messages to translate, then fsn l10n merge, which creates %s (or fsn l10n export --lang %s for a CAT tool)",
			lc.lang, lc.what, lc.lang, len(lc.sources), lc.path, lc.lang))
		return r
	}
	report := func(m *l10n.Message, id, check, what, msg string) {
		pos := diag.Pos{File: lc.path}
		if m != nil {
			pos = m.Pos
		}
		r.Findings = append(r.Findings, newFinding(pos, lc.lang, id, check, "%s: %s %s", lc.lang, what, msg))
	}
	cmp := &comparison{voc: lc.voc, lang: lc.tag}
	var ratios []lengthRatio
	ids := map[string]bool{}
	for _, src := range lc.sources {
		ids[src.ID] = true
		m, ok := lc.file.Messages[src.ID]
		switch {
		case !ok && src.step:
			report(nil, src.ID, StepMissing, src.what, fmt.Sprintf("is missing, so the edition would lose it; add [%s] (source: %s)", src.ID, diag.Quote(diag.Abbreviate(src.Other, 60))))
		case !ok:
			report(nil, src.ID, Missing, src.what, fmt.Sprintf("is missing; add [%s] (source: %s)", src.ID, diag.Quote(diag.Abbreviate(src.Other, 60))))
		case strings.TrimSpace(m.Other) == "":
			report(m, src.ID, Empty, src.what, fmt.Sprintf("is empty; translate it (source: %s)", diag.Quote(diag.Abbreviate(src.Other, 60))))
		}
		if !ok || strings.TrimSpace(m.Other) == "" {
			sum.Missing++
			continue
		}
		stale := false
		switch {
		case m.Hash == "":
			stale = true
			report(m, src.ID, Stale, src.what, fmt.Sprintf("has no hash, so nothing tells which source text it translates; check it against the source, then run fsn l10n stamp (or add hash = %q)", src.hash))
		case m.Hash != "" && m.Hash != src.hash:
			stale = true
			report(m, src.ID, Stale, src.what, lc.staleMessage(m, src))
		}
		if stale {
			sum.Stale++
		} else {
			sum.Translated++
		}
		if src.label {
			executed, issues := executeForms(m.Message, src.fields)
			for _, is := range issues {
				report(m, src.ID, is.check, src.what, is.msg)
			}
			if len(issues) > 0 {
				continue // a template that does more than print its data is not compared
			}
			executedSrc, _ := executeForms(src.Message, src.fields)
			src = &source{Message: executedSrc, what: src.what, step: src.step, hash: src.hash}
			m = &l10n.Message{Message: executed, Pos: m.Pos}
		}
		for _, is := range formIssues(m.Message) {
			report(m, src.ID, is.check, src.what, is.msg)
		}
		srcText, trText := src.parsed, parseMarkup(m.Other)
		if srcText == nil {
			srcText = parseMarkup(src.Other)
		}
		for _, is := range lc.compareForms(cmp, src, m, srcText, trText) {
			report(m, src.ID, is.check, src.what, is.msg)
		}
		if lc.terms != nil {
			for _, is := range lc.terms.check(src, m) {
				report(m, src.ID, is.check, src.what, is.msg)
			}
		}
		for _, is := range glyphIssues(lc.coverage, strings.Join([]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}, "\n")) {
			report(m, src.ID, is.check, src.what, is.msg)
		}
		if n := srcText.proseLength(lc.voc); n >= minRatioLength {
			ratios = append(ratios, lengthRatio{m, src, float64(trText.proseLength(lc.voc)) / float64(n), n})
		}
	}
	for _, is := range checkRatios(ratios) {
		report(is.m, is.src.ID, LengthRatio, is.src.what, is.msg)
	}
	for id, m := range lc.file.Messages {
		if !ids[id] {
			sum.Obsolete++
			report(m, id, Obsolete, "message "+id, "is used by no source; delete it (or fix its id if its source was renamed)")
		}
	}
	lc.waive(r)
	return r
}

// compareForms compares every plural form of a translation with its source;
// srcOther and trOther are the parsed "other" forms.
func (lc *localeCheck) compareForms(cmp *comparison, src *source, m *l10n.Message, srcOther, trOther *markup) []issue {
	if !l10n.IsPlural(src.Message) {
		return cmp.compare(srcOther, trOther)
	}
	// A form may name what the source's "other" form names: the source's "one"
	// form is only for 1, the same form of another language may be for 21 too.
	otherPlaceholders := map[string]bool{}
	for _, t := range srcOther.tokens(cmp.voc) {
		if t.kind == kindPlaceholder {
			otherPlaceholders[t.key] = true
		}
	}
	var issues []issue
	for _, f := range lc.plurals() {
		text := l10n.PluralText(m.Message, f.name)
		if text == "" {
			issues = append(issues, issue{PluralMissing, fmt.Sprintf("has no %q form, which %s uses for counts such as %s; add %s = \"…\"",
				f.name, lc.lang, f.sample, f.name)})
			continue
		}
		ref := l10n.PluralText(src.Message, f.name)
		cmp := *cmp
		cmp.allowed = otherPlaceholders
		if ref == "" {
			ref = src.Other
			if f.name == "zero" || f.name == "one" || f.name == "two" {
				cmp.optional = map[string]bool{"{{.Count}}": true} // the form may say the number in words
			}
		}
		for _, is := range cmp.compare(parseMarkup(ref), parseMarkup(text)) {
			is.msg = fmt.Sprintf("(form %s) %s", f.name, is.msg)
			issues = append(issues, is)
		}
	}
	return issues
}

// lengthRatio is how much longer a translation is than its source.
type lengthRatio struct {
	m     *l10n.Message
	src   *source
	ratio float64
	n     int // the source's prose length
}

type ratioIssue struct {
	m   *l10n.Message
	src *source
	msg string
}

// ratioTolerance is how far a translation's length ratio may stray from the
// usual one of its file, as a factor either way, for a source of n characters.
// Short texts, headings above all, vary most: "Actions" is "Toimenpiteet" in
// Finnish, 1.7 times as long, where the file's paragraphs run 1.1. The factor is 2
// for long texts and widens as texts get shorter: 4 for 20 characters, 3 for 40.
func ratioTolerance(n int) float64 {
	return 2 * (1 + float64(minRatioLength)/float64(max(n, 1)))
}

// checkRatios reports the translations that are far longer or far shorter than
// the file's translations usually are compared with their sources (see
// ratioTolerance). The file itself gives what is usual for its language pair:
// the median ratio of its messages (Italian and German run about 1.1 to 1.2).
func checkRatios(ratios []lengthRatio) []ratioIssue {
	usual := 1.0
	if len(ratios) >= 5 {
		sorted := make([]float64, len(ratios))
		for i, r := range ratios {
			sorted[i] = r.ratio
		}
		sort.Float64s(sorted)
		usual = sorted[len(sorted)/2]
	}
	var issues []ratioIssue
	for _, r := range ratios {
		k := ratioTolerance(r.n)
		switch {
		case r.ratio > k*usual:
			issues = append(issues, ratioIssue{r.m, r.src, fmt.Sprintf("is %.1f times as long as its source, where this file's translations are usually %.1f times; check that it holds only this message", r.ratio, usual)})
		case r.ratio < usual/k:
			issues = append(issues, ratioIssue{r.m, r.src, fmt.Sprintf("is %.1f times as long as its source, where this file's translations are usually %.1f times; check that nothing was left out", r.ratio, usual)})
		}
	}
	return issues
}

// waive applies the file's waivers to the findings of r, and reports waivers
// that are malformed or silence nothing.
func (lc *localeCheck) waive(r *Report) {
	waivers, bad := readWaivers(lc.file)
	r.Findings = append(r.Findings, bad...)
	for _, f := range r.Findings {
		for _, w := range waivers[f.MessageID] {
			if w.check == f.Check {
				f.Waiver, f.WaiverPos, w.used = w.reason, w.pos, true
			}
		}
	}
	for _, ws := range waivers {
		for _, w := range ws {
			if !w.used && !consistencyChecks[w.check] { // those are applied across notices (see consistency)
				r.Findings = append(r.Findings, newFinding(w.pos, lc.lang, w.message, WaiverUnused,
					"%s: the waiver of %s on message %s silences nothing; delete it", lc.lang, w.check, w.message))
			}
		}
	}
}
