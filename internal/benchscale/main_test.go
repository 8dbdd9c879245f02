package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpus makes a corpus of two notices in three languages: each notice
// has its own id and lists the languages, each translation and labels file is
// where fsn looks for it.
func TestCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := corpus("../..", dir, 2, languages[:3]); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		id := corpusID(i)
		data, err := os.ReadFile(filepath.Join(dir, "notices", id, "notice.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"id: " + id, "languages: [en, it, de]"} {
			if !strings.Contains(string(data), want) {
				t.Errorf("notice %s has no line %q", id, want)
			}
		}
		for _, lang := range languages[1:3] {
			text, err := os.ReadFile(filepath.Join(dir, "locales", lang, id+"."+lang+".toml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(text), "["+id+".") || strings.Contains(string(text), "[iqwebx-2017-11.") {
				t.Errorf("the %s translation of %s does not name its messages [%s.<id>]", lang, id, id)
			}
		}
	}
	for _, lang := range languages[:3] {
		if _, err := os.Stat(filepath.Join(dir, "locales", lang, "labels."+lang+".toml")); err != nil {
			t.Error(err)
		}
	}
}

// BenchmarkFloorPDF is the gofpdf floor of one PDF edition, to set beside
// internal/build's BenchmarkBuildPDF (ns/edition) in make bench.
func BenchmarkFloorPDF(b *testing.B) {
	for b.Loop() {
		floorPDF(1)
	}
}
