package build

import (
	"os"
	"path/filepath"
	"testing"
)

// italianBudget is the most the seed notice's Italian PDF edition may weigh
// unsigned. It was 58194 bytes before object streams, a cross-reference
// stream, a compact ICC profile and compressed XMP; it is 33426 now, of which
// the three font subsets are 14 KB and the page text 5.5 KB. Issue 13 asks for
// 30 KB, which these fonts do not leave room for (see the closing note). The
// budget keeps 1.5 KB of room for what the notice and template gain.
const italianBudget = 35 << 10

// TestItalianEditionSize checks the unsigned Italian edition of the seed
// notice against its size budget.
func TestItalianEditionSize(t *testing.T) {
	opts := seedOptions(t.TempDir())
	opts.Formats, opts.Languages = []Format{PDF}, []string{"it"}
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(filepath.Join(opts.OutDir, "iqwebx-2017-11", "iqwebx-2017-11.it.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the Italian edition is %d bytes", info.Size())
	if info.Size() > italianBudget {
		t.Errorf("the unsigned Italian edition is %d bytes, over its budget of %d", info.Size(), italianBudget)
	}
}
