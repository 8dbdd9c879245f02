package notice

import (
	"reflect"
	"testing"
)

// TestList: a list of folders hands out the notices in order, the kept ones
// as read and the others read again from their folders, each the notice
// LoadAll read; a list of held notices hands out the caller's own.
func TestList(t *testing.T) {
	dirs, err := Dirs("../../notices")
	if err != nil {
		t.Fatal(err)
	}
	all, err := LoadAll(dirs)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 2 {
		t.Fatalf("the project has %d notices; the test needs two", len(all))
	}
	defer func(k int) { keptNotices = k }(keptNotices)
	keptNotices = 1
	l := NewList(all)
	if l.Len() != len(all) {
		t.Fatalf("the list has %d notices, want %d", l.Len(), len(all))
	}
	for i, want := range all {
		got, err := l.Notice(i)
		if err != nil {
			t.Fatal(err)
		}
		if kept := i < keptNotices; kept != (got == want) {
			t.Errorf("notice %d (%s): kept %v, but the list handed out the notice read first: %v", i, want.ID, kept, got == want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("notice %d read again is not the notice %s LoadAll read", i, want.ID)
		}
	}
	if again, err := l.Notice(0); err != nil || again == all[0] || again.ID != all[0].ID {
		t.Errorf("a kept notice asked for again: %v, the same %v", err, again == all[0])
	}
	held := Held(all)
	for i := range 2 {
		if n, _ := held.Notice(0); n != all[0] {
			t.Errorf("asked for the %d. time, a held notice is not the caller's", i+1)
		}
	}
}
