package diag

import (
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"word added", "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.",
			"… and then run [-an-]{+a full+} antivirus scan."},
		{"word removed at the start", "Please restart the server.", "Restart the server.", "[-Please restart-]{+Restart+} the server."},
		{"same words", "Restart  the server.", "Restart the\nserver.", ""},
		{"far apart", "one two three four five six seven eight nine ten eleven", "one two three four five six seven eight nine ten twelve",
			"… eight nine ten [-eleven-]{+twelve+}"},
		{"two changes", "Check lot L2403 and replace it by 30 September 2026 at the latest please.", "Check lot L2519 and replace it by 31 October 2026 at the latest please.",
			"Check lot [-L2403-]{+L2519+} and replace it by [-30 September-]{+31 October+} 2026 at the …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := WordDiff(tt.old, tt.new); got != tt.want {
				t.Errorf("WordDiff(%q, %q)\n got %q\nwant %q", tt.old, tt.new, got, tt.want)
			}
		})
	}
}

// TestWordDiffHuge compares texts too long to compare word by word: the whole
// text is shown as replaced, at once.
func TestWordDiffHuge(t *testing.T) {
	long := strings.Repeat("word ", 100000)
	got := WordDiff(long, long+"more")
	if !strings.HasPrefix(got, "[-word") || len(got) > 400 {
		t.Errorf("WordDiff of huge texts = %q…", Abbreviate(got, 100))
	}
}
