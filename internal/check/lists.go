package check

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/render"
)

// wantList is a list of steps as every edition of one language must hold it:
// what the source notice and its translation say, never what a rendering of
// them says.
type wantList struct {
	anchor  string // the id of the heading above the list
	heading string // the heading's text in the edition's language
	steps   []wantStep
}

type wantStep struct {
	what string // "step troubleshooting/find-file"
	text string // the text of the list item: the step and its notes, without markup
	// lead is the text of the step's first paragraph, before a list the step may
	// hold; items counts the items of such lists, whose markers the PDF draws.
	lead   string
	items  int
	notes  []wantNote // the notes on the step, in the source's order
	tokens []token    // the tokens of the translated step and its notes
}

type wantNote struct {
	what  string // "note troubleshooting/restore-deleted/resellers"
	label string // how the note begins: the target group's name and a colon
}

// gotList is a list of steps as an edition holds it.
type gotList struct {
	heading  string
	headings int // how many headings have the list's id
	items    []gotItem
	found    bool // an ordered list follows the heading
}

type gotItem struct {
	text string
	line int // in the Markdown edition; 0 elsewhere
}

// gotLists are the numbered lists of an edition: by heading id the first one
// under each heading that has an id, and the line (0 outside Markdown) of
// every other.
type gotLists struct {
	byID  map[string]*gotList
	other []int
}

// wantLists returns the lists of steps every edition of ed's language must
// hold, from the source notice and its translation, ed: each action group's
// and the troubleshooting procedure's steps in the source's order, each step
// with its notes and the tokens of their translated texts, under the heading
// the template writes for the list (the group's heading, or the label
// heading-troubleshooting).
func (v *verifier) wantLists(ed *l10n.Edition) []*wantList {
	lang := ed.Lang
	groupNames := map[string]string{}
	for _, g := range ed.Notice.TargetGroups {
		groupNames[g.ID] = parseMarkup(g.Name.Value).plain
	}
	var lists []*wantList
	for _, sl := range stepLists(ed.Notice) {
		if len(sl.steps) == 0 {
			continue
		}
		w := &wantList{anchor: sl.anchor, heading: sl.heading}
		if sl.anchor == troubleshootingAnchor {
			label, err := ed.Label("heading-troubleshooting")
			if err != nil {
				v.add(diag.Pos{File: v.n.File}, lang, ListMissing, "%s: cannot tell the heading of list #%s: %v", lang, sl.anchor, err)
				return nil
			}
			w.heading = label
		}
		w.heading = parseMarkup(w.heading).plain
		for _, s := range sl.steps {
			text := parseMarkup(s.Text.Value)
			step := wantStep{what: fmt.Sprintf("step %s/%s", sl.anchor, s.ID), text: text.plain, lead: text.lead, items: text.items, tokens: text.tokens(v.voc)}
			for _, note := range s.Notes {
				nt := parseMarkup(note.Text.Value)
				label := groupNames[note.Group] + ":"
				step.text += " " + label + " " + nt.plain
				step.notes = append(step.notes, wantNote{what: fmt.Sprintf("note %s/%s/%s", sl.anchor, s.ID, note.Group), label: label})
				step.tokens = append(step.tokens, nt.tokens(v.voc)...)
			}
			w.steps = append(w.steps, step)
		}
		lists = append(lists, w)
	}
	return lists
}

// markdownLists returns the numbered lists of a Markdown edition. The
// published Markdown has no heading ids (see render.Document.Published), so a
// heading stands for a list of want when its text is that list's heading, as
// the source and its translation say it, white space aside.
func markdownLists(doc *render.Document, want []*wantList) *gotLists {
	anchors := map[string]string{}
	for _, w := range want {
		if _, ok := anchors[squeeze(w.heading)]; !ok {
			anchors[squeeze(w.heading)] = w.anchor
		}
	}
	lists := &gotLists{byID: map[string]*gotList{}}
	var cur *gotList
	for b := doc.Root.FirstChild(); b != nil; b = b.NextSibling() {
		switch b := b.(type) {
		case *ast.Heading:
			cur = nil
			text := inspect(b, doc.Source).plain
			if id, ok := anchors[squeeze(text)]; ok {
				cur = lists.heading(id, text)
			}
		case *ast.List:
			if !b.IsOrdered() {
				continue
			}
			if cur == nil || cur.found {
				lists.other = append(lists.other, firstLine(b, doc.Source))
				continue
			}
			cur.found = true
			for li := b.FirstChild(); li != nil; li = li.NextSibling() {
				cur.items = append(cur.items, gotItem{text: inspect(li, doc.Source).plain, line: firstLine(li, doc.Source)})
			}
		}
	}
	return lists
}

