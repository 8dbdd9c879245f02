package site

import (
	"encoding/xml"
	"strings"
	"time"
)

// sitemapURLSet is sitemap.xml (sitemaps.org 0.9), with each page's versions in
// other languages as xhtml:link alternates, as search engines read hreflang.
type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTMLNS string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string         `xml:"loc"`
	LastMod    string         `xml:"lastmod,omitempty"`
	Alternates []sitemapXLink `xml:"xhtml:link"`
}

type sitemapXLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every page with its date (the newest notice it shows) and its
// versions in the other languages.
func (g *generator) sitemap() []byte {
	set := sitemapURLSet{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTMLNS: "http://www.w3.org/1999/xhtml"}
	add := func(dir string, date time.Time, versions map[string]string) {
		u := sitemapURL{Loc: absolute(g.opts.BaseURL, dir), LastMod: date.Format(time.DateOnly)}
		for _, l := range sortedKeys(versions) {
			u.Alternates = append(u.Alternates, sitemapXLink{Rel: "alternate", HrefLang: l, Href: absolute(g.opts.BaseURL, versions[l])})
		}
		set.URLs = append(set.URLs, u)
	}
	newest := g.notices[0].Date.Time
	for _, n := range g.notices {
		if n.Date.After(newest) {
			newest = n.Date.Time
		}
	}
	add("", newest, nil)
	for _, lang := range g.langs {
		add(indexDir(lang), g.listed[lang][0].n.Date.Time, g.indexVersions())
	}
	for _, n := range g.notices {
		versions := map[string]string{}
		for _, e := range g.byNotice[n.ID] {
			versions[e.lang] = noticeDir(e.lang, n.ID)
		}
		for _, e := range g.byNotice[n.ID] {
			add(noticeDir(e.lang, n.ID), n.Date.Time, versions)
		}
	}
	return marshalXML(set)
}

// atomFeed is an Atom feed (RFC 4287) of the notices in one language.
type atomFeed struct {
	XMLName   xml.Name    `xml:"feed"`
	NS        string      `xml:"xmlns,attr"`
	Lang      string      `xml:"xml:lang,attr"`
	ID        string      `xml:"id"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle"`
	Updated   string      `xml:"updated"`
	Generator string      `xml:"generator"`
	Links     []atomLink  `xml:"link"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
	Length   int    `xml:"length,attr,omitempty"`
	Title    string `xml:"title,attr,omitempty"`
	Href     string `xml:"href,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomPerson `xml:"author"`
	Summary   string     `xml:"summary"`
	Links     []atomLink `xml:"link"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

// feed returns the Atom feed of the notices in lang, newest first. Every date in
// it is a notice's date: the feed changes only when the notices do.
func (g *generator) feed(lang string) ([]byte, error) {
	ed := g.labels(lang)
	title, err := ed.Label("site-title")
	if err != nil {
		return nil, err
	}
	intro, err := ed.Label("site-intro")
	if err != nil {
		return nil, err
	}
	self := absolute(g.opts.BaseURL, indexDir(lang)+feedName)
	eds := g.listed[lang]
	f := atomFeed{
		NS: "http://www.w3.org/2005/Atom", Lang: lang, ID: self, Title: title, Subtitle: intro,
		Updated: atomDate(eds[0].n.Date.Time), Generator: g.opts.Generator,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: self},
			{Rel: "alternate", Type: "text/html", HrefLang: lang, Href: absolute(g.opts.BaseURL, indexDir(lang))},
		},
	}
	for _, e := range eds {
		en := g.entry(e, "")
		page := absolute(g.opts.BaseURL, noticeDir(e.lang, e.n.ID)) // another section's, for a language's edition in a country's feed
		var products []string
		for _, d := range en.Devices {
			products = append(products, strings.TrimSpace(d.Name+" "+d.Version))
		}
		entry := atomEntry{
			ID: page, Title: en.Subject, Published: atomDate(e.n.Date.Time), Updated: atomDate(e.n.Date.Time),
			Author:  atomPerson{Name: e.n.Manufacturer.Name},
			Summary: strings.Join([]string{en.DateText, en.Reference, en.Type, strings.Join(products, ", ")}, " · "),
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", HrefLang: e.lang, Href: page}},
		}
		for _, d := range e.files {
			entry.Links = append(entry.Links, atomLink{Rel: "enclosure", Type: mediaTypes[d.format], Length: d.size, Title: e.fileName(d.format), Href: absolute(g.opts.BaseURL, e.filePath(d))})
		}
		f.Entries = append(f.Entries, entry)
	}
	return marshalXML(f), nil
}

// atomDate writes a notice's date as an Atom date: midnight UTC of that day.
func atomDate(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// marshalXML writes v as an indented XML document. The site's XML types always
// marshal.
func marshalXML(v any) []byte {
	data, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		panic("site: " + err.Error())
	}
	return append([]byte(xml.Header), append(data, '\n')...)
}
