package check_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
)

// builtProject copies the project into a temporary folder, builds it there into
// out/ and returns the folder. The build runs in the folder, as a user runs
// fsn build in theirs, so the build record names the inputs relative to it.
func builtProject(t testing.TB) string {
	t.Helper()
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	if _, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// verifyProject runs fsn verify on the seed notice in the current folder.
func verifyProject(t testing.TB) *check.Report {
	t.Helper()
	return verifyNotice(t, fsntest.Seed)
}

// verifyNotice runs fsn verify on notice id in the current folder, as fsn
// verify does: with a catalog of the labels, Verify reading the translations.
func verifyNotice(t testing.TB, id string) *check.Report {
	t.Helper()
	n, err := notice.Load(filepath.Join("notices", id))
	if err != nil {
		t.Fatal(err)
	}
	r, err := check.Verify([]*notice.Notice{n}, labelsCatalog(t, "."), check.VerifyOptions{OutDir: "out", TemplatesDir: project.Templates("templates"), ReadTranslations: true})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestVerifyReadingTranslations checks that Verify finds the same with a
// catalog it reads notice by notice (fsn verify) as with one holding every
// file (fsn publish), forgets what it read, and still reports a locale file
// of no notice that does not parse, as l10n.Load does.
func TestVerifyReadingTranslations(t *testing.T) {
	builtProject(t)
	editFile(t, filepath.Join("locales", "it", fsntest.Seed+".it.toml"), func(s string) string {
		return strings.Replace(s, "LicGen.exe", "LicGen.ex", 1)
	})
	n, err := notice.Load(filepath.Join("notices", fsntest.Seed))
	if err != nil {
		t.Fatal(err)
	}
	full, err := l10n.Load(project.Locales("locales"))
	if err != nil {
		t.Fatal(err)
	}
	opts := check.VerifyOptions{OutDir: "out", TemplatesDir: project.Templates("templates")}
	want, err := check.Verify([]*notice.Notice{n}, full, opts)
	if err != nil {
		t.Fatal(err)
	}
	lazy := labelsCatalog(t, ".")
	opts.ReadTranslations = true
	got, err := check.Verify([]*notice.Notice{n}, lazy, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Findings) == 0 {
		t.Fatal("the changed translation gives no finding; the test proves nothing")
	}
	if !slices.Equal(findingTexts(got), findingTexts(want)) || !slices.Equal(got.Editions, want.Editions) {
		t.Errorf("reading the translations, Verify found\n%s\nread %v; with every file read\n%s\nread %v",
			strings.Join(findingTexts(got), "\n"), got.Editions, strings.Join(findingTexts(want), "\n"), want.Editions)
	}
	if f := lazy.File("it", fsntest.Seed); f != nil {
		t.Errorf("Verify kept %s in the catalog after verifying its notice", f.Path)
	}

	writeFile(t, filepath.Join("locales", "it", "other-notice.it.toml"), []byte("[other-notice.subject\n"))
	if _, err := check.Verify([]*notice.Notice{n}, labelsCatalog(t, "."), opts); err == nil || !strings.Contains(err.Error(), "other-notice.it.toml") {
		t.Errorf("Verify with a locale file of no notice that does not parse: %v, want an error naming it", err)
	}
}

func findingTexts(r *check.Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.Error())
	}
	return out
}

