// Package notice reads and validates a Field Safety Notice source: the notice.yaml
// file, written in the source language, that every edition is built from.
//
// Every translatable block of a notice is a Text with a stable message id, derived
// from where it sits in the notice and from the explicit ids of list items, such as
// "troubleshooting.steps.restore-file". Translations refer to those ids, so a step
// can be inserted without renumbering any translation.
package notice

import (
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/fsn-tool/fsn/internal/diag"
)

// FileName is the name of the source file inside a notice folder.
const FileName = "notice.yaml"

// Type says whether a notice is the first about a problem or follows an earlier one.
type Type string

// The notice types.
const (
	New      Type = "new"
	FollowUp Type = "follow-up"
)

// Notice is one Field Safety Notice, in its source language.
type Notice struct {
	// ID names the notice folder and every file built from it.
	ID string `yaml:"id"`
	// SourceLanguage is the BCP 47 tag of the language the texts are written in.
	SourceLanguage string `yaml:"source_language"`
	// Languages lists every edition to build, the source language included.
	Languages []string `yaml:"languages"`
	// Countries are the countries the notice goes to, each with its languages
	// and local contact; they decide the editions (see Editions).
	Countries []Country `yaml:"countries,omitempty"`
	Type      Type      `yaml:"type"`
	// Follows is the reference of the earlier notice a follow-up continues,
	// FollowsDate its date and NewInformation what the follow-up adds to it.
	Follows        string      `yaml:"follows,omitempty"`
	FollowsDate    *Date       `yaml:"follows_date,omitempty"`
	NewInformation []Paragraph `yaml:"new_information,omitempty"`
	// FurtherNotice says whether a further notice is expected, about what and when.
	FurtherNotice *FurtherNotice `yaml:"further_notice,omitempty"`
	Date          Date           `yaml:"date"`
	Reference     string         `yaml:"reference"`
	Subject       *Text          `yaml:"subject"`
	// Product is the commercial name of the product, as the header shows it.
	Product   *Text `yaml:"product"`
	Attention *Text `yaml:"attention,omitempty"`
	// Untranslatable lists terms that every language keeps as written: product names,
	// file names, menu labels.
	Untranslatable []string `yaml:"untranslatable,omitempty"`

	Manufacturer  Organisation  `yaml:"manufacturer"`
	SafetyOfficer Person        `yaml:"safety_officer"`
	TargetGroups  []TargetGroup `yaml:"target_groups"`
	Devices       []Device      `yaml:"devices"`
	Problem       Problem       `yaml:"problem"`
	Actions       Actions       `yaml:"actions"`
	// Troubleshooting is the procedure for a user whom the problem has already hit.
	Troubleshooting *Procedure `yaml:"troubleshooting,omitempty"`
	// Alternatives are other ways to avoid the problem.
	Alternatives []Paragraph `yaml:"alternatives,omitempty"`
	// ManufacturerActions says what the manufacturer does about the problem.
	ManufacturerActions ManufacturerActions `yaml:"manufacturer_actions"`
	// Transmission asks the recipient to pass the notice on.
	Transmission []Paragraph `yaml:"transmission"`
	// Authority states that the competent authority was informed.
	Authority []Paragraph `yaml:"authority"`
	// Attachments lists what is sent with the notice: a lay information sheet,
	// a list of serial numbers.
	Attachments []Attachment `yaml:"attachments,omitempty"`
	Contact     Contact      `yaml:"contact"`
	Signatory   Person       `yaml:"signatory"`
	// ReplyForm is the customer reply form; a notice without one asks for no reply.
	ReplyForm *ReplyForm `yaml:"reply_form,omitempty"`
	// DistributorForm is the reply form of distributors and importers, with the
	// table of customers they passed the devices on to.
	DistributorForm *ReplyForm `yaml:"distributor_reply_form,omitempty"`

	// Dir is the notice folder and File the path of its notice.yaml; set by Load.
	Dir  string `yaml:"-"`
	File string `yaml:"-"`
	// Warnings are what Parse found doubtful but not wrong, such as words in a
	// field that no translation can translate; fsn check reports them.
	Warnings diag.List `yaml:"-" json:"-"`
}

// Organisation is a company with its postal address.
type Organisation struct {
	Name    string   `yaml:"name"`
	Address []string `yaml:"address"`
	Country *Text    `yaml:"country"`
	// SRN is the single registration number under the MDR, if one was issued.
	SRN string `yaml:"srn,omitempty"`
	// Website is the organisation's web address, https://….
	Website string `yaml:"website,omitempty"`
}

// Person is someone named in the notice with their role.
type Person struct {
	Name string `yaml:"name"`
	Role *Text  `yaml:"role"`
	// Gender is the person's grammatical gender, one of Genders, or "" when the
	// notice does not say: the labels about the person (such as "signed") choose
	// on it in languages whose words agree with it.
	Gender string `yaml:"gender,omitempty"`
}

// Genders are the values of a person's gender that labels choose on.
var Genders = []string{"female", "male"}

