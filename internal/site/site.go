// Package site writes the static website that CI publishes: an index of the
// notices per language, newest first, and a page per notice and language with
// its HTML edition and links to its signed PDF and Markdown editions; a sitemap
// with hreflang alternates, an Atom feed per language, SHA256SUMS and
// manifest.json for authorities' portals.
//
// Every URL is made of a language tag and a notice id only, so it stays the
// same across rebuilds:
//
//	index.html                          the languages of the site
//	<lang>/index.html                   the notices in lang, newest first
//	<lang>/feed.xml                     the Atom feed of those notices
//	<lang>/<id>/index.html              notice id in lang
//	<lang>/<id>/<id>.<lang>.pdf, .md    its signed PDF and its Markdown edition, named as fsn build names them
//	sitemap.xml, manifest.json, SHA256SUMS, style.css, site.css
//
// Links between pages are relative, so the site works under any path. The base
// URL gives the absolute URLs that the sitemap, the feeds and the canonical
// links need; without one, the site has no sitemap and no feeds.
//
// The pages come from templates a company may restyle (templates/site-*.html.tmpl
// and site.css, beside the editions' style.css), and their texts from the labels
// of each language: a missing label is an error, never English.
package site

import (
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
)

// Options say what a site is made of.
type Options struct {
	Notices []*notice.Notice
	Catalog *l10n.Catalog
	// Records are the build records of the notices, and EditionsDir the folder
	// the build wrote them to, as EditionsDir/<id>/<id>.<lang>.<format>.
	Records     []*record.Record
	EditionsDir string
	// TemplatesDir holds the site's templates and style sheets, over fsn's defaults.
	TemplatesDir project.Dir
	// BaseURL is the absolute URL the site is served from, such as
	// https://example.com/safety/; nil writes no sitemap and no feeds.
	BaseURL *url.URL
	// Generator names the program in the pages and the manifest: "fsn <version>".
	Generator string
}

// Site is a generated website.
type Site struct {
	// Files are every file of the site, sorted by path.
	Files []File
}

// File is one file of the site.
type File struct {
	// Path is slash-separated, from the site's root, such as "it/iqwebx-2017-11/index.html".
	Path string
	Data []byte
}

// Generate makes the site from the editions a build wrote. Each PDF and
// Markdown edition must be the file its build record describes; the site holds
// copies of them. The site depends on its inputs only: generating it twice from
// the same editions gives the same bytes.
func Generate(opts Options) (*Site, error) {
	g, err := newGenerator(opts)
	if err != nil {
		return nil, err
	}
	files, err := g.files()
	if err != nil {
		return nil, err
	}
	files = append(files, File{Path: checksumsPath, Data: checksums(files)})
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return &Site{Files: files}, nil
}

// Write writes the site to dir, through out, the out folder the caller holds
// locked: a site directly in out is one of its entries; a site elsewhere (such
// as public/) is replaced as a whole beside it. The site is staged complete and
// swapped in with one rename (see package outdir): on an error or a kill, dir
// holds the previous site or the new one, whole. An existing dir is replaced
// only when it is empty or a site fsn wrote (it holds manifest.json).
func (s *Site) Write(out *outdir.Dir, dir string) error {
	parent, name, err := out.Beside(dir)
	if err != nil {
		return err
	}
	stage, err := parent.Stage()
	defer stage.Discard()
	if err != nil {
		return err
	}
	if _, err := stage.Add(name, manifestPath); err != nil {
		return err
	}
	for _, f := range s.Files {
		if err := stage.WriteFile(name+"/"+f.Path, f.Data); err != nil {
			return err
		}
	}
	return stage.Commit()
}

// The site's own files, from its root.
const (
	rootPage      = "index.html"
	sitemapPath   = "sitemap.xml"
	manifestPath  = "manifest.json"
	checksumsPath = "SHA256SUMS"
	feedName      = "feed.xml"
)

// indexDir is the folder of the index of lang, from the site's root: "it/".
func indexDir(lang string) string { return lang + "/" }

// noticeDir is the folder of the page of notice id in lang: "it/iqwebx-2017-11/".
func noticeDir(lang, id string) string { return lang + "/" + id + "/" }

// relative returns the link from the page in folder from (such as "it/") to
// target (such as "de/iqwebx-2017-11/"), both from the site's root.
func relative(from, target string) string {
	for {
		i := strings.IndexByte(from, '/')
		if i < 0 || !strings.HasPrefix(target, from[:i+1]) {
			break
		}
		from, target = from[i+1:], target[i+1:]
	}
	if rel := strings.Repeat("../", strings.Count(from, "/")) + target; rel != "" {
		return rel
	}
	return "./"
}

// absolute returns the URL of target (a path from the site's root) under base,
// or "" without a base URL.
func absolute(base *url.URL, target string) string {
	if base == nil {
		return ""
	}
	u := *base
	u.Path = path.Join("/", u.Path, target)
	if strings.HasSuffix(target, "/") || target == "" {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/"
	}
	u.RawPath = ""
	return u.String()
}
