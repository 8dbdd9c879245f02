package site

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/sign"
)

// The project's own sources: the tests publish the seed notice.
const (
	noticesDir   = "../../notices"
	localesDir   = "../../locales"
	templatesDir = "../../templates"
	seedID       = fsntest.Seed
)

var testBase = mustURL("https://example.com/safety/")

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// published is a site the tests publish once and share; tests that change a
// site make their own.
var published struct {
	once sync.Once
	root string
	opts PublishOptions
	res  *Published
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if published.root != "" {
		os.RemoveAll(published.root)
	}
	os.Exit(code)
}

// seedSite publishes the seed notice once, with a certificate for its signatory, and
// returns the options and the result.
func seedSite(t *testing.T) (PublishOptions, *Published) {
	t.Helper()
	published.once.Do(func() {
		published.root, published.err = os.MkdirTemp("", "fsn-site-test-")
		if published.err != nil {
			return
		}
		published.opts, published.err = publishOptions(published.root, localesDir)
		if published.err != nil {
			return
		}
		published.res, published.err = Publish(published.opts)
	})
	if published.err != nil {
		t.Fatalf("publishing the seed notice: %v", published.err)
	}
	return published.opts, published.res
}

// publishOptions returns the options that publish the seed notice with the
// locales in locales, building into root/out and writing the site to root/site.
func publishOptions(root, locales string) (PublishOptions, error) {
	notices, err := notice.LoadAll([]string{filepath.Join(noticesDir, seedID)})
	if err != nil {
		return PublishOptions{}, err
	}
	catalog, err := l10n.Load(project.Locales(locales))
	if err != nil {
		return PublishOptions{}, err
	}
	certFile, keyFile, err := fsntest.WriteKeyFiles(filepath.Join(root, "signing"), fsntest.Signatory)
	if err != nil {
		return PublishOptions{}, err
	}
	signer, err := sign.Load(sign.Config{CertFile: certFile, KeyFile: keyFile}, time.Now())
	if err != nil {
		return PublishOptions{}, err
	}
	return PublishOptions{
		Notices: notices, Catalog: catalog,
		Build: build.Options{
			NoticesDir: noticesDir, LocalesDir: project.Locales(locales), TemplatesDir: project.Templates(templatesDir), OutDir: filepath.Join(root, "out"),
			Version: "test", Signer: signer,
		},
		Dir: filepath.Join(root, "site"), BaseURL: testBase,
	}, nil
}

// generate writes the site of the seed's build again, with opts changed by
// change, and returns its files by path.
func generate(t *testing.T, change func(*Options)) map[string][]byte {
	t.Helper()
	popts, res := seedSite(t)
	opts := Options{
		Notices: popts.Notices, Catalog: popts.Catalog, Records: res.Build.Records, EditionsDir: popts.Build.OutDir,
		TemplatesDir: project.Templates(templatesDir), BaseURL: testBase, Generator: "fsn test",
	}
	if change != nil {
		change(&opts)
	}
	files, err := writeSite(t, opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return files
}

// writeSite writes the site of opts into a folder of its own, checks that
// the files Write lists are those it wrote, and returns them by path.
func writeSite(t *testing.T, opts Options) (map[string][]byte, error) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	out, err := outdir.Open(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	s, err := Write(out, dir, opts)
	if err != nil {
		return nil, err
	}
	files := readTree(t, dir)
	if len(s.Files) != len(files) {
		t.Errorf("Write lists %d files, and wrote %d", len(s.Files), len(files))
	}
	for i, f := range s.Files {
		if i > 0 && s.Files[i-1].Path >= f.Path {
			t.Errorf("Write lists %s after %s", f.Path, s.Files[i-1].Path)
		}
		data, ok := files[f.Path]
		if !ok || len(data) != f.Size || record.Hash(data) != f.SHA256 {
			t.Errorf("Write lists %s with %d bytes and SHA-256 %s; it wrote %d bytes (%v)", f.Path, f.Size, f.SHA256, len(data), ok)
		}
	}
	return files, nil
}

// readTree returns every file below dir by its slash-separated path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// htmlPages returns the paths of the site's HTML pages, sorted.
func htmlPages(files map[string][]byte) []string {
	var pages []string
	for p := range files {
		if strings.HasSuffix(p, ".html") {
			pages = append(pages, p)
		}
	}
	slices.Sort(pages)
	return pages
}

func TestSiteLayout(t *testing.T) {
	opts, _ := seedSite(t)
	var got []string
	for p := range readTree(t, opts.Dir) {
		got = append(got, p)
	}
	slices.Sort(got)
	want := []string{"SHA256SUMS"}
	for _, lang := range []string{"de", "en", "it"} {
		want = append(want,
			lang+"/feed.xml", lang+"/index.html", lang+"/iqwebx-2017-11/index.html",
			lang+"/iqwebx-2017-11/iqwebx-2017-11."+lang+".md", lang+"/iqwebx-2017-11/iqwebx-2017-11."+lang+".pdf")
	}
	want = append(want, "index.html", "manifest.json", "site.css", "sitemap.xml", "style.css")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the site's files are\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	entries, err := os.ReadDir(filepath.Dir(opts.Dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("publish left %s beside the site", e.Name())
		}
	}
}

