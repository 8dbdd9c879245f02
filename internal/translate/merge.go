package translate

import (
	"bytes"
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// change is the translations to write into one message file, each with where
// it comes from: an entry of a work file, or a unit of an XLIFF document.
type change struct {
	target  Target
	updates []l10n.Update
	from    map[string]diag.Pos // by message id
	needs   map[string]string   // what needs work in the message file, as Project.needs says
}

func (p *Project) newChange(t Target) *change {
	return &change{target: t, from: map[string]diag.Pos{}, needs: p.needs(t, p.review(p.Catalog, t))}
}

// add adds the translation of s with the texts forms, unless the message file
// holds it already; it returns whether it did.
func (ch *change) add(p *Project, s *source, forms map[string]string, comments []string, from diag.Pos) bool {
	m := &i18n.Message{ID: s.ID, Description: s.Description, Hash: s.hash}
	setForms(m, forms)
	if sameTranslation(m, p.Catalog.File(ch.target.Lang, ch.target.Name), s, ch.needs[s.ID]) && len(comments) == 0 {
		return false
	}
	ch.updates = append(ch.updates, l10n.Update{Message: m, Comments: comments})
	ch.from[s.ID] = from
	return true
}

// apply checks each changed message file with fsn check's rules and writes them
// all, or, when any translation has an error, none. An error or warning about
// a translation is reported where the translation came from. It returns the
// files written and the warnings.
func (p *Project) apply(changes []*change) ([]string, diag.List, error) {
	type output struct {
		path string
		data []byte
	}
	var outputs []output
	var errs, warnings diag.List
	for _, ch := range changes {
		if len(ch.updates) == 0 {
			continue
		}
		path := p.Catalog.Dir.OnDisk(p.Path(ch.target)) // a shipped file changed becomes the project's
		data := p.newFileHeader(ch.target)
		if f := p.Catalog.File(ch.target.Lang, ch.target.Name); f != nil {
			data = f.Data
		}
		next := l10n.UpdateFile(ch.target.Name, data, ch.updates, order(p.sources(ch.target)))
		if bytes.Equal(next, data) {
			continue
		}
		f, err := l10n.ParseFile(path, next)
		if err != nil {
			return nil, nil, fmt.Errorf("fsn wrote %s in a form it cannot read back, so it wrote nothing: %w", path, err)
		}
		for _, finding := range p.review(p.Catalog.WithFile(f), ch.target).Findings {
			pos, ok := ch.from[finding.MessageID]
			if !ok || finding.Waiver != "" {
				continue
			}
			d := finding.Diagnostic
			d.Pos = pos
			if d.Severity == diag.Error {
				errs = append(errs, &d)
			} else {
				warnings = append(warnings, &d)
			}
		}
		outputs = append(outputs, output{path, next})
	}
	if len(errs) > 0 {
		return nil, warnings, errs
	}
	var written []string
	for _, o := range outputs {
		if err := p.writeFile(o.path, o.data); err != nil {
			return written, warnings, err
		}
		written = append(written, o.path)
	}
	return written, warnings, nil
}

// Merge takes the translations of filled-in work files (every work file in the
// locales folder when paths is empty) into their message files, keeping each
// file's layout, comments and waivers. An entry still holding its source text
// is left in the work file for later. It refuses an entry whose hash is no
// longer its source's, a message the source does not have, a work file of no
// notice of the project, and a translation that fsn check finds an error in:
// then it writes nothing. Merged entries leave their work file, and a work file
// left empty is removed.
func (p *Project) Merge(paths []string) (*Report, error) {
	if len(paths) == 0 {
		paths = p.Catalog.WorkFiles()
	}
	rep := &Report{}
	if len(paths) == 0 {
		rep.say("no work files to merge; fsn l10n sync writes them")
		return rep, nil
	}
	type pending struct {
		work   *l10n.WorkFile
		left   []*l10n.WorkEntry
		merged int
		// overtaken counts the entries, still holding their source text, whose
		// message the message file has translated since: they leave the work file.
		overtaken int
		review    int // entries pre-filled from the translation memory, not reviewed yet
	}
	var errs diag.List
	var changes []*change
	var works []*pending
	for _, path := range paths {
		w, err := l10n.ReadWorkFile(path)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		t, ok := p.target(w.Name, w.Lang)
		switch {
		case !ok:
			errs.Errorf(diag.Pos{File: path, Line: 1}, "this work file is for %q, which is no notice in the notices folder; a work file is named <notice id>.<lang>.toml or labels.<lang>.toml", w.Name)
			continue
		case w.Lang == p.sourceLang(t):
			errs.Errorf(diag.Pos{File: path, Line: 1}, "this work file is in %s, the source language of %s, which is not translated", w.Lang, w.Name)
			continue
		}
		ch := p.newChange(t)
		work := &pending{work: w}
		sources := map[string]*source{}
		for _, s := range p.sources(t) {
			sources[s.ID] = s
		}
		file := p.Catalog.File(t.Lang, t.Name)
		for _, e := range w.Entries {
			s := sources[e.ID]
			if s == nil {
				errs.Errorf(e.Pos, "%s: %s has no message %q; if it was renamed, run fsn l10n sync for a current work file", w.Lang, describeTarget(t), e.ID)
				continue
			}
			initial, current := p.initialForms(e, s, w.Lang)
			still := stillSource(e, initial)
			base := translationBase(file, e.ID)
			switch {
			case !current && initial != nil && len(still) == len(initial):
				work.left = append(work.left, e) // made from an earlier source, never translated: sync renews it
			case !current:
				errs.Errorf(e.Pos, "%s: the source of message %q changed after this work file was written; it now reads %s. Run fsn l10n sync: it puts the new source in this entry and keeps your translation beside it",
					w.Lang, e.ID, diag.Quote(diag.Abbreviate(s.Other, 80)))
			case (len(still) > 0 || sameForms(e.Message, initial)) && ch.needs[e.ID] == "":
				work.overtaken++ // translated in the message file since; nothing of the translator's is lost
			case len(still) > 0:
				work.left = append(work.left, e)
			case e.Review != "":
				work.left = append(work.left, e) // from the translation memory, not reviewed yet
				work.review++
			case sameTranslation(e.Message, file, s, ch.needs[e.ID]):
				work.merged++ // the message file holds this text already
			case overtaken(e, base, ch.needs[e.ID]) || (e.Base != "" && e.Base != base):
				errs.Errorf(e.Pos, "%s: %s changed message %q after this work file was written (by an import or by hand): it reads %s there, this work file %s. fsn never replaces a newer translation with an older one: run fsn l10n sync --lang %s, which removes entries translated since, or put the better text into %s by hand",
					w.Lang, p.Path(t), e.ID, quoted(diag.Abbreviate(file.Messages[e.ID].Other, 80)), quoted(diag.Abbreviate(e.Other, 80)), w.Lang, p.Path(t))
			default:
				forms := map[string]string{}
				for form := range s.forms(w.Lang) {
					forms[form] = l10n.PluralText(e.Message, form)
				}
				ch.add(p, s, forms, e.Waivers, e.Pos)
				work.merged++
			}
		}
		changes = append(changes, ch)
		works = append(works, work)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	written, warnings, err := p.apply(changes)
	rep.Warnings = warnings
	if err != nil {
		return nil, err
	}
	for _, path := range written {
		rep.say("wrote %s", path)
	}
	var writes []workWrite
	for _, w := range works {
		if w.review > 0 {
			rep.say("%s: %d entries pre-filled from the translation memory wait for review; check each, then delete its %q line", w.work.Path, w.review, l10n.ReviewComment)
		}
		if w.overtaken > 0 {
			rep.say("%s: %d entries still holding their source text are translated in the message file already; they leave the work file", w.work.Path, w.overtaken)
		}
		switch {
		case len(w.left) == 0:
			rep.say("removed %s: every entry was merged (%d)", w.work.Path, w.merged)
			writes = append(writes, workWrite{path: w.work.Path})
		case w.merged > 0 || w.overtaken > 0:
			rep.say("merged %d entries of %s; %d not translated yet stay in it", w.merged, w.work.Path, len(w.left))
			w.work.Entries = w.left
			writes = append(writes, workWrite{path: w.work.Path, data: w.work.Bytes()})
		default:
			rep.say("%s: nothing to merge; its %d entries still hold their source text", w.work.Path, len(w.left))
		}
	}
	if err := p.writeWork(writes); err != nil {
		return nil, err
	}
	rep.Done = append(rep.Done, p.complete(changes)...)
	if len(written) == 0 && len(writes) == 0 {
		return rep, nil
	}
	return rep, p.saveHistory()
}

// complete returns a line for each changed notice whose translation into a
// language it does not list yet is now complete.
func (p *Project) complete(changes []*change) []string {
	reloaded, err := l10n.Load(p.Catalog.Dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, ch := range changes {
		t := ch.target
		if t.Notice == nil || t.Listed || len(ch.updates) == 0 {
			continue
		}
		q := *p
		q.Catalog = reloaded
		c := q.cell(t)
		labels := q.cell(Target{Name: l10n.LabelsName, Lang: t.Lang})
		if c.Translated == c.Messages && c.Errors == 0 && labels.Translated == labels.Messages && labels.Errors == 0 {
			out = append(out, fmt.Sprintf("%s is now translated into %s: add %s to \"languages:\" in %s to build its edition",
				t.Notice.ID, languageName(t.Lang), t.Lang, t.Notice.File))
		}
	}
	return out
}

// describeTarget names t for a message: "notice iqwebx-2017-11" or "the labels".
func describeTarget(t Target) string {
	if t.Notice == nil {
		return "the labels"
	}
	return "notice " + t.Notice.ID
}

// sameForms reports whether m holds exactly the texts forms, as fsn wrote them
// into a work file entry: an entry no translator touched.
func sameForms(m *i18n.Message, forms map[string]string) bool {
	if forms == nil {
		return false
	}
	for form, text := range forms {
		if l10n.PluralText(m, form) != text {
			return false
		}
	}
	return true
}
