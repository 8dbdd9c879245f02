package check

import (
	"fmt"

	"github.com/fsn-tool/fsn/internal/notice"
)

// stepList is a numbered list of steps of a notice.
type stepList struct {
	// anchor is the id of the heading above the list in every edition, as
	// templates/notice.md.tmpl writes it: "actions-operators", "troubleshooting".
	anchor string
	// heading is the heading of an action group's list; the troubleshooting
	// procedure's is a label.
	heading string
	steps   []notice.Step
}

// troubleshootingAnchor is the id of the heading above the troubleshooting procedure.
const troubleshootingAnchor = "troubleshooting"

// stepLists returns the lists of steps of n in document order.
func stepLists(n *notice.Notice) []stepList {
	var lists []stepList
	for _, g := range n.Actions.Groups {
		if len(g.Steps) > 0 {
			lists = append(lists, stepList{"actions-" + g.Group, g.Heading.Value, g.Steps})
		}
	}
	if n.Troubleshooting != nil {
		lists = append(lists, stepList{troubleshootingAnchor, "", n.Troubleshooting.Steps})
	}
	return lists
}

// describe names each message of n for diagnostics: a step as
// "step troubleshooting/find-file", a note on a step as
// "note troubleshooting/restore-deleted/resellers", any other by its id.
func describe(n *notice.Notice) map[string]string {
	names := map[string]string{}
	for _, t := range n.Texts() {
		names[t.ID] = fmt.Sprintf("message %s", t.ID)
	}
	for _, l := range stepLists(n) {
		for _, s := range l.steps {
			names[s.Text.ID] = fmt.Sprintf("step %s/%s", l.anchor, s.ID)
			for _, note := range s.Notes {
				names[note.Text.ID] = fmt.Sprintf("note %s/%s/%s", l.anchor, s.ID, note.Group)
			}
		}
	}
	return names
}
