package outdir

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var errKilled = errors.New("killed")

// killAt makes the n-th file operation from now on, and every one after it,
// fail, as if the process had been killed just before it: nothing it would
// still do (not even its clean-up) reaches the disk. It returns a function
// that reports how many operations ran and removes the fault.
func killAt(n int) (stop func() int) {
	ops := 0
	fault = func(op, path string) error {
		ops++
		if ops >= n {
			return errKilled
		}
		return nil
	}
	return func() int { fault = nil; return ops }
}

// failAt makes only the n-th file operation from now on fail.
func failAt(n int) (stop func() int) {
	ops := 0
	fault = func(op, path string) error {
		ops++
		if ops == n {
			return errors.New("injected failure")
		}
		return nil
	}
	return func() int { fault = nil; return ops }
}

// generation writes the entries, name → content of its file "f", as one
// generation into the out folder.
func generation(out string, entries map[string]string, order []string) error {
	d, err := Open(out)
	if err != nil {
		return err
	}
	defer d.Close()
	s, err := d.Stage()
	defer s.Discard()
	if err != nil {
		return err
	}
	for _, name := range order {
		if _, err := s.Add(name, "f"); err != nil {
			return err
		}
		if err := s.WriteFile(name+"/f", []byte(entries[name])); err != nil {
			return err
		}
	}
	return s.Commit()
}

var (
	order  = []string{"a", "b", "c"}
	oldGen = map[string]string{"a": "old a", "b": "old b"}
	newGen = map[string]string{"a": "new a", "b": "new b", "c": "new c"}
)

// state reads what out holds of the entries, "" for a missing one, and the
// names of the staging folders in it.
func state(t *testing.T, out string) (map[string]string, []string) {
	t.Helper()
	got := map[string]string{}
	for _, name := range order {
		if data, err := os.ReadFile(filepath.Join(out, name, "f")); err == nil {
			got[name] = string(data)
		}
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var stages []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagePrefix) {
			stages = append(stages, e.Name())
		}
	}
	return got, stages
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// whole says whether every entry of got is its old or its new version; with
// gaps, an entry may also be missing (two renames without RENAME_EXCHANGE).
func whole(got map[string]string, gaps bool) bool {
	for _, name := range order {
		v, ok := got[name]
		if !(v == oldGen[name] && (ok || oldGen[name] == "") || v == newGen[name] || gaps && !ok) {
			return false
		}
	}
	return true
}

