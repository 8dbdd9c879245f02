package record

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	rec := &Record{
		Notice: "iqwebx-2017-11", Generator: "fsn test", Signer: "Dr. Arpad Bischof",
		Inputs: []File{NewFile("notices/iqwebx-2017-11/notice.yaml", []byte("id: iqwebx-2017-11\n"))},
		Editions: []*Edition{{Lang: "it", Messages: []string{"subject"},
			Files: []File{NewFile("iqwebx-2017-11.it.md", []byte("# Informazioni\n"))}}},
	}
	data, err := rec.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), Name(rec.Notice))
	os.WriteFile(path, data, 0o644)
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rec) {
		t.Errorf("Read(Marshal(r)) = %+v, want %+v", got, rec)
	}
	if f := got.File("it", "iqwebx-2017-11.it.md"); f == nil || f.Size != 15 || f.SHA256 != Hash([]byte("# Informazioni\n")) {
		t.Errorf("File(it, md) = %+v", f)
	}
	if got.File("de", "iqwebx-2017-11.it.md") != nil || got.Edition("de") != nil {
		t.Error("a language the record lacks was found")
	}
	if filepath.Base(path) != "iqwebx-2017-11.build.json" {
		t.Errorf("Name = %s", filepath.Base(path))
	}
	os.WriteFile(path, []byte("{"), 0o644)
	if _, err := Read(path); err == nil {
		t.Error("Read accepted a broken record")
	}
}
