package check_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"testing"

	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/project"
)

// placeholder matches a template action in a label, such as {{.Count}}.
var placeholder = regexp.MustCompile(`\{\{.*?\}\}`)

// TestShippedLabels checks every labels file in locales/ against the English one:
// exactly the English ids, in each label exactly the plural categories go-i18n
// uses for the file's language (only "other" for a label without plural forms),
// in each form exactly the English placeholders, and no finding of fsn check that
// the file does not waive with a reason (a stale label among them: each carries
// the hash of its English source). A file may add variants of a label (see
// l10n.LabelSelects).
func TestShippedLabels(t *testing.T) {
	c, err := l10n.Load(project.Locales(filepath.Join(root, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	en := c.File("en", l10n.LabelsName)
	if en == nil {
		t.Fatal("locales/en/labels.en.toml is missing")
	}
	checker := check.New(c)
	for _, lang := range c.Languages() {
		t.Run(lang, func(t *testing.T) {
			f := c.File(lang, l10n.LabelsName)
			if f == nil {
				t.Fatalf("%s has no labels file %s", lang, c.FilePath(lang, l10n.LabelsName))
			}
			plurals := check.PluralForms(language.Make(lang))
			for id, src := range en.Messages {
				m, ok := f.Messages[id]
				if !ok {
					t.Errorf("%s: label %s is missing", f.Path, id)
					continue
				}
				want := []string{"other"}
				if l10n.IsPlural(src.Message) {
					want = plurals
				}
				if got := forms(m); !slices.Equal(got, want) {
					t.Errorf("%s: label %s has the forms %v, want %v", m.Pos, id, got, want)
				}
				for _, form := range want {
					text := l10n.PluralText(m.Message, form)
					got, wantPH := placeholders(text), placeholders(src.Other)
					if form == "zero" || form == "one" || form == "two" {
						// the form may say the number in words, as the checks allow
						wantPH = slices.DeleteFunc(wantPH, func(p string) bool { return p == "{{.Count}}" && !slices.Contains(got, p) })
					}
					if !slices.Equal(got, wantPH) {
						t.Errorf("%s: label %s (form %s) has the placeholders %v, want %v", m.Pos, id, form, got, wantPH)
					}
				}
			}
			for id, m := range f.Messages {
				if _, variant := l10n.LabelVariant(id); en.Messages[id] == nil && !variant {
					t.Errorf("%s: label %s is not an English label, nor a variant of one", m.Pos, id)
				}
			}
			for _, fd := range checker.Labels(lang, "en").Findings {
				if fd.Waiver == "" {
					t.Errorf("fsn check: %s", fd.Error())
				}
			}
		})
	}
}

// forms returns the plural categories m has a text for, in the CLDR order.
func forms(m *l10n.Message) []string {
	var fs []string
	for _, form := range l10n.PluralCategories {
		if l10n.PluralText(m.Message, form) != "" {
			fs = append(fs, form)
		}
	}
	return fs
}

// placeholders returns the template actions of s, sorted.
func placeholders(s string) []string {
	ps := placeholder.FindAllString(s, -1)
	sort.Strings(ps)
	return ps
}
