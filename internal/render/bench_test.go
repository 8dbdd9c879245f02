package render

import (
	"testing"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

// BenchmarkMarkdownHTML renders one edition's Markdown and HTML as a build
// does, from the localised edition: the template, the parse, the published
// Markdown and the HTML page. The infusia notice has a figure, which the page
// holds as a data: URI.
func BenchmarkMarkdownHTML(b *testing.B) {
	c, err := l10n.Load(project.Locales("../../locales"))
	if err != nil {
		b.Fatal(err)
	}
	tmpl, err := LoadTemplates(project.Templates("../../templates"))
	if err != nil {
		b.Fatal(err)
	}
	for _, tt := range []struct{ notice, lang string }{{"iqwebx-2017-11", "it"}, {"infusia-ip7-2026-05", "de"}} {
		b.Run(tt.notice, func(b *testing.B) {
			n, err := notice.Load("../../notices/" + tt.notice)
			if err != nil {
				b.Fatal(err)
			}
			images, err := NoticeImages(n)
			if err != nil {
				b.Fatal(err)
			}
			ed, err := c.Localize(n, tt.lang)
			if err != nil {
				b.Fatal(err)
			}
			meta := PageMeta{Lang: tt.lang, Title: "FSN", Date: "2017-11-06", Phones: PhoneNumbers(ed.Notice)}
			var size int
			for b.Loop() {
				doc, err := tmpl.Markdown(ed)
				if err != nil {
					b.Fatal(err)
				}
				doc.Images = images
				page, err := tmpl.HTML(doc, meta)
				if err != nil {
					b.Fatal(err)
				}
				size = len(doc.Published()) + len(page)
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
