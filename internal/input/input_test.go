package input

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestReadFile reads one file of each sort that ReadFile must refuse, and one
// it must read: none may block or be read whole.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int64) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("ok"), 0o644); err != nil {
			t.Fatal(err)
		}
		if size > 0 {
			if err := os.Truncate(p, size); err != nil { // sparse: no disk used
				t.Fatal(err)
			}
		}
		return p
	}
	small := write("small.yaml", 0)
	big := write("big.yaml", Notice.MaxSize+1)
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink("small.yaml", link); err != nil {
		t.Fatal(err)
	}
	notice := Notice
	notice.Missing = "create one"
	tests := []struct {
		path    string
		want    string // the error; "" for none
		missing bool
	}{
		{small, "", false},
		{link, "", false},
		{big, big + ": error: the notice is 1.0 MiB; a notice may be at most 1 MiB", false},
		{fifo, fifo + ": error: the notice is a named pipe (FIFO); fsn reads only regular files", false},
		{"/dev/zero", "/dev/zero: error: the notice is a device; fsn reads only regular files", false},
		{dir, dir + ": error: the notice is a folder; fsn reads only regular files", false},
		{filepath.Join(dir, "none.yaml"), filepath.Join(dir, "none.yaml") + ": error: cannot read the notice: it does not exist; create one", true},
		{filepath.Join(small, "x.yaml"), filepath.Join(small, "x.yaml") + ": error: cannot read the notice: it, or a folder on its path, is a file where a folder is expected", false},
	}
	for _, tt := range tests {
		data, err := ReadFile(tt.path, notice)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("ReadFile(%s): %v", tt.path, err)
		case tt.want == "" && string(data) != "ok":
			t.Errorf("ReadFile(%s) = %q, want \"ok\"", tt.path, data)
		case tt.want == "":
		case err == nil:
			t.Errorf("ReadFile(%s) succeeded, want %q", tt.path, tt.want)
		case !strings.HasPrefix(err.Error(), tt.want):
			t.Errorf("ReadFile(%s):\n got %v\nwant %s", tt.path, err, tt.want)
		case errors.Is(err, fs.ErrNotExist) != tt.missing:
			t.Errorf("ReadFile(%s): errors.Is(err, fs.ErrNotExist) = %v", tt.path, !tt.missing)
		}
	}
}

// TestCause checks how the errors of the file system are told apart. A
// permission error cannot be made for real when the tests run as root, so it
// is made up, as the file system returns it.
func TestCause(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: "notices", Err: syscall.EACCES}, "permission denied: it is unreadable to this user"},
		{&fs.PathError{Op: "open", Path: "notices", Err: syscall.ENOENT}, "it does not exist"},
		{&fs.PathError{Op: "readdirent", Path: "notices", Err: syscall.ENOTDIR}, "it, or a folder on its path, is a file where a folder is expected"},
		{&fs.PathError{Op: "open", Path: "notices", Err: syscall.ELOOP}, "too many levels of symbolic links"},
	} {
		if got := Cause(tt.err); !strings.HasPrefix(got, tt.want) {
			t.Errorf("Cause(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestUTF8(t *testing.T) {
	for _, tt := range []struct {
		data, want string
	}{
		{"a: b\nc: ü €\n", ""},
		{"a: b\nc: ü \xe2\x82\n", "f:2:6: error: byte 0xE2 is not UTF-8"},
		{"\xff", "f:1:1: error: byte 0xFF is not UTF-8"},
	} {
		err := UTF8("f", []byte(tt.data))
		if got := errString(err); !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("UTF8(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestTOML(t *testing.T) {
	for _, tt := range []struct {
		data, want string
	}{
		{"[subject]\nother = \"[[[[\"\n[[array]]\nx = [[1], [2]]\ny = { a = [1] }\n", ""},
		{"# [[[[[[[[[[\nz = '''\n" + strings.Repeat("[", 40) + "\n'''\n", ""},
		{"[a]\nother = " + strings.Repeat("[", 100_000), "f:2:41: error: arrays and tables are nested more than 32 deep"},
		{"x = " + strings.Repeat("{a=", 40), "f:1:101: error: arrays and tables are nested more than 32 deep"},
		// Brackets inside strings, behind escaped quotes, do not count; the
		// lines of a multi-line string do.
		{"a = \"\\\" [[[[\\\\\"\nb = 'x\\'\nc = \"\"\"\n\\\"\"\" " + strings.Repeat("[", 40) + "\n\"\"\"\nd = " + strings.Repeat("[", 40), "f:6:37: error: arrays and tables are nested more than 32 deep"},
	} {
		err := TOML("f", []byte(tt.data))
		if got := errString(err); !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("TOML(%.40q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func TestParseYAML(t *testing.T) {
	for _, tt := range []struct {
		data, want string
	}{
		{"\ufeffa: [b, {c: d}]\nanchor: &x [1, 2]\nalias: *x\n", ""},
		{"a: " + strings.Repeat("[", 100_000), "f:1:36: error: collections are nested more than 32 deep"},
		{"a: " + strings.Repeat("{b: ", 40), "f:1:132: error: collections are nested more than 32 deep"},
	} {
		_, err := ParseYAML("f", []byte(tt.data))
		if got := errString(err); !strings.HasPrefix(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("ParseYAML(%.40q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
