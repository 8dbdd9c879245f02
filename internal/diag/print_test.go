package diag

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// TestPrint checks that a long list is cut after MaxPrinted lines with the
// number of those left out, and that a short one is printed whole.
func TestPrint(t *testing.T) {
	for _, n := range []int{3, MaxPrinted, MaxPrinted + 1, 10_000} {
		var l List
		for i := range n {
			l.Errorf(Pos{File: "f", Line: i + 1}, "fault")
		}
		var b bytes.Buffer
		Print(&b, l)
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		want := min(n, MaxPrinted)
		if n > MaxPrinted {
			want++
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, "… and "+strconv.Itoa(n-MaxPrinted)+" more") {
				t.Errorf("%d diagnostics: last line %q", n, last)
			}
		}
		if len(lines) != want {
			t.Errorf("%d diagnostics print %d lines, want %d", n, len(lines), want)
		}
	}
}
