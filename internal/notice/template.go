package notice

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
)

// validateTemplate checks the fields of the EU FSN template that depend on
// each other: a ticked "other" is said in words, a deadline is not before
// the letter, a follow-up's details belong to a follow-up, a lay information
// sheet is one of the attachments, a reply form says where to return it.
func (n *Notice) validateTemplate(errs *diag.List, top diag.Pos) {
	at := func(pos diag.Pos) diag.Pos { return n.at(pos, top) }
	other := func(do []string, text *Text, where string, pos diag.Pos) {
		ticked := slices.Contains(do, "other")
		switch {
		case ticked && text == nil:
			errs.Errorf(pos, `%s ticks "other" but does not say what; add "other:" with the action in words`, where)
		case !ticked && text != nil:
			errs.Errorf(at(text.Pos), `%s says what "other" action is meant but does not tick it; add other to "do:" or remove "other:"`, where)
		}
	}
	deadline := func(d *Deadline, where string) {
		switch {
		case d == nil:
		case d.Date.IsZero():
			errs.Errorf(at(d.Pos), `the deadline of %s has no date; write "deadline: YYYY-MM-DD" or {date: YYYY-MM-DD, note: …}`, where)
		case !n.Date.IsZero() && d.Date.Before(n.Date.Time):
			errs.Errorf(at(d.Pos), "the deadline of %s, %s, is before the notice's date %s; check the year", where, d.Date.Format("2006-01-02"), n.Date.Format("2006-01-02"))
		}
	}
	for _, g := range n.Actions.Groups {
		where := fmt.Sprintf("the actions for %q", g.Group)
		other(g.Do, g.Other, where, firstPos(top, g.Heading))
		deadline(g.Deadline, where)
	}
	m := n.ManufacturerActions
	other(m.Do, m.Other, "manufacturer_actions", top)
	deadline(m.Deadline, "the manufacturer's actions")

	if n.Type != FollowUp {
		if n.FollowsDate != nil {
			errs.Errorf(top, `"follows_date" is for a follow-up notice; write "type: follow-up" or remove it`)
		}
		if len(n.NewInformation) > 0 {
			errs.Errorf(at(n.NewInformation[0].Text.Pos), `"new_information" is for a follow-up notice; write "type: follow-up" or remove it`)
		}
	} else if n.FollowsDate != nil && !n.Date.IsZero() && !n.FollowsDate.Before(n.Date.Time) {
		errs.Errorf(top, "follows_date %s is not before the notice's date %s; the notice it follows came earlier", n.FollowsDate.Format("2006-01-02"), n.Date.Format("2006-01-02"))
	}
	if f := n.FurtherNotice; f != nil {
		if f.Expected && f.About == nil {
			errs.Errorf(top, `further_notice is expected but "about:" does not say what it will be about; add it`)
		}
		if !f.Expected && (f.About != nil || f.When != nil) {
			errs.Errorf(at(firstPos(top, f.About, f.When)), `further_notice says about what or when, but "expected: true" is missing`)
		}
	}

	attachments := map[string]bool{}
	for i, a := range n.Attachments {
		pos := at(firstPos(top, a.Title))
		switch {
		case !idPattern.MatchString(a.ID):
			errs.Errorf(pos, "attachment %d has no valid id; give it one such as \"lay-sheet\"", i+1)
		case attachments[a.ID]:
			errs.Errorf(pos, "duplicate attachment id %q; each id must be unique", a.ID)
		}
		attachments[a.ID] = true
		if a.Title == nil || strings.TrimSpace(a.Title.Value) == "" {
			errs.Errorf(pos, "attachment %q has no title; say what the document is", a.ID)
		}
	}
	if l := n.Actions.LayUsers; l != nil && l.Sheet != "" {
		if !attachments[l.Sheet] {
			errs.Errorf(top, "actions.lay_users.sheet names the attachment %q, which attachments does not list; add it there or fix the id", l.Sheet)
		}
		if !l.Required {
			errs.Errorf(top, `actions.lay_users names an information sheet but "required: true" is missing; patients or lay users are told when it is true`)
		}
	}

	for _, f := range []struct {
		form *ReplyForm
		name string
	}{{n.ReplyForm, "reply_form"}, {n.DistributorForm, "distributor_reply_form"}} {
		if f.form == nil {
			continue
		}
		r := f.form
		if len(r.Confirmations) == 0 {
			errs.Errorf(top, `%s has no confirmations; add "confirmations:" with what the recipient ticks`, f.name)
		}
		if r.ReturnTo == nil && len(r.Address) == 0 && r.Email == "" && r.Fax == "" && r.Web == "" {
			errs.Errorf(top, `%s does not say where to return it; add "return_to:" in words, or "address:", "email:", "fax:" or "web:"`, f.name)
		}
		if r.ReturnTo != nil && strings.TrimSpace(r.ReturnTo.Value) == "" {
			errs.Errorf(at(r.ReturnTo.Pos), "%s.return_to is empty; write where to return the form or remove it", f.name)
		}
		deadline(r.Deadline, f.name)
	}
}
