package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// TestImportLeavesOut imports an untouched export of a language with a stale
// message, as a CAT tool returns a unit nobody translated: the unit left out
// is an error naming it (exit status 1, nothing written), and with --partial a
// warning (exit status 0).
func TestImportLeavesOut(t *testing.T) {
	dir := fsntest.CopyProject(t)
	replaceIn(t, filepath.Join(dir, "notices", "iqwebx-2017-11", "notice.yaml"), "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
	project := []string{"--notices", filepath.Join(dir, "notices"), "--locales", filepath.Join(dir, "locales")}
	xlf := filepath.Join(t.TempDir(), "it.xlf")
	if code, _, stderr := fsn(t, append(append([]string{"l10n", "export"}, project...), "--xliff", "1.2", "--lang", "it", "--out", xlf)...); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	itFile := filepath.Join(dir, "locales", "it", "iqwebx-2017-11.it.toml")
	before := readFile(t, itFile)
	const left = `unit "actions.operators.steps.restart-and-scan" left out: its target is still a copy of the source (state needs-translation)`
	code, stdout, stderr := fsn(t, append(append([]string{"l10n", "import"}, project...), xlf)...)
	if code != 1 || !strings.Contains(stderr, "error: it: "+left) || !strings.Contains(stderr, "units not translated: 1") {
		t.Errorf("import: exit %d, want 1 and the unit left out\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr = fsn(t, append(append([]string{"l10n", "import", "--partial"}, project...), xlf)...)
	if code != 0 || !strings.Contains(stderr, "warning: it: "+left) || !strings.Contains(stdout, "left out units not translated yet (--partial): 1") {
		t.Errorf("import --partial: exit %d, want 0 and a warning\n%s%s", code, stdout, stderr)
	}
	if after, err := os.ReadFile(itFile); err != nil || string(after) != before {
		t.Errorf("the import changed %s", itFile)
	}
}
