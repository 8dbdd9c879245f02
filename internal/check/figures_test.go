package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
)

// infusia is the hardware notice whose battery pack has an image of its label.
const infusia = "infusia-ip7-2026-05"

// buildInfusia changes into a copy of the project that holds the hardware
// notice alone, edits its template with edit (when set) and builds it.
func buildInfusia(t *testing.T, edit func(string) string) error {
	t.Helper()
	t.Chdir(fsntest.CopyNoticeProject(t, infusia))
	if edit != nil {
		editFile(t, "templates/notice.md.tmpl", edit)
	}
	_, err := build.Run(build.Options{NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"})
	return err
}

// verifyInfusia runs fsn verify on the hardware notice in the current folder
// and returns the checks of its errors, sorted, and every finding as text.
func verifyInfusia(t *testing.T) ([]string, string) {
	t.Helper()
	r := verifyNotice(t, infusia)
	var ids []string
	var all strings.Builder
	for _, f := range r.Findings {
		if f.Severity == diag.Error {
			ids = append(ids, f.Check)
		}
		fmt.Fprintf(&all, "\n\t%s", f.Error())
	}
	slices.Sort(ids)
	return slices.Compact(ids), all.String()
}

// matchRecord makes the build record describe the file name of the edition
// of lang as it is now.
func matchRecord(t *testing.T, lang, name string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("out", infusia, name))
	if err != nil {
		t.Fatal(err)
	}
	recPath := filepath.Join("out", infusia, record.Name(infusia))
	rec, err := record.Read(recPath)
	if err != nil {
		t.Fatal(err)
	}
	f := rec.File(lang, name)
	if f == nil {
		t.Fatalf("the build record lists no %s in %s", name, lang)
	}
	*f = record.NewFile(name, data)
	out, err := rec.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, recPath, out)
}

// TestVerifyFigures builds the hardware notice, whose battery pack has an
// image, and breaks the image in one edition or in all of them: verify finds
// each image, with its alternative text and caption in the edition's
// language, in the Markdown, HTML and PDF editions, and the file beside the
// Markdown editions, whatever the templates and the record say.
func TestVerifyFigures(t *testing.T) {
	const image = infusia + ".bp7.label.png"
	tests := []struct {
		name     string
		template func(string) string
		edition  func(t *testing.T) // breaks the built editions
		want     []string
		says     string
	}{
		{"clean", nil, nil, nil, ""},
		{"template without the figures", func(s string) string {
			return strings.Replace(s, "{{figure $d .}}", "", 1)
		}, nil, []string{check.FigureMissing}, "en: the Markdown edition does not show the image notices/infusia-ip7-2026-05/images/bp7-label.png"},
		{"template with an alternative text of its own", func(s string) string {
			return strings.Replace(s, "{{figure $d .}}", "![A battery pack]("+image+` "Where to find the lot number on the BP-7 battery pack")`, 1)
		}, nil, []string{check.FigureMissing}, `de: the PDF edition does not show the image notices/infusia-ip7-2026-05/images/bp7-label.png with its alternative text "Das Etikett`},
		{"Markdown edition with another caption, record to match", nil, func(t *testing.T) {
			name := infusia + ".fr.md"
			editFile(t, filepath.Join("out", infusia, name), func(s string) string {
				return strings.Replace(s, `"Où trouver le numéro de lot sur la batterie BP-7"`, `"Where to find the lot number"`, 1)
			})
			matchRecord(t, "fr", name)
		}, []string{check.FigureMissing}, `fr: the Markdown edition shows the image notices/infusia-ip7-2026-05/images/bp7-label.png with the caption "Where to find the lot number", want "Où trouver`},
		{"HTML edition with another image, record to match", nil, func(t *testing.T) {
			name := infusia + ".de.html"
			editFile(t, filepath.Join("out", infusia, name), func(s string) string {
				return strings.Replace(s, `<img src="data:image/png;base64,`, `<img src="data:image/png;base64,AAAA`, 1)
			})
			matchRecord(t, "de", name)
		}, []string{check.FigureMissing}, "de: the HTML edition does not show the image"},
		{"image beside the Markdown editions replaced, record to match", nil, func(t *testing.T) {
			writeFile(t, filepath.Join("out", infusia, image), []byte("not the label"))
			for _, lang := range []string{"en", "de", "fr"} {
				matchRecord(t, lang, image)
			}
		}, []string{check.FigureMissing}, "en: the image the Markdown edition shows is not notices/infusia-ip7-2026-05/images/bp7-label.png"},
		{"image beside the Markdown editions replaced", nil, func(t *testing.T) {
			writeFile(t, filepath.Join("out", infusia, image), []byte("not the label"))
		}, []string{check.FigureMissing}, "the image the Markdown edition shows is not"},
		{"the notice's image changed after the build", nil, func(t *testing.T) {
			path := filepath.Join("notices", infusia, "images", "bp7-label.png")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, append(data, 0))
		}, []string{check.BuildStale}, "notices/infusia-ip7-2026-05/images/bp7-label.png: error[build-stale]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := buildInfusia(t, tt.template); err != nil {
				t.Fatal(err)
			}
			if tt.edition != nil {
				tt.edition(t)
			}
			ids, all := verifyInfusia(t)
			if !slices.Equal(ids, tt.want) {
				t.Errorf("verify finds %v, want %v%s", ids, tt.want, all)
			}
			if !strings.Contains(all, tt.says) {
				t.Errorf("verify does not say %q:%s", tt.says, all)
			}
		})
	}
}

// TestBuildRefusesAnUntranslatedFigure: an image's alternative text or
// caption missing from a translation stops the build, as every missing
// message does; no edition falls back to English.
func TestBuildRefusesAnUntranslatedFigure(t *testing.T) {
	for _, id := range []string{"devices.bp7.images.label.alt", "devices.bp7.images.label.caption"} {
		t.Run(id, func(t *testing.T) {
			t.Chdir(fsntest.CopyNoticeProject(t, infusia))
			path := filepath.Join("locales", "de", infusia+".de.toml")
			editFile(t, path, func(s string) string {
				return strings.Replace(s, "["+l10n.FileMessageID(infusia, id)+"]", "["+l10n.FileMessageID(infusia, id)+"-gone]", 1)
			})
			_, err := build.Run(build.Options{NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"})
			if err == nil || !strings.Contains(err.Error(), `de: message "`+id+`" is missing`) {
				t.Errorf("the build gives %v, want the missing message named", err)
			}
			if _, err := os.Stat("out"); !os.IsNotExist(err) {
				t.Errorf("the failed build left out/ behind: %v", err)
			}
		})
	}
}
