package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/sign"
	"github.com/fsn-tool/fsn/internal/translate"
)

// phoneWidth is the narrowest viewport the pages must fit: an iPhone's 375 CSS pixels.
const phoneWidth = 375

// axeTags are the axe-core rules every page must pass: WCAG 2.2 A and AA, with the
// rules of WCAG 2.0 and 2.1 that 2.2 keeps, and axe's best practices.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"}

// axeCore returns the source of axe-core's axe.min.js: $FSN_AXE_CORE, which
// .ci/run sets after installing the pinned axe-core with npm into a folder of
// its own, or that file in the global npm root.
func axeCore(t *testing.T) string {
	t.Helper()
	paths := []string{os.Getenv("FSN_AXE_CORE")}
	if root, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		paths = append(paths, filepath.Join(strings.TrimSpace(string(root)), "axe-core", "axe.min.js"))
	}
	for _, p := range paths {
		if p == "" {
			continue
		}
		if src, err := os.ReadFile(p); err == nil {
			return string(src)
		}
	}
	missing(t, "axe-core", ".ci/run installs it: npm install --prefix DIR axe-core@VERSION, and FSN_AXE_CORE=DIR/node_modules/axe-core/axe.min.js")
	return ""
}

// screenPages serves every page of the seed's site, every HTML edition of the
// build, the HTML editions of a notice with a figure (figureEditions) and the
// translators' status page, and returns their URLs.
func screenPages(t *testing.T) []string {
	t.Helper()
	popts, _ := seedSite(t)
	site := readTree(t, popts.Dir)
	status := t.TempDir()
	p, err := translate.Load(noticesDir, project.Locales(localesDir))
	if err != nil {
		t.Fatal(err)
	}
	report, err := p.Status(nil).WriteReport(status)
	if err != nil {
		t.Fatal(err)
	}
	devSite, devEdition := developmentPages(t, popts)
	mux := http.NewServeMux()
	mux.Handle("/site/", http.StripPrefix("/site/", http.FileServer(http.Dir(popts.Dir))))
	mux.Handle("/out/", http.StripPrefix("/out/", http.FileServer(http.Dir(popts.Build.OutDir))))
	mux.Handle("/dev/site/", http.StripPrefix("/dev/site/", http.FileServer(http.Dir(devSite))))
	mux.HandleFunc("/dev/edition.html", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, devEdition) })
	mux.HandleFunc("/l10n/", func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, report) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	var urls []string
	for _, path := range htmlPages(site) {
		urls = append(urls, srv.URL+"/site/"+strings.TrimSuffix(path, "index.html"))
	}
	editions, err := filepath.Glob(filepath.Join(popts.Build.OutDir, "*", "*.html"))
	if err != nil || len(editions) == 0 {
		t.Fatalf("the build wrote no HTML edition into %s (%v)", popts.Build.OutDir, err)
	}
	for _, e := range editions {
		rel, _ := filepath.Rel(popts.Build.OutDir, e)
		urls = append(urls, srv.URL+"/out/"+filepath.ToSlash(rel))
	}
	figures := figureEditions(t)
	mux.Handle("/figures/", http.StripPrefix("/figures/", http.FileServer(http.Dir(filepath.Dir(figures[0])))))
	for _, e := range figures {
		urls = append(urls, srv.URL+"/figures/"+filepath.Base(e))
	}
	return append(urls, srv.URL+"/l10n/", srv.URL+"/dev/site/", srv.URL+"/dev/site/de/", srv.URL+"/dev/site/de/"+seedID+"/", srv.URL+"/dev/edition.html")
}

// figureEditions builds the HTML editions of the hardware notice of
// notices/, whose battery pack has an image of its label, and returns their
// paths.
func figureEditions(t *testing.T) []string {
	t.Helper()
	const id = "infusia-ip7-2026-05"
	out := t.TempDir()
	if _, err := build.Run(build.Options{
		Notices:    []string{filepath.Join(noticesDir, id)},
		NoticesDir: noticesDir, LocalesDir: project.Locales(localesDir),
		TemplatesDir: project.Templates(templatesDir), OutDir: out, Version: "test", Formats: []build.Format{build.HTML},
	}); err != nil {
		t.Fatal(err)
	}
	editions, err := filepath.Glob(filepath.Join(out, id, "*.html"))
	if err != nil || len(editions) != 3 {
		t.Fatalf("the build of %s wrote the HTML editions %v (%v), want 3", id, editions, err)
	}
	return editions
}

