// Package outdir owns fsn's out folder: it is the only code that creates,
// replaces or removes anything in it. fsn build, fsn publish and fsn l10n status
// write through it, so they share one promise: after any error, crash or kill,
// every folder fsn writes (out/<id>, out/site, out/l10n, a site folder) is the
// complete previous or the complete new one, never a mix, never missing.
//
// # Ownership
//
// An out folder carries the marker file .fsn-out. Open creates a missing out
// folder with its marker and adopts an empty one, or one holding nothing but
// .keep (the repository ships out/.keep). Any other folder without the marker,
// such as notices/ or locales/ given to --out by mistake, is refused: fsn never
// replaces or empties a folder it did not create. Inside an out folder fsn
// replaces only the entries it writes (out/<id>, site, l10n), and only when each
// is absent, empty, or holds the files that show fsn wrote it (the build record,
// the site's manifest); other files and folders in out/, a user's own, are left
// alone. fsn never follows a symbolic link in out/: an entry that is a link is
// refused, and previous editions are read only from regular files.
//
// # Lock
//
// Open takes an exclusive flock(2) on out/.fsn-lock, which holds the pid of its
// holder. A second fsn on the same out folder fails at once, naming that pid.
// The kernel releases the lock when the process exits or is killed, so a stale
// lock cannot block a later run.
//
// # Generations
//
// A Stage is a new generation of some entries: a folder out/.staging-<random>/
// whose new/ sub-folder holds each entry, complete, before anything in out/
// changes. Commit makes every staged file durable with one syncfs(2) of the file
// system, rather than an fsync per file (a build of 1,000 notices in 27
// languages stages over 100,000 files), then writes the journal
// out/.staging-<random>/journal (atomically: a temporary file, fsync, rename),
// which names every entry and the inode of its staged folder. The journal is the commit point. Each entry is then swapped in
// with one renameat2(RENAME_EXCHANGE) of the staged folder and out/<entry>, so
// out/<entry> is at every instant either the old or the new folder; a missing
// out/<entry> is created by one rename(2). Both are atomic on Linux within one
// file system, and the staging folder is inside the out folder, so they always
// apply. (On a file system without RENAME_EXCHANGE, the swap falls back to two
// renames, and a kill between them leaves out/<entry> missing until the next
// run finishes the swap.)
//
// An error during the swaps puts back the entries already swapped. A kill
// cannot, so Open recovers: a staging folder with a journal is rolled forward
// (every entry whose out/<entry> is not yet the journal's inode is swapped in),
// which makes the whole generation current, as if the killed run had finished;
// a staging folder without a journal was never committed and is removed with
// everything in it. A multi-notice build is therefore all or nothing across
// notices once recovery has run, and each notice folder is whole at every
// instant in between.
package outdir

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/fsn-tool/fsn/internal/diag"
)

// Names of fsn's own files in an out folder.
const (
	// MarkerName marks a folder as an fsn out folder.
	MarkerName = ".fsn-out"
	// LockName is the file Open locks; it holds the pid of the lock's holder.
	LockName = ".fsn-lock"
	// KeepName is the empty file that keeps an empty out/ in git.
	KeepName = ".keep"

	stagePrefix = ".staging-"
	// legacySitePrefix named the site's staging folders before this package.
	legacySitePrefix = ".site-staging-"
	journalName      = "journal"
	newName          = "new"
	oldName          = "old"
)

const markerText = "This is an fsn out folder: fsn build and fsn publish replace the folders they wrote here.\n"

// Dir is an out folder opened for writing: owned, locked and recovered.
type Dir struct {
	path   string
	prefix string   // of its staging folders
	lock   *os.File // nil for a Dir that borrows its owner's lock
}

