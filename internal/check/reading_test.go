package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

// TestCheckReadingFindsWhatCheckFinds checks the project's notices, with a
// translation of the seed changed so that it has findings of its own and of
// the checks across notices, once on a catalog that holds every file and once
// reading the translations as it goes: the reports are the same.
func TestCheckReadingFindsWhatCheckFinds(t *testing.T) {
	// The second notice shares texts with the seed: a translation of its own
	// for one of them is inconsistent with the seed's.
	dir, _, _, _ := secondNoticeProject(t)
	var notices []*notice.Notice
	dirs, err := notice.Dirs(filepath.Join(dir, "notices"))
	if err != nil {
		t.Fatal(err)
	}
	if notices, err = notice.LoadAll(dirs); err != nil {
		t.Fatal(err)
	}
	full, err := l10n.Load(project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	want := findingLines(check.New(full).Check(notices, nil))
	if !strings.Contains(strings.Join(want, "\n"), check.TranslationInconsistent) {
		t.Fatalf("the project's check finds no %s:\n%s", check.TranslationInconsistent, strings.Join(want, "\n"))
	}
	r, err := check.New(labelsCatalog(t, dir)).CheckReading(notices, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := findingLines(r); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("CheckReading finds\n%s\nwhere Check finds\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// findingLines returns each finding of r as a line, with its waiver.
func findingLines(r *check.Report) []string {
	var lines []string
	for _, f := range r.Findings {
		lines = append(lines, f.Error()+" waiver: "+f.Waiver)
	}
	return lines
}

// TestCheckReadingRefusesABrokenFile breaks the translation of a notice that
// is checked and that of a notice that is not: CheckReading returns both
// files' errors, as l10n.Load does, and no report.
func TestCheckReadingRefusesABrokenFile(t *testing.T) {
	dir := fsntest.CopyProject(t)
	checked := filepath.Join(dir, "locales", "it", "iqwebx-2017-11.it.toml")
	other := filepath.Join(dir, "locales", "fr", "infusia-ip7-2026-05.fr.toml")
	for _, p := range []string{checked, other} {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, append(data, "\n[broken\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, err := check.New(labelsCatalog(t, dir)).CheckReading([]*notice.Notice{loadNotice(t, dir)}, nil)
	if r != nil {
		t.Errorf("CheckReading returned a report beside its errors")
	}
	errs := diag.From(err)
	for _, p := range []string{checked, other} {
		if !strings.Contains(errs.Error(), p+":") {
			t.Errorf("the errors do not name %s:\n%v", p, errs)
		}
	}
	if !errs.Unreadable() {
		t.Errorf("the errors are not of a file that cannot be read: %v", errs)
	}
}
