package l10n

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fsn-tool/fsn/internal/project"
)

// translations writes a locales folder of n notices' translations into it
// and de, and returns the id of each notice.
func translations(tb testing.TB, n int) (project.Dir, []string) {
	tb.Helper()
	dir := tb.TempDir()
	var ids []string
	for i := range n {
		id := fmt.Sprintf("notice-%04d", i)
		ids = append(ids, id)
		for _, lang := range []string{"it", "de"} {
			p := filepath.Join(dir, lang, id+"."+lang+".toml")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(p, fmt.Appendf(nil, "[%s.subject]\nother = \"Oggetto %d\"\n", id, i), 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return project.Disk(dir), ids
}

// TestReadNamedLooksAtItsFilesOnly: reading one notice's translations asks
// about that notice's files alone, whatever the number of notices in the
// folder, so a build that reads each notice's in turn does not look at every
// file once per notice.
func TestReadNamedLooksAtItsFilesOnly(t *testing.T) {
	dir, ids := translations(t, 50)
	x, err := Scan(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := x.Catalog()
	asked := map[string]bool{}
	err = c.ReadNamed(func(lang, name, path string) bool {
		asked[path] = true
		if name != ids[7] {
			t.Errorf("ReadNamed(%q) asked about %s, a file of %q", ids[7], path, name)
		}
		return true
	}, ids[7])
	if err != nil {
		t.Fatal(err)
	}
	if len(asked) != 2 {
		t.Errorf("ReadNamed(%q) asked about %d files, want its 2: %v", ids[7], len(asked), asked)
	}
	for _, lang := range []string{"it", "de"} {
		if c.File(lang, ids[7]) == nil {
			t.Errorf("the %s translation of %s was not read", lang, ids[7])
		}
		if c.File(lang, ids[8]) != nil {
			t.Errorf("the %s translation of %s was read too", lang, ids[8])
		}
	}
	// What is held already is not asked about again.
	err = c.ReadNamed(func(_, _, path string) bool {
		t.Errorf("ReadNamed asked again about %s, which the catalog holds", path)
		return true
	}, ids[7])
	if err != nil {
		t.Fatal(err)
	}
	// Several names are read as Read reads them: by language folder, then file.
	var order []string
	err = c.ReadNamed(func(lang, name, _ string) bool {
		order = append(order, lang+"/"+name)
		return true
	}, ids[9], ids[7], ids[3])
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"de/" + ids[3], "de/" + ids[9], "it/" + ids[3], "it/" + ids[9]}; !slices.Equal(order, want) {
		t.Errorf("ReadNamed of three notices, one held, asked about %v, want %v", order, want)
	}
}

// BenchmarkReadNamed reads and forgets one notice's translations, in folders
// of 10 and 1,000 notices: the time per notice must not grow with the folder.
func BenchmarkReadNamed(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("notices=%d", n), func(b *testing.B) {
			dir, ids := translations(b, n)
			x, err := Scan(dir)
			if err != nil {
				b.Fatal(err)
			}
			c := x.Catalog()
			keep := func(string, string, string) bool { return true }
			i := 0
			for b.Loop() {
				id := ids[i%n]
				if err := c.ReadNamed(keep, id); err != nil {
					b.Fatal(err)
				}
				c.Forget(id)
				i++
			}
		})
	}
}
