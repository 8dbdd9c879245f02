package translate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/tm"
)

// memory returns the project's translation memory, built when first asked
// for: every current translation of every notice (non-empty, and its hash the
// current source's), in the order of the notices, their languages and texts.
func (p *Project) memory() *tm.Memory {
	if p.tm != nil {
		return p.tm
	}
	m := tm.New()
	for _, n := range p.Notices {
		for _, lang := range p.Catalog.Languages() {
			f := p.Catalog.File(lang, n.ID)
			if lang == n.SourceLanguage || f == nil {
				continue
			}
			for _, text := range n.Texts() {
				msg := f.Messages[text.ID]
				if msg == nil || msg.Hash != l10n.SourceHash(text) || strings.TrimSpace(msg.Other) == "" {
					continue
				}
				m.Add(&tm.Unit{SourceLang: n.SourceLanguage, Lang: lang, Source: text.Value, Target: msg.Other,
					Notice: n.ID, ID: text.ID, Pos: msg.Pos})
			}
		}
	}
	p.tm = m
	return m
}

// offerMatches adds to the work file entry e of the source s of t the
// translation memory's matches from the translations of every other notice, in
// its description: score, where the translation is, its source and its text.
// An exact match whose entry still holds the source text is pre-filled, and
// marked for review (e.Review): merge leaves the entry in the work file until
// the translator has checked it and deleted the mark, so nothing from the
// memory reaches a message file, or an edition, unreviewed. It returns the
// number of matches and whether it pre-filled the entry.
func (p *Project) offerMatches(e *l10n.WorkEntry, s *source, t Target) (int, bool) {
	if t.Notice == nil || l10n.IsPlural(s.Message) {
		return 0, false
	}
	matches := p.memory().Lookup(t.Lang, s.Other, func(u *tm.Unit) bool { return u.Notice == t.Name })
	if len(matches) == 0 {
		return 0, false
	}
	offer := []string{"Translation memory (score, where, its source → its translation):"}
	for _, m := range matches {
		line := fmt.Sprintf("%d%% %s %s (%s): %s → %s", m.Score, m.Notice, m.ID, m.Pos, quoted(m.Source), quoted(m.Target))
		if m.Others > 0 {
			line += fmt.Sprintf(", and %d more with that translation", m.Others)
		}
		offer = append(offer, line)
	}
	e.Description = lines(e.Description, strings.Join(offer, "\n"))
	best := matches[0]
	if best.Score < 100 || e.Other != s.Other {
		return len(matches), false
	}
	e.Other = best.Target
	e.Review = fmt.Sprintf("%s %s", best.Notice, best.ID)
	return len(matches), true
}

// ExportTMX writes a TMX 1.4b document of every approved translation: the
// translation memory of offerMatches, for a translator's CAT tool.
func (p *Project) ExportTMX() ([]byte, int, error) {
	var buf bytes.Buffer
	m := p.memory()
	if err := tm.WriteTMX(&buf, m, p.SourceLang); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), len(m.Units()), nil
}

// IsTMX reports whether the file data is a TMX document, not an XLIFF one.
func IsTMX(data []byte) bool { return tm.IsTMX(data) }

// ImportTMX takes the translations of the TMX document at path into the
// message files, by the rules of Import: each translation unit becomes the
// XLIFF unit of the message it translates, and goes through the same checks
// (its source must be the message's current source; fsn check must find no
// error in the translation), all languages at once or none. A unit names its
// message by its tuid, as fsn l10n tm export writes it ("<notice>/<message
// id>"); a unit of another tool's memory, without such a tuid, translates every
// message of a notice whose current source is its source text. Only notices
// translated into a language already (see Targets) take its translations. A
// unit that translates no message is left out, and the report counts it.
func (p *Project) ImportTMX(path string) (*Report, error) {
	data, err := input.ReadFile(path, input.TMX)
	if err != nil {
		return nil, err
	}
	doc, err := tm.ReadTMX(path, data)
	if err != nil {
		return nil, err
	}
	type msg struct {
		t Target
		s *source
	}
	bySource := map[string][]msg{} // source text with white space collapsed → the messages
	byID := map[string]msg{}
	langs := p.Languages()
	targets := map[string]bool{} // language and notice of each message file the import may write
	for _, lang := range langs {
		for _, t := range p.Targets(lang) {
			targets[lang+"\x00"+t.Name] = true
		}
	}
	for _, n := range p.Notices {
		t := Target{Name: n.ID, Notice: n}
		for _, s := range p.sources(t) {
			bySource[strings.Join(strings.Fields(s.Other), " ")] = append(bySource[strings.Join(strings.Fields(s.Other), " ")], msg{t, s})
			byID[tm.UnitID(n.ID, s.ID)] = msg{t, s}
		}
	}
	files := map[string]*l10n.XLIFFFile{} // by language and notice
	var order []string
	unit := func(lang string, m msg, source string, v tm.Variant) bool {
		key := lang + "\x00" + m.t.Name
		if !targets[key] {
			return false // a notice not translated into lang: fsn l10n add starts it
		}
		f := files[key]
		if f == nil {
			f = &l10n.XLIFFFile{Name: m.t.Name, SourceLang: p.sourceLang(m.t), TargetLang: lang, Pos: v.Pos}
			files[key] = f
			order = append(order, key)
		}
		for _, u := range f.Units {
			if u.ID == m.s.ID && u.Target == v.Text {
				return true // the same translation twice, as a memory may hold it
			}
		}
		f.Units = append(f.Units, &l10n.XLIFFUnit{ID: m.s.ID, Source: source, Target: v.Text, HasTarget: true,
			State: l10n.Translated, Pos: v.Pos, TargetPos: v.Pos})
		return true
	}
	left := 0
	for _, u := range doc.Units {
		src, ok := u.Text(p.SourceLang)
		if !ok {
			left++
			continue
		}
		var msgs []msg
		if m, ok := byID[u.ID]; ok {
			msgs = []msg{m}
		} else {
			msgs = bySource[strings.Join(strings.Fields(src.Text), " ")]
		}
		used := false
		for _, v := range u.Variants {
			lang := canonicalLang(langs, v.Lang)
			if lang == "" || lang == p.SourceLang {
				continue
			}
			for _, m := range msgs {
				source := m.s.Other
				if u.ID != "" && byID[u.ID].s == m.s {
					source = src.Text // by tuid: its source must be the current one
				}
				if unit(lang, m, source, v) {
					used = true
				}
			}
		}
		if !used {
			left++
		}
	}
	var errs diag.List
	var changes []*change
	imp := &importer{}
	slices.Sort(order)
	for _, key := range order {
		f := files[key]
		ch, err := p.importFile(f, f.TargetLang, imp)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		changes = append(changes, ch)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	var notes []string
	if left > 0 {
		notes = append(notes, fmt.Sprintf("left out %d translation units of %s that translate no current source text of a notice into a language of the project", left, path))
	}
	return p.applyImport(path, changes, &Report{Warnings: imp.left}, notes...)
}

// canonicalLang returns the language of langs that the TMX language tag tag
// names ("it", "it-IT" or "IT" for "it"), or "".
func canonicalLang(langs []string, tag string) string {
	for _, l := range langs {
		if strings.EqualFold(l, tag) {
			return l
		}
	}
	base, _, _ := strings.Cut(tag, "-")
	for _, l := range langs {
		if strings.EqualFold(l, base) {
			return l
		}
	}
	return ""
}
