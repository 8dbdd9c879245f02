package check_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
)

// TestEditionTakesWhatCheckKept checks that a Checker that keeps its reports
// gives each edition what its Check found there, the same findings, not
// found again, and the same errors as a Checker that checks the edition itself.
func TestEditionTakesWhatCheckKept(t *testing.T) {
	m := readMutation(t, filepath.Join("testdata", "mutations", "check", "change-version.txt"))
	dir := fsntest.CopyProject(t)
	m.apply(t, dir)
	c, err := l10n.Load(project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Load(filepath.Join(dir, "notices", "iqwebx-2017-11"))
	if err != nil {
		t.Fatal(err)
	}
	keeper := check.New(c).KeepReports()
	checked := keeper.Check([]*notice.Notice{n}, nil)
	for _, lang := range n.Languages {
		kept, fresh := keeper.Edition(n, lang), check.New(c).Edition(n, lang)
		if got, want := kept.Errors().Error(), fresh.Errors().Error(); got != want {
			t.Errorf("%s: the kept report gives the errors\n%s\na fresh check\n%s", lang, got, want)
		}
		for _, f := range kept.Findings {
			if f.Lang == lang && f.Pos.File != n.File && !slices.Contains(checked.Findings, f) {
				t.Errorf("%s: Edition found %s again rather than take what Check found", lang, f.Error())
			}
		}
		if lang == "it" && len(kept.Errors()) == 0 {
			t.Errorf("it: the changed version gives no error")
		}
	}
}

// TestVerifyTakesTheBuildsSignatures checks that Verify, told which PDFs the
// build signed and verified (as fsn publish tells it), finds in a signed build
// what it finds when it verifies every signature itself, and still verifies a
// PDF whose bytes are not those the build signed.
func TestVerifyTakesTheBuildsSignatures(t *testing.T) {
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	signer := fsntest.Signer(t, fsntest.Signatory)
	res, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test", Signer: signer})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Signed) != 3 {
		t.Fatalf("the build reports %d PDFs signed, want 3", len(res.Signed))
	}
	verify := func(signed map[string]bool) []string {
		n, err := notice.Load(filepath.Join("notices", "iqwebx-2017-11"))
		if err != nil {
			t.Fatal(err)
		}
		c, err := l10n.Load(project.Locales("locales"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := check.Verify([]*notice.Notice{n}, c, check.VerifyOptions{OutDir: "out", TemplatesDir: project.Templates("templates"),
			RequireSignature: true, Signed: signed, SignedBy: signer.Certificate()})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range r.Findings {
			out = append(out, f.Error())
		}
		return out
	}
	if got, want := verify(res.Signed), verify(nil); !slices.Equal(got, want) {
		t.Errorf("told what the build signed, verify finds\n%v\nverifying every signature\n%v", got, want)
	}
	path := filepath.Join("out", "iqwebx-2017-11", "iqwebx-2017-11.it.pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("stream"))
	if i < 0 {
		t.Fatal("the PDF has no stream to change")
	}
	data[i+20] ^= 0x55 // within the first stream, which the signature covers
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	got, want := verify(res.Signed), verify(nil)
	if !slices.Equal(got, want) {
		t.Errorf("told what the build signed, verify finds in a changed PDF\n%v\nverifying every signature\n%v", got, want)
	}
	if !slices.ContainsFunc(got, func(f string) bool { return strings.Contains(f, "error[signature]") }) {
		t.Errorf("a PDF changed after signing gives no signature error: %v", got)
	}
	// Told, wrongly, that the build signed the changed bytes, verify takes
	// that as it is: the signature is not verified a second time.
	if slices.ContainsFunc(verify(map[string]bool{record.Hash(data): true}), func(f string) bool { return strings.Contains(f, "error[signature]") }) {
		t.Errorf("verify verified again a signature the build had verified")
	}
}
