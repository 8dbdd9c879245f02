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

// Seed is the notice the tests build by name: the Italian notice of 2017 that
// fsn must reproduce. notices/ holds other notices beside it, so a test that
// means the seed names it rather than building every notice.
const Seed = "iqwebx-2017-11"

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

// CopySeedProject copies the repository's project folders as CopyProject does,
// but with the seed notice alone (CopyNoticeProject), for a test of a command
// that reads every notice of the project, such as fsn publish or fsn l10n status.
func CopySeedProject(t testing.TB) string {
	t.Helper()
	return CopyNoticeProject(t, Seed)
}

// CopyNoticeProject copies the repository's project folders as CopyProject
// does, but with notice id alone: the other notices' folders and translation
// files are left out.
func CopyNoticeProject(t testing.TB, id string) string {
	t.Helper()
	dir := CopyProject(t)
	notices, err := os.ReadDir(filepath.Join(dir, "notices"))
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range notices {
		if n.Name() == id {
			continue
		}
		translations, err := filepath.Glob(filepath.Join(dir, "locales", "*", n.Name()+".*.toml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range append(translations, filepath.Join(dir, "notices", n.Name())) {
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
		}
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
