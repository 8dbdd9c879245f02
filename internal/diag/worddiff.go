package diag

import (
	"strings"
)

// maxDiffWords bounds the texts WordDiff compares word by word: beyond it, the
// comparison would take time and memory that grow with the product of the
// lengths, so the whole text is shown as replaced.
const maxDiffWords = 2000

// diffContext is how many unchanged words WordDiff shows on each side of a change.
const diffContext = 3

// WordDiff describes how the text new differs from old, word by word, in the
// form of git's --word-diff: removed words in [-…-], added ones in {+…+}, with
// a few unchanged words around each change and "…" for the rest:
//
//	Restart the server and then run [-an-]{+a full+} antivirus scan.
//
// It returns "" when the texts have the same words.
func WordDiff(old, new string) string {
	a, b := strings.Fields(old), strings.Fields(new)
	if len(a) > maxDiffWords || len(b) > maxDiffWords {
		return "[-" + Abbreviate(old, 80) + "-]{+" + Abbreviate(new, 80) + "+}"
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type piece struct {
		kind byte // '=', '-' or '+'
		word string
	}
	var pieces []piece
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			pieces = append(pieces, piece{'=', a[i]})
			i, j = i+1, j+1
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			pieces = append(pieces, piece{'+', b[j]})
			j++
		default:
			pieces = append(pieces, piece{'-', a[i]})
			i++
		}
	}
	// Show an unchanged word only near a change.
	near := make([]bool, len(pieces))
	changed := false
	for k, p := range pieces {
		if p.kind != '=' {
			changed = true
			for d := max(0, k-diffContext); d <= min(len(pieces)-1, k+diffContext); d++ {
				near[d] = true
			}
		}
	}
	if !changed {
		return ""
	}
	var out []string
	for k := 0; k < len(pieces); {
		p := pieces[k]
		if p.kind == '=' {
			if near[k] {
				out = append(out, p.word)
			} else if len(out) == 0 || out[len(out)-1] != "…" {
				out = append(out, "…")
			}
			k++
			continue
		}
		var removed, added []string
		for ; k < len(pieces) && pieces[k].kind != '='; k++ {
			if pieces[k].kind == '-' {
				removed = append(removed, pieces[k].word)
			} else {
				added = append(added, pieces[k].word)
			}
		}
		var change string
		if len(removed) > 0 {
			change += "[-" + strings.Join(removed, " ") + "-]"
		}
		if len(added) > 0 {
			change += "{+" + strings.Join(added, " ") + "+}"
		}
		out = append(out, change)
	}
	return strings.Join(out, " ")
}
