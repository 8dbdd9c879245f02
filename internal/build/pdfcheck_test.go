package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/sign"
)

// pdfTool returns the path of an external PDF tool. Where CI is "true" a
// missing tool fails the test (.ci/run installs it); elsewhere it skips.
func pdfTool(t *testing.T, name, install string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if p := filepath.Join(goBin(), name); fileExists(p) {
			return p
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI; install it with: %s (.ci/run does)", name, install)
		}
		t.Skipf("%s is not installed (%s)", name, install)
	}
	return path
}

// goBin is where go install puts commands.
func goBin() string {
	if b := os.Getenv("GOBIN"); b != "" {
		return b
	}
	if p := os.Getenv("GOPATH"); p != "" {
		return filepath.Join(strings.Split(p, string(os.PathListSeparator))[0], "bin")
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, "go", "bin")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// validatePDF runs pdfcpu's strict validation and qpdf's check on a PDF file;
// either finding anything fails the test.
func validatePDF(t *testing.T, file string) {
	t.Helper()
	pdfcpu := pdfTool(t, "pdfcpu", "go install github.com/pdfcpu/pdfcpu/cmd/pdfcpu@"+pdfcpuVersion)
	qpdf := pdfTool(t, "qpdf", "apt-get install qpdf")
	if out, err := exec.Command(pdfcpu, "validate", "-mode", "strict", file).CombinedOutput(); err != nil || !strings.Contains(string(out), "validation ok") {
		t.Errorf("pdfcpu validate -mode strict %s: %v\n%s", filepath.Base(file), err, out)
	}
	// qpdf exits 0 when it finds nothing, 2 on errors and 3 on warnings.
	if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(file), err, out)
	}
}

// pdfcpuVersion is the pdfcpu that .ci/run installs.
const pdfcpuVersion = "v0.11.1"

// structNode is an element of the structure tree as pdfinfo -struct-text
// prints it, or a piece of its text (typ "").
type structNode struct {
	typ  string
	text string
	kids []*structNode
}

// all returns the text of everything under n, in order, leaving out the
// elements of the types in skip.
func (n *structNode) all(skip ...string) string {
	var b strings.Builder
	b.WriteString(n.text)
	for _, k := range n.kids {
		if !slices.Contains(skip, k.typ) {
			b.WriteString(k.all(skip...))
		}
	}
	return b.String()
}

// find returns the elements of type typ under n, in the tree's order.
func (n *structNode) find(typ string) []*structNode {
	var out []*structNode
	for _, k := range n.kids {
		if k.typ == typ {
			out = append(out, k)
		}
		out = append(out, k.find(typ)...)
	}
	return out
}

// structTree reads the structure tree of a PDF with poppler's pdfinfo.
func structTree(t *testing.T, file string) *structNode {
	t.Helper()
	pdfinfo := pdfTool(t, "pdfinfo", "apt-get install poppler-utils")
	out, err := exec.Command(pdfinfo, "-struct-text", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text %s: %v", file, err)
	}
	root := &structNode{typ: "(root)"}
	stack := []*structNode{root}
	for _, line := range strings.Split(string(out), "\n") {
		body := strings.TrimLeft(line, " ")
		depth := (len(line) - len(body)) / 2
		if body == "" || strings.HasPrefix(body, "/") || strings.HasPrefix(body, "Object ") {
			continue // attributes, and annotations referred to
		}
		if len(stack) > depth+1 {
			stack = stack[:depth+1]
		}
		parent := stack[len(stack)-1]
		if strings.HasPrefix(body, `"`) {
			parent.kids = append(parent.kids, &structNode{text: strings.TrimSuffix(strings.TrimPrefix(body, `"`), `"`)})
			continue
		}
		n := &structNode{typ: strings.TrimSuffix(strings.Fields(body)[0], ":")}
		parent.kids = append(parent.kids, n)
		stack = append(stack, n)
	}
	return root
}

// letters keeps only the letters and digits of s: what a tree's text and the
// Markdown source of the same words have in common, whatever the line breaks,
// hyphens and escapes.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s)
}

