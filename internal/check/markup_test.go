package check

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// TestPlainParagraph checks parseMarkup's way around goldmark: every text it
// takes for a plain paragraph parses so in goldmark too. The texts are those
// of the repository's locale files, and random lines of letters, spaces and
// the characters that start Markdown.
func TestPlainParagraph(t *testing.T) {
	var texts []string
	err := filepath.WalkDir(filepath.Join("..", "..", "locales"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".toml") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := l10n.ParseFile(p, data)
		if err != nil {
			return err
		}
		for _, m := range f.Messages {
			texts = append(texts, m.Zero, m.One, m.Two, m.Few, m.Many, m.Other)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "aZ é 1.-+=*_`[]()<>!&#;~|\\\t\n\u00a0\u2028:/@"
	runes := []rune(alphabet)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		texts = append(texts, b.String())
	}
	texts = append(texts, "1. one", "- item", "+ item", "    code", "Title\n===", "a  ", "\u00a0", "a\u0000b", "ok.", "Warning!")
	plain := 0
	for _, s := range texts {
		if !isPlainParagraph(s) {
			continue
		}
		plain++
		if got, want := parseMarkup(s), parseMarkdown(s); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: parseMarkup gives %+v, goldmark %+v", s, got, want)
		}
	}
	if plain < len(texts)/20 {
		t.Errorf("only %d of %d texts are plain paragraphs", plain, len(texts))
	}
}
