// Package hyph finds where a word may be hyphenated, by Liang's algorithm
// (Franklin Liang, "Word Hy-phen-a-tion by Com-put-er", 1983), the one of TeX,
// with the hyph-utf8 project's TeX patterns for the languages whose patterns
// are under the MIT licence: patterns/hyph-*.pat.txt, each with its licence
// and copyright in hyph-*.lic.txt beside it, unchanged.
package hyph

import (
	"bytes"
	"embed"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns
var files embed.FS

// fileOf names the pattern file of each language (a BCP 47 primary subtag):
// German in the 1996 orthography, British English.
var fileOf = map[string]string{
	"de": "de-1996", "en": "en-gb", "es": "es", "fr": "fr", "it": "it", "pl": "pl",
}

// Hyphenator hyphenates the words of one language.
type Hyphenator struct {
	patterns    map[string][]byte // letters → the values between and around them
	longest     int               // the most letters of a pattern
	left, right int               // the fewest letters before and after a hyphen
}

var (
	loaded = map[string]*Hyphenator{}
	mu     sync.Mutex
)

// For returns the hyphenator of the language of tag, such as "it" or "de-AT",
// or nil when fsn has no patterns for it.
func For(tag string) *Hyphenator {
	lang, _, _ := strings.Cut(strings.ToLower(tag), "-")
	name, ok := fileOf[lang]
	if !ok {
		return nil
	}
	mu.Lock()
	defer mu.Unlock()
	if h, ok := loaded[name]; ok {
		return h
	}
	pat, err1 := files.ReadFile("patterns/hyph-" + name + ".pat.txt")
	lic, err2 := files.ReadFile("patterns/hyph-" + name + ".lic.txt")
	if err1 != nil || err2 != nil {
		panic("hyph: the embedded patterns of " + name + " are missing")
	}
	h := parse(pat)
	h.left, h.right = hyphenMins(lic)
	loaded[name] = h
	return h
}

// parse reads patterns, one a line: letters with a digit between some of
// them ("a1ia", ".anti1"; "." is the word's edge). The keys are slices of one
// string and the values of one array, so that the 35,000 German patterns
// cost two allocations, not 70,000.
func parse(data []byte) *Hyphenator {
	type span struct{ key, keyEnd, val, valEnd, letters int }
	var keys, vals []byte
	var spans []span
	for line := range bytes.Lines(data) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '%' {
			continue
		}
		sp := span{key: len(keys), val: len(vals)}
		vals = append(vals, 0)
		for _, r := range string(line) {
			if r >= '0' && r <= '9' {
				vals[len(vals)-1] = byte(r - '0')
				continue
			}
			keys = utf8.AppendRune(keys, r)
			vals = append(vals, 0)
			sp.letters++
		}
		sp.keyEnd, sp.valEnd = len(keys), len(vals)
		spans = append(spans, sp)
	}
	all := string(keys)
	h := &Hyphenator{patterns: make(map[string][]byte, len(spans))}
	for _, sp := range spans {
		h.patterns[all[sp.key:sp.keyEnd]] = vals[sp.val:sp.valEnd:sp.valEnd]
		h.longest = max(h.longest, sp.letters)
	}
	return h
}

// minPattern reads the left and right hyphenmins of a pattern file's header.
var minPattern = regexp.MustCompile(`(?m)^%\s+(left|right):\s+(\d+)`)

// hyphenMins returns the header's fewest letters before and after a hyphen
// (2 and 3 when it gives none).
func hyphenMins(header []byte) (left, right int) {
	left, right = 2, 3
	for _, m := range minPattern.FindAllSubmatch(header, 2) {
		n, _ := strconv.Atoi(string(m[2]))
		if string(m[1]) == "left" {
			left = n
		} else {
			right = n
		}
	}
	return left, right
}

// Points returns the places where word may be hyphenated, as counts of its
// letters before each hyphen, in increasing order. A word with anything but
// letters, such as a digit, has none, and so has a name written with a
// capital inside ("VitaFlow", "iQ"), which the patterns do not know.
func (h *Hyphenator) Points(word string) []int {
	for i, r := range []rune(word) {
		if !unicode.IsLetter(r) && r != '\'' && r != '’' || i > 0 && unicode.IsUpper(r) {
			return nil
		}
	}
	letters := []rune(strings.ToLower(word))
	if len(letters) < h.left+h.right {
		return nil
	}
	w := "." + string(letters) + "."
	at := make([]int, 0, len(letters)+3) // the byte offset of each letter of w, and its end
	for i := range w {
		at = append(at, i)
	}
	at = append(at, len(w))
	values := make([]byte, len(at))
	for i := 0; i+1 < len(at); i++ {
		for j := i + 1; j < len(at) && j-i <= h.longest; j++ {
			if v, ok := h.patterns[w[at[i]:at[j]]]; ok {
				for k, x := range v {
					values[i+k] = max(values[i+k], x)
				}
			}
		}
	}
	var points []int
	for n := h.left; n <= len(letters)-h.right; n++ {
		if values[n+1]%2 == 1 { // between letter n and n+1 of word (w has the edge first)
			points = append(points, n)
		}
	}
	return points
}
