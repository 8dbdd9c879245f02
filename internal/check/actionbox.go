package check

import (
	"fmt"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// The box "What to do, by when" that templates/notice.md.tmpl writes right
// after the header: one item per action group, the group's name, its ticked
// actions (or else the number of its steps and their heading, or else the
// heading of its prose) and its deadline; whether the customer reply form must
// be returned, with its deadline; and the distributor reply form's. fsn verify finds each item, from the source notice and its
// translation, in every edition, before the first section (the sender).

// wantBox is the box as every edition of one language must hold it.
type wantBox struct {
	heading string // the box's heading
	after   string // the heading of the section that follows it
	items   []wantBoxItem
}

type wantBoxItem struct {
	what string // "the actions of target group \"operators\""
	text string // the item's plain text
}

// boxFor returns the box that every edition of ed's language must hold.
func boxFor(ed *l10n.Edition) (*wantBox, error) {
	n := ed.Notice
	heading, err := ed.Label("heading-what-to-do")
	if err != nil {
		return nil, err
	}
	after, err := ed.Label("heading-sender")
	if err != nil {
		return nil, err
	}
	b := &wantBox{heading: parseMarkup(heading).plain, after: parseMarkup(after).plain}
	by := func(d *notice.Deadline) (string, error) {
		if d == nil {
			return "", nil
		}
		date, err := ed.FormatDate(d.Date.Time)
		if err != nil {
			return "", err
		}
		s, err := ed.Label("by", "Date", date)
		if err != nil {
			return "", err
		}
		s = ", " + s
		if d.Note != nil {
			s += " (" + d.Note.Value + ")"
		}
		return s, nil
	}
	names := map[string]string{}
	for _, g := range n.TargetGroups {
		names[g.ID] = g.Name.Value
	}
	for _, g := range n.Actions.Groups {
		var what []string
		for _, box := range notice.UserActions {
			for _, d := range g.Do {
				if d == box {
					s, err := ed.Label("action-" + box)
					if err != nil {
						return nil, err
					}
					what = append(what, s)
				}
			}
		}
		text := strings.Join(what, "; ")
		if g.Other != nil && len(what) > 0 {
			text += ": " + g.Other.Value
		}
		if len(what) == 0 { // no tick boxes: the steps, or the prose, under the group's heading
			var err error
			if len(g.Steps) > 0 {
				text, err = ed.Plural("todo-steps", len(g.Steps), "Heading", g.Heading.Value)
			} else {
				text, err = ed.Label("todo-instructions", "Heading", g.Heading.Value)
			}
			if err != nil {
				return nil, err
			}
		}
		deadline, err := by(g.Deadline)
		if err != nil {
			return nil, err
		}
		b.items = append(b.items, wantBoxItem{
			what: fmt.Sprintf("the item of target group %q", g.Group),
			text: parseMarkup(names[g.Group] + ": " + text + deadline).plain,
		})
	}
	if n.ReplyForm != nil {
		s, err := ed.Label("reply-required")
		if err != nil {
			return nil, err
		}
		deadline, err := by(n.ReplyForm.Deadline)
		if err != nil {
			return nil, err
		}
		b.items = append(b.items, wantBoxItem{what: "the item of the customer reply form", text: parseMarkup(s + deadline).plain})
	} else {
		s, err := ed.Label("reply-not-required")
		if err != nil {
			return nil, err
		}
		b.items = append(b.items, wantBoxItem{what: "the item that no customer reply is required", text: parseMarkup(s).plain})
	}
	if n.DistributorForm != nil {
		s, err := ed.Label("reply-required-distributor")
		if err != nil {
			return nil, err
		}
		deadline, err := by(n.DistributorForm.Deadline)
		if err != nil {
			return nil, err
		}
		b.items = append(b.items, wantBoxItem{what: "the item of the distributor reply form", text: parseMarkup(s + deadline).plain})
	}
	return b, nil
}

// editionText returns the plain text of an edition in format f, without white space.
func editionText(f string, e *editionFile, text *pdfText) (string, error) {
	switch f {
	case "md":
		return squeeze(inspect(e.md.Root, e.md.Source).plain), nil
	case "html":
		if e.htmlErr != nil {
			return "", e.htmlErr
		}
		return squeeze(textContent(e.html)), nil
	}
	return text.sq, nil
}

// compareBox reports each item of the box that the edition's text sq lacks
// between the box's heading and the section after it.
func (v *verifier) compareBox(pos diag.Pos, lang, format string, b *wantBox, sq string) {
	start := strings.Index(sq, squeeze(b.heading))
	if start < 0 {
		v.add(pos, lang, ListMissing, "%s: the %s edition has no box %q after its header; keep {#what-to-do} in templates/notice.md.tmpl", lang, formatName(format), b.heading)
		return
	}
	end := strings.Index(sq[start:], squeeze(b.after))
	if end < 0 {
		end = len(sq) - start
	}
	box := sq[start : start+end]
	for _, it := range b.items {
		if !strings.Contains(box, squeeze(it.text)) {
			v.add(pos, lang, ListMissing, "%s: the %s edition's box %q lacks %s, %q, or its deadline", lang, formatName(format), b.heading, it.what, diag.Abbreviate(it.text, 80))
		}
	}
}

// wantBox returns the box every edition of ed's language must hold, from its
// translation ed, or nil when it cannot be told (which it reports).
func (v *verifier) wantBox(ed *l10n.Edition) *wantBox {
	lang := ed.Lang
	b, err := boxFor(ed)
	if err != nil {
		v.add(diag.Pos{File: v.n.File}, lang, ListMissing, "%s: cannot tell what the box %q must hold: %v", lang, "what-to-do", err)
		return nil
	}
	return b
}