// TestRebuildKeepsURLs publishes again over the seed's site: the same files at
// the same paths; and generating twice from one build gives the same bytes.
func TestRebuildKeepsURLs(t *testing.T) {
	opts, _ := seedSite(t)
	root := t.TempDir()
	again, err := publishOptions(root, localesDir)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		if _, err := Publish(again); err != nil {
			t.Fatalf("publish %d: %v", i+1, err)
		}
	}
	first, second := readTree(t, opts.Dir), readTree(t, again.Dir)
	for p := range first {
		if _, ok := second[p]; !ok {
			t.Errorf("%s is gone after a rebuild", p)
		}
	}
	for p := range second {
		if _, ok := first[p]; !ok {
			t.Errorf("%s is new after a rebuild", p)
		}
	}
	for p, data := range second {
		// Signed PDFs carry their signing time; everything else depends on the
		// sources only, except what lists the PDFs' hashes and sizes.
		if !strings.HasSuffix(p, ".pdf") && p != checksumsPath && p != manifestPath && !strings.HasSuffix(p, feedName) &&
			!bytes.Equal(data, first[p]) {
			t.Errorf("%s differs after a rebuild from the same sources", p)
		}
	}

	a, b := generate(t, nil), generate(t, nil)
	if len(a) != len(b) {
		t.Fatalf("two generations give %d and %d files", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Errorf("%s differs between two generations from one build", p)
		}
	}
}

