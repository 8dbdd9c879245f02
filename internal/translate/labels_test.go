package translate

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// TestEnglishLabelEditMakesTranslationsStale changes one English label: its
// Italian and German translations become stale in status, and sync offers them
// with the text they were made from.
func TestEnglishLabelEditMakesTranslationsStale(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	if _, err := load(t, dir).Sync(nil); err != nil { // records the sources
		t.Fatal(err)
	}
	fsntest.Replace(t, localePath(dir, "en", "labels"), `other = "Contact person"`, `other = "Person to contact"`)
	p := load(t, dir)
	for _, lang := range []string{"it", "de"} {
		c := p.Status([]string{lang}).Cell("labels", lang)
		if c.Stale != 1 || len(c.Work) != 1 || c.Work[0].ID != "heading-contact" || c.Work[0].State != Stale || c.Work[0].Earlier != "Contact person" {
			t.Errorf("%s: the labels cell is %d stale, work %+v; want heading-contact stale, made from \"Contact person\"", lang, c.Stale, c.Work)
		}
	}
	rep, err := p.Sync(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.Done, "wrote "+workPath(dir, "it", "labels")+": 1 to translate (1 stale)") {
		t.Errorf("sync said %q", rep.Done)
	}
	w, err := l10n.ReadWorkFile(workPath(dir, "it", "labels"))
	if err != nil {
		t.Fatal(err)
	}
	e := w.Entry("heading-contact")
	if e == nil || e.Other != "Person to contact" || !strings.Contains(e.Description, "It read: “Contact person”") ||
		!strings.Contains(e.Description, "The translation of the earlier source: “Persona di contatto”") {
		t.Fatalf("the work file's entry is %+v", e)
	}
	// The translator updates it; merge takes it with the new hash, and the labels are current again.
	e.Other = "Referente"
	os.WriteFile(w.Path, w.Bytes(), 0o644)
	if _, err := load(t, dir).Merge([]string{w.Path}); err != nil {
		t.Fatal(err)
	}
	if c := load(t, dir).Status([]string{"it"}).Cell("labels", "it"); c.Stale != 0 || c.Translated != c.Messages {
		t.Errorf("after the merge the Italian labels are %+v", c.Summary)
	}
}

var hashLine = regexp.MustCompile(`(?m)^hash = ".*"\n`)

// TestStamp removes every hash from the German labels, as a labels file
// written by hand has none: stamp puts back exactly the hashes there were, and
// refuses a file in which fsn check finds an error.
func TestStamp(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	path := localePath(dir, "de", "labels")
	stamped := read(t, path)
	os.WriteFile(path, []byte(hashLine.ReplaceAllString(stamped, "")), 0o644)
	if c := load(t, dir).Status([]string{"de"}).Cell("labels", "de"); c.Stale != c.Messages {
		t.Errorf("labels without hashes: %d of %d stale", c.Stale, c.Messages)
	}
	rep, err := load(t, dir).Stamp([]string{"de"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Done, []string{fmt.Sprintf("wrote %s: stamped %d translations with the hash of their source", path, shippedLabels(t))}) {
		t.Errorf("stamp said %q", rep.Done)
	}
	if got := read(t, path); got != stamped {
		t.Errorf("the stamped file differs from the shipped one: %s", diffLines(stamped, got))
	}
	checkClean(t, dir)

	// A hash that is there is never changed: a stale label stays stale.
	fsntest.Replace(t, localePath(dir, "en", "labels"), `other = "Contact person"`, `other = "Person to contact"`)
	if rep, err := load(t, dir).Stamp([]string{"de"}); err != nil || !slices.Equal(rep.Done, []string{"every translation has a hash; nothing to stamp"}) {
		t.Errorf("stamp of a stale label: %q, %v", rep.Done, err)
	}

	// A translation with an error is not stamped, and nothing is written.
	os.WriteFile(path, []byte(strings.Replace(hashLine.ReplaceAllString(stamped, ""), "Seite {{.Page}} von {{.Pages}}", "Seite {{.Page}}", 1)), 0o644)
	before := snapshot(t, dir)
	if _, err := load(t, dir).Stamp([]string{"de"}); err == nil || !strings.Contains(err.Error(), path+":") || !strings.Contains(err.Error(), "{{.Pages}}") {
		t.Errorf("stamp of a label that lost a placeholder: %v", err)
	}
	sameFiles(t, before, snapshot(t, dir))
}

// TestAddWithShippedLabels adds a language whose labels fsn ships: add keeps
// them byte for byte and writes only the work file of the notice.
func TestAddWithShippedLabels(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	// German as if it were not a language of the project yet: labels only.
	os.Remove(localePath(dir, "de", seed))
	fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "languages: [en, it, de]", "languages: [en, it]")
	labels := localePath(dir, "de", "labels")
	shipped := read(t, labels)
	p := load(t, dir)
	if why := p.Started("de", nil); why != "" {
		t.Fatalf("de with labels only counts as started: %s", why)
	}
	if why := p.Started("it", nil); !strings.Contains(why, "lists it") {
		t.Errorf("it counts as started because %q", why)
	}
	rep, err := p.Add("de", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("kept %s: %d of %[2]d labels translated", labels, shippedLabels(t)),
		"wrote " + workPath(dir, "de", seed) + ": 59 to translate (59 missing)",
		labels + ": nothing to translate",
		"wrote " + localePath(dir, "en", seed) + ": the go-i18n source file of notice " + seed + ", 59 messages",
	}
	if !slices.Equal(rep.Done, want) {
		t.Errorf("add said\n%q, want\n%q", rep.Done, want)
	}
	if read(t, labels) != shipped {
		t.Error("add changed the shipped labels")
	}
	if _, err := os.Stat(workPath(dir, "de", "labels")); err == nil {
		t.Error("add wrote a work file of labels that need no work")
	}
	if why := load(t, dir).Started("de", nil); !strings.Contains(why, "work file of notice "+seed) {
		t.Errorf("after add, de counts as started because %q", why)
	}
}

