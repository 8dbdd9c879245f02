package translate

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
)

const seed = "iqwebx-2017-11"

func load(t *testing.T, dir string) *Project {
	t.Helper()
	p, err := Load(filepath.Join(dir, "notices"), project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// snapshot returns every file below dir/locales by its path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(filepath.Join(dir, "locales"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(path)
			files[path] = string(data)
		}
		return err
	})
	return files
}

// sameFiles reports the files that differ between two snapshots.
func sameFiles(t *testing.T, before, after map[string]string) {
	t.Helper()
	for path, data := range before {
		if after[path] != data {
			t.Errorf("%s changed", path)
		}
	}
	for path := range after {
		if _, ok := before[path]; !ok {
			t.Errorf("%s was added", path)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// deleteMessage removes the table of message id, and the blank line after it,
// from the locale file at path.
func deleteMessage(t *testing.T, path, id string) {
	t.Helper()
	text := read(t, path)
	id = l10n.FileMessageID(strings.SplitN(filepath.Base(path), ".", 2)[0], id)
	cut := withoutTable(text, id)
	if cut == text {
		t.Fatalf("%s has no [%s]", path, id)
	}
	os.WriteFile(path, []byte(cut), 0o644)
}

// withoutTable returns text without the table of message id (as the file
// names it: "iqwebx-2017-11.subject") and the blank line after it.
func withoutTable(text, id string) string {
	text = "\n" + text
	start := strings.Index(text, "\n["+id+"]\n")
	if start < 0 {
		return text[1:]
	}
	end := strings.Index(text[start+1:], "\n\n")
	if end < 0 {
		return text[1 : start+1]
	}
	return text[1:start+1] + text[start+1+end+2:]
}

// diffLines describes the first line where got differs from want.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d: got %q, want %q", i+1, b, a)
		}
	}
	return "no difference"
}

func localePath(dir, lang, name string) string {
	return filepath.Join(dir, "locales", lang, name+"."+lang+".toml")
}

func workPath(dir, lang, name string) string {
	return filepath.Join(dir, "locales", lang, l10n.WorkDir, name+"."+lang+".toml")
}

// checkClean runs fsn check on the project in dir and reports its errors.
func checkClean(t *testing.T, dir string) {
	t.Helper()
	p := load(t, dir)
	for _, d := range check.New(p.Catalog).Check(p.Notices, nil).Errors() {
		t.Errorf("fsn check: %s", d)
	}
}

