package notice

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/parallel"
)

// Load reads and validates dir/notice.yaml.
func Load(dir string) (*Notice, error) {
	file := filepath.Join(dir, FileName)
	data, err := input.ReadFile(file, noticeKind)
	if err != nil {
		return nil, err
	}
	n, err := Parse(file, data)
	if err != nil {
		return nil, err
	}
	n.Dir = dir
	return n, nil
}

// noticeKind is a notice.yaml for input.ReadFile.
var noticeKind = func() input.Kind {
	k := input.Notice
	k.Missing = "every notice folder needs a " + FileName + " (fsn new ID creates one)"
	return k
}()

// Parse decodes and validates a notice read from file. Every problem found is
// returned as a diag.List with file, line and column. A leading UTF-8
// byte-order mark is dropped; bytes that are not UTF-8, YAML nested deeper or
// with aliases expanding further than the limits of package input, and texts
// longer than input.MaxText are errors at their place.
func Parse(file string, data []byte) (*Notice, error) {
	data = input.DropBOM(data)
	if err := input.UTF8(file, data); err != nil {
		return nil, err
	}
	tree, err := input.ParseYAML(file, data)
	if err != nil {
		return nil, diag.Unreadable(diag.YAMLError(file, err, fields, "see docs/notice-format.md for the fields a notice has"))
	}
	shape, values := checkSchema(file, tree)
	if len(shape) > 0 {
		shape = append(shape, values...)
		shape.Sort()
		return nil, shape
	}
	n := &Notice{File: file}
	if err := decode(tree, data, n); err != nil {
		return nil, diag.YAMLError(file, err, fields, "see docs/notice-format.md for the fields a notice has; `fsn new ID` writes a complete notice")
	}
	n.assignIDs()
	errs := n.validate()
	errs = append(errs, values...)
	errs = append(errs, placeholders(file, data)...)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	n.Warnings = n.plainWords(data)
	return n, nil
}

// placeholders reports every "TODO:" that `fsn new` put in the file and that is
// still there: a notice must not be published with a placeholder in it.
func placeholders(file string, data []byte) diag.List {
	var errs diag.List
	for i, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if col := strings.Index(line, "TODO:"); col >= 0 {
			errs.Errorf(diag.Pos{File: file, Line: i + 1, Column: col + 1}, "placeholder from `fsn new` still here; replace it with the real text")
		}
	}
	return errs
}

// fields are the YAML keys of the notice format, for suggesting a fix for a typo.
var fields = diag.YAMLFields(reflect.TypeFor[Notice]())

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ReservedID is the one id a notice cannot have: the base name of the labels
// file, which shares the locale folders with the notices' translations.
const ReservedID = "labels"

