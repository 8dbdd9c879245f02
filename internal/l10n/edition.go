package l10n

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/notice"
)

// Edition is a notice localised into one language: every text of Notice is in
// Lang, and Label answers the templates' labels in Lang.
type Edition struct {
	// Notice is a copy of the source notice whose texts hold the translations.
	Notice *notice.Notice
	// Source is the notice as written, in the source language.
	Source *notice.Notice
	// Lang is the edition's tag, as notice.Edition has it: "fr", or "fr-CH"
	// for a country's edition, and Tag the same parsed. Language is the
	// language of its translation and labels, "fr" for both, and Country the
	// country of a country's edition, "" for a language's.
	Lang     string
	Tag      language.Tag
	Language string
	Country  string

	labels    *File
	localizer *i18n.Localizer
	used      map[string]bool
}

// Localize builds the edition of n named tag: one of n.Editions, or one of
// n's languages, whose edition names the notice's own contact. Every message
// the notice needs must be in locales/<lang>/<notice id>.<lang>.toml, lang
// being the edition's language ("fr" for "fr-CH"), except for the source
// language, whose texts are the notice's own, and the labels in
// locales/<lang>/labels.<lang>.toml. All missing messages are reported
// together. An edition with a local contact names it, translated, as the
// contact of its notice.
func (c *Catalog) Localize(n *notice.Notice, edition string) (*Edition, error) {
	e, ok := n.Edition(edition)
	if !ok {
		e = notice.Edition{Tag: edition, Lang: edition}
	}
	lang := e.Lang
	tag, err := language.Parse(edition)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: n.File}, "language %q is not a valid BCP 47 tag", edition)
	}
	ed := &Edition{Notice: clone(n), Source: n, Lang: edition, Tag: tag, Language: lang, Country: e.Country, used: map[string]bool{}}
	labelsPath := c.FilePath(lang, LabelsName)
	ed.labels = c.File(lang, LabelsName)
	if ed.labels == nil {
		return nil, diag.Errorf(diag.Pos{File: labelsPath}, "%s: the labels file is missing; copy %s and translate it", lang, c.FilePath(n.SourceLanguage, LabelsName))
	}
	if ed.localizer, err = c.localizer(ed.labels, tag, lang); err != nil {
		return nil, err
	}

	if lang == n.SourceLanguage {
		for _, t := range ed.Notice.Texts() {
			ed.used[t.ID] = true
		}
		ed.localContact(e)
		return ed, nil
	}
	path := c.FilePath(lang, n.ID)
	file := c.File(lang, n.ID)
	if file == nil {
		return nil, diag.Errorf(diag.Pos{File: path}, "%s: notice %s has no translation file; run fsn l10n sync --lang %s, which writes a work file of its %d messages to translate, then fsn l10n merge, which creates it", lang, n.ID, lang, len(n.Texts()))
	}
	var errs diag.List
	for _, t := range ed.Notice.Texts() {
		m, ok := file.Messages[t.ID]
		if !ok || strings.TrimSpace(m.Other) == "" {
			pos := diag.Pos{File: path}
			what := "is missing"
			if ok {
				pos, what = m.Pos, "is empty"
			}
			errs.Add(&diag.Diagnostic{Pos: pos, Severity: diag.Error, Check: "missing",
				Message: fmt.Sprintf("%s: message %q %s; translate it (source: %q)", lang, t.ID, what, diag.Abbreviate(t.Value, 60))})
			continue
		}
		t.Value = m.Other
		t.Pos = m.Pos
		ed.used[t.ID] = true
	}
	if len(errs) > 0 {
		return nil, errs
	}
	ed.localContact(e)
	return ed, nil
}

// localizerKey names a localizer: the labels file and the edition's tag.
type localizerKey struct {
	labels *File
	tag    string
}

// localizer returns the localizer of the labels for the editions tagged tag,
// in language lang. It is made once per catalog, labels file and tag, and
// shared by the editions, which only read it: the labels' plural rules and
// templates are set up and parsed once per build, not once per edition. The
// localizer holds the labels as they were when it was made; a catalog with a
// changed file (WithFile) makes its own.
func (c *Catalog) localizer(labels *File, tag language.Tag, lang string) (*i18n.Localizer, error) {
	key := localizerKey{labels, tag.String()}
	if l, ok := c.localizers.Load(key); ok {
		return l.(*i18n.Localizer), nil
	}
	bundle := i18n.NewBundle(tag)
	for _, m := range labels.Messages {
		if err := bundle.AddMessages(tag, m.Message); err != nil {
			return nil, diag.Errorf(m.Pos, "%s: label %q: %v", lang, m.ID, err)
		}
	}
	l, _ := c.localizers.LoadOrStore(key, i18n.NewLocalizer(bundle, lang))
	return l.(*i18n.Localizer), nil
}