// TestStatusShippedLabels: a language whose folder holds only the labels fsn
// ships stays out of the status until it is asked for, or a notice takes it up.
func TestStatusShippedLabels(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	os.MkdirAll(filepath.Join(dir, "locales", "fy"), 0o755)
	data, err := os.ReadFile(localePath(dir, "de", "labels"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(localePath(dir, "fy", "labels"), data, 0o644)
	if st := load(t, dir).Status(nil); slices.Contains(st.Langs, "fy") {
		t.Errorf("status of every language lists fy, which has only labels: %v", st.Langs)
	}
	st := load(t, dir).Status([]string{"fy"})
	if !slices.Equal(st.Langs, []string{"en", "fy"}) || len(st.Cells) != 3 || st.Cells[2].Name != "labels" || st.Cells[2].Complete != 100 {
		t.Errorf("status of fy: languages %v, cells %+v", st.Langs, st.Cells)
	}
	os.MkdirAll(filepath.Dir(workPath(dir, "fy", seed)), 0o755)
	os.WriteFile(workPath(dir, "fy", seed), []byte("[iqwebx-2017-11.subject]\nother = \"\"\n"), 0o644)
	if st := load(t, dir).Status(nil); !slices.Contains(st.Langs, "fy") {
		t.Errorf("status of every language leaves out fy, which is being translated: %v", st.Langs)
	}
}

func TestStatus(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	deleteMessage(t, localePath(dir, "it", seed), "troubleshooting.steps.find-file")
	p := load(t, dir)
	st := p.Status(nil)
	if !slices.Equal(st.Langs, []string{"en", "de", "it"}) || !slices.Equal(st.Names, []string{seed, "labels"}) {
		t.Fatalf("languages %v, names %v", st.Langs, st.Names)
	}
	for _, c := range st.Cells {
		want := 100.0
		if c.Name == seed && c.Lang == "it" {
			want = 100 * 58.0 / 59
			if len(c.Work) != 1 || c.Work[0].ID != "troubleshooting.steps.find-file" || c.Work[0].State != Missing || c.Missing != 1 ||
				!strings.HasPrefix(c.Work[0].Source, "Look for the file `LicGen.exe`") {
				t.Errorf("the Italian cell lists %+v", c.Work)
			}
		}
		if c.Complete != want || !c.Listed {
			t.Errorf("%s %s: %.1f%% complete, listed %v; want %.1f%%", c.Name, c.Lang, c.Complete, c.Listed, want)
		}
	}

	out := filepath.Join(dir, "out")
	page, err := st.WriteReport(out)
	if err != nil {
		t.Fatal(err)
	}
	if page != filepath.Join(out, "l10n", "index.html") {
		t.Errorf("report written to %s", page)
	}
	doc, err := html.Parse(strings.NewReader(read(t, page)))
	if err != nil {
		t.Fatal(err)
	}
	ids, hrefs := map[string]bool{}, []string{}
	var lang string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for _, a := range n.Attr {
			switch {
			case a.Key == "id":
				ids[a.Val] = true
			case a.Key == "href" || a.Key == "src":
				hrefs = append(hrefs, a.Val)
			case a.Key == "lang" && n.Data == "html":
				lang = a.Val
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if lang != "en" {
		t.Errorf("the report's lang is %q", lang)
	}
	if !slices.Equal(hrefs, []string{"#" + seed + "--it"}) {
		t.Errorf("the report links to %q; want only the Italian cell's messages", hrefs)
	}
	for _, h := range hrefs {
		if !ids[strings.TrimPrefix(h, "#")] {
			t.Errorf("the link %s leads nowhere", h)
		}
	}
	if !strings.Contains(read(t, page), "Look for the file `LicGen.exe`") {
		t.Error("the report does not show the source of the message that needs work")
	}
	// Writing it again replaces the folder and leaves no staging folder behind.
	if _, err := st.WriteReport(out); err != nil {
		t.Fatal(err)
	}
	var names []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != outdir.MarkerName && e.Name() != outdir.LockName {
			names = append(names, e.Name())
		}
	}
	if len(names) != 1 {
		t.Errorf("out holds %v, want only l10n (and fsn's marker and lock)", names)
	}
}

// TestSourceEditMakesTouchedStale edits two source texts: exactly those two
// messages become stale in every language, and their work files show the
// source before the edit.
func TestSourceEditMakesTouchedStale(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	if _, err := load(t, dir).Sync(nil); err != nil { // records the sources
		t.Fatal(err)
	}
	edits := map[string][2]string{
		"actions.operators.steps.restart-and-scan": {"Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan."},
		"transmission.keep":                        {"Please keep this information at least until", "Please keep this notice at least until"},
	}
	for _, e := range edits {
		fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), e[0], e[1])
	}
	p := load(t, dir)
	for _, lang := range []string{"it", "de"} {
		st := p.Status([]string{lang})
		c := st.Cell(seed, lang)
		var stale []string
		for _, w := range c.Work {
			stale = append(stale, w.ID+":"+w.State)
		}
		slices.Sort(stale)
		if want := []string{"actions.operators.steps.restart-and-scan:stale", "transmission.keep:stale"}; !slices.Equal(stale, want) || c.Stale != 2 || c.Translated != 57 {
			t.Errorf("%s: work %v (%d stale, %d translated), want %v", lang, stale, c.Stale, c.Translated, want)
		}
		if l := st.Cell("labels", lang); len(l.Work) != 0 {
			t.Errorf("%s: labels need work: %+v", lang, l.Work)
		}
	}
	rep, err := p.Sync(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.Done, "wrote "+workPath(dir, "it", seed)+": 2 to translate (2 stale)") {
		t.Errorf("sync said %q", rep.Done)
	}
	w, err := l10n.ReadWorkFile(workPath(dir, "it", seed))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Entries) != 2 {
		t.Fatalf("the work file has %d entries, want 2", len(w.Entries))
	}
	for _, e := range w.Entries {
		old := read(t, filepath.Join("..", "..", "notices", seed, notice.FileName))
		i := strings.Index(old, edits[e.ID][0])
		if i < 0 || !strings.Contains(e.Description, "It read: “") || !strings.Contains(e.Description, "The translation of the earlier source: “") {
			t.Errorf("entry %s: description %q lacks the earlier source and its translation", e.ID, e.Description)
		}
		if !strings.Contains(e.Other, edits[e.ID][1]) {
			t.Errorf("entry %s: text %q is not the new source", e.ID, e.Other)
		}
	}
	if !strings.Contains(w.Entry("actions.operators.steps.restart-and-scan").Description, "Step 2 of 4 of the actions for target group \"operators\"") {
		t.Errorf("the step's description gives no step number: %q", w.Entry("actions.operators.steps.restart-and-scan").Description)
	}
}