// validate checks what the YAML decoder cannot: required parts, ids and references.
func (n *Notice) validate() diag.List {
	var errs diag.List
	top := diag.Pos{File: n.File, Line: 1, Column: 1}
	need := func(ok bool, what, fix string) {
		if !ok {
			errs.Errorf(top, "the notice has no %s; %s", what, fix)
		}
	}
	needText := func(t *Text, what string) {
		if t == nil {
			errs.Errorf(top, "the notice has no %s; add it (see docs/notice-format.md)", what)
		} else if strings.TrimSpace(t.Value) == "" {
			errs.Errorf(t.Pos, "%s is empty; write the text or remove the field if it is optional", what)
		}
	}

	need(idPattern.MatchString(n.ID), "valid id", `add "id:" with lower-case letters, digits and hyphens, such as iqwebx-2017-11`)
	if n.ID == ReservedID {
		errs.Errorf(top, "the notice id %q is the name of the templates' labels file (locales/<lang>/labels.<lang>.toml); choose another id", n.ID)
	}
	if n.ID != "" && n.Dir == "" && filepath.Base(filepath.Dir(n.File)) != n.ID && filepath.Base(filepath.Dir(n.File)) != "." {
		errs.Errorf(top, "the notice id %q differs from its folder %q; rename one so they match", n.ID, filepath.Base(filepath.Dir(n.File)))
	}
	n.validateLanguages(&errs, top)
	n.validateCountries(&errs, top)
	switch n.Type {
	case New:
	case FollowUp:
		need(n.Follows != "", "reference of the notice it follows", `a follow-up needs "follows:" with the earlier notice's reference`)
	default:
		errs.Errorf(top, "the notice type %q is not known; write \"type: new\" or \"type: follow-up\"", n.Type)
	}
	need(!n.Date.IsZero(), "date", `add "date: YYYY-MM-DD", the date of the letter`)
	need(strings.TrimSpace(n.Reference) != "", "FSCA reference", `add "reference:", the manufacturer's FSCA reference`)
	needText(n.Subject, "subject")
	needText(n.Product, "product")
	need(n.Manufacturer.Name != "", "manufacturer", `add "manufacturer:" with name, address and country`)
	need(n.SafetyOfficer.Name != "", "safety officer", `add "safety_officer:" with name and role`)
	needText(n.SafetyOfficer.Role, "role of the safety officer")

	groups := map[string]bool{}
	need(len(n.TargetGroups) > 0, "target groups", `add "target_groups:", each with id, name and description`)
	for i, g := range n.TargetGroups {
		pos := firstPos(top, g.Name, g.Description)
		switch {
		case !idPattern.MatchString(g.ID):
			errs.Errorf(pos, "target group %d has no valid id; give it one such as \"operators\"", i+1)
		case g.ID == "intro" || g.ID == "deadline" || g.ID == "implant":
			errs.Errorf(pos, "target group id %q is reserved; choose another", g.ID)
		case groups[g.ID]:
			errs.Errorf(pos, "duplicate target group id %q; each id must be unique", g.ID)
		}
		groups[g.ID] = true
		needText(g.Name, fmt.Sprintf("name of target group %q", g.ID))
		needText(g.Description, fmt.Sprintf("description of target group %q", g.ID))
	}

	need(len(n.Devices) > 0, "affected devices", `add "devices:", each with id and name`)
	devices := map[string]bool{}
	for i, d := range n.Devices {
		pos := firstPos(top, d.Condition)
		switch {
		case !idPattern.MatchString(d.ID):
			errs.Errorf(pos, "device %d (%s) has no valid id; give it one such as \"iq-x\"", i+1, d.Name)
		case devices[d.ID]:
			errs.Errorf(pos, "duplicate device id %q; each id must be unique", d.ID)
		}
		devices[d.ID] = true
		if d.Name == "" {
			errs.Errorf(pos, "device %q has no name; add its commercial name", d.ID)
		}
	}

	need(len(n.Problem.Cause) > 0, "description of the problem", `add "problem: cause:" with at least one paragraph`)
	need(len(n.Actions.Groups) > 0, "actions", `add "actions: groups:" with the steps each target group must take`)
	steps := 0
	for _, g := range n.Actions.Groups {
		pos := firstPos(top, g.Heading)
		if !groups[g.Group] {
			errs.Errorf(pos, "actions name the target group %q, which the notice does not define; add it to target_groups or fix the name", g.Group)
		}
		needText(g.Heading, fmt.Sprintf("heading of the actions for %q", g.Group))
		if len(g.Steps) == 0 && len(g.Text) == 0 {
			errs.Errorf(pos, "the actions for %q have neither steps nor text; say what the group must do", g.Group)
		}
		steps += len(g.Steps)
	}
	if len(n.Actions.Groups) > 0 && steps == 0 {
		errs.Errorf(top, "the actions have no numbered steps; give at least one target group \"steps:\"")
	}
	if n.Troubleshooting != nil && len(n.Troubleshooting.Steps) == 0 {
		errs.Errorf(top, "the troubleshooting procedure has no steps; add them or remove \"troubleshooting:\"")
	}
	need(n.Contact.Name != "", "contact person", `add "contact:" with name, role, organisation, phone and e-mail`)
	if n.Contact.Name != "" && n.Contact.Phone == "" && n.Contact.Email == "" {
		errs.Errorf(firstPos(top, n.Contact.Role), "the contact person has neither phone nor e-mail; add at least one")
	}
	need(n.Signatory.Name != "", "signatory", `add "signatory:" with name and role`)
	for _, p := range []struct {
		person Person
		what   string
	}{{n.Signatory, "signatory"}, {n.Contact.Person, "contact"}, {n.SafetyOfficer, "safety_officer"}} {
		if p.person.Gender != "" && !slices.Contains(Genders, p.person.Gender) {
			errs.Errorf(firstPos(top, p.person.Role), "%s.gender %q is not known; write %s, or leave it out when the labels need not agree with it",
				p.what, p.person.Gender, strings.Join(Genders, " or "))
		}
	}
	need(len(n.ManufacturerActions.Text) > 0, "actions taken by the manufacturer", `add "manufacturer_actions: text:" with what the manufacturer does`)
	need(len(n.Transmission) > 0, "request to pass the notice on", `add "transmission:"`)
	need(len(n.Authority) > 0, "statement that the competent authority was informed", `add "authority:"`)
	n.validateTemplate(&errs, top)
	n.validateImages(&errs, top)

	n.validateIDs(&errs, groups)
	for _, t := range n.Texts() {
		if len(t.Value) > input.MaxText {
			errs.Errorf(t.Pos, "this text is %s long; a text may be at most %s: split it into paragraphs or steps", input.Size(int64(len(t.Value))), input.Size(input.MaxText))
		}
	}
	return errs
}

