package build

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/fsn-tool/fsn/internal/render"
)

// cmarkGFM returns the path of cmark-gfm, the Markdown renderer of GitHub and
// GitLab, or skips the test without it (fails it in CI, whose .ci/run installs it).
func cmarkGFM(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("cmark-gfm")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("cmark-gfm is not installed; .ci/run installs it (apt-get install cmark-gfm)")
		}
		t.Skip("cmark-gfm is not installed")
	}
	return p
}

// forgeHeading matches a heading of cmark-gfm's HTML.
var forgeHeading = regexp.MustCompile(`(?s)<h([1-6])>(.*?)</h[1-6]>`)

// checkOnForge renders the Markdown edition at path as GitHub and GitLab do,
// with cmark-gfm and GitHub's extensions: no "{#" may show anywhere, and the
// page must have the headings goldmark reads in the file, level for level.
func checkOnForge(t *testing.T, cmark, path string) {
	t.Helper()
	out, err := exec.Command(cmark, "--extension", "table", "--extension", "tasklist",
		"--extension", "strikethrough", "--extension", "autolink", path).Output()
	if err != nil {
		t.Fatalf("cmark-gfm %s: %v", path, err)
	}
	page := string(out)
	if i := strings.Index(page, "{#"); i >= 0 {
		t.Errorf("on GitHub, %s shows %q", filepath.Base(path), page[max(0, i-40):min(len(page), i+40)])
	}
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for n := render.Parse(md).Root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			want = append(want, string(rune('0'+h.Level)))
		}
	}
	var got []string
	for _, m := range forgeHeading.FindAllStringSubmatch(page, -1) {
		got = append(got, m[1])
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("on GitHub, %s has headings of the levels %v, fsn reads %v", filepath.Base(path), got, want)
	}
}

// TestMarkdownOnForge renders the Markdown editions of the seed notice with
// cmark-gfm; TestEveryLanguage does it for every language.
func TestMarkdownOnForge(t *testing.T) {
	cmark := cmarkGFM(t)
	dir := buildSeed(t)
	paths, _ := filepath.Glob(filepath.Join(dir, "*.md"))
	if len(paths) == 0 {
		t.Fatalf("the build wrote no Markdown edition into %s", dir)
	}
	for _, p := range paths {
		checkOnForge(t, cmark, p)
	}
}

// TestFigureOnForge renders the Markdown editions of the hardware notice,
// whose battery pack has an image of its label, with cmark-gfm: each shows the
// image, the file beside it, with its alternative text and, as its title, its
// caption in the edition's language, and the build wrote the image there.
func TestFigureOnForge(t *testing.T) {
	cmark := cmarkGFM(t)
	opts := seedOptions(t.TempDir())
	opts.Notices = []string{filepath.Join(opts.NoticesDir, infusiaID)}
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(opts.OutDir, infusiaID)
	const name = infusiaID + ".bp7.label.png"
	image, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if source, _ := os.ReadFile(filepath.Join(opts.NoticesDir, infusiaID, "images", "bp7-label.png")); !bytes.Equal(image, source) {
		t.Error("the image beside the Markdown editions is not the notice's")
	}
	for lang, want := range map[string]string{
		"en": `<img src="` + name + `" alt="The label on the underside of the BP-7 battery pack: the lot number is in the framed field on the right, below the letters LOT." title="Where to find the lot number on the BP-7 battery pack" />`,
		"fr": `<img src="` + name + `" alt="L'étiquette sous la batterie BP-7 : le numéro de lot se trouve dans le champ encadré à droite, sous les lettres LOT." title="Où trouver le numéro de lot sur la batterie BP-7" />`,
	} {
		path := filepath.Join(dir, infusiaID+"."+lang+".md")
		checkOnForge(t, cmark, path)
		out, err := exec.Command(cmark, path).Output()
		if err != nil {
			t.Fatalf("cmark-gfm %s: %v", path, err)
		}
		if !strings.Contains(string(out), "<p>"+want+"</p>") {
			t.Errorf("on GitHub, %s does not show %s", filepath.Base(path), want)
		}
	}
}