// TestSyncFillMerge deletes two Italian translations and changes a source,
// syncs, fills in the work file as a translator does and merges it: the locale
// file must come back byte for byte, but for the new translation.
func TestSyncFillMerge(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	itPath := localePath(dir, "it", seed)
	original := read(t, itPath)
	if _, err := load(t, dir).Sync(nil); err != nil {
		t.Fatal(err)
	}
	deleteMessage(t, itPath, "troubleshooting.notes.restore-deleted.resellers")
	deleteMessage(t, itPath, "reply_form.fields.name")
	fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
	if _, err := load(t, dir).Sync(nil); err != nil {
		t.Fatal(err)
	}
	work := workPath(dir, "it", seed)
	before := read(t, work)
	fill := map[string]string{
		"troubleshooting.notes.restore-deleted.resellers": "Se è installato iQ-X 2.2.0.6, potete scaricare il file dalla [Sales Partner Login Area](https://www.image-systems.biz/). Ricordarsi di accedere prima a quest'area download. Se è interessata una versione più vecchia di iQ-X 2.2.0, contattarci all'indirizzo <support@image-systems.biz>.",
		"actions.operators.steps.restart-and-scan":        "Riavviare il server e poi effettuare una scansione antivirus completa.",
	}
	text := before
	for id, tr := range fill {
		i := strings.Index(text, "["+l10n.FileMessageID(seed, id)+"]")
		j := i + strings.Index(text[i:], "\nother = ")
		k := j + 1 + strings.Index(text[j+1:], "\n")
		text = text[:j] + "\nother = \"" + tr + "\"" + text[k:]
	}
	// "Nome" is left as the source's "Name": not translated yet.
	os.WriteFile(work, []byte(text), 0o644)

	rep, err := load(t, dir).Merge(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The file is as it was, but for the new translation of the changed step and
	// the name still to translate.
	const oldStep = "Riavviare il server e poi effettuare una scansione antivirus."
	want := strings.Replace(withoutTable(original, l10n.FileMessageID(seed, "reply_form.fields.name")),
		"hash = \""+hashOf(t, "../..", "actions.operators.steps.restart-and-scan")+"\"\nother = \""+oldStep+"\"",
		"hash = \""+hashOf(t, dir, "actions.operators.steps.restart-and-scan")+"\"\nother = \""+fill["actions.operators.steps.restart-and-scan"]+"\"", 1)
	if got := read(t, itPath); got != want {
		t.Errorf("the merged file differs: %s", diffLines(want, got))
	}
	if w, err := l10n.ReadWorkFile(work); err != nil || len(w.Entries) != 1 || w.Entries[0].ID != "reply_form.fields.name" {
		t.Errorf("the work file keeps %+v (%v), want only the entry not translated yet", w, err)
	}
	if !slices.ContainsFunc(rep.Done, func(s string) bool { return strings.Contains(s, "merged 2 entries of "+work) }) {
		t.Errorf("merge said %q", rep.Done)
	}

	// "Name" stays "Name" in German, but not without saying so.
	fsntest.Replace(t, work, "[iqwebx-2017-11.reply_form.fields.name]", l10n.SameComment+"\n[iqwebx-2017-11.reply_form.fields.name]")
	if _, err := load(t, dir).Merge([]string{work}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(work); !os.IsNotExist(err) {
		t.Error("the work file of which every entry was merged is still there")
	}
	if !strings.Contains(read(t, itPath), "[iqwebx-2017-11.reply_form.fields.name]\ndescription = \"Customer reply form: label of a field to fill in\"\nhash = \"sha1-9acde0b49794eaebc730a1f0fde23a7d0b10883e\"\nother = \"Name\"\n\n[iqwebx-2017-11.reply_form.fields.role]") {
		t.Errorf("the name was not merged in its place:\n%s", read(t, itPath))
	}
	// German is left for later: its work file is kept, and fsn check still finds the stale step.
	if _, err := os.Stat(workPath(dir, "de", seed)); err != nil {
		t.Error(err)
	}
	p := load(t, dir)
	for _, d := range check.New(p.Catalog).Check(p.Notices, []string{"it"}).Errors() {
		t.Errorf("fsn check: %s", d)
	}
}

func hashOf(t *testing.T, dir, id string) string {
	n, err := notice.Load(filepath.Join(dir, "notices", seed))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range n.Texts() {
		if text.ID == id {
			return l10n.SourceHash(text)
		}
	}
	t.Fatalf("no text %s", id)
	return ""
}

// TestSyncKeepsUnmergedTranslations syncs again over a work file with a
// translation not merged yet, before and after its source changed.
func TestSyncKeepsUnmergedTranslations(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	deleteMessage(t, localePath(dir, "de", seed), "alternatives.scan-exception")
	if _, err := load(t, dir).Sync([]string{"de"}); err != nil {
		t.Fatal(err)
	}
	work := workPath(dir, "de", seed)
	const tr = "Alternativ können Sie die Datei oder den ganzen iQ-WEBX-Ordner von der Prüfung ausnehmen."
	fsntest.Replace(t, work, "other = \"Alternatively, you can add the file or the whole iQ-WEBX folder to the scan exceptions. The antivirus software will then no longer scan the file, even if no newer virus definition is available.\"", "other = \""+tr+"\"")
	if _, err := load(t, dir).Sync([]string{"de"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, work), "other = \""+tr+"\"") {
		t.Fatalf("sync dropped the translation not merged yet:\n%s", read(t, work))
	}
	fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "to the scan exceptions.", "to the exceptions of the scan.")
	if _, err := load(t, dir).Sync([]string{"de"}); err != nil {
		t.Fatal(err)
	}
	w, err := l10n.ReadWorkFile(work)
	if err != nil {
		t.Fatal(err)
	}
	e := w.Entry("alternatives.scan-exception")
	if !strings.Contains(e.Other, "to the exceptions of the scan.") || !strings.Contains(e.Description, "Your translation in the work file, made from the earlier source: “"+tr+"”") {
		t.Errorf("after the source changed, the entry is %+v", e.Message)
	}
}

// TestExportImportRoundTrip imports untouched exports: no locale file changes.
// The units that need work (a missing and a stale message in Italian) are left
// out: an error that names each, or with --partial a warning for each.
func TestExportImportRoundTrip(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
	deleteMessage(t, localePath(dir, "it", seed), "subject")
	for _, version := range []string{l10n.XLIFF12, l10n.XLIFF21} {
		for _, lang := range []string{"it", "de"} {
			before := snapshot(t, dir)
			path := filepath.Join(t.TempDir(), lang+".xlf")
			export(t, load(t, dir), lang, version, path)
			left := []string{`unit "actions.operators.steps.restart-and-scan" left out`}
			if lang == "it" {
				left = append(left, `unit "subject" left out`)
			}
			_, err := load(t, dir).Import(path, ImportOptions{})
			for _, want := range append(left, fmt.Sprintf("units not translated: %d, each named above; translate them, or import with --partial", len(left))) {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("%s %s: error %v, want one containing %q", version, lang, err, want)
				}
			}
			sameFiles(t, before, snapshot(t, dir))
			rep, err := load(t, dir).Import(path, ImportOptions{Partial: true})
			if err != nil {
				t.Fatalf("%s %s: %v", version, lang, err)
			}
			if !slices.Contains(rep.Done, "imported 0 translations from "+path) || len(rep.Warnings) != len(left) {
				t.Errorf("%s %s: import said %q, warned %v", version, lang, rep.Done, rep.Warnings)
			}
			sameFiles(t, before, snapshot(t, dir))
		}
	}
}