// Contact is the person recipients turn to with questions.
type Contact struct {
	Person       `yaml:",inline"`
	Organisation Organisation `yaml:"organisation"`
	Phone        string       `yaml:"phone,omitempty"`
	Fax          string       `yaml:"fax,omitempty"`
	Mobile       string       `yaml:"mobile,omitempty"`
	Email        string       `yaml:"email,omitempty"`
}

// TargetGroup is a group of recipients with actions of their own, such as operators or resellers.
type TargetGroup struct {
	ID string `yaml:"id"`
	// Name addresses the group at the head of a note meant for it: "For operators".
	Name *Text `yaml:"name"`
	// Description says who belongs to the group.
	Description *Text `yaml:"description"`
}

// Device is one affected medical device. Its name, version, UDI-DI, model, lots
// and serials are copied into every edition as written; what is said about it in
// words (description, purpose, condition) is translated.
type Device struct {
	ID string `yaml:"id"`
	// Type is the device type in words: "volumetric infusion pump".
	Type *Text  `yaml:"type,omitempty"`
	Name string `yaml:"name"`
	// Description says what the device is, in words: "battery pack (spare part)".
	Description *Text `yaml:"description,omitempty"`
	// Purpose is the device's clinical purpose: "infusion of fluids and drugs".
	Purpose *Text `yaml:"purpose,omitempty"`
	// Version is a version or a version range, such as "2.2.0" or "≤ 6.4.5".
	Version string `yaml:"version,omitempty"`
	// Condition limits when the device is affected: "if used together with an iQ-X 2.2.0 licence".
	Condition *Text       `yaml:"condition,omitempty"`
	UDIDI     string      `yaml:"udi_di,omitempty"`
	Model     string      `yaml:"model,omitempty"`
	Catalogue string      `yaml:"catalogue,omitempty"`
	Part      string      `yaml:"part,omitempty"`
	Lots      Identifiers `yaml:"lots,omitempty"`
	Serials   Identifiers `yaml:"serials,omitempty"`
	// Units is how many units of the device are affected; each edition writes
	// the count as its language writes numbers (41 800 in Czech).
	Units int `yaml:"units,omitempty"`
	// Associated are the devices used with it that are, or are not, affected: "the BC-2 charger".
	Associated []Paragraph `yaml:"associated,omitempty"`
	// Images show the device, such as its label with the lot number (see Image).
	Images []Image `yaml:"images,omitempty"`
}

// Problem describes the reason for the action.
type Problem struct {
	Cause        []Paragraph `yaml:"cause"`
	Symptoms     []Paragraph `yaml:"symptoms,omitempty"`
	Consequences []Paragraph `yaml:"consequences,omitempty"`
	Risk         []Paragraph `yaml:"risk,omitempty"`
	// NotAffected says what keeps working.
	NotAffected []Paragraph `yaml:"not_affected,omitempty"`
	// Hazard, Probability, FurtherInformation and Background are the
	// template's further parts of the reason for the action.
	Hazard             []Paragraph `yaml:"hazard,omitempty"`
	Probability        []Paragraph `yaml:"probability,omitempty"`
	FurtherInformation []Paragraph `yaml:"further_information,omitempty"`
	Background         []Paragraph `yaml:"background,omitempty"`
}

// Actions lists what each target group must do.
type Actions struct {
	Intro  []Paragraph   `yaml:"intro,omitempty"`
	Groups []GroupAction `yaml:"groups"`
	// Implant holds the particular considerations for implantable devices,
	// FollowUp the recommended follow-up of patients.
	Implant  []Paragraph `yaml:"implant,omitempty"`
	FollowUp []Paragraph `yaml:"patient_follow_up,omitempty"`
	// LayUsers says whether the notice must be passed on to patients or lay users.
	LayUsers *LayUsers `yaml:"lay_users,omitempty"`
}

// LayUsers says whether patients or lay users must be told, and which
// attachment is the information sheet written for them.
type LayUsers struct {
	Required bool `yaml:"required"`
	// Sheet is the id of the attachment that informs patients or lay users.
	Sheet string `yaml:"sheet,omitempty"`
}

// UserActions are the template's tick boxes of what a user must do, in its order.
var UserActions = []string{"identify", "quarantine", "return", "destroy", "modify", "follow-recommendations", "note-ifu", "other", "none"}

// ManufacturerActionTypes are the template's tick boxes of what the manufacturer does, in its order.
var ManufacturerActionTypes = []string{"removal", "modify", "software-upgrade", "ifu-change", "other", "none"}

// ManufacturerActions are the manufacturer's actions: the kinds ticked, in
// words, and by when.
type ManufacturerActions struct {
	// Do are the kinds of action, from ManufacturerActionTypes; Other says what "other" is.
	Do    []string `yaml:"do,omitempty"`
	Other *Text    `yaml:"other,omitempty"`
	// Text says in words what the manufacturer does.
	Text     []Paragraph `yaml:"text"`
	Deadline *Deadline   `yaml:"deadline,omitempty"`
}

