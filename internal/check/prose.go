package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The heuristics on prose below compare a translation with its source. They give
// warnings only, and they err on the side of silence: a warning on a correct
// translation teaches people to ignore warnings.

// tokenMark stands for a token other than a number in a masked text.
const tokenMark = '\uE000'

// maskTokens replaces every number of s with a "0" and every other token with
// tokenMark, so that the dots inside versions, paths and addresses do not end
// sentences, while a full stop after a name still does, and so that tokens do
// not count as words of prose.
func maskTokens(s string, tokens []token) string {
	var b strings.Builder
	last := 0
	for _, t := range tokens {
		b.WriteString(s[last:t.start])
		if group(t.kind) == kindNumber {
			b.WriteByte('0')
		} else {
			b.WriteRune(tokenMark)
		}
		last = t.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// abbreviations end with a full stop that does not end a sentence, in the
// languages of the EU; they are compared in lower case.
var abbreviations = map[string]bool{
	"bzw": true, "ggf": true, "evtl": true, "usw": true, "inkl": true, "vgl": true, "ca": true, "nr": true,
	"str": true, "dr": true, "hr": true, "fr": true, "sog": true, "bspw": true, "ecc": true, "sig": true,
	"dott": true, "pag": true, "etc": true, "mr": true, "mrs": true, "ms": true, "vs": true, "approx": true,
	"no": true, "st": true, "abs": true, "mme": true, "cf": true, "art": true, "tel": true, "fig": true,
}

// sentenceCount is how many sentences a text has: at least min, and max when
// every full stop that may end a sentence does. A full stop after a number ends
// a sentence in English and marks an ordinal in German ("17. September"); one
// after an abbreviation may do both ("… usw. Dann"). Two texts are told to have
// a different number of sentences only when their ranges do not meet, so that a
// careful translation never gets the warning.
type sentenceCount struct{ min, max int }

// meets reports whether the two counts can be the same.
func (c sentenceCount) meets(o sentenceCount) bool { return c.min <= o.max && o.min <= c.max }

func (c sentenceCount) String() string {
	if c.min == c.max {
		return fmt.Sprint(c.min)
	}
	return fmt.Sprintf("%d to %d", c.min, c.max)
}

// sentences counts the sentences of a masked text. A sentence ends with ".", "!",
// "?" or "…" followed by white space and a capital letter, or by the end of the
// text. A full stop after a number, after one letter ("z. B.", "Lot A.") or after
// a known abbreviation may end one (see fullStop).
func sentences(s string) sentenceCount {
	s = strings.TrimSpace(s)
	if s == "" {
		return sentenceCount{}
	}
	n := sentenceCount{1, 1}
	for i, r := range s {
		if !strings.ContainsRune(".!?…。！？", r) {
			continue
		}
		rest := s[i+utf8.RuneLen(r):]
		next := strings.TrimLeft(rest, " \u00a0")
		if len(next) == len(rest) || next == "" {
			continue // no space after it, or the end of the text
		}
		next = strings.TrimLeft(next, "\"'«»„“”‘’¿¡(")
		if c, _ := utf8.DecodeRuneInString(next); !unicode.IsUpper(c) {
			continue
		}
		switch {
		case r != '.' || fullStop(s[:i]) == endsSentence:
			n.min++
			n.max++
		case fullStop(s[:i]) == mayEndSentence:
			n.max++
		}
	}
	return n
}

// What a full stop does, as fullStop tells.
const (
	endsSentence   = iota
	mayEndSentence // after a number, one letter or an abbreviation
)

// fullStop tells whether a full stop after before ends a sentence: it does after
// a word of two letters or more, a token, a closing quote or bracket, and an
// identifier of letters and digits ("lot L2519."); it may after a number, one
// letter or a known abbreviation.
func fullStop(before string) int {
	last, _ := utf8.DecodeLastRuneInString(before)
	if last == tokenMark || strings.ContainsRune(")]\"'»”’`", last) {
		return endsSentence
	}
	word := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })+1:]
	hasLetter, hasDigit := strings.IndexFunc(word, unicode.IsLetter) >= 0, strings.IndexFunc(word, unicode.IsDigit) >= 0
	switch {
	case hasLetter && hasDigit:
		return endsSentence // an identifier
	case hasLetter && utf8.RuneCountInString(word) >= 2 && !abbreviations[strings.ToLower(word)]:
		return endsSentence
	}
	return mayEndSentence
}