// developmentPages makes the pages of a test build, signed with the development
// certificate: the site of the seed's build as if its PDFs were, and the German
// HTML edition built with it. It returns the site's folder and the edition.
func developmentPages(t *testing.T, popts PublishOptions) (site, edition string) {
	t.Helper()
	dir := t.TempDir()
	signer, _, err := sign.Development(filepath.Join(dir, "signing"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	bo := popts.Build
	bo.OutDir, bo.Out, bo.Signer = filepath.Join(dir, "out"), nil, signer
	bo.Languages, bo.Formats = []string{"de"}, []build.Format{build.HTML}
	if _, err := build.Run(bo); err != nil {
		t.Fatal(err)
	}
	_, res := seedSite(t)
	var records []*record.Record
	for _, rec := range res.Build.Records {
		dev := *rec
		dev.Signer = sign.DevelopmentCommonName
		records = append(records, &dev)
	}
	out, err := outdir.Open(filepath.Join(dir, "web"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	site = filepath.Join(dir, "web", "site")
	if _, err := Write(out, site, Options{
		Notices: popts.Notices, Catalog: popts.Catalog, Records: records, EditionsDir: popts.Build.OutDir,
		TemplatesDir: project.Templates(templatesDir), Generator: "fsn test",
	}); err != nil {
		t.Fatal(err)
	}
	return site, filepath.Join(bo.OutDir, seedID, seedID+".de.html")
}

// axeResult is what the test keeps of axe.run's results.
type axeResult struct {
	Violations []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// TestPhoneAndAccessibility opens every page of the site, every HTML edition
// and the translators' status page in Chromium at the width of a phone: none
// may be wider than the screen, and axe-core must find no violation of WCAG
// 2.2 A and AA or of its best practices. With $FSN_ARTIFACTS set it saves a
// screenshot of each page at 375 and at 1280 pixels there.
func TestPhoneAndAccessibility(t *testing.T) {
	exe := chromium(t)
	axe := axeCore(t)
	urls := screenPages(t)
	ctx := browser(t, exe)
	// The pages' Content-Security-Policy allows no script: the test's own, axe,
	// runs in them only because the browser is told to bypass it.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	if _, err := chromedp.Call(ctx, cdppage.SetBypassCSP, cdppage.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	artifacts := os.Getenv("FSN_ARTIFACTS")
	options, _ := json.Marshal(map[string]any{"runOnly": map[string]any{"type": "tag", "values": axeTags}, "resultTypes": []string{"violations"}})
	for _, u := range urls {
		name := strings.NewReplacer("/", "_", ":", "").Replace(u[strings.Index(u, "//")+2:])
		t.Run(name, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 800), chromedp.Navigate(u)); err != nil {
				t.Fatalf("opening %s: %v", u, err)
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width > phoneWidth {
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`[...document.querySelectorAll("body *")]
					.filter(e => e.getBoundingClientRect().right > %d && ![...e.querySelectorAll("*")].some(c => c.getBoundingClientRect().right > %[1]d))
					.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " " + JSON.stringify(e.textContent.slice(0, 40)))`, phoneWidth)))
				t.Errorf("%s is %d px wide on a %d px screen; too wide: %v", u, width, phoneWidth, wide)
			}
			if artifacts != "" {
				shoot(t, ctx, filepath.Join(artifacts, fmt.Sprintf("%s-%d.png", name, phoneWidth)))
			}
			if strings.Contains(u, "/dev/") {
				top, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => {
					const b = document.querySelector('.development[role="alert"]');
					return b ? b.getBoundingClientRect().top + (b.offsetHeight >= 40 ? 0 : 1000) : 1e6;
				})()`))
				if err != nil {
					t.Fatal(err)
				}
				if top > 0 {
					t.Errorf("%s, of a build signed with the development certificate, has no banner (role=alert, 40 px high at least) at its very top: %v", u, top)
				}
			}
			var res axeResult
			raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](axe+fmt.Sprintf(`;axe.run(document, %s).then(r => JSON.stringify(r))`, options), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("axe-core on %s: %v", u, err)
			}
			if err := json.Unmarshal([]byte(raw), &res); err != nil {
				t.Fatal(err)
			}
			for _, v := range res.Violations {
				var where []string
				for _, n := range v.Nodes {
					where = append(where, fmt.Sprint(n.Target))
				}
				t.Errorf("axe-core: %s violation %q (%s) at %d places: %s", v.Impact, v.ID, v.Help, len(v.Nodes), strings.Join(where[:min(len(where), 5)], ", "))
			}
			if artifacts != "" {
				if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u)); err != nil {
					t.Fatal(err)
				}
				shoot(t, ctx, filepath.Join(artifacts, name+"-1280.png"))
			}
		})
	}
	if want := 1 + 3 + 3 + 3 + 1 + 4; len(urls) < want {
		t.Errorf("opened %d pages, want at least %d: the start page, 3 indexes, 3 notice pages, 3 editions, the status page, 4 pages of a test build", len(urls), want)
	}
}

// shoot saves a screenshot of the whole page to path.
func shoot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
