package build

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
)

// countriesOptions build the notices of testdata/countries into out: one sent
// to Belgium, Switzerland and France, whose Swiss edition names the Swiss
// representative, and one that names no countries.
func countriesOptions(out string) Options {
	opts := seedOptions(out)
	opts.Notices = nil // every notice of testdata/countries
	opts.NoticesDir = filepath.Join("testdata", "countries", "notices")
	opts.LocalesDir = project.Locales(filepath.Join("testdata", "countries", "locales"))
	return opts
}

// contactSection returns the text of the Markdown edition md between the
// contact heading and the signature.
func contactSection(t *testing.T, md string) string {
	t.Helper()
	_, s, ok := strings.Cut(md, "## Personne à contacter")
	s, _, ok2 := strings.Cut(s, "Signature")
	if !ok || !ok2 {
		t.Fatalf("the edition has no contact section:\n%s", md)
	}
	return s
}

// TestCountryEditions builds the notice of three countries: one edition per
// country of its shared language, each declaring its tag in HTML, PDF and XMP
// and naming its country's contact, all verified; the notice without
// countries keeps its editions' names.
func TestCountryEditions(t *testing.T) {
	const id = "acme-pump-2026-07"
	opts := countriesOptions(t.TempDir())
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	var tags []string
	for _, rec := range res.Records {
		for _, ed := range rec.Editions {
			tags = append(tags, rec.Notice+":"+ed.Lang)
		}
	}
	if want := []string{"acme-pump-2026-06:en", "acme-pump-2026-06:fr", id + ":en", id + ":fr-BE", id + ":fr-CH", id + ":fr-FR"}; !slices.Equal(tags, want) {
		t.Errorf("editions %v, want %v", tags, want)
	}
	dir := filepath.Join(opts.OutDir, id)
	if _, err := os.Stat(filepath.Join(dir, id+".fr.md")); err == nil {
		t.Errorf("%s.fr.md was written; the French editions of this notice are per country", id)
	}
	for tag, contact := range map[string][]string{
		"fr-BE": {"Jane Doe", "Responsable de la sécurité", "Allemagne", "+49 30 123456", "safety@acme.example"},
		"fr-CH": {"Luca Meier", "Mandataire suisse", "Acme Medical Schweiz AG", "8001 Zürich", "Suisse", "+41 44 123 45 67", "ch-rep@acme.example"},
		"fr-FR": {"Jane Doe", "safety@acme.example"},
	} {
		base := filepath.Join(dir, id+"."+tag+".")
		md, err := os.ReadFile(base + "md")
		if err != nil {
			t.Fatal(err)
		}
		section := contactSection(t, string(md))
		for _, s := range contact {
			if !strings.Contains(section, s) {
				t.Errorf("%s: the contact section does not name %q:\n%s", tag, s, section)
			}
		}
		if other := map[bool]string{true: "Jane Doe", false: "Luca Meier"}[tag == "fr-CH"]; strings.Contains(section, other) {
			t.Errorf("%s: the contact section names %s, another country's contact", tag, other)
		}
		page, err := os.ReadFile(base + "html")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), `<html lang="`+tag+`"`) {
			t.Errorf("%s: the HTML edition does not declare lang=%q", tag, tag)
		}
		if tag == "fr-CH" && !strings.Contains(string(page), `<a href="tel:+41441234567">`) {
			t.Errorf("%s: the HTML edition does not link the local contact's phone", tag)
		}
		if lang, xmp := pdfLanguage(t, base+"pdf"); lang != tag || xmp != tag {
			t.Errorf("%s: the PDF's /Lang is %q and its dc:language %q", tag, lang, xmp)
		}
	}

	notices, err := notice.LoadAll([]string{filepath.Join(opts.NoticesDir, "acme-pump-2026-06"), filepath.Join(opts.NoticesDir, id)})
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := l10n.Load(opts.LocalesDir)
	if err != nil {
		t.Fatal(err)
	}
	verify := func() []string {
		r, err := check.Verify(notices, catalog, check.VerifyOptions{OutDir: opts.OutDir, TemplatesDir: opts.TemplatesDir})
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, f := range r.Errors() {
			found = append(found, f.Error())
		}
		if len(r.Editions) != 18 {
			t.Errorf("verify read %d editions, want 18", len(r.Editions))
		}
		return found
	}
	if errs := verify(); len(errs) > 0 {
		t.Fatalf("verify of a fresh build: %s", strings.Join(errs, "\n"))
	}
	// The Swiss Markdown edition names the manufacturer's contact instead, and the
	// record is made to match: verify finds the Swiss representative missing.
	name := id + ".fr-CH.md"
	path := filepath.Join(dir, name)
	md, _ := os.ReadFile(path)
	broken := strings.NewReplacer("Luca Meier", "Jane Doe", "+41 44 123 45 67", "+49 30 123456").Replace(string(md))
	writeFileT(t, path, broken)
	recPath := filepath.Join(dir, record.Name(id))
	rec, err := record.Read(recPath)
	if err != nil {
		t.Fatal(err)
	}
	*rec.File("fr-CH", name) = record.NewFile(name, []byte(broken))
	data, _ := rec.Marshal()
	writeFileT(t, recPath, string(data))
	errs := verify()
	if len(errs) != 2 || !strings.Contains(errs[0], "["+check.ContactMissing+"]: fr-CH: the Markdown edition's contact section lacks the name of its contact, \"Luca Meier\"") ||
		!strings.Contains(errs[1], "lacks the phone number of its contact") {
		t.Errorf("verify of a Swiss edition naming another contact finds:\n%s", strings.Join(errs, "\n"))
	}
}

