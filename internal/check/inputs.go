package check

import (
	"slices"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/render"
)

// InputFiles returns the path of every file that shapes an edition of n,
// sorted and without repeats: the notice, the labels and the translation of
// each of its languages, and every file of tmpl (templates, style sheet, PDF
// style, fonts, logo). fsn build records their hashes; Verify reports an
// edition as stale when one changed, or when the record lacks one.
func InputFiles(n *notice.Notice, c *l10n.Catalog, tmpl *render.Templates) []string {
	paths := []string{n.File}
	for _, lang := range n.Languages {
		paths = append(paths, c.FilePath(lang, l10n.LabelsName))
		if lang != n.SourceLanguage {
			paths = append(paths, c.FilePath(lang, n.ID))
		}
	}
	paths = append(paths, tmpl.Files()...)
	slices.Sort(paths)
	return slices.Compact(paths)
}
