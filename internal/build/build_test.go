package build

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/digitorus/pdf"
	"github.com/yuin/goldmark/ast"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const root = "../.."

// seedOptions builds the seed notice of the real project into out.
func seedOptions(out string) Options {
	return Options{
		Notices:      []string{filepath.Join(root, "notices", fsntest.Seed)},
		NoticesDir:   filepath.Join(root, "notices"),
		LocalesDir:   project.Locales(filepath.Join(root, "locales")),
		TemplatesDir: project.Templates(filepath.Join(root, "templates")),
		OutDir:       out,
		Version:      "test",
	}
}

func buildSeed(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	if _, err := Run(seedOptions(out)); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(out, "iqwebx-2017-11")
}

func TestBuildWritesEveryEdition(t *testing.T) {
	dir := buildSeed(t)
	for _, lang := range []string{"en", "it", "de"} {
		for _, f := range Formats {
			name := filepath.Join(dir, "iqwebx-2017-11."+lang+"."+string(f))
			st, err := os.Stat(name)
			if err != nil || st.Size() == 0 {
				t.Errorf("missing or empty edition %s: %v", name, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, record.Name("iqwebx-2017-11"))); err != nil {
		t.Errorf("no build record: %v", err)
	}
	if names := outEntries(t, filepath.Dir(dir)); len(names) != 1 {
		t.Errorf("out holds %v, want only the notice folder (no staging left behind)", names)
	}
}

// TestGolden keeps the English Markdown and HTML editions from changing by accident.
// Run `go test ./internal/build -update` after an intended change, and review the diff.
func TestGolden(t *testing.T) {
	dir := buildSeed(t)
	for _, name := range []string{"iqwebx-2017-11.en.md", "iqwebx-2017-11.en.html"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", name)
		if *update {
			os.WriteFile(golden, got, 0o644)
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; if the change is intended, run go test ./internal/build -update", name, golden)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := buildSeed(t), buildSeed(t)
	entries, _ := os.ReadDir(a)
	for _, e := range entries {
		x, _ := os.ReadFile(filepath.Join(a, e.Name()))
		y, _ := os.ReadFile(filepath.Join(b, e.Name()))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", e.Name())
		}
	}
}

func TestSourceDateEpochDatesThePDF(t *testing.T) {
	out := t.TempDir()
	opts := seedOptions(out)
	opts.Formats = []Format{PDF}
	opts.Languages = []string{"en"}
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	byNotice, _ := os.ReadFile(filepath.Join(out, "iqwebx-2017-11", "iqwebx-2017-11.en.pdf"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	epoch, err := SourceDateEpoch()
	if err != nil {
		t.Fatal(err)
	}
	opts.Time = epoch
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	byEpoch, _ := os.ReadFile(filepath.Join(out, "iqwebx-2017-11", "iqwebx-2017-11.en.pdf"))
	if d := creationDate(t, byNotice); !strings.HasPrefix(d, "D:20171106") {
		t.Errorf("without SOURCE_DATE_EPOCH the PDF is dated %q, not by the notice (2017-11-06)", d)
	}
	if d := creationDate(t, byEpoch); !strings.HasPrefix(d, "D:20231114") {
		t.Errorf("with SOURCE_DATE_EPOCH=1700000000 the PDF is dated %q, not 2023-11-14", d)
	}
}

// creationDate returns the /CreationDate of the document information of the
// PDF b, which lives in an object stream.
func creationDate(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return r.Trailer().Key("Info").Key("CreationDate").RawString()
}

// TestFailedBuildLeavesOutUntouched breaks one input after a good build and checks
// that the next build fails with a positioned error and changes nothing in out/.
func TestFailedBuildLeavesOutUntouched(t *testing.T) {
	tests := []struct {
		name string
		file string // relative to the copied project
		old  string
		new  string
		want string // in the diagnostics
	}{
		{"unknown field", "notices/iqwebx-2017-11/notice.yaml", "\ncontact:", "\ncontcat:", `notice.yaml:207:1: error: unknown field "contcat"`},
		{"missing translation", "locales/it/iqwebx-2017-11.it.toml", "[iqwebx-2017-11.troubleshooting.steps.copy-file]", "[iqwebx-2017-11.troubleshooting.steps.copy-fil]", `it: message "troubleshooting.steps.copy-file" is missing`},
		{"locale does not parse", "locales/de/labels.de.toml", "[labels.title]", "[labels.title", "labels.de.toml:"},
		{"template names an unknown field", "templates/notice.md.tmpl", "{{.Subject}}", "{{.Subjekt}}", `notice.md.tmpl:26:4: error: template: can't evaluate field Subjekt`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := fsntest.CopyProject(t)
			opts := projectOptions(dir, filepath.Join(dir, "out"))
			if _, err := Run(opts); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, opts.OutDir)

			path := filepath.Join(dir, tt.file)
			data, _ := os.ReadFile(path)
			if !bytes.Contains(data, []byte(tt.old)) {
				t.Fatalf("test case does not apply: %q not in %s", tt.old, tt.file)
			}
			os.WriteFile(path, bytes.Replace(data, []byte(tt.old), []byte(tt.new), 1), 0o644)
			_, err := Run(opts)
			if err == nil {
				t.Fatal("the build succeeded with a broken input")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not contain %q:\n%v", tt.want, err)
			}
			if !diag.From(err).HasErrors() {
				t.Error("the error carries no diagnostic")
			}
			if after := snapshot(t, opts.OutDir); after != before {
				t.Errorf("out/ changed after a failed build:\nbefore: %s\nafter:  %s", before, after)
			}
		})
	}
}

// outEntries lists what out holds besides the marker and the lock of package outdir.
func outEntries(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != outdir.MarkerName && e.Name() != outdir.LockName {
			names = append(names, e.Name())
		}
	}
	return names
}

// snapshot lists every file under dir with its content, to compare two states of out/.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			b.WriteString(p + ":" + record.Hash(data) + "\n")
		}
		return nil
	})
	return b.String()
}

