// Package fsntest holds what the tests of several packages share: the root of the
// repository and temporary copies of its project folders, which a test may break
// without touching the real ones.
package fsntest

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
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

// Tree lists every file under dir, one "path sha256" line each with the path
// relative to dir, sorted: two equal trees give equal strings. A missing dir
// gives "".
func Tree(t testing.TB, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(dir, p)
			lines = append(lines, fmt.Sprintf("%s %x", rel, sha256.Sum256(data)))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// Tool returns the path of the external program name, which the Debian package
// pkg installs. Without it the test is skipped, or fails when CI is "true":
// .ci/run installs every tool a test needs.
func Tool(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (apt-get install %s)", name, pkg)
		}
		t.Skipf("%s is not installed (apt-get install %s)", name, pkg)
	}
	return path
}

// Replace replaces old, which must occur once, with new in the file at path,
// as a test breaks or edits a copy of a project file.
func Replace(t testing.TB, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), old); n != 1 {
		t.Fatalf("%q occurs %d times in %s, want once", old, n, path)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