// renderPDF writes the PDF edition of lang in the project in dir from md, as a
// PDF writer that followed a broken Markdown edition would.
func renderPDF(t *testing.T, dir, lang string, md []byte) {
	t.Helper()
	tmpl, err := render.LoadTemplates(project.Templates(filepath.Join(dir, "templates")))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := render.PDF(render.Parse(md), render.PDFMeta{
		Lang: lang, Title: "test", Header: "test · IIS-FSN-2017-11", Date: time.Date(2017, 11, 6, 0, 0, 0, 0, time.UTC),
		PageLabel: func(page, pages int) (string, error) { return fmt.Sprintf("%d / %d", page, pages), nil },
	}, tmpl.PDFStyle)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "out", "iqwebx-2017-11", "iqwebx-2017-11."+lang+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyMutations(t *testing.T) {
	ms := mutations(t, "verify") // before builtProject leaves the package's folder
	built := builtProject(t)
	t.Run("clean", func(t *testing.T) {
		r := verifyProject(t)
		for _, f := range r.Findings {
			t.Errorf("a fresh build gives %s", f.Error())
		}
		if len(r.Editions) != 9 {
			t.Errorf("read %d editions, want 9: %v", len(r.Editions), r.Editions)
		}
	})
	for _, m := range ms {
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			fsntest.CopyTree(t, built, dir)
			t.Chdir(dir)
			m.apply(t, dir)
			m.compare(t, verifyProject(t), nil)
		})
	}
}

// TestBuildRunsTheChecks breaks a token of the Italian translation: fsn build
// must refuse it with the check's diagnostic and write nothing.
func TestBuildRunsTheChecks(t *testing.T) {
	dir := fsntest.CopyProject(t)
	readMutation(t, filepath.Join("testdata", "mutations", "check", "change-version.txt")).apply(t, dir)
	t.Chdir(dir)
	_, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"})
	if err == nil {
		t.Fatal("fsn build wrote editions of a translation that changed a version")
	}
	if !strings.Contains(err.Error(), `error[token-changed]: it: note troubleshooting/restore-deleted/resellers changed the version "2.2.0.6" into "2.2.0.7"`) {
		t.Errorf("the build's error does not carry the check's diagnostic:\n%v", err)
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("the failed build left out/ behind: %v", err)
	}
}

// BenchmarkVerify verifies the seed notice's editions, built unsigned.
func BenchmarkVerify(b *testing.B) {
	builtProject(b)
	for b.Loop() {
		verifyProject(b)
	}
}

// BenchmarkVerifySigned verifies the seed notice's editions with every PDF
// signed, as fsn verify reads a release, with the sources loaded once, as in a
// run over many notices: ns/edition is the time of one language's Markdown,
// HTML and PDF editions, as make bench-scale counts one.
func BenchmarkVerifySigned(b *testing.B) {
	dir := fsntest.CopyProject(b)
	b.Chdir(dir)
	if _, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test", Signer: fsntest.Signer(b, fsntest.Signatory)}); err != nil {
		b.Fatal(err)
	}
	n, err := notice.Load(filepath.Join("notices", fsntest.Seed))
	if err != nil {
		b.Fatal(err)
	}
	c, err := l10n.Load(project.Locales("locales"))
	if err != nil {
		b.Fatal(err)
	}
	editions := 0
	for b.Loop() {
		r, err := check.Verify([]*notice.Notice{n}, c, check.VerifyOptions{OutDir: "out", TemplatesDir: project.Templates("templates")})
		if err != nil {
			b.Fatal(err)
		}
		if errs := r.Errors(); len(errs) > 0 {
			b.Fatal(errs)
		}
		editions += len(r.Editions) / len(check.EditionFormats)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(editions), "ns/edition")
}