// Open opens the out folder at path for writing. It creates a missing folder,
// adopts an empty one, and refuses any other folder that lacks the marker. It
// then takes the lock, and finishes or removes what a killed run left. The
// caller must Close the Dir.
func Open(path string) (*Dir, error) {
	if err := claim(path); err != nil {
		return nil, err
	}
	d := &Dir{path: path, prefix: stagePrefix}
	if err := d.acquire(); err != nil {
		return nil, err
	}
	if err := d.recover(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// claim makes sure path is an out folder fsn owns, creating or adopting it.
func claim(path string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := do("mkdir", path, func() error { return os.MkdirAll(path, 0o755) }); err != nil {
			return diag.Errorf(diag.Pos{File: path}, "cannot create the out folder: %v", diag.Cause(err))
		}
		return writeMarker(path)
	case err != nil:
		return diag.Errorf(diag.Pos{File: path}, "cannot read the out folder: %v", diag.Cause(err))
	case !st.IsDir():
		return diag.Errorf(diag.Pos{File: path}, "the out folder is not a folder; give --out a folder fsn may write into")
	}
	if m, err := os.Lstat(filepath.Join(path, MarkerName)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return diag.Errorf(diag.Pos{File: path}, "cannot read the out folder: %v", diag.Cause(err))
	}
	for _, e := range entries {
		if !earlier(path, e) {
			return diag.Errorf(diag.Pos{File: path}, "this folder is not an fsn out folder (it has no %s marker and holds %s, which fsn did not write), so fsn will not write into it: give --out a new or empty folder", MarkerName, diag.Quote(e.Name()))
		}
	}
	return writeMarker(path)
}

// earlier says whether the entry e of the unmarked folder dir is .keep or what
// an fsn from before the marker wrote there: a notice folder holding its build
// record, the site or the status report, or a staging folder it left.
func earlier(dir string, e fs.DirEntry) bool {
	name := e.Name()
	if name == KeepName {
		return true
	}
	if !e.IsDir() {
		return false
	}
	if strings.HasPrefix(name, stagePrefix) || strings.HasPrefix(name, legacySitePrefix) {
		return true
	}
	for _, sig := range []string{name + ".build.json", "manifest.json", "index.html"} {
		if f, err := os.Lstat(filepath.Join(dir, name, sig)); err == nil && f.Mode().IsRegular() {
			return sig != "index.html" || name == "l10n"
		}
	}
	return false
}

func writeMarker(dir string) error {
	p := filepath.Join(dir, MarkerName)
	if err := writeFile(p, []byte(markerText)); err != nil {
		return diag.Errorf(diag.Pos{File: p}, "cannot mark the out folder as fsn's: %v", diag.Cause(err))
	}
	return nil
}

// acquire takes the lock of d, or says who holds it.
func (d *Dir) acquire() error {
	p := filepath.Join(d.path, LockName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o644)
	if err != nil {
		return diag.Errorf(diag.Pos{File: p}, "cannot open the lock of the out folder: %v", diag.Cause(err))
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			holder := "another process"
			if data, err := os.ReadFile(p); err == nil {
				if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil {
					holder = "pid " + strconv.Itoa(pid)
				}
			}
			return diag.Errorf(diag.Pos{File: d.path}, "another fsn is building into %s (%s); wait for it or use another --out", d.path, holder)
		}
		return diag.Errorf(diag.Pos{File: p}, "cannot lock the out folder: %v", err)
	}
	// The pid is only a hint for the message above; the lock is the flock.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	d.lock = f
	return nil
}

// Close releases the lock. A Dir that borrows its owner's lock has nothing to release.
func (d *Dir) Close() error {
	if d.lock == nil {
		return nil
	}
	err := d.lock.Close() // closing the only descriptor releases the flock
	d.lock = nil
	return err
}

// Path returns the folder d writes into.
func (d *Dir) Path() string { return d.path }

// Beside returns the Dir in which the folder at path is an entry, for a folder
// fsn replaces as a whole, such as the site: d itself when path is directly in
// d, otherwise path's parent, with staging folders named after path's base. That
// parent need not be an out folder, since only the entry is replaced; the caller
// holds d's lock for it. Beside finishes or removes what a killed run left
// beside path. It returns the Dir and the entry's name.
func (d *Dir) Beside(path string) (*Dir, string, error) {
	path = filepath.Clean(path)
	parent, name := filepath.Dir(path), filepath.Base(path)
	if name == "." || name == ".." || name == string(filepath.Separator) {
		return nil, "", diag.Errorf(diag.Pos{File: path}, "fsn cannot replace this folder; name a folder such as out/site")
	}
	if same(parent, d.path) {
		return d, name, nil
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, "", diag.Errorf(diag.Pos{File: parent}, "cannot create the folder: %v", diag.Cause(err))
	}
	b := &Dir{path: parent, prefix: ".fsn-" + name + stagePrefix}
	if err := b.recover(); err != nil {
		return nil, "", err
	}
	return b, name, nil
}

