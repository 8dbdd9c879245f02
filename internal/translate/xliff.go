package translate

import (
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// Export returns the messages of lang as an XLIFF document of version (l10n.XLIFF12
// or l10n.XLIFF21): one file element per notice and one for the labels, one
// unit per message (per plural form for a label with plural forms, as
// "<id>:<form>"), with the message's description and context as notes, the
// hash of its source, and its state: untranslated (missing or empty), needing
// review (translated from an older source, with that translation as target) or
// translated.
func (p *Project) Export(lang, version string) *l10n.XLIFF {
	doc := &l10n.XLIFF{Version: version, SourceLang: p.SourceLang, TargetLang: lang}
	for _, t := range p.Targets(lang) {
		needs := p.needs(t, p.review(p.Catalog, t))
		file := p.Catalog.File(lang, t.Name)
		f := &l10n.XLIFFFile{Name: t.Name, SourceLang: p.sourceLang(t), TargetLang: lang}
		for _, s := range p.sources(t) {
			var have *l10n.Message
			if file != nil {
				have = file.Messages[s.ID]
			}
			context := s.context
			if needs[s.ID] == Stale && have != nil {
				if old, ok := p.History.Lookup(have.Hash); ok {
					context = lines(context, "The source changed. It read: "+quoted(old.Text))
				} else {
					context = lines(context, "The source changed after this translation was made.")
				}
			}
			forms := s.forms(lang)
			for _, form := range sortedForms(forms) {
				u := &l10n.XLIFFUnit{ID: unitID(s, form), Hash: s.hash, Description: s.Description, Context: context, Source: forms[form]}
				if have != nil {
					u.Target = l10n.PluralText(have.Message, form)
				}
				switch {
				case strings.TrimSpace(u.Target) == "":
					u.Target, u.State = "", l10n.Untranslated
				case needs[s.ID] == Stale:
					u.State, u.HasTarget = l10n.NeedsReview, true
				default:
					u.State, u.HasTarget = l10n.Translated, true
				}
				f.Units = append(f.Units, u)
			}
		}
		doc.Files = append(doc.Files, f)
	}
	return doc
}

// unitID is the XLIFF unit id of a form of s: the message id, followed by
// ":<form>" for a message with plural forms.
func unitID(s *source, form string) string {
	if l10n.IsPlural(s.Message) {
		return s.ID + ":" + form
	}
	return s.ID
}

// Import takes the translations of the XLIFF document at path into the message
// files. It takes only units in a finished state (translated, reviewed or
// signed off, final); it refuses XML that is not well-formed, a document or file
// element for a notice the project does not have or in another source language,
// unknown unit ids, a unit whose source is not its message's current source, a
// target that lost or adds an inline element, and a translation that fsn check
// finds an error in. Then it writes nothing. A unit whose translation is already
// in its message file changes nothing, so importing an untouched export leaves
// every file as it was.
func (p *Project) Import(path string) (*Report, error) {
	data, err := input.ReadFile(path, input.XLIFF)
	if err != nil {
		return nil, err
	}
	doc, err := l10n.ReadXLIFF(path, data)
	if err != nil {
		return nil, err
	}
	var errs diag.List
	top := diag.Pos{File: path, Line: 1}
	lang := doc.TargetLang
	tag, err := language.Parse(lang)
	switch {
	case lang == "":
		errs.Errorf(top, "the XLIFF names no target language; export it with fsn l10n export --lang")
	case err != nil:
		errs.Errorf(top, "the target language %q is not a BCP 47 language tag", lang)
	case tag.String() != lang || !slices.Contains(append(p.Languages(), p.SourceLang), lang):
		errs.Errorf(top, "the target language %q is not a language of this project; add it with fsn l10n add %s", lang, lang)
	case lang == p.SourceLang:
		errs.Errorf(top, "the target language %s is the source language", lang)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	rep := &Report{}
	skipped := map[l10n.UnitState]int{}
	var changes []*change
	for _, f := range doc.Files {
		ch, err := p.importFile(f, lang, skipped)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		changes = append(changes, ch)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	written, warnings, err := p.apply(changes)
	rep.Warnings = warnings
	if err != nil {
		return nil, err
	}
	n := 0
	for _, ch := range changes {
		n += len(ch.updates)
	}
	for _, w := range written {
		rep.say("wrote %s", w)
	}
	rep.say("imported %d translations from %s", n, path)
	if k := skipped[l10n.Untranslated] + skipped[l10n.NeedsReview]; k > 0 {
		rep.say("left out %d units not in a translated, reviewed or final state (%d untranslated, %d needing review)",
			k, skipped[l10n.Untranslated], skipped[l10n.NeedsReview])
	}
	rep.Done = append(rep.Done, p.complete(changes)...)
	if len(written) == 0 {
		return rep, nil
	}
	return rep, p.saveHistory()
}

// importFile reads the translations of one file element of an XLIFF document.
func (p *Project) importFile(f *l10n.XLIFFFile, lang string, skipped map[l10n.UnitState]int) (*change, error) {
	t, ok := p.target(f.Name, lang)
	if !ok {
		return nil, diag.Errorf(f.Pos, "the XLIFF is for %q, which is no notice in the notices folder; import an XLIFF that fsn l10n export wrote for this project", f.Name)
	}
	if src := p.sourceLang(t); f.SourceLang != src {
		return nil, diag.Errorf(f.Pos, "the XLIFF translates %s from %q, but %s is written in %q; export it again with fsn l10n export", describeTarget(t), f.SourceLang, describeTarget(t), src)
	}
	if f.TargetLang != lang {
		return nil, diag.Errorf(f.Pos, "this file element is for target language %q, the document for %q", f.TargetLang, lang)
	}
	var errs diag.List
	ch := p.newChange(t)
	sources := map[string]*source{}
	for _, s := range p.sources(t) {
		sources[s.ID] = s
	}
	seen := map[string]bool{}
	forms := map[string]map[string]string{} // message id → form → target
	var ids []string
	for _, u := range f.Units {
		id, form, _ := strings.Cut(u.ID, ":")
		s := sources[id]
		if form == "" {
			form = "other"
		}
		switch {
		case s == nil || unitID(s, form) != u.ID:
			errs.Errorf(u.Pos, "%s: %s has no message %q; is the XLIFF from another version of the notice? export it again", lang, describeTarget(t), u.ID)
			continue
		case seen[u.ID]:
			errs.Errorf(u.Pos, "%s: unit %q occurs twice", lang, u.ID)
			continue
		}
		seen[u.ID] = true
		want, ok := s.forms(lang)[form]
		switch {
		case !ok:
			errs.Errorf(u.Pos, "%s: %s does not use the plural form %q", lang, languageName(lang), form)
			continue
		case (u.Hash != "" && u.Hash != s.hash) || u.Source != want:
			errs.Errorf(u.Pos, "%s: the source of unit %q is not the current source of the message, which now reads %s; the source changed after the export: export again", lang, u.ID, diag.Quote(diag.Abbreviate(want, 80)))
			continue
		case !u.State.Done():
			skipped[u.State]++
			continue
		case len(u.Missing) > 0:
			errs.Errorf(u.TargetPos, "%s: the target of unit %q dropped the %s; keep every inline element of the source", lang, u.ID, strings.Join(u.Missing, " and the "))
			continue
		case len(u.Extra) > 0:
			errs.Errorf(u.TargetPos, "%s: the target of unit %q has the %s, which the source does not have", lang, u.ID, strings.Join(u.Extra, " and the "))
			continue
		case strings.TrimSpace(u.Target) == "":
			errs.Errorf(u.TargetPos, "%s: unit %q is marked as translated, but its target is empty", lang, u.ID)
			continue
		}
		if forms[id] == nil {
			forms[id] = map[string]string{}
			ids = append(ids, id)
		}
		forms[id][form] = u.Target
		ch.from[id] = u.TargetPos
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, id := range ids {
		s := sources[id]
		if len(forms[id]) < len(s.forms(lang)) {
			skipped[l10n.Untranslated]++ // a plural form is not finished: the message waits for all
			delete(ch.from, id)
			continue
		}
		if !ch.add(p, s, forms[id], nil, ch.from[id]) {
			delete(ch.from, id)
		}
	}
	return ch, nil
}
