package check

import (
	"maps"
	"slices"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// The consistency checks compare the translations of every notice in one
// language with each other, as translators' QA tools (Xbench, Verifika) do:
//
//   - translation-inconsistent: one source text translated in two ways;
//   - translation-ambiguous: one translation used for two different source texts.
//
// Texts are compared with their white space collapsed, and only current
// translations (not missing, empty or stale) take part. A finding is at the
// later of the two translations, in the order of the notices and their texts,
// and names the earlier one's place; it is waived by a waiver at the later
// translation's message. Waivers of these checks are applied here, after
// every notice was read, not with a file's other waivers.

// consistencyChecks are the checks of this file, whose waivers a locale
// file's own check leaves alone.
var consistencyChecks = map[string]bool{TranslationInconsistent: true, TranslationAmbiguous: true}

// translationUse is a current translation of a notice's text.
type translationUse struct {
	source, target string // white space collapsed
	file           *l10n.File
	m              *l10n.Message
	what           string // "step actions-operators/restart-and-scan of notice iqwebx-2017-11"
}

// consistency returns the consistency findings of the notices' translations
// into each language of langs (every language when empty), with the waivers of
// those checks applied.
func (c *Checker) consistency(notices []*notice.Notice, langs []string) []*Finding {
	byLang := map[string][]translationUse{}
	var order []string
	for _, n := range notices {
		names := describe(n)
		for _, lang := range n.Languages {
			if lang == n.SourceLanguage || (len(langs) > 0 && !slices.Contains(langs, lang)) {
				continue
			}
			f := c.catalog.File(lang, n.ID)
			if f == nil {
				continue
			}
			if _, ok := byLang[lang]; !ok {
				order = append(order, lang)
			}
			for _, t := range n.Texts() {
				m := f.Messages[t.ID]
				if m == nil || m.Hash != l10n.SourceHash(t) || strings.TrimSpace(m.Other) == "" {
					continue
				}
				byLang[lang] = append(byLang[lang], translationUse{
					source: collapseSpace(t.Value), target: collapseSpace(m.Other), file: f, m: m,
					what: names[t.ID] + " of notice " + n.ID,
				})
			}
		}
	}
	var findings []*Finding
	files := map[*l10n.File]bool{}
	for _, lang := range order {
		uses := byLang[lang]
		firstBySource := map[string]int{}
		firstByTarget := map[string]int{}
		for i, u := range uses {
			files[u.file] = true
			if j, ok := firstBySource[u.source]; !ok {
				firstBySource[u.source] = i
			} else if first := uses[j]; first.target != u.target {
				findings = append(findings, newFinding(u.m.Pos, lang, u.m.ID, TranslationInconsistent,
					"%s: %s translates %s as %s, where %s (%s) translates the same source as %s; use one translation, or waive the check where the context needs another",
					lang, u.what, diag.Quote(diag.Abbreviate(u.source, 60)), diag.Quote(diag.Abbreviate(u.target, 60)), first.m.Pos, first.what, diag.Quote(diag.Abbreviate(first.target, 60))))
			}
			if j, ok := firstByTarget[u.target]; !ok {
				firstByTarget[u.target] = i
			} else if first := uses[j]; first.source != u.source {
				findings = append(findings, newFinding(u.m.Pos, lang, u.m.ID, TranslationAmbiguous,
					"%s: %s translates %s as %s, which %s (%s) uses for another source, %s; check that one of them is not a copy of the other",
					lang, u.what, diag.Quote(diag.Abbreviate(u.source, 60)), diag.Quote(diag.Abbreviate(u.target, 60)), first.m.Pos, first.what, diag.Quote(diag.Abbreviate(first.source, 60))))
			}
		}
	}
	// Apply the waivers of these checks, and report those that silence nothing.
	byFile := map[string][]*Finding{}
	for _, fd := range findings {
		byFile[fd.Pos.File] = append(byFile[fd.Pos.File], fd)
	}
	sorted := make([]*l10n.File, 0, len(files))
	for f := range files {
		sorted = append(sorted, f)
	}
	slices.SortFunc(sorted, func(a, b *l10n.File) int { return strings.Compare(a.Path, b.Path) })
	for _, f := range sorted {
		waivers, _ := readWaivers(f) // a malformed one is reported by the file's own check
		for _, fd := range byFile[f.Path] {
			for _, w := range waivers[fd.MessageID] {
				if w.check == fd.Check {
					fd.Waiver, fd.WaiverPos, w.used = w.reason, w.pos, true
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(waivers)) {
			for _, w := range waivers[id] {
				if consistencyChecks[w.check] && !w.used {
					findings = append(findings, newFinding(w.pos, f.Lang, w.message, WaiverUnused,
						"%s: the waiver of %s on message %s silences nothing; delete it", f.Lang, w.check, w.message))
				}
			}
		}
	}
	return findings
}