func export(t *testing.T, p *Project, lang, version, path string) *l10n.XLIFF {
	t.Helper()
	doc, err := p.Export(lang, version)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := l10n.WriteXLIFF(&buf, doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestExportTranslateImport deletes translations with inline elements, exports,
// translates the units as a CAT tool does and imports: the locale file comes
// back byte for byte.
func TestExportTranslateImport(t *testing.T) {
	ids := []string{"troubleshooting.notes.restore-deleted.resellers", "troubleshooting.steps.copy-file", "reply_form.return_to"}
	for _, version := range []string{l10n.XLIFF12, l10n.XLIFF21} {
		t.Run(version, func(t *testing.T) {
			dir := fsntest.CopySeedProject(t)
			itPath := localePath(dir, "it", seed)
			original, err := l10n.ParseFile(itPath, []byte(read(t, itPath)))
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range ids {
				deleteMessage(t, itPath, id)
			}
			path := filepath.Join(t.TempDir(), "it.xlf")
			doc := export(t, load(t, dir), "it", version, path)
			n := 0
			for _, u := range doc.Files[0].Units {
				if u.State == l10n.Untranslated {
					u.State, u.HasTarget, u.Target = l10n.Final, true, original.Messages[u.ID].Other
					n++
				}
			}
			if n != len(ids) {
				t.Fatalf("the export has %d untranslated units, want %d", n, len(ids))
			}
			var buf bytes.Buffer
			l10n.WriteXLIFF(&buf, doc)
			os.WriteFile(path, buf.Bytes(), 0o644)
			if _, err := load(t, dir).Import(path, ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			if got := read(t, itPath); got != string(original.Data) {
				t.Errorf("after the import, the locale file differs:\n%s", diffLines(string(original.Data), got))
			}
		})
	}
}

// TestBadInput gives merge and import broken inputs: each must be refused with
// an error at the file and line of the problem, and write nothing.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		// prepare breaks the copy of the project in dir and returns the file to
		// merge or import (a .toml file is merged, any other imported).
		prepare func(t *testing.T, dir string) string
		want    string // in the error
		line    string // the error's line holds this text ("" for line 1)
	}{
		{"malformed XML", func(t *testing.T, dir string) string {
			path := exportFile(t, dir, "it", l10n.XLIFF12)
			fsntest.Replace(t, path, "sui server iQ-WEBX</target>", "sui server iQ-WEBX</targte>")
			return path
		}, "the XLIFF is not well-formed XML", "sui server iQ-WEBX</targte>"},
		{"XLIFF of another notice", func(t *testing.T, dir string) string {
			return copyTestdata(t, "other-notice.xlf")
		}, `the XLIFF is for "acme-pump-2026-03", which is no notice`, `<file original="acme-pump-2026-03"`},
		{"XLIFF of another source language", func(t *testing.T, dir string) string {
			return copyTestdata(t, "other-source-language.xlf")
		}, `the XLIFF translates notice iqwebx-2017-11 from "de", but notice iqwebx-2017-11 is written in "en"`, `<file id="iqwebx-2017-11">`},
		{"unknown unit id", func(t *testing.T, dir string) string {
			return copyTestdata(t, "unknown-unit.xlf")
		}, `notice iqwebx-2017-11 has no message "troubleshooting.steps.reboot-twice"`, `<trans-unit id="troubleshooting.steps.reboot-twice"`},
		{"target dropped an inline element (1.2)", func(t *testing.T, dir string) string {
			path := exportFile(t, dir, "it", l10n.XLIFF12)
			fsntest.Replace(t, path, `Cercare il file <ph id="1" ctype="x-md-code">`+"`LicGen.exe`"+`</ph>`, "Cercare il file LicGen.exe")
			return path
		}, "dropped the inline element 1 (`LicGen.exe`)", "Cercare il file LicGen.exe"},
		{"target dropped a link (2.1)", func(t *testing.T, dir string) string {
			path := exportFile(t, dir, "it", l10n.XLIFF21)
			fsntest.Replace(t, path, `dalla <pc id="1" dataRefStart="s1" dataRefEnd="s1e" canDelete="no">Sales Partner Login Area</pc>`, "dalla Sales Partner Login Area")
			return path
		}, "dropped the start of the link 1 ([) and the end of the link 1 (](https://www.image-systems.biz/))", "scaricare il file dalla"},
		{"target breaks a check", func(t *testing.T, dir string) string {
			path := exportFile(t, dir, "it", l10n.XLIFF21)
			fsntest.Replace(t, path, "Se è installato iQ-X 2.2.0.6,", "Se è installato iQ-X 2.2.0,")
			return path
		}, `error[token-missing]: it: note troubleshooting/restore-deleted/resellers lost the version "2.2.0.6"`, "Se è installato iQ-X 2.2.0,"},
		{"XLIFF exported before the source changed", func(t *testing.T, dir string) string {
			path := exportFile(t, dir, "it", l10n.XLIFF12)
			fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
			return path
		}, `the source of unit "actions.operators.steps.restart-and-scan" is not the current source`, `<trans-unit id="actions.operators.steps.restart-and-scan"`},
		{"work file edited after the source changed", func(t *testing.T, dir string) string {
			deleteMessage(t, localePath(dir, "it", seed), "actions.operators.steps.restart-and-scan")
			load(t, dir).Sync([]string{"it"})
			work := workPath(dir, "it", seed)
			fsntest.Replace(t, work, `other = "Restart the server and then run an antivirus scan."`, `other = "Riavviare il server e poi effettuare una scansione antivirus."`)
			fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
			return work
		}, `the source of message "actions.operators.steps.restart-and-scan" changed after this work file was written`, "[iqwebx-2017-11.actions.operators.steps.restart-and-scan]"},
		{"work file translation breaks a check", func(t *testing.T, dir string) string {
			deleteMessage(t, localePath(dir, "it", seed), "troubleshooting.steps.find-file")
			load(t, dir).Sync([]string{"it"})
			work := workPath(dir, "it", seed)
			fsntest.Replace(t, work, "other = \"Look for the file `LicGen.exe`.", "other = \"Cercare il file LicGen.exe. Dovrebbe trovarsi qui.\"\n#")
			return work
		}, "error[code-changed]: it: step troubleshooting/find-file lost the code span `LicGen.exe`", "[iqwebx-2017-11.troubleshooting.steps.find-file]"},
		{"work file with an unknown message", func(t *testing.T, dir string) string {
			deleteMessage(t, localePath(dir, "it", seed), "subject")
			load(t, dir).Sync([]string{"it"})
			work := workPath(dir, "it", seed)
			fsntest.Replace(t, work, "[iqwebx-2017-11.subject]", "[iqwebx-2017-11.sbject]")
			return work
		}, `notice iqwebx-2017-11 has no message "sbject"`, "[iqwebx-2017-11.sbject]"},
		{"work file of another notice", func(t *testing.T, dir string) string {
			deleteMessage(t, localePath(dir, "it", seed), "subject")
			load(t, dir).Sync([]string{"it"})
			work := filepath.Join(t.TempDir(), "acme-pump-2026-03.it.toml")
			os.Rename(workPath(dir, "it", seed), work)
			return work
		}, `the messages of acme-pump-2026-03.it.toml are named after "iqwebx-2017-11", not after the file: is it the file of iqwebx-2017-11 under another name?`, ""},
		{"work file that is not TOML", func(t *testing.T, dir string) string {
			deleteMessage(t, localePath(dir, "it", seed), "subject")
			load(t, dir).Sync([]string{"it"})
			work := workPath(dir, "it", seed)
			fsntest.Replace(t, work, `hash = "sha1-`, `hash = sha1-`)
			return work
		}, "the locale file is not valid TOML", "hash = sha1-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fsntest.CopySeedProject(t)
			path := tt.prepare(t, dir)
			data := read(t, path)
			before := snapshot(t, dir)
			p := load(t, dir)
			var err error
			if strings.HasSuffix(path, ".toml") {
				_, err = p.Merge([]string{path})
			} else {
				_, err = p.Import(path, ImportOptions{})
			}
			if err == nil {
				t.Fatal("no error")
			}
			line := 1
			if tt.line != "" {
				i := strings.Index(data, tt.line)
				if i < 0 {
					t.Fatalf("%s has no %q", path, tt.line)
				}
				line = strings.Count(data[:i], "\n") + 1
			}
			diags := diag.From(err)
			found := slices.ContainsFunc(diags, func(d *diag.Diagnostic) bool {
				return strings.Contains(d.Error(), tt.want) && d.Pos.File == path && d.Pos.Line == line
			})
			if !found {
				t.Errorf("errors:\n%v\nwant one at %s:%d containing %q", err, path, line, tt.want)
			}
			sameFiles(t, before, snapshot(t, dir))
		})
	}
}

