// Package input reads fsn's input files within limits, so that no input can
// exhaust memory or hang a run. It opens regular files only, never a FIFO, a
// device or a folder; it refuses a file larger than its kind of file may be, a
// text longer than MaxText and, in YAML, collections nested deeper than
// MaxDepth or aliases that expand to more than MaxYAMLNodes nodes. Every
// refusal is a diag.Diagnostic that names the file, and the line and column
// where it can. docs/notice-format.md lists the limits.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/fsn-tool/fsn"
	"github.com/fsn-tool/fsn/internal/diag"
)

// Kind is a kind of input file: what messages call it, the largest size fsn
// reads of it, and what to do when it is missing.
type Kind struct {
	What    string // "notice", "locale file", …
	MaxSize int64  // bytes
	Missing string // advice when the file does not exist; may be empty
}

// The kinds of input file, with their largest sizes. Each is many times the
// size of the largest real file of its kind.
var (
	Notice   = Kind{What: "notice", MaxSize: 1 << 20}      // notice.yaml: 1 MiB
	Locale   = Kind{What: "locale file", MaxSize: 4 << 20} // message, work and history TOML files: 4 MiB
	XLIFF    = Kind{What: "XLIFF file", MaxSize: 16 << 20} // an XLIFF import: 16 MiB
	Termbase = Kind{What: "termbase", MaxSize: 16 << 20}   // locales/terms.tbx: 16 MiB
	TMX      = Kind{What: "TMX file", MaxSize: 64 << 20}   // a translation memory import: 64 MiB
	Template = Kind{What: "template", MaxSize: 1 << 20}    // templates/*.md, *.html, *.css: 1 MiB
	Style    = Kind{What: "PDF style", MaxSize: 256 << 10} // templates/pdf.yaml: 256 KiB
	Font     = Kind{What: "font", MaxSize: 32 << 20}       // a TrueType font: 32 MiB
	Logo     = Kind{What: "logo", MaxSize: 8 << 20}        // a PNG or JPEG logo: 8 MiB
	// Recorded is any input of a build, read again for its hash in the build
	// record: the limit of the largest kind.
	Recorded = Kind{What: "input file", MaxSize: Font.MaxSize}
)

// MaxText is the length in bytes of the longest text fsn takes: a text of a
// notice, a message of a locale file, an XLIFF source or target. 64 KiB is
// some twenty printed pages.
const MaxText = 64 << 10

// MaxDepth is the deepest nesting fsn reads: of YAML collections, and of the
// inline elements (<mrk>, <g>, <pc>) of an XLIFF text.
const MaxDepth = 32

// fileError is a refusal to read a file: a diagnostic for the user that also
// unwraps to the error of the file system, so that errors.Is(err,
// fs.ErrNotExist) tells a missing file.
type fileError struct {
	d   *diag.Diagnostic
	err error
}

// newFileError returns the refusal to read the file at pos because of err, a
// diagnostic marked unreadable (see diag.Diagnostic.Unreadable).
func newFileError(pos diag.Pos, err error, format string, args ...any) *fileError {
	d := diag.Errorf(pos, format, args...)
	d.Unreadable = true
	return &fileError{d, err}
}

func (e *fileError) Error() string   { return e.d.Error() }
func (e *fileError) Unwrap() []error { return []error{e.d, e.err} }