func TestManifest(t *testing.T) {
	opts, res := seedSite(t)
	files := readTree(t, opts.Dir)
	var m siteManifest
	dec := json.NewDecoder(bytes.NewReader(files[manifestPath]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m.BaseURL != testBase.String() || m.Generator != "fsn test" || len(m.Notices) != 1 {
		t.Fatalf("manifest: base %q, generator %q, %d notices", m.BaseURL, m.Generator, len(m.Notices))
	}
	n := m.Notices[0]
	src := opts.Notices[0]
	if n.ID != seedID || n.Reference != "IIS-FSN-2017-11" || n.Type != notice.New || n.Date.Format(time.DateOnly) != "2017-11-06" {
		t.Errorf("notice: id %q, reference %q, type %q, date %s", n.ID, n.Reference, n.Type, n.Date.Format(time.DateOnly))
	}
	if !slices.Equal(n.Languages, []string{"de", "en", "it"}) || n.SourceLanguage != "en" {
		t.Errorf("languages %v, source %q", n.Languages, n.SourceLanguage)
	}
	if n.Signer.Name != src.Signatory.Name || n.Signer.Certificate != fsntest.Signatory || n.Signer.Certificate != res.Build.Records[0].Signer {
		t.Errorf("signer %+v", n.Signer)
	}
	if len(n.Devices) != len(src.Devices) {
		t.Fatalf("%d devices, want %d", len(n.Devices), len(src.Devices))
	}
	for i, d := range n.Devices {
		if d.Name != src.Devices[i].Name || d.Version != src.Devices[i].Version || d.UDIDI != src.Devices[i].UDIDI {
			t.Errorf("device %d: %+v, want %s %s", i, d, src.Devices[i].Name, src.Devices[i].Version)
		}
	}
	if n.Devices[1].Version != "≤ 6.4.5" {
		t.Errorf("iQ-WEB's version is %q, want ≤ 6.4.5", n.Devices[1].Version)
	}
	var paths []string
	for _, e := range n.Editions {
		if e.Page != e.Lang+"/"+seedID+"/" || e.URL != testBase.String()+e.Page || e.Title == "" {
			t.Errorf("edition %s: page %q, url %q, title %q", e.Lang, e.Page, e.URL, e.Title)
		}
		for _, f := range e.Files {
			paths = append(paths, f.Path)
			data, ok := files[f.Path]
			sum := sha256.Sum256(data)
			if !ok || f.Size != len(data) || f.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("%s: size %d and sha256 %s do not match the site's file (%v, %d bytes)", f.Path, f.Size, f.SHA256, ok, len(data))
			}
			if f.URL != testBase.String()+f.Path {
				t.Errorf("%s: url %q", f.Path, f.URL)
			}
		}
	}
	want := []string{"de/iqwebx-2017-11/iqwebx-2017-11.de.pdf", "de/iqwebx-2017-11/iqwebx-2017-11.de.md",
		"en/iqwebx-2017-11/iqwebx-2017-11.en.pdf", "en/iqwebx-2017-11/iqwebx-2017-11.en.md",
		"it/iqwebx-2017-11/iqwebx-2017-11.it.pdf", "it/iqwebx-2017-11/iqwebx-2017-11.it.md"}
	if !slices.Equal(paths, want) {
		t.Errorf("manifest files %v, want %v", paths, want)
	}
	// The published PDF is the one the build signed, and its signature verifies.
	pdf := files["it/iqwebx-2017-11/iqwebx-2017-11.it.pdf"]
	if _, err := sign.Verify(pdf, sign.VerifyOptions{Signer: src.Signatory.Name}); err != nil {
		t.Errorf("the published Italian PDF: %v", err)
	}
}

var checksumLine = regexp.MustCompile(`^([0-9a-f]{64})  (\S+)$`)

func TestChecksums(t *testing.T) {
	opts, _ := seedSite(t)
	files := readTree(t, opts.Dir)
	var listed []string
	sc := bufio.NewScanner(bytes.NewReader(files[checksumsPath]))
	for sc.Scan() {
		m := checksumLine.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("SHA256SUMS line %q is not as sha256sum writes it", sc.Text())
		}
		sum := sha256.Sum256(files[m[2]])
		if hex.EncodeToString(sum[:]) != m[1] {
			t.Errorf("SHA256SUMS: wrong sum for %s", m[2])
		}
		listed = append(listed, m[2])
	}
	var want []string
	for p := range files {
		if p != checksumsPath {
			want = append(want, p)
		}
	}
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("SHA256SUMS lists\n  %v\nwant every other file, sorted:\n  %v", listed, want)
	}
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Log("sha256sum is not installed; not checked with it")
		return
	}
	cmd := exec.Command("sha256sum", "--check", "--strict", "--quiet", checksumsPath)
	cmd.Dir = opts.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("sha256sum --check: %v\n%s", err, out)
	}
}

