package l10n

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	gotoml "github.com/pelletier/go-toml/v2"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

const (
	seedDir    = "../../notices/iqwebx-2017-11"
	localesDir = "../../locales"
)

func loadSeed(t *testing.T) (*notice.Notice, *Catalog) {
	t.Helper()
	n, err := notice.Load(seedDir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(project.Locales(localesDir))
	if err != nil {
		t.Fatal(err)
	}
	return n, c
}

func TestLocalizeSeed(t *testing.T) {
	n, c := loadSeed(t)
	tests := []struct {
		lang, date, title, step8 string
	}{
		{"en", "6 November 2017", "Urgent Field Safety Notice", "Copy the file to `<your iQ-WEBX installation directory>\\PACS\\php\\`."},
		{"it", "6 novembre 2017", "Informazioni Urgenti sulla Sicurezza", "Copiare il file in `<La vostra directory di installazione iQ-WEBX>\\PACS\\php\\`."},
		{"de", "6. November 2017", "Dringende Sicherheitsinformation", ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			ed, err := c.Localize(n, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := ed.FormatDate(n.Date.Time); got != tt.date {
				t.Errorf("date = %q, want %q", got, tt.date)
			}
			if got, _ := ed.Label("title"); got != tt.title {
				t.Errorf("title = %q, want %q", got, tt.title)
			}
			step8 := ed.Notice.Troubleshooting.Steps[7].Text
			if tt.step8 != "" && step8.Value != tt.step8 {
				t.Errorf("step 8 = %q, want %q", step8.Value, tt.step8)
			}
			if tt.lang != "en" && !strings.HasSuffix(step8.Pos.File, "iqwebx-2017-11."+tt.lang+".toml") {
				t.Errorf("step 8 comes from %v, want the %s locale file", step8.Pos, tt.lang)
			}
			if n.Troubleshooting.Steps[7].Text.Value == "" || strings.HasPrefix(n.Troubleshooting.Steps[7].Text.Value, "Copiare") {
				t.Error("localising changed the source notice")
			}
			notices := 0
			for _, id := range ed.Used() {
				if !strings.HasPrefix(id, "label:") {
					notices++
				}
			}
			if notices != len(n.Texts()) {
				t.Errorf("edition used %d notice messages, want %d", notices, len(n.Texts()))
			}
		})
	}
}

func TestPluralForms(t *testing.T) {
	n, c := loadSeed(t)
	tests := []struct {
		lang  string
		count int
		want  string
	}{
		{"en", 1, "The following medical device is or may be affected:"},
		{"en", 3, "The following 3 medical devices are or may be affected:"},
		{"it", 1, "Il seguente dispositivo medico è o potrebbe essere influenzato:"},
		{"de", 3, "Die folgenden 3 Medizinprodukte sind oder könnten betroffen sein:"},
	}
	for _, tt := range tests {
		ed, err := c.Localize(n, tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ed.Plural("devices-intro", tt.count)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s devices-intro(%d) = %q, want %q", tt.lang, tt.count, got, tt.want)
		}
	}
}

func TestMissingTranslationIsAnError(t *testing.T) {
	n, _ := loadSeed(t)
	dir := t.TempDir()
	fsntest.CopyTree(t, localesDir, dir)
	path := filepath.Join(dir, "it", "iqwebx-2017-11.it.toml")
	data, _ := os.ReadFile(path)
	// Drop step 8 of the troubleshooting procedure.
	start := strings.Index(string(data), "[iqwebx-2017-11.troubleshooting.steps.copy-file]")
	end := start + strings.Index(string(data[start:]), "\n\n")
	os.WriteFile(path, append(data[:start:start], data[end:]...), 0o644)

	c, err := Load(project.Locales(dir))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Localize(n, "it")
	if err == nil {
		t.Fatal("Localize built an Italian edition with a missing step")
	}
	msg := err.Error()
	for _, want := range []string{path, "it:", `"troubleshooting.steps.copy-file"`, "missing", "Copy the file"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	if _, err := c.Localize(n, "de"); err != nil {
		t.Errorf("German is complete but failed: %v", err)
	}
}

func TestMissingLabelIsAnError(t *testing.T) {
	n, _ := loadSeed(t)
	dir := t.TempDir()
	fsntest.CopyTree(t, localesDir, dir)
	path := filepath.Join(dir, "de", "labels.de.toml")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(data), "[labels.heading-contact]", "[labels.heading-contakt]", 1)), 0o644)
	c, err := Load(project.Locales(dir))
	if err != nil {
		t.Fatal(err)
	}
	ed, err := c.Localize(n, "de")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ed.Label("heading-contact")
	if err == nil || !strings.Contains(err.Error(), `de: label "heading-contact" is missing in `+path) {
		t.Errorf("error = %v, want it to name the language, the label and %s", err, path)
	}
}

