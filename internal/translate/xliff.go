package translate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// Export returns the messages of lang as an XLIFF document of version (l10n.XLIFF12
// or l10n.XLIFF21): one file element per notice and one for the labels, one
// unit per message (per plural form for a label with plural forms, as
// "<id>:<form>"), with the message's description and context as notes and the
// hash of its source. A message that needs work (missing, empty, or translated
// from an older source) is a unit to translate with its current source; the
// translation of the older source comes only as a suggestion and in a note,
// never as the target. A translated message is a finished unit, which CAT tools
// show as context.
//
// Each unit carries the termbase's entries whose source term occurs in it, and
// each unit that needs work the translation memory's matches from the other
// notices (an exact one too, only as a suggestion). Each unit records as its
// Base the translation the message file holds, so that Import refuses to
// replace a translation changed after the export. A termbase that cannot be
// read is an error.
func (p *Project) Export(lang, version string) (*l10n.XLIFF, error) {
	tb, err := p.termbase()
	if err != nil {
		return nil, err
	}
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
			stale := needs[s.ID] == Stale && have != nil
			context := s.context
			if stale {
				context = lines(context, p.staleLines(have, s.Other))
			}
			forms := s.forms(lang)
			base := translationBase(file, s.ID)
			for _, form := range sortedForms(forms) {
				u := &l10n.XLIFFUnit{ID: unitID(s, form), Hash: s.hash, Base: base, Description: s.Description, Context: context, Source: forms[form],
					Terms: unitTerms(tb, f.SourceLang, lang, forms[form])}
				old := ""
				if have != nil {
					old = l10n.PluralText(have.Message, form)
				}
				switch {
				case strings.TrimSpace(old) == "":
					u.State = l10n.Untranslated
				case stale:
					u.State = l10n.NeedsReview
					u.Suggestions = append(u.Suggestions, p.earlier(have, form, u.Source, old))
				default:
					u.State, u.HasTarget, u.Target = l10n.Translated, true, old
				}
				if !u.State.Done() && !l10n.IsPlural(s.Message) {
					u.Suggestions = append(u.Suggestions, p.unitMatches(t, u.Source)...)
				}
				f.Units = append(f.Units, u)
			}
		}
		doc.Files = append(doc.Files, f)
	}
	return doc, nil
}

// earlier is the suggestion of a stale translation: the translation old of the
// plural form form of m, with the source it was made from when the history
// records it (only the "other" form is recorded), else the current source.
func (p *Project) earlier(m *l10n.Message, form, current, old string) *l10n.XLIFFSuggestion {
	sg := &l10n.XLIFFSuggestion{Earlier: true, Origin: l10n.EarlierOrigin, Source: current, Target: old}
	if prev, ok := p.History.Lookup(m.Hash); ok && form == "other" {
		sg.Source = prev.Text
	}
	return sg
}

// unitID is the XLIFF unit id of a form of s: the message id, followed by
// ":<form>" for a message with plural forms.
func unitID(s *source, form string) string {
	if l10n.IsPlural(s.Message) {
		return s.ID + ":" + form
	}
	return s.ID
}

// ImportOptions says how Import treats units that are not translated.
type ImportOptions struct {
	// Partial takes the translated units and leaves the others for later, each
	// reported as a warning. Without it, a unit left out is an error and
	// nothing is written.
	Partial bool
	// Overwrite takes a unit's translation even where the message file's
	// translation changed after the export (its Base). Without it, such a unit
	// is an error that shows both texts, and nothing is written.
	Overwrite bool
}

