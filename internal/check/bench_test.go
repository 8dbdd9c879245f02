package check_test

import (
	"path/filepath"
	"testing"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

// BenchmarkCheckNoticeLanguage measures what one more notice costs a check of
// a large corpus, by edition: the notices are copies of the seed, each loaded
// on its own, so that nothing of one notice's texts is reused for the next,
// and the labels are checked once, as in a run over many notices. ns/edition
// is the time of one notice's check divided by its languages.
func BenchmarkCheckNoticeLanguage(b *testing.B) {
	c, err := l10n.Load(project.Locales(filepath.Join(root, "locales")))
	if err != nil {
		b.Fatal(err)
	}
	var notices []*notice.Notice
	for range 64 {
		n, err := notice.Load(filepath.Join(root, "notices", "iqwebx-2017-11"))
		if err != nil {
			b.Fatal(err)
		}
		notices = append(notices, n)
	}
	checker := check.New(c)
	checker.Check(notices[:1], nil) // the labels, once per language
	editions := 0
	for i := 0; b.Loop(); i++ {
		n := notices[i%len(notices)]
		checker.Check([]*notice.Notice{n}, nil)
		editions += len(n.Languages)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(editions), "ns/edition")
}
