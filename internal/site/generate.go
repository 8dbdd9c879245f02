package site

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"golang.org/x/text/message"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/sign"
)

// generator holds what every file of a site is made from.
type generator struct {
	opts Options
	tmpl *templates
	// editions are the templates of the editions, which make the Markdown that
	// a notice's page is rendered from.
	editions *render.Templates
	// langs are the languages of the site, sorted; rootLang is the one of the
	// start page: the source language most notices share.
	langs    []string
	rootLang string
	// names are the languages' names in themselves, for the language switchers.
	names map[string]string
	// byLang lists the editions of each language, newest first; byNotice those of
	// each notice id, by language.
	byLang   map[string][]*edition
	byNotice map[string][]*edition
	// listed are the editions the index and the feed of each language list,
	// newest first: its own, and in the section of a country's editions
	// (fr-CH) the language's editions that are for that country too (listings).
	listed  map[string][]*edition
	notices []*notice.Notice // the published notices, by id
	records map[string]*record.Record
}

// edition is one language of one notice, as the site publishes it.
type edition struct {
	n   *notice.Notice
	ed  *l10n.Edition
	doc *render.Document
	// files are the published editions: the PDF, then the Markdown.
	files []*download
}

// download is an edition file the site publishes.
type download struct {
	name   string // as the build names it: <id>.<lang>.<format>
	path   string // from the site's root
	format build.Format
	size   int
	sha256 string
	data   []byte
}

// publishedFormats are the formats the site offers for download, in that order.
var publishedFormats = []build.Format{build.PDF, build.Markdown}

// mediaTypes are the media types of the published formats.
var mediaTypes = map[build.Format]string{build.PDF: "application/pdf", build.Markdown: "text/markdown; charset=utf-8"}