// TestCountryEditionsSelected checks that --lang names a language's editions
// or one country's, and that a build of nothing new takes every file as it is.
func TestCountryEditionsSelected(t *testing.T) {
	const id = "acme-pump-2026-07"
	opts := countriesOptions(t.TempDir())
	opts.Notices = []string{filepath.Join(opts.NoticesDir, id)}
	opts.Formats = []Format{Markdown}
	for _, tt := range []struct {
		langs []string
		want  []string
	}{
		{[]string{"fr"}, []string{"fr-BE", "fr-CH", "fr-FR"}},
		{[]string{"fr-CH", "en"}, []string{"en", "fr-CH"}},
	} {
		opts.Notices = []string{filepath.Join(opts.NoticesDir, id)}
		opts.Languages, opts.OutDir = tt.langs, t.TempDir()
		res, err := Run(opts)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ed := range res.Records[0].Editions {
			got = append(got, ed.Lang)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("--lang %v builds %v, want %v", tt.langs, got, tt.want)
		}
	}
	// The notice without countries has one French edition, which is the Swiss one too.
	opts.Notices, opts.Languages, opts.OutDir = nil, []string{"fr-CH"}, t.TempDir()
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 2 || res.Records[0].Editions[0].Lang != "fr" || res.Records[1].Editions[0].Lang != "fr-CH" {
		t.Errorf("--lang fr-CH of both notices builds %+v %+v, want fr and fr-CH", res.Records[0].Editions[0], res.Records[1].Editions[0])
	}
	opts.Notices = []string{filepath.Join(opts.NoticesDir, id)}
	opts.Languages = []string{"fr-IT"}
	if _, err := Run(opts); err == nil || !strings.Contains(err.Error(), `notice acme-pump-2026-07 has no "fr-IT" edition; its editions are en, fr-BE, fr-CH, fr-FR`) {
		t.Errorf("--lang fr-IT: %v", err)
	}
	opts.Languages = nil
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	res, err = Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reused != 4 || len(res.Written) != 0 {
		t.Errorf("a second build reused %d files and wrote %v; want 4 reused, none written", res.Reused, res.Written)
	}
}

var xmpLanguage = regexp.MustCompile(`<dc:language><rdf:Bag><rdf:li>([^<]*)</rdf:li>`)

// pdfLanguage returns the PDF's catalog /Lang and its XMP dc:language.
func pdfLanguage(t *testing.T, path string) (lang, xmp string) {
	t.Helper()
	f, r, err := pdf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	root := r.Trailer().Key("Root")
	rd := root.Key("Metadata").Reader()
	defer rd.Close()
	data, err := io.ReadAll(rd)
	if err != nil {
		t.Fatalf("%s: the XMP metadata: %v", path, err)
	}
	if m := xmpLanguage.FindSubmatch(data); m != nil {
		xmp = string(m[1])
	}
	return root.Key("Lang").Text(), xmp
}

func writeFileT(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