func newOut(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if err := generation(out, oldGen, []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKillAtEveryOperation kills a generation's commit before each of its file
// operations in turn, then kills the next run's recovery at each point too.
// At every moment, each entry is its complete old or complete new version (or,
// without RENAME_EXCHANGE, missing between two renames); once a run recovers,
// out/ holds the whole old or the whole new generation and no staging folder.
func TestKillAtEveryOperation(t *testing.T) {
	for _, exchangeOK := range []bool{true, false} {
		noExchange = !exchangeOK
		total := 0
		for n := 1; ; n++ {
			out := newOut(t)
			stop := killAt(n)
			err := generation(out, newGen, order)
			ran := stop()
			got, _ := state(t, out)
			if !whole(got, !exchangeOK) {
				t.Fatalf("exchange=%v, killed at operation %d: out holds %v", exchangeOK, n, got)
			}
			if err == nil {
				if !equal(got, newGen) {
					t.Fatalf("a finished run left %v", got)
				}
				total = ran
				break
			}
			// Kill the recovery at every point as well, then recover in full.
			for m := 1; ; m++ {
				stop := killAt(m)
				d, err := Open(out)
				if err == nil {
					d.Close()
				}
				stop()
				if got, _ := state(t, out); !whole(got, !exchangeOK) {
					t.Fatalf("exchange=%v, killed at %d, recovery killed at %d: out holds %v", exchangeOK, n, m, got)
				}
				if err == nil {
					break
				}
			}
			d, err := Open(out)
			if err != nil {
				t.Fatalf("killed at %d: recovery: %v", n, err)
			}
			d.Close()
			got, stages := state(t, out)
			if !equal(got, oldGen) && !equal(got, newGen) {
				t.Errorf("exchange=%v, killed at operation %d: after recovery out holds %v, neither generation whole", exchangeOK, n, got)
			}
			if len(stages) > 0 {
				t.Errorf("killed at operation %d: recovery left %v", n, stages)
			}
		}
		if total < 15 {
			t.Errorf("a generation of three entries took %d file operations; the fault hook misses some", total)
		}
		t.Logf("exchange=%v: killed at each of %d operations", exchangeOK, total)
	}
	noExchange = false
}

// TestFailureAtEveryOperation makes each file operation fail in turn, as a
// full disk or a permission error would: the run reports the error and out/
// holds the whole old generation at once, or the run succeeded; no staging
// folder outlives the next run.
func TestFailureAtEveryOperation(t *testing.T) {
	for _, exchangeOK := range []bool{true, false} {
		noExchange = !exchangeOK
		for n := 1; ; n++ {
			out := newOut(t)
			stop := failAt(n)
			err := generation(out, newGen, order)
			ran := stop()
			got, _ := state(t, out)
			var unfinished *Unfinished
			switch {
			case errors.As(err, &unfinished):
				t.Errorf("failure at %d left an unfinished generation: %v", n, err)
			case err != nil && !equal(got, oldGen):
				t.Errorf("exchange=%v: failure at operation %d (%v) left %v, not the old generation", exchangeOK, n, err, got)
			case err == nil && !equal(got, newGen):
				t.Errorf("exchange=%v: a run that succeeded despite a failure at %d left %v", exchangeOK, n, got)
			}
			d, err := Open(out)
			if err != nil {
				t.Fatal(err)
			}
			d.Close()
			if _, stages := state(t, out); len(stages) > 0 {
				t.Errorf("failure at %d: staging left after the next run: %v", n, stages)
			}
			if ran < n {
				break
			}
		}
	}
	noExchange = false
}

// TestOpenRefusesForeignFolders: fsn writes only into a folder it created, an
// empty one, or the repository's out/ holding only .keep; a folder of the user's
// (notices/, locales/) is refused and left as it was.
func TestOpenRefusesForeignFolders(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		ok    bool
	}{
		{"missing", nil, true},
		{"empty", []string{}, true},
		{"only .keep", []string{KeepName}, true},
		{"marked", []string{MarkerName, "own-file.txt"}, true},
		{"notices", []string{"iqwebx-2017-11/notice.yaml"}, false},
		{"locales", []string{"it/labels.it.toml", KeepName}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "dir")
			if tt.files != nil {
				os.Mkdir(dir, 0o755)
			}
			for _, f := range tt.files {
				p := filepath.Join(dir, f)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("mine"), 0o644)
			}
			d, err := Open(dir)
			if !tt.ok {
				if err == nil || !strings.Contains(err.Error(), "is not an fsn out folder") {
					t.Fatalf("Open = %v, want a refusal", err)
				}
				if _, err := os.Stat(filepath.Join(dir, MarkerName)); err == nil {
					t.Error("a refused folder was marked")
				}
				for _, f := range tt.files {
					if data, _ := os.ReadFile(filepath.Join(dir, f)); string(data) != "mine" {
						t.Errorf("%s changed", f)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			d.Close()
			if err := generation(dir, newGen, order); err != nil {
				t.Fatal(err)
			}
			for _, f := range tt.files {
				if data, _ := os.ReadFile(filepath.Join(dir, f)); f != MarkerName && string(data) != "mine" {
					t.Errorf("the user's %s did not survive a build", f)
				}
			}
		})
	}
}

// TestEntriesFsnDidNotWrite: inside out/, a link, a file or a foreign folder in
// the place of an entry is refused, and what it points to stays untouched.
func TestEntriesFsnDidNotWrite(t *testing.T) {
	elsewhere := t.TempDir()
	os.WriteFile(filepath.Join(elsewhere, "f"), []byte("precious"), 0o644)
	tests := []struct {
		name, want string
		make       func(p string)
	}{
		{"link", "symbolic link", func(p string) { os.Symlink(elsewhere, p) }},
		{"file", "is a file", func(p string) { os.WriteFile(p, []byte("x"), 0o644) }},
		{"foreign folder", "not written by fsn", func(p string) {
			os.Mkdir(p, 0o755)
			os.WriteFile(filepath.Join(p, "mine"), []byte("x"), 0o644)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := newOut(t)
			tt.make(filepath.Join(out, "c"))
			err := generation(out, newGen, order)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error saying %q", err, tt.want)
			}
			if got, _ := state(t, out); got["a"] != "old a" {
				t.Errorf("out changed: %v", got)
			}
			if data, _ := os.ReadFile(filepath.Join(elsewhere, "f")); string(data) != "precious" {
				t.Error("the link's target changed")
			}
		})
	}
}

