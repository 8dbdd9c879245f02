package translate

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// Report is what a command of the workflow did, for the command line.
type Report struct {
	// Done says what was written or removed, and what was left, one line each.
	Done []string
	// Warnings are findings that need no action for the command to succeed, such
	// as an obsolete message that was kept.
	Warnings diag.List
}

func (r *Report) say(format string, args ...any) {
	r.Done = append(r.Done, fmt.Sprintf(format, args...))
}

// Sync writes, for each language of langs (every language when empty), a work
// file for each of its message files with messages that need translating: those
// missing or empty, those translated from an older source text, and labels that
// lack a plural form. A translation in an earlier work file that was not merged
// yet is kept: as it is while its source is unchanged, else beside the new
// source in the entry's description. A work file left with nothing to translate
// is removed, and the report says so. Obsolete messages are reported, never
// deleted. Nothing is written when an earlier work file cannot be read. It
// also writes each notice's go-i18n source file (see SourceFile) when it
// differs from notice.yaml.
func (p *Project) Sync(langs []string) (*Report, error) {
	if len(langs) == 0 {
		langs = p.Languages()
	}
	rep := &Report{}
	var targets []Target
	for _, lang := range langs {
		targets = append(targets, p.Targets(lang)...)
	}
	if err := p.syncTargets(targets, rep); err != nil {
		return nil, err
	}
	if err := p.writeSourceFiles(rep); err != nil {
		return nil, err
	}
	return rep, p.saveHistory()
}

// workWrite is a work file to write, or to remove when data is nil.
type workWrite struct {
	path string
	data []byte
}