// localContact makes the local contact of e the contact of the edition's
// notice, when e has one; its texts are translated by then.
func (ed *Edition) localContact(e notice.Edition) {
	if e.Contact == nil {
		return
	}
	for _, c := range ed.Notice.Countries {
		if c.Contact != nil && slices.Contains(e.Countries, c.Code) {
			k := *c.Contact // with texts of its own, so each is visited once
			for _, t := range []**notice.Text{&k.Role, &k.Organisation.Country} {
				if *t != nil {
					c := **t
					*t = &c
				}
			}
			ed.Notice.Contact = k
			return
		}
	}
}

// Copy returns a copy of the edition whose Notice is a deep copy, so a writer can
// prepare the texts for its format without touching the edition. It shares the
// labels, and what it uses counts as used by the edition.
func (ed *Edition) Copy() *Edition {
	c := *ed
	c.Notice = clone(ed.Notice)
	return &c
}

// Label returns the label id in the edition's language, with the template data given
// as key–value pairs: Label("page", "Page", 2, "Pages", 3).
func (ed *Edition) Label(id string, pairs ...any) (string, error) {
	data, err := templateData(pairs)
	if err != nil {
		return "", fmt.Errorf("label %q: %w", id, err)
	}
	return ed.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// Plural returns the label id in the CLDR plural form for count, which the label's
// template sees as {{.Count}}, with further template data as key–value pairs.
func (ed *Edition) Plural(id string, count int, pairs ...any) (string, error) {
	data, err := templateData(pairs)
	if err != nil {
		return "", fmt.Errorf("label %q: %w", id, err)
	}
	data["Count"] = count
	return ed.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: count})
}

// localize answers the label lc asks for, or the variant of it that the
// notice selects (see LabelSelects).
func (ed *Edition) localize(lc *i18n.LocalizeConfig) (string, error) {
	data, _ := lc.TemplateData.(map[string]any)
	if err := checkData(lc.MessageID, data); err != nil {
		return "", err
	}
	lc.MessageID = ed.labelID(lc.MessageID)
	s, err := ed.localizer.Localize(lc)
	if err != nil {
		var nf *i18n.MessageNotFoundErr
		if errors.As(err, &nf) {
			return "", fmt.Errorf("%s: label %q is missing in %s; add it", ed.Lang, lc.MessageID, ed.labels.Path)
		}
		pos := ed.labels.Path
		if m := ed.labels.Messages[lc.MessageID]; m != nil {
			pos = m.Pos.String()
		}
		return "", fmt.Errorf("%s: %s: label %q: %v", pos, ed.Lang, lc.MessageID, err)
	}
	ed.used["label:"+lc.MessageID] = true
	return s, nil
}

func templateData(pairs []any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("template data must come in name–value pairs, got %d values", len(pairs))
	}
	data := make(map[string]any, len(pairs)/2+1)
	for i := 0; i < len(pairs); i += 2 {
		k, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("template data name %v is not a string", pairs[i])
		}
		data[k] = pairs[i+1]
	}
	return data, nil
}

// FormatDate writes t as the edition's language writes a date, from the labels
// "date" (with .Day, .Month and .Year) and "month-01" … "month-12".
func (ed *Edition) FormatDate(t time.Time) (string, error) {
	month, err := ed.Label(fmt.Sprintf("month-%02d", int(t.Month())))
	if err != nil {
		return "", err
	}
	return ed.Label("date", "Day", t.Day(), "Month", month, "Year", t.Year())
}

// Used returns the ids of every message the edition has used so far, sorted;
// labels are prefixed "label:".
func (ed *Edition) Used() []string {
	ids := make([]string, 0, len(ed.used))
	for id := range ed.used {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// SourceHash is the hash that `goi18n merge` records with a translation: the sha1 of
// the message's description followed by its source text. A translation whose hash
// differs from the current source's was made from an older source text.
func SourceHash(t *notice.Text) string {
	h := sha1.New()
	io.WriteString(h, t.Description)
	io.WriteString(h, t.Value)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}