// TestXML checks that the sitemap and the feeds are well-formed and list every
// page and edition with absolute URLs under the base URL.
func TestXML(t *testing.T) {
	opts, _ := seedSite(t)
	files := readTree(t, opts.Dir)
	for p, data := range files {
		if strings.HasSuffix(p, ".xml") {
			if err := wellFormed(data); err != nil {
				t.Errorf("%s is not well-formed XML: %v", p, err)
			}
		}
	}
	var sm struct {
		URLs []struct {
			Loc        string `xml:"loc"`
			LastMod    string `xml:"lastmod"`
			Alternates []struct {
				Rel      string `xml:"rel,attr"`
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(files[sitemapPath], &sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]int{}
	for _, u := range sm.URLs {
		locs[u.Loc] = len(u.Alternates)
		if u.LastMod != "2017-11-06" {
			t.Errorf("sitemap: %s lastmod %q", u.Loc, u.LastMod)
		}
		for _, a := range u.Alternates {
			if a.Rel != "alternate" || !strings.HasPrefix(a.Href, testBase.String()) {
				t.Errorf("sitemap: %s has alternate %+v", u.Loc, a)
			}
		}
	}
	for _, p := range htmlPages(files) {
		loc := testBase.String() + strings.TrimSuffix(p, "index.html")
		n, ok := locs[loc]
		switch {
		case !ok:
			t.Errorf("sitemap.xml does not list %s", loc)
		case p != "index.html" && strings.Count(p, "/") == 2 && n != 3:
			t.Errorf("sitemap: notice page %s has %d hreflang alternates, want 3", loc, n)
		case strings.Count(p, "/") == 1 && n != 4:
			t.Errorf("sitemap: index %s has %d hreflang alternates, want 3 and x-default", loc, n)
		}
	}
	if len(locs) != len(htmlPages(files)) {
		t.Errorf("sitemap lists %d pages, the site has %d", len(locs), len(htmlPages(files)))
	}

	for _, lang := range []string{"de", "en", "it"} {
		var feed struct {
			Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
			Entries []struct {
				ID      string `xml:"id"`
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Links   []struct {
					Rel    string `xml:"rel,attr"`
					Type   string `xml:"type,attr"`
					Length int    `xml:"length,attr"`
					Href   string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"http://www.w3.org/2005/Atom entry"`
		}
		p := lang + "/" + feedName
		if err := xml.Unmarshal(files[p], &feed); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if feed.Lang != lang || feed.ID != testBase.String()+p || feed.Updated != "2017-11-06T00:00:00Z" || len(feed.Entries) != 1 {
			t.Fatalf("%s: lang %q, id %q, updated %q, %d entries", p, feed.Lang, feed.ID, feed.Updated, len(feed.Entries))
		}
		e := feed.Entries[0]
		if e.ID != testBase.String()+lang+"/"+seedID+"/" || e.Title == "" || e.Updated != feed.Updated {
			t.Errorf("%s: entry id %q, title %q, updated %q", p, e.ID, e.Title, e.Updated)
		}
		enclosures := 0
		for _, l := range e.Links {
			if l.Rel != "enclosure" {
				continue
			}
			enclosures++
			path := strings.TrimPrefix(l.Href, testBase.String())
			if len(files[path]) != l.Length {
				t.Errorf("%s: enclosure %s has length %d, the file %d bytes", p, l.Href, l.Length, len(files[path]))
			}
		}
		if enclosures != 2 {
			t.Errorf("%s: %d enclosures, want the PDF and the Markdown edition", p, enclosures)
		}
	}
}

func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestAccessibility checks each page for what a screen reader and a keyboard
// user need: its language, one h1, headings in order, landmarks, link texts that
// say where they go, and the other languages of the page.
func TestAccessibility(t *testing.T) {
	opts, _ := seedSite(t)
	files := readTree(t, opts.Dir)
	vague := map[string]bool{"here": true, "click here": true, "download": true, "link": true, "more": true,
		"qui": true, "clicca qui": true, "scarica": true, "hier": true, "herunterladen": true, "mehr": true}
	for _, p := range htmlPages(files) {
		doc, err := html.Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var (
			lang      string
			h1        int
			last      int
			landmarks = map[atom.Atom]int{}
			hreflangs []string
		)
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.DataAtom {
			case atom.Html:
				lang = attr(n, "lang")
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				level := int(n.Data[1] - '0')
				if level == 1 {
					h1++
				}
				if level > last+1 {
					t.Errorf("%s: heading h%d %q follows h%d: a level is skipped", p, level, text(n), last)
				}
				last = level
			case atom.Header, atom.Nav, atom.Main, atom.Footer:
				landmarks[n.DataAtom]++
			case atom.Link:
				if attr(n, "rel") == "alternate" && attr(n, "hreflang") != "" {
					hreflangs = append(hreflangs, attr(n, "hreflang"))
				}
			case atom.A:
				label := strings.ToLower(strings.TrimSpace(text(n)))
				switch {
				case label != "" && !vague[label]:
				case inside(n, atom.Article):
					// The notice's own text, as its author wrote it: reported, not failed.
					t.Logf("%s: the notice links %s with the text %q, which does not say where it goes", p, attr(n, "href"), label)
				default:
					t.Errorf("%s: link to %s has the text %q, which does not say where it goes", p, attr(n, "href"), label)
				}
			}
		}
		if lang == "" {
			t.Errorf("%s: <html> has no lang", p)
		}
		if h1 != 1 {
			t.Errorf("%s: %d h1 headings, want 1", p, h1)
		}
		for _, a := range []atom.Atom{atom.Header, atom.Main, atom.Footer} {
			if landmarks[a] != 1 {
				t.Errorf("%s: %d <%s> landmarks, want 1", p, landmarks[a], a)
			}
		}
		if p != rootPage && landmarks[atom.Nav] != 1 {
			t.Errorf("%s: no language switcher (<nav>)", p)
		}
		wantLangs := []string{"de", "en", "it"}
		if strings.Count(p, "/") < 2 {
			wantLangs = append(wantLangs, "x-default")
		}
		if !slices.Equal(hreflangs, wantLangs) {
			t.Errorf("%s: hreflang alternates %v, want %v", p, hreflangs, wantLangs)
		}
	}
}

// inside reports whether n is inside an element a.
func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// TestNoticePage checks what the Italian page of the seed links to and shows.
func TestNoticePage(t *testing.T) {
	opts, _ := seedSite(t)
	tree := readTree(t, opts.Dir)
	page := string(tree["it/iqwebx-2017-11/index.html"])
	pdfKB := (len(tree["it/iqwebx-2017-11/iqwebx-2017-11.it.pdf"]) + 999) / 1000 // the size changes with the fonts
	mdKB := (len(tree["it/iqwebx-2017-11/iqwebx-2017-11.it.md"]) + 999) / 1000   // and with the template
	for _, want := range []string{
		`<html lang="it">`,
		fmt.Sprintf(`<a href="iqwebx-2017-11.it.pdf" type="application/pdf">Edizione PDF firmata (%d kB)</a>`, pdfKB),
		fmt.Sprintf(`<a href="iqwebx-2017-11.it.md" type="text/markdown; charset=utf-8">Edizione Markdown (%d kB)</a>`, mdKB),
		`<link rel="alternate" hreflang="de" href="https://example.com/safety/de/iqwebx-2017-11/">`,
		`<link rel="canonical" href="https://example.com/safety/it/iqwebx-2017-11/">`,
		`<a href="../../de/iqwebx-2017-11/" hreflang="de" lang="de">Deutsch</a>`,
		`<a href="./" hreflang="it" lang="it" aria-current="page">Italiano</a>`,
		`<a href="../">Tutti gli avvisi di sicurezza</a>`,
		`<h1 id="title">Informazioni Urgenti sulla Sicurezza</h1>`,
		`<code>LicGen.exe</code>`,
		`firmata digitalmente da Dr. Arpad Bischof`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the Italian page lacks %s", want)
		}
	}
}

func TestWithoutBaseURL(t *testing.T) {
	files := generate(t, func(o *Options) { o.BaseURL = nil })
	for p, data := range files {
		if p == sitemapPath || strings.HasSuffix(p, feedName) {
			t.Errorf("without a base URL the site has %s", p)
		}
		if strings.Contains(string(data), "example.com") || strings.Contains(string(data), `rel="canonical"`) {
			t.Errorf("without a base URL, %s holds an absolute URL", p)
		}
		if p == "it/iqwebx-2017-11/index.html" && !strings.Contains(string(data), `<link rel="alternate" hreflang="de" href="../../de/iqwebx-2017-11/">`) {
			t.Errorf("without a base URL, the hreflang alternates are not relative links")
		}
	}
}

func TestRelative(t *testing.T) {
	tests := []struct{ from, target, want string }{
		{"", "", "./"},
		{"", "it/", "it/"},
		{"it/", "", "../"},
		{"it/", "it/", "./"},
		{"it/", "it/feed.xml", "feed.xml"},
		{"it/", "de/", "../de/"},
		{"it/x/", "it/", "../"},
		{"it/x/", "it/x/x.it.pdf", "x.it.pdf"},
		{"it/x/", "de/x/", "../../de/x/"},
		{"it/x/", "style.css", "../../style.css"},
	}
	for _, tt := range tests {
		if got := relative(tt.from, tt.target); got != tt.want {
			t.Errorf("relative(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
	for _, tt := range []struct{ base, target, want string }{
		{"https://example.com/safety/", "", "https://example.com/safety/"},
		{"https://example.com/safety/", "it/x/", "https://example.com/safety/it/x/"},
		{"https://example.com/", "it/x/x.it.pdf", "https://example.com/it/x/x.it.pdf"},
		{"https://example.com", "sitemap.xml", "https://example.com/sitemap.xml"},
	} {
		if got := absolute(mustURL(tt.base), tt.target); got != tt.want {
			t.Errorf("absolute(%q, %q) = %q, want %q", tt.base, tt.target, got, tt.want)
		}
	}
}

// TestFailedPublishKeepsPreviousSite breaks each step of a publication in turn:
// each must fail with a message that says where, and leave the site as it was.
func TestFailedPublishKeepsPreviousSite(t *testing.T) {
	root := t.TempDir()
	opts, err := publishOptions(root, localesDir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(opts); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, opts.Dir)

	brokenLocales := copyTree(t, localesDir, filepath.Join(root, "locales"))
	replaceIn(t, filepath.Join(brokenLocales, "it", seedID+".it.toml"), "LicGen.exe", "LicGen.com")
	missingLabel := copyTree(t, localesDir, filepath.Join(root, "locales-label"))
	replaceIn(t, filepath.Join(missingLabel, "de", "labels.de.toml"), "[labels.site-title]", "[labels.site-titel]")
	brokenTemplates := copyTree(t, templatesDir, filepath.Join(root, "templates"))
	replaceIn(t, filepath.Join(brokenTemplates, IndexTemplateFile), "range .Notices}}", "range .Notice}}")
	// A notice template that drops the text of each list's first step: the
	// translations are as checked, but the editions lack a step.
	stepless := copyTree(t, templatesDir, filepath.Join(root, "templates-stepless"))
	replaceIn(t, filepath.Join(stepless, "notice.md.tmpl"), "{{add $i 1}}. {{indent $s.Text}}", "{{add $i 1}}. {{if $i}}{{indent $s.Text}}{{end}}")

	tests := []struct {
		name   string
		change func(*PublishOptions)
		want   string
		// editionsKept says the build's out folder must be as it was too.
		editionsKept bool
	}{
		{"a translation check fails", func(o *PublishOptions) {
			o.Catalog = mustCatalog(t, brokenLocales)
			o.Build.LocalesDir = project.Locales(brokenLocales)
		}, "iqwebx-2017-11.it.toml", true},
		{"a label of the site is missing", func(o *PublishOptions) {
			o.Catalog = mustCatalog(t, missingLabel)
			o.Build.LocalesDir = project.Locales(missingLabel)
		}, "site-title", false},
		{"a site template is broken", func(o *PublishOptions) { o.Build.TemplatesDir = project.Templates(brokenTemplates) }, IndexTemplateFile, false},
		{"an edition lacks a step", func(o *PublishOptions) { o.Build.TemplatesDir = project.Templates(stepless) },
			"iqwebx-2017-11.it.pdf: error[step-count]: it: the PDF edition's list #actions-operators lacks", true},
		{"no signer", func(o *PublishOptions) { o.Build.Signer = nil }, "no signer", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := opts
			tt.change(&o)
			editionsBefore := readTree(t, opts.Build.OutDir) // an earlier case's build may have changed them
			_, err := Publish(o)
			if err == nil {
				t.Fatal("Publish succeeded")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("the error does not name %q:\n%v", tt.want, err)
			}
			after := readTree(t, opts.Dir)
			if len(after) != len(before) {
				t.Errorf("the site has %d files after a failed publish, %d before", len(after), len(before))
			}
			for p, data := range before {
				if !bytes.Equal(after[p], data) {
					t.Errorf("%s changed in a failed publish", p)
				}
			}
			if editions := readTree(t, opts.Build.OutDir); tt.editionsKept && !maps.EqualFunc(editions, editionsBefore, bytes.Equal) {
				t.Errorf("the build's out folder changed in a failed publish")
			}
		})
	}
}

func mustCatalog(t *testing.T, dir string) *l10n.Catalog {
	t.Helper()
	c, err := l10n.Load(project.Locales(dir))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func copyTree(t *testing.T, src, dst string) string {
	t.Helper()
	fsntest.CopyTree(t, src, dst)
	return dst
}

func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s holds no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTamperedEditions changes the built editions after the build: the site
// refuses an edition that is not the one its record describes, and the
// verification publish runs refuses a PDF whose signature does not verify.
func TestTamperedEditions(t *testing.T) {
	popts, res := seedSite(t)
	dir := copyTree(t, popts.Build.OutDir, filepath.Join(t.TempDir(), "out"))
	md := filepath.Join(dir, seedID, seedID+".de.md")
	replaceIn(t, md, "LicGen.exe", "LicGen.com")
	_, err := writeSite(t, Options{Notices: popts.Notices, Catalog: popts.Catalog, Records: res.Build.Records, EditionsDir: dir, TemplatesDir: project.Templates(templatesDir)})
	if err == nil || !strings.Contains(err.Error(), md+": error: the edition changed after the build") {
		t.Errorf("Write with an edited Markdown edition: %v", err)
	}

	pdf := filepath.Join(dir, seedID, seedID+".it.pdf")
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("/Title"))
	data[i+1] = 't' // one changed byte inside the signed range
	if err := os.WriteFile(pdf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	verified, err := check.Verify(popts.Notices, popts.Catalog, check.VerifyOptions{OutDir: dir, TemplatesDir: project.Templates(templatesDir), RequireSignature: true})
	if err != nil {
		t.Fatal(err)
	}
	errs := verified.Errors().Error()
	if !strings.Contains(errs, pdf+": error[signature]: it: the signature of the PDF edition does not verify") {
		t.Errorf("the changed PDF's signature is not reported:\n%s", errs)
	}
	if strings.Contains(errs, ".en.pdf") {
		t.Errorf("an intact PDF is blamed:\n%s", errs)
	}
}

// TestEveryPageHasItsLabels makes sure no page shows an English label in
// another language: each page's labels come from its own language.
func TestEveryPageHasItsLabels(t *testing.T) {
	opts, _ := seedSite(t)
	files := readTree(t, opts.Dir)
	english := []string{"Skip to the content", "Field Safety Notices", "Signed PDF edition", "Affected products"}
	for _, p := range htmlPages(files) {
		if strings.HasPrefix(p, "en/") || p == rootPage {
			continue
		}
		for _, s := range english {
			if bytes.Contains(files[p], []byte(s)) {
				t.Errorf("%s shows the English %q", p, s)
			}
		}
	}
}

// TestMissingLabel: a language without a label of the site is an error that
// names the label and the file it belongs in, never an English fallback.
func TestMissingLabel(t *testing.T) {
	locales := copyTree(t, localesDir, filepath.Join(t.TempDir(), "locales"))
	labels := filepath.Join(locales, "it", "labels.it.toml")
	replaceIn(t, labels, "[labels.site-files]", "[labels.site-file]")
	popts, res := seedSite(t)
	_, err := writeSite(t, Options{Notices: popts.Notices, Catalog: mustCatalog(t, locales), Records: res.Build.Records,
		EditionsDir: popts.Build.OutDir, TemplatesDir: project.Templates(templatesDir)})
	if err == nil || !strings.Contains(err.Error(), `label "site-files" is missing in `+labels) {
		t.Errorf("Write without the label site-files in Italian: %v", err)
	}
}
