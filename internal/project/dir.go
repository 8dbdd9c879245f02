// Package project finds an fsn project and reads its input folders. A project
// is a folder holding notices/ (see Root); its templates/ and locales/ folders
// lie over the defaults fsn ships in its binary (package fsn), file by file: a
// file of the project's folder is read when it exists, else fsn's own.
package project

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsn-tool/fsn"
	"github.com/fsn-tool/fsn/internal/input"
)

// Dir is a folder of inputs on disk over the embedded folder of fsn's defaults
// for it: an overlay, the project's files first. Files returns the name of the
// file actually read, a path on disk or an input.Embedded name, so that
// messages and the build record name the file used.
type Dir struct {
	// Path is the folder on disk, relative to the current folder or absolute;
	// it need not exist.
	Path string
	// Defaults is the folder of package fsn's files under it, such as
	// "templates", or "" for a folder without defaults.
	Defaults string
}

// Templates returns the templates folder at path over the shipped templates.
func Templates(path string) Dir { return Dir{Path: path, Defaults: "templates"} }

// Locales returns the locales folder at path over the shipped labels.
func Locales(path string) Dir { return Dir{Path: path, Defaults: "locales"} }

// Disk returns the folder at path alone, without defaults.
func Disk(path string) Dir { return Dir{Path: path} }

// File returns the path of the file name, a slash-separated path in the folder:
// on disk when it exists there (or cannot be looked at, so that reading it
// reports why), else the embedded default when fsn ships one, else the path on
// disk, whose reading then says that it is missing.
func (d Dir) File(name string) string {
	disk := filepath.Join(d.Path, filepath.FromSlash(name))
	if _, err := os.Stat(disk); !errors.Is(err, fs.ErrNotExist) {
		return disk
	}
	if e, ok := d.embedded(name); ok {
		if fi, err := fs.Stat(fsn.Defaults, e); err == nil && !fi.IsDir() {
			return input.Embedded(e)
		}
	}
	return disk
}

// embedded returns the name in package fsn of the default of name.
func (d Dir) embedded(name string) (string, bool) {
	if d.Defaults == "" || !fs.ValidPath(name) {
		return "", false
	}
	return path.Join(d.Defaults, name), true
}

// ReadDir returns the entries of the sub-folder name ("." for the folder
// itself) on disk and among the defaults, sorted by name; an entry on disk
// hides a default of the same name. A folder missing on disk is an error only
// when fsn has no defaults for it either; what names the folder in the error,
// such as "locales folder".
func (d Dir) ReadDir(name, what string) ([]fs.DirEntry, error) {
	disk := filepath.Join(d.Path, filepath.FromSlash(name))
	var defaults []fs.DirEntry
	if e, ok := d.embedded(name); ok {
		defaults, _ = fs.ReadDir(fsn.Defaults, e)
	}
	entries, err := input.ReadDir(disk, what)
	if err != nil {
		if defaults != nil && errors.Is(err, fs.ErrNotExist) {
			return defaults, nil
		}
		return nil, err
	}
	for _, e := range defaults {
		if !slices.ContainsFunc(entries, func(o fs.DirEntry) bool { return o.Name() == e.Name() }) {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// OnDisk returns where on disk the file at path, as File returned it, is
// written: path itself, or for an embedded default the project's file that
// overrides it.
func (d Dir) OnDisk(p string) string {
	name, ok := strings.CutPrefix(p, input.EmbeddedPrefix)
	if !ok {
		return p
	}
	if d.Defaults != "" {
		if rel, ok := strings.CutPrefix(name, d.Defaults+"/"); ok {
			return filepath.Join(d.Path, filepath.FromSlash(rel))
		}
	}
	return p
}