// ReadFile reads the file at path, which must be a regular file (or a link to
// one) of at most k.MaxSize bytes. A FIFO or a device is refused before it is
// read, and it is opened without blocking, so that neither can hang the run.
// The error is a diag.Diagnostic at path; errors.Is(err, fs.ErrNotExist)
// reports a missing file.
//
// A path that starts with EmbeddedPrefix names a file fsn ships in its binary
// (see Embedded); it is read from there, within the same limit.
func ReadFile(path string, k Kind) ([]byte, error) {
	fail := func(err error, format string, args ...any) error {
		return newFileError(diag.Pos{File: path}, err, format, args...)
	}
	if name, ok := strings.CutPrefix(path, EmbeddedPrefix); ok {
		data, err := fs.ReadFile(fsn.Defaults, name)
		switch {
		case err != nil:
			return nil, fail(err, "cannot read the %s fsn ships: %s", k.What, Cause(err))
		case int64(len(data)) > k.MaxSize:
			return nil, fail(errTooLarge, "%s", tooLarge(int64(len(data)), k))
		}
		return data, nil
	}
	unreadable := func(err error) error {
		msg := "cannot read the " + k.What + ": " + Cause(err)
		if errors.Is(err, fs.ErrNotExist) && k.Missing != "" {
			msg += "; " + k.Missing
		}
		return fail(err, "%s", msg)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, unreadable(err)
	}
	if err := regular(fi, k); err != nil {
		return nil, fail(err, "%v", err)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil { // it may have been swapped since
		return nil, unreadable(err)
	}
	if err := regular(fi, k); err != nil {
		return nil, fail(err, "%v", err)
	}
	if fi.Size() > k.MaxSize {
		return nil, fail(errTooLarge, "%s", tooLarge(fi.Size(), k))
	}
	// Read into a buffer of the file's size, which io.ReadAll would grow to
	// it from 512 bytes, allocating twice the file; it may be growing.
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, k.MaxSize+1)); err != nil {
		return nil, unreadable(err)
	}
	data := buf.Bytes()
	if int64(len(data)) > k.MaxSize {
		return nil, fail(errTooLarge, "%s", tooLarge(int64(len(data)), k))
	}
	return data, nil
}

// EmbeddedPrefix starts the name of a file fsn ships in its binary, such as
// "embedded:templates/notice.md.tmpl": what messages and the build record call
// a default that no file of the project overrides.
const EmbeddedPrefix = "embedded:"

// Embedded returns the name of the file fsn ships as name, a slash-separated
// path of the fsn module such as "templates/pdf.yaml".
func Embedded(name string) string { return EmbeddedPrefix + name }

// IsEmbedded reports whether path names a file fsn ships (see Embedded).
func IsEmbedded(path string) bool { return strings.HasPrefix(path, EmbeddedPrefix) }

// errTooLarge is the cause of a refusal of a file larger than its kind may be.
var errTooLarge = errors.New("file too large")

func tooLarge(size int64, k Kind) string {
	return fmt.Sprintf("the %s is %s; a %s may be at most %s (see docs/notice-format.md, Limits)", k.What, Size(size), k.What, Size(k.MaxSize))
}

// regular returns an error unless fi is a regular file.
func regular(fi fs.FileInfo, k Kind) error {
	m := fi.Mode()
	var what string
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a folder"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "not a regular file"
	}
	return fmt.Errorf("the %s is %s; fsn reads only regular files: name a file here", k.What, what)
}

// Size formats a number of bytes as "1 MiB", "256 KiB" or "12 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Cause says why a file or folder could not be read, for a diagnostic whose
// position names it: "it does not exist", "permission denied: …", or the
// error of the file system without the operation and path.
func Cause(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: it is unreadable to this user; give it read permission (chmod a+r, and a+x for a folder)"
	case errors.Is(err, syscall.ENOTDIR):
		return "it, or a folder on its path, is a file where a folder is expected"
	}
	return diag.Cause(err).Error()
}

// ReadDir returns the entries of the folder dir, sorted by name. An error is a
// diagnostic at dir that says why it cannot be read, what names the folder
// (such as "notices folder"), and unwraps to the error of the file system.
func ReadDir(dir, what string) ([]fs.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, newFileError(diag.Pos{File: dir}, err, "cannot read the %s: %s", what, Cause(err))
	}
	return entries, nil
}

// UTF8 returns an error at the first byte of data that is not UTF-8, or nil.
// A decoder would turn it into U+FFFD without a word, and a PDF writer choke on it.
func UTF8(file string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return diag.Unreadable(diag.Errorf(diag.Pos{File: file, Line: line, Column: col}, "byte 0x%02X is not UTF-8; save the file as UTF-8", data[i]))
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return nil
}
