package translate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// TestTranslateToolkitRoundTrip goes the way of a translator who works in PO
// (Poedit, Weblate, Pootle) with Debian's translate-toolkit: xliff2po of the
// XLIFF 1.2 export, a translation written into the PO file with its inline
// Markdown (a link and an autolink), pomerge back into the export and fsn l10n
// import: the translation arrives byte for byte. The message left fuzzy is left
// out, with a warning under --partial.
func TestTranslateToolkitRoundTrip(t *testing.T) {
	xliff2po := fsntest.Tool(t, "xliff2po", "translate-toolkit")
	pomerge := fsntest.Tool(t, "pomerge", "translate-toolkit")
	const id = "troubleshooting.notes.restore-deleted.resellers"
	const tr = "Se è installato iQ-X 2.2.0.6, scaricate il file dalla [Sales Partner Login Area](https://www.image-systems.biz/). " +
		"Accedete prima a quest'area download. Se è interessata una versione più vecchia di iQ-X 2.2.0, scriveteci a <support@image-systems.biz>."
	dir := fsntest.CopyProject(t)
	itPath := localePath(dir, "it", seed)
	deleteMessage(t, itPath, id)
	deleteMessage(t, itPath, "subject")
	tmp := t.TempDir()
	xlf, po, merged := filepath.Join(tmp, "it.xlf"), filepath.Join(tmp, "it.po"), filepath.Join(tmp, "merged.xlf")
	export(t, load(t, dir), "it", l10n.XLIFF12, xlf)
	if out, err := exec.Command(xliff2po, "--progress=none", "-i", xlf, "-o", po).CombinedOutput(); err != nil {
		t.Fatalf("xliff2po: %v\n%s", err, out)
	}
	os.WriteFile(po, []byte(translatePO(t, read(t, po), id, tr)), 0o644)
	if out, err := exec.Command(pomerge, "--progress=none", "-t", xlf, "-i", po, "-o", merged).CombinedOutput(); err != nil {
		t.Fatalf("pomerge: %v\n%s", err, out)
	}
	rep, err := load(t, dir).Import(merged, ImportOptions{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Error(), `unit "subject" left out: its target is still a copy of the source`) {
		t.Errorf("the import warned %v, want the untranslated subject", rep.Warnings)
	}
	f, err := l10n.ParseFile(itPath, []byte(read(t, itPath)))
	if err != nil {
		t.Fatal(err)
	}
	if m := f.Messages[id]; m == nil || m.Other != tr || m.Hash != hashOf(t, dir, id) {
		t.Errorf("after the round trip, %s is %+v, want %q", id, m, tr)
	}
}

// translatePO sets the msgstr of the PO message at location loc to text and
// clears its fuzzy flag, as a translator's PO editor does.
func translatePO(t *testing.T, po, loc, text string) string {
	t.Helper()
	start := strings.Index(po, "#: "+loc+"\n")
	if start < 0 {
		t.Fatalf("the PO file has no message at %s", loc)
	}
	end := strings.Index(po[start:], "\n\n")
	if end < 0 {
		end = len(po) - start
	}
	block := po[start : start+end]
	block = strings.Replace(block, "#, fuzzy\n", "", 1)
	block = block[:strings.Index(block, "msgstr ")] + "msgstr " + `"` + poString(text) + `"`
	return po[:start] + block + po[start+end:]
}