func newGenerator(opts Options) (*generator, error) {
	tmpl, err := loadTemplates(opts.TemplatesDir)
	if err != nil {
		return nil, err
	}
	editions, err := render.LoadTemplates(opts.TemplatesDir)
	if err != nil {
		return nil, err
	}
	for i, f := range tmpl.styles {
		if f.Path == render.StyleSheetFile { // the brand colour of pdf.yaml, as in the HTML edition
			tmpl.styles[i].Data = append([]byte(editions.BrandCSS()), f.Data...)
		}
	}
	g := &generator{opts: opts, tmpl: tmpl, editions: editions, byLang: map[string][]*edition{}, byNotice: map[string][]*edition{}, records: map[string]*record.Record{}}
	notices := map[string]*notice.Notice{}
	for _, n := range opts.Notices {
		notices[n.ID] = n
	}
	var errs diag.List
	sources := map[string]int{}
	for _, rec := range opts.Records {
		n := notices[rec.Notice]
		recPath := filepath.Join(opts.EditionsDir, rec.Notice, record.Name(rec.Notice))
		if n == nil {
			errs.Errorf(diag.Pos{File: recPath}, "the build record is of notice %s, which is not among the notices to publish", rec.Notice)
			continue
		}
		g.notices = append(g.notices, n)
		g.records[n.ID] = rec
		sources[n.SourceLanguage]++
		for _, be := range rec.Editions {
			e, err := g.edition(n, be, recPath)
			if err != nil {
				errs = append(errs, diag.From(err)...)
				continue
			}
			g.byLang[be.Lang] = append(g.byLang[be.Lang], e)
			g.byNotice[n.ID] = append(g.byNotice[n.ID], e)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(g.notices) == 0 {
		return nil, diag.Errorf(diag.Pos{File: opts.EditionsDir}, "no notice to publish: the build wrote no editions")
	}
	sort.Slice(g.notices, func(i, j int) bool { return g.notices[i].ID < g.notices[j].ID })
	for lang, eds := range g.byLang {
		g.langs = append(g.langs, lang)
		sort.Slice(eds, func(i, j int) bool { return newer(eds[i].n, eds[j].n) })
	}
	sort.Strings(g.langs)
	for _, eds := range g.byNotice {
		sort.Slice(eds, func(i, j int) bool { return eds[i].ed.Lang < eds[j].ed.Lang })
	}
	g.rootLang = g.langs[0]
	g.names = map[string]string{}
	for _, lang := range g.langs {
		if sources[lang] > sources[g.rootLang] {
			g.rootLang = lang
		}
		if g.names[lang], err = g.labels(lang).Label("language-name"); err != nil {
			errs = append(errs, diag.From(err)...)
		}
		g.names[lang] = g.sectionName(lang, g.names[lang])
	}
	g.listed = g.listings()
	if len(errs) > 0 {
		return nil, errs
	}
	return g, nil
}

// newer orders notices newest first, then by id.
func newer(a, b *notice.Notice) bool {
	if !a.Date.Equal(b.Date.Time) {
		return a.Date.After(b.Date.Time)
	}
	return a.ID < b.ID
}

// edition localises n into the language of the built edition be and reads the
// files the site publishes, which must be those the build record describes.
func (g *generator) edition(n *notice.Notice, be *record.Edition, recPath string) (*edition, error) {
	ed, err := g.opts.Catalog.Localize(n, be.Lang)
	if err != nil {
		return nil, err
	}
	e := &edition{n: n, ed: ed}
	for _, f := range publishedFormats {
		name := fmt.Sprintf("%s.%s.%s", n.ID, be.Lang, f)
		built := g.records[n.ID].File(be.Lang, name)
		if built == nil {
			return nil, diag.Errorf(diag.Pos{File: recPath}, "%s: the build wrote no %s; build every format of the notice before publishing it", be.Lang, name)
		}
		p := filepath.Join(g.opts.EditionsDir, n.ID, name)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: p}, "cannot read the edition: %v", err)
		}
		if record.Hash(data) != built.SHA256 {
			return nil, diag.Errorf(diag.Pos{File: p}, "the edition changed after the build (its SHA-256 differs from %s's); build again", filepath.Base(recPath))
		}
		e.files = append(e.files, &download{
			name: name, path: noticeDir(be.Lang, n.ID) + name, format: f,
			size: len(data), sha256: built.SHA256, data: data,
		})
		if f == build.Markdown {
			// The page needs the headings' ids, which the published Markdown leaves
			// out: it is rendered from the Markdown the build published that file from.
			if e.doc, err = g.editions.Markdown(ed); err != nil {
				return nil, err
			}
			if !bytes.Equal(e.doc.Published(), data) {
				return nil, diag.Errorf(diag.Pos{File: p}, "the edition is not what the notice and the templates make now; build again")
			}
			if e.doc.Images, err = render.NoticeImages(n); err != nil {
				return nil, err
			}
		}
	}
	return e, nil
}

// files makes every file of the site but SHA256SUMS.
func (g *generator) files() ([]File, error) {
	files := slices.Clone(g.tmpl.styles)
	root, err := g.rootPage()
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: rootPage, Data: root})
	for _, lang := range g.langs {
		index, err := g.indexPage(lang)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: indexDir(lang) + "index.html", Data: index})
		for _, e := range g.byLang[lang] {
			page, err := g.noticePage(e)
			if err != nil {
				return nil, err
			}
			files = append(files, File{Path: noticeDir(lang, e.n.ID) + "index.html", Data: page})
			for _, d := range e.files {
				files = append(files, File{Path: d.path, Data: d.data})
			}
			if e.doc != nil { // the Markdown download shows the notice's images from beside it
				for _, name := range slices.Sorted(maps.Keys(e.doc.Images)) {
					files = append(files, File{Path: noticeDir(lang, e.n.ID) + name, Data: e.doc.Images[name].Data})
				}
			}
		}
		if g.opts.BaseURL != nil {
			feed, err := g.feed(lang)
			if err != nil {
				return nil, err
			}
			files = append(files, File{Path: indexDir(lang) + feedName, Data: feed})
		}
	}
	if g.opts.BaseURL != nil {
		files = append(files, File{Path: sitemapPath, Data: g.sitemap()})
	}
	manifest, err := g.manifest()
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: manifestPath, Data: manifest})
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// labels returns an edition of lang to answer the labels of the pages that
// belong to no one notice: the newest notice's.
func (g *generator) labels(lang string) *l10n.Edition { return g.byLang[lang][0].ed }