func TestBadLocaleFiles(t *testing.T) {
	tests := []struct {
		name, file, content string
		want                string
	}{
		{"not TOML", "it/labels.it.toml", "[labels.title]\nother = \"Informazioni\n", "labels.it.toml:2:"},
		{"mixed keys", "it/labels.it.toml", "[labels.title]\nother = \"x\"\nfoo = { other = \"y\" }\n", "labels.it.toml: error: the locale file is not a go-i18n message file"},
		{"language mismatch", "it/labels.de.toml", "[labels.title]\nother = \"x\"\n", `the file name says language "de" but it is in folder "it"`},
		{"bad folder", "italiano/labels.it.toml", "[labels.title]\nother = \"x\"\n", `locale folder "italiano" is not a BCP 47 language tag`},
		{"nested too deep", "it/labels.it.toml", "[labels.title]\nother = " + strings.Repeat("[", 100_000), "labels.it.toml:2:41: error: arrays and tables are nested more than 32 deep"},
		{"not UTF-8", "it/labels.it.toml", "[labels.title]\nother = \"Inform\xffzioni\"\n", "labels.it.toml:2:16: error: byte 0xFF is not UTF-8"},
		{"message too long", "it/labels.it.toml", "[labels.title]\nother = \"" + strings.Repeat("x", 70_000) + "\"\n", `labels.it.toml:1:1: error: message "title" is 68.4 KiB long; a message may be at most 64 KiB`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tt.file)
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, []byte(tt.content), 0o644)
			_, err := Load(project.Locales(dir))
			if err == nil {
				t.Fatal("Load accepted a broken locale file")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
			if !diag.From(err).HasErrors() {
				t.Error("the error carries no diagnostic")
			}
		})
	}
}

