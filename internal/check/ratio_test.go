package check

import (
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// TestCheckRatios checks the length-ratio warning in a file whose translations
// usually run 1.1 times as long as their sources: a short heading may stray
// far from that, as headings do, a long paragraph may not.
func TestCheckRatios(t *testing.T) {
	tests := []struct {
		name  string
		n     int     // the source's length
		ratio float64 // the translation's
		warn  bool
	}{
		{"short heading much longer", 22, 2.5, false},
		{"short heading much shorter", 22, 0.4, false},
		{"short heading four times as long", 22, 4.5, true},
		{"paragraph much longer", 200, 2.5, true},
		{"paragraph much shorter", 200, 0.4, true},
		{"paragraph a little longer", 200, 1.6, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ratios []lengthRatio
			for i := 0; i < 6; i++ { // the file's usual ratio: 1.1
				ratios = append(ratios, lengthRatio{ratio: 1.1, n: 120, m: &l10n.Message{Message: &i18n.Message{ID: "usual"}}})
			}
			ratios = append(ratios, lengthRatio{ratio: tt.ratio, n: tt.n, m: &l10n.Message{Message: &i18n.Message{ID: "tested"}}})
			issues := checkRatios(ratios)
			warned := len(issues) == 1 && issues[0].m.ID == "tested"
			if warned != tt.warn || len(issues) > 1 {
				t.Errorf("source of %d characters, ratio %.1f: warnings %v, want warned %v", tt.n, tt.ratio, issues, tt.warn)
			}
		})
	}
}