// checkTagged checks the structure tree of a PDF edition against its Markdown
// edition: one Document holding the whole text, a heading element of the right
// level for every heading, and for every list an L whose LI elements are its
// items, in order, each with a Lbl and the item's text in its LBody.
func checkTagged(t *testing.T, pdfFile, mdFile string) {
	t.Helper()
	md, err := os.ReadFile(mdFile)
	if err != nil {
		t.Fatal(err)
	}
	doc := render.Parse(md)
	tree := structTree(t, pdfFile)
	if len(tree.kids) != 1 || tree.kids[0].typ != "Document" {
		t.Fatalf("%s: the structure tree does not have one Document at its root", filepath.Base(pdfFile))
	}
	root := tree.kids[0]
	whole := letters(root.all("Lbl")) // list numbers are not in the Markdown's text

	var lists []ast.Node
	headings := map[int][]string{}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n := n.(type) {
			case *ast.List:
				lists = append(lists, n)
			case *ast.Heading:
				headings[n.Level] = append(headings[n.Level], letters(nodeText(n, doc.Source)))
			}
		}
		return ast.WalkContinue, nil
	})
	for level, want := range headings {
		var got []string
		for _, h := range root.find("H" + string(rune('0'+level))) {
			got = append(got, letters(h.all()))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: H%d elements\n got %q\nwant %q", filepath.Base(pdfFile), level, got, want)
		}
	}
	ls := root.find("L")
	if len(ls) != len(lists) {
		t.Fatalf("%s: %d L elements, want one for each of the %d lists", filepath.Base(pdfFile), len(ls), len(lists))
	}
	at := 0
	for i, l := range lists {
		var items []*structNode
		for _, k := range ls[i].kids {
			if k.typ == "LI" {
				items = append(items, k)
			}
		}
		if len(items) != l.ChildCount() {
			t.Errorf("%s: list %d has %d LI elements, want its %d items", filepath.Base(pdfFile), i+1, len(items), l.ChildCount())
			continue
		}
		k := 0
		for item := l.FirstChild(); item != nil; item, k = item.NextSibling(), k+1 {
			want := letters(nodeText(item, doc.Source))
			var body string
			for _, part := range items[k].kids {
				if part.typ == "LBody" {
					body += letters(part.all())
				}
			}
			if body != want {
				t.Errorf("%s: list %d, item %d: LBody holds %q, want %q", filepath.Base(pdfFile), i+1, k+1, body, want)
			}
			if len(items[k].kids) == 0 || items[k].kids[0].typ != "Lbl" {
				t.Errorf("%s: list %d, item %d has no Lbl first", filepath.Base(pdfFile), i+1, k+1)
			}
		}
	}
	// A figure is a Figure, its alternative text not in the tree's text, followed by its Caption.
	var captions []string
	for c := doc.Root.FirstChild(); c != nil; c = c.NextSibling() {
		if img, ok := c.FirstChild().(*ast.Image); ok && c.ChildCount() == 1 {
			captions = append(captions, letters(string(img.Title)))
		}
	}
	var got []string
	for _, div := range root.find("Div") {
		if len(div.kids) == 2 && div.kids[0].typ == "Figure" && div.kids[1].typ == "Caption" {
			got = append(got, letters(div.kids[1].all()))
		}
	}
	if len(root.find("Figure")) != len(captions) || strings.Join(got, "|") != strings.Join(captions, "|") {
		t.Errorf("%s: %d Figure elements, with the captions %q; want one for each of the Markdown's figures, captioned %q", filepath.Base(pdfFile), len(root.find("Figure")), got, captions)
	}
	// The reading order: the Markdown's text, block by block, comes in the tree in the same order.
	for c := doc.Root.FirstChild(); c != nil; c = c.NextSibling() {
		want := letters(nodeText(c, doc.Source))
		if img, ok := c.FirstChild().(*ast.Image); ok && c.ChildCount() == 1 {
			want = letters(string(img.Title))
		}
		i := strings.Index(whole[at:], want)
		if i < 0 {
			t.Errorf("%s: the structure tree lacks, or has out of order, %.80q", filepath.Base(pdfFile), nodeText(c, doc.Source))
			continue
		}
		at += i + len(want)
	}
}

// TestPDFEditionsValidAndTagged builds the notices of the test projects in
// every language (the hardware notice's with an image of its device),
// unsigned, signed and signed with the development certificate, and checks
// each PDF edition with
// pdfcpu's strict validation, qpdf --check, and its structure tree against
// its Markdown edition.
func TestPDFEditionsValidAndTagged(t *testing.T) {
	numbers := t.TempDir()
	for _, sub := range []string{"locales", "templates"} {
		fsntest.CopyTree(t, filepath.Join(root, sub), filepath.Join(numbers, sub))
	}
	fsntest.CopyTree(t, filepath.Join(root, "cmd", "fsn", "testdata", "numbers"), numbers)
	for _, dir := range []string{root, numbers} {
		for _, signing := range []string{"unsigned", "signed", "development"} {
			opts := Options{
				NoticesDir:   filepath.Join(dir, "notices"),
				LocalesDir:   project.Locales(filepath.Join(dir, "locales")),
				TemplatesDir: project.Templates(filepath.Join(root, "templates")),
				OutDir:       t.TempDir(),
				Version:      "test",
			}
			switch signing {
			case "signed":
				opts.Signer = fsntest.Signer(t, "Dr. Arpad Bischof")
			case "development":
				s, _, err := sign.Development(t.TempDir(), time.Now())
				if err != nil {
					t.Fatal(err)
				}
				opts.Signer = s
			}
			if _, err := Run(opts); err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			pdfs, _ := filepath.Glob(filepath.Join(opts.OutDir, "*", "*.pdf"))
			if len(pdfs) == 0 {
				t.Fatalf("%s: no PDF editions", dir)
			}
			for _, pdf := range pdfs {
				t.Run(filepath.Base(pdf)+"/"+signing, func(t *testing.T) {
					validatePDF(t, pdf)
					if signing == "unsigned" {
						checkTagged(t, pdf, strings.TrimSuffix(pdf, ".pdf")+".md")
					}
				})
			}
		}
	}
}
