package numfmt

import (
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

func TestRead(t *testing.T) {
	tests := []struct {
		lang, text string
		want       string // the value's key, "" for not a number of the language
	}{
		{"en", "41,800", "41800"},
		{"en", "0.09", "0.09"},
		{"en", "1,5", ""},
		{"en", "2.2.0", ""},
		{"en", "41 800", "41800"},
		{"en", "10:30", ""},
		{"cs", "41\u00a0800", "41800"},
		{"cs", "41\u202f800", "41800"},
		{"cs", "41 800", "41800"},
		{"cs", "41,800", "41.8"},
		{"cs", "0,09", "0.09"},
		{"cs", "0.09", ""},
		{"cs", "2026", "2026"},
		{"de", "1.234", "1234"},
		{"de", "1,234", "1.234"},
		{"de", "1.5", ""},
		{"de", "41.800,50", "41800.5"},
		{"de", "41 800", "41800"},
		{"de", "41.800 000", ""},
		{"el", "1.000", "1000"},
		{"el", "1,000", "1"},
		{"fr", "1\u202f234,5", "1234.5"},
		{"fr", "1234 567", ""},
		{"hu", "007", "7"},
	}
	for _, tt := range tests {
		v, ok := For(language.MustParse(tt.lang)).Read(tt.text)
		got := v.Key()
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("%s readers read %q as %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestFormatFollowsCLDR checks that the symbols derived from x/text write numbers
// exactly as x/text does, in every language an EU notice goes out in.
func TestFormatFollowsCLDR(t *testing.T) {
	langs := []string{"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it",
		"lt", "lv", "mt", "nb", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "tr"}
	for _, l := range langs {
		tag := language.MustParse(l)
		p := message.NewPrinter(tag)
		s := For(tag)
		if got, want := s.Format(Value{Int: "1234567", Frac: "891"}), p.Sprint(number.Decimal(1234567.891)); got != want {
			t.Errorf("%s: Format = %q, x/text writes %q", l, got, want)
		}
		if got, want := s.Int(41800), p.Sprint(number.Decimal(41800)); got != want {
			t.Errorf("%s: Int = %q, x/text writes %q", l, got, want)
		}
		if got, want := s.FormatPercent(Value{Int: "0", Frac: "09"}), p.Sprint(number.Percent(0.0009, number.MinFractionDigits(2), number.MaxFractionDigits(2))); got != want {
			t.Errorf("%s: FormatPercent = %q, x/text writes %q", l, got, want)
		}
		if v, ok := s.Read(s.Format(Value{Int: "41800", Frac: "25"})); !ok || v.Key() != "41800.25" {
			t.Errorf("%s: Read(Format(41800.25)) = %v, %v", l, v, ok)
		}
	}
}

func TestSymbols(t *testing.T) {
	for _, tt := range []struct{ lang, dec, group, before, after string }{
		{"en", ".", ",", "", "%"},
		{"cs", ",", "\u00a0", "", "\u00a0%"},
		{"de", ",", ".", "", "\u00a0%"},
		{"tr", ",", ".", "%", ""},
		{"pl", ",", "\u00a0", "", "%"},
	} {
		s := For(language.MustParse(tt.lang))
		if s.Decimal != tt.dec || s.Group != tt.group || s.PercentBefore != tt.before || s.PercentAfter != tt.after {
			t.Errorf("%s: symbols %+q, want %q %q %q %q", tt.lang, s, tt.dec, tt.group, tt.before, tt.after)
		}
	}
}
