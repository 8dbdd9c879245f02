// Package numfmt reads and writes numbers as the readers of a language do: with
// its decimal and grouping symbols and its way of writing a percentage, taken from
// the CLDR data of golang.org/x/text.
//
// A Czech reader reads "41,800" as 41.8 and writes forty-one thousand eight
// hundred as "41 800"; an English reader reads "41,800" as 41800. Read says which
// value a reader of the language sees in a number, so that a translation can be
// compared with its source by value rather than by the characters written.
package numfmt

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Symbols are how a language writes numbers.
type Symbols struct {
	// Decimal separates the fraction: "." in English, "," in Czech.
	Decimal string
	// Group separates groups of three digits: "," in English, "." in German,
	// a no-break space (U+00A0) in Czech.
	Group string
	// PercentBefore and PercentAfter are written before and after the digits of a
	// percentage: "" and "%" in English, "" and "\u00a0%" in Czech, "%" and "" in Turkish.
	PercentBefore, PercentAfter string
}

var (
	mu    sync.Mutex
	cache = map[language.Tag]Symbols{}
)

// For returns the symbols of the language tag. They are derived from how x/text
// formats 1234.5 and 100 % in that language, so they follow its CLDR data.
func For(tag language.Tag) Symbols {
	mu.Lock()
	defer mu.Unlock()
	if s, ok := cache[tag]; ok {
		return s
	}
	p := message.NewPrinter(tag)
	s := Symbols{}
	dec := p.Sprint(number.Decimal(1234.5)) // "1,234.5", "1 234,5", "1.234,5"
	if i, j := strings.Index(dec, "1"), strings.Index(dec, "234"); i >= 0 && j > i {
		s.Group = dec[i+1 : j]
	}
	if j, k := strings.Index(dec, "234"), strings.LastIndex(dec, "5"); j >= 0 && k > j+3 {
		s.Decimal = dec[j+3 : k]
	}
	if s.Decimal == "" || s.Decimal == s.Group {
		s.Decimal, s.Group = ".", ","
	}
	pct := p.Sprint(number.Percent(1)) // "100%", "100 %", "%100"
	if i := strings.Index(pct, "100"); i >= 0 {
		s.PercentBefore, s.PercentAfter = pct[:i], pct[i+3:]
	} else {
		s.PercentAfter = "%"
	}
	cache[tag] = s
	return s
}

// Value is a number as a reader understands it, apart from how it is written.
type Value struct {
	Int  string // the digits before the decimal symbol, without leading zeros ("0" for none)
	Frac string // the digits after it, as written (trailing zeros kept)
}

// Key is the value in a form that is equal for equal values: "41800", "0.09".
// Trailing zeros of the fraction do not count: 0.10 equals 0.1.
func (v Value) Key() string {
	f := strings.TrimRight(v.Frac, "0")
	if f == "" {
		return v.Int
	}
	return v.Int + "." + f
}

// String writes the value as Key does, for messages: "41800", "41.8".
func (v Value) String() string { return v.Key() }

// isSpace reports whether r is one of the spaces that group digits: a space, a
// no-break space, a narrow no-break space (U+202F) or a thin space. Every
// language accepts them between groups of three digits, as SI and ISO 80000 do.
func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' }

// Read returns the value that a reader of the language with symbols s sees in
// digits, a number without sign, comparison or percent sign, such as "41,800" or
// "1 234,5". It reports false when digits is not a number of the language: a
// symbol the language does not use ("0.09" in Czech), digits grouped other than
// by three ("1,5" in English), or two decimal symbols ("2.2.0").
func (s Symbols) Read(digits string) (Value, bool) {
	var v Value
	intPart, frac := digits, ""
	if i := strings.Index(digits, s.Decimal); i >= 0 {
		intPart, frac = digits[:i], digits[i+len(s.Decimal):]
		if frac == "" || !allDigits(frac) {
			return v, false
		}
	}
	groups, ok := s.split(intPart)
	if !ok {
		return v, false
	}
	for i, g := range groups {
		if g == "" || !allDigits(g) || i > 0 && len(g) != 3 || len(groups) > 1 && len(groups[0]) > 3 {
			return v, false
		}
	}
	v.Int = strings.TrimLeft(strings.Join(groups, ""), "0")
	if v.Int == "" {
		v.Int = "0"
	}
	v.Frac = frac
	return v, true
}

// split cuts the integer part of a number at its group symbols: the language's
// own, or any of the spaces that group digits (but not both in one number).
func (s Symbols) split(intPart string) ([]string, bool) {
	if s.Group != "" && strings.Contains(intPart, s.Group) && !isSpaceSymbol(s.Group) {
		parts := strings.Split(intPart, s.Group)
		return parts, !strings.ContainsFunc(intPart, isSpace)
	}
	return strings.FieldsFunc(intPart, isSpace), !strings.HasPrefix(intPart, " ") && intPart != ""
}

func isSpaceSymbol(sym string) bool {
	r, size := utf8.DecodeRuneInString(sym)
	return size == len(sym) && isSpace(r)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Format writes v as the language writes it, its integer part grouped by three
// digits as x/text groups them: "41 800" in Czech, "41.800" in German.
func (s Symbols) Format(v Value) string {
	var b strings.Builder
	digits := v.Int
	if len(digits) > 3 {
		first := len(digits) % 3
		if first == 0 {
			first = 3
		}
		b.WriteString(digits[:first])
		for i := first; i < len(digits); i += 3 {
			b.WriteString(s.Group)
			b.WriteString(digits[i : i+3])
		}
	} else {
		b.WriteString(digits)
	}
	if v.Frac != "" {
		b.WriteString(s.Decimal)
		b.WriteString(v.Frac)
	}
	return b.String()
}

// FormatPercent writes v as a percentage in the language: "0,09 %" in Czech,
// "%0,09" in Turkish.
func (s Symbols) FormatPercent(v Value) string {
	return s.PercentBefore + s.Format(v) + s.PercentAfter
}

// Int writes a count as the language writes it: Int(41800) is "41 800" in Czech.
func (s Symbols) Int(n int) string {
	if n < 0 {
		return "-" + s.Int(-n)
	}
	return s.Format(Value{Int: strconv.Itoa(n)})
}
