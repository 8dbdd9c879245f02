package check

import (
	"path/filepath"
	"slices"

	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/render"
)

// InputFiles returns the path of every file that shapes an edition of n,
// sorted and without repeats: the notice and its images, the labels and the
// translation of each of its languages, and every file of tmpl (templates, style sheet, PDF
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
	for _, img := range n.Images() {
		paths = append(paths, n.ImagePath(img))
	}
	paths = append(paths, tmpl.Files()...)
	slices.Sort(paths)
	return slices.Compact(paths)
}

// RecordName is the name under which the build record lists the input at path:
// relative to the project's root folder root, with slashes, when path is a file
// of it; an embedded default as it is named (input.Embedded); else path with
// slashes. ResolveRecorded reverses it.
func RecordName(root, path string) string {
	if root != "" && !input.IsEmbedded(path) {
		if abs, err := filepath.Abs(path); err == nil {
			if rel, err := filepath.Rel(root, abs); err == nil && filepath.IsLocal(rel) {
				path = rel
			}
		}
	}
	return filepath.ToSlash(path)
}

// ResolveRecorded returns the path to read of an input the build record names
// name, for a build in the project whose root folder is root.
func ResolveRecorded(root, name string) string {
	p := filepath.FromSlash(name)
	if root == "" || input.IsEmbedded(name) || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(root, p)
}