func (n *Notice) validateLanguages(errs *diag.List, top diag.Pos) {
	check := func(tag, what string) {
		t, err := language.Parse(tag)
		if err != nil {
			errs.Errorf(top, "%s %q is not a valid BCP 47 language tag; use one such as \"en\", \"it\" or \"de\"", what, tag)
			return
		}
		if t.String() != tag {
			errs.Errorf(top, "%s %q should be written %q", what, tag, t.String())
		}
	}
	if n.SourceLanguage == "" {
		errs.Errorf(top, `the notice has no source language; add "source_language: en"`)
	} else {
		check(n.SourceLanguage, "source language")
	}
	if len(n.Languages) == 0 {
		errs.Errorf(top, `the notice lists no languages; add "languages: [en, it, de]"`)
	}
	seen := map[string]bool{}
	hasSource := false
	for _, l := range n.Languages {
		check(l, "language")
		if seen[l] {
			errs.Errorf(top, "language %q is listed twice", l)
		}
		seen[l] = true
		hasSource = hasSource || l == n.SourceLanguage
	}
	if len(n.Languages) > 0 && n.SourceLanguage != "" && !hasSource {
		errs.Errorf(top, "languages do not include the source language %q; add it", n.SourceLanguage)
	}
}

// validateIDs checks list-item ids, message-id uniqueness and the groups that notes name.
func (n *Notice) validateIDs(errs *diag.List, groups map[string]bool) {
	seen := map[string]*Text{}
	for _, t := range n.Texts() {
		last := t.ID[strings.LastIndex(t.ID, ".")+1:]
		if last == "" || !idPattern.MatchString(last) && !strings.Contains(last, "_") {
			errs.Errorf(t.Pos, "this block has no valid id (message %q); add \"id:\" with lower-case letters, digits and hyphens", t.ID)
			continue
		}
		if prev, ok := seen[t.ID]; ok {
			errs.Errorf(t.Pos, "duplicate id: message %q is already used at line %d; give each item its own id", t.ID, prev.Pos.Line)
			continue
		}
		seen[t.ID] = t
	}
	checkNotes := func(steps []Step) {
		for _, s := range steps {
			if s.Text == nil {
				errs.Errorf(diag.Pos{File: n.File, Line: 1, Column: 1}, "step %q has no text; add \"text:\"", s.ID)
			} else if strings.TrimSpace(s.Text.Value) == "" {
				errs.Errorf(s.Text.Pos, "step %q is empty; write what the user must do", s.ID)
			}
			for _, note := range s.Notes {
				pos := firstPos(diag.Pos{File: n.File, Line: 1, Column: 1}, note.Text, s.Text)
				if !groups[note.Group] {
					errs.Errorf(pos, "the note on step %q is for target group %q, which the notice does not define; use one of %s", s.ID, note.Group, groupList(n.TargetGroups))
				}
			}
		}
	}
	for _, g := range n.Actions.Groups {
		checkNotes(g.Steps)
	}
	if n.Troubleshooting != nil {
		checkNotes(n.Troubleshooting.Steps)
	}
}