// heading returns the list under a heading with id, the first such heading's
// when there are several.
func (l *gotLists) heading(id, text string) *gotList {
	if g := l.byID[id]; g != nil {
		g.headings++
		return &gotList{} // a list under a second heading with the id is another list
	}
	g := &gotList{heading: text, headings: 1}
	l.byID[id] = g
	return g
}

// firstLine returns the line of the source on which the text of n starts.
func firstLine(n ast.Node, source []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return bytes.Count(source[:c.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 0
}

// htmlLists returns the numbered lists of an HTML edition: the <ol> elements
// that are not inside a list item.
func htmlLists(doc *html.Node) *gotLists {
	lists := &gotLists{byID: map[string]*gotList{}}
	var cur *gotList
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				cur = nil
				if id := attr(n, "id"); id != "" {
					cur = lists.heading(id, textContent(n))
				}
				return
			case atom.Ol:
				if cur == nil || cur.found {
					lists.other = append(lists.other, 0)
					return
				}
				cur.found = true
				for li := n.FirstChild; li != nil; li = li.NextSibling {
					if li.Type == html.ElementNode && li.DataAtom == atom.Li {
						cur.items = append(cur.items, gotItem{text: textContent(li)})
					}
				}
				return
			case atom.Li:
				return // a list inside a list item is part of that item
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return lists
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// textContent returns the text below n with its white space collapsed.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Br):
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

// compareLists checks the lists of steps of a Markdown or HTML edition: each
// list of want under the one heading with its id, with the source's steps in the
// source's order and nothing else, and no other numbered list in the edition.
func (v *verifier) compareLists(pos diag.Pos, lang, format string, want []*wantList, got *gotLists) {
	for _, w := range want {
		g := got.byID[w.anchor]
		switch {
		case g == nil && format == "md":
			v.add(pos, lang, ListMissing, "%s: the Markdown edition has no heading %q above the list #%s of %d steps; run fsn build, and keep the heading in templates/notice.md.tmpl",
				lang, w.heading, w.anchor, len(w.steps))
			continue
		case g == nil:
			v.add(pos, lang, ListMissing, "%s: the %s edition has no heading with the id #%s (%q) above the list of %d steps there; keep {#%s} in templates/notice.md.tmpl",
				lang, formatName(format), w.anchor, w.heading, len(w.steps), w.anchor)
			continue
		case g.headings > 1 && format == "md":
			v.add(pos, lang, ListMissing, "%s: the Markdown edition has %d headings %q, so the list of steps #%s cannot be told from the others; give each heading a text of its own",
				lang, g.headings, w.heading, w.anchor)
		case g.headings > 1:
			v.add(pos, lang, ListMissing, "%s: the %s edition has %d headings with the id #%s, so its list of steps cannot be told from the others; only the template writes a heading's id",
				lang, formatName(format), g.headings, w.anchor)
		}
		if len(g.items) == 0 {
			v.add(pos, lang, ListMissing, "%s: the %s edition has no numbered list under the heading #%s %q; the source has %d steps there",
				lang, formatName(format), w.anchor, w.heading, len(w.steps))
			continue
		}
		match := matchSteps(w, g.items)
		if len(g.items) != len(w.steps) {
			v.add(pos, lang, StepCount, "%s: the %s edition's list #%s has %d steps, the source %d%s",
				lang, formatName(format), w.anchor, len(g.items), len(w.steps), describeMissing(w, match))
		}
		last := -1
		for k, item := range g.items {
			at := pos
			at.Line = item.line
			j := match[k]
			if j >= 0 && j < last {
				v.add(at, lang, StepOrder, "%s: in the %s edition, item %d of list #%s is %s, which the source puts before the item above it, as step %d",
					lang, formatName(format), k+1, w.anchor, w.steps[j].what, j+1)
			}
			last = max(last, j)
			if j < 0 && len(g.items) == len(w.steps) {
				j = k // an item whose text changed is compared with the step in its place
			}
			if j >= 0 {
				v.checkNotes(at, lang, format, w.steps[j], item.text)
				v.checkTokens(at, lang, format, w.steps[j], item.text)
			}
		}
	}
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w.anchor] = true
	}
	ids := slices.Sorted(maps.Keys(got.byID))
	for _, id := range ids {
		if g := got.byID[id]; g.found && !wanted[id] {
			v.add(pos, lang, StepCount, "%s: the %s edition has a numbered list under the heading #%s, where the source has no steps; an edition numbers only the steps of the notice",
				lang, formatName(format), id)
		}
	}
	for _, line := range got.other {
		at := pos
		at.Line = line
		v.add(at, lang, StepCount, "%s: the %s edition has a numbered list that is none of the source's lists of steps; an edition numbers only the steps of the notice",
			lang, formatName(format))
	}
}

// checkNotes reports the notes of a step that an edition's text of it lacks:
// each begins with its target group's name. What a note says is checked by its
// tokens.
func (v *verifier) checkNotes(pos diag.Pos, lang, format string, s wantStep, text string) {
	have := squeeze(text)
	for _, n := range s.notes {
		if !strings.Contains(have, squeeze(n.label)) {
			v.add(pos, lang, StepCount, "%s: in the %s edition, %s lost its %s", lang, formatName(format), s.what, n.what)
		}
	}
}

// matchSteps returns for each item the index of the step whose text it holds,
// or -1. An item holds a step when its text starts with the step's, so that an
// item with a token changed still matches the steps before and after it.
func matchSteps(w *wantList, items []gotItem) []int {
	used := make([]bool, len(w.steps))
	match := make([]int, len(items))
	for k, item := range items {
		match[k] = -1
		text := squeeze(item.text)
		for j, s := range w.steps {
			if !used[j] && strings.HasPrefix(text, stepPrefix(s.text)) {
				match[k], used[j] = j, true
				break
			}
		}
	}
	return match
}

// stepPrefix is the start of a step's text by which an edition's item is told to
// hold it: long enough to tell steps apart, short enough to miss a changed token
// further on.
func stepPrefix(text string) string {
	s := squeeze(text)
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40])
	}
	return s
}