// TestVerifyStyleInputs builds with a logo and a font named in pdf.yaml: both
// are inputs of the build, so verify reports the editions stale once either
// changed, and a build record that does not list them (as one fsn wrote before
// it recorded them) stale as well.
func TestVerifyStyleInputs(t *testing.T) {
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	var logo bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 30, 10))
	if err := png.Encode(&logo, img); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "templates/logo.png", logo.Bytes())
	writeFile(t, "templates/fonts/regular.ttf", goregular.TTF)
	style, err := os.ReadFile("templates/pdf.yaml")
	if err != nil {
		t.Fatal(err)
	}
	style = bytes.Replace(style, []byte(`  regular: ""`), []byte(`  regular: fonts/regular.ttf`), 1)
	style = bytes.Replace(style, []byte(`  file: ""`), []byte(`  file: logo.png`), 1)
	writeFile(t, "templates/pdf.yaml", style)
	if _, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	built := t.TempDir()
	fsntest.CopyTree(t, dir, built)
	if fs := verifyProject(t).Findings; len(fs) > 0 {
		t.Fatalf("a fresh build with a logo and a font gives %s", fs[0].Error())
	}

	recPath := filepath.Join("out", "iqwebx-2017-11", "iqwebx-2017-11.build.json")
	rec, err := os.ReadFile(recPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		apply func(t *testing.T)
		file  string
	}{
		{"logo changed", func(t *testing.T) {
			img.Set(3, 3, color.White)
			logo.Reset()
			png.Encode(&logo, img)
			writeFile(t, "templates/logo.png", logo.Bytes())
		}, "templates/logo.png"},
		{"font changed", func(t *testing.T) { writeFile(t, "templates/fonts/regular.ttf", gobold.TTF) }, "templates/fonts/regular.ttf"},
		{"record without the logo", func(t *testing.T) {
			if bytes.Count(rec, []byte(`"name": "templates/logo.png"`)) != 1 {
				t.Fatalf("the build record does not list the logo once:\n%s", rec)
			}
			writeFile(t, recPath, bytes.Replace(rec, []byte(`"name": "templates/logo.png"`), []byte(`"name": "templates/old-logo.png"`), 1))
			writeFile(t, "templates/old-logo.png", logo.Bytes())
		}, "templates/logo.png"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			fsntest.CopyTree(t, built, dir)
			t.Chdir(dir)
			tt.apply(t)
			var stale []string
			for _, f := range verifyProject(t).Findings {
				if f.Check == check.BuildStale {
					stale = append(stale, f.Pos.File)
				}
			}
			if !slices.Contains(stale, tt.file) {
				t.Errorf("verify reports build-stale for %v, want %s", stale, tt.file)
			}
		})
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestVerifyDoesNotTrustTheRenderer breaks the lists of steps in the templates
// the editions are built with, or in an edition whose hashes the build record
// is made to match: verify must find every list the source notice has, from
// the source and its translations, whatever the templates and the record say.
func TestVerifyDoesNotTrustTheRenderer(t *testing.T) {
	const steps = "{{range $i, $s := .Steps}}"
	tests := []struct {
		name     string
		template func(string) string // breaks templates/notice.md.tmpl before the build
		edition  func(string) string // breaks the Italian Markdown edition after it
		want     []string
	}{
		{"template drops the troubleshooting steps", func(s string) string {
			return strings.Replace(s, "{{range .Intro}}\n{{.Text}}\n{{end}}"+steps, "{{range .Intro}}\n{{.Text}}\n{{end}}{{range $i, $s := slice .Steps 0 0}}", 1)
		}, nil, []string{check.ListMissing}},
		{"template drops every step", func(s string) string {
			return strings.ReplaceAll(s, steps, "{{range $i, $s := slice .Steps 0 0}}")
		}, nil, []string{check.ListMissing}},
		{"template drops the last troubleshooting step", func(s string) string {
			return strings.Replace(s, "{{end}}"+steps, "{{end}}{{range $i, $s := slice .Steps 0 (add (len .Steps) -2)}}", 1)
		}, nil, []string{check.StepCount}},
		{"template drops the groups from the box what to do, by when", func(s string) string {
			return strings.Replace(s, "{{range .Actions.Groups}}\n- **", "{{range slice .Actions.Groups 0 0}}\n- **", 1)
		}, nil, []string{check.ListMissing}},
		{"template writes a group's heading in the box what to do, by when, not its steps", func(s string) string {
			return strings.Replace(s, `{{plural "todo-steps" (len .Steps) "Heading" .Heading.Value}}`, `{{.Heading}}`, 1)
		}, nil, []string{check.ListMissing}},
		{"template drops a heading id", func(s string) string {
			return strings.Replace(s, `{{t "heading-troubleshooting"}} {#troubleshooting}`, `{{t "heading-troubleshooting"}}`, 1)
		}, nil, []string{check.ListMissing, check.StepCount}}, // the list is there, but under no heading of its own
		// A template that writes a heading id twice stops the build (render.TestDuplicateHeadingID);
		// a Markdown edition, which has no ids, with the heading of a list twice is found by verify.
		{"edition with a list's heading twice, record to match", nil, func(s string) string {
			return strings.Replace(s, "## Destinatario\n", "## Se il problema si verifica comunque\n", 1)
		}, []string{check.ListMissing}},
		{"edition with a list's heading renamed, record to match", nil, func(s string) string {
			return strings.Replace(s, "### Come operatore\n", "### Come utente\n", 1)
		}, []string{check.ListMissing, check.StepCount}}, // the list is there, but under no heading of its own
		{"template numbers a step the source lacks", func(s string) string {
			return strings.Replace(s, "{{t \"recipients-intro\"}}\n", "{{t \"recipients-intro\"}}\n\n1. Switch the device off.\n", 1)
		}, nil, []string{check.StepCount}},
		{"template adds a step to a list", func(s string) string {
			return strings.Replace(s, "{{end}}{{end}}{{range .Alternatives}}", "{{end}}\n{{add (len .Steps) 1}}. Switch the device off.\n{{end}}{{range .Alternatives}}", 1)
		}, nil, []string{check.StepCount}},
		{"template drops the notes", func(s string) string {
			return strings.ReplaceAll(s, "{{- range $s.Notes}}", "{{- range slice $s.Notes 0 0}}")
		}, nil, []string{check.StepCount, check.TokenMissing}},
		{"edition without the troubleshooting list, record to match", nil, func(s string) string {
			const heading = "### Se il problema si verifica comunque\n"
			start := strings.Index(s, heading)
			end := strings.Index(s[start:], "\n## ")
			return s[:start] + heading + s[start+end:]
		}, []string{check.ListMissing}},
		{"edition with two steps swapped, record to match", nil, func(s string) string {
			first := s[strings.Index(s, "1. Sul server"):]
			first = first[:strings.Index(first, "\n")]
			second := s[strings.Index(s, "2. Aprire"):]
			second = second[:strings.Index(second, "\n")]
			s = strings.Replace(s, first, "1."+second[2:], 1)
			return strings.Replace(s, second, "2."+first[2:], 1)
		}, []string{check.StepOrder}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fsntest.CopyProject(t)
			t.Chdir(dir)
			if tt.template != nil {
				editFile(t, "templates/notice.md.tmpl", tt.template)
			}
			if _, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test"}); err != nil {
				t.Fatal(err)
			}
			if tt.edition != nil {
				name := "iqwebx-2017-11.it.md"
				path := filepath.Join("out", "iqwebx-2017-11", name)
				editFile(t, path, tt.edition)
				data, _ := os.ReadFile(path)
				recPath := filepath.Join("out", "iqwebx-2017-11", record.Name("iqwebx-2017-11"))
				rec, err := record.Read(recPath)
				if err != nil {
					t.Fatal(err)
				}
				*rec.File("it", name) = record.NewFile(name, data)
				out, _ := rec.Marshal()
				writeFile(t, recPath, out)
			}
			var ids []string
			var all strings.Builder
			for _, f := range verifyProject(t).Findings {
				if f.Severity == diag.Error {
					ids = append(ids, f.Check)
				}
				fmt.Fprintf(&all, "\n\t%s", f.Error())
			}
			slices.Sort(ids)
			if ids = slices.Compact(ids); !slices.Equal(ids, tt.want) {
				t.Errorf("verify finds %v, want %v%s", ids, tt.want, all.String())
			}
		})
	}
}

// editFile replaces the content of the file at path with what edit makes of
// it, which must differ.
func editFile(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	broken := edit(string(data))
	if broken == string(data) {
		t.Fatalf("the edit does not change %s", path)
	}
	writeFile(t, path, []byte(broken))
}
