package l10n

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/fsn-tool/fsn/internal/notice"
)

// TestClone copies the shipped notices and one with countries and local
// contacts: each copy equals its notice, marshals to the same JSON, and shares
// no pointer, slice or map with it, so an edition's texts are its own.
func TestClone(t *testing.T) {
	for _, dir := range []string{seedDir, "../../notices/infusia-ip7-2026-05", "../notice/testdata/countries"} {
		n, err := notice.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		c := clone(n)
		if !reflect.DeepEqual(c, n) {
			t.Errorf("%s: the copy differs from the notice", dir)
		}
		want, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := json.Marshal(c); string(got) != string(want) {
			t.Errorf("%s: the copy marshals to\n%s\nwant\n%s", dir, got, want)
		}
		seen := map[uintptr]string{}
		references(reflect.ValueOf(n), "notice", seen)
		shared := map[uintptr]string{}
		references(reflect.ValueOf(c), "notice", shared)
		for p, path := range shared {
			if seen[p] != "" {
				t.Errorf("%s: the copy shares %s with the notice", dir, path)
			}
		}
		if len(shared) < len(n.Texts()) {
			t.Errorf("%s: the copy holds %d references, fewer than its %d texts", dir, len(shared), len(n.Texts()))
		}
		for _, tx := range c.Texts() {
			tx.Value = "changed"
		}
		if n.Subject.Value == "changed" || n.Texts()[len(n.Texts())-1].Value == "changed" {
			t.Errorf("%s: changing the copy's texts changed the notice's", dir)
		}
	}
}

// references records, by address, every pointer, non-empty slice and map
// reachable from v through exported fields, with the path to it.
func references(v reflect.Value, path string, seen map[uintptr]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			seen[v.Pointer()] = path
			references(v.Elem(), path, seen)
		}
	case reflect.Slice:
		if v.Len() > 0 {
			seen[v.Pointer()] = path
		}
		for i := range v.Len() {
			references(v.Index(i), path+"[]", seen)
		}
	case reflect.Map:
		if !v.IsNil() {
			seen[v.Pointer()] = path
			for it := v.MapRange(); it.Next(); {
				references(it.Value(), path+"[k]", seen)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			references(v.Index(i), path+"[]", seen)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				references(v.Field(i), path+"."+v.Type().Field(i).Name, seen)
			}
		}
	}
}