func groupList(gs []TargetGroup) string {
	ids := make([]string, len(gs))
	for i, g := range gs {
		ids[i] = fmt.Sprintf("%q", g.ID)
	}
	return strings.Join(ids, ", ")
}

// at returns pos in the notice's file, or top when pos was not recorded.
func (n *Notice) at(pos, top diag.Pos) diag.Pos {
	if pos.Line == 0 {
		return top
	}
	pos.File = n.File
	return pos
}

// firstPos returns the position of the first non-nil text, or def.
func firstPos(def diag.Pos, texts ...*Text) diag.Pos {
	for _, t := range texts {
		if t != nil && t.Pos.Line > 0 {
			return t.Pos
		}
	}
	return def
}

// Dirs returns the notice folders in dir, those holding a notice.yaml, sorted.
// It is an error for dir to hold none.
func Dirs(dir string) ([]string, error) {
	entries, err := input.ReadDir(dir, "notices folder")
	if err != nil {
		return nil, err
	}
	var dirs []string
	var errs diag.List
	for _, e := range entries {
		if e.IsDir() {
			sub := filepath.Join(dir, e.Name())
			switch _, err := os.Stat(filepath.Join(sub, FileName)); {
			case err == nil:
				dirs = append(dirs, sub)
			case !errors.Is(err, fs.ErrNotExist):
				// not "no notice here": a folder fsn may not read may hold one
				errs.Errorf(diag.Pos{File: sub}, "cannot read the notice folder: %s", input.Cause(err))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(dirs) == 0 {
		return nil, diag.Errorf(diag.Pos{File: dir}, "no notices here: no folder holds a %s; create one with `fsn new ID`", FileName)
	}
	return dirs, nil
}

// LoadAll loads the notices in dirs, side by side, reporting the problems of
// all of them at once, in the order of dirs.
func LoadAll(dirs []string) ([]*Notice, error) {
	loaded := make([]*Notice, len(dirs))
	failed := make([]error, len(dirs))
	parallel.For(len(dirs), func(i int) { loaded[i], failed[i] = Load(dirs[i]) })
	var errs diag.List
	var notices []*Notice
	for i, n := range loaded {
		if failed[i] != nil {
			errs = append(errs, diag.From(failed[i])...)
			continue
		}
		notices = append(notices, n)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return notices, nil
}

// decode decodes the notice from the tree the schema check walked: lexing and
// parsing the file again was half the cost of reading a notice. A file with no
// document goes through the decoder, whose end-of-file error diag.YAMLError
// explains as an empty file.
func decode(tree *ast.File, data []byte, n *Notice) error {
	if len(tree.Docs) == 0 || tree.Docs[0].Body == nil {
		return yaml.NewDecoder(bytes.NewReader(data), yaml.DisallowUnknownField()).Decode(n)
	}
	return yaml.NodeToValue(tree.Docs[0].Body, n, yaml.DisallowUnknownField())
}
