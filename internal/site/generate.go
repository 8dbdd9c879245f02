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
	"github.com/fsn-tool/fsn/internal/parallel"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/sign"
)

// generator holds what every file of a site is made from. It keeps what
// the indexes, the feeds, the sitemap and the manifest need of each edition;
// an edition's texts and files are read when its page is written, a notice at
// a time, and given up after, so that a site of a thousand notices is made in
// the memory of one.
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
	// labelled answer, for each language, the labels of the pages that belong
	// to no one notice: they are the newest notice's editions.
	labelled map[string]*l10n.Edition
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
	n *notice.Notice
	// lang is the edition's tag (notice.Edition.Tag), language the language of
	// its texts and country the country of a country's edition, as
	// l10n.Edition has them.
	lang, language, country string
	// files are the published editions: the PDF, then the Markdown.
	files []*download
	// entry is what the indexes say about the edition, with Href from the
	// site's root; it is there once the edition's page is written.
	entry *entry
}

// download is an edition file the site publishes. It is kept for every
// edition of the site, so its name and paths are worked out when needed.
type download struct {
	format build.Format
	size   int
	sha256 string
}

// fileName is the name of e's file in format f, as the build names it:
// <id>.<lang>.<format>.
func (e *edition) fileName(f build.Format) string {
	return e.n.ID + "." + e.lang + "." + string(f)
}

// filePath is the path of e's file d from the site's root.
func (e *edition) filePath(d *download) string {
	return noticeDir(e.lang, e.n.ID) + e.fileName(d.format)
}

