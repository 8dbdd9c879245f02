package diag

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
)

// YAMLError turns an error of the YAML decoder (github.com/goccy/go-yaml) into a
// diagnostic at the line and column the decoder reports. An unknown field gets the
// closest of fields as a suggestion, or help when none is close; a Diagnostic
// returned by a field's own UnmarshalYAML gets the file name.
func YAMLError(file string, err error, fields []string, help string) *Diagnostic {
	var d *Diagnostic
	if errors.As(err, &d) {
		d.Pos.File = file
		return d
	}
	var ye yaml.Error
	if !errors.As(err, &ye) {
		if err.Error() == "EOF" {
			return Errorf(Pos{File: file, Line: 1, Column: 1}, "the file is empty; %s", help)
		}
		return Errorf(Pos{File: file}, "%v", err)
	}
	pos := Pos{File: file}
	if tok := ye.GetToken(); tok != nil {
		pos.Line, pos.Column = tok.Position.Line, tok.Position.Column
	}
	msg := ye.GetMessage()
	var unknown *yaml.UnknownFieldError
	var syntax *yaml.SyntaxError
	switch {
	case errors.As(err, &unknown):
		field := unknown.Token.Value
		msg = fmt.Sprintf("unknown field %q: its content would be ignored", field)
		if s := Closest(field, fields); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else {
			msg += "; " + help
		}
	case strings.Contains(msg, "already defined"):
		msg = "duplicate key: " + msg + "; each key may appear once: merge the two entries"
	case errors.As(err, &syntax):
		msg = "malformed YAML: " + msg + "; check the indentation and quoting on this line"
	default:
		msg += "; " + help
	}
	return Errorf(pos, "%s", msg)
}

// YAMLFields returns the YAML names of every field of the struct type t and of the
// structs it holds, at any depth: the names a typo in a file of that type may mean.
func YAMLFields(t reflect.Type) []string {
	var names []string
	seen := map[reflect.Type]bool{}
	var collect func(t reflect.Type)
	collect = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || name == "" && !strings.Contains(opts, "inline") {
				continue
			}
			if name != "" {
				names = append(names, name)
			}
			collect(f.Type)
		}
	}
	collect(t)
	return names
}

// Closest returns the name in names within two edits (insertions, deletions,
// substitutions or swaps of neighbours) of word, or "" when none is that close.
func Closest(word string, names []string) string {
	best, bestDist := "", 3
	for _, n := range names {
		if d := editDistance(word, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (with adjacent swaps) between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
