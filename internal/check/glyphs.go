package check

import (
	"github.com/fsn-tool/fsn/internal/render"
)

// Fonts makes c also check that the fonts of the PDF edition can draw every
// character of every text (the check glyph-missing), so that a character the
// PDF writer would refuse is reported at the message that holds it. It
// returns c.
func (c *Checker) Fonts(cov *render.Coverage) *Checker {
	c.coverage = cov
	return c
}

// glyphIssues returns an issue for each character of text that the PDF fonts
// cannot draw; none when c checks no fonts.
func glyphIssues(cov *render.Coverage, text string) []issue {
	if cov == nil {
		return nil
	}
	var out []issue
	for _, why := range cov.Missing(text) {
		out = append(out, issue{check: GlyphMissing, msg: "holds a character the PDF edition cannot draw: " + why})
	}
	return out
}
