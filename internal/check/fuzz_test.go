package check_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
)

// pipeline is the seed notice, its locales and templates, loaded once, with
// what its clean Italian HTML edition holds.
type pipeline struct {
	n       *notice.Notice
	c       *l10n.Catalog
	tmpl    *render.Templates
	targets []string // the messages and fields a fuzz input may replace
	clean   htmlShape
}

// htmlShape is what the HTML body of an edition is made of, without its text.
type htmlShape struct {
	attrs map[string]bool // "h3 id", "a href", …: each element with each of its attributes
	elems map[string]bool
	ids   []string
}

// inlineElements are the elements a text's inline Markdown may add.
var inlineElements = []string{"strong", "em", "code", "a", "del"}

func shapeOf(t *testing.T, body string) htmlShape {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("the HTML edition does not parse: %v", err)
	}
	s := htmlShape{attrs: map[string]bool{}, elems: map[string]bool{}}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			s.elems[n.Data] = true
			for _, a := range n.Attr {
				s.attrs[n.Data+" "+a.Key] = true
				if a.Key == "id" {
					s.ids = append(s.ids, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return s
}

func loadPipeline(t testing.TB) *pipeline {
	n, err := notice.Load(filepath.Join(root, "notices", "iqwebx-2017-11"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := l10n.Load(project.Locales(filepath.Join(root, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := render.LoadTemplates(project.Templates(filepath.Join(root, "templates")))
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{n: n, c: c, tmpl: tmpl}
	for _, name := range []string{n.ID, l10n.LabelsName} {
		for id := range c.File("it", name).Messages {
			p.targets = append(p.targets, name+":"+id)
		}
	}
	sort.Strings(p.targets)
	p.targets = append(p.targets, "field:manufacturer.name", "field:manufacturer.address", "field:contact.phone", "field:signatory.name")
	return p
}

// set puts text in place of the target and returns what undoes it.
func (p *pipeline) set(target, text string) (undo func()) {
	kind, id, _ := strings.Cut(target, ":")
	var field *string
	switch {
	case kind != "field":
		m := p.c.File("it", kind).Messages[id]
		field = &m.Other
	case id == "manufacturer.name":
		field = &p.n.Manufacturer.Name
	case id == "manufacturer.address":
		field = &p.n.Manufacturer.Address[0]
	case id == "contact.phone":
		field = &p.n.Contact.Phone
	default:
		field = &p.n.Signatory.Name
	}
	old := *field
	*field = text
	return func() { *field = old }
}

// editions writes the Italian Markdown, HTML and PDF editions, as fsn build
// does, whether or not the check passed; an error is a refused input.
func (p *pipeline) editions() (md []byte, body string, err error) {
	ed, err := p.c.Localize(p.n, "it")
	if err != nil {
		return nil, "", err
	}
	doc, err := p.tmpl.Markdown(ed)
	if err != nil {
		return nil, "", err
	}
	b, err := doc.HTML(nil)
	if err != nil {
		return nil, "", err
	}
	if _, err := p.tmpl.HTML(doc, render.PageMeta{Lang: "it", Title: "t", Date: "2017-11-06"}); err != nil {
		return nil, "", err
	}
	_, err = render.PDF(doc, render.PDFMeta{Lang: "it", Title: "t", Header: "t", Date: time.Date(2017, 11, 6, 0, 0, 0, 0, time.UTC),
		PageLabel: func(page, pages int) (string, error) { return fmt.Sprintf("%d / %d", page, pages), nil }}, p.tmpl.PDFStyle)
	return doc.Source, string(b), err
}

// stepCounts returns, by heading id, how many items the first ordered list
// under each heading of the Markdown edition has.
func stepCounts(md []byte) map[string]int {
	doc := render.Parse(md)
	counts := map[string]int{}
	id := ""
	for b := doc.Root.FirstChild(); b != nil; b = b.NextSibling() {
		switch b := b.(type) {
		case *ast.Heading:
			id = render.HeadingID(b)
		case *ast.List:
			if _, seen := counts[id]; id != "" && !seen && b.IsOrdered() {
				counts[id] = b.ChildCount()
			}
		}
	}
	return counts
}

// FuzzEdition puts a fuzzed text in place of one message of the Italian
// translation or labels, or of one plain field of the notice, and runs the
// pipeline from the check to the three editions. Whatever the text: nothing
// panics, and the HTML edition has no attribute the template does not write
// and no id but the template's, each once. When fsn check lets the text
// through: the edition has every id of the template, no element that the template and inline Markdown do
// not make, and every list of steps holds every step of the source. The seeds
// are in testdata/fuzz/FuzzEdition.
func FuzzEdition(f *testing.F) {
	p := loadPipeline(f)
	md, body, err := p.editions()
	if err != nil {
		f.Fatal(err)
	}
	p.clean = shapeOf(&testing.T{}, body)
	cleanSteps := stepCounts(md)
	f.Fuzz(func(t *testing.T, which uint, text string) {
		if !utf8.ValidString(text) {
			return // every loader refuses a file that is not UTF-8 (package input), so no text is
		}
		target := p.targets[which%uint(len(p.targets))]
		defer p.set(target, text)()
		report := check.New(p.c).Edition(p.n, "it")
		md, body, err := p.editions()
		if err != nil {
			if len(diag.From(err)) == 0 {
				t.Fatalf("%s = %q: an error without a position: %v", target, text, err)
			}
			return // refused, with its position
		}
		got := shapeOf(t, body)
		for a := range got.attrs {
			// Links have a target; a task's tick box may be ticked ("- [x]", which a template may write).
			if !p.clean.attrs[a] && a != "a href" && a != "input checked" {
				t.Errorf("%s = %q: the HTML edition has the attribute %q, which the template does not write", target, text, a)
			}
		}
		for i, id := range got.ids {
			if !slices.Contains(p.clean.ids, id) || slices.Contains(got.ids[:i], id) {
				t.Errorf("%s = %q: the HTML edition has the id %q, which the template does not write, or twice", target, text, id)
			}
		}
		if len(report.Errors()) > 0 {
			return // fsn build would refuse the edition
		}
		if !slices.Equal(got.ids, p.clean.ids) {
			t.Errorf("%s = %q passes fsn check, and the HTML edition's ids are\n%q, want\n%q", target, text, got.ids, p.clean.ids)
		}
		for e := range got.elems {
			if !p.clean.elems[e] && !slices.Contains(inlineElements, e) {
				t.Errorf("%s = %q passes fsn check, and the HTML edition has a <%s>, which neither the template nor inline Markdown writes", target, text, e)
			}
		}
		steps := stepCounts(md)
		for id, n := range cleanSteps {
			if strings.HasPrefix(id, "actions-") || id == "troubleshooting" {
				if steps[id] != n {
					t.Errorf("%s = %q passes fsn check, and the list #%s has %d items, the source %d steps:\n%s", target, text, id, steps[id], n, md)
				}
			}
		}
		if bytes.Count(md, []byte("\n~~~")) > 0 || bytes.Contains(md, []byte("\n```")) {
			t.Errorf("%s = %q passes fsn check, and the Markdown edition has a code fence", target, text)
		}
	})
}
