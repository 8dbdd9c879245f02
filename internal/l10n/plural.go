package l10n

import "github.com/nicksnyder/go-i18n/v2/i18n"

// PluralCategories are the CLDR plural categories, in their order.
var PluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// PluralText returns the text of the plural category form in m, or "".
func PluralText(m *i18n.Message, form string) string {
	switch form {
	case "zero":
		return m.Zero
	case "one":
		return m.One
	case "two":
		return m.Two
	case "few":
		return m.Few
	case "many":
		return m.Many
	}
	return m.Other
}

// SetPluralText sets the text of the plural category form in m.
func SetPluralText(m *i18n.Message, form, text string) {
	switch form {
	case "zero":
		m.Zero = text
	case "one":
		m.One = text
	case "two":
		m.Two = text
	case "few":
		m.Few = text
	case "many":
		m.Many = text
	default:
		m.Other = text
	}
}

// IsPlural reports whether m has plural forms besides "other".
func IsPlural(m *i18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}
