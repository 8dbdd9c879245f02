// Package tm is fsn's translation memory: the approved translations of every
// notice, searched for exact and fuzzy matches of a source text, and written to
// and read from TMX 1.4b, the format CAT tools exchange memories in.
//
// A Memory holds units, each a source text with its translation in one
// language and where the translation is. Lookup finds, for a source text, the
// units of a language whose source is the same text (an exact match, score
// 100) or a similar one (a fuzzy match). The score of a fuzzy match is a
// word-level edit-distance ratio:
//
//	score = 100 × (1 − d / max(n, m)), rounded down
//
// where n and m are the numbers of tokens of the two sources (words, and each
// punctuation mark), and d is the Levenshtein distance between the two token
// sequences: how many tokens must be inserted, deleted or replaced to turn one
// into the other. Tokens compare exactly, so a change of case or punctuation
// costs a token; only a source identical to the text but for white space is
// an exact match. Matches below MinScore are not offered.
//
// Lookup stays fast on a memory of many notices: it compares a text only with
// the units that share enough tokens with it to reach MinScore (found through
// an index of the tokens) and whose length allows it, computes the edit
// distance of at most MaxCompared of them (those sharing the most tokens), and
// only for texts of at most MaxTokens tokens, each comparison bounded by n × m.
package tm

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/fsn-tool/fsn/internal/diag"
)

// MinScore is the lowest score of a fuzzy match that Lookup offers.
const MinScore = 70

// MaxMatches is the most matches Lookup returns for one text.
const MaxMatches = 3

// MaxCompared is the most units whose edit distance Lookup computes for one
// text: those that share the most tokens with it.
const MaxCompared = 64

// MaxTokens is the longest text, in tokens, that is compared by edit
// distance; a longer text has exact matches only.
const MaxTokens = 300

// Unit is one approved translation.
type Unit struct {
	SourceLang, Lang string
	Source, Target   string
	// Notice is the message file the translation is in (a notice id), ID the message's id.
	Notice, ID string
	// Pos is where the translation is written.
	Pos diag.Pos
}

// Match is a unit that matches a text, with its score: 100 for an exact match.
type Match struct {
	*Unit
	Score int
	// Others counts further units with the same source and translation, in other places.
	Others int
}

// Memory is a translation memory. Its zero value is not ready; use New.
type Memory struct {
	langs map[string]*langMemory
}

// langMemory holds the units of one target language.
type langMemory struct {
	units  []*Unit
	tokens [][]string         // the tokens of each unit's source
	exact  map[string][]int   // by source with white space collapsed
	index  map[string][]int32 // token → the units whose source holds it, once each
}

// New returns an empty memory.
func New() *Memory { return &Memory{langs: map[string]*langMemory{}} }

// Add adds u to the memory.
func (m *Memory) Add(u *Unit) {
	lm := m.langs[u.Lang]
	if lm == nil {
		lm = &langMemory{exact: map[string][]int{}, index: map[string][]int32{}}
		m.langs[u.Lang] = lm
	}
	i := len(lm.units)
	toks := Tokens(u.Source)
	lm.units = append(lm.units, u)
	lm.tokens = append(lm.tokens, toks)
	key := collapse(u.Source)
	lm.exact[key] = append(lm.exact[key], i)
	if len(toks) <= MaxTokens {
		seen := map[string]bool{}
		for _, t := range toks {
			if !seen[t] {
				seen[t] = true
				lm.index[t] = append(lm.index[t], int32(i))
			}
		}
	}
}

// Units returns the units of every language, in the order they were added.
func (m *Memory) Units() []*Unit {
	var all []*Unit
	for _, lang := range slices.Sorted(maps.Keys(m.langs)) {
		all = append(all, m.langs[lang].units...)
	}
	return all
}

// Lookup returns the best matches of source among the units in lang, best
// first: exact matches, then fuzzy ones of at least MinScore, at most
// MaxMatches in all. Units for which skip returns true are left out (the
// message's own translation). Of units with the same source and translation,
// the first added is returned, and the others are counted in Others.
func (m *Memory) Lookup(lang, source string, skip func(*Unit) bool) []Match {
	lm := m.langs[lang]
	if lm == nil {
		return nil
	}
	scores := map[int]int{}
	for _, i := range lm.exact[collapse(source)] {
		scores[i] = 100
	}
	toks := Tokens(source)
	if len(toks) > 0 && len(toks) <= MaxTokens {
		shared := make([]int32, len(lm.units)) // distinct tokens in common, by unit
		var touched []int32
		seen := map[string]bool{}
		for _, t := range toks {
			if seen[t] {
				continue
			}
			seen[t] = true
			for _, i := range lm.index[t] {
				if shared[i] == 0 {
					touched = append(touched, i)
				}
				shared[i]++
			}
		}
		// d ≥ longest − shared and d ≥ |n − m|: a unit that cannot reach
		// MinScore by either bound is not compared.
		type candidate struct {
			i      int32
			shared int
		}
		var cands []candidate
		for _, i := range touched {
			n := int(shared[i])
			if _, ok := scores[int(i)]; ok {
				continue
			}
			other := lm.tokens[i]
			longest := max(len(toks), len(other))
			if n*100 < MinScore*longest || (longest-abs(len(toks)-len(other)))*100 < MinScore*longest {
				continue
			}
			cands = append(cands, candidate{i, n})
		}
		// The units sharing the most tokens are compared, at most MaxCompared.
		slices.SortFunc(cands, func(a, b candidate) int { return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.i, b.i)) })
		for _, c := range cands[:min(len(cands), MaxCompared)] {
			if s := Score(toks, lm.tokens[c.i]); s >= MinScore {
				scores[int(c.i)] = min(s, 99) // 100 is for the same text
			}
		}
	}
	type pair struct{ source, target string }
	best := map[pair]*Match{}
	var matches []*Match
	for _, i := range slices.Sorted(maps.Keys(scores)) {
		u := lm.units[i]
		if skip != nil && skip(u) {
			continue
		}
		k := pair{u.Source, u.Target}
		if b := best[k]; b != nil {
			b.Others++
			continue
		}
		mt := &Match{Unit: u, Score: scores[i]}
		best[k] = mt
		matches = append(matches, mt)
	}
	slices.SortStableFunc(matches, func(a, b *Match) int { return cmp.Compare(b.Score, a.Score) })
	var out []Match
	for _, mt := range matches[:min(len(matches), MaxMatches)] {
		out = append(out, *mt)
	}
	return out
}

// Score is the fuzzy score of two token sequences, from 0 to 100.
func Score(a, b []string) int {
	longest := max(len(a), len(b))
	if longest == 0 {
		return 100
	}
	return 100 * (longest - distance(a, b)) / longest
}

// distance is the Levenshtein distance between two token sequences, in
// O(len(a) × len(b)) time and O(len(b)) space.
func distance(a, b []string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag, prev := row[0], row[0]+1
		row[0] = prev
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur := min(row[j]+1, prev+1, diag+cost)
			diag, row[j], prev = row[j], cur, cur
		}
	}
	return row[len(b)]
}

// Tokens cuts s into the tokens the score compares: words (runs of letters,
// digits and marks) and each other character that is not white space.
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		if word {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
		if !unicode.IsSpace(r) {
			toks = append(toks, string(r))
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
