package termbase

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
)

// How a term is found in a text (the rule docs/translators.md explains):
//
//   - texts and terms are cut into words, runs of letters, digits and marks;
//     everything else (spaces, punctuation, hyphens, apostrophes, Markdown)
//     separates words, so "all'interfaccia" holds "interfaccia" and
//     "Scan-Ausnahmen" holds "Scan";
//   - words are compared case-insensitively (Unicode case folding: "Straße"
//     and "STRASSE" are one word);
//   - the words of a term follow each other in the text, and the last word
//     of the term, or of each part of a term written with " … ", may go on
//     with more letters: "restart" finds "restarted", "Antivirenprogramm"
//     finds "Antivirenprogramms", "Warnung" finds "Warnungen";
//   - " … " in a term stands for up to MaxGap words between its parts, for the
//     verbs of German, Dutch or Hungarian whose parts the sentence separates:
//     "starten … neu" finds "Starten Sie den Server neu".
//
// Forms whose endings do not simply follow the term (Italian "avviso",
// "avvisi"; Czech "restartovat", "restartujte") are listed in the termbase as
// variants of the approved term, or the term is written as the stem the forms
// share ("restart" for Czech finds both).
const MaxGap = 8

// form is a term as the index matches it: its parts, each a run of words.
type form struct {
	term  *Term
	parts [][]string
}

// Index finds the terms of one language in texts. It is built once per
// language, and Find takes time linear in the length of the text.
type Index struct {
	lang string
	// byWord holds the forms whose first part has more than one word, by
	// their first word; byPrefix those whose first part is one word, which a
	// longer word of the text may begin with.
	byWord, byPrefix map[string][]*form
	// prefixLens are the lengths in bytes of byPrefix's keys, ascending: the
	// prefixes of a word worth looking up.
	prefixLens []int
}

// Hit is a term found in a text, from byte Start to End.
type Hit struct {
	Term       *Term
	Start, End int
}

// Index returns the index of the terms in lang, of every entry, untranslated
// ones included.
func (tb *Termbase) Index(lang string) *Index {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if ix, ok := tb.indexes[lang]; ok {
		return ix
	}
	ix := &Index{lang: lang, byWord: map[string][]*form{}, byPrefix: map[string][]*form{}}
	for _, e := range tb.Entries {
		for _, t := range e.Terms {
			if !SameLanguage(t.Lang, lang) {
				continue
			}
			f := &form{term: t}
			for _, part := range strings.Split(t.Text, "…") {
				var ws []string
				for _, w := range words(part) {
					ws = append(ws, w.text)
				}
				if len(ws) > 0 {
					f.parts = append(f.parts, ws)
				}
			}
			if first := f.parts[0][0]; len(f.parts[0]) == 1 {
				if _, ok := ix.byPrefix[first]; !ok && !slices.Contains(ix.prefixLens, len(first)) {
					ix.prefixLens = append(ix.prefixLens, len(first))
				}
				ix.byPrefix[first] = append(ix.byPrefix[first], f)
			} else {
				ix.byWord[f.parts[0][0]] = append(ix.byWord[f.parts[0][0]], f)
			}
		}
	}
	slices.Sort(ix.prefixLens)
	if tb.indexes == nil {
		tb.indexes = map[string]*Index{}
	}
	tb.indexes[lang] = ix
	return ix
}

// Find returns every term of the index found in text, in the order of their
// starts. A form is tried only at the words its first word can match, so the
// work grows with the text and the forms starting there, not with the termbase.
func (ix *Index) Find(text string) []Hit {
	ws := words(text)
	var hits []Hit
	try := func(fs []*form, i int) {
		for _, f := range fs {
			if end, ok := f.matchAt(ws, i); ok {
				hits = append(hits, Hit{Term: f.term, Start: ws[i].start, End: end})
			}
		}
	}
	for i, w := range ws {
		try(ix.byWord[w.text], i)
		for _, n := range ix.prefixLens {
			if n > len(w.text) {
				break
			}
			if n == len(w.text) || utf8.RuneStart(w.text[n]) {
				try(ix.byPrefix[w.text[:n]], i)
			}
		}
	}
	return hits
}

// matchAt reports whether f is found at the word ws[i], and the byte offset
// in the text where it ends.
func (f *form) matchAt(ws []word, i int) (int, bool) {
	at := i
	for p, part := range f.parts {
		if p > 0 { // a gap of up to MaxGap words before this part
			found := false
			for g := 0; g <= MaxGap && at+g < len(ws); g++ {
				if partAt(part, ws, at+g) {
					at, found = at+g, true
					break
				}
			}
			if !found {
				return 0, false
			}
		} else if !partAt(part, ws, at) {
			return 0, false
		}
		at += len(part)
	}
	return ws[at-1].end, true
}

// partAt reports whether the words of part are at ws[i:], the last one
// perhaps going on with more letters.
func partAt(part []string, ws []word, i int) bool {
	if i+len(part) > len(ws) {
		return false
	}
	for k, p := range part {
		w := ws[i+k].text
		if k == len(part)-1 {
			if !strings.HasPrefix(w, p) {
				return false
			}
		} else if w != p {
			return false
		}
	}
	return true
}

// word is a word of a text, case-folded, and where it is in the text.
type word struct {
	text       string
	start, end int
}

// words cuts s into its words.
func words(s string) []word {
	var fold *cases.Caser // made when a word needs it: a Caser is not safe for concurrent use
	var ws []word
	start, ascii := -1, true
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := s[start:end]
		switch {
		case ascii:
			w = strings.ToLower(w)
		default:
			if fold == nil {
				c := cases.Fold()
				fold = &c
			}
			w = fold.String(w)
		}
		ws = append(ws, word{text: w, start: start, end: end})
		start, ascii = -1, true
	}
	for i, r := range s {
		if r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			if start < 0 {
				start = i
			}
			continue
		}
		if r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			ascii = false
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return ws
}