func exportFile(t *testing.T, dir, lang, version string) string {
	path := filepath.Join(t.TempDir(), lang+".xlf")
	export(t, load(t, dir), lang, version, path)
	return path
}

func copyTestdata(t *testing.T, name string) string {
	path := filepath.Join(t.TempDir(), name)
	os.WriteFile(path, []byte(read(t, filepath.Join("testdata", name))), 0o644)
	return path
}

// TestAdd adds Catalan, whose labels fsn does not ship, and French, whose labels
// it does; translates every work file and merges them: the language is then
// complete, but in no notice's languages until the safety officer adds it.
func TestAdd(t *testing.T) {
	tests := []struct {
		lang, name, said string
		labelsMissing    int
	}{
		{"ca", "Catalan", "created %s: %d labels to translate", -1}, // -1: every label
		{"fr", "French", "kept %s: %d of %[2]d labels translated", 0},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			dir := fsntest.CopySeedProject(t)
			rep, err := load(t, dir).Add(tt.lang, nil)
			if err != nil {
				t.Fatal(err)
			}
			labels := localePath(dir, tt.lang, "labels")
			shipped := shippedLabels(t)
			if tt.labelsMissing < 0 {
				tt.labelsMissing = shipped
			}
			if said := fmt.Sprintf(tt.said, labels, shipped); !slices.Contains(rep.Done, said) {
				t.Errorf("add said %q, want %q", rep.Done, said)
			}
			p := load(t, dir)
			st := p.Status([]string{tt.lang})
			if c := st.Cell(seed, tt.lang); c == nil || c.Listed || c.Complete != 0 || c.Missing != 59 {
				t.Errorf("the %s cell of the notice is %+v", tt.name, c)
			}
			if c := st.Cell("labels", tt.lang); c == nil || c.Missing != tt.labelsMissing || c.Translated != shipped-tt.labelsMissing {
				t.Errorf("the %s labels are %+v", tt.name, c)
			}
			checkClean(t, dir) // the language is in no notice's languages, so fsn check and fsn build ignore it

			forms := check.PluralForms(language.Make(tt.lang))
			for _, name := range []string{seed, "labels"} {
				if name == "labels" && tt.labelsMissing == 0 {
					if _, err := os.Stat(workPath(dir, tt.lang, name)); err == nil {
						t.Errorf("add wrote a work file for the complete labels of %s", tt.name)
					}
					continue
				}
				w, err := l10n.ReadWorkFile(workPath(dir, tt.lang, name))
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range w.Entries {
					for _, form := range l10n.PluralCategories {
						if text := l10n.PluralText(e.Message, form); text != "" {
							l10n.SetPluralText(e.Message, form, strings.ToUpper(tt.lang)+" "+text)
						}
					}
					if e.ID == "page" {
						for _, form := range forms {
							if l10n.PluralText(e.Message, form) == "" {
								t.Errorf("the %s page label lacks the plural form %s: %+v", tt.name, form, e.Message)
							}
						}
					}
				}
				os.WriteFile(w.Path, w.Bytes(), 0o644)
			}
			rep, err = load(t, dir).Merge(nil)
			if err != nil {
				t.Fatal(err)
			}
			hint := seed + " is now translated into " + tt.name + ": add " + tt.lang + " to \"languages:\" in " + filepath.Join(dir, "notices", seed, notice.FileName) + " to build its edition"
			if !slices.Contains(rep.Done, hint) {
				t.Errorf("merge said %q, want %q", rep.Done, hint)
			}
			st = load(t, dir).Status([]string{tt.lang})
			for _, c := range st.Cells {
				if c.Lang == tt.lang && c.Complete != 100 {
					t.Errorf("%s %s is %.1f%% complete: %+v", c.Name, c.Lang, c.Complete, c.Work)
				}
			}
		})
	}
}

