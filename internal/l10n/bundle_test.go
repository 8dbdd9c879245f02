package l10n

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/project"
)

// bundleCollisions loads every message file of the language folder dir into
// one go-i18n bundle, with go-i18n's own loader, as an application that uses
// the locales would, and returns each message that does not resolve there to
// its own text: one that another file's message of the same id replaced.
func bundleCollisions(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("%s holds no message file (%v)", dir, err)
	}
	bundle := i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	for _, p := range paths {
		if _, err := bundle.LoadMessageFile(p); err != nil {
			t.Fatalf("go-i18n cannot load %s: %v", p, err)
		}
	}
	lang := filepath.Base(dir)
	all := i18n.NewLocalizer(bundle, lang)
	var problems []string
	owner := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		own := i18n.NewBundle(language.English)
		own.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		mf, err := own.ParseMessageFileBytes(data, p)
		if err != nil {
			t.Fatal(err)
		}
		alone := i18n.NewLocalizer(own, lang)
		for _, m := range mf.Messages {
			if other, ok := owner[m.ID]; ok {
				problems = append(problems, fmt.Sprintf("%s: %q is in %s too", p, m.ID, other))
			}
			owner[m.ID] = filepath.Base(p)
			lc := &i18n.LocalizeConfig{MessageID: m.ID}
			if m.Zero+m.One+m.Two+m.Few+m.Many != "" {
				lc.PluralCount, lc.TemplateData = 2, map[string]any{"Count": 2}
			}
			want, werr := alone.Localize(lc)
			got, gerr := all.Localize(lc)
			if got != want || fmt.Sprint(gerr) != fmt.Sprint(werr) {
				problems = append(problems, fmt.Sprintf("%s: %q resolves to %q (%v) in the bundle of every file of %s, to %q (%v) in its own", p, m.ID, got, gerr, lang, want, werr))
			}
		}
	}
	return problems
}

// TestOneBundlePerLanguage loads every file of each language, the labels and
// each notice's translation, into one real go-i18n bundle: every message must
// resolve to its own text. Before messages were named after their file, the
// label "attention" and notice iqwebx-2017-11's "attention" had one id, and
// the label's text won.
func TestOneBundlePerLanguage(t *testing.T) {
	root := fsntest.Root(t)
	var dirs []string
	for _, pattern := range []string{"locales/*", "cmd/fsn/testdata/*/locales/*", "internal/*/testdata/*/locales/*"} {
		matches, _ := filepath.Glob(filepath.Join(root, pattern))
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.IsDir() {
				dirs = append(dirs, m)
			}
		}
	}
	if !slices.ContainsFunc(dirs, func(d string) bool { return strings.HasSuffix(d, filepath.Join("locales", "de")) }) {
		t.Fatalf("no German locale folder among %q", dirs)
	}
	for _, dir := range dirs {
		rel, _ := filepath.Rel(root, dir)
		t.Run(rel, func(t *testing.T) {
			for _, p := range bundleCollisions(t, dir) {
				t.Error(p)
			}
		})
	}
}

// TestBundleCollisionsFound checks that the test above can fail: two files
// of a language in the form before messages were named after their file, the
// labels and a notice both with "attention", collide in go-i18n, and fsn
// refuses both files, naming the message and the id it must have.
func TestBundleCollisionsFound(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "de")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "labels.de.toml"), []byte("[attention]\nother = \"Zu Händen\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "iqwebx-2017-11.de.toml"), []byte("[attention]\nother = \"Alle Betreiber\"\n"), 0o644)
	if problems := bundleCollisions(t, dir); len(problems) == 0 {
		t.Error("two files with the id attention gave no collision")
	}
	_, err := Load(project.Locales(filepath.Dir(dir)))
	for _, want := range []string{
		`labels.de.toml:1:1: error: message "attention" is not named after its file`, "rename it [labels.attention]",
		`iqwebx-2017-11.de.toml:1:1: error: message "attention" is not named after its file`, "rename it [iqwebx-2017-11.attention]",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Load: %v; want %q", err, want)
		}
	}
}