func same(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}

// Entry returns the path of the folder name in d, for reading the previous
// generation. It is "" when there is none; a link, a file, or a folder that
// holds none of the signature files is an error, as it is not fsn's.
func (d *Dir) Entry(name string, signature ...string) (string, error) {
	p := filepath.Join(d.path, name)
	st, err := os.Lstat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", diag.Errorf(diag.Pos{File: p}, "cannot read: %v", diag.Cause(err))
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return "", diag.Errorf(diag.Pos{File: p}, "is a symbolic link; fsn never follows a link out of the out folder: remove the link and build again")
	}
	if !st.IsDir() {
		return "", diag.Errorf(diag.Pos{File: p}, "is a file, not a folder fsn wrote; fsn will not replace it: move it away")
	}
	entries, err := os.ReadDir(p)
	if err != nil {
		return "", diag.Errorf(diag.Pos{File: p}, "cannot read: %v", diag.Cause(err))
	}
	if len(entries) == 0 {
		return p, nil
	}
	for _, s := range signature {
		if f, err := os.Lstat(filepath.Join(p, s)); err == nil && f.Mode().IsRegular() {
			return p, nil
		}
	}
	what := "fsn's files"
	if len(signature) > 0 {
		what = diag.Quote(signature[0])
	}
	return "", diag.Errorf(diag.Pos{File: p}, "this folder was not written by fsn (it holds no %s), so fsn will not replace it: move it away or choose another --out", what)
}

// RegularFiles returns the names of the regular files in the folder dir (from
// Entry), sorted; links and folders are skipped.
func RegularFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// ReadFile reads the regular file at path without following a link.
func ReadFile(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	data := make([]byte, st.Size())
	if _, err := f.ReadAt(data, 0); err != nil && st.Size() > 0 {
		return nil, err
	}
	return data, nil
}

// Stage is a new generation of entries of a Dir, written beside them.
type Stage struct {
	d       *Dir
	dir     string
	entries []string        // in the order they were added
	added   map[string]bool // the entries, to refuse one added twice
}

// Stage starts a new generation in d. The caller must Discard it, which
// removes it unless Commit swapped it in.
func (d *Dir) Stage() (*Stage, error) {
	var dir string
	err := do("mkdir", d.path, func() error {
		var err error
		dir, err = os.MkdirTemp(d.path, d.prefix)
		return err
	})
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: d.path}, "cannot create a staging folder: %v", diag.Cause(err))
	}
	s := &Stage{d: d, dir: dir, added: map[string]bool{}}
	if err := do("mkdir", dir, func() error { return os.Mkdir(filepath.Join(dir, newName), 0o755) }); err != nil {
		return s, err
	}
	return s, nil
}

// Add starts the new generation of the entry name, as an empty folder, after
// checking that the current one (if any) is fsn's: it is empty or holds one of
// the signature files. It returns the path of the previous folder, "" if none.
func (s *Stage) Add(name string, signature ...string) (string, error) {
	prev, err := s.d.Entry(name, signature...)
	if err != nil {
		return "", err
	}
	if s.added[name] {
		return "", fmt.Errorf("outdir: %s staged twice", name)
	}
	p := filepath.Join(s.dir, newName, name)
	if err := do("mkdir", p, func() error { return os.Mkdir(p, 0o755) }); err != nil {
		return "", err
	}
	s.entries = append(s.entries, name)
	s.added[name] = true
	return prev, nil
}

// WriteFile writes the file rel (slash-separated, starting with an entry's name)
// into the new generation, creating its folders. Commit makes it durable.
func (s *Stage) WriteFile(rel string, data []byte) error {
	p := filepath.Join(s.dir, newName, filepath.FromSlash(rel))
	if _, err := os.Lstat(filepath.Dir(p)); err != nil {
		if err := do("mkdir", filepath.Dir(p), func() error { return os.MkdirAll(filepath.Dir(p), 0o755) }); err != nil {
			return err
		}
	}
	return writeVia(p, p, data)
}

// journal is what Commit writes before it changes anything in the Dir.
type journal struct {
	Entries []journalEntry `json:"entries"`
}

type journalEntry struct {
	Name string `json:"name"`
	Ino  uint64 `json:"ino"`
}