// TestTranslateToolkit reads an export with Debian's translate-toolkit:
// xliff2po must give every message, and pofilter must find no variable,
// e-mail, number or bracket lost on the way.
func TestTranslateToolkit(t *testing.T) {
	for _, tool := range []string{"xliff2po", "pofilter"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (apt-get install translate-toolkit)", tool)
			}
			t.Skipf("%s is not installed (apt-get install translate-toolkit)", tool)
		}
	}
	dir := fsntest.CopySeedProject(t)
	deleteMessage(t, localePath(dir, "it", seed), "subject")
	tmp := t.TempDir()
	xlf, po, failed := filepath.Join(tmp, "it.xlf"), filepath.Join(tmp, "it.po"), filepath.Join(tmp, "failed.po")
	doc := export(t, load(t, dir), "it", l10n.XLIFF12, xlf)
	if out, err := exec.Command("xliff2po", "--progress=none", "-i", xlf, "-o", po).CombinedOutput(); err != nil {
		t.Fatalf("xliff2po: %v\n%s", err, out)
	}
	text := read(t, po)
	units, todo := 0, 0
	for _, f := range doc.Files {
		for _, u := range f.Units {
			units++
			if !u.State.Done() {
				todo++
			}
			// xliff2po gives a message its unit's id as location, unless the id is the source text.
			if !strings.Contains(text, "#: "+u.ID+"\n") && u.ID != u.Source {
				t.Errorf("the PO file has no message %s", u.ID)
			}
			if u.HasTarget && !strings.Contains(strings.ReplaceAll(text, "\"\n\"", ""), poString(u.Target)) {
				t.Errorf("the PO file lacks the translation of %s: %s", u.ID, poString(u.Target))
			}
		}
	}
	if got := strings.Count(text, "\nmsgid ") - 1; got != units { // the header is a message too
		t.Errorf("the PO file has %d messages, the XLIFF %d units", got, units)
	}
	// A unit to translate has a copy of its source as target: a fuzzy message.
	if got := strings.Count(text, "\n#, fuzzy\nmsgid"); got != todo {
		t.Errorf("%d messages are fuzzy in the PO file, want the %d to translate", got, todo)
	}
	out, err := exec.Command("pofilter", "--progress=none", "--nofuzzy",
		"-t", "variables", "-t", "emails", "-t", "numbers", "-t", "brackets", "-t", "printf", po, failed).CombinedOutput()
	if err != nil {
		t.Fatalf("pofilter: %v\n%s", err, out)
	}
	if data, err := os.ReadFile(failed); err == nil && strings.Contains(string(data), "(pofilter)") {
		t.Errorf("pofilter finds problems:\n%s", data)
	}
}

