// Package diag holds the positioned diagnostics that every stage of fsn reports:
// a file, a line and a column, a severity, the check that found it and what to do.
//
// A Diagnostic prints like a compiler message, so that an editor can jump to it:
//
//	notices/iqwebx-2017-11/notice.yaml:12:3: error: unknown field "contcat"; did you mean "contact"?
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in an input file. Line and Column count from 1; zero means unknown.
type Pos struct {
	File   string
	Line   int
	Column int
}

// String formats p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Column > 0 {
			fmt.Fprintf(&b, ":%d", p.Column)
		}
	}
	return b.String()
}

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	// Error stops the build of the affected edition.
	Error Severity = iota
	// Warning is reported but does not stop a build unless warnings are made strict.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText makes a Severity readable in JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding about the inputs.
type Diagnostic struct {
	Pos      Pos      `json:"pos"`
	Severity Severity `json:"severity"`
	// Check names the rule that found the problem, such as "token-changed"; empty for input errors.
	Check   string `json:"check,omitempty"`
	Message string `json:"message"`
	// Unreadable marks a diagnostic of an input that could not be read or
	// parsed at all (a missing or unreadable file, a YAML, TOML or template
	// syntax error), as opposed to one read with errors in its content: fsn
	// exits 2 for it, 1 for the others.
	Unreadable bool `json:"-"`
}

// Error formats d as "file:line:col: error[check]: message".
func (d *Diagnostic) Error() string {
	sev := d.Severity.String()
	if d.Check != "" {
		sev += "[" + d.Check + "]"
	}
	if d.Pos.File == "" {
		return fmt.Sprintf("%s: %s", sev, d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", d.Pos, sev, d.Message)
}

// Errorf returns an error-severity diagnostic at pos.
func Errorf(pos Pos, format string, args ...any) *Diagnostic {
	return &Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// List collects diagnostics. Its zero value is ready to use.
type List []*Diagnostic

// Add appends d to the list.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Errorf adds an error-severity diagnostic at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Errorf(pos, format, args...))
}

// HasErrors reports whether any diagnostic in l is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders l by file, line, column and message, so reports are stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return l[i].Message < l[j].Message
	})
}

// Compact returns l sorted, without repeated diagnostics: the same template error
// found while building each language is reported once.
func (l List) Compact() List {
	l.Sort()
	out := l[:0:0]
	for i, d := range l {
		if i > 0 && *d == *l[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Err returns l as an error when it holds at least one error-severity diagnostic, and nil otherwise.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error prints one diagnostic per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}

// Unreadable marks every diagnostic of err as one of an input that cannot be
// read or parsed at all (see Diagnostic.Unreadable) and returns them; nil for nil.
func Unreadable(err error) error {
	if err == nil {
		return nil
	}
	l := From(err)
	for _, d := range l {
		d.Unreadable = true
	}
	return l
}

// Unreadable reports whether a diagnostic of l is of an input that cannot be
// read or parsed at all.
func (l List) Unreadable() bool {
	for _, d := range l {
		if d.Unreadable {
			return true
		}
	}
	return false
}

// From returns the diagnostics held in err: a List, a single Diagnostic, or,
// for any other error, one diagnostic with no position.
func From(err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	var d *Diagnostic
	if errors.As(err, &d) {
		return List{d}
	}
	return List{{Severity: Error, Message: err.Error()}}
}
