package check

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// A label is a go-i18n template, executed with the data that the Markdown,
// HTML and PDF writers give it ({{.Count}}, {{.Follows}}, {{.Day}}, …). Its
// source's description documents that data, and a label may do no more than
// print it: no function call ({{printf …}}), no pipeline, no other field. The
// checks then look at the label as go-i18n executes it, so what they compare is
// what an edition would show.

// documentedField matches a field that a label's description names, as a
// placeholder ("{{.Count}} is the number of devices") or as a field (".From and
// .To are the first and the last identifier").
var documentedField = regexp.MustCompile(`(?:^|[\s(,;'"])(?:\{\{\s*)?\.([A-Z][A-Za-z0-9_]*)\b`)

// sourceField matches a placeholder that prints a field as it is.
var sourceField = regexp.MustCompile(`\{\{-?\s*\.([A-Za-z][A-Za-z0-9_]*)\s*-?\}\}`)

// labelFields returns the names of the data a label gets: the fields its
// source's description names, those its source text prints, and Count for a
// plural label.
func labelFields(src *i18n.Message) map[string]bool {
	fields := map[string]bool{}
	for _, m := range documentedField.FindAllStringSubmatch(src.Description, -1) {
		fields[m[1]] = true
	}
	for _, form := range l10n.PluralCategories {
		for _, m := range sourceField.FindAllStringSubmatch(l10n.PluralText(src, form), -1) {
			fields[m[1]] = true
		}
	}
	if l10n.IsPlural(src) {
		fields["Count"] = true
	}
	return fields
}

// executeLabel executes text, one form of a label, as go-i18n does, with each
// field of data shown as its placeholder, "{{.Follows}}". It returns an issue
// instead when the template does anything but print fields of data as they are;
// such a template is never executed.
func executeLabel(text string, fields map[string]bool) (string, *issue) {
	if !strings.Contains(text, "{{") {
		return text, nil // go-i18n prints a text without "{{" as it is
	}
	allowed := func() string {
		if len(fields) == 0 {
			return "this label gets no data, so it holds no {{…}}"
		}
		var ps []string
		for _, f := range slices.Sorted(maps.Keys(fields)) {
			ps = append(ps, "{{."+f+"}}")
		}
		return "a label may only print the data it is given, as it is: " + strings.Join(ps, ", ")
	}
	tmpl, err := template.New("label").Parse(text)
	if err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		return "", &issue{LabelTemplate, fmt.Sprintf("is not a valid template (%s); %s", msg, allowed())}
	}
	for _, n := range tmpl.Tree.Root.Nodes {
		if _, ok := n.(*parse.TextNode); ok {
			continue
		}
		if a, ok := n.(*parse.ActionNode); ok && len(a.Pipe.Decl) == 0 && len(a.Pipe.Cmds) == 1 && len(a.Pipe.Cmds[0].Args) == 1 {
			if f, ok := a.Pipe.Cmds[0].Args[0].(*parse.FieldNode); ok && len(f.Ident) == 1 && fields[f.Ident[0]] {
				continue
			}
		}
		at := utf8.RuneCountInString(text[:min(int(n.Position()), len(text))]) + 1
		return "", &issue{LabelTemplate, fmt.Sprintf("uses %s at character %d; %s", n.String(), at, allowed())}
	}
	data := map[string]string{}
	for f := range fields {
		data[f] = "{{." + f + "}}"
	}
	var b strings.Builder
	if err := tmpl.Execute(&b, data); err != nil {
		return "", &issue{LabelTemplate, fmt.Sprintf("cannot be executed (%v); %s", err, allowed())}
	}
	return b.String(), nil
}

// executeForms executes every form of the label m, returning a copy of m that
// holds the executed texts, or the issues of the forms that cannot be executed.
func executeForms(m *i18n.Message, fields map[string]bool) (*i18n.Message, []issue) {
	out := *m
	var issues []issue
	for _, form := range l10n.PluralCategories {
		text := l10n.PluralText(m, form)
		if text == "" {
			continue
		}
		done, is := executeLabel(text, fields)
		if is != nil {
			if form != "other" || l10n.IsPlural(m) {
				is.msg = fmt.Sprintf("(form %s) %s", form, is.msg)
			}
			issues = append(issues, *is)
			continue
		}
		l10n.SetPluralText(&out, form, done)
	}
	return &out, issues
}

// formIssues returns the safetyIssues of every form of m.
func formIssues(m *i18n.Message) []issue {
	var issues []issue
	for _, form := range l10n.PluralCategories {
		text := l10n.PluralText(m, form)
		if text == "" {
			continue
		}
		for _, is := range safetyIssues(text) {
			if form != "other" || l10n.IsPlural(m) {
				is.msg = fmt.Sprintf("(form %s) %s", form, is.msg)
			}
			issues = append(issues, is)
		}
	}
	return issues
}