// TestLabelVariantIsStaleWithItsLabel gives the German labels a variant of
// "signed" for a female signatory: it counts as a label of the file, and is
// stale, and offered by sync, when the English "signed" changes.
func TestLabelVariantIsStaleWithItsLabel(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	path := localePath(dir, "de", "labels")
	p := load(t, dir)
	var hash string
	for _, s := range p.sources(Target{Name: "labels", Lang: "de"}) {
		if s.ID == "signed" {
			hash = s.hash
		}
	}
	os.WriteFile(path, []byte(read(t, path)+"\n[labels.signed-female]\ndescription = \"x\"\nhash = \""+hash+"\"\nother = \"Unterzeichnet von\"\n"), 0o644)
	labels := len(p.Catalog.File("en", "labels").Messages)
	if c := load(t, dir).Status([]string{"de"}).Cell("labels", "de"); c.Messages != labels+1 || c.Translated != labels+1 || len(c.Work) != 0 {
		t.Errorf("with a current variant the German labels are %+v, work %+v", c.Summary, c.Work)
	}
	fsntest.Replace(t, localePath(dir, "en", "labels"), `other = "Signed"`, `other = "Signed by"`)
	p = load(t, dir)
	c := p.Status([]string{"de"}).Cell("labels", "de")
	var stale []string
	for _, w := range c.Work {
		stale = append(stale, w.ID+":"+w.State)
	}
	if !slices.Equal(stale, []string{"signed:stale", "signed-female:stale"}) {
		t.Errorf("after the English label changed, the German labels need %q", stale)
	}
	if _, err := p.Sync([]string{"de"}); err != nil {
		t.Fatal(err)
	}
	w, err := l10n.ReadWorkFile(workPath(dir, "de", "labels"))
	if err != nil {
		t.Fatal(err)
	}
	if e := w.Entry("signed-female"); e == nil || e.Other != "Signed by" || !strings.Contains(e.Description, "A variant of label signed, which fsn uses instead of it when the notice's signatory.gender is female.") {
		t.Errorf("the work file's entry of the variant is %+v", e)
	}
}

// TestEnglishPluralFormEditMakesTranslationsStale changes only the "one" form
// of an English label: its translations become stale, and sync shows the form
// as it read.
func TestEnglishPluralFormEditMakesTranslationsStale(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	if _, err := load(t, dir).Sync(nil); err != nil { // records the sources
		t.Fatal(err)
	}
	fsntest.Replace(t, localePath(dir, "en", "labels"), `one = "The following medical device is or may be affected:"`, `one = "This medical device is or may be affected:"`)
	p := load(t, dir)
	for _, lang := range []string{"it", "de"} {
		c := p.Status([]string{lang}).Cell("labels", lang)
		if c.Stale != 1 || len(c.Work) != 1 || c.Work[0].ID != "devices-intro" || c.Work[0].State != Stale {
			t.Errorf("%s: the labels cell is %d stale, work %+v; want devices-intro stale", lang, c.Stale, c.Work)
		}
	}
}

// shippedLabels counts the labels fsn ships: the messages of the English labels file.
func shippedLabels(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fsntest.Root(t), "locales", "en", "labels.en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return len(regexp.MustCompile(`(?m)^\[[^\]]+\]$`).FindAll(data, -1))
}