func TestMessagePositions(t *testing.T) {
	f, err := ParseFile("x.it.toml", []byte("# comment\nx.plain = \"c\"\n[x.subject]\nother = \"a\"\n\n[x.troubleshooting.steps.open-php]\nhash = \"sha1-1\"\nother = \"b\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	for id, line := range map[string]int{"plain": 2, "subject": 3, "troubleshooting.steps.open-php": 6} {
		if m := f.Messages[id]; m == nil || m.Pos.Line != line {
			t.Errorf("message %s at %+v, want line %d", id, m, line)
		}
	}
}

func TestSourceHashMatchesGoi18n(t *testing.T) {
	// goi18n merge writes hash = sha1(description + other); this value was computed with sha1sum.
	text := &notice.Text{Description: "Header: subject of the notice", Value: "Running antivirus and Windows updates on iQ-WEBX servers"}
	if got, want := SourceHash(text), "sha1-22b5c10d99327d0bfd4a6ad20e71e32c4f302b56"; got != want {
		t.Errorf("SourceHash = %s, want %s", got, want)
	}
}

// TestLabelVariants gives the German labels a variant of "signed" for a female
// signatory: fsn uses it for a notice whose signatory.gender is female, and the
// label itself for any other signatory.
func TestLabelVariants(t *testing.T) {
	n, _ := loadSeed(t)
	dir := t.TempDir()
	fsntest.CopyTree(t, localesDir, dir)
	path := filepath.Join(dir, "de", "labels.de.toml")
	data, _ := os.ReadFile(path)
	variant := "\n[labels.signed-female]\ndescription = \"x\"\nother = \"Unterzeichnet von der Beauftragten\"\n"
	os.WriteFile(path, append(data, variant...), 0o644)
	c, err := Load(project.Locales(dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ gender, want string }{
		{"", "Unterschrift"},
		{"female", "Unterzeichnet von der Beauftragten"},
		{"male", "Unterschrift"}, // German has no variant for it
	} {
		n.Signatory.Gender = tt.gender
		ed, err := c.Localize(n, "de")
		if err != nil {
			t.Fatal(err)
		}
		if got, err := ed.Label("signed"); got != tt.want || err != nil {
			t.Errorf("gender %q: signed = %q, %v; want %q", tt.gender, got, err, tt.want)
		}
		if got, _ := ed.Label("digitally-signed"); got != "Digital signiert" {
			t.Errorf("gender %q: a label without a select became %q", tt.gender, got)
		}
	}
	if keys := LabelKeys("site-signed-by-male"); !slices.Equal(keys, LabelData["site-signed-by"]) {
		t.Errorf("the variant site-signed-by-male gets %q", keys)
	}
	ed, _ := c.Localize(n, "de")
	if _, err := ed.Label("signed-on", "Date", "6 November 2017", "Signer", "Mallory"); err == nil || !strings.Contains(err.Error(), `label "signed-on" gets no template data "Signer"`) {
		t.Errorf("data a label is not documented to get: %v", err)
	}
}

// BenchmarkReadFile measures reading one notice's translation, the file
// fsn check reads for every notice and language.
func BenchmarkReadFile(b *testing.B) {
	path := filepath.Join(localesDir, "it", "iqwebx-2017-11.it.toml")
	for b.Loop() {
		if _, err := ReadFile(path); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTOMLDecodersAgree decodes every TOML file of the repository's locales
// and test data with go-toml, which ParseFile tries first, and with
// BurntSushi/toml: the two give the same values, or go-toml refuses the file
// and BurntSushi/toml decodes it.
func TestTOMLDecodersAgree(t *testing.T) {
	var paths []string
	for _, root := range []string{localesDir, "testdata"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".toml") {
				paths = append(paths, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(paths) < 30 {
		t.Fatalf("only %d TOML files", len(paths))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var fast, std any
		fastErr, stdErr := gotoml.Unmarshal(data, &fast), toml.Unmarshal(data, &std)
		switch {
		case fastErr != nil:
			// refused: unmarshalTOML decodes it with BurntSushi/toml
		case stdErr != nil:
			t.Errorf("%s: go-toml reads it, BurntSushi/toml refuses it: %v", p, stdErr)
		case !reflect.DeepEqual(fast, std):
			t.Errorf("%s: go-toml decodes\n%v\nBurntSushi/toml\n%v", p, fast, std)
		}
	}
}

// TestParseFileFallsBackToBurntSushi parses files that go-toml refuses: one
// that BurntSushi/toml reads (a table defined by a dotted key, then by its
// header), and one that is not TOML, whose error is BurntSushi/toml's, at its
// line.
func TestParseFileFallsBackToBurntSushi(t *testing.T) {
	const path = "locales/it/labels.it.toml"
	newer := []byte("[labels]\ntitle.other = \"Avviso\"\n[labels.title]\nhash = \"sha1-x\"\n")
	if gotoml.Unmarshal(newer, new(any)) == nil {
		t.Fatal("go-toml reads the file: the test no longer tests the fallback")
	}
	f, err := ParseFile(path, newer)
	if err != nil {
		t.Fatal(err)
	}
	if m := f.Messages["title"]; m == nil || m.Other != "Avviso" || m.Hash != "sha1-x" {
		t.Errorf("the file gives %+v", f.Messages)
	}
	_, err = ParseFile(path, []byte("[labels.title]\nother = \"Avviso\"\nhash = \n"))
	if err == nil || !strings.Contains(err.Error(), path+":3:") || !strings.Contains(err.Error(), "not valid TOML") {
		t.Errorf("the broken file gives %v, want the error of line 3", err)
	}
}
