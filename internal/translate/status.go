package translate

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/render"
)

// The states of a message that needs work, as Status lists them: the ids of
// the checks that find them.
const (
	Missing  = check.Missing       // not translated, or empty
	Stale    = check.Stale         // translated from an older source text
	Plural   = check.PluralMissing // a label lacks a plural form the language needs
	Obsolete = check.Obsolete      // no source uses it any more
	empty    = check.Empty         // reported as Missing
	step     = check.StepMissing   // reported as Missing
)

// review runs fsn check on the message file of t in the catalog c.
func (p *Project) review(c *l10n.Catalog, t Target) *check.Report {
	ch := check.New(c).History(p.History)
	if t.Notice != nil {
		return ch.Notice(t.Notice, t.Lang)
	}
	return ch.Labels(t.Lang, p.SourceLang)
}

// needs returns the state of each message of t that needs work, by id, from the
// findings of r, the report of check on t.
func (p *Project) needs(t Target, r *check.Report) map[string]string {
	rank := map[string]int{Missing: 3, Stale: 2, Plural: 1, Obsolete: 0}
	states := map[string]string{}
	set := func(id, state string) {
		if old, ok := states[id]; !ok || rank[state] > rank[old] {
			states[id] = state
		}
	}
	for _, f := range r.Findings {
		if f.Waiver != "" {
			continue
		}
		switch f.Check {
		case Missing, empty, step:
			if f.MessageID == "" { // the whole file is missing
				for _, s := range p.sources(t) {
					set(s.ID, Missing)
				}
				continue
			}
			set(f.MessageID, Missing)
		case Stale, Plural, Obsolete:
			set(f.MessageID, f.Check)
		}
	}
	return states
}

// Status is the state of the translations of every notice and the labels, in
// every language.
type Status struct {
	// Langs are the languages, the source language first.
	Langs []string `json:"languages"`
	// Names are the notices' ids, then "labels".
	Names []string `json:"names"`
	Cells []*Cell  `json:"cells"`
}

// Cell is the state of one message file: a notice, or the labels, in one language.
type Cell struct {
	Name string `json:"name"`
	Lang string `json:"lang"`
	File string `json:"file"`
	// Source is set for the source language, which needs no translation.
	Source bool `json:"source,omitempty"`
	// Listed says the notice lists the language (for the labels: some notice does).
	Listed bool `json:"listed"`
	// Editions are the tags of the editions of a notice that the translation
	// serves when they are its countries' (fr-BE, fr-CH), not the one edition
	// of the language (notice.Editions).
	Editions []string `json:"editions,omitempty"`
	check.Summary
	// Work lists the messages that need work, in source order.
	Work []Work `json:"work,omitempty"`
}

// Work is a message that needs work.
type Work struct {
	ID    string `json:"id"`
	State string `json:"state"`
	// Line is where the message is in the message file; 0 when it is missing.
	Line   int    `json:"line,omitempty"`
	Source string `json:"source,omitempty"`
	// Earlier is the source text a stale translation was made from, when the
	// history records it.
	Earlier     string `json:"earlier,omitempty"`
	Translation string `json:"translation,omitempty"`
}

// Status reports the state of every message file of langs or, when langs is
// empty, of every language a notice lists or is being translated into. A
// language whose folder holds only the labels fsn ships is left out then: it is
// reported when asked for.
func (p *Project) Status(langs []string) *Status {
	if len(langs) == 0 {
		for _, l := range p.Languages() {
			if len(p.Targets(l)) > 1 { // a notice besides the labels
				langs = append(langs, l)
			}
		}
	}
	st := &Status{Langs: append([]string{p.SourceLang}, langs...)}
	for _, n := range p.Notices {
		st.Names = append(st.Names, n.ID)
	}
	st.Names = append(st.Names, l10n.LabelsName)
	for _, name := range st.Names {
		t, _ := p.target(name, p.SourceLang)
		c := &Cell{Name: name, Lang: p.SourceLang, File: p.Path(t), Source: true, Listed: true, Editions: countryEditions(t)}
		c.Summary.Lang = p.SourceLang
		c.Messages = len(p.sources(t))
		c.Translated, c.Complete = c.Messages, 100
		st.Cells = append(st.Cells, c)
	}
	for _, lang := range langs {
		for _, t := range p.Targets(lang) {
			st.Cells = append(st.Cells, p.cell(t))
		}
	}
	return st
}

