package check_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
)

// root is the project, whose seed notice, locales and templates the mutations
// break; absRoot is the same as an absolute path, for tests that change folder.
const root = "../.."

var absRoot, _ = filepath.Abs(root)

// A mutation breaks a copy of the project in one way, and says which checks must
// find it. Its file in testdata/mutations reads:
//
//	What the mutation does, in prose.
//
//	want: step-missing                  the check ids found, errors and warnings, none for a clean copy
//	built: step-count                   a verify mutation of the editions: the errors found in them
//	                                    in memory, as the build made them (EditionVerifier)
//	waived: token-changed               the check ids a waiver silences (when given)
//	rehash                              set every translation's hash to its current source (optional)
//	delete: out/iqwebx-2017-11/iqwebx-2017-11.it.pdf
//	truncate: out/iqwebx-2017-11/iqwebx-2017-11.it.pdf
//	edit: locales/it/iqwebx-2017-11.it.toml
//	--- old
//	the text to replace, which must occur once: whole lines or part of one
//	--- new
//	the text to put in its place
//	--- end
//
// Paths are relative to the copy. A verify mutation's out/ is built before it is broken.
type mutation struct {
	name, about  string
	want, waived []string
	// built are the check ids of the errors EditionVerifier finds; inMemory
	// says the mutation has a built line.
	built     []string
	inMemory  bool
	rehash    bool
	edits     []edit
	deletes   []string
	truncates []string
	renderPDF string // the language whose PDF edition is written from its broken Markdown edition
}

type edit struct{ path, old, new string }

var directive = regexp.MustCompile(`^(want|built|waived|rehash|edit|delete|truncate|render-pdf)(?::\s*(.*))?$`)

func readMutation(t testing.TB, path string) *mutation {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := &mutation{name: strings.TrimSuffix(filepath.Base(path), ".txt")}
	var block []string // the lines of the old or new text being read
	var cur *edit
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		text := sc.Text()
		switch {
		case text == "--- old" && cur != nil:
			block = []string{}
		case text == "--- new" && cur != nil:
			cur.old, block = strings.Join(block, "\n"), []string{}
		case text == "--- end" && cur != nil:
			cur.new, block = strings.Join(block, "\n"), nil
			m.edits = append(m.edits, *cur)
			cur = nil
		case block != nil:
			block = append(block, text)
		default:
			d := directive.FindStringSubmatch(text)
			if d == nil {
				m.about += text + " "
				continue
			}
			switch d[1] {
			case "want":
				m.want = strings.Fields(d[2])
			case "built":
				m.built, m.inMemory = strings.Fields(d[2]), true
			case "waived":
				m.waived = strings.Fields(d[2])
			case "rehash":
				m.rehash = true
			case "edit":
				cur = &edit{path: d[2]}
			case "delete":
				m.deletes = append(m.deletes, d[2])
			case "truncate":
				m.truncates = append(m.truncates, d[2])
			case "render-pdf":
				m.renderPDF = d[2]
			}
		}
	}
	if cur != nil || block != nil {
		t.Fatalf("%s: an edit is not closed with --- end", path)
	}
	return m
}

