package input

import (
	"bytes"

	"github.com/fsn-tool/fsn/internal/diag"
)

// TOML checks what the TOML library (github.com/BurntSushi/toml) does not
// bound: arrays and inline tables nested deeper than MaxDepth, which it parses
// in time that grows much faster than the nesting. The error is a diagnostic
// at the bracket that passes the limit.
func TOML(file string, data []byte) error {
	line, lineStart := 1, 0
	depth := 0
	inValue := false // after the "=" of a key, until the end of its value
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
			if depth == 0 {
				inValue = false
			}
		case '#':
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			quote := data[i : i+1]
			if bytes.HasPrefix(data[i:], []byte{c, c, c}) {
				quote = data[i : i+3]
			}
			end := i + len(quote)
			stops := "'\n" // what can end a literal string, or its line
			if c == '"' {
				stops = "\"\\\n" // and what escapes the next byte of a basic one
			}
			for end < len(data) {
				k := bytes.IndexAny(data[end:], stops)
				if k < 0 {
					end = len(data)
					break
				}
				if end += k; bytes.HasPrefix(data[end:], quote) {
					break
				}
				switch data[end] {
				case '\\':
					if c == '"' {
						end++
					}
				case '\n':
					if len(quote) == 1 { // a one-line string ends here; the parser reports it
						goto endString
					}
					line, lineStart = line+1, end+1
				}
				end++
			}
		endString:
			i = end + len(quote) - 1
			if end < len(data) && data[end] == '\n' {
				i = end - 1
			}
		case '=':
			if depth == 0 {
				inValue = true
			}
		case '[', '{':
			if !inValue && depth == 0 { // a table header: [name] or [[name]]
				continue
			}
			if depth++; depth > MaxDepth {
				col := 1 + len([]rune(string(data[lineStart:i])))
				return diag.Unreadable(diag.Errorf(diag.Pos{File: file, Line: line, Column: col}, "arrays and tables are nested more than %d deep here; a locale file needs far fewer: close the brackets that are open", MaxDepth))
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}
