package site

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/sign"
)

// countriesProject holds a notice sent to Belgium, Switzerland and France,
// whose Swiss edition names the Swiss representative (fr-BE, fr-CH, fr-FR),
// and one that names no countries (fr).
const countriesProject = "../build/testdata/countries"

// TestCountrySections publishes the two notices: the check, the build and the
// verification of every country's edition pass, and the site gives each
// country's editions a section named by language and country, whose index
// and feed also list the French edition meant for every country, with
// hreflang alternates and the manifest naming each edition's countries.
func TestCountrySections(t *testing.T) {
	dirs, err := notice.Dirs(filepath.Join(countriesProject, "notices"))
	if err != nil {
		t.Fatal(err)
	}
	notices, err := notice.LoadAll(dirs)
	if err != nil {
		t.Fatal(err)
	}
	locales := filepath.Join(countriesProject, "locales")
	root := t.TempDir()
	certFile, keyFile := fsntest.KeyFiles(t, filepath.Join(root, "signing"), fsntest.Signatory)
	signer, err := sign.Load(sign.Config{CertFile: certFile, KeyFile: keyFile}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	opts := PublishOptions{
		Notices: notices, Catalog: mustCatalog(t, locales),
		Build: build.Options{
			NoticesDir: filepath.Join(countriesProject, "notices"), LocalesDir: project.Locales(locales),
			TemplatesDir: project.Templates(templatesDir), OutDir: filepath.Join(root, "out"), Version: "test", Signer: signer,
		},
		Dir: filepath.Join(root, "site"), BaseURL: testBase,
	}
	if _, err := Publish(opts); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, opts.Dir)
	const id = "acme-pump-2026-07"
	for _, p := range []string{"fr/acme-pump-2026-06/acme-pump-2026-06.fr.pdf", "fr-CH/" + id + "/" + id + ".fr-CH.pdf", "fr-BE/" + id + "/" + id + ".fr-BE.md", "fr-FR/feed.xml"} {
		if _, ok := files[p]; !ok {
			t.Errorf("the site has no %s", p)
		}
	}
	if _, ok := files["fr/"+id+"/index.html"]; ok {
		t.Errorf("the site has a page fr/%s/, an edition the notice does not have", id)
	}
	start := string(files["index.html"])
	for _, name := range []string{">Français<", ">Français (Belgique)<", ">Français (Suisse)<", ">Français (France)<"} {
		if !strings.Contains(start, name) {
			t.Errorf("the start page does not offer %s", name)
		}
	}
	// The Swiss index lists the Swiss edition and the earlier notice's French one.
	index := string(files["fr-CH/index.html"])
	if !strings.Contains(index, `href="`+id+`/"`) || !strings.Contains(index, `href="../fr/acme-pump-2026-06/"`) {
		t.Errorf("fr-CH/index.html does not link both notices:\n%s", index)
	}
	if strings.Index(index, id) > strings.Index(index, "acme-pump-2026-06") {
		t.Error("fr-CH/index.html does not list the newer notice first")
	}
	feed := string(files["fr-CH/feed.xml"])
	if strings.Count(feed, "<entry>") != 2 || !strings.Contains(feed, `hreflang="fr" href="`+testBase.String()+`fr/acme-pump-2026-06/"`) {
		t.Errorf("fr-CH/feed.xml does not hold both notices:\n%s", feed)
	}
	page := string(files["fr-CH/"+id+"/index.html"])
	if !strings.Contains(page, `<html lang="fr-CH"`) || !strings.Contains(page, "Luca Meier") || !strings.Contains(page, `hreflang="fr-BE"`) {
		t.Errorf("the Swiss page lacks its lang, its contact or the Belgian alternate")
	}
	sitemap := string(files[sitemapPath])
	for _, l := range []string{"fr-BE", "fr-CH", "fr-FR"} {
		if !strings.Contains(sitemap, `hreflang="`+l+`" href="`+testBase.String()+l+"/"+id+`/"`) {
			t.Errorf("sitemap.xml has no hreflang %s alternate of the notice", l)
		}
	}
	var m siteManifest
	if err := json.Unmarshal(files[manifestPath], &m); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range m.Notices {
		for _, e := range n.Editions {
			got = append(got, n.ID+":"+e.Lang+":"+e.Language+":"+e.Country+":"+strings.Join(e.Countries, ","))
		}
	}
	want := []string{"acme-pump-2026-06:en:en::", "acme-pump-2026-06:fr:fr::",
		id + ":en:en::", id + ":fr-BE:fr:BE:BE", id + ":fr-CH:fr:CH:CH", id + ":fr-FR:fr:FR:FR"}
	if !slices.Equal(got, want) {
		t.Errorf("manifest editions\n  %v\nwant\n  %v", got, want)
	}
}