// Commit swaps every entry of the generation into the Dir, all or nothing: on
// an error it puts the previous entries back. An error that leaves the
// generation half swapped in is an *Unfinished, which the next Open completes.
func (s *Stage) Commit() error {
	// Every staged file and folder reaches the disk before the journal
	// names them.
	if err := do("fsync", s.dir, func() error { return syncFS(s.dir) }); err != nil {
		return err
	}
	var j journal
	for _, name := range s.entries {
		p := filepath.Join(s.dir, newName, name)
		st, err := os.Lstat(p)
		if err != nil {
			return err
		}
		j.Entries = append(j.Entries, journalEntry{name, st.Sys().(*syscall.Stat_t).Ino})
	}
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(s.dir, journalName), data); err != nil {
		return fmt.Errorf("cannot write the journal of the out folder: %w", err)
	}
	if err := do("mkdir", s.dir, func() error { return os.Mkdir(filepath.Join(s.dir, oldName), 0o755) }); err != nil {
		return s.rollBack(nil, err)
	}
	for i, name := range s.entries {
		if err := s.swap(name); err != nil {
			return s.rollBack(s.entries[:i], err)
		}
	}
	// The generation is in place; a staging folder that cannot be removed
	// now is removed by the next Open.
	s.Discard()
	return nil
}

// rollBack swaps the entries done back out, then removes the journal, after a
// failure cause. When that fails too, the journal stays, and the next Open
// finishes the generation instead.
func (s *Stage) rollBack(done []string, cause error) error {
	for _, name := range slices.Backward(done) {
		if err := s.unswap(name); err != nil {
			s.dir = "" // keep the journal for the next Open
			return &Unfinished{Dir: s.d.path, Err: fmt.Errorf("%w; putting back the previous %s failed too: %v", cause, name, err)}
		}
	}
	p := filepath.Join(s.dir, journalName)
	if err := do("remove", p, func() error { return os.Remove(p) }); err != nil {
		s.dir = ""
		return &Unfinished{Dir: s.d.path, Err: cause}
	}
	return cause
}

// Discard removes the staging folder, with whatever it holds: the unused new
// generation, or after Commit the previous one.
func (s *Stage) Discard() error {
	if s == nil || s.dir == "" {
		return nil
	}
	if err := removeStage(s.dir); err != nil {
		return err
	}
	s.dir = ""
	return nil
}

// removeStage removes a staging folder: its journal first, so that a kill in
// the middle never leaves a journal beside a partly removed generation.
func removeStage(dir string) error {
	j := filepath.Join(dir, journalName)
	if err := do("remove", j, func() error { return os.Remove(j) }); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return do("remove", dir, func() error { return os.RemoveAll(dir) })
}

// swap puts the staged entry name in place of the current one.
func (s *Stage) swap(name string) error {
	return exchange(filepath.Join(s.dir, newName, name), filepath.Join(s.d.path, name), filepath.Join(s.dir, oldName, name))
}

// unswap undoes swap: after it, the new entry is back in the staging folder.
func (s *Stage) unswap(name string) error {
	next, dst, old := filepath.Join(s.dir, newName, name), filepath.Join(s.d.path, name), filepath.Join(s.dir, oldName, name)
	if _, err := os.Lstat(next); err == nil {
		return exchange(next, dst, old) // exchanged: exchange again
	}
	if err := do("rename", dst, func() error { return os.Rename(dst, next) }); err != nil {
		return err
	}
	if _, err := os.Lstat(old); err == nil {
		return do("rename", old, func() error { return os.Rename(old, dst) })
	}
	return nil // there was no previous entry
}

// noExchange makes exchange use two renames, as on a file system without
// RENAME_EXCHANGE; tests set it.
var noExchange bool

// exchange puts the folder next at dst. When dst exists, one
// renameat2(RENAME_EXCHANGE) swaps them, leaving the previous folder at next;
// where the file system cannot exchange, dst is renamed to old and next to dst.
func exchange(next, dst, old string) error {
	if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
		return do("rename", dst, func() error { return os.Rename(next, dst) })
	}
	if !noExchange {
		err := do("exchange", dst, func() error {
			return unix.Renameat2(unix.AT_FDCWD, next, unix.AT_FDCWD, dst, unix.RENAME_EXCHANGE)
		})
		if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.ENOTSUP) {
			if err != nil {
				return fmt.Errorf("cannot replace %s: %w", dst, err)
			}
			return nil
		}
	}
	if err := do("rename", dst, func() error { return os.Rename(dst, old) }); err != nil {
		return fmt.Errorf("cannot replace %s: %w", dst, err)
	}
	if err := do("rename", dst, func() error { return os.Rename(next, dst) }); err != nil {
		if err := do("rename", dst, func() error { return os.Rename(old, dst) }); err != nil {
			return &Unfinished{Dir: filepath.Dir(dst), Err: err}
		}
		return fmt.Errorf("cannot move the new folder into %s: %w", dst, err)
	}
	return nil
}