// page is what the layout of every page shows.
type page struct {
	Lang        string
	Title       string
	Description string
	Generator   string
	// Root is the link from the page to the site's root: "", "../" or "../../".
	Root string
	// Home is the link to the index of the page's language.
	Home string
	// Canonical is the page's absolute URL, or "" without a base URL.
	Canonical string
	// Alternates are the page in every language, for <link rel="alternate" hreflang>.
	Alternates []link
	// Languages switch to the page in another language; empty on the start page.
	Languages []link
	// Feed is the link to the Atom feed of the page's language, or "".
	Feed string
	// Development says the site's PDFs are signed with the development
	// certificate: every page shows the banner development-warning.
	Development bool
}

// link is a link to a version of a page in one language.
type link struct {
	Lang    string // BCP 47, or x-default
	Name    string // the language's name in itself
	Href    string
	Current bool
}

// newPage returns the layout's data of the page in folder dir (from the site's
// root) in lang, whose versions in every language are in versions.
func (g *generator) newPage(dir, lang, title string, versions map[string]string) page {
	p := page{
		Lang: lang, Title: title, Generator: g.opts.Generator,
		Root: relative(dir, ""), Home: relative(dir, indexDir(lang)),
		Canonical: absolute(g.opts.BaseURL, dir),
	}
	if g.opts.BaseURL != nil && dir != "" {
		p.Feed = relative(dir, indexDir(lang)+feedName)
	}
	p.Development = g.development()
	for _, l := range sortedKeys(versions) {
		href := relative(dir, versions[l])
		if g.opts.BaseURL != nil {
			href = absolute(g.opts.BaseURL, versions[l])
		}
		p.Alternates = append(p.Alternates, link{Lang: l, Href: href})
		if l != "x-default" {
			p.Languages = append(p.Languages, link{Lang: l, Name: g.names[l], Href: relative(dir, versions[l]), Current: l == lang})
		}
	}
	return p
}

