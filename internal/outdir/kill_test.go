package outdir_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/site"
)

var ids = []string{"iqwebx-2017-11", "iqwebx-2017-12"}

// twoNotices copies the project with the seed notice alone and adds a second notice, a copy of the first
// under another id with its translations, so a build writes two folders.
func twoNotices(t *testing.T) string {
	t.Helper()
	project := fsntest.CopySeedProject(t)
	src, dst := ids[0], ids[1]
	data, err := os.ReadFile(filepath.Join(project, "notices", src, "notice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(project, "notices", dst), 0o755)
	os.WriteFile(filepath.Join(project, "notices", dst, "notice.yaml"), []byte(strings.ReplaceAll(string(data), src, dst)), 0o644)
	for _, lang := range []string{"it", "de"} {
		data, err := os.ReadFile(filepath.Join(project, "locales", lang, src+"."+lang+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		// Each message is named after its file: [iqwebx-2017-12.subject].
		data = []byte(strings.ReplaceAll(string(data), "["+src+".", "["+dst+"."))
		os.WriteFile(filepath.Join(project, "locales", lang, dst+"."+lang+".toml"), data, 0o644)
	}
	return project
}

func options(dir, out, version string) build.Options {
	return build.Options{
		NoticesDir:   filepath.Join(dir, "notices"),
		LocalesDir:   project.Locales(filepath.Join(dir, "locales")),
		TemplatesDir: project.Templates(filepath.Join(dir, "templates")),
		OutDir:       out,
		Version:      version,
		Formats:      []build.Format{build.Markdown, build.HTML},
		Languages:    []string{"it"},
	}
}

// generation reads the folder of every notice in out.
func generation(t *testing.T, out string) map[string]string {
	t.Helper()
	g := map[string]string{}
	for _, id := range ids {
		g[id] = fsntest.Tree(t, filepath.Join(out, id))
	}
	return g
}

// leftovers lists what out holds besides the notices' folders and fsn's own files.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		switch n := e.Name(); {
		case n == outdir.MarkerName, n == outdir.LockName, n == outdir.KeepName:
		case strings.HasPrefix(n, "iqwebx-"):
		default:
			left = append(left, n)
		}
	}
	return left
}

func recoverOut(t *testing.T, out string) {
	t.Helper()
	d, err := outdir.Open(out)
	if err != nil {
		t.Fatalf("the next run cannot recover %s: %v", out, err)
	}
	d.Close()
}

// TestBuildKilledAtEveryOperation builds two notices over an older build and
// kills the build before each of its file operations in turn. After each kill
// every notice's folder is its complete old or its complete new build, compared
// by whole-file hashes; after the next run's recovery, both are old or both
// are new, and nothing else is left in out/.
func TestBuildKilledAtEveryOperation(t *testing.T) {
	project := twoNotices(t)
	base := filepath.Join(t.TempDir(), "out")
	if _, err := build.Run(options(project, base, "old")); err != nil {
		t.Fatal(err)
	}
	oldGen := generation(t, base)
	ref := filepath.Join(t.TempDir(), "out")
	fsntest.CopyTree(t, base, ref)
	if _, err := build.Run(options(project, ref, "new")); err != nil {
		t.Fatal(err)
	}
	newGen := generation(t, ref)
	for _, id := range ids {
		if oldGen[id] == newGen[id] || oldGen[id] == "" {
			t.Fatalf("the two builds of %s do not differ", id)
		}
	}

	for n := 1; ; n++ {
		out := filepath.Join(t.TempDir(), "out")
		fsntest.CopyTree(t, base, out)
		stop := outdir.KillAt(n)
		_, err := build.Run(options(project, out, "new"))
		stop()
		got := generation(t, out)
		for _, id := range ids {
			if got[id] != oldGen[id] && got[id] != newGen[id] {
				t.Fatalf("killed before operation %d: %s is neither its old nor its new build:\n%s", n, id, got[id])
			}
		}
		recoverOut(t, out)
		got = generation(t, out)
		if !equal(got, oldGen) && !equal(got, newGen) {
			t.Errorf("killed before operation %d, then recovered: the notices are from different builds", n)
		}
		if left := leftovers(t, out); len(left) > 0 {
			t.Errorf("killed before operation %d: the next run left %v", n, left)
		}
		if err == nil {
			if !equal(got, newGen) {
				t.Errorf("a build that finished left an old notice")
			}
			t.Logf("killed a build of two notices before each of its %d file operations", n-1)
			break
		}
	}
}

func equal(a, b map[string]string) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return len(a) == len(b)
}