// apply breaks the copy of the project in dir. The Markdown edition of a
// render-pdf mutation is broken only to write the PDF edition from it.
func (m *mutation) apply(t *testing.T, dir string) {
	t.Helper()
	var before *notice.Notice
	if m.rehash {
		before = loadNotice(t, dir)
	}
	for _, e := range m.edits {
		path := filepath.Join(dir, e.path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), e.old); n != 1 {
			t.Fatalf("the text to replace occurs %d times in %s, want once:\n%s", n, e.path, e.old)
		}
		broken := strings.Replace(string(data), e.old, e.new, 1)
		if m.renderPDF != "" {
			renderPDF(t, dir, m.renderPDF, []byte(broken))
			continue
		}
		if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if m.rehash {
		rehash(t, dir, before, loadNotice(t, dir))
	}
	for _, p := range m.deletes {
		if err := os.Remove(filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range m.truncates {
		path := filepath.Join(dir, p)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rehash updates the hash of every translation of a source text that the
// mutation changed, as a translator who updates the translation does.
func rehash(t *testing.T, dir string, before, after *notice.Notice) {
	t.Helper()
	old := map[string]string{}
	for _, text := range before.Texts() {
		old[text.ID] = l10n.SourceHash(text)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "locales", "*", after.ID+".*.toml"))
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		s := string(data)
		for _, text := range after.Texts() {
			s = strings.ReplaceAll(s, `hash = "`+old[text.ID]+`"`, `hash = "`+l10n.SourceHash(text)+`"`)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func loadNotice(t *testing.T, dir string) *notice.Notice {
	t.Helper()
	n, err := notice.Load(filepath.Join(dir, "notices", "iqwebx-2017-11"))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkProject runs fsn check on the project in dir, as the command does: on
// a catalog of the labels, from which CheckReading reads the translations.
func checkProject(t *testing.T, dir string) *check.Report {
	t.Helper()
	fonts, err := render.DefaultPDFStyle().Coverage()
	if err != nil {
		t.Fatal(err)
	}
	r, err := check.New(labelsCatalog(t, dir)).Fonts(fonts).CheckReading([]*notice.Notice{loadNotice(t, dir)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// labelsCatalog returns a catalog of the locales of the project in dir that
// holds their labels alone.
func labelsCatalog(t testing.TB, dir string) *l10n.Catalog {
	t.Helper()
	x, err := l10n.Scan(project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	c := x.Catalog()
	if err := c.Read(func(_, name, _ string) bool { return name == l10n.LabelsName }); err != nil {
		t.Fatal(err)
	}
	return c
}

// found returns the sorted, distinct check ids of r's findings: those no waiver
// silences, and those a waiver does, but for the waived findings in seed, which
// are the seed's own.
func found(r *check.Report, seed map[string]bool) (ids, waived []string) {
	for _, f := range r.Findings {
		switch {
		case f.Waiver == "":
			ids = append(ids, f.Check)
		case !seed[f.Check+": "+f.Message]:
			waived = append(waived, f.Check)
		}
	}
	sort.Strings(ids)
	sort.Strings(waived)
	return slices.Compact(ids), slices.Compact(waived)
}

// seedWaivers returns the waived findings of the unbroken project, as found takes them.
func seedWaivers(t *testing.T) map[string]bool {
	t.Helper()
	seed := map[string]bool{}
	for _, f := range checkProject(t, fsntest.CopyProject(t)).Findings {
		if f.Waiver != "" {
			seed[f.Check+": "+f.Message] = true
		}
	}
	return seed
}

func mutations(t *testing.T, kind string) []*mutation {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "mutations", kind, "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no mutations in testdata/mutations/%s", kind)
	}
	var ms []*mutation
	for _, p := range paths {
		ms = append(ms, readMutation(t, p))
	}
	return ms
}

// compare reports a mutation whose findings are not what it wants, with the findings.
func (m *mutation) compare(t *testing.T, r *check.Report, seed map[string]bool) {
	t.Helper()
	ids, waived := found(r, seed)
	want, wantWaived := slices.Clone(m.want), slices.Clone(m.waived)
	sort.Strings(want)
	sort.Strings(wantWaived)
	if !slices.Equal(ids, want) || !slices.Equal(waived, wantWaived) {
		var b strings.Builder
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "\n\t%s", f.Error())
			if f.Waiver != "" {
				fmt.Fprintf(&b, " (waived: %s)", f.Waiver)
			}
		}
		t.Errorf("%s\nfound %v, waived %v; want %v, waived %v%s", m.about, ids, waived, want, wantWaived, b.String())
	}
}

func TestCheckMutations(t *testing.T) {
	seed := seedWaivers(t)
	for _, m := range mutations(t, "check") {
		t.Run(m.name, func(t *testing.T) {
			if len(m.want) == 0 && len(m.waived) == 0 {
				t.Fatal("the mutation wants no finding")
			}
			dir := fsntest.CopyProject(t)
			m.apply(t, dir)
			m.compare(t, checkProject(t, dir), seed)
		})
	}
}

// TestSeedIsClean checks the real notice and locales: no error, no warning, and
// only the waivers the locale files give reasons for.
func TestSeedIsClean(t *testing.T) {
	c, err := l10n.Load(project.Locales(filepath.Join(root, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Load(filepath.Join(root, "notices", "iqwebx-2017-11"))
	if err != nil {
		t.Fatal(err)
	}
	r := check.New(c).Check([]*notice.Notice{n}, nil)
	for _, f := range r.Findings {
		if f.Waiver == "" {
			t.Errorf("the seed locales give %s", f.Error())
		}
	}
	for _, s := range r.Summaries {
		if s.Complete != 100 || s.Messages == 0 {
			t.Errorf("%s is %.1f%% complete (%d messages), want 100%%", s.Lang, s.Complete, s.Messages)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	c, err := l10n.Load(project.Locales(filepath.Join(root, "locales")))
	if err != nil {
		b.Fatal(err)
	}
	n, err := notice.Load(filepath.Join(root, "notices", "iqwebx-2017-11"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		check.New(c).Check([]*notice.Notice{n}, nil)
	}
}
