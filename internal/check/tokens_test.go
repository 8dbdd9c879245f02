package check

import (
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// pieces are what the texts of TestPatternsFindAsTheirExpressions are made
// of: the characters and words that start, end, join or break tokens.
var pieces = []string{
	"a", "Z", "é", "ſ", "K", "_", "-", ".", ",", ":", ";", "%", "+", "@", "/", `\`, "<", ">", "=", "(", ")",
	"{", "}", "{{", "}}", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u00a0", "\u202f", "\u2009", "\u3000",
	"≤", "≥", "±", "0", "1", "2", "41 800", "6.4.5", "C:", "://", "http", "exe", "EXE", ".pdf", "key",
	"mail", ".com", "x@y.it", "+39", "\xff", "\xe2\x80", "LicGen.exe", "/usr/lib", "<iQ-WEBX directory>",
}

// patternTexts returns the texts of the shipped locales and of random mixes of pieces.
func patternTexts(t *testing.T) []string {
	var texts []string
	paths, err := filepath.Glob(filepath.Join("..", "..", "locales", "*", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		f, err := l10n.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range f.Messages {
			texts = append(texts, m.Other, parseMarkup(m.Other).plain)
		}
	}
	r := rand.New(rand.NewPCG(15, 6))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		texts = append(texts, b.String())
	}
	return texts
}

// TestPatternsFindAsTheirExpressions checks that a pattern, which runs its
// expression only where a match can be, finds what the expression finds in
// the whole text.
func TestPatternsFindAsTheirExpressions(t *testing.T) {
	texts := patternTexts(t)
	for i, p := range patterns {
		for _, s := range texts {
			if got, want := p.findAll(s), p.re.FindAllStringIndex(s, -1); !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("pattern %d (%s) finds %v in %q, its expression %v", i, p.kind, got, s, want)
			}
		}
	}
}

// TestCollapseSpace checks collapseSpace against what it does: every run of
// \s, U+00A0, U+202F and U+2009 becomes one space, and the ends are trimmed.
func TestCollapseSpace(t *testing.T) {
	runs := regexp.MustCompile(`[\s\x{a0}\x{202f}\x{2009}]+`)
	for _, s := range patternTexts(t) {
		if got, want := collapseSpace(s), strings.TrimSpace(runs.ReplaceAllString(s, " ")); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// markdownPieces are what the texts of TestSafetyShortcuts are made of: the
// Markdown that opens and closes blocks, attributes and characters to refuse.
var markdownPieces = []string{
	"a", "é", " ", "  ", "    ", "\n", "\n\n", "\r\n", "\t", "- ", "* ", "1. ", "> ", "# ", "## ", "---", "===",
	"```", "~~~", "``", "`", "<", ">", "<!--", "-->", "<div>", "</div>", "<script>", "<?", "![a](b)", "[a]: b",
	"|", "| a |\n|---|\n", "{", "}", "{#x}", "{.c}", "{{.Count}}", "\\", "&amp;", "\x00", "\x1b", "\x7f",
	"\u200b", "\u200d", "\u202e", "\u00ad", "\uFFFD", "\xff", "\u0928", "\U000E0041",
}

// TestSafetyShortcuts checks that the safety checks, which skip a text that
// cannot hold what they look for, find what they find when they parse or scan
// every text.
func TestSafetyShortcuts(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 5))
	texts := patternTexts(t)
	for range 20000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(markdownPieces[r.IntN(len(markdownPieces))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		if got, want := unclosedBlock(s), unclosedBlockParsed(s); got != want {
			t.Errorf("unclosedBlock(%q) = %q, parsed %q", s, got, want)
		}
		if got, want := attributeSyntax(s), attributeSyntaxParsed(s); got != want {
			t.Errorf("attributeSyntax(%q) = %q, parsed %q", s, got, want)
		}
		if got, want := characterIssues(s), characterIssuesOf(s); !slices.Equal(got, want) {
			t.Errorf("characterIssues(%q) = %v, of every character %v", s, got, want)
		}
	}
}
