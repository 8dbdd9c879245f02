package notice

import (
	"reflect"
	"testing"
)

// projectNotices returns the project's notices, at least two, and keeps
// only the first of a list for the rest of the test, so that a list of them
// both keeps notices and reads them again.
func projectNotices(t *testing.T) []*Notice {
	t.Helper()
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
	k := keptNotices
	t.Cleanup(func() { keptNotices = k })
	keptNotices = 1
	return all
}

// TestList: a list of folders hands out the notices in order, the kept ones
// as read and the others read again from their folders, each the notice
// LoadAll read; a list of held notices hands out the caller's own.
func TestList(t *testing.T) {
	all := projectNotices(t)
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

// TestListAll checks that All hands out the kept notices as they are, and
// gives them up, and reads the others again.
func TestListAll(t *testing.T) {
	all := projectNotices(t)
	l := NewList(all)
	got, err := l.All()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(all) {
		t.Fatalf("All returns %d notices, want %d", len(got), len(all))
	}
	for i, want := range all {
		if kept := i < keptNotices; kept != (got[i] == want) {
			t.Errorf("notice %d (%s): kept %v, but All handed out the notice read first: %v", i, want.ID, kept, got[i] == want)
		}
		if !reflect.DeepEqual(got[i], want) {
			t.Errorf("notice %d from All is not the notice %s LoadAll read", i, want.ID)
		}
	}
	if again, err := l.Notice(0); err != nil || again == all[0] {
		t.Errorf("a kept notice All handed out is still kept: %v, the same %v", err, again == all[0])
	}
	if held, _ := Held(all).All(); len(held) != len(all) || held[0] != all[0] {
		t.Errorf("All of a held list is not the caller's notices")
	}
}
