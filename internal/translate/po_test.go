package translate

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
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
	dir := fsntest.CopySeedProject(t)
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

// TestTranslateToolkitKeepsNotes takes the XLIFF 1.2 export of a project with a
// second notice through translate-toolkit as a PO translator's tools do:
// xliff2po keeps the termbase's terms, the translation memory's matches and
// each unit's base as the PO file's extracted comments (#.), which Poedit and
// Weblate show; po2xliff (which writes XLIFF 1.1) brings every base back into
// a note, where fsn l10n import finds it. (xliff2po makes one PO message of the
// units of two notices with the same id and source, such as the second
// notice's transmission.keep, which has an exact match: the first one's.)
func TestTranslateToolkitKeepsNotes(t *testing.T) {
	xliff2po := fsntest.Tool(t, "xliff2po", "translate-toolkit")
	po2xliff := fsntest.Tool(t, "po2xliff", "translate-toolkit")
	dir := withSecondNotice(t)
	tmp := t.TempDir()
	xlf, po, back := filepath.Join(tmp, "it.xlf"), filepath.Join(tmp, "it.po"), filepath.Join(tmp, "back.xlf")
	doc := export(t, load(t, dir), "it", l10n.XLIFF12, xlf)
	if out, err := exec.Command(xliff2po, "--progress=none", "-i", xlf, "-o", po).CombinedOutput(); err != nil {
		t.Fatalf("xliff2po: %v\n%s", err, out)
	}
	text := read(t, po)
	for _, want := range []string{
		"#. Termbase: “restart” → “riavviare” or “riavvio”; never “resettare”",
		"#. Termbase: “DICOM” is never translated: keep it as written",
		"#. Translation memory: 81% " + seed + " actions.operators.steps.restart-and-scan (",
		"#. fsn:base none\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PO file has no comment %s", want)
		}
	}
	if out, err := exec.Command(po2xliff, "--progress=none", "-i", po, "-o", back).CombinedOutput(); err != nil {
		t.Fatalf("po2xliff: %v\n%s", err, out)
	}
	got, err := l10n.ReadXLIFF(back, []byte(read(t, back)))
	if err != nil {
		t.Fatal(err)
	}
	exported := map[string]bool{} // source and base of each unit
	for _, f := range doc.Files {
		for _, u := range f.Units {
			exported[u.Source+"\x00"+u.Base] = true
		}
	}
	n := 0
	for _, f := range got.Files {
		for _, u := range f.Units {
			if u.Source == "" || strings.HasPrefix(u.Source, "Project-Id-Version:") {
				continue // the PO file's header
			}
			n++
			if !exported[u.Source+"\x00"+u.Base] {
				t.Errorf("po2xliff gives the unit %q the base %q, which the export does not", diag.Abbreviate(u.Source, 60), u.Base)
			}
		}
	}
	if n < len(exported)*3/4 {
		t.Errorf("po2xliff brings back %d units, the export has %d", n, len(exported))
	}
}
