package notice

import (
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
)

// FuzzParse checks that no notice.yaml panics the parser, and that every error
// it reports names the file and a line. The seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	const file = "notices/acme-1/notice.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := Parse(file, data)
		if err == nil {
			if n == nil {
				t.Fatal("Parse returned neither a notice nor an error")
			}
			return
		}
		for _, d := range diag.From(err) {
			if d.Pos.File != file || d.Pos.Line < 1 {
				t.Errorf("error without a position: %v", d)
			}
		}
	})
}
