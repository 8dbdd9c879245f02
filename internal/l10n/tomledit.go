package l10n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The keys of a go-i18n message, in the order fsn writes them.
var messageKeys = append([]string{"description", "hash"}, PluralCategories...)

// Update is a message to write into a go-i18n TOML message file.
type Update struct {
	// Message holds the id, description, hash and texts to write. An empty
	// description or hash leaves the file's own, if it has one.
	Message *i18n.Message
	// Comments are lines, such as "# fsn:waive unchanged: a name", to keep
	// directly above the message's table; a line the file already has there is
	// not repeated.
	Comments []string
}

// UpdateFile returns data, a go-i18n TOML message file, with every update
// written in. It keeps the layout of the file: messages it does not update keep
// their bytes, comments and place; an updated message keeps its place, and only
// the keys whose value changes are rewritten. A message the file does not have
// is inserted after the closest message before it in order, the ids of every
// message in the order the file should follow (the source's), or at the end.
// The file's comments, waivers among them, are kept. name is the file's base
// name (a notice id, or LabelsName): the ids of updates and order are ids
// within the file, which it writes as FileMessageID gives them.
func UpdateFile(name string, data []byte, updates []Update, order []string) []byte {
	full := make([]string, len(order))
	for i, id := range order {
		full[i] = FileMessageID(name, id)
	}
	lines := splitLines(data)
	for _, u := range updates {
		m := *u.Message
		m.ID = FileMessageID(name, m.ID)
		lines = updateMessage(lines, Update{Message: &m, Comments: u.Comments}, full)
	}
	return joinLines(lines)
}

