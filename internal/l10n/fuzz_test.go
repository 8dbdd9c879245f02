package l10n

import (
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
)

// FuzzParseFile checks that no locale file panics the TOML loader, and that
// every error it reports names the file. The seeds are in testdata/fuzz/FuzzParseFile.
func FuzzParseFile(f *testing.F) {
	const path = "locales/it/acme-1.it.toml"
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := ParseFile(path, data)
		if err == nil {
			if file == nil {
				t.Fatal("ParseFile returned neither a file nor an error")
			}
			return
		}
		for _, d := range diag.From(err) {
			if d.Pos.File != path {
				t.Errorf("error without a position: %v", d)
			}
		}
	})
}

// FuzzReadXLIFF checks that no XLIFF document panics the reader of XLIFF
// imports, and that every error it reports names the file and a line. The
// seeds are in testdata/fuzz/FuzzReadXLIFF.
func FuzzReadXLIFF(f *testing.F) {
	const path = "acme-1.it.xlf"
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadXLIFF(path, data)
		if err == nil {
			if doc == nil {
				t.Fatal("ReadXLIFF returned neither a document nor an error")
			}
			return
		}
		for _, d := range diag.From(err) {
			if d.Pos.File != path || d.Pos.Line < 1 {
				t.Errorf("error without a position: %v", d)
			}
		}
	})
}