func (p *Project) syncTargets(targets []Target, rep *Report) error {
	var errs diag.List
	var writes []workWrite
	for _, t := range targets {
		w, err := p.syncTarget(t, rep)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		if w != nil {
			writes = append(writes, *w)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return p.writeWork(writes)
}

// writeWork writes or removes work files.
func (p *Project) writeWork(writes []workWrite) error {
	for _, w := range writes {
		if w.data == nil {
			if err := os.Remove(w.path); err != nil {
				return err
			}
			p.files.removed(w.path)
			os.Remove(filepath.Dir(w.path)) // the translate folder, when it is empty now
			continue
		}
		if err := p.writeFile(w.path, w.data); err != nil {
			return err
		}
	}
	return nil
}

// syncTarget works out the work file of t, and reports it and the obsolete
// messages of t. It returns nil when the work file stays as it is.
func (p *Project) syncTarget(t Target, rep *Report) (*workWrite, error) {
	r := p.review(p.Catalog, t)
	for _, f := range r.Findings {
		if f.Check == check.Obsolete && f.Waiver == "" {
			d := f.Diagnostic
			d.Message += "; fsn kept it"
			rep.Warnings = append(rep.Warnings, &d)
		}
	}
	needs := p.needs(t, r)
	path := p.Catalog.WorkPath(t.Lang, t.Name)
	old, oldData, err := readWork(path)
	if err != nil {
		return nil, err
	}
	file := p.Catalog.File(t.Lang, t.Name)
	w := &l10n.WorkFile{Path: path, Name: t.Name, Lang: t.Lang, Header: p.workHeader(t)}
	counts := map[string]int{}
	offered, filled := 0, 0 // entries with matches from the translation memory, and pre-filled ones
	for _, s := range p.sources(t) {
		state := needs[s.ID]
		var prev *l10n.WorkEntry
		if old != nil {
			prev = old.Entry(s.ID)
		}
		initial, current := p.initialForms(prev, s, t.Lang)
		translated := prev != nil && len(stillSource(prev, initial)) == 0
		base := translationBase(file, s.ID)
		switch {
		case translated && current && sameTranslation(prev.Message, file, s, state):
			continue // merged already
		case translated && current && overtaken(prev, base, state) && sameForms(prev.Message, initial) && !prev.Same:
			continue // an entry no one touched, translated in the message file since
		case translated && current && overtaken(prev, base, state):
			d := diag.Diagnostic{Pos: prev.Pos, Severity: diag.Warning, Message: fmt.Sprintf(
				"%s: fsn removed this entry of message %q, which %s has translated since this work file was written (by an import or by hand): it reads %s there. Your text here was %s; if it is the better one, put it into %s by hand",
				t.Lang, s.ID, p.Path(t), quoted(file.Messages[s.ID].Other), quoted(prev.Other), p.Path(t))}
			rep.Warnings = append(rep.Warnings, &d)
			continue
		case translated && current:
			prev.Description = p.describe(s, t, state, file)
			prev.Base = base
			p.offerMatches(prev, s, t)
			w.Entries = append(w.Entries, prev)
			counts["not merged yet"]++
			continue
		case state == "" || state == Obsolete:
			continue
		}
		e := &l10n.WorkEntry{Message: &i18n.Message{ID: s.ID, Description: p.describe(s, t, state, file), Hash: s.hash}, Base: base}
		setForms(e.Message, s.forms(t.Lang))
		if state == Plural {
			setForms(e.Message, messageForms(file.Messages[s.ID].Message)) // keep the forms it has
		}
		if translated {
			e.Description = lines(e.Description, fmt.Sprintf("Your translation in the work file, made from the earlier source: %s", quoted(prev.Other)))
		}
		if n, prefilled := p.offerMatches(e, s, t); n > 0 {
			offered++
			if prefilled {
				filled++
			}
		}
		w.Entries = append(w.Entries, e)
		counts[map[string]string{Missing: "missing", Stale: "stale", Plural: "plural forms missing"}[state]]++
	}
	if len(w.Entries) == 0 {
		if old == nil {
			rep.say("%s: nothing to translate", p.Path(t))
			return nil, nil
		}
		rep.say("removed %s: nothing left to translate", path)
		return &workWrite{path: path}, nil
	}
	var parts []string
	for _, k := range []string{"missing", "stale", "plural forms missing", "not merged yet"} {
		if counts[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
		}
	}
	if offered > 0 {
		parts = append(parts, fmt.Sprintf("%d with matches from the translation memory, %d pre-filled for review", offered, filled))
	}
	data := w.Bytes()
	if bytes.Equal(oldData, data) {
		rep.say("%s: %d to translate (%s), unchanged", path, len(w.Entries), strings.Join(parts, ", "))
		return nil, nil
	}
	rep.say("wrote %s: %d to translate (%s)", path, len(w.Entries), strings.Join(parts, ", "))
	return &workWrite{path: path, data: data}, nil
}

// readWork reads the work file at path, or returns nil when there is none.
func readWork(path string) (*l10n.WorkFile, []byte, error) {
	data, err := input.ReadFile(path, input.Locale)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	w, err := l10n.ParseWorkFile(path, data)
	return w, data, err
}

// workHeader is the comment at the top of t's work file.
func (p *Project) workHeader(t Target) []string {
	return []string{
		fmt.Sprintf("# fsn l10n work file: the messages of %s that need translating into %s.", p.Path(t), languageName(t.Lang)),
		"# Replace each \"other\" (and each plural form) with the translation, and leave the hash as it is: it names",
		"# the source text you translate. Keep code spans, link targets, placeholders, numbers, names and paths as",
		"# in the source. A text that stays as in the source (a name, \"Fax\") is taken only with a line",
		"# \"" + l10n.SameComment + "\" above its table. Entries still holding the source text are left for later.",
		fmt.Sprintf("# Then run: fsn l10n merge %s", p.Catalog.WorkPath(t.Lang, t.Name)),
	}
}

// describe is the description of a work file entry: the message's own, where
// the text sits, and for a stale translation, the source it was made from and
// the translation itself.
func (p *Project) describe(s *source, t Target, state string, file *l10n.File) string {
	d := lines(s.Description, s.context)
	var m *l10n.Message
	if file != nil {
		m = file.Messages[s.ID]
	}
	switch {
	case state == Stale && m != nil:
		d = lines(d, p.staleLines(m, s.Other))
	case state == Plural && m != nil:
		d = lines(d, fmt.Sprintf("The translation lacks plural forms that %s needs; translate every form.", languageName(t.Lang)))
	}
	return d
}

// staleLines says of the stale translation m what the source read, what
// changed on the way to the current source, and how it was translated.
func (p *Project) staleLines(m *l10n.Message, current string) string {
	d := "The source changed after this translation was made; fsn has no record of the earlier source text."
	if old, ok := p.History.Lookup(m.Hash); ok {
		d = lines("The source changed. It read: "+quoted(old.Text), "What changed: "+diag.WordDiff(old.Text, current))
	}
	return lines(d, "The translation of the earlier source: "+quoted(m.Other))
}

func quoted(s string) string { return "\u201c" + s + "\u201d" }

// initialForms returns the texts that entry e of the work file started from:
// the current source's when e carries its hash (current is then true), else
// the earlier source's that the history records for e's hash, or nil when the
// history has no record of it.
func (p *Project) initialForms(e *l10n.WorkEntry, s *source, lang string) (forms map[string]string, current bool) {
	if e == nil {
		return nil, false
	}
	if e.Hash == s.hash {
		return s.forms(lang), true
	}
	old, ok := p.History.Lookup(e.Hash)
	if !ok {
		return nil, false
	}
	forms = map[string]string{}
	for form := range messageForms(e.Message) {
		forms[form] = old.Text
		if text := old.Forms[form]; text != "" {
			forms[form] = text
		}
	}
	return forms, false
}

// stillSource returns the plural forms of entry e that are not translated yet:
// empty, or still the text it started from (initial), unless that text has no
// words to translate or e is marked as the same as its source.
func stillSource(e *l10n.WorkEntry, initial map[string]string) []string {
	if e.Same {
		return nil
	}
	var forms []string
	for _, form := range sortedForms(initial) {
		got := l10n.PluralText(e.Message, form)
		if strings.TrimSpace(got) == "" || (got == initial[form] && l10n.Translatable(got)) {
			forms = append(forms, form)
		}
	}
	return forms
}

// translationBase is the Base of a work file entry for message id written now:
// the hash of file's translation of it.
func translationBase(file *l10n.File, id string) string {
	if file == nil || file.Messages[id] == nil {
		return l10n.NoTranslation
	}
	return l10n.TranslationHash(file.Messages[id].Message)
}

// overtaken reports whether the message file's translation changed after work
// file entry e was written, to base, and now needs no work (state is ""): it
// was translated since, by an import or by hand, and e is older than it. An
// entry of a work file written before entries had a base is overtaken when the
// message file holds a current translation that is not e's.
func overtaken(e *l10n.WorkEntry, base, state string) bool {
	if state != "" {
		return false
	}
	return e.Base == "" || e.Base != base
}

// sameTranslation reports whether file holds the texts of m as the
// translation of s, and fsn check finds it current: state, what needs reports
// for it, is empty.
func sameTranslation(m *i18n.Message, file *l10n.File, s *source, state string) bool {
	if state != "" || file == nil || file.Messages[s.ID] == nil {
		return false
	}
	have := file.Messages[s.ID]
	for form, text := range messageForms(m) {
		if l10n.PluralText(have.Message, form) != text {
			return false
		}
	}
	return true
}

// saveHistory records every current source text in the history, and keeps the
// earlier ones that a translation or a work file still refers to.
func (p *Project) saveHistory() error {
	keep := map[string]bool{}
	for _, lang := range append(p.Languages(), p.SourceLang) {
		for _, t := range append(p.Targets(lang), Target{Name: l10n.LabelsName, Lang: lang}) {
			for _, s := range p.sources(t) {
				p.History.Add(l10n.SourceOf(s.Message))
				keep[s.hash] = true
			}
			if f := p.Catalog.File(lang, t.Name); f != nil {
				for _, m := range f.Messages {
					keep[m.Hash] = true
				}
			}
			if w, _, err := readWork(p.Catalog.WorkPath(lang, t.Name)); err == nil && w != nil {
				for _, e := range w.Entries {
					keep[e.Hash] = true
				}
			}
		}
	}
	wrote, removed, err := p.History.Save(func(hash string) bool { return keep[hash] })
	p.files.wrote(wrote)
	p.files.removed(removed)
	return err
}

// Add adds the language lang, which no notice lists and no notice has a
// translation or work file of yet (see Started), for the notices ids: all of
// them must be notices of the project, and ids may be empty only when the
// project has one notice, so that no notice gets work files it does not need.
// When lang has no labels file, it writes locales/<lang>/labels.<lang>.toml
// with every label to translate, empty; a labels file that is there, such as
// one fsn ships, is kept as it is. Then it writes the work files of those
// notices, and of the labels when they need work. It does not add lang to any
// notice's languages: a notice lists it once its translation is complete,
// which fsn l10n status shows, so that fsn build never meets a
// half-translated edition.
func (p *Project) Add(lang string, ids []string) (*Report, error) {
	var targets []Target
	for _, n := range p.Notices {
		if n.SourceLanguage != lang && (slices.Contains(ids, n.ID) || len(ids) == 0 && len(p.Notices) == 1) {
			targets = append(targets, Target{Name: n.ID, Lang: lang, Notice: n})
		}
	}
	for _, id := range ids {
		if !slices.ContainsFunc(p.Notices, func(n *notice.Notice) bool { return n.ID == id }) {
			return nil, fmt.Errorf("there is no notice %q in the notices folder; fsn l10n status lists the notices", id)
		}
	}
	if len(ids) == 0 && len(p.Notices) > 1 {
		var all []string
		for _, n := range p.Notices {
			all = append(all, n.ID)
		}
		return nil, fmt.Errorf("name the notices to translate into %s, as in fsn l10n add %s %s, or add --all for every notice; the project has %d: %s",
			lang, lang, all[0], len(all), strings.Join(all, ", "))
	}
	rep := &Report{}
	labels := Target{Name: l10n.LabelsName, Lang: lang}
	path := p.Path(labels)
	if f := p.Catalog.File(lang, l10n.LabelsName); f != nil {
		c := p.cell(labels)
		rep.say("kept %s: %d of %d labels translated", path, c.Translated, c.Messages)
	} else {
		var updates []l10n.Update
		srcs := p.sources(labels)
		for _, s := range srcs {
			updates = append(updates, l10n.Update{Message: &i18n.Message{ID: s.ID, Description: s.Description, Hash: s.hash}})
		}
		data := l10n.UpdateFile(labels.Name, p.newFileHeader(labels), updates, order(srcs))
		if _, err := l10n.ParseFile(path, data); err != nil {
			return nil, err
		}
		if err := p.writeFile(path, data); err != nil {
			return nil, err
		}
		rep.say("created %s: %d labels to translate", path, len(srcs))
	}
	if err := p.syncTargets(append(targets, labels), rep); err != nil {
		return nil, err
	}
	if err := p.writeSourceFiles(rep); err != nil {
		return nil, err
	}
	return rep, p.saveHistory()
}

// Started returns a reason why lang is a language of the notices ids (of every
// notice when ids is empty) already, or "" when it is not: such a notice lists
// it, or locales/<lang>/ holds its translation or work file. Labels alone do
// not make a language started: fsn ships them for every official language of
// the EU and the EEA.
func (p *Project) Started(lang string, ids []string) string {
	for _, n := range p.Notices {
		if len(ids) > 0 && !slices.Contains(ids, n.ID) {
			continue
		}
		switch {
		case slices.Contains(n.Languages, lang):
			return fmt.Sprintf("notice %s lists %s", n.ID, lang)
		case p.Catalog.File(lang, n.ID) != nil:
			return fmt.Sprintf("%s holds the translation of notice %s", p.Catalog.FilePath(lang, n.ID), n.ID)
		}
		if _, err := os.Stat(p.Catalog.WorkPath(lang, n.ID)); err == nil {
			return fmt.Sprintf("%s is the work file of notice %s", p.Catalog.WorkPath(lang, n.ID), n.ID)
		}
	}
	return ""
}

// newFileHeader is the start of a message file that fsn creates.
func (p *Project) newFileHeader(t Target) []byte {
	what := "Labels of the templates in templates/"
	if t.Notice != nil {
		what = "Translation of notice " + t.Notice.ID
	}
	return []byte(fmt.Sprintf("# %s, in %s. Written by fsn l10n; edit it by hand or with fsn l10n merge and import.\n",
		what, languageName(t.Lang)))
}
