package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

// TestConsistencyAcrossNotices translates the second test notice, which
// repeats sentences of the seed, with one of them translated otherwise: the
// warning is at the second notice's translation and names the seed's.
func TestConsistencyAcrossNotices(t *testing.T) {
	dir, second, seedIt, secondIt := secondNoticeProject(t)
	c, err := l10n.Load(project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	var notices []*notice.Notice
	for _, id := range []string{"iqwebx-2017-11", second} {
		n, err := notice.Load(filepath.Join(dir, "notices", id))
		if err != nil {
			t.Fatal(err)
		}
		notices = append(notices, n)
	}
	var got []string
	for _, f := range check.New(c).Check(notices, []string{"it"}).Findings {
		if f.Check == check.TranslationInconsistent || f.Check == check.TranslationAmbiguous {
			got = append(got, f.Error())
		}
	}
	want := []string{secondIt + ":216:1: warning[translation-inconsistent]: it: message transmission.keep of notice " + second,
		"as \"Conservare queste informazioni", "where " + seedIt + ":216:1 (message transmission.keep of notice iqwebx-2017-11)"}
	if len(got) != 1 || !strings.HasPrefix(got[0], want[0]) || !strings.Contains(got[0], want[1]) || !strings.Contains(got[0], want[2]) {
		t.Errorf("got %d consistency findings:\n%s\nwant one with %q", len(got), strings.Join(got, "\n"), want)
	}
}

// secondNoticeProject copies the project into a temporary folder with the
// second test notice, which repeats sentences of the seed, translated into
// Italian as the seed is but for one sentence of message transmission.keep,
// worded otherwise. It returns the folder, the second notice's id and the
// Italian files of the seed and of the second notice.
func secondNoticeProject(t *testing.T) (dir, second, seedIt, secondIt string) {
	t.Helper()
	dir = fsntest.CopyProject(t)
	second = "iqwebx-2018-03"
	fsntest.CopyTree(t, filepath.Join(fsntest.Root(t), "internal", "translate", "testdata", "second-notice"), filepath.Join(dir, "notices", second))
	seedIt = filepath.Join(dir, "locales", "it", "iqwebx-2017-11.it.toml")
	data, err := os.ReadFile(seedIt)
	if err != nil {
		t.Fatal(err)
	}
	const keep = "Si prega di conservare queste informazioni almeno fino a quando le misure ivi indicate non siano state completate."
	text := strings.ReplaceAll(string(data), "[iqwebx-2017-11.", "["+second+".")
	if !strings.Contains(text, keep) {
		t.Fatalf("%s no longer holds %q", seedIt, keep)
	}
	text = strings.Replace(text, keep, "Conservare queste informazioni almeno fino al completamento delle misure indicate.", 1)
	secondIt = filepath.Join(dir, "locales", "it", second+".it.toml")
	if err := os.WriteFile(secondIt, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, second, seedIt, secondIt
}
