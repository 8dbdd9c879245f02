package check_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
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
