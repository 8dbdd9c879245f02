package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/render"
)

// builtProject copies the project into a temporary folder, builds it there into
// out/ and returns the folder. The build runs in the folder, as a user runs
// fsn build in theirs, so the build record names the inputs relative to it.
func builtProject(t testing.TB) string {
	t.Helper()
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	if _, err := build.Run(build.Options{NoticesDir: "notices", LocalesDir: "locales", TemplatesDir: "templates", OutDir: "out", Version: "test"}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// verifyProject runs fsn verify in the current folder.
func verifyProject(t testing.TB) *check.Report {
	t.Helper()
	n, err := notice.Load(filepath.Join("notices", "iqwebx-2017-11"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := l10n.Load("locales")
	if err != nil {
		t.Fatal(err)
	}
	r, err := check.Verify([]*notice.Notice{n}, c, check.VerifyOptions{OutDir: "out", TemplatesDir: "templates"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// renderPDF writes the PDF edition of lang in the project in dir from md, as a
// PDF writer that followed a broken Markdown edition would.
func renderPDF(t *testing.T, dir, lang string, md []byte) {
	t.Helper()
	tmpl, err := render.LoadTemplates(filepath.Join(dir, "templates"))
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
	_, err := build.Run(build.Options{NoticesDir: "notices", LocalesDir: "locales", TemplatesDir: "templates", OutDir: "out", Version: "test"})
	if err == nil {
		t.Fatal("fsn build wrote editions of a translation that changed a version")
	}
	if !strings.Contains(err.Error(), `error[token-changed]: it: note troubleshooting/restore-deleted/resellers changed the number "2.2.0.6" into "2.2.0.7"`) {
		t.Errorf("the build's error does not carry the check's diagnostic:\n%v", err)
	}
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("the failed build left out/ behind: %v", err)
	}
}

func BenchmarkVerify(b *testing.B) {
	builtProject(b)
	for b.Loop() {
		verifyProject(b)
	}
}
