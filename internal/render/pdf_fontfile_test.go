package render

import (
	"math/rand/v2"
	"testing"

	fsn "github.com/fsn-tool/fsn"
)

// TestParseFontDamaged feeds the font reader cut and corrupted copies of a
// shipped font: each must be refused or read, never panic or hang.
func TestParseFontDamaged(t *testing.T) {
	good, err := fsn.Defaults.ReadFile(DefaultFontFiles[faceRegular])
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFont(good)
	if err != nil {
		t.Fatalf("the shipped font: %v", err)
	}
	if f.psName != "LiberationSans" || f.fullName != "Liberation Sans" || f.cmap['ș'] == 0 || f.cmap['≤'] == 0 {
		t.Errorf("read %q, %q, ș → %d, ≤ → %d", f.psName, f.fullName, f.cmap['ș'], f.cmap['≤'])
	}
	if got := f.advance('-').width / ptToMM * 1000; got != 333 {
		t.Errorf("the hyphen is %g thousandths of an em wide, want 333 as in Arial", got)
	}
	for _, n := range []int{0, 5, 12, 40, 300, 2000, len(good) / 2} {
		if _, err := parseFont(good[:n]); err == nil {
			t.Errorf("the first %d bytes of a font read as a font", n)
		}
	}
	// Corrupt the directory and each table the reader reads.
	spans := [][2]int{{0, 12 + 16*int(u16(good, 4))}} // start, length
	for i := range int(u16(good, 4)) {
		rec := good[12+16*i:]
		switch string(rec[:4]) {
		case "cmap", "name", "head", "hhea", "maxp", "loca", "hmtx":
			spans = append(spans, [2]int{int(u32(rec, 8)), int(u32(rec, 12))})
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, span := range spans {
		for range 100 {
			bad := []byte(string(good))
			for range 4 {
				bad[span[0]+rng.IntN(min(span[1], 2048))] = byte(rng.Uint32())
			}
			_, _ = parseFont(bad) // must return
		}
	}
}
