package project

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fsn-tool/fsn/internal/input"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFile checks that a file of the project's folder hides fsn's default of
// the same name, and that a default no file hides is read from the binary.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "templates", "style.css"), "body { color: red }\n")
	write(t, filepath.Join(dir, "templates", "own.css"), "p {}\n")
	tmpl := Templates(filepath.Join(dir, "templates"))
	tests := []struct{ name, want string }{
		{"style.css", filepath.Join(dir, "templates", "style.css")},
		{"own.css", filepath.Join(dir, "templates", "own.css")},
		{"notice.md.tmpl", "embedded:templates/notice.md.tmpl"},
		{"nowhere.css", filepath.Join(dir, "templates", "nowhere.css")},
		{"../locales/en/labels.en.toml", filepath.Join(dir, "locales", "en", "labels.en.toml")}, // not inside: no default
	}
	for _, tt := range tests {
		if got := tmpl.File(tt.name); got != tt.want {
			t.Errorf("File(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	data, err := input.ReadFile(tmpl.File("notice.md.tmpl"), input.Template)
	if err != nil || len(data) == 0 {
		t.Fatalf("the embedded default does not read: %v", err)
	}
	if got := Disk(filepath.Join(dir, "templates")).File("notice.md.tmpl"); got != filepath.Join(dir, "templates", "notice.md.tmpl") {
		t.Errorf("a folder without defaults gives %q", got)
	}
	if _, err := input.ReadFile(input.Embedded("templates/nowhere.css"), input.Template); err == nil {
		t.Error("a file fsn does not ship reads")
	}
}

// TestReadDir checks that the entries of a folder are those of the project and
// of fsn's defaults, once each, sorted; and that a missing folder is no error
// where fsn has defaults.
func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "locales", "it", "labels.it.toml"), "")
	write(t, filepath.Join(dir, "locales", "it", "acme.it.toml"), "")
	loc := Locales(filepath.Join(dir, "locales"))
	entries, err := loc.ReadDir("it", "locale folder")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(entries); !slices.Equal(got, []string{"acme.it.toml", "labels.it.toml"}) {
		t.Errorf("it: %v", got)
	}
	if got := loc.File("it/labels.it.toml"); got != filepath.Join(dir, "locales", "it", "labels.it.toml") {
		t.Errorf("the project's labels file is not the one read: %s", got)
	}
	langs, err := loc.ReadDir(".", "locales folder")
	if err != nil {
		t.Fatal(err)
	}
	if got := names(langs); len(got) < 27 || !slices.Contains(got, "it") || !slices.Contains(got, "fr") || !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("languages: %v", got)
	}
	if entries, err := Locales(filepath.Join(dir, "none")).ReadDir("fr", "locale folder"); err != nil || !slices.Equal(names(entries), []string{"labels.fr.toml"}) {
		t.Errorf("a project without locales/: %v, %v", names(entries), err)
	}
	if _, err := Disk(filepath.Join(dir, "none")).ReadDir(".", "locales folder"); err == nil {
		t.Error("a missing folder without defaults reads")
	}
}

func names(entries []fs.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestOnDisk checks where a changed default is written: into the project's folder.
func TestOnDisk(t *testing.T) {
	loc := Locales("locales")
	if got := loc.OnDisk("embedded:locales/it/labels.it.toml"); got != filepath.Join("locales", "it", "labels.it.toml") {
		t.Errorf("OnDisk = %q", got)
	}
	if got := loc.OnDisk("other/it.toml"); got != "other/it.toml" {
		t.Errorf("OnDisk of a path on disk = %q", got)
	}
}

// TestRoot checks that the root is the nearest folder above holding notices/,
// never one inside an fsn out folder, and none outside a project.
func TestRoot(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"p/notices/acme", "p/out/site/notices", "p/docs/deep", "elsewhere"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(dir, "p", "out", ".fsn-out"), "")
	p := filepath.Join(dir, "p")
	tests := []struct{ from, want string }{
		{"p", p},
		{"p/notices/acme", p},
		{"p/docs/deep", p},
		{"p/out/site", p},
		{"p/out/site/notices", p}, // an out folder holding notices/ is no project
		{"elsewhere", ""},
	}
	for _, tt := range tests {
		if got := Root(filepath.Join(dir, tt.from)); got != tt.want {
			t.Errorf("Root(%s) = %q, want %q", tt.from, got, tt.want)
		}
	}
}
