package build

import (
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
