package diag

import (
	"errors"
	"reflect"
	"slices"
	"testing"
)

func TestDiagnosticError(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Pos{File: "a.yaml", Line: 3, Column: 7}, Message: "bad"}, "a.yaml:3:7: error: bad"},
		{Diagnostic{Pos: Pos{File: "a.yaml", Line: 3}, Severity: Warning, Check: "unchanged", Message: "same"}, "a.yaml:3: warning[unchanged]: same"},
		{Diagnostic{Pos: Pos{File: "a.yaml"}, Message: "unreadable"}, "a.yaml: error: unreadable"},
		{Diagnostic{Message: "no file"}, "error: no file"},
	}
	for _, tt := range tests {
		if got := tt.d.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestCompactSortsAndDropsRepeats(t *testing.T) {
	a := Errorf(Pos{File: "b", Line: 1}, "x")
	b := Errorf(Pos{File: "a", Line: 2}, "y")
	l := List{a, b, Errorf(Pos{File: "b", Line: 1}, "x")}.Compact()
	if len(l) != 2 || l[0] != b || l[1] != a {
		t.Errorf("Compact = %v", l)
	}
	if l.Err() == nil || (List{{Severity: Warning}}).Err() != nil {
		t.Error("Err must be non-nil exactly when an error is present")
	}
}

func TestFrom(t *testing.T) {
	d := Errorf(Pos{File: "f"}, "m")
	if got := From(d); len(got) != 1 || got[0] != d {
		t.Errorf("From(diagnostic) = %v", got)
	}
	if got := From(errors.New("plain")); len(got) != 1 || got[0].Message != "plain" {
		t.Errorf("From(plain error) = %v", got)
	}
	if From(nil) != nil {
		t.Error("From(nil) is not nil")
	}
}

func TestYAMLFields(t *testing.T) {
	type inner struct {
		Name string `yaml:"name"`
	}
	type outer struct {
		inner  `yaml:",inline"`
		Items  []inner `yaml:"items"`
		Skip   string  `yaml:"-"`
		Ptr    *inner  `yaml:"ptr"`
		Phone  string  `yaml:"phone,omitempty"`
		NoTags string
	}
	got := YAMLFields(reflect.TypeFor[outer]())
	slices.Sort(got)
	if want := []string{"items", "name", "phone", "ptr"}; !slices.Equal(got, want) {
		t.Errorf("YAMLFields = %v, want %v", got, want)
	}
}

func TestClosest(t *testing.T) {
	names := []string{"contact", "devices", "signatory", "colors"}
	for word, want := range map[string]string{"contcat": "contact", "devics": "devices", "colr": "colors", "zzzz": ""} {
		if got := Closest(word, names); got != want {
			t.Errorf("Closest(%q) = %q, want %q", word, got, want)
		}
	}
}
