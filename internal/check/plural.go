package check

import (
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// pluralForm is a CLDR plural category that a language uses, with a count that
// selects it, to show in a message.
type pluralForm struct {
	name   string
	sample string
}

// pluralSamples are counts that between them reach every CLDR plural category of
// every language: integers to 200 for the rules on n % 10 and n % 100, a million
// (Italian, Spanish and French "many"), a compact million, and fractions.
var pluralSamples = func() []any {
	var s []any
	for i := 0; i <= 200; i++ {
		s = append(s, i)
	}
	return append(s, 1000, 1000000, "1e6", "0.5", "1.5", "2.5", "1.0", "10.1", "100.5")
}()

// pluralForms returns the plural categories that go-i18n selects for lang, in the
// CLDR order zero, one, two, few, many, other. It asks go-i18n itself rather than
// another table of rules: golang.org/x/text, for one, still gives Italian only
// one and other, while go-i18n picks "many" for 1000000, and a message without
// that form fails at run time.
func pluralForms(lang language.Tag) []pluralForm {
	probe := &i18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	bundle := i18n.NewBundle(lang)
	bundle.MustAddMessages(lang, probe)
	loc := i18n.NewLocalizer(bundle, lang.String())
	samples := map[string]string{}
	for _, n := range pluralSamples {
		form, err := loc.Localize(&i18n.LocalizeConfig{MessageID: probe.ID, PluralCount: n})
		if err == nil && samples[form] == "" {
			samples[form] = fmtCount(n)
		}
	}
	var forms []pluralForm
	for _, name := range l10n.PluralCategories {
		if s, ok := samples[name]; ok {
			forms = append(forms, pluralForm{name, s})
		}
	}
	return forms
}

func fmtCount(n any) string {
	if s, ok := n.(string); ok {
		return s
	}
	return fmt.Sprint(n)
}

// PluralForms returns the CLDR plural forms that go-i18n selects for lang, in
// the order zero, one, two, few, many, other: the forms a label with plural
// forms needs in that language.
func PluralForms(lang language.Tag) []string {
	var names []string
	for _, f := range pluralForms(lang) {
		names = append(names, f.name)
	}
	return names
}