func describeMissing(w *wantList, match []int) string {
	found := map[int]bool{}
	for _, j := range match {
		found[j] = true
	}
	var missing []string
	for j, s := range w.steps {
		if !found[j] {
			missing = append(missing, fmt.Sprintf("%s (%d of %d)", s.what, j+1, len(w.steps)))
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return "; not found: " + strings.Join(missing, ", ")
}

// checkTokens reports the tokens of a step that an edition's text of it lacks.
// The step's tokens are those of its translation, so both texts are in lang and
// their numbers are read as a reader of lang reads them: a number that fsn check
// let pass under a waiver reads the same in the translation and the edition.
func (v *verifier) checkTokens(pos diag.Pos, lang, format string, s wantStep, text string) {
	tag, _ := language.Parse(lang)
	src := readNumbers(s.tokens, tag, nil)
	have := map[string]bool{}
	for _, t := range readNumbers(v.voc.tokens(text), tag, literals(src)) {
		have[t.key] = true
	}
	reported := map[string]bool{}
	for _, t := range src {
		if !have[t.key] && !reported[t.key] {
			reported[t.key] = true
			v.add(pos, lang, TokenMissing, "%s: in the %s edition, %s lost the %s %s", lang, formatName(format), s.what, t.kind, diag.Quote(t.text))
		}
	}
}

// squeeze drops all white space: extractors break lines where runs of text meet,
// so texts are compared without it.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