// recover finishes every generation a killed run committed, and removes every
// staging folder.
func (d *Dir) recover() error {
	entries, err := os.ReadDir(d.path)
	if err != nil {
		return diag.Errorf(diag.Pos{File: d.path}, "cannot read the out folder: %v", diag.Cause(err))
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), legacySitePrefix) && e.IsDir() && d.lock != nil {
			// Left by an fsn from before this package, which swapped without a journal.
			if err := removeStage(filepath.Join(d.path, e.Name())); err != nil {
				return diag.Errorf(diag.Pos{File: filepath.Join(d.path, e.Name())}, "cannot remove what a killed fsn left: %v", diag.Cause(err))
			}
			continue
		}
		if !strings.HasPrefix(e.Name(), d.prefix) || !e.IsDir() {
			continue
		}
		dir := filepath.Join(d.path, e.Name())
		if err := d.rollForward(dir); err != nil {
			return diag.Errorf(diag.Pos{File: dir}, "cannot finish the build a killed fsn left here: %v; move the folders in it back by hand", diag.Cause(err))
		}
		if err := removeStage(dir); err != nil {
			return diag.Errorf(diag.Pos{File: dir}, "cannot remove what a killed fsn left: %v", diag.Cause(err))
		}
	}
	return nil
}

// rollForward swaps in every entry of the staging folder dir's journal that is
// not in place yet. Without a journal, there is nothing to finish.
func (d *Dir) rollForward(dir string) error {
	data, err := os.ReadFile(filepath.Join(dir, journalName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil {
		return fmt.Errorf("the journal does not parse: %w", err)
	}
	old := filepath.Join(dir, oldName)
	if err := do("mkdir", old, func() error { return os.Mkdir(old, 0o755) }); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	for _, e := range j.Entries {
		dst, next := filepath.Join(d.path, e.Name), filepath.Join(dir, newName, e.Name)
		if ino(dst) == e.Ino {
			continue
		}
		if ino(next) != e.Ino {
			return fmt.Errorf("the new %s is neither in place nor staged", e.Name)
		}
		if err := exchange(next, dst, filepath.Join(dir, oldName, e.Name)); err != nil {
			return err
		}
	}
	return nil
}

func ino(path string) uint64 {
	st, err := os.Lstat(path)
	if err != nil {
		return 0
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

// Unfinished is a Commit that failed half way and could not put the previous
// entries back: the next Open of the out folder finishes it.
type Unfinished struct {
	Dir string
	Err error
}

func (e *Unfinished) Error() string {
	return fmt.Sprintf("%v; the new build is half swapped into %s, and the next fsn run there finishes it", e.Err, e.Dir)
}

func (e *Unfinished) Unwrap() error { return e.Err }

// writeFile writes data to path through a temporary file beside it, synced
// before it is renamed into place.
func writeFile(path string, data []byte) error {
	return writeVia(path+".tmp", path, data)
}

// writeVia writes data to tmp, syncs it, and renames it to path; with tmp ==
// path, it writes in place without syncing (inside a staging folder, which
// is removed whole, and which Commit syncs at once).
func writeVia(tmp, path string, data []byte) error {
	err := do("write", tmp, func() error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NOFOLLOW, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if err == nil && tmp != path {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		do("remove", tmp, func() error { return os.Remove(tmp) })
		return err
	}
	if tmp == path {
		return nil
	}
	return do("rename", path, func() error { return os.Rename(tmp, path) })
}

// syncFS writes to disk everything cached of the file system that holds path
// (syncfs(2)).
func syncFS(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}

// fault, when set by a test, is called before every operation that changes the
// file system; an error it returns is the operation's error.
var fault func(op, path string) error

func do(op, path string, f func() error) error {
	if fault != nil {
		if err := fault(op, path); err != nil {
			return err
		}
	}
	return f()
}
