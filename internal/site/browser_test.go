package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
)

// chromium returns the path of the browser the test drives: $FSN_CHROMIUM, or
// Debian's Chromium.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("FSN_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "Chromium", "apt-get install -y chromium")
	return ""
}

// browser starts a headless Chromium with a fresh profile, and returns a tab.
func browser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	t.Cleanup(cancel)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(ctx, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)
	return ctx
}

// fetched is what the browser's fetch of a file got.
type fetched struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Size   int    `json:"size"`
	Head   string `json:"head"`
}

// TestBrowser serves the site under a path of a local HTTP server and drives
// Chromium through it: it follows every link from every page, downloads every
// file, switches language, finds every step of the notice on its page in each
// language, checks the keyboard focus is visible, and saves a screenshot of
// the Italian page.
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	popts, res := seedSite(t)
	start := time.Now()

	dir := filepath.Join(t.TempDir(), "site")
	mux := http.NewServeMux()
	mux.Handle("/safety/", http.StripPrefix("/safety/", http.FileServer(http.Dir(dir))))
	// The site's pages allow no fetch (their Content-Security-Policy), so the
	// test fetches the other files from a blank page of the same origin.
	mux.HandleFunc("/blank", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<!DOCTYPE html><title>blank</title>")
	})
	// The Italian HTML edition as built, and a copy into which markup was smuggled.
	edition, err := os.ReadFile(filepath.Join(popts.Build.OutDir, seedID, seedID+".it.html"))
	if err != nil {
		t.Fatal(err)
	}
	mux.HandleFunc("/edition.html", func(w http.ResponseWriter, _ *http.Request) { w.Write(edition) })
	mux.HandleFunc("/smuggled.html", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte(strings.Replace(string(edition), "<main class=\"notice\">",
			`<main class="notice"><style>main { max-width: 3px !important; }</style><p id="smuggled" style="color: rgb(255, 0, 0)">x</p>`, 1)))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	base := mustURL(srv.URL + "/safety/")
	out, err := outdir.Open(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := Write(out, dir, Options{
		Notices: popts.Notices, Catalog: popts.Catalog, Records: res.Build.Records, EditionsDir: popts.Build.OutDir,
		TemplatesDir: project.Templates(templatesDir), BaseURL: base, Generator: "fsn test",
	}); err != nil {
		t.Fatal(err)
	}

	ctx := browser(t, exe)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	started := time.Now()
	t.Logf("Chromium %s started in %v", exe, started.Sub(start).Round(time.Millisecond))

	pages, files := crawl(t, ctx, base)
	crawled := time.Now()
	t.Logf("followed every link: %d pages and %d files in %v", pages, files, crawled.Sub(started).Round(time.Millisecond))

	switchLanguage(t, ctx, base)
	for _, n := range popts.Notices {
		for _, lang := range n.Languages {
			findSteps(t, ctx, base, n, lang)
		}
	}
	focusIsVisible(t, ctx, base)
	editionPolicy(t, ctx, base)
	checked := time.Now()
	t.Logf("switched language, found every step, saw the focus in %v", checked.Sub(crawled).Round(time.Millisecond))

	screenshot(t, ctx, base.String()+noticeDir("it", seedID))
	t.Logf("screenshot in %v; the browser test took %v in all", time.Since(checked).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// editionPolicy opens the HTML edition: its own style sheet applies under its
// Content-Security-Policy, and a style that markup smuggled into it does not.
func editionPolicy(t *testing.T, ctx context.Context, base *url.URL) {
	t.Helper()
	open := func(path, js string) string {
		if err := chromedp.Do(ctx, chromedp.Navigate(base.ResolveReference(&url.URL{Path: path}).String())); err != nil {
			t.Fatalf("opening %s: %v", path, err)
		}
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return v
	}
	const width = `getComputedStyle(document.querySelector("main.notice")).maxWidth`
	if w := open("/edition.html", width); w != "736px" {
		t.Errorf("the HTML edition's main has max-width %s, want 736px (46rem) from its style sheet", w)
	}
	if w := open("/smuggled.html", width); w != "736px" {
		t.Errorf("a smuggled <style> element applies to the HTML edition: max-width %s", w)
	}
	if c := open("/smuggled.html", `getComputedStyle(document.getElementById("smuggled")).color`); c == "rgb(255, 0, 0)" {
		t.Errorf("a smuggled style attribute applies to the HTML edition: color %s", c)
	}
}

// crawl follows every link of every page from the start page on, loading each
// page in the browser and fetching each other file with the browser's fetch. A
// link that does not answer 200, or a PDF that does not start with %PDF, fails.
func crawl(t *testing.T, ctx context.Context, base *url.URL) (pages, files int) {
	t.Helper()
	from := map[string]string{base.String(): "(start)"}
	queue := []string{base.String()}
	seen := map[string]bool{}
	pdfs := 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		if seen[u] {
			continue
		}
		seen[u] = true
		if strings.HasSuffix(u, "/") || strings.HasSuffix(u, ".html") {
			resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
			if err != nil || resp.Status != http.StatusOK {
				t.Errorf("broken link on %s: %s: %v %v", from[u], u, err, status(resp))
				continue
			}
			pages++
			links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`[...document.querySelectorAll("a[href], link[href]")].map(e => e.href)`))
			if err != nil {
				t.Fatalf("%s: reading the links: %v", u, err)
			}
			for _, l := range links {
				l, _, _ = strings.Cut(l, "#")
				if strings.HasPrefix(l, base.String()) && !seen[l] {
					if _, ok := from[l]; !ok {
						from[l] = u
					}
					queue = append(queue, l)
				}
			}
			continue
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base.ResolveReference(&url.URL{Path: "/blank"}).String())); err != nil {
			t.Fatalf("opening the blank page to fetch %s from: %v", u, err)
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[fetched](fmt.Sprintf(`(async () => {
			const r = await fetch(%q);
			const b = new Uint8Array(await r.arrayBuffer());
			return {status: r.status, type: r.headers.get("content-type") || "", size: b.length, head: String.fromCharCode(...b.slice(0, 5))};
		})()`, u), chromedp.EvalAwaitPromise))
		switch {
		case err != nil:
			t.Errorf("fetching %s (linked from %s): %v", u, from[u], err)
		case f.Status != http.StatusOK || f.Size == 0:
			t.Errorf("broken link on %s: %s answers %d with %d bytes", from[u], u, f.Status, f.Size)
		case strings.HasSuffix(u, ".pdf"):
			pdfs++
			if f.Head != "%PDF-" || f.Type != "application/pdf" {
				t.Errorf("%s (linked from %s) is %s starting %q, not a PDF", u, from[u], f.Type, f.Head)
			}
		}
		files++
	}
	for _, p := range []string{"", "de/", "en/", "it/"} {
		if !seen[base.String()+p] {
			t.Errorf("the index %s was never reached", base.String()+p)
		}
	}
	if pdfs != 3 {
		t.Errorf("downloaded %d PDFs, want the 3 editions", pdfs)
	}
	return pages, files
}