func TestPartialBuildKeepsOtherEditions(t *testing.T) {
	out := t.TempDir()
	dir := fsntest.CopyProject(t)
	opts := projectOptions(dir, out)
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	appendLine(t, filepath.Join(dir, "locales", "it", "iqwebx-2017-11.it.toml"), "# reviewed")
	opts.Languages = []string{"it"}
	opts.Formats = []Format{Markdown}
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 1 {
		t.Errorf("a build of it/md wrote %v, want one file", res.Written)
	}
	if _, err := os.Stat(filepath.Join(out, "iqwebx-2017-11", "iqwebx-2017-11.de.pdf")); err != nil {
		t.Errorf("the German PDF of the earlier build is gone: %v", err)
	}
}

func TestUnknownLanguageOrFormat(t *testing.T) {
	opts := seedOptions(t.TempDir())
	opts.Languages = []string{"fr"}
	if _, err := Run(opts); err == nil || !strings.Contains(err.Error(), `has no "fr" edition`) {
		t.Errorf("--lang fr: error = %v", err)
	}
	opts.Languages = nil
	opts.Formats = []Format{"docx"}
	var usage *UsageError
	if _, err := Run(opts); !errors.As(err, &usage) {
		t.Errorf("--format docx: error = %v, want a UsageError", err)
	}
}

// TestItalianEditionMatchesSeed compares the built Italian edition with the seed
// letter: every list keeps its steps, and every fact of the seed is in the edition.
func TestItalianEditionMatchesSeed(t *testing.T) {
	seed, err := os.ReadFile("testdata/seed/iqwebx-2017-11.it.txt")
	if err != nil {
		t.Fatal(err)
	}
	md, err := os.ReadFile(filepath.Join(buildSeed(t), "iqwebx-2017-11.it.md"))
	if err != nil {
		t.Fatal(err)
	}
	edition := string(md)

	// Every list of numbered steps, with the same number of steps, in order.
	seedSteps := numberedLists(string(seed))
	editionSteps := orderedLists(render.Parse(md))
	if len(seedSteps) != len(editionSteps) {
		t.Fatalf("seed has %d numbered lists, the edition %d", len(seedSteps), len(editionSteps))
	}
	for i := range seedSteps {
		if len(seedSteps[i]) != len(editionSteps[i]) {
			t.Errorf("list %d: seed has %d steps, edition %d", i+1, len(seedSteps[i]), len(editionSteps[i]))
			continue
		}
		for j, step := range seedSteps[i] {
			for _, fact := range facts(step) {
				if !strings.Contains(editionSteps[i][j], fact) {
					t.Errorf("list %d step %d lost %q:\n  seed:    %s\n  edition: %s", i+1, j+1, fact, step, editionSteps[i][j])
				}
			}
		}
	}

	// Every fact of the whole letter: products, versions, paths, file and threat
	// names, vendors, e-mail, phone numbers, address, date, names.
	for _, fact := range facts(string(seed)) {
		if !strings.Contains(edition, fact) {
			t.Errorf("the Italian edition lost %q", fact)
		}
	}
	for _, fact := range []string{
		"6 novembre 2017", "IMAGE Information Systems Europe GmbH", "Dr. Arpad Bischof",
		"Responsabile della sicurezza dei dispositivi medici", "Lange Str. 16", "18055 Rostock", "Germania",
		"Microsoft", "Kaspersky", "McAfee", "settimana di calendario 37", "11-17 settembre",
		"Trojan:Win32/Rundas.B", "Artemis", "Trojan.Win32.Llac.lhwj", "DICOM", "iQ-VIEW/PRO",
		"Sales Partner Login Area", "Per gli operatori", "Per i rivenditori", "Come operatore", "Come rivenditore",
		"Informazioni Urgenti sulla Sicurezza", "Persona di contatto", "Firma", "falso positivo", "quarantena",
		"eccezioni di scansione", "liste bianche", "prossima release",
	} {
		if !strings.Contains(edition, fact) {
			t.Errorf("the Italian edition lost %q", fact)
		}
	}
}

