package check

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
)

// seedPDFs returns the PDF editions of the seed notice in its languages, as
// the PDF writer makes them, and the style they were made with.
func seedPDFs(t testing.TB) (map[string][]byte, *render.PDFStyle) {
	t.Helper()
	root := filepath.Join("..", "..")
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
	pdfs := map[string][]byte{}
	for _, lang := range n.Languages {
		ed, err := c.Localize(n, lang)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := tmpl.Markdown(ed)
		if err != nil {
			t.Fatal(err)
		}
		data, err := render.PDF(doc, render.PDFMeta{
			Lang: lang, Title: "test", Header: "test · IIS-FSN-2017-11", Date: time.Date(2017, 11, 6, 0, 0, 0, 0, time.UTC),
			PageLabel: func(page, pages int) (string, error) { return fmt.Sprintf("%d / %d", page, pages), nil },
		}, tmpl.PDFStyle)
		if err != nil {
			t.Fatal(err)
		}
		pdfs[lang] = data
	}
	return pdfs, tmpl.PDFStyle
}

// TestPageTextReadsAsContent checks that pageText reads every character of
// every page of the seed's PDF editions at the height, and as the character,
// that github.com/ledongthuc/pdf's Page.Content reads it.
func TestPageTextReadsAsContent(t *testing.T) {
	pdfs, _ := seedPDFs(t)
	for lang, data := range pdfs {
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= r.NumPage(); i++ {
			p := r.Page(i)
			var got []pdf.Text
			pageText(p, fontCache{}, func(y float64, ch rune) { got = append(got, pdf.Text{Y: y, S: string(ch)}) })
			want := p.Content().Text
			if len(got) != len(want) {
				t.Errorf("%s page %d: pageText reads %d characters, Content %d", lang, i, len(got), len(want))
				continue
			}
			for j, w := range want {
				if got[j].Y != w.Y || got[j].S != w.S {
					t.Errorf("%s page %d, character %d: pageText reads %q at %v, Content %q at %v", lang, i, j, got[j].S, got[j].Y, w.S, w.Y)
					break
				}
			}
		}
	}
}

func BenchmarkPDFText(b *testing.B) {
	pdfs, style := seedPDFs(b)
	data := pdfs["it"]
	for b.Loop() {
		if _, err := readPDFText(data, style); err != nil {
			b.Fatal(err)
		}
	}
}
