// Package fsntest holds what the tests of several packages share: the root of the
// repository and temporary copies of its project folders, which a test may break
// without touching the real ones.
package fsntest

import (
	"os"
	"path/filepath"
	"testing"
)

// ProjectDirs are the folders of an fsn project that a build reads.
var ProjectDirs = []string{"notices", "locales", "templates"}

// Root returns the absolute path of the repository: the nearest folder above the
// test's working directory (its package folder) that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("fsntest: no go.mod above the working directory")
		}
		dir = parent
	}
}

// CopyProject copies the repository's notices, locales and templates into a new
// temporary folder and returns it.
func CopyProject(t testing.TB) string {
	t.Helper()
	root, dir := Root(t), t.TempDir()
	for _, sub := range ProjectDirs {
		CopyTree(t, filepath.Join(root, sub), filepath.Join(dir, sub))
	}
	return dir
}

// CopyTree copies the folder src to dst, which may exist but must not hold any of
// the files it copies.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}
