package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/numfmt"
)

// A quantity is a number token as a reader of its text's language reads it.
type quantity struct {
	cmp     string       // the comparison before it: "≤", or ""
	percent bool         // it is a percentage
	value   numfmt.Value // what the reader reads
}

// splitNumber cuts a number token into its comparison, digits and percent sign:
// "≤ 0,09 %" is "≤", "0,09" and true.
func splitNumber(text string) (cmp, digits string, percent bool) {
	text = tokenKey(kindNumber, text) // "<=" as "≤", no space after a comparison
	if r, size := utf8.DecodeRuneInString(text); strings.ContainsRune("≤≥±<>", r) {
		cmp, text = text[:size], text[size:]
	}
	if t, ok := strings.CutPrefix(text, "%"); ok {
		text, percent = t, true
	}
	if t, ok := strings.CutSuffix(text, "%"); ok {
		text, percent = strings.TrimRightFunc(t, isGroupSpace), true
	}
	return cmp, text, percent
}

// bareNumber returns the digits of a number token, without comparison or percent sign.
func bareNumber(text string) string {
	_, digits, _ := splitNumber(text)
	return digits
}

func isGroupSpace(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' }

// readNumbers returns a copy of ts in which every number that a reader of lang
// reads as a quantity is keyed by its value, so that "41 800" in Czech and
// "41,800" in English are the same token. Numbers lang does not read as a
// quantity ("2.2.0", "10:30"), versions and the keys in literal keep their text
// as their key.
func readNumbers(ts []token, lang language.Tag, literal map[string]bool) []token {
	out := make([]token, len(ts))
	syms := numfmt.For(lang)
	for i, t := range ts {
		out[i] = t
		if t.kind != kindNumber || literal[t.key] {
			continue
		}
		cmp, digits, percent := splitNumber(t.text)
		if v, ok := syms.Read(digits); ok {
			q := &quantity{cmp: cmp, percent: percent, value: v}
			out[i].qty, out[i].key = q, q.key()
		}
	}
	return out
}

// literals returns the keys of the number tokens of ts that are not quantities:
// a translation keeps those as written.
func literals(ts []token) map[string]bool {
	m := map[string]bool{}
	for _, t := range ts {
		if group(t.kind) == kindNumber && t.qty == nil {
			m[t.key] = true
		}
	}
	return m
}

// key is what two quantities are compared by: their comparison, value and percent sign.
func (q *quantity) key() string {
	k := "=" + q.cmp + q.value.Key()
	if q.percent {
		k += "%"
	}
	return k
}

// format writes the quantity as the language with symbols s writes it.
func (q *quantity) format(s numfmt.Symbols) string {
	var num string
	if q.percent {
		num = s.FormatPercent(q.value)
	} else {
		num = s.Format(q.value)
	}
	if q.cmp != "" {
		return q.cmp + " " + num
	}
	return num
}

// misread explains why the translation's number tr does not give the reader of
// lang the quantity src of the source, written in srcLang: a reader reads it as
// another value, or it is not written as lang writes numbers. It returns "" when
// tr is simply another number, which the caller reports as a changed token.
func misread(srcLang, lang language.Tag, src *quantity, tr token) string {
	syms := numfmt.For(lang)
	want := diag.Quote(src.format(syms))
	cmp, digits, percent := splitNumber(tr.text)
	if cmp != src.cmp || percent != src.percent {
		return ""
	}
	if tr.qty != nil {
		// Read as a number of lang, but as another value: "41,800" in Czech is 41.8.
		// Say so if the translation copied the source's form; otherwise the
		// number was simply changed.
		if v, ok := numfmt.For(srcLang).Read(digits); ok && v.Key() == src.value.Key() {
			return fmt.Sprintf("writes %s, which %s readers read as %s; write %s", diag.Quote(tr.text), lang, tr.qty.value, want)
		}
		return ""
	}
	if strings.ContainsAny(digits, ".,") && !strings.Contains(digits, ":") {
		return fmt.Sprintf("writes %s, which is not how %s writes a number (decimal sign %s, digits grouped by %s); write %s",
			diag.Quote(tr.text), lang, diag.Quote(syms.Decimal), describeSymbol(syms.Group), want)
	}
	return ""
}

// describeSymbol names a grouping symbol readably: a no-break space is invisible.
func describeSymbol(s string) string {
	switch s {
	case "\u00a0":
		return "a no-break space"
	case "\u202f":
		return "a narrow no-break space"
	case " ":
		return "a space"
	}
	return diag.Quote(s)
}

// ordinalSuffixes are the endings that make a number an ordinal in the languages
// of a notice: "1st", "1er", "2e", "12ης", "1º". The number is then kept as a
// number token: "12ης Αυγούστου 2026" keeps the 12 of "12 August 2026".
var ordinalSuffixes = map[string]bool{
	"st": true, "nd": true, "rd": true, "th": true, // English
	"e": true, "er": true, "re": true, "es": true, "ers": true, "res": true, "ème": true, "ère": true, "eme": true, // French
	"ης": true, "η": true, "ος": true, "ο": true, "ου": true, "α": true, "ας": true, "ων": true, // Greek
	"º": true, "ª": true, "o": true, "a": true, // Spanish, Portuguese, Italian
	"ste": true, "de": true, // Dutch
	"-ти": true, "-ри": true, "-ви": true, "-ми": true, "ти": true, "ри": true, "ви": true, "ми": true, // Bulgarian
}

// isOrdinal reports whether s[start:end], a number that a letter follows, is an
// ordinal: its letters are an ordinal ending, after which the word ends.
func isOrdinal(s string, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	rest := s[end:]
	i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if i < 0 {
		i = len(rest)
	}
	return i > 0 && ordinalSuffixes[rest[:i]]
}
