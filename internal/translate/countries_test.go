package translate

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/project"
)

// TestStatusNamesCountryEditions checks that the status of a translation
// names the editions of the countries it serves, and nothing for a notice
// with one edition per language.
func TestStatusNamesCountryEditions(t *testing.T) {
	dir := filepath.Join("..", "build", "testdata", "countries")
	p, err := Load(filepath.Join(dir, "notices"), project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		t.Fatal(err)
	}
	st := p.Status([]string{"fr"})
	if c := st.Cell("acme-pump-2026-07", "fr"); c == nil || !slices.Equal(c.Editions, []string{"fr-BE", "fr-CH", "fr-FR"}) || c.Missing != 0 {
		t.Errorf("the French translation of the notice of three countries: %+v", c)
	}
	if c := st.Cell("acme-pump-2026-06", "fr"); c == nil || c.Editions != nil {
		t.Errorf("the French translation of the notice without countries: %+v", c)
	}
	var table bytes.Buffer
	if err := st.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "100.0%  editions fr-BE, fr-CH, fr-FR") {
		t.Errorf("the table does not name the editions:\n%s", table.String())
	}
}