// splitLines splits data into lines without their line feeds; a file that ends
// with a line feed gives no empty last line.
func splitLines(data []byte) []string {
	s := strings.TrimSuffix(string(data), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func joinLines(lines []string) []byte {
	if len(lines) == 0 {
		return nil
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// span is where a message is written in a TOML file, in 0-based lines.
type span struct {
	id string
	// flat is set for a message written as `id = "text"`, not as a table.
	flat bool
	// comments is the first of the comment lines directly above the header, or
	// header when there are none.
	comments int
	header   int // the [id] line, or the line of a flat message
	end      int // one past the message's last line
	// keys maps each message key of a table to its lines [first, end).
	keys map[string][2]int
}

// scanLayout finds the messages of a go-i18n TOML file, with their lines. It
// knows the TOML that message files use: tables, key = value lines, comments and
// multi-line strings.
func scanLayout(lines []string) []*span {
	var spans []*span
	var table *span // the table being read; nil at the top level
	tableName := ""
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			end := strings.LastIndexByte(line, ']')
			if end < 0 {
				continue
			}
			tableName = tomlKey(strings.Trim(line[:end+1], "[]"))
			table = &span{id: tableName, comments: commentStart(lines, i), header: i, end: i + 1, keys: map[string][2]int{}}
			spans = append(spans, table)
		case strings.Contains(line, "="):
			eq := strings.IndexByte(line, '=')
			key := tomlKey(line[:eq])
			last := valueEnd(lines, i, strings.TrimSpace(line[eq+1:]))
			if table != nil && isReservedKey(key) {
				table.keys[strings.ToLower(key)] = [2]int{i, last + 1}
				table.end = last + 1
			} else {
				id := key
				if tableName != "" {
					id = tableName + "." + key
				}
				spans = append(spans, &span{id: id, flat: true, comments: commentStart(lines, i), header: i, end: last + 1})
			}
			i = last
		}
	}
	// A table that holds no message key is a parent of messages, not one itself.
	return slices.DeleteFunc(spans, func(s *span) bool { return !s.flat && len(s.keys) == 0 })
}

// commentStart returns the first line of the run of comment lines directly above line i.
func commentStart(lines []string, i int) int {
	for i > 0 && strings.HasPrefix(strings.TrimSpace(lines[i-1]), "#") {
		i--
	}
	return i
}

// valueEnd returns the last line of the value that starts on line i as value:
// the line itself, or the line that closes a multi-line string.
func valueEnd(lines []string, i int, value string) int {
	for _, delim := range []string{`"""`, `'''`} {
		if !strings.HasPrefix(value, delim) {
			continue
		}
		if strings.Contains(unescapedQuotes(value[3:], delim), delim) {
			return i
		}
		for j := i + 1; j < len(lines); j++ {
			if strings.Contains(unescapedQuotes(lines[j], delim), delim) {
				return j
			}
		}
		return len(lines) - 1
	}
	return i
}

// unescapedQuotes blanks out escaped characters of a basic string, so an escaped
// quote cannot close it.
func unescapedQuotes(s, delim string) string {
	if delim != `"""` {
		return s
	}
	return escapedChar.ReplaceAllString(s, "  ")
}

var escapedChar = regexp.MustCompile(`\\.`)

func findSpan(spans []*span, id string) *span {
	for _, s := range spans {
		if s.id == id {
			return s
		}
	}
	return nil
}

// updateMessage writes u into lines.
func updateMessage(lines []string, u Update, order []string) []string {
	spans := scanLayout(lines)
	m := u.Message
	s := findSpan(spans, m.ID)
	switch {
	case s == nil:
		return insertMessage(lines, spans, u, order)
	case s.flat:
		// A table here would take the keys that follow it; an inline table keeps them where they are.
		old := messageFromFlat(lines[s.header])
		merged := mergeMessage(old, m)
		line := lines[s.header][:strings.IndexByte(lines[s.header], '=')+1] + " " + inlineTable(merged)
		lines = slices.Replace(lines, s.header, s.end, line)
		return addComments(lines, s.comments, s.header, u.Comments)
	}
	for _, key := range messageKeys {
		value, ok := messageValue(m, key)
		if !ok {
			continue
		}
		s = findSpan(scanLayout(lines), m.ID)
		line := key + " = " + tomlString(value)
		if r, ok := s.keys[key]; ok {
			if parseValueLines(lines[r[0]:r[1]]) != value {
				lines = slices.Replace(lines, r[0], r[1], line)
			}
			continue
		}
		// Insert the key before the first key the file has that comes after it.
		at := s.end
		for _, next := range messageKeys[slices.Index(messageKeys, key)+1:] {
			if r, ok := s.keys[next]; ok && r[0] < at {
				at = r[0]
			}
		}
		lines = slices.Insert(lines, at, line)
	}
	s = findSpan(scanLayout(lines), m.ID)
	return addComments(lines, s.comments, s.header, u.Comments)
}

// addComments adds the comment lines that the comments directly above header
// (from line first) do not have yet.
func addComments(lines []string, first, header int, comments []string) []string {
	var add []string
	for _, c := range comments {
		if !slices.ContainsFunc(lines[first:header], func(l string) bool { return strings.TrimSpace(l) == strings.TrimSpace(c) }) {
			add = append(add, c)
		}
	}
	return slices.Insert(lines, header, add...)
}

// insertMessage writes a message the file does not have yet as a new table.
func insertMessage(lines []string, spans []*span, u Update, order []string) []string {
	block := append(slices.Clone(u.Comments), "["+tomlTableKey(u.Message.ID)+"]")
	for _, key := range messageKeys {
		if v, ok := messageValue(u.Message, key); ok {
			block = append(block, key+" = "+tomlString(v))
		}
	}
	// After the closest table message before it in order, or before the closest after it.
	i := slices.Index(order, u.Message.ID)
	if i >= 0 {
		for j := i - 1; j >= 0; j-- {
			s := findSpan(spans, order[j])
			if s == nil {
				continue
			}
			if !s.flat {
				return slices.Insert(lines, s.end, append([]string{""}, block...)...)
			}
			break // a flat message: a table after it would take the keys that follow
		}
		for _, id := range order[i+1:] {
			if s := findSpan(spans, id); s != nil && !s.flat && onlyTablesAfter(spans, s) {
				return slices.Insert(lines, s.comments, append(block, "")...)
			}
		}
	}
	if len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) != "" {
		lines = append(lines, "")
	}
	return append(lines, block...)
}

// onlyTablesAfter reports whether no flat message at the top level follows s,
// so that a table can be inserted before s.
func onlyTablesAfter(spans []*span, s *span) bool {
	for _, o := range spans {
		if o.flat && o.header > s.header && !strings.Contains(o.id, ".") {
			return false
		}
	}
	return true
}

// mergeMessage returns m with the description and hash of old where m has none.
func mergeMessage(old, m *i18n.Message) *i18n.Message {
	c := *m
	if c.Description == "" {
		c.Description = old.Description
	}
	if c.Hash == "" {
		c.Hash = old.Hash
	}
	return &c
}

// messageFromFlat reads the message of a line `id = "text"`.
func messageFromFlat(line string) *i18n.Message {
	eq := strings.IndexByte(line, '=')
	return &i18n.Message{Other: parseValueLines([]string{"x =" + line[eq+1:]})}
}

// messageValue returns the value of key, one of messageKeys, in m, and whether
// m has one; "other" always counts.
func messageValue(m *i18n.Message, key string) (string, bool) {
	var v string
	switch key {
	case "description":
		v = m.Description
	case "hash":
		v = m.Hash
	case "other":
		return m.Other, true
	default:
		v = PluralText(m, key)
	}
	return v, v != ""
}

// parseValueLines returns the string value of the key = value lines given.
func parseValueLines(lines []string) string {
	var v struct{ X string }
	text := strings.Join(lines, "\n")
	text = "X" + text[strings.IndexByte(text, '='):]
	if _, err := toml.Decode(text, &v); err != nil {
		return "\x00" // not a string: never equal to a value, so it is rewritten
	}
	return v.X
}

// inlineTable writes m as a TOML inline table.
func inlineTable(m *i18n.Message) string {
	var parts []string
	for _, key := range messageKeys {
		if v, ok := messageValue(m, key); ok {
			parts = append(parts, key+" = "+tomlString(v))
		}
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// tomlTableKey writes a message id as a dotted TOML key, which go-i18n reads
// back as the same id.
func tomlTableKey(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		if !bareKey.MatchString(p) {
			parts[i] = tomlString(p)
		}
	}
	return strings.Join(parts, ".")
}

// tomlString writes s as a TOML basic string on one line.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
