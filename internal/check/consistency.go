package check

import (
	"crypto/sha256"
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
// translation's message. Waivers of these checks are applied here, as each
// file is compared with those before it, not with a file's other waivers.

// consistencyChecks are the checks of this file, whose waivers a locale
// file's own check leaves alone.
var consistencyChecks = map[string]bool{TranslationInconsistent: true, TranslationAmbiguous: true}

// textKey stands for a text, white space collapsed, in the maps of a
// consistency: what they keep of each text does not grow with its length.
type textKey [sha256.Size]byte

// firstUse is what a consistency keeps of the first current translation of a
// source text, or the first use of a translation: enough to compare the later
// ones with it and to name it in their findings.
type firstUse struct {
	other textKey // the translation of the source text, or the source of the translation
	// otherText is that text, white space collapsed, abbreviated for a message.
	otherText string
	pos       diag.Pos
	what      string // "step actions-operators/restart-and-scan of notice iqwebx-2017-11"
}

// consistency compares the translations of notices, one notice after the
// other, with those of the notices before: what it keeps is one entry per
// distinct text, not the files, so the files of a notice can be forgotten
// once it was added.
type consistency struct {
	langs    []string                         // the languages compared; every one when empty
	bySource map[string]map[textKey]*firstUse // language → source text → its first translation
	byTarget map[string]map[textKey]*firstUse // language → translation → its first source
	findings []*Finding
}

func newConsistency(langs []string) *consistency {
	return &consistency{langs: langs, bySource: map[string]map[textKey]*firstUse{}, byTarget: map[string]map[textKey]*firstUse{}}
}

// fileUses are the current translations of a locale file, in the order of
// its notice's texts, as the consistency checks compare them.
type fileUses struct {
	lang string
	file *l10n.File
	uses []use
}

// use is a current translation of a notice's text.
type use struct {
	source, target       string // white space collapsed
	sourceKey, targetKey textKey
	m                    *l10n.Message
	what                 string // "step actions-operators/restart-and-scan of notice iqwebx-2017-11"
}

// prepare returns the current translations of n in the catalog of c, by
// language, for add: the work of the comparison that needs no other notice,
// which the notices' checks do side by side. The names and hashes of the
// texts are those the checks of n use.
func (cs *consistency) prepare(c *Checker, n *notice.Notice) []*fileUses {
	var ns *noticeSources
	var sources []use // the texts of n, white space collapsed, hashed once for every language
	var out []*fileUses
	for _, lang := range n.Languages {
		if lang == n.SourceLanguage || (len(cs.langs) > 0 && !slices.Contains(cs.langs, lang)) {
			continue
		}
		f := c.catalog.File(lang, n.ID)
		if f == nil {
			continue
		}
		if ns == nil {
			ns = c.sourcesOf(n)
			for _, t := range n.Texts() {
				source := collapseSpace(t.Value)
				sources = append(sources, use{source: source, sourceKey: sha256.Sum256([]byte(source)), what: ns.names[t.ID] + " of notice " + n.ID})
			}
		}
		fu := &fileUses{lang: lang, file: f}
		for i, t := range n.Texts() {
			m := f.Messages[t.ID]
			if m == nil || m.Hash != ns.sources[i].hash || strings.TrimSpace(m.Other) == "" {
				continue
			}
			u := sources[i]
			u.target, u.m = collapseSpace(m.Other), m
			u.targetKey = sha256.Sum256([]byte(u.target))
			fu.uses = append(fu.uses, u)
		}
		out = append(out, fu)
	}
	return out
}

// add compares the translations that prepare found in a notice with those
// added before, and applies the waivers of these checks of each of its files.
func (cs *consistency) add(files []*fileUses) {
	for _, fu := range files {
		lang := fu.lang
		if cs.bySource[lang] == nil {
			cs.bySource[lang], cs.byTarget[lang] = map[textKey]*firstUse{}, map[textKey]*firstUse{}
		}
		bySource, byTarget := cs.bySource[lang], cs.byTarget[lang]
		var findings []*Finding
		for _, u := range fu.uses {
			if first, ok := bySource[u.sourceKey]; !ok {
				bySource[u.sourceKey] = &firstUse{other: u.targetKey, otherText: diag.Abbreviate(u.target, 60), pos: u.m.Pos, what: u.what}
			} else if first.other != u.targetKey {
				findings = append(findings, newFinding(u.m.Pos, lang, u.m.ID, TranslationInconsistent,
					"%s: %s translates %s as %s, where %s (%s) translates the same source as %s; use one translation, or waive the check where the context needs another",
					lang, u.what, diag.Quote(diag.Abbreviate(u.source, 60)), diag.Quote(diag.Abbreviate(u.target, 60)), first.pos, first.what, diag.Quote(first.otherText)))
			}
			if first, ok := byTarget[u.targetKey]; !ok {
				byTarget[u.targetKey] = &firstUse{other: u.sourceKey, otherText: diag.Abbreviate(u.source, 60), pos: u.m.Pos, what: u.what}
			} else if first.other != u.sourceKey {
				findings = append(findings, newFinding(u.m.Pos, lang, u.m.ID, TranslationAmbiguous,
					"%s: %s translates %s as %s, which %s (%s) uses for another source, %s; check that one of them is not a copy of the other",
					lang, u.what, diag.Quote(diag.Abbreviate(u.source, 60)), diag.Quote(diag.Abbreviate(u.target, 60)), first.pos, first.what, diag.Quote(first.otherText)))
			}
		}
		if len(fu.uses) > 0 {
			findings = append(findings, waiveConsistency(fu.file, findings)...)
		}
		cs.findings = append(cs.findings, findings...)
	}
}

// waiveConsistency applies the waivers of the consistency checks of f to
// findings, which are at f's messages, and returns a finding for each of
// those waivers that silences nothing.
func waiveConsistency(f *l10n.File, findings []*Finding) []*Finding {
	waivers, _ := readWaivers(f) // a malformed one is reported by the file's own check
	for _, fd := range findings {
		for _, w := range waivers[fd.MessageID] {
			if w.check == fd.Check {
				fd.Waiver, fd.WaiverPos, w.used = w.reason, w.pos, true
			}
		}
	}
	var unused []*Finding
	for _, id := range slices.Sorted(maps.Keys(waivers)) {
		for _, w := range waivers[id] {
			if consistencyChecks[w.check] && !w.used {
				unused = append(unused, newFinding(w.pos, f.Lang, w.message, WaiverUnused,
					"%s: the waiver of %s on message %s silences nothing; delete it", f.Lang, w.check, w.message))
			}
		}
	}
	return unused
}