// builtPath is the file d of e as the build wrote it.
func (g *generator) builtPath(e *edition, d *download) string {
	return filepath.Join(g.opts.EditionsDir, e.n.ID, e.fileName(d.format))
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
		if f.path == render.StyleSheetFile { // the brand colour of pdf.yaml, as in the HTML edition
			tmpl.styles[i].data = append([]byte(editions.BrandCSS()), f.data...)
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
		if n == nil {
			errs.Errorf(diag.Pos{File: g.recordPath(rec.Notice)}, "the build record is of notice %s, which is not among the notices to publish", rec.Notice)
			continue
		}
		g.notices = append(g.notices, n)
		g.records[n.ID] = rec
		sources[n.SourceLanguage]++
		for _, be := range rec.Editions {
			e, err := g.edition(n, be)
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
		sort.Slice(eds, func(i, j int) bool { return eds[i].lang < eds[j].lang })
	}
	g.rootLang = g.langs[0]
	for _, lang := range g.langs {
		if sources[lang] > sources[g.rootLang] {
			g.rootLang = lang
		}
	}
	if g.labelled, err = g.labelEditions(); err != nil {
		return nil, err
	}
	g.names = map[string]string{}
	for _, lang := range g.langs {
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

// recordPath is the build record of notice id.
func (g *generator) recordPath(id string) string {
	return filepath.Join(g.opts.EditionsDir, id, record.Name(id))
}

// edition returns the built edition be of n as the site publishes it, with
// the files of its record; its page reads them (noticePage).
func (g *generator) edition(n *notice.Notice, be *record.Edition) (*edition, error) {
	e := &edition{n: n, lang: be.Lang, language: be.Lang}
	if ne, ok := n.Edition(be.Lang); ok { // as l10n.Catalog.Localize names them
		e.language, e.country = ne.Lang, ne.Country
	}
	for _, f := range publishedFormats {
		name := e.fileName(f)
		built := g.records[n.ID].File(be.Lang, name)
		if built == nil {
			return nil, diag.Errorf(diag.Pos{File: g.recordPath(n.ID)}, "%s: the build wrote no %s; build every format of the notice before publishing it", be.Lang, name)
		}
		e.files = append(e.files, &download{format: f, size: built.Size, sha256: built.SHA256})
	}
	return e, nil
}

// read reads into the catalog the translations of notices that it does not
// hold, and returns the function that forgets them again.
func (g *generator) read(notices ...*notice.Notice) (forget func(), err error) {
	ids := make([]string, len(notices))
	for i, n := range notices {
		ids[i] = n.ID
	}
	read := map[string]bool{}
	if err := g.opts.Catalog.ReadNamed(func(_, name, _ string) bool { read[name] = true; return true }, ids...); err != nil {
		return nil, err
	}
	return func() {
		for name := range read {
			g.opts.Catalog.Forget(name)
		}
	}, nil
}

// labelEditions localises, for each language, the newest notice, whose
// edition answers the labels of the pages that belong to no one notice.
func (g *generator) labelEditions() (map[string]*l10n.Edition, error) {
	langs := map[*notice.Notice][]string{}
	var newest []*notice.Notice
	for _, lang := range g.langs {
		n := g.byLang[lang][0].n
		if langs[n] == nil {
			newest = append(newest, n)
		}
		langs[n] = append(langs[n], lang)
	}
	labelled := map[string]*l10n.Edition{}
	for _, n := range newest {
		forget, err := g.read(n)
		if err != nil {
			return nil, err
		}
		for _, lang := range langs[n] {
			if labelled[lang], err = g.opts.Catalog.Localize(n, lang); err != nil {
				break
			}
		}
		forget()
		if err != nil {
			return nil, err
		}
	}
	return labelled, nil
}

// write writes every file of the site: the pages of each notice in turn,
// then the pages and files that list them.
func (g *generator) write(w *siteWriter) error {
	for _, s := range g.tmpl.styles {
		if err := w.put(s.path, s.data, ""); err != nil {
			return err
		}
	}
	var errs diag.List
	for start := 0; start < len(g.notices); {
		end, eds := start, 0
		for end < len(g.notices) && eds < pagesAtOnce {
			eds += len(g.byNotice[g.notices[end].ID])
			end++
		}
		errs = append(errs, diag.From(g.noticePages(w, g.notices[start:end]))...)
		start = end
	}
	if len(errs) > 0 {
		return errs
	}
	root, err := g.rootPage()
	if err != nil {
		return err
	}
	if err := w.put(rootPage, root, ""); err != nil {
		return err
	}
	for _, lang := range g.langs {
		index, err := g.indexPage(lang)
		if err != nil {
			return err
		}
		if err := w.put(indexDir(lang)+"index.html", index, ""); err != nil {
			return err
		}
		if g.opts.BaseURL != nil {
			feed, err := g.feed(lang)
			if err != nil {
				return err
			}
			if err := w.put(indexDir(lang)+feedName, feed, ""); err != nil {
				return err
			}
		}
	}
	if g.opts.BaseURL != nil {
		if err := w.put(sitemapPath, g.sitemap(), ""); err != nil {
			return err
		}
	}
	manifest, err := g.manifest()
	if err != nil {
		return err
	}
	return w.put(manifestPath, manifest, "")
}

// pagesAtOnce is about how many notice pages are made side by side: each
// holds its edition's files and texts until it is written.
const pagesAtOnce = 16

// noticePages writes the pages of the notices in every language, side by
// side, with the files they offer, from the notices' translations, which it
// reads for the time it takes.
func (g *generator) noticePages(w *siteWriter, notices []*notice.Notice) error {
	forget, err := g.read(notices...)
	if err != nil {
		return err
	}
	defer forget()
	var eds []*edition
	images := map[*notice.Notice]map[string]*render.ImageFile{}
	for _, n := range notices {
		if images[n], err = render.NoticeImages(n); err != nil { // beside the Markdown download, which shows them
			return err
		}
		eds = append(eds, g.byNotice[n.ID]...)
	}
	failures := make([]error, len(eds))
	parallel.For(len(eds), func(i int) { failures[i] = g.noticePage(w, eds[i], images[eds[i].n]) })
	var errs diag.List
	for _, err := range failures {
		errs = append(errs, diag.From(err)...)
	}
	return errs.Err()
}

// labels returns an edition of lang to answer the labels of the pages that
// belong to no one notice: the newest notice's.
func (g *generator) labels(lang string) *l10n.Edition { return g.labelled[lang] }

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

// newEntry returns what the indexes say about the edition ed, with Href
// from the site's root.
func newEntry(ed *l10n.Edition) (*entry, error) {
	n := ed.Notice
	en := &entry{
		ID: n.ID, Reference: n.Reference, Date: n.Date.Format(time.DateOnly),
		Subject: render.PlainText(n.Subject.Value), Product: render.PlainText(n.Product.Value),
		Devices: n.Devices, Href: noticeDir(ed.Lang, n.ID),
	}
	var err error
	if en.DateText, err = ed.FormatDate(n.Date.Time); err != nil {
		return nil, err
	}
	if n.Type == notice.FollowUp {
		en.Type, err = ed.Label("type-follow-up", "Follows", n.Follows)
	} else {
		en.Type, err = ed.Label("type-new")
	}
	return en, err
}

// entry returns what the index of e's language says about e, for a page in
// folder from.
func (g *generator) entry(e *edition, from string) *entry {
	en := *e.entry
	en.Href = relative(from, en.Href)
	return &en
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
		data.Notices = append(data.Notices, g.entry(e, dir))
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

// noticePage writes the page of the edition e, whose notice's images are
// images, and the files it offers, which must be those the build record
// describes: the Markdown must be what the notice and the templates make now.
func (g *generator) noticePage(w *siteWriter, e *edition, images map[string]*render.ImageFile) error {
	n := e.n
	ed, err := g.opts.Catalog.Localize(n, e.lang)
	if err != nil {
		return err
	}
	// The page needs the headings' ids, which the published Markdown leaves
	// out: it is rendered from the Markdown the build published that file from.
	doc, err := g.editions.Markdown(ed)
	if err != nil {
		return err
	}
	files := make([][]byte, len(e.files))
	for i, d := range e.files {
		built := g.builtPath(e, d)
		if files[i], err = os.ReadFile(built); err != nil {
			return diag.Errorf(diag.Pos{File: built}, "cannot read the edition: %v", err)
		}
		if record.Hash(files[i]) != d.sha256 {
			return diag.Errorf(diag.Pos{File: built}, "the edition changed after the build (its SHA-256 differs from %s's); build again", record.Name(n.ID))
		}
		if d.format == build.Markdown && !bytes.Equal(doc.Published(), files[i]) {
			return diag.Errorf(diag.Pos{File: built}, "the edition is not what the notice and the templates make now; build again")
		}
	}
	doc.Images = images
	if e.entry, err = newEntry(ed); err != nil {
		return err
	}
	dir := noticeDir(e.lang, n.ID)
	en := g.entry(e, dir)
	title, err := ed.Label("title")
	if err != nil {
		return err
	}
	versions := map[string]string{}
	for _, other := range g.byNotice[n.ID] {
		versions[other.lang] = noticeDir(other.lang, n.ID)
	}
	body, err := doc.HTML(render.PhoneNumbers(ed.Notice))
	if err != nil {
		return fmt.Errorf("%s: %s: cannot render the Markdown edition: %w", n.File, e.lang, err)
	}
	data := struct {
		page
		Notice      *entry
		Body        htmltemplate.HTML
		Files       []fileLink
		Signatory   string
		Certificate string
	}{
		page:   g.newPage(dir, e.lang, title+": "+en.Subject, versions),
		Notice: en, Body: body, Signatory: ed.Notice.Signatory.Name, Certificate: g.records[n.ID].Signer,
	}
	data.Description = en.Subject + " – " + en.Product
	printer := message.NewPrinter(ed.Tag)
	for _, d := range e.files {
		data.Files = append(data.Files, fileLink{
			Name: e.fileName(d.format), Href: e.fileName(d.format), MediaType: mediaTypes[d.format], Format: d.format,
			Size: printer.Sprintf("%d kB", (d.size+999)/1000),
		})
	}
	page, err := g.tmpl.execute(g.tmpl.notice, ed, data)
	if err != nil {
		return err
	}
	if err := w.put(dir+"index.html", page, ""); err != nil {
		return err
	}
	for i, d := range e.files {
		if err := w.put(e.filePath(d), files[i], d.sha256); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(images)) {
		if err := w.put(dir+name, images[name].Data, ""); err != nil {
			return err
		}
	}
	return nil
}
