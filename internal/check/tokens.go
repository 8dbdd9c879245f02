package check

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/notice"
)

// A token is a part of a text that every translation must carry unchanged: a
// number or version, a product or person name, a term the notice marks as not to
// translate, a file name or path, an e-mail address, a URL, a phone number or a
// template placeholder.
type token struct {
	kind       string // what the token is, for messages: "version", "file name", …
	text       string // as written
	key        string // what two tokens are compared by
	start, end int
	qty        *quantity // what a reader of the text's language reads in a number; nil for other tokens
}

// The kinds of tokens. Tokens of the same group can be told apart from one
// another, so a lost token with a new one of its group in its place is a change.
const (
	kindNumber      = "number"
	kindVersion     = "version"
	kindProduct     = "product name"
	kindTerm        = "untranslatable term"
	kindName        = "name"
	kindIdentifier  = "identifier"
	kindPhone       = "phone number"
	kindEmail       = "e-mail address"
	kindURL         = "URL"
	kindPath        = "path"
	kindFile        = "file name"
	kindPlaceholder = "placeholder"
)

// group returns the group of a kind of token.
func group(kind string) string {
	switch kind {
	case kindVersion:
		return kindNumber
	case kindFile:
		return kindPath
	}
	return kind
}

// pattern finds the tokens of one kind that any text may hold, whatever its notice.
type pattern struct {
	kind string
	re   *regexp.Regexp
	// seed returns the index in s of the first place at or after which a match
	// of re may begin or that every match holds (a digit, an "@"), or -1 when s
	// holds none: re runs only on texts with a seed.
	seed func(s string) int
	// run, when set, holds every character a match of re may have, and re looks
	// at nothing outside its match but, with \b, whether the characters next to
	// it are ASCII letters, digits or "_", which no character outside run is. A
	// match is then within the run of such characters around a seed, and re runs
	// on those runs alone, not on the whole text.
	run func(r rune) bool
}

// findAll returns the index pairs of the matches of p in s, as
// p.re.FindAllStringIndex(s, -1) does.
func (p pattern) findAll(s string) [][]int {
	if p.seed(s) < 0 {
		return nil
	}
	if p.run == nil {
		return p.re.FindAllStringIndex(s, -1)
	}
	var out [][]int
	for i := 0; i < len(s); {
		j := p.seed(s[i:])
		if j < 0 {
			break
		}
		start, end := i+j, i+j
		for start > i {
			r, size := utf8.DecodeLastRuneInString(s[i:start])
			if !p.run(r) {
				break
			}
			start -= size
		}
		for end < len(s) {
			r, size := utf8.DecodeRuneInString(s[end:])
			if !p.run(r) {
				break
			}
			end += size
		}
		if end == i+j { // the seed is no character of a match: step over it
			end++
		}
		for _, m := range p.re.FindAllStringIndex(s[start:end], -1) {
			out = append(out, []int{start + m[0], start + m[1]})
		}
		i = end
	}
	return out
}

// seedString returns a pattern's seed that finds the string lit.
func seedString(lit string) func(string) int {
	return func(s string) int { return strings.Index(s, lit) }
}

// seedDigit finds an ASCII digit, which every number holds.
func seedDigit(s string) int { return strings.IndexAny(s, "0123456789") }

// seedExtension finds a full stop followed by a letter, as the extension of a
// file name is; under (?i), ſ and the Kelvin sign K match s and k.
func seedExtension(s string) int {
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '.')
		if j < 0 {
			return -1
		}
		i += j + 1
		if r, _ := utf8.DecodeRuneInString(s[i:]); r < utf8.RuneSelf && unicode.IsLetter(r) || r == 'ſ' || r == 'K' {
			return i - 1
		}
	}
}

// fileRune is what a file name is made of: the characters of (?i)[\w.-].
func fileRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' || r == '-') || r == 'ſ' || r == 'K'
}

// emailRune is what an e-mail address is made of.
func emailRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._%+-@", r))
}

