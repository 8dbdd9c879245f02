package check

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/render"
)

// wantList is a list of steps as every edition of one language must hold it.
type wantList struct {
	anchor  string // the id of the heading above the list
	heading string // the heading's text
	steps   []wantStep
}

type wantStep struct {
	what   string  // "step troubleshooting/find-file"
	text   string  // the text of the list item: the step and its notes, without markup
	tokens []token // the tokens of the source step and its notes
}

// gotList is a list of steps as an edition holds it.
type gotList struct {
	heading string
	items   []gotItem
	found   bool // an ordered list follows the heading
}

type gotItem struct {
	text string
	line int // in the Markdown edition; 0 elsewhere
}

// wantLists renders the Markdown edition of lang again from the sources and
// returns its lists of steps, each step with the tokens of its source.
func (v *verifier) wantLists(lang string) []*wantList {
	ed, err := v.catalog.Localize(v.n, lang)
	if err != nil {
		return nil // fsn check reports why
	}
	md, err := v.tmpl.Markdown(ed)
	if err != nil {
		return nil
	}
	built := markdownLists(render.Parse(md))
	var lists []*wantList
	for _, sl := range stepLists(v.n) {
		got := built[sl.anchor]
		if got == nil || len(got.items) != len(sl.steps) {
			continue // the templates do not write this list as steps
		}
		w := &wantList{anchor: sl.anchor, heading: got.heading}
		for i, s := range sl.steps {
			step := wantStep{what: fmt.Sprintf("step %s/%s", sl.anchor, s.ID), text: got.items[i].text}
			step.tokens = v.voc.tokens(parseMarkup(s.Text.Value).plain)
			for _, note := range s.Notes {
				step.tokens = append(step.tokens, v.voc.tokens(parseMarkup(note.Text.Value).plain)...)
			}
			w.steps = append(w.steps, step)
		}
		lists = append(lists, w)
	}
	return lists
}

// markdownLists returns, by heading id, the first ordered list under each
// heading of a Markdown edition that has an id.
func markdownLists(doc *render.Document) map[string]*gotList {
	lists := map[string]*gotList{}
	var cur *gotList
	for b := doc.Root.FirstChild(); b != nil; b = b.NextSibling() {
		switch b := b.(type) {
		case *ast.Heading:
			cur = nil
			if id := render.HeadingID(b); id != "" {
				cur = &gotList{heading: inspect(b, doc.Source).plain}
				lists[id] = cur
			}
		case *ast.List:
			if cur == nil || cur.found || !b.IsOrdered() {
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

// firstLine returns the line of the source on which the text of n starts.
func firstLine(n ast.Node, source []byte) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return bytes.Count(source[:c.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 0
}

// htmlLists returns, by heading id, the first <ol> under each heading of an HTML
// edition that has an id.
func htmlLists(data []byte) (map[string]*gotList, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	lists := map[string]*gotList{}
	var cur *gotList
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				cur = nil
				if id := attr(n, "id"); id != "" {
					cur = &gotList{heading: textContent(n)}
					lists[id] = cur
				}
				return
			case atom.Ol:
				if cur != nil && !cur.found {
					cur.found = true
					for li := n.FirstChild; li != nil; li = li.NextSibling {
						if li.Type == html.ElementNode && li.DataAtom == atom.Li {
							cur.items = append(cur.items, gotItem{text: textContent(li)})
						}
					}
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return lists, nil
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

// compareLists checks the lists of steps of a Markdown or HTML edition.
func (v *verifier) compareLists(pos diag.Pos, lang, format string, want []*wantList, got map[string]*gotList) {
	for _, w := range want {
		g := got[w.anchor]
		if g == nil || len(g.items) == 0 {
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
				v.checkTokens(at, lang, format, w.steps[j], item.text)
			}
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
func (v *verifier) checkTokens(pos diag.Pos, lang, format string, s wantStep, text string) {
	have := map[string]bool{}
	for _, t := range v.voc.tokens(text) {
		have[t.key] = true
	}
	reported := map[string]bool{}
	for _, t := range s.tokens {
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
