package render

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fsn-tool/fsn/internal/notice"
)

// The view's answers about the fields of the EU FSN template, for
// templates/notice.md.tmpl.

// HasVersion, HasType, HasCatalogue and HasPart say whether the devices table
// needs that column: hardware has no version, software no part number.
func (v view) HasVersion() bool {
	return v.anyDevice(func(d notice.Device) bool { return d.Version != "" })
}
func (v view) HasType() bool { return v.anyDevice(func(d notice.Device) bool { return d.Type != nil }) }
func (v view) HasCatalogue() bool {
	return v.anyDevice(func(d notice.Device) bool { return d.Catalogue != "" })
}
func (v view) HasPart() bool { return v.anyDevice(func(d notice.Device) bool { return d.Part != "" }) }

// Ticks returns the labels of the tick boxes do, each the label prefix-<box>
// ("action-quarantine"), joined by semicolons, in the template's order.
func (v view) Ticks(prefix string, do []string) (string, error) {
	order := notice.UserActions
	if prefix == "manufacturer-action" {
		order = notice.ManufacturerActionTypes
	}
	var parts []string
	for _, box := range order {
		for _, d := range do {
			if d == box {
				s, err := inlineLabel(v.Label(prefix + "-" + box))
				if err != nil {
					return "", err
				}
				parts = append(parts, s)
			}
		}
	}
	return strings.Join(parts, "; "), nil
}

// By returns "by 30 April 2026" for a deadline in the edition's language, with
// its note in brackets; "" for no deadline.
func (v view) By(d *notice.Deadline) (string, error) {
	if d == nil {
		return "", nil
	}
	date, err := v.FormatDate(d.Date.Time)
	if err != nil {
		return "", err
	}
	s, err := inlineLabel(v.Label("by", "Date", date))
	if err != nil || d.Note == nil {
		return s, err
	}
	return s + " (" + joinLines(d.Note.Value) + ")", nil
}

// Date returns a date in the edition's language, "" for none.
func (v view) Date(d *notice.Date) (string, error) {
	if d == nil {
		return "", nil
	}
	return inlineLabel(v.FormatDate(d.Time))
}

// Attachment returns the title of the attachment id.
func (v view) Attachment(id string) (*notice.Text, error) {
	for _, a := range v.Notice.Attachments {
		if a.ID == id {
			return a.Title, nil
		}
	}
	return nil, fmt.Errorf("unknown attachment %q", id)
}

// Link writes a web address as a Markdown autolink.
func (v view) Link(url string) (string, error) {
	if !webAddress.MatchString(url) {
		return "", fmt.Errorf("%q is not a web address; write it as https://www.example.com", url)
	}
	return "<" + url + ">", nil
}

var webAddress = regexp.MustCompile(`^https?://[^\s<>"\x60\\]+$`)

// formView is a reply form with the view, for the template "form".
type formView struct {
	View view
	Form *notice.ReplyForm
}

// FormOf pairs a reply form with the view, for the template "form".
func (v view) FormOf(f *notice.ReplyForm) formView { return formView{v, f} }