// development reports whether a notice of the site is signed with the
// development certificate: fsn publish refuses that, but a site made from a test
// build says so on every page.
func (g *generator) development() bool {
	for _, rec := range g.records {
		if rec.Signer == sign.DevelopmentCommonName {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// indexVersions are the index pages of every language, with the start page as
// the version for any other language.
func (g *generator) indexVersions() map[string]string {
	v := map[string]string{"x-default": ""}
	for _, lang := range g.langs {
		v[lang] = indexDir(lang)
	}
	return v
}

// choice is a language on the start page.
type choice struct {
	Lang, Name, Title, Href string
}

func (g *generator) rootPage() ([]byte, error) {
	ed := g.labels(g.rootLang)
	title, err := ed.Label("site-title")
	if err != nil {
		return nil, err
	}
	data := struct {
		page
		Choices []choice
	}{page: g.newPage("", g.rootLang, title, g.indexVersions())}
	data.Languages = nil // the start page lists them as its content
	data.Home = "./"
	for _, lang := range g.langs {
		c := choice{Lang: lang, Name: g.names[lang], Href: relative("", indexDir(lang))}
		if c.Title, err = g.labels(lang).Label("site-title"); err != nil {
			return nil, err
		}
		data.Choices = append(data.Choices, c)
	}
	return g.tmpl.execute(g.tmpl.root, ed, data)
}

// entry is a notice as the index of one language lists it.
type entry struct {
	ID        string
	Reference string
	// Date is the notice's date as YYYY-MM-DD, DateText as the language writes it.
	Date, DateText string
	Subject        string
	Product        string
	Type           string
	Devices        []notice.Device
	// Href is the link to the notice's page from the page that shows the entry.
	Href string
}

// entry returns what the index of e's language says about e, for a page in folder from.
func (g *generator) entry(e *edition, from string) (*entry, error) {
	n := e.ed.Notice
	en := &entry{
		ID: n.ID, Reference: n.Reference, Date: n.Date.Format(time.DateOnly),
		Subject: render.PlainText(n.Subject.Value), Product: render.PlainText(n.Product.Value),
		Devices: n.Devices, Href: relative(from, noticeDir(e.ed.Lang, n.ID)),
	}
	var err error
	if en.DateText, err = e.ed.FormatDate(n.Date.Time); err != nil {
		return nil, err
	}
	if n.Type == notice.FollowUp {
		en.Type, err = e.ed.Label("type-follow-up", "Follows", n.Follows)
	} else {
		en.Type, err = e.ed.Label("type-new")
	}
	return en, err
}

func (g *generator) indexPage(lang string) ([]byte, error) {
	ed := g.labels(lang)
	title, err := ed.Label("site-title")
	if err != nil {
		return nil, err
	}
	dir := indexDir(lang)
	data := struct {
		page
		Notices []*entry
	}{page: g.newPage(dir, lang, title, g.indexVersions())}
	if data.Description, err = ed.Label("site-intro"); err != nil {
		return nil, err
	}
	for _, e := range g.listed[lang] {
		en, err := g.entry(e, dir)
		if err != nil {
			return nil, err
		}
		data.Notices = append(data.Notices, en)
	}
	return g.tmpl.execute(g.tmpl.index, ed, data)
}

// fileLink is a download link on a notice's page.
type fileLink struct {
	Name, Href, MediaType string
	Format                build.Format
	// Size is the file's size as the language writes it, such as "62 kB".
	Size string
}

func (g *generator) noticePage(e *edition) ([]byte, error) {
	lang, n := e.ed.Lang, e.ed.Notice
	dir := noticeDir(lang, n.ID)
	en, err := g.entry(e, dir)
	if err != nil {
		return nil, err
	}
	title, err := e.ed.Label("title")
	if err != nil {
		return nil, err
	}
	versions := map[string]string{}
	for _, other := range g.byNotice[n.ID] {
		versions[other.ed.Lang] = noticeDir(other.ed.Lang, n.ID)
	}
	body, err := e.doc.HTML(render.PhoneNumbers(e.ed.Notice))
	if err != nil {
		return nil, fmt.Errorf("%s: %s: cannot render the Markdown edition: %w", n.File, lang, err)
	}
	data := struct {
		page
		Notice      *entry
		Body        htmltemplate.HTML
		Files       []fileLink
		Signatory   string
		Certificate string
	}{
		page:   g.newPage(dir, lang, title+": "+en.Subject, versions),
		Notice: en, Body: body, Signatory: n.Signatory.Name, Certificate: g.records[n.ID].Signer,
	}
	data.Description = en.Subject + " – " + en.Product
	printer := message.NewPrinter(e.ed.Tag)
	for _, d := range e.files {
		data.Files = append(data.Files, fileLink{
			Name: d.name, Href: d.name, MediaType: mediaTypes[d.format], Format: d.format,
			Size: printer.Sprintf("%d kB", (d.size+999)/1000),
		})
	}
	return g.tmpl.execute(g.tmpl.notice, e.ed, data)
}

// checksums returns the SHA256SUMS file of files, as sha256sum writes it.
func checksums(files []File) []byte {
	var b bytes.Buffer
	for _, f := range files {
		fmt.Fprintf(&b, "%s  %s\n", record.Hash(f.Data), f.Path)
	}
	return b.Bytes()
}