// TestFailedSwapOfSecondNotice fails the swap of the second notice's folder:
// the first one, already swapped, is put back, so out/ holds the old build of
// both, as the CLI's "nothing was written" says.
func TestFailedSwapOfSecondNotice(t *testing.T) {
	project := twoNotices(t)
	out := filepath.Join(t.TempDir(), "out")
	if _, err := build.Run(options(project, out, "old")); err != nil {
		t.Fatal(err)
	}
	oldGen := generation(t, out)
	second := filepath.Join(out, ids[1])
	outdir.SetFault(func(op, path string) error {
		if (op == "exchange" || op == "rename") && path == second {
			return errors.New("injected failure")
		}
		return nil
	})
	_, err := build.Run(options(project, out, "new"))
	outdir.SetFault(nil)
	var unfinished *outdir.Unfinished
	if err == nil || errors.As(err, &unfinished) {
		t.Fatalf("build = %v, want a failure that left out/ as it was", err)
	}
	if got := generation(t, out); !equal(got, oldGen) {
		t.Error("a failed build changed out/: the first notice was not put back")
	}
	if left := leftovers(t, out); len(left) > 0 {
		t.Errorf("a failed build left %v", left)
	}
}

// TestSIGKILL kills the fsn binary with SIGKILL at random moments of fsn
// build and fsn publish: after each kill every notice's folder holds exactly
// what its build record lists and the site what its SHA256SUMS lists; the next
// run (a quick build) succeeds and leaves no staging folder.
func TestSIGKILL(t *testing.T) {
	project := twoNotices(t)
	exe := filepath.Join(t.TempDir(), "fsn")
	if out, err := exec.Command("go", "build", "-o", exe, "../../cmd/fsn").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cert, key := fsntest.KeyFiles(t, t.TempDir(), fsntest.Signatory) // publish signs as the notices' signatory
	env := append(os.Environ(), "FSN_SIGN_CERT="+cert, "FSN_SIGN_KEY="+key, "FSN_SIGN_P12=", "XDG_CONFIG_HOME="+t.TempDir())
	fsn := func(args ...string) *exec.Cmd {
		cmd := exec.Command(exe, args...)
		cmd.Dir, cmd.Env = project, env
		return cmd
	}
	runs := []struct {
		args  []string
		times int
	}{
		{[]string{"build", "--no-sign", "--format", "md,html"}, 4},
		{[]string{"publish"}, 2},
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for _, r := range runs {
		start := time.Now()
		if out, err := fsn(r.args...).CombinedOutput(); err != nil {
			t.Fatalf("fsn %v: %v\n%s", r.args, err, out)
		}
		took := time.Since(start)
		for i := 0; i < r.times; i++ {
			// Most of a run is building in memory; aim at its second half,
			// where out/ is written (TestBuildKilledAtEveryOperation covers
			// every operation of that part deterministically).
			delay := took/2 + time.Duration(rng.Int64N(int64(took)*6/10))
			cmd := fsn(r.args...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			out := filepath.Join(project, "out")
			if msg := wholeNotices(t, out); !strings.HasPrefix(msg, "fsn ") { // a generator, not a problem
				t.Errorf("fsn %v killed after %v: %s", r.args, delay, msg)
			}
			if _, err := os.Stat(filepath.Join(out, "site")); err == nil {
				if msg := wholeSite(t, filepath.Join(out, "site")); msg != "" {
					t.Errorf("fsn %v killed after %v: %s", r.args, delay, msg)
				}
			}
			// The next run, a quick one, finishes or removes what the killed one left.
			if b, err := fsn("build", "--no-sign", "--lang", "it", "--format", "md").CombinedOutput(); err != nil {
				t.Fatalf("fsn build after fsn %v was killed at %v: %v\n%s", r.args, delay, err, b)
			}
			if left := leftovers(t, out); len(left) > 1 || len(left) == 1 && left[0] != "site" {
				t.Errorf("fsn %v after a kill at %v: the next run left %v", r.args, delay, left)
			}
			t.Logf("fsn %v killed after %v of %v", r.args, delay.Round(time.Millisecond), took.Round(time.Millisecond))
		}
	}
}

// TestPublishKilled kills fsn publish at points spread over its file operations,
// in the build of the editions and in the writing of the site: each notice's
// folder and the site are whole after each kill, and the next run recovers.
func TestPublishKilled(t *testing.T) {
	dir := twoNotices(t)
	signer := fsntest.Signer(t, fsntest.Signatory)
	publish := func(out, version string) error {
		dirs, err := notice.Dirs(filepath.Join(dir, "notices"))
		if err != nil {
			return err
		}
		notices, err := notice.LoadAll(dirs)
		if err != nil {
			return err
		}
		catalog, err := l10n.Load(project.Locales(filepath.Join(dir, "locales")))
		if err != nil {
			return err
		}
		bo := options(dir, out, version)
		bo.Formats, bo.Languages, bo.Signer = nil, nil, signer
		bo.Signing.Time = time.Now()
		_, err = site.Publish(site.PublishOptions{Notices: notices, Catalog: catalog, Build: bo, Dir: filepath.Join(out, "site")})
		return err
	}
	base := filepath.Join(t.TempDir(), "out")
	if err := publish(base, "old"); err != nil {
		t.Fatal(err)
	}
	ops := 0
	outdir.SetFault(func(string, string) error { ops++; return nil })
	ref := filepath.Join(t.TempDir(), "out")
	fsntest.CopyTree(t, base, ref)
	err := publish(ref, "new")
	outdir.SetFault(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := published(t, ref); got != "fsn new" {
		t.Fatalf("a finished publish left %q", got)
	}

	// The first and the last operations, the commits of the build and of the
	// site, and points between; every point is covered by TestKillAtEveryOperation.
	points := []int{1, ops / 2, ops - 8, ops - 4, ops - 1}
	for _, n := range points {
		out := filepath.Join(t.TempDir(), "out")
		fsntest.CopyTree(t, base, out)
		stop := outdir.KillAt(n)
		err := publish(out, "new")
		stop()
		if err == nil && n < ops-1 { // the last two remove the staging folder, after the commit
			t.Fatalf("publish killed before operation %d of %d succeeded", n, ops)
		}
		if got := published(t, out); got != "fsn old" && got != "fsn new" {
			t.Fatalf("publish killed before operation %d of %d: %s", n, ops, got)
		}
		recoverOut(t, out)
		if got := published(t, out); got != "fsn old" && got != "fsn new" {
			t.Errorf("publish killed before operation %d of %d, then recovered: %s", n, ops, got)
		}
		if left := leftovers(t, out); len(left) > 1 || len(left) == 1 && left[0] != "site" {
			t.Errorf("publish killed before operation %d: the next run left %v", n, left)
		}
	}
}

// published checks that each notice's folder in out holds exactly the files its
// build record lists, with their hashes, and that out/site holds exactly the
// files its SHA256SUMS lists. It returns the generator every notice names
// ("fsn old" or "fsn new"), or what is wrong. Signatures differ from run to
// run, so the folders are compared with their own records, not with another run.
func published(t *testing.T, out string) string {
	t.Helper()
	gen := wholeNotices(t, out)
	if msg := wholeSite(t, filepath.Join(out, "site")); msg != "" {
		return msg
	}
	return gen
}

// wholeNotices checks that each notice's folder in out holds exactly the files
// its build record lists, with their hashes, and that all name one generator,
// which it returns; otherwise it says what is wrong.
func wholeNotices(t *testing.T, out string) string {
	t.Helper()
	gens := map[string]bool{}
	for _, id := range ids {
		dir := filepath.Join(out, id)
		rec, err := record.Read(filepath.Join(dir, record.Name(id)))
		if err != nil {
			return id + ": " + err.Error()
		}
		want := []string{record.Name(id) + " "}
		for _, ed := range rec.Editions {
			for _, f := range ed.Files {
				want = append(want, f.Name+" "+f.SHA256)
			}
		}
		if got := fsntest.Tree(t, dir); !sameFiles(got, want) {
			return id + " does not match its build record:\n" + got
		}
		gens[rec.Generator] = true
	}
	if len(gens) != 1 {
		return fmt.Sprintf("the notices are from different builds: %v", gens)
	}
	for g := range gens {
		return g
	}
	return ""
}

// wholeSite checks that the site in dir holds exactly the files its SHA256SUMS
// lists, with their hashes, and returns what is wrong, or "".
func wholeSite(t *testing.T, dir string) string {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		return "site: " + err.Error()
	}
	want := []string{"SHA256SUMS "}
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		hash, path, _ := strings.Cut(line, "  ")
		want = append(want, filepath.FromSlash(path)+" "+hash)
	}
	if got := fsntest.Tree(t, dir); !sameFiles(got, want) {
		return "the site does not match its SHA256SUMS"
	}
	// The site is a generation of its own: a publish that fails after the build
	// leaves the new editions beside the previous site, as one that fails its
	// verification does.
	manifest, _ := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if !strings.Contains(string(manifest), `"generator"`) {
		return "the site names no generator"
	}
	return ""
}

// sameFiles compares a folder listing with the "name hash" lines wanted; a
// wanted line that ends in a space matches any hash of that name.
func sameFiles(got string, want []string) bool {
	lines := strings.Split(got, "\n")
	if len(lines) != len(want) {
		return false
	}
	sort.Strings(want)
	for i, w := range want {
		if lines[i] != w && !(strings.HasSuffix(w, " ") && strings.HasPrefix(lines[i], w)) {
			return false
		}
	}
	return true
}