// numberRune is what a number is made of: digits, separators, the spaces
// that group digits or come before a percent sign, and comparisons.
func numberRune(r rune) bool {
	return '0' <= r && r <= '9' || strings.ContainsRune(".,:% \u00a0\u202f\u2009≤≥±<>=", r)
}

// patterns find the tokens of any text. Where two tokens overlap, the one that
// starts first wins, then the longer one, then the vocabulary's, then the one
// earlier in this list.
var patterns = []pattern{
	{kindPlaceholder, regexp.MustCompile(`\{\{[^{}]*\}\}`), seedString("{{"), nil},
	{kindURL, regexp.MustCompile(`(?i)\b(?:https?|ftp)://[^\s<>"'()\[\]{}` + "`" + `]+`), seedString("://"), nil},
	{kindEmail, regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`), seedString("@"), emailRune},
	// An absolute Windows path: a space may occur in a folder name, not in the last part.
	{kindPath, regexp.MustCompile(`\b[A-Za-z]:\\(?:[^\\\s<>"` + "`" + `]+(?: [^\\\s<>"` + "`" + `]+)*\\)*[^\\\s<>"` + "`" + `]*`), seedString(`:\`), nil},
	// A path below a folder that the text names in angle brackets: <iQ-WEBX directory>\PACS\php\.
	{kindPath, regexp.MustCompile(`<[^<>\n]+>(?:[\\/][^\\/\s<>"` + "`" + `]+)+[\\/]?`), seedString("<"), nil},
	{kindPath, regexp.MustCompile(`(?:^|[\s(])(?:/[\w.-]+){2,}/?`), seedString("/"), nil},
	{kindFile, regexp.MustCompile(`(?i)\b[\w-]+(?:\.[\w-]+)*\.(?:exe|dll|sys|msi|bat|cmd|ps1|sh|ini|cfg|conf|log|txt|xml|json|ya?ml|toml|zip|php|js|html?|pdf|csv|db|dcm|jar|lic|key)\b`), seedExtension, fileRune},
	{kindPhone, regexp.MustCompile(`\+\d{1,3}(?:[ \x{a0}./-]?\(?\d{1,5}\)?){2,}`), seedString("+"), nil},
	// A number grouped by spaces, as Czech, French or Polish write it: 41 800, 1 234,5.
	{kindNumber, regexp.MustCompile(numberPrefix + `\d{1,3}(?:[ \x{a0}\x{202f}\x{2009}]\d{3})+(?:[.,]\d+)?` + numberSuffix), seedDigit, numberRune},
	// A number, with the comparison that makes it a range (≤ 6.4.5) or a percent sign.
	{kindNumber, regexp.MustCompile(numberPrefix + `\d+(?:[.,:]\d+)*` + numberSuffix), seedDigit, numberRune},
}

// numberPrefix and numberSuffix are what a number may carry before and after its
// digits: a comparison (≤ 6.4.5), the percent sign of Turkish (%0,09) and of
// the other languages (0.09%, 0,09 %).
const (
	numberPrefix = `(?:(?:[≤≥±]|<=|>=|[<>])[ \x{a0}\x{202f}]?)?%?`
	numberSuffix = `(?:[ \x{a0}\x{202f}]?%)?`
)

// vocabulary holds the tokens that a notice itself names: its devices, versions,
// untranslatable terms, people, organisations and contact details.
type vocabulary struct {
	words []token // text, kind and key
	// src is the language the source texts are written in, which reads their numbers.
	src language.Tag
	// versionNumbers are the numbers within the notice's versions and identifiers
	// ("6.4.5" of "≤ 6.4.5"): where a text names one, it is a version, not a quantity.
	versionNumbers map[string]bool
}

// newVocabulary collects the tokens named by n, and the terms untranslated
// that the termbase adds to the notice's own; n may be nil for texts, such as
// the templates' labels, that belong to no notice.
func newVocabulary(n *notice.Notice, untranslated []string) *vocabulary {
	v := &vocabulary{src: language.English, versionNumbers: map[string]bool{}}
	seen := map[string]bool{}
	add := func(kind, text string) {
		text = collapseSpace(text)
		if text == "" || seen[text] {
			return
		}
		seen[text] = true
		v.words = append(v.words, token{kind: kind, text: text, key: tokenKey(kind, text)})
		if kind == kindVersion || kind == kindIdentifier || kind == kindTerm {
			for _, p := range patterns {
				if p.kind == kindNumber {
					for _, num := range p.re.FindAllString(text, -1) {
						if strings.ContainsAny(num, ".,") { // a whole number reads the same in every language
							v.versionNumbers[bareNumber(num)] = true
						}
					}
				}
			}
		}
	}
	if n == nil {
		for _, t := range untranslated {
			add(termKind(t), t)
		}
		return v
	}
	if tag, err := language.Parse(n.SourceLanguage); err == nil {
		v.src = tag
	}
	for _, d := range n.Devices {
		add(kindProduct, d.Name)
		add(kindVersion, d.Version)
		for _, id := range append([]string{d.UDIDI, d.Model}, append(d.Lots.Values(), d.Serials.Values()...)...) {
			add(kindIdentifier, id)
		}
	}
	for _, t := range append(slices.Clip(n.Untranslatable), untranslated...) {
		add(termKind(t), t)
	}
	for _, id := range []string{n.Reference, n.Follows, n.Manufacturer.SRN} {
		add(kindIdentifier, id)
	}
	for _, name := range []string{n.Manufacturer.Name, n.Contact.Organisation.Name, n.SafetyOfficer.Name, n.Contact.Name, n.Signatory.Name} {
		add(kindName, name)
	}
	for _, p := range []string{n.Contact.Phone, n.Contact.Fax, n.Contact.Mobile} {
		add(kindPhone, p)
	}
	add(kindEmail, n.Contact.Email)
	return v
}

// termKind says what an untranslatable term is: a file name or a path when it
// looks like one, so that messages about it say so.
func termKind(term string) string {
	for _, p := range patterns {
		if p.kind != kindNumber && p.re.FindString(term) == term {
			return p.kind
		}
	}
	return kindTerm
}

// tokens returns the tokens of s, a text without markup, in order. Of tokens that
// overlap, the one that starts first wins, then the longer one, then a word of
// the vocabulary before a pattern.
func (v *vocabulary) tokens(s string) []token {
	var cands []token
	for _, w := range v.words {
		for i := 0; ; {
			j := strings.Index(s[i:], w.text)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(w.text)
			if isBoundary(s, start, end) {
				t := w
				t.start, t.end = start, end
				cands = append(cands, t)
			}
			i = start + 1
		}
	}
	for _, p := range patterns {
		for _, m := range p.findAll(s) {
			start, end := m[0], trimTokenEnd(s, m[0], m[1])
			start = end - len(strings.TrimLeft(s[start:end], " \t\n(")) // the Unix path pattern's leading space
			if start >= end || (p.kind == kindNumber && !isBoundary(s, start, end) && !isOrdinal(s, start, end)) {
				continue
			}
			text := s[start:end]
			cands = append(cands, token{kind: p.kind, text: text, key: tokenKey(p.kind, text), start: start, end: end})
		}
	}
	// Stable sort keeps the vocabulary before the patterns at equal spans.
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].start != cands[j].start {
			return cands[i].start < cands[j].start
		}
		return cands[i].end > cands[j].end
	})
	var out []token
	end := 0
	for _, c := range cands {
		if c.start >= end {
			if c.kind == kindNumber && (v.versionNumbers[bareNumber(c.text)] || len(out) > 0 && namesVersion(s, out[len(out)-1], c)) {
				c.kind = kindVersion
			}
			out = append(out, c)
			end = c.end
		}
	}
	return out
}

// namesVersion reports whether the number n follows the product or term prev
// after one space, as a version does: "iQ-4VIEW 2.0".
func namesVersion(s string, prev, n token) bool {
	gap := s[prev.end:n.start]
	return (prev.kind == kindProduct || prev.kind == kindTerm) && (gap == " " || gap == "\u00a0" || gap == "\u202f")
}

// isBoundary reports whether s[start:end] is a whole token: not part of a longer
// word or number. A hyphen may join it to a word, as German does: "iQ-X-Lizenz".
func isBoundary(s string, start, end int) bool {
	first, _ := utf8.DecodeRuneInString(s[start:])
	last, _ := utf8.DecodeLastRuneInString(s[:end])
	if start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		if (r == '.' || r == ',') && unicode.IsDigit(first) {
			if p, _ := utf8.DecodeLastRuneInString(s[:start-size]); unicode.IsDigit(p) {
				return false // "2.2.0" in "1.2.2.0"
			}
		}
	}
	if end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
		if (r == '.' || r == ',') && unicode.IsDigit(last) {
			if n, _ := utf8.DecodeRuneInString(s[end+size:]); unicode.IsDigit(n) {
				return false // "2.2.0" in "2.2.0.6"
			}
		}
	}
	return true
}

// trimTokenEnd drops the sentence punctuation that a pattern may have taken with
// a token: the full stop after a URL or a path at the end of a sentence.
func trimTokenEnd(s string, start, end int) int {
	for end > start && strings.ContainsRune(".,;:!?)'\"", rune(s[end-1])) {
		if s[end-1] == ')' && strings.Count(s[start:end], "(") >= strings.Count(s[start:end], ")") {
			break
		}
		end--
	}
	return end
}

var (
	folderNamed     = regexp.MustCompile(`<[^<>]*>`)
	comparisonSpace = regexp.MustCompile(`^([≤≥±<>]=?)[ \x{a0}\x{202f}]`)
)

// tokenKey is what tokens are compared by: a phone number by its digits, a path
// with its placeholder folder left out, a range without the space after ≤.
func tokenKey(kind, text string) string {
	switch kind {
	case kindPhone:
		return strings.Map(func(r rune) rune {
			if r == '+' || unicode.IsDigit(r) {
				return r
			}
			return -1
		}, text)
	case kindPath:
		return folderNamed.ReplaceAllString(text, "<…>")
	case kindPlaceholder:
		return strings.Join(strings.Fields(text), "")
	case kindNumber, kindVersion:
		text = comparisonSigns.Replace(text)
		return comparisonSpace.ReplaceAllString(text, "$1")
	}
	return collapseSpace(text)
}

// comparisonSigns writes the two-character comparisons of a number as one sign.
var comparisonSigns = strings.NewReplacer("<=", "≤", ">=", "≥")

// collapseSpace turns every run of white space, non-breaking ones included, into one space.
func collapseSpace(s string) string {
	if !needsCollapse(s) {
		return s // as most texts are
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if collapsible(r) {
			pending = true
		} else {
			if pending && b.Len() > 0 {
				b.WriteByte(' ')
			}
			pending = false
			b.WriteString(s[i : i+size]) // as written, a byte that is not UTF-8 too
		}
		i += size
	}
	return strings.TrimSpace(b.String())
}

// needsCollapse reports whether collapseSpace changes s: a white space other
// than one space between two other characters, or white space at either end.
func needsCollapse(s string) bool {
	prevSpace := true // at the start, any space is trimmed
	for _, r := range s {
		if collapsible(r) {
			if prevSpace || r != ' ' {
				return true
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	if prevSpace {
		return s != ""
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(first) || unicode.IsSpace(last)
}

// collapsible reports whether collapseSpace collapses r: ASCII white space
// (as \s reads it, so not \v) and the no-break, narrow no-break and thin spaces.
func collapsible(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r', '\u00a0', '\u202f', '\u2009':
		return true
	}
	return false
}