// TestSecondRunIsLockedOut: while one fsn holds out/, another is refused with
// the holder's pid; the lock goes with its holder's process, even when killed.
func TestSecondRunIsLockedOut(t *testing.T) {
	out := newOut(t)
	d, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(out); err == nil || !strings.Contains(err.Error(), "another fsn is building into") ||
		!strings.Contains(err.Error(), "pid ") || !strings.Contains(err.Error(), "use another --out") {
		t.Errorf("second Open = %v, want the lock's message", err)
	}
	d.Close()
	d, err = Open(out)
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	d.Close()

	// A process that holds the lock and is killed releases it.
	cmd := exec.Command(os.Args[0], "-test.run=^TestHoldLock$")
	cmd.Env = append(os.Environ(), "OUTDIR_HOLD="+out)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "locked\n" {
		t.Fatalf("the holding process said %q", line)
	}
	if _, err := Open(out); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", cmd.Process.Pid)) {
		t.Errorf("Open while another process holds the lock = %v, want its pid %d", err, cmd.Process.Pid)
	}
	cmd.Process.Kill()
	cmd.Wait()
	d, err = Open(out)
	if err != nil {
		t.Fatalf("the lock outlived its killed holder: %v", err)
	}
	d.Close()
}

// TestHoldLock is the process TestSecondRunIsLockedOut starts: it holds the
// lock of $OUTDIR_HOLD until it is killed.
func TestHoldLock(t *testing.T) {
	out := os.Getenv("OUTDIR_HOLD")
	if out == "" {
		return // only as a helper process
	}
	d, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fmt.Println("locked")
	time.Sleep(time.Minute)
}

// TestCommitSyncsOnce: a generation's folders and files reach the disk with
// one sync of the file system at Commit, whatever their number, not an fsync
// each (a build of 1,000 notices in 27 languages stages 1,000 folders and
// over 100,000 files).
func TestCommitSyncsOnce(t *testing.T) {
	for _, size := range []struct{ entries, files int }{{1, 1}, {5, 20}} {
		out := filepath.Join(t.TempDir(), "out")
		d, err := Open(out)
		if err != nil {
			t.Fatal(err)
		}
		syncs := 0
		fault = func(op, path string) error {
			if op == "fsync" {
				syncs++
			}
			return nil
		}
		s, err := d.Stage()
		if err != nil {
			t.Fatal(err)
		}
		for e := range size.entries {
			name := fmt.Sprintf("n%d", e)
			if _, err := s.Add(name); err != nil {
				t.Fatal(err)
			}
			for i := range size.files {
				if err := s.WriteFile(fmt.Sprintf("%s/f%d", name, i), []byte("x")); err != nil {
					t.Fatal(err)
				}
			}
		}
		err = s.Commit()
		fault = nil
		if err != nil {
			t.Fatal(err)
		}
		d.Close()
		// One sync of the file system (the journal is synced as it is written).
		if syncs != 1 {
			t.Errorf("a generation of %d entries of %d files each took %d syncs, want 1", size.entries, size.files, syncs)
		}
		last := filepath.Join(out, fmt.Sprintf("n%d", size.entries-1), fmt.Sprintf("f%d", size.files-1))
		if data, err := os.ReadFile(last); err != nil || string(data) != "x" {
			t.Errorf("after Commit, %s holds %q, %v", last, data, err)
		}
	}
}
