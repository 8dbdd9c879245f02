package check

import (
	"testing"

	"github.com/fsn-tool/fsn/internal/notice"
)

// TestBatches: takeBatch splits notices into runs of about readBatch translation files,
// in order, each notice in exactly one run and no run empty.
func TestBatches(t *testing.T) {
	langs := func(n int) []string { return make([]string, n) }
	for _, c := range []struct {
		name  string
		langs []int // of each notice
		want  []int // notices per batch
	}{
		{"none", nil, nil},
		{"one", []int{3}, []int{1}},
		{"three languages", repeat(3, 100), []int{32, 32, 32, 4}},
		{"27 languages", repeat(27, 10), []int{4, 4, 2}},
		{"more languages than a batch", []int{120, 2, 3}, []int{1, 2}},
	} {
		var ns []*notice.Notice
		for i, l := range c.langs {
			ns = append(ns, &notice.Notice{ID: string(rune('a' + i%26)), Languages: langs(l)})
		}
		var got []int
		seen := 0
		list := notice.Held(ns)
		for next := 0; next < list.Len(); {
			b, err := takeBatch(list, &next)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, len(b))
			for _, n := range b {
				if n != ns[seen] {
					t.Fatalf("%s: notice %d is out of order", c.name, seen)
				}
				seen++
			}
		}
		if seen != len(ns) || len(got) != len(c.want) {
			t.Errorf("%s: batches of %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: batches of %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}