// Deadline is the day by which an action must be done, with an optional
// condition in words: "before the pump is next used".
type Deadline struct {
	Date Date  `yaml:"date"`
	Note *Text `yaml:"note,omitempty"`
	// Pos is where the deadline was written.
	Pos diag.Pos `yaml:"-" json:"-"`
}

// FurtherNotice says whether a further notice is expected.
type FurtherNotice struct {
	Expected bool `yaml:"expected"`
	// About is what the further notice will be about, When when it is expected.
	About *Text `yaml:"about,omitempty"`
	When  *Text `yaml:"when,omitempty"`
}

// Attachment is a document sent with the notice.
type Attachment struct {
	ID    string `yaml:"id"`
	Title *Text  `yaml:"title"`
}

// GroupAction is the part of the actions meant for one target group.
type GroupAction struct {
	Group   string `yaml:"group"`
	Heading *Text  `yaml:"heading"`
	// Do are the template's tick boxes for the group, from UserActions; Other
	// says what "other" is.
	Do    []string `yaml:"do,omitempty"`
	Other *Text    `yaml:"other,omitempty"`
	// Deadline is by when the group must have acted.
	Deadline *Deadline `yaml:"deadline,omitempty"`
	// Steps are numbered; Text is for a group whose action is said in prose.
	Steps []Step      `yaml:"steps,omitempty"`
	Text  []Paragraph `yaml:"text,omitempty"`

	// GroupPos is where the group reference was written.
	GroupPos diag.Pos `yaml:"-"`
}

// Procedure is a numbered list of steps with an introduction.
type Procedure struct {
	Intro []Paragraph `yaml:"intro,omitempty"`
	Steps []Step      `yaml:"steps"`
}

// Step is one numbered action.
type Step struct {
	ID   string `yaml:"id"`
	Text *Text  `yaml:"text"`
	// Notes are meant for one target group only.
	Notes []Note `yaml:"notes,omitempty"`
}

// Note is a remark on a step for one target group.
type Note struct {
	Group string `yaml:"group"`
	Text  *Text  `yaml:"text"`
}

// Paragraph is a block of prose with a stable id.
type Paragraph struct {
	ID   string `yaml:"id"`
	Text *Text  `yaml:"text"`
}

// ReplyForm is a reply form that recipients return to the manufacturer: the
// customer's, or the distributor's and importer's.
type ReplyForm struct {
	Intro []Paragraph `yaml:"intro,omitempty"`
	// ReturnTo says in words where to send the form.
	ReturnTo *Text `yaml:"return_to,omitempty"`
	// Address, Email, Fax and Web are where the form can be returned.
	Address []string `yaml:"address,omitempty"`
	Email   string   `yaml:"email,omitempty"`
	Fax     string   `yaml:"fax,omitempty"`
	Web     string   `yaml:"web,omitempty"`
	// Deadline is the day by which the form must be back.
	Deadline *Deadline `yaml:"deadline,omitempty"`
	// Confirmations are statements the recipient ticks.
	Confirmations []Paragraph `yaml:"confirmations"`
	// Fields are the blanks the recipient fills in: name, organisation, signature, date.
	Fields []Field `yaml:"fields"`
}

// Field is one blank of the reply form.
type Field struct {
	ID    string `yaml:"id"`
	Label *Text  `yaml:"label"`
}

// Date is a calendar day, written as YYYY-MM-DD.
type Date struct{ time.Time }

// UnmarshalYAML parses a YYYY-MM-DD date and reports a bad one where it was written.
func (d *Date) UnmarshalYAML(node ast.Node) error {
	value := strings.Trim(node.String(), `"'`)
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		pos := node.GetToken().Position
		return diag.Errorf(diag.Pos{Line: pos.Line, Column: pos.Column},
			"date %q is not a calendar date; write it as YYYY-MM-DD, such as 2017-11-06", value)
	}
	d.Time = t
	return nil
}

// MarshalJSON writes the date as "YYYY-MM-DD" (not as time.Time would).
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.Format(time.DateOnly) + `"`), nil }

// UnmarshalJSON reads the date as MarshalJSON writes it.
func (d *Date) UnmarshalJSON(b []byte) error {
	t, err := time.Parse(`"`+time.DateOnly+`"`, string(b))
	d.Time = t
	return err
}

// MarshalText writes the date as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.Format(time.DateOnly)), nil }

// UnmarshalYAML reads a deadline written as a date (2026-04-30) or as a
// mapping of date and note.
func (d *Deadline) UnmarshalYAML(node ast.Node) error {
	tok := node.GetToken()
	pos := diag.Pos{Line: tok.Position.Line, Column: tok.Position.Column}
	if _, ok := node.(ast.ScalarNode); ok {
		d.Pos = pos
		return d.Date.UnmarshalYAML(node)
	}
	type plain Deadline // without this method
	var p plain
	if err := yaml.NodeToValue(node, &p, yaml.DisallowUnknownField()); err != nil {
		return err
	}
	*d = Deadline(p)
	d.Pos = pos
	return nil
}
