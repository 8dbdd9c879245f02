package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/project"
)

// seedCorpus writes a project of n copies of the seed notice, each with its
// own id and its own Italian and German translations, and returns the
// options that build it as Markdown and HTML into out.
func seedCorpus(tb testing.TB, n int, out string) Options {
	tb.Helper()
	dir := tb.TempDir()
	notice, err := os.ReadFile(filepath.Join(root, "notices", fsntest.Seed, "notice.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	texts := map[string][]byte{}
	for _, lang := range []string{"it", "de"} {
		if texts[lang], err = os.ReadFile(filepath.Join(root, "locales", lang, fsntest.Seed+"."+lang+".toml")); err != nil {
			tb.Fatal(err)
		}
	}
	write := func(path string, data []byte) {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range n {
		id := fmt.Sprintf("iqwebx-2017-%04d", i+1)
		write(filepath.Join(dir, "notices", id, "notice.yaml"), bytes.Replace(notice, []byte("id: "+fsntest.Seed), []byte("id: "+id), 1))
		for lang, text := range texts {
			// Each message is the table [<notice id>.<message id>].
			write(filepath.Join(dir, "locales", lang, id+"."+lang+".toml"), bytes.ReplaceAll(text, []byte("["+fsntest.Seed+"."), []byte("["+id+".")))
		}
	}
	return Options{
		NoticesDir:   filepath.Join(dir, "notices"),
		LocalesDir:   project.Locales(filepath.Join(dir, "locales")),
		TemplatesDir: project.Templates(filepath.Join(root, "templates")),
		OutDir:       out,
		Version:      "test",
		Formats:      []Format{Markdown, HTML},
	}
}

// BenchmarkBuildNotices builds corpora of 10 and 300 copies of the seed
// notice, in three languages, as Markdown and HTML, under the collector
// settings fsn runs with (cmd/fsn's tuneGC), and reports the cost per
// edition, the collections per edition and the live heap as the last
// editions are built: none of the three may grow much with the number of
// notices (the build keeps a short summary of each). When the build held
// every parsed notice, the live heap grew by about 23 KB a notice, and at
// 1,000 notices the collector ran three times as often per edition.
func BenchmarkBuildNotices(b *testing.B) {
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(128 << 20))
	for _, n := range []int{10, 300} {
		b.Run(fmt.Sprintf("notices=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			opts := seedCorpus(b, n, "")
			var editions int
			var gcs, live uint64
			for i := 0; b.Loop(); i++ {
				opts.OutDir = filepath.Join(dir, fmt.Sprint(i))
				stop := sampleHeap()
				before := gcCycles()
				res, err := Run(opts)
				gcs += gcCycles() - before
				live = stop()
				if err != nil {
					b.Fatal(err)
				}
				editions = editionCount(res)
				b.StopTimer()
				os.RemoveAll(opts.OutDir)
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*editions), "ns/edition")
			b.ReportMetric(float64(gcs)/float64(b.N*editions), "gc/edition")
			b.ReportMetric(float64(live)/(1<<20), "live-MiB")
		})
	}
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleHeap watches the live heap (what the last collection left) until
// the returned function is called, which returns what it saw last: what the
// last collection during the build left, not the collections since.
func sampleHeap() (stop func() uint64) {
	var wg sync.WaitGroup
	done := make(chan struct{})
	var last uint64
	wg.Go(func() {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			last = s[0].Value.Uint64()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return last
	}
}