// Import takes the translations of the XLIFF document at path into the message
// files. A target decides, not the state a CAT tool wrote (OmegaT keeps the
// state of the export): a target that differs from the unit's source and from
// the translation of an earlier source is taken in any state; a target that is
// empty, a copy of the source or the earlier translation unchanged is left out,
// unless its state is finished (translated, reviewed or signed off, final),
// which confirms a text that stays the same. Units left out are errors unless
// opts.Partial is set. Suggestions (alt-trans, mtc:match) are never taken: only
// a unit's target is.
//
// A unit records the translation its message file held at the export (its
// Base). Where the message file holds another translation now (an import, a
// merge or an edit since), the unit's translation is refused, both texts
// shown, unless opts.Overwrite is set; a unit whose target is still the
// translation it was exported with leaves the newer one in place, and the
// report counts it. A waiver in a unit's note ("fsn:waive CHECK: reason")
// goes into the locale file with the translation.
//
// Import refuses XML that is not well-formed, a document or file element for a
// notice the project does not have or in another source language, unknown unit
// ids, a unit whose source is not its message's current source, a target that
// lost or adds an inline element, and a translation that fsn check finds an
// error in. Then it writes nothing. A unit whose translation is already in its
// message file changes nothing, so importing an untouched export leaves every
// file as it was.
func (p *Project) Import(path string, opts ImportOptions) (*Report, error) {
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
	imp := &importer{overwrite: opts.Overwrite}
	var changes []*change
	for _, f := range doc.Files {
		ch, err := p.importFile(f, lang, imp)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		changes = append(changes, ch)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(imp.left) > 0 && !opts.Partial {
		for _, d := range imp.left {
			d.Severity = diag.Error
			errs = append(errs, d)
		}
		errs.Errorf(top, "units not translated: %d, each named above; translate them, or import with --partial to take the translated units and leave these for later", len(imp.left))
		return nil, errs
	}
	rep.Warnings = append(rep.Warnings, imp.left...)
	var notes []string
	if len(imp.left) > 0 {
		notes = append(notes, fmt.Sprintf("left out units not translated yet (--partial): %d", len(imp.left)))
	}
	if len(imp.kept) > 0 {
		notes = append(notes, fmt.Sprintf("kept %d translations that the locale files changed after the export, where the XLIFF still holds the translation it was exported with (%s)",
			len(imp.kept), strings.Join(imp.kept, ", ")))
	}
	if len(imp.unfinished) > 0 {
		notes = append(notes, fmt.Sprintf("took %d translations from units whose state is not finished (%s): a target that is a translation is taken whatever its state",
			len(imp.unfinished), strings.Join(imp.unfinished, ", ")))
	}
	return p.applyImport(path, changes, rep, notes...)
}

// applyImport writes the changes an import of path made, and reports in rep
// the files written, the number of translations taken, then notes; it records
// the source texts in the history when it wrote anything.
func (p *Project) applyImport(path string, changes []*change, rep *Report, notes ...string) (*Report, error) {
	written, warnings, err := p.apply(changes)
	rep.Warnings = append(rep.Warnings, warnings...)
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
	for _, note := range notes {
		rep.say("%s", note)
	}
	rep.Done = append(rep.Done, p.complete(changes)...)
	if len(written) == 0 {
		return rep, nil
	}
	return rep, p.saveHistory()
}

// importer collects, over the files of an XLIFF document, the units left out
// (as warnings at their place), the ids of units taken in a state that is not
// finished, and those of messages whose newer translation in the message file
// was kept. overwrite is ImportOptions.Overwrite.
type importer struct {
	left       diag.List
	unfinished []string
	kept       []string
	overwrite  bool
}

func (imp *importer) leave(pos diag.Pos, lang, id, why string) {
	imp.left = append(imp.left, &diag.Diagnostic{Pos: pos, Severity: diag.Warning, Message: fmt.Sprintf("%s: unit %q left out: %s", lang, id, why)})
}

// importFile reads the translations of one file element of an XLIFF document.
func (p *Project) importFile(f *l10n.XLIFFFile, lang string, imp *importer) (*change, error) {
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
	file := p.Catalog.File(lang, t.Name)
	sources := map[string]*source{}
	for _, s := range p.sources(t) {
		sources[s.ID] = s
	}
	seen := map[string]bool{}
	forms := map[string]map[string]string{} // message id → form → target
	bases := map[string]string{}            // message id → the Base of its units
	waivers := map[string][]string{}
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
		earlier := ""
		if file != nil && file.Messages[id] != nil && ch.needs[id] == Stale {
			earlier = l10n.PluralText(file.Messages[id].Message, form)
		}
		done := u.State.Done()
		switch {
		case !ok:
			errs.Errorf(u.Pos, "%s: %s does not use the plural form %q", lang, languageName(lang), form)
			continue
		case (u.Hash != "" && u.Hash != s.hash) || u.Source != want:
			errs.Errorf(u.Pos, "%s: the source of unit %q is not the current source of the message, which now reads %s; the source changed after the export: export again", lang, u.ID, diag.Quote(diag.Abbreviate(want, 80)))
			continue
		case strings.TrimSpace(u.Target) == "" && done:
			errs.Errorf(u.TargetPos, "%s: unit %q is marked as translated, but its target is empty", lang, u.ID)
			continue
		case strings.TrimSpace(u.Target) == "":
			imp.leave(u.Pos, lang, u.ID, "it has no translation")
			continue
		case u.Target == want && !done && l10n.Translatable(want):
			imp.leave(u.TargetPos, lang, u.ID, fmt.Sprintf("its target is still a copy of the source (%s); translate it, or mark the unit translated if the text stays the same in %s", stateOf(u), languageName(lang)))
			continue
		case u.Target == earlier && !done:
			imp.leave(u.TargetPos, lang, u.ID, fmt.Sprintf("its target is the translation of the earlier source, unchanged (%s); translate the current source %s, or mark the unit translated if the translation still fits", stateOf(u), diag.Quote(diag.Abbreviate(want, 80))))
			continue
		case len(u.Missing) > 0:
			errs.Errorf(u.TargetPos, "%s: the target of unit %q dropped the %s; keep every inline element of the source", lang, u.ID, strings.Join(u.Missing, " and the "))
			continue
		case len(u.Extra) > 0:
			errs.Errorf(u.TargetPos, "%s: the target of unit %q has the %s, which the source does not have", lang, u.ID, strings.Join(u.Extra, " and the "))
			continue
		}
		if forms[id] == nil {
			forms[id] = map[string]string{}
			ids = append(ids, id)
		}
		forms[id][form] = u.Target
		if bases[id] == "" {
			bases[id] = u.Base
		}
		for _, w := range u.Waivers {
			if !slices.Contains(waivers[id], w) {
				waivers[id] = append(waivers[id], w)
			}
		}
		if !done && u.Target != l10n.PluralText(messageOf(file, id), form) {
			imp.unfinished = append(imp.unfinished, u.ID)
		}
		ch.from[id] = u.TargetPos
	}
	if len(errs) > 0 {
		return nil, errs
	}
	for _, id := range ids {
		s := sources[id]
		if len(forms[id]) < len(s.forms(lang)) {
			imp.leave(ch.from[id], lang, id, "a message is taken with all its plural forms, and some are not translated")
			delete(ch.from, id)
			continue
		}
		// A unit left as exported keeps the newer translation, unless it brings a
		// waiver: that is the translator's, and is refused as a changed text is.
		if changed, untouched := changedSince(file, id, bases[id], forms[id]); changed && untouched && len(waivers[id]) == 0 {
			imp.kept = append(imp.kept, id)
			delete(ch.from, id)
			continue
		} else if changed && !imp.overwrite {
			errs.Errorf(ch.from[id], "%s: %s changed message %q after this XLIFF was exported (by an import, a merge or by hand): it reads %s there, the XLIFF %s. fsn never replaces a newer translation with an older one: export again and translate the unit there, or import with --overwrite to take the XLIFF's text",
				lang, p.Path(t), id, quoted(diag.Abbreviate(messageOf(file, id).Other, 80)), quoted(diag.Abbreviate(forms[id]["other"], 80)))
			delete(ch.from, id)
			continue
		}
		if !ch.add(p, s, forms[id], waivers[id], ch.from[id]) {
			delete(ch.from, id)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ch, nil
}

// changedSince reports whether the message id of file holds another
// translation than base, the one an XLIFF unit was exported with, and not the
// texts forms that the import brings; and, if so, whether forms are still the
// translation base names: the translator left the unit as it was exported. A
// unit without a base (an XLIFF of another tool, or of an earlier fsn) has
// not changed.
func changedSince(file *l10n.File, id, base string, forms map[string]string) (changed, untouched bool) {
	if base == "" || translationBase(file, id) == base || sameForms(messageOf(file, id), forms) {
		return false, false
	}
	m := &i18n.Message{}
	setForms(m, forms)
	return true, l10n.TranslationHash(m) == base
}

// messageOf returns the message id of file, or an empty one.
func messageOf(file *l10n.File, id string) *i18n.Message {
	if file != nil && file.Messages[id] != nil {
		return file.Messages[id].Message
	}
	return &i18n.Message{}
}

// stateOf names the state of u for a message.
func stateOf(u *l10n.XLIFFUnit) string {
	if u.StateName == "" {
		return "no state"
	}
	return "state " + u.StateName
}