// cell reports the state of t.
func (p *Project) cell(t Target) *Cell {
	r := p.review(p.Catalog, t)
	c := &Cell{Name: t.Name, Lang: t.Lang, File: p.Path(t), Listed: t.Listed, Editions: countryEditions(t)}
	for _, s := range r.Summaries {
		if s.Lang == t.Lang {
			c.Summary = *s
		}
	}
	if c.Messages > 0 {
		c.Complete = float64(c.Translated) * 100 / float64(c.Messages)
	}
	needs := p.needs(t, r)
	file := p.Catalog.File(t.Lang, t.Name)
	add := func(id, source string) {
		w := Work{ID: id, State: needs[id], Source: source}
		var m *l10n.Message
		if file != nil {
			m = file.Messages[id]
		}
		if m != nil {
			w.Line, w.Translation = m.Pos.Line, m.Other
			if old, ok := p.History.Lookup(m.Hash); ok && w.State == Stale {
				w.Earlier = old.Text
			}
		}
		c.Work = append(c.Work, w)
	}
	for _, s := range p.sources(t) {
		if needs[s.ID] != "" {
			add(s.ID, s.Other)
		}
	}
	var obsolete []string
	for id, state := range needs {
		if state == Obsolete {
			obsolete = append(obsolete, id)
		}
	}
	sort.Slice(obsolete, func(i, j int) bool {
		return file.Messages[obsolete[i]].Pos.Line < file.Messages[obsolete[j]].Pos.Line
	})
	for _, id := range obsolete {
		add(id, "")
	}
	return c
}

// countryEditions returns the tags of the editions of t's notice in t's
// language when they are per country, else nil.
func countryEditions(t Target) []string {
	if t.Notice == nil {
		return nil
	}
	var tags []string
	for _, e := range t.Notice.Editions() {
		if e.Lang == t.Lang && e.Tag != e.Lang {
			tags = append(tags, e.Tag)
		}
	}
	return tags
}

// Cell returns the cell of name and lang, or nil.
func (st *Status) Cell(name, lang string) *Cell {
	for _, c := range st.Cells {
		if c.Name == name && c.Lang == lang {
			return c
		}
	}
	return nil
}

// WriteTable writes the status as a table, one row per notice (or the labels)
// and language.
func (st *Status) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "notice\tlang\tmessages\ttranslated\tmissing\tstale\tobsolete\tcomplete\t\t")
	for _, c := range st.Cells {
		note := ""
		switch {
		case c.Source:
			note = "source"
		case !c.Listed && c.Name == l10n.LabelsName:
			note = "no notice lists " + c.Lang + " yet"
		case !c.Listed:
			note = "not in the notice's languages yet"
		}
		if len(c.Editions) > 0 {
			note = strings.TrimPrefix(note+"; editions "+strings.Join(c.Editions, ", "), "; ")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%.1f%%\t%s\t\n", c.Name, c.Lang, c.Messages, c.Translated, c.Missing, c.Stale, c.Obsolete, c.Complete, note)
	}
	return tw.Flush()
}

// WriteJSON writes the status as one JSON object.
func (st *Status) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(st)
}

//go:embed status.html.tmpl
var statusTemplate string

var statusPage = template.Must(template.New("status").Funcs(template.FuncMap{
	"anchor": func(c *Cell) string { return c.Name + "--" + c.Lang },
	"state": func(c *Cell) string {
		switch {
		case c.Source:
			return "source"
		case c.Missing > 0:
			return "missing"
		case c.Stale > 0 || c.Errors > 0:
			return "stale"
		case c.Obsolete > 0:
			return "obsolete"
		}
		return "done"
	},
	"cell": func(st *Status, name, lang string) *Cell { return st.Cell(name, lang) },
}).Parse(statusTemplate))

// ReportDir is the folder, in the out folder, of the HTML status report.
const ReportDir = "l10n"

// WriteReport writes the status as the HTML page outDir/l10n/index.html: a
// matrix of notices and languages coloured by state, each cell linking to the
// messages that need work, beside their source texts. The folder is replaced
// only once the page is written, through package outdir as fsn build replaces
// a notice's folder.
func (st *Status) WriteReport(outDir string) (string, error) {
	var page bytes.Buffer
	if err := statusPage.Execute(&page, st); err != nil {
		return "", err
	}
	data, err := render.WithCSP(page.Bytes(), false)
	if err != nil {
		return "", err
	}
	out, err := outdir.Open(outDir)
	if err != nil {
		return "", err
	}
	defer out.Close()
	stage, err := out.Stage()
	defer stage.Discard()
	if err != nil {
		return "", err
	}
	if _, err := stage.Add(ReportDir, "index.html"); err != nil {
		return "", err
	}
	if err := stage.WriteFile(ReportDir+"/index.html", data); err != nil {
		return "", err
	}
	if err := stage.Commit(); err != nil {
		return "", err
	}
	dir := filepath.Join(outDir, ReportDir)
	return filepath.Join(dir, "index.html"), nil
}