// lastWord returns the letters at the end of s.
func lastWord(s string) string {
	return s[strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
}

// endPunctuation returns the punctuation a text ends with, after closing quotes
// and brackets, or "" when it ends without any. Full-width forms count as theirs.
// A full stop after an abbreviation or one letter ("Tel.", Bulgarian "2027 г.")
// gives "" and abbreviation true: it also ends a sentence when one ends there.
func endPunctuation(s string) (punct string, abbreviation bool) {
	s = strings.TrimRight(s, " \u00a0\"'»”’)]`*_")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.':
		before := s[:len(s)-1]
		if lastWord(before) != "" && fullStop(before) == mayEndSentence {
			return "", true
		}
		return ".", false
	case '。':
		return ".", false
	case ':', '：':
		return ":", false
	case '?', '？':
		return "?", false
	case '!', '！':
		return "!", false
	case ';', '；':
		return ";", false
	case '…':
		return "…", false
	}
	return "", false
}

// sameEnd reports whether texts ending with src and tr, as endPunctuation
// returns them, end alike: a full stop of an abbreviation counts as either.
func sameEnd(src string, srcAbbreviation bool, tr string, trAbbreviation bool) bool {
	return src == tr || (srcAbbreviation && tr == ".") || (trAbbreviation && src == ".")
}

// words returns the words of s: runs of letters and digits, with inner hyphens and apostrophes.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
	})
}

// proseWords counts the words of a masked text that have two letters or more:
// a text without at least two is a name or a code, which a translation may keep.
func proseWords(s string) int {
	n := 0
	for _, w := range words(s) {
		letters := 0
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters >= 2 {
			n++
		}
	}
	return n
}

// validDoubles are words that a language's grammar repeats: German "die die"
// (relative pronoun and article) and "Sie sie" (you, them), French "nous nous",
// Dutch "dat dat".
var validDoubles = map[string]map[string]bool{
	"de": {"die": true, "der": true, "das": true, "dem": true, "den": true, "des": true, "sie": true},
	"nl": {"dat": true, "die": true},
	"fr": {"nous": true, "vous": true},
	"en": {"had": true, "that": true},
}

// doubledWords returns the words that s repeats with only white space between
// them ("il il"), except those lang's grammar repeats.
func doubledWords(s string, lang language.Tag) []string {
	base, _ := lang.Base()
	valid := validDoubles[base.String()]
	var found []string
	prevWord, prevEnd := "", -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		w := s[i:j]
		if prevEnd >= 0 && strings.TrimSpace(s[prevEnd:i]) == "" && strings.EqualFold(w, prevWord) && !valid[strings.ToLower(w)] {
			found = append(found, w)
		}
		prevWord, prevEnd, i = w, j, j
	}
	return found
}

// ordinalDotLanguages write an ordinal number with a full stop ("1. prosince",
// "2026. december 1."), so a full stop after a number need not end a sentence.
var ordinalDotLanguages = map[string]bool{
	"cs": true, "da": true, "de": true, "et": true, "fi": true, "hr": true, "hu": true, "is": true,
	"lv": true, "nb": true, "no": true, "nn": true, "sk": true, "sl": true, "sr": true, "bs": true, "tr": true,
}

// punctuationOfGrammar reports whether a translation that ends with end,
// where the source ends with no punctuation, does so because its grammar asks
// for it, not because a sentence was added or run on: the ordinal full stop after
// a number (a date pattern such as Hungarian "2026. december 1."), or a colon
// that introduces what follows a one-word joining label ("concerning" becomes
// Turkish "ilgili ürün:"). Both are masked texts.
func punctuationOfGrammar(lang language.Tag, src, tr, end string) bool {
	if p, _ := endPunctuation(src); p != "" {
		return false
	}
	switch end {
	case ".":
		base, _ := lang.Base()
		before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(strings.TrimRight(tr, " \u00a0"), "."))
		return ordinalDotLanguages[base.String()] && (before == tokenMark || unicode.IsDigit(before))
	case ":":
		return len(words(src)) == 1
	}
	return false
}