// poString writes s as a PO file quotes it, without line wrapping.
func poString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// TestMergeKeepsNewerTranslations translates the labels of a new language,
// then merges the work file that fsn l10n add left behind, as a translator who
// finished the labels in a CAT tool may: no label goes back to English, and a
// work file entry that differs from the newer translation is refused until
// fsn l10n sync removes it, saying what it held.
func TestMergeKeepsNewerTranslations(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	if _, err := load(t, dir).Add("ca", nil); err != nil {
		t.Fatal(err)
	}
	work, labels := workPath(dir, "ca", "labels"), localePath(dir, "ca", "labels")
	leftover := read(t, work)
	w, err := l10n.ReadWorkFile(work)
	if err != nil {
		t.Fatal(err)
	}
	var pattern string // a label without words to translate, such as a date pattern
	for _, e := range w.Entries {
		if !l10n.Translatable(e.Other) && pattern == "" {
			pattern = e.ID
		}
		for _, form := range l10n.PluralCategories {
			if text := l10n.PluralText(e.Message, form); text != "" {
				l10n.SetPluralText(e.Message, form, "CA "+text)
			}
		}
	}
	if pattern == "" {
		t.Fatal("the labels have no label without words to translate")
	}
	os.WriteFile(work, w.Bytes(), 0o644)
	if _, err := load(t, dir).Merge([]string{work}); err != nil {
		t.Fatal(err)
	}
	translated := read(t, labels)

	// The leftover of fsn l10n add: every entry as fsn wrote it.
	os.WriteFile(work, []byte(leftover), 0o644)
	rep, err := load(t, dir).Merge([]string{work})
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, labels); got != translated {
		t.Errorf("merging the leftover work file changed the labels: %s", diffLines(translated, got))
	}
	if !slices.ContainsFunc(rep.Done, func(s string) bool { return strings.Contains(s, "are translated in the message file already") }) {
		t.Errorf("merge said %q", rep.Done)
	}
	if _, err := os.Stat(work); !os.IsNotExist(err) {
		t.Errorf("the leftover work file is still there: %v", err)
	}

	// A work file entry with a text of its own, older than the message file's.
	old, err := l10n.ParseWorkFile(work, []byte(leftover))
	if err != nil {
		t.Fatal(err)
	}
	e := old.Entries[0]
	e.Other = "Un text més antic"
	os.WriteFile(work, old.Bytes(), 0o644)
	before := snapshot(t, dir)
	_, err = load(t, dir).Merge([]string{work})
	if err == nil || !strings.Contains(err.Error(), "fsn never replaces a newer translation with an older one") || !strings.Contains(err.Error(), "Un text més antic") {
		t.Fatalf("merge of an older entry: %v", err)
	}
	sameFiles(t, before, snapshot(t, dir))
	rep, err = load(t, dir).Sync([]string{"ca"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0].Error(), "fsn removed this entry of message \""+e.ID+"\"") || !strings.Contains(rep.Warnings[0].Error(), "Un text més antic") {
		t.Errorf("sync warned %v", rep.Warnings)
	}
	if got := read(t, labels); got != translated {
		t.Errorf("sync changed the labels: %s", diffLines(translated, got))
	}
	if _, err := os.Stat(work); !os.IsNotExist(err) {
		t.Errorf("sync kept the labels' work file: %v", err)
	}
}