// factPattern matches what must survive translation verbatim: versions and other
// numbers with dots, version ranges, Windows paths, file names, product names,
// e-mail addresses and phone numbers.
var factPattern = regexp.MustCompile(`≤ \d+(?:\.\d+)*|\d+(?:\.\d+)+|C:\\[^,.]+|\\PACS\\php\\|\w+\.exe|iQ-[A-Z0-9]+(?:/PRO)?|[\w.]+@[\w.-]+\.\w+|\+49[\d ]*\d`)

func facts(s string) []string {
	return factPattern.FindAllString(s, -1)
}

// numberedLists returns the seed's numbered lists: runs of lines "1. …", "2. …".
// Lines between item k and item k+1 (the target-group notes of step 7) belong to item k.
func numberedLists(s string) [][]string {
	var lists [][]string
	var pending []string
	item := regexp.MustCompile(`^(\d+)\. (.*)$`)
	for _, line := range strings.Split(s, "\n") {
		m := item.FindStringSubmatch(line)
		switch {
		case m == nil:
			if strings.TrimSpace(line) != "" {
				pending = append(pending, line)
			}
		case m[1] == "1":
			lists = append(lists, []string{m[2]})
			pending = nil
		default:
			list := lists[len(lists)-1]
			list[len(list)-1] += " " + strings.Join(pending, " ")
			lists[len(lists)-1] = append(list, m[2])
			pending = nil
		}
	}
	return lists
}

// orderedLists returns the text of each item of each top-level ordered list of doc.
func orderedLists(doc *render.Document) [][]string {
	var lists [][]string
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		list, ok := n.(*ast.List)
		if !ok || !list.IsOrdered() {
			continue
		}
		var items []string
		for item := list.FirstChild(); item != nil; item = item.NextSibling() {
			items = append(items, nodeText(item, doc.Source))
		}
		lists = append(lists, items)
	}
	return lists
}

func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			b.WriteByte(' ')
		case *ast.AutoLink:
			b.Write(n.URL(src))
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// BenchmarkBuild builds the seed notice in all three languages and formats, as
// `make` does, into a new out folder each time: every edition is rendered.
func BenchmarkBuild(b *testing.B) {
	benchmarkBuild(b, seedOptions(""))
}

// BenchmarkBuildSigned is BenchmarkBuild with every PDF signed, as a release is.
func BenchmarkBuildSigned(b *testing.B) {
	opts := seedOptions("")
	opts.Signer = fsntest.Signer(b, fsntest.Signatory)
	benchmarkBuild(b, opts)
}

// BenchmarkBuildPDF is a build of the signed PDF editions alone: what one PDF
// edition costs, beside the gofpdf floor of make bench-scale.
func BenchmarkBuildPDF(b *testing.B) {
	opts := seedOptions("")
	opts.Signer = fsntest.Signer(b, fsntest.Signatory)
	opts.Formats = []Format{PDF}
	benchmarkBuild(b, opts)
}

// BenchmarkBuildMarkdownHTML is a build without the PDFs, to show what they cost.
func BenchmarkBuildMarkdownHTML(b *testing.B) {
	opts := seedOptions("")
	opts.Formats = []Format{Markdown, HTML}
	benchmarkBuild(b, opts)
}

// BenchmarkNoOpBuild builds again into an out folder that holds the same
// build: nothing is rendered and nothing written.
func BenchmarkNoOpBuild(b *testing.B) {
	opts := seedOptions(b.TempDir())
	opts.Signer = fsntest.Signer(b, fsntest.Signatory)
	if _, err := Run(opts); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := Run(opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Written) != 0 {
			b.Fatalf("a build with no change wrote %d files", len(res.Written))
		}
	}
}

// benchmarkBuild runs the build of opts into a new out folder each time and
// reports the cost per edition.
func benchmarkBuild(b *testing.B, opts Options) {
	dir := b.TempDir()
	var editions int
	for i := 0; b.Loop(); i++ {
		opts.OutDir = filepath.Join(dir, strconv.Itoa(i))
		res, err := Run(opts)
		if err != nil {
			b.Fatal(err)
		}
		editions = editionCount(res)
		b.StopTimer()
		os.RemoveAll(opts.OutDir)
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*editions), "ns/edition")
}

// editionCount returns the number of editions the build of res built or kept.
func editionCount(res *Result) int {
	n := 0
	for _, r := range res.Records {
		n += len(r.Editions)
	}
	return n
}
