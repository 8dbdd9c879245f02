package project

import (
	"os"
	"path/filepath"

	"github.com/fsn-tool/fsn/internal/outdir"
)

// Marker is the folder that makes the folder holding it a project's root.
const Marker = "notices"

// Root returns the root of the project that dir is in: the nearest folder from
// dir upwards that holds notices/ and is not inside an fsn out folder (one
// marked with outdir.MarkerName), as git finds its repository. It returns ""
// when there is none: dir is in no project.
func Root(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	root := ""
	for ; ; dir = filepath.Dir(dir) {
		if m, err := os.Lstat(filepath.Join(dir, outdir.MarkerName)); err == nil && m.Mode().IsRegular() {
			root = "" // what was found so far is inside an out folder
		} else if st, err := os.Stat(filepath.Join(dir, Marker)); root == "" && err == nil && st.IsDir() {
			root = dir
		}
		if filepath.Dir(dir) == dir {
			return root
		}
	}
}

// Rel returns path, absolute, relative to the folder cwd when it is below it,
// as messages name files; else path itself.
func Rel(cwd, path string) string {
	if rel, err := filepath.Rel(cwd, path); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return path
}
