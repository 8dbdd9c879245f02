package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/outdir"
)

// copiedProject copies the project, changes into it and returns it with the
// flags that name its folders.
func copiedProject(t *testing.T) (string, []string) {
	t.Helper()
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12"} {
		t.Setenv(env, "")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	project := fsntest.CopySeedProject(t)
	t.Chdir(project)
	return project, []string{"--notices", "notices", "--locales", "locales", "--templates", "templates"}
}

// TestOutRefusesProjectFolders gives --out a folder of the project by mistake:
// fsn refuses it, says why, and leaves every file in it as it was.
func TestOutRefusesProjectFolders(t *testing.T) {
	project, flags := copiedProject(t)
	sources := func() string {
		return fsntest.Tree(t, filepath.Join(project, "notices")) + fsntest.Tree(t, filepath.Join(project, "locales")) + fsntest.Tree(t, filepath.Join(project, "templates"))
	}
	before := sources()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"build", "--no-sign", "--out", "notices"}, "notices: error: this folder is not an fsn out folder"},
		{[]string{"build", "--no-sign", "--out", "templates"}, "is not an fsn out folder"},
		{[]string{"publish", "--out", "locales"}, `locales: error: this folder was not written by fsn (it holds no "manifest.json")`},
		{[]string{"publish", "--out", "templates"}, "so fsn will not replace it"},
		{[]string{"publish", "--out", "out/site", "--build-out", "notices"}, "is not an fsn out folder"},
	}
	for _, tt := range tests {
		code, _, stderr := fsn(t, append(tt.args, flags...)...)
		if code != 1 || !strings.Contains(stderr, tt.want) {
			t.Errorf("fsn %s: exit %d, want 1 and %q:\n%s", strings.Join(tt.args, " "), code, tt.want, stderr)
		}
	}
	if after := sources(); after != before {
		t.Errorf("a refused --out changed the project:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

// TestOutLinkIsNotFollowed makes out/<id> a link to a folder elsewhere: a
// partial build does not copy that folder's files into out/, and no build
// writes through the link.
func TestOutLinkIsNotFollowed(t *testing.T) {
	_, flags := copiedProject(t)
	flags = append(flags, "--no-sign")
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "secret.txt"), []byte("not for out/"), 0o600)
	if code, _, stderr := fsn(t, append([]string{"build", "--format", "md"}, flags...)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	os.RemoveAll(filepath.Join("out", "iqwebx-2017-11"))
	if err := os.Symlink(elsewhere, filepath.Join("out", "iqwebx-2017-11")); err != nil {
		t.Fatal(err)
	}
	before := fsntest.Tree(t, elsewhere)
	for _, args := range [][]string{{"build", "--lang", "it"}, {"build"}} {
		code, _, stderr := fsn(t, append(args, flags...)...)
		if code != 1 || !strings.Contains(stderr, "out/iqwebx-2017-11: error: is a symbolic link; fsn never follows a link out of the out folder") {
			t.Errorf("fsn %s over a link: exit %d\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	if after := fsntest.Tree(t, elsewhere); after != before {
		t.Errorf("the folder the link points to changed:\n%s", after)
	}
	filepath.WalkDir("out", func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "secret.txt" {
			t.Errorf("a file from outside out/ was copied into %s", p)
		}
		return nil
	})
}

// TestSecondBuildIsLockedOut runs fsn build while another holds out/: it is
// refused at once, with a message that says what to do.
func TestSecondBuildIsLockedOut(t *testing.T) {
	_, flags := copiedProject(t)
	d, err := outdir.Open("out")
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := fsn(t, append([]string{"build", "--no-sign"}, flags...)...)
	d.Close()
	if code != 1 || !strings.Contains(stderr, "another fsn is building into out (pid ") || !strings.Contains(stderr, "wait for it or use another --out") {
		t.Errorf("a second build: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := fsn(t, append([]string{"build", "--no-sign"}, flags...)...); code != 0 {
		t.Errorf("a build after the lock was released: exit %d\n%s", code, stderr)
	}
}

// TestLeftoversOfKilledRunsAreRemoved puts into an out/ of an earlier fsn (no
// marker) the staging folders killed runs left: the next build adopts out/ and
// removes them.
func TestLeftoversOfKilledRunsAreRemoved(t *testing.T) {
	_, flags := copiedProject(t)
	if code, _, stderr := fsn(t, append([]string{"build", "--no-sign", "--format", "md"}, flags...)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	os.Remove(filepath.Join("out", outdir.MarkerName))
	os.Remove(filepath.Join("out", outdir.LockName))
	for _, dir := range []string{"out/.staging-123/iqwebx-2017-11", "out/.staging-456", "out/.site-staging-789/site"} {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "half-written.pdf"), []byte("%PDF-1.7"), 0o644)
	}
	if code, _, stderr := fsn(t, append([]string{"build", "--no-sign", "--format", "md"}, flags...)...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if left, _ := filepath.Glob("out/.*staging-*"); len(left) > 0 {
		t.Errorf("the build left %v", left)
	}
}