func status(resp *network.Response) string {
	if resp == nil {
		return "no response"
	}
	return fmt.Sprint("HTTP ", resp.Status)
}

// switchLanguage follows the language switcher of a notice's page and of an index.
func switchLanguage(t *testing.T, ctx context.Context, base *url.URL) {
	t.Helper()
	for _, tt := range []struct{ page, to, want string }{
		{"it/" + seedID + "/", "de", "de/" + seedID + "/"},
		{"de/" + seedID + "/", "en", "en/" + seedID + "/"},
		{"en/", "it", "it/"},
	} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base.String()+tt.page)); err != nil {
			t.Fatal(err)
		}
		resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`nav.languages a[hreflang=%q]`, tt.to))))
		if err != nil || resp.Status != http.StatusOK {
			t.Errorf("switching %s to %s: %v %v", tt.page, tt.to, err, status(resp))
			continue
		}
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		lang, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`))
		if err != nil {
			t.Fatal(err)
		}
		if loc != base.String()+tt.want || lang != tt.to {
			t.Errorf("switching %s to %s shows %s in %q, want %s", tt.page, tt.to, loc, lang, base.String()+tt.want)
		}
	}
}

// findSteps finds every step of n, and every note on a step, on its page in
// lang, in the order of the notice.
func findSteps(t *testing.T, ctx context.Context, base *url.URL, n *notice.Notice, lang string) {
	t.Helper()
	opts, _ := seedSite(t)
	ed, err := opts.Catalog.Localize(n, lang)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base.String()+noticeDir(lang, n.ID))); err != nil {
		t.Fatal(err)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main article").innerText`))
	if err != nil {
		t.Fatal(err)
	}
	shown = strings.Join(strings.Fields(shown), " ")
	var steps []notice.Step
	for _, g := range ed.Notice.Actions.Groups {
		steps = append(steps, g.Steps...)
	}
	if ed.Notice.Troubleshooting != nil {
		steps = append(steps, ed.Notice.Troubleshooting.Steps...)
	}
	at, found := 0, 0
	for _, s := range steps {
		texts := []string{s.Text.Value}
		for _, note := range s.Notes {
			texts = append(texts, note.Text.Value)
		}
		for _, text := range texts {
			want := strings.Join(strings.Fields(render.PlainText(text)), " ")
			i := strings.Index(shown[at:], want)
			if i < 0 {
				t.Errorf("%s: step %s is not on the page after the steps before it: %q", lang, s.ID, want)
				continue
			}
			at += i + len(want)
			found++
		}
	}
	if len(steps) == 0 {
		t.Errorf("%s: the notice has no steps to look for", lang)
	}
	t.Logf("%s: found %d steps and notes of %d steps on %s", lang, found, len(steps), noticeDir(lang, n.ID))
}

// focusIsVisible tabs to the first link of a page and checks that the focused
// link has an outline.
func focusIsVisible(t *testing.T, ctx context.Context, base *url.URL) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base.String()+"it/"), chromedp.KeyEvent("\t")); err != nil {
		t.Fatal(err)
	}
	focus, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const e = document.activeElement, s = getComputedStyle(e);
		return e.tagName + " " + e.getAttribute("href") + " outline " + s.outlineStyle + " " + s.outlineWidth;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(focus, "A #content ") || strings.Contains(focus, "none") || strings.HasSuffix(focus, " 0px") {
		t.Errorf("after one Tab the focus is on %s: want the skip link, with a visible outline", focus)
	}
}

// screenshot saves a screenshot of the whole page at u as a test artifact, in
// $FSN_ARTIFACTS or in the test's temporary folder.
func screenshot(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	dir := os.Getenv("FSN_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "site-it-"+seedID+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of %s: %s (%d bytes)", u, p, len(png))
}
