package build

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

// europeanLetters are, for each language a European notice goes out in (the
// 24 official languages of the EU, Icelandic, Norwegian Bokmål and Turkish),
// the letters beyond ASCII that its readers need, capitals among them: what
// its PDF edition must carry through to a reader's copy and paste.
var europeanLetters = map[string]string{
	"bg": "БбВвГгДдЖжЗзИиЙйЛлПпФфЦцЧчШшЩщЪъЬьЮюЯя",
	"cs": "ÁáČčĎďÉéĚěÍíŇňÓóŘřŠšŤťÚúŮůÝýŽž",
	"da": "ÆæØøÅå",
	"de": "ÄäÖöÜüß",
	"el": "ΑαΒβΓγΔδΘθΛλΞξΠπΣσςΦφΨψΩωΆάΈέΉήΊίΌόΎύΏώϊΐϋΰ",
	"en": "",
	"es": "ÁáÉéÍíÑñÓóÚúÜü¿¡",
	"et": "ÕõÄäÖöÜüŠšŽž",
	"fi": "ÄäÖöÅå",
	"fr": "ÀàÂâÇçÉéÈèÊêËëÎîÏïÔôŒœÙùÛûŸÿ«»",
	"ga": "ÁáÉéÍíÓóÚú",
	"hr": "ČčĆćĐđŠšŽž",
	"hu": "ÁáÉéÍíÓóÖöŐőÚúÜüŰű",
	"is": "ÁáÐðÉéÍíÓóÚúÝýÞþÆæÖö",
	"it": "ÀàÈèÉéÌìÒòÙù",
	"lt": "ĄąČčĘęĖėĮįŠšŲųŪūŽž",
	"lv": "ĀāČčĒēĢģĪīĶķĻļŅņŠšŪūŽž",
	"mt": "ĊċĠġĦħŻżÀàÈèÌìÒòÙù",
	"nb": "ÆæØøÅå",
	"nl": "ÉéËëÏïÓóÖö",
	"pl": "ĄąĆćĘęŁłŃńÓóŚśŹźŻż",
	"pt": "ÁáÂâÃãÀàÇçÉéÊêÍíÓóÔôÕõÚú",
	"ro": "ĂăÂâÎîȘșȚț",
	"sk": "ÁáÄäČčĎďÉéÍíĹĺĽľŇňÓóÔôŔŕŠšŤťÚúÝýŽž",
	"sl": "ČčŠšŽž",
	"sv": "ÅåÄäÖö",
	"tr": "ÇçĞğİıÖöŞşÜü",
}

// TestEveryLanguage builds the seed notice in every language of
// europeanLetters, with the labels fsn ships and placeholder translations of
// the notice's texts: each is its English source after a word of the
// language's letters, so that its tokens, steps and links stay as fsn check
// wants them. fsn check must find nothing, fsn verify nothing, and the text of
// each PDF edition, read back with pdftotext, must hold the language's letters,
// its title and its date as the shipped labels write them, and its Markdown
// edition must show on GitHub without fsn's heading ids (checkOnForge). A
// language without a shipped labels file fails the test.
func TestEveryLanguage(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is not installed; .ci/run installs it")
		}
		t.Skip("pdftotext is not installed")
	}
	cmark := cmarkGFM(t)
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	// The placeholder translations keep the English words, so the termbase's
	// approved terms are missing from them; internal/check tests the termbase.
	if err := os.Remove(filepath.Join("locales", "terms.tbx")); err != nil {
		t.Fatal(err)
	}
	noticeFile := filepath.Join("notices", "iqwebx-2017-11", notice.FileName)
	n, err := notice.Load(filepath.Dir(noticeFile))
	if err != nil {
		t.Fatal(err)
	}
	langs := []string{"en"}
	for _, lang := range sortedKeys(europeanLetters) {
		if lang == "en" {
			continue
		}
		labels := filepath.Join("locales", lang, "labels."+lang+".toml")
		if _, err := os.Stat(labels); err != nil {
			t.Errorf("%s: fsn ships no labels for it: %s is missing", lang, labels)
			continue
		}
		writePlaceholders(t, n, lang)
		langs = append(langs, lang)
	}
	data, err := os.ReadFile(noticeFile)
	if err != nil {
		t.Fatal(err)
	}
	listed := "languages: [" + strings.Join(n.Languages, ", ") + "]"
	if !strings.Contains(string(data), listed) {
		t.Fatalf("%s does not list its languages as %q", noticeFile, listed)
	}
	os.WriteFile(noticeFile, []byte(strings.Replace(string(data), listed, "languages: ["+strings.Join(langs, ", ")+"]", 1)), 0o644)

	n, err = notice.Load(filepath.Dir(noticeFile))
	if err != nil {
		t.Fatal(err)
	}
	c, err := l10n.Load(project.Locales("locales"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range check.New(c).Check([]*notice.Notice{n}, nil).Findings {
		if f.Waiver == "" {
			t.Errorf("fsn check: %s", f.Error())
		}
	}
	if _, err := Run(Options{NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"}); err != nil {
		t.Fatalf("fsn build: %v", err)
	}
	r, err := check.Verify([]*notice.Notice{n}, c, check.VerifyOptions{OutDir: "out", TemplatesDir: project.Templates("templates")})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Waiver == "" {
			t.Errorf("fsn verify: %s", f.Error())
		}
	}
	if len(r.Editions) != 3*len(langs) {
		t.Errorf("fsn verify read %d editions, want %d", len(r.Editions), 3*len(langs))
	}

	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			checkOnForge(t, cmark, filepath.Join("out", n.ID, n.ID+"."+lang+".md"))
			pdf := filepath.Join("out", n.ID, n.ID+"."+lang+".pdf")
			out, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", pdf, err)
			}
			text := squeeze(string(out))
			ed, err := c.Localize(n, lang)
			if err != nil {
				t.Fatal(err)
			}
			title, _ := ed.Label("title")
			date, _ := ed.FormatDate(n.Date.Time)
			for what, want := range map[string]string{"the letters": marker(lang), "the title": title, "the date": date} {
				if !strings.Contains(text, squeeze(want)) {
					t.Errorf("the text of %s lacks %s %q", pdf, what, want)
				}
			}
		})
	}
}

// marker is the word that begins each placeholder translation into lang.
func marker(lang string) string {
	if europeanLetters[lang] == "" {
		return ""
	}
	return lang + europeanLetters[lang]
}

// writePlaceholders writes the placeholder translation of n into lang, with
// the hash of each source text.
func writePlaceholders(t *testing.T, n *notice.Notice, lang string) {
	t.Helper()
	var updates []l10n.Update
	var order []string
	for _, text := range n.Texts() {
		updates = append(updates, l10n.Update{Message: &i18n.Message{
			ID: text.ID, Description: text.Description, Hash: l10n.SourceHash(text), Other: marker(lang) + " " + text.Value,
		}})
		order = append(order, text.ID)
	}
	header := fmt.Sprintf("# A placeholder translation of notice %s into %s, written by TestEveryLanguage.\n", n.ID, lang)
	path := filepath.Join("locales", lang, n.ID+"."+lang+".toml")
	if err := os.WriteFile(path, l10n.UpdateFile(n.ID, []byte(header), updates, order), 0o644); err != nil {
		t.Fatal(err)
	}
}

// squeeze drops the white space of s, where pdftotext and the PDF's line breaks differ.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
