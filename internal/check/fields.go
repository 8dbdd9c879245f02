package check

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	yamlast "github.com/goccy/go-yaml/ast"
	yamlparser "github.com/goccy/go-yaml/parser"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/notice"
)

// plainFields reports the control and invisible characters in the plain fields
// of n: names, addresses, numbers and ids, which every edition shows as the
// source writes them. Each finding points at the field's value in notice.yaml.
func plainFields(n *notice.Notice) []*Finding {
	type found struct {
		field string
		is    issue
	}
	var issues []found
	walkPlain(reflect.ValueOf(n).Elem(), "", func(field, value string) {
		for _, is := range characterIssues(value) {
			issues = append(issues, found{field, is})
		}
	})
	if len(issues) == 0 {
		return nil // as most notices are: notice.yaml is read again only to place a finding
	}
	var file *yamlast.File
	if data, err := os.ReadFile(n.File); err == nil {
		file, _ = yamlparser.ParseBytes(data, 0)
	}
	var findings []*Finding
	for _, f := range issues {
		findings = append(findings, newFinding(fieldPos(n.File, file, f.field), n.SourceLanguage, "", f.is.check,
			"%s: the field %s %s", n.SourceLanguage, f.field, f.is.msg))
	}
	return findings
}

var textType = reflect.TypeFor[*notice.Text]()

// walkPlain calls visit for every string of v, a notice or a part of one, that is
// not a text, with its path of YAML keys, such as "manufacturer.address[1]".
func walkPlain(v reflect.Value, path string, visit func(field, value string)) {
	switch v.Kind() {
	case reflect.String:
		visit(path, v.String())
	case reflect.Pointer:
		if !v.IsNil() && v.Type() != textType {
			walkPlain(v.Elem(), path, visit)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkPlain(v.Index(i), fmt.Sprintf("%s[%d]", path, i), visit)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if !f.IsExported() || key == "-" {
				continue // Dir and File are not in the file
			}
			p := path
			if key != "" {
				p = strings.TrimPrefix(path+"."+key, ".")
			}
			walkPlain(v.Field(i), p, visit)
		}
	}
}

// fieldPos returns where the field at path is written in file, the parsed
// notice.yaml, or the top of the file when it cannot be found.
func fieldPos(name string, file *yamlast.File, path string) diag.Pos {
	if file != nil {
		if p, err := yaml.PathString("$." + path); err == nil {
			if node, err := p.FilterFile(file); err == nil && node != nil {
				tok := node.GetToken()
				return diag.Pos{File: name, Line: tok.Position.Line, Column: tok.Position.Column}
			}
		}
	}
	return diag.Pos{File: name, Line: 1, Column: 1}
}

// noticeWaiver matches a waiver in notice.yaml: "# fsn:waive CHECK: reason", at
// the end of the value's line or on a comment line directly above it.
var noticeWaiver = regexp.MustCompile(`#\s*fsn:waive\s+([a-z-]+)\s*:\s*(\S.*?)\s*$`)

// waiveInNotice applies the waivers written in notice.yaml to the findings about it.
func waiveInNotice(n *notice.Notice, findings []*Finding) {
	if !slices.ContainsFunc(findings, func(f *Finding) bool { return f.Pos.File == n.File && checks[f.Check].waivable }) {
		return // nothing to waive: notice.yaml is not read again
	}
	data, err := os.ReadFile(n.File)
	if err != nil {
		return
	}
	lines := strings.Split(string(data), "\n")
	for _, f := range findings {
		if f.Pos.File != n.File || !checks[f.Check].waivable {
			continue
		}
		for l := f.Pos.Line; l >= 1 && l <= len(lines); l-- {
			if l < f.Pos.Line && !strings.HasPrefix(strings.TrimSpace(lines[l-1]), "#") {
				break
			}
			if m := noticeWaiver.FindStringSubmatch(lines[l-1]); m != nil && m[1] == f.Check {
				f.Waiver, f.WaiverPos = m[2], diag.Pos{File: n.File, Line: l, Column: 1}
				break
			}
		}
	}
}
