package translate

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// TestXLIFFSchemas validates the XLIFF 1.2 export against the strict OASIS
// XLIFF 1.2 schema and the 2.1 export against the XLIFF 2.1 core schema with its
// Translation Candidates and Glossary modules, with xmllint and the copies of
// the schemas in internal/l10n/testdata/schemas. The exports hold every kind of
// unit: a missing message, a stale one with its earlier translation (with
// inline elements) as a suggestion, translated messages and plural labels; and
// of a second notice, units with the translation memory's matches, with the
// termbase's terms and with their base.
func TestXLIFFSchemas(t *testing.T) {
	xmllint := fsntest.Tool(t, "xmllint", "libxml2-utils")
	schemas, err := filepath.Abs(filepath.Join("..", "l10n", "testdata", "schemas"))
	if err != nil {
		t.Fatal(err)
	}
	dir := withSecondNotice(t)
	fsntest.Replace(t, filepath.Join(dir, "notices", seed, notice.FileName), "Look for the file `LicGen.exe`.", "Look for the file `LicGen.exe` first.")
	deleteMessage(t, localePath(dir, "it", seed), "troubleshooting.notes.restore-deleted.resellers")
	for _, tt := range []struct{ version, schema string }{
		{l10n.XLIFF12, filepath.Join(schemas, "xliff-1.2", "xliff-core-1.2-strict.xsd")},
		{l10n.XLIFF21, filepath.Join(schemas, "xliff-2.1", "fsn-xliff-2.1.xsd")},
	} {
		t.Run(tt.version, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "it.xlf")
			doc := export(t, load(t, dir), "it", tt.version, path)
			kinds := map[l10n.UnitState]int{}
			matches, terms := 0, 0
			for _, f := range doc.Files {
				for _, u := range f.Units {
					if f.Name == seed {
						kinds[u.State]++
					}
					if slices.ContainsFunc(u.Suggestions, func(s *l10n.XLIFFSuggestion) bool { return !s.Earlier }) {
						matches++
					}
					if len(u.Terms) > 0 && u.Base != "" {
						terms++
					}
				}
			}
			if kinds[l10n.Untranslated] != 1 || kinds[l10n.NeedsReview] != 1 || kinds[l10n.Translated] == 0 || matches == 0 || terms == 0 {
				t.Fatalf("the export does not hold every kind of unit: %v, %d with matches, %d with terms", kinds, matches, terms)
			}
			cmd := exec.Command(xmllint, "--nonet", "--noout", "--schema", tt.schema, path)
			cmd.Env = append(os.Environ(), "XML_CATALOG_FILES="+filepath.Join(schemas, "catalog.xml"))
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("the XLIFF %s export does not validate: %v\n%s", tt.version, err, out)
			}
		})
	}
}
