package site

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
)

// TestSiteFigure makes the site of the hardware notice, whose battery pack
// has an image of its label: each language's page of the notice holds the
// figure, and beside the Markdown download is the image file it shows.
func TestSiteFigure(t *testing.T) {
	const id = "infusia-ip7-2026-05"
	bo := build.Options{
		Notices:    []string{filepath.Join(noticesDir, id)},
		NoticesDir: noticesDir, LocalesDir: project.Locales(localesDir),
		TemplatesDir: project.Templates(templatesDir), OutDir: t.TempDir(), Version: "test",
	}
	res, err := build.Run(bo)
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Load(filepath.Join(bo.NoticesDir, id))
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := l10n.Load(bo.LocalesDir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := writeSite(t, Options{Notices: []*notice.Notice{n}, Catalog: catalog, Records: res.Records, EditionsDir: bo.OutDir,
		TemplatesDir: project.Templates(templatesDir), Generator: "fsn test"})
	if err != nil {
		t.Fatal(err)
	}
	label, err := os.ReadFile(filepath.Join(bo.NoticesDir, id, "images", "bp7-label.png"))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range n.Languages {
		dir := noticeDir(lang, id)
		if _, ok := files[dir+id+"."+lang+".md"]; !ok {
			t.Fatalf("the site has no %s%s.%s.md", dir, id, lang)
		}
		if img := files[dir+id+".bp7.label.png"]; !bytes.Equal(img, label) {
			t.Errorf("beside %s%s.%s.md the site has %d bytes of %s.bp7.label.png, want the notice's image", dir, id, lang, len(img), id)
		}
		if page := string(files[dir+"index.html"]); !strings.Contains(page, "<figure>\n<img src=\"data:image/png;base64,") {
			t.Errorf("%sindex.html has no figure with the image inside it", dir)
		}
	}
}