// TestAddNamesItsNotices adds a language to a project of two notices: only the
// notice named gets a work file, and naming none is refused with the ids.
func TestAddNamesItsNotices(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	second := filepath.Join(dir, "notices", "second-2026")
	fsntest.CopyTree(t, filepath.Join(dir, "notices", seed), second)
	fsntest.Replace(t, filepath.Join(second, notice.FileName), "id: "+seed, "id: second-2026")
	before := snapshot(t, dir)
	_, err := load(t, dir).Add("fr", nil)
	if err == nil || !strings.Contains(err.Error(), "name the notices to translate into fr, as in fsn l10n add fr "+seed+", or add --all") {
		t.Fatalf("add without notices: %v", err)
	}
	sameFiles(t, before, snapshot(t, dir))
	if _, err := load(t, dir).Add("fr", []string{"nonesuch"}); err == nil || !strings.Contains(err.Error(), `no notice "nonesuch"`) {
		t.Fatalf("add for an unknown notice: %v", err)
	}
	if _, err := load(t, dir).Add("fr", []string{"second-2026"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(workPath(dir, "fr", "second-2026")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(workPath(dir, "fr", seed)); !os.IsNotExist(err) {
		t.Errorf("add wrote a work file for a notice not named: %v", err)
	}
	// The other notice takes up French later; the first is started already.
	p := load(t, dir)
	if why := p.Started("fr", []string{"second-2026"}); why == "" {
		t.Error("French is not started for the notice it was added for")
	}
	if why := p.Started("fr", []string{seed}); why != "" {
		t.Errorf("French is started for the notice not named: %s", why)
	}
	if _, err := p.Add("fr", []string{seed}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(workPath(dir, "fr", seed)); err != nil {
		t.Error(err)
	}
}

// TestStaleShowsWhatChanged changes a word of a step: the work file and fsn
// check say which words changed, and the work file shows its descriptions as
// written, without a backslash before each quote.
func TestStaleShowsWhatChanged(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	if _, err := load(t, dir).Sync(nil); err != nil { // records every source text
		t.Fatal(err)
	}
	fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
	deleteMessage(t, localePath(dir, "it", seed), "reply_form.fields.name")
	if _, err := load(t, dir).Sync([]string{"it"}); err != nil {
		t.Fatal(err)
	}
	const diff = "… and then run [-an-]{+a full+} antivirus scan."
	work := read(t, workPath(dir, "it", seed))
	for _, want := range []string{"What changed: " + diff, `description = 'Customer reply form: label of a field to fill in'`, `Actions for target group "operators": a numbered step`} {
		if !strings.Contains(work, want) {
			t.Errorf("the work file lacks %q:\n%s", want, work)
		}
	}
	if strings.Contains(work, `\"`) {
		t.Errorf("the work file escapes quotes:\n%s", work)
	}
	p := load(t, dir)
	r := check.New(p.Catalog).History(p.History).Notice(p.Notices[0], "it")
	if !slices.ContainsFunc(r.Findings, func(f *check.Finding) bool {
		return f.Check == check.Stale && strings.HasSuffix(f.Message, "What changed in the source: "+diff)
	}) {
		t.Errorf("fsn check does not show what changed: %v", r.Findings)
	}
}
