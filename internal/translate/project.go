// Package translate is the translator's workflow: it reports which messages of
// which language need work (Status), writes them into go-i18n work files (Sync)
// and XLIFF documents for CAT tools (Export), and takes translations back into
// the locale files (Merge, Import) only after fsn check's rules accepted every
// one of them. It never deletes a translation.
//
// It is a package of its own because it joins the message files of package
// l10n with the rules of package check, which itself builds on l10n.
package translate

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/termbase"
	"github.com/fsn-tool/fsn/internal/tm"
)

// Project is what the workflow works on: the notices, their locales and the
// history of their source texts.
type Project struct {
	Notices []*notice.Notice
	Catalog *l10n.Catalog
	History *l10n.History
	// SourceLang is the language the labels are translated from: that of the notices.
	SourceLang string
	tm         *tm.Memory // the translation memory, built when first needed (see memory)
	terms      *termbase.Termbase
	termsRead  bool // terms is read (nil for a project without a termbase)
	files      changedFiles
}

// Load reads every notice in noticesDir and the locales in localesDir.
func Load(noticesDir string, localesDir project.Dir) (*Project, error) {
	dirs, err := notice.Dirs(noticesDir)
	if err != nil {
		return nil, err
	}
	p := &Project{}
	p.Notices, err = notice.LoadAll(dirs)
	errs := diag.From(err)
	p.Catalog, err = l10n.Load(localesDir)
	errs = append(errs, diag.From(err)...)
	if len(errs) == 0 {
		p.History, err = l10n.LoadHistory(localesDir.Path)
		errs = append(errs, diag.From(err)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	p.SourceLang = p.Notices[0].SourceLanguage
	return p, nil
}

// Target is one message file to translate: a notice, or the labels, in one language.
type Target struct {
	// Name is the notice's id, or "labels".
	Name string
	Lang string
	// Notice is nil for the labels.
	Notice *notice.Notice
	// Listed says the notice lists the language, so its editions are built; for
	// the labels, that some notice lists it.
	Listed bool
}

// Path returns where the target's message file is or belongs.
func (p *Project) Path(t Target) string { return p.Catalog.FilePath(t.Lang, t.Name) }

// Languages returns every language a notice lists or a locale folder exists
// for, the source language left out, sorted.
func (p *Project) Languages() []string {
	langs := p.Catalog.Languages()
	for _, n := range p.Notices {
		langs = append(langs, n.Languages...)
	}
	sort.Strings(langs)
	langs = slices.Compact(langs)
	return slices.DeleteFunc(langs, func(l string) bool { return l == p.SourceLang })
}

// Targets returns the message files of lang, the notices first: each notice
// that lists lang, or whose message file or work file is in locales/<lang>/ (a
// notice being translated before it lists the language), then the labels.
func (p *Project) Targets(lang string) []Target {
	var ts []Target
	listed := false
	for _, n := range p.Notices {
		if lang == n.SourceLanguage {
			continue
		}
		t := Target{Name: n.ID, Lang: lang, Notice: n, Listed: slices.Contains(n.Languages, lang)}
		listed = listed || t.Listed
		_, err := os.Stat(p.Catalog.WorkPath(lang, n.ID))
		if t.Listed || p.Catalog.File(lang, n.ID) != nil || err == nil {
			ts = append(ts, t)
		}
	}
	return append(ts, Target{Name: l10n.LabelsName, Lang: lang, Listed: listed})
}

// target returns the target of the message file <name>.<lang>.toml, and
// whether the project has one: a notice of that id, or the labels.
func (p *Project) target(name, lang string) (Target, bool) {
	if name == l10n.LabelsName {
		listed := slices.ContainsFunc(p.Notices, func(n *notice.Notice) bool { return slices.Contains(n.Languages, lang) })
		return Target{Name: name, Lang: lang, Listed: listed}, true
	}
	for _, n := range p.Notices {
		if n.ID == name {
			return Target{Name: name, Lang: lang, Notice: n, Listed: slices.Contains(n.Languages, lang)}, true
		}
	}
	return Target{}, false
}

// sourceLang returns the language t is translated from.
func (p *Project) sourceLang(t Target) string {
	if t.Notice != nil {
		return t.Notice.SourceLanguage
	}
	return p.SourceLang
}

// source is a message in the source language.
type source struct {
	*i18n.Message
	hash string
	// context says where the text sits, beyond its description: "Step 6 of 9 of …".
	context string
}

// sources returns the source messages of t, in the order of the source: the
// notice's document order, or the order of the source language's labels file,
// with the variants that t's labels file has (see l10n.LabelSources).
func (p *Project) sources(t Target) []*source {
	var out []*source
	if t.Notice != nil {
		ctx := contexts(t.Notice)
		for _, text := range t.Notice.Texts() {
			out = append(out, &source{
				Message: &i18n.Message{ID: text.ID, Description: text.Description, Other: text.Value},
				hash:    l10n.SourceHash(text), context: ctx[text.ID],
			})
		}
		return out
	}
	for _, ls := range l10n.LabelSources(p.Catalog.File(p.SourceLang, l10n.LabelsName), p.Catalog.File(t.Lang, l10n.LabelsName)) {
		m := *ls.Message
		m.ID = ls.ID
		s := &source{Message: &m, hash: ls.Hash}
		if ls.Variant {
			s.context = fmt.Sprintf("A variant of label %s, which fsn uses instead of it when the notice's %s is %s.", ls.Message.ID,
				l10n.LabelSelects[ls.Message.ID].Field, strings.TrimPrefix(ls.ID, ls.Message.ID+"-"))
		}
		out = append(out, s)
	}
	return out
}

// order returns the ids of sources in order.
func order(sources []*source) []string {
	ids := make([]string, len(sources))
	for i, s := range sources {
		ids[i] = s.ID
	}
	return ids
}

// forms returns the texts a translation of s into lang needs, by plural form:
// "other" alone, or for a label with plural forms every form lang uses, each
// with the source's text of that form (or of "other") to start from.
func (s *source) forms(lang string) map[string]string {
	if !l10n.IsPlural(s.Message) {
		return map[string]string{"other": s.Other}
	}
	forms := map[string]string{}
	for _, f := range check.PluralForms(language.Make(lang)) {
		text := l10n.PluralText(s.Message, f)
		if text == "" {
			text = s.Other
		}
		forms[f] = text
	}
	return forms
}

// setForms sets the texts of m by plural form.
func setForms(m *i18n.Message, forms map[string]string) {
	for form, text := range forms {
		l10n.SetPluralText(m, form, text)
	}
}

// messageForms returns the texts of m by plural form, those it has.
func messageForms(m *i18n.Message) map[string]string {
	forms := map[string]string{}
	for _, f := range l10n.PluralCategories {
		if t := l10n.PluralText(m, f); t != "" {
			forms[f] = t
		}
	}
	return forms
}

// sortedForms returns the forms of a map in CLDR order.
func sortedForms(forms map[string]string) []string {
	var out []string
	for _, f := range l10n.PluralCategories {
		if _, ok := forms[f]; ok {
			out = append(out, f)
		}
	}
	return out
}

// contexts says where each step, note and paragraph of a list sits in n, for
// the translator: "Step 6 of 9 of the troubleshooting procedure".
func contexts(n *notice.Notice) map[string]string {
	ctx := map[string]string{}
	steps := func(ss []notice.Step, list string) {
		for i, s := range ss {
			if s.Text == nil {
				continue
			}
			ctx[s.Text.ID] = fmt.Sprintf("Step %d of %d of %s.", i+1, len(ss), list)
			for _, note := range s.Notes {
				if note.Text != nil {
					ctx[note.Text.ID] = fmt.Sprintf("A note for target group %q only, on step %d of %d of %s, which reads: %q",
						note.Group, i+1, len(ss), list, s.Text.Value)
				}
			}
		}
	}
	paragraphs := func(ps []notice.Paragraph) {
		for i, p := range ps {
			if p.Text != nil && len(ps) > 1 {
				ctx[p.Text.ID] = fmt.Sprintf("Paragraph %d of %d of its section.", i+1, len(ps))
			}
		}
	}
	for _, g := range n.Actions.Groups {
		heading := ""
		if g.Heading != nil {
			heading = fmt.Sprintf(" (under the heading %q)", g.Heading.Value)
		}
		steps(g.Steps, fmt.Sprintf("the actions for target group %q%s", g.Group, heading))
		paragraphs(g.Text)
	}
	if t := n.Troubleshooting; t != nil {
		steps(t.Steps, "the troubleshooting procedure")
		paragraphs(t.Intro)
	}
	for _, ps := range [][]notice.Paragraph{n.Problem.Cause, n.Problem.Symptoms, n.Problem.Consequences, n.Problem.Risk,
		n.Problem.NotAffected, n.Actions.Intro, n.Alternatives, n.ManufacturerActions.Text, n.Transmission, n.Authority} {
		paragraphs(ps)
	}
	for _, r := range []*notice.ReplyForm{n.ReplyForm, n.DistributorForm} {
		if r != nil {
			paragraphs(r.Intro)
			paragraphs(r.Confirmations)
		}
	}
	return ctx
}

// languageName returns the English name of lang, such as "Italian".
func languageName(lang string) string {
	if name := display.English.Tags().Name(language.Make(lang)); name != "" {
		return name
	}
	return lang
}

// lines joins the non-empty lines given.
func lines(ls ...string) string {
	return strings.Join(slices.DeleteFunc(ls, func(l string) bool { return l == "" }), "\n")
}
