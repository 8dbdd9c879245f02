package render

import (
	"fmt"
	"strings"
	"testing"
)

// longWord is a word of n characters with no place to break it but where it
// must: the worst case of line breaking.
func longWord(n int) []textSpan {
	return []textSpan{{text: "Overlong " + strings.Repeat("x", n) + " word."}}
}

// TestLayoutLinear checks that breaking a word many lines long costs work in
// proportion to its length: four times the text may take about four times the
// allocations, not sixteen. It counts allocations, which do not depend on the
// machine, rather than timing the layout.
func TestLayoutLinear(t *testing.T) {
	w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
	allocs := func(n int) float64 {
		spans := longWord(n)
		return testing.AllocsPerRun(3, func() { w.layout(spans, 120, 10) })
	}
	small, large := allocs(2000), allocs(8000)
	if w.err != nil {
		t.Fatal(w.err)
	}
	if ratio := large / small; ratio > 6 {
		t.Errorf("laying out a word of 8,000 characters takes %.0f allocations, %.1f times as many as one of 2,000 (%.0f); the layout is not linear", large, ratio, small)
	}
}

// BenchmarkLongWord lays out single words of growing length: the time per
// operation must grow in proportion to the length.
func BenchmarkLongWord(b *testing.B) {
	for _, n := range []int{4_000, 16_000, 64_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			th, problems := DefaultPDFStyle().theme()
			if len(problems) > 0 {
				b.Fatal(problems)
			}
			w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), th)
			spans := longWord(n)
			for b.Loop() {
				w.layout(spans, 120, 10)
			}
			if w.err != nil {
				b.Fatal(w.err)
			}
		})
	}
}
