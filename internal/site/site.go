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
	"bytes"
	"fmt"
	"net/url"
	"path"
	"sort"
	"strings"
	"sync"

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

// Site is a website as Write wrote it.
type Site struct {
	// Files are every file of the site, sorted by path.
	Files []File
}

// File is one file of the site.
type File struct {
	// Path is slash-separated, from the site's root, such as "it/iqwebx-2017-11/index.html".
	Path string
	Size int
	// SHA256 is the file's SHA-256 in hex, as SHA256SUMS lists it.
	SHA256 string
}

// Write makes the site from the editions a build wrote and writes it to dir,
// through out, the out folder the caller holds locked: a site directly in out
// is one of its entries; a site elsewhere (such as public/) is replaced as a
// whole beside it. Each PDF and Markdown edition must be the file its build
// record describes; the site holds copies of them. The site depends on its
// inputs only: writing it twice from the same editions gives the same bytes.
//
// The files are staged as they are made, a notice at a time, and the site is
// swapped in with one rename when it is complete (see package outdir): on an
// error or a kill, dir holds the previous site or the new one, whole. An
// existing dir is replaced only when it is empty or a site fsn wrote (it holds
// manifest.json). The catalog must hold the labels; the translations of a
// notice it does not hold are read while that notice's pages are made.
func Write(out *outdir.Dir, dir string, opts Options) (*Site, error) {
	g, err := newGenerator(opts)
	if err != nil {
		return nil, err
	}
	parent, name, err := out.Beside(dir)
	if err != nil {
		return nil, err
	}
	stage, err := parent.Stage()
	defer stage.Discard()
	if err != nil {
		return nil, err
	}
	if _, err := stage.Add(name, manifestPath); err != nil {
		return nil, err
	}
	w := &siteWriter{stage: stage, root: name}
	if err := g.write(w); err != nil {
		return nil, err
	}
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	if err := w.put(checksumsPath, checksums(w.files), ""); err != nil {
		return nil, err
	}
	sort.Slice(w.files, func(i, j int) bool { return w.files[i].Path < w.files[j].Path })
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	return &Site{Files: w.files}, nil
}

// siteWriter writes the files of a site into a stage, and lists them. It is
// safe for use by several goroutines.
type siteWriter struct {
	stage *outdir.Stage
	root  string     // the site's entry in the stage
	mu    sync.Mutex // guards files and the stage
	files []File
}

// put writes the file at path, from the site's root, whose SHA-256 is sum,
// or is worked out when sum is "".
func (w *siteWriter) put(path string, data []byte, sum string) error {
	if sum == "" {
		sum = record.Hash(data)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.stage.WriteFile(w.root+"/"+path, data); err != nil {
		return err
	}
	w.files = append(w.files, File{Path: path, Size: len(data), SHA256: sum})
	return nil
}

// checksums returns the SHA256SUMS file of files, as sha256sum writes it.
func checksums(files []File) []byte {
	var b bytes.Buffer
	for _, f := range files {
		fmt.Fprintf(&b, "%s  %s\n", f.SHA256, f.Path)
	}
	return b.Bytes()
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
