package l10n

import (
	"cmp"
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// WorkDir is the folder, inside a language's locale folder, that holds its work
// files: locales/it/translate/iqwebx-2017-11.it.toml is the work file of
// locales/it/iqwebx-2017-11.it.toml. Load reads only the *.toml files directly
// in a language's folder, so a work file is never taken for a message file.
const WorkDir = "translate"

// WorkPath returns where the work file of the message file <name>.<lang>.toml is.
func (c *Catalog) WorkPath(lang, name string) string {
	return filepath.Join(c.Dir.Path, lang, WorkDir, fmt.Sprintf("%s.%s.toml", name, lang))
}

// WorkFiles returns the work files in the locales folder, sorted.
func (c *Catalog) WorkFiles() []string {
	paths, _ := filepath.Glob(filepath.Join(c.Dir.Path, "*", WorkDir, "*.toml"))
	return paths
}

// WorkFile is a go-i18n TOML file of the messages of one message file that need
// translating, in the form `goi18n merge` gives its translate.<lang>.toml: each
// message with its description, the hash of its source, and the source text in
// "other" (and in each plural form the language needs) for the translator to
// replace. The description adds what the translator needs to know: where the
// text sits, and for a message whose source changed, the source before and the
// translation made from it.
type WorkFile struct {
	Path string
	// Name is the base name of the message file: a notice id, or "labels".
	Name string
	Lang string
	// Header is the comment at the top of the file.
	Header  []string
	Entries []*WorkEntry
}

// WorkEntry is one message of a work file.
type WorkEntry struct {
	*i18n.Message
	Pos diag.Pos
	// Same is set by a "# fsn:same" comment at the entry: its text is meant to
	// stay as in the source, as a name or "Fax" may.
	Same bool
	// Waivers are the entry's "# fsn:waive CHECK: reason" comments, which a merge
	// copies into the message file.
	Waivers []string
	// Review names the translation memory's match that fsn l10n sync pre-filled
	// the entry with ("iqwebx-2017-11 transmission.keep"), from a "# fsn:tm"
	// comment; merge leaves the entry until the translator deletes the comment.
	Review string
	// Base is set by a "# fsn:base HASH" comment at the entry: the
	// TranslationHash of the message file's translation when the entry was
	// written. A merge takes the entry only while the message file still holds
	// that translation, so an older work file never replaces a newer translation.
	Base string
}

// SameComment marks a work file entry whose text stays as in the source.
const SameComment = "# fsn:same"

// ReviewComment marks a work file entry pre-filled from the translation memory
// and not reviewed yet.
const ReviewComment = "# fsn:tm"

// NoTranslation is the Base of an entry written when the message file held no
// translation of the message.
const NoTranslation = "none"

var (
	sameLine   = regexp.MustCompile(`^\s*#\s*fsn:same\b`)
	waiverLine = regexp.MustCompile(`^\s*#\s*fsn:waive\b`)
	reviewLine = regexp.MustCompile(`^\s*#\s*fsn:tm\b\s*([^:]*)`)
	baseLine   = regexp.MustCompile(`^\s*#\s*fsn:base\s+(\S+)`)
)

// TranslationHash names the texts of a translation, every plural form of it,
// for a work file entry's Base: NoTranslation when m is nil or empty.
func TranslationHash(m *i18n.Message) string {
	if m == nil {
		return NoTranslation
	}
	h := sha256.New()
	empty := true
	for _, key := range messageKeys[1:] {
		if key == "hash" {
			continue
		}
		if v, ok := messageValue(m, key); ok && v != "" {
			fmt.Fprintf(h, "%s=%q\n", key, v)
			empty = false
		}
	}
	if empty {
		return NoTranslation
	}
	return fmt.Sprintf("%x", h.Sum(nil))[:16]
}

// ReadWorkFile reads the work file at path.
func ReadWorkFile(path string) (*WorkFile, error) {
	data, err := input.ReadFile(path, input.Locale)
	if err != nil {
		return nil, err
	}
	return ParseWorkFile(path, data)
}

// ParseWorkFile parses the work file data read from path. Its name must be
// <name>.<lang>.toml, like the message file it belongs to.
func ParseWorkFile(path string, data []byte) (*WorkFile, error) {
	f, err := ParseFile(path, data)
	if err != nil {
		return nil, err
	}
	w := &WorkFile{Path: path, Name: baseName(path), Lang: f.Lang}
	lines := splitLines(data)
	for _, l := range lines {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			break
		}
		w.Header = append(w.Header, l)
	}
	for _, s := range scanLayout(lines) {
		m := f.Messages[strings.TrimPrefix(s.id, w.Name+".")]
		if m == nil {
			continue
		}
		e := &WorkEntry{Message: m.Message, Pos: diag.Pos{File: path, Line: s.header + 1, Column: 1}}
		first := s.comments
		if first < len(w.Header) {
			first = len(w.Header) // the file's header is no entry's comment
		}
		for _, l := range lines[first:s.end] {
			switch {
			case sameLine.MatchString(l):
				e.Same = true
			case waiverLine.MatchString(l):
				e.Waivers = append(e.Waivers, strings.TrimSpace(l))
			case reviewLine.MatchString(l):
				e.Review = cmp.Or(strings.TrimSpace(reviewLine.FindStringSubmatch(l)[1]), "memory")
			case baseLine.MatchString(l):
				e.Base = baseLine.FindStringSubmatch(l)[1]
			}
		}
		w.Entries = append(w.Entries, e)
	}
	return w, nil
}

// Entry returns the entry of message id, or nil.
func (w *WorkFile) Entry(id string) *WorkEntry {
	i := slices.IndexFunc(w.Entries, func(e *WorkEntry) bool { return e.ID == id })
	if i < 0 {
		return nil
	}
	return w.Entries[i]
}

// Bytes writes the work file: its header, then each entry as a table. A
// description of more than one line is written as a multi-line string.
func (w *WorkFile) Bytes() []byte {
	var b strings.Builder
	for _, l := range w.Header {
		b.WriteString(l + "\n")
	}
	for _, e := range w.Entries {
		b.WriteString("\n")
		if e.Same {
			b.WriteString(SameComment + "\n")
		}
		for _, l := range e.Waivers {
			b.WriteString(l + "\n")
		}
		if e.Base != "" {
			b.WriteString("# fsn:base " + e.Base + "\n")
		}
		if e.Review != "" {
			b.WriteString(ReviewComment + " " + e.Review + ": pre-filled from the translation memory; check it, then delete this line\n")
		}
		fmt.Fprintf(&b, "[%s]\n", tomlTableKey(FileMessageID(baseName(w.Path), e.ID)))
		if e.Description != "" {
			fmt.Fprintf(&b, "description = %s\n", tomlLiteral(e.Description))
		}
		for _, key := range messageKeys[1:] {
			if v, ok := messageValue(e.Message, key); ok {
				fmt.Fprintf(&b, "%s = %s\n", key, tomlText(v))
			}
		}
	}
	return []byte(b.String())
}

// tomlLiteral writes s as a TOML literal string, which shows every character
// as it is, without escaping backslashes ('Actions for target group "users"'):
// multi-line when s has line feeds. A text a literal string cannot hold (one
// with an apostrophe, or another control character) is written by tomlText.
// Only texts the translator reads, not writes, are literal strings: typing an
// apostrophe into one would end it.
func tomlLiteral(s string) string {
	if strings.ContainsFunc(s, func(r rune) bool { return r == '\'' || (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f }) {
		return tomlText(s)
	}
	if strings.Contains(s, "\n") {
		return "'''\n" + s + "'''"
	}
	return "'" + s + "'"
}

// tomlText writes s as a TOML basic string, multi-line when s has line feeds.
func tomlText(s string) string {
	if !strings.Contains(s, "\n") {
		return tomlString(s)
	}
	var b strings.Builder
	b.WriteString(`"""` + "\n")
	quotes := 0 // unescaped quotes just written
	for i, r := range s {
		switch {
		case r == '"' && (quotes == 2 || i == len(s)-1):
			b.WriteString(`\"`) // a third quote, or a last one, would close the string
			quotes = 0
		case r == '"':
			b.WriteRune(r)
			quotes++
		case r == '\n':
			b.WriteRune(r)
			quotes = 0
		default:
			q := tomlString(string(r))
			b.WriteString(q[1 : len(q)-1])
			quotes = 0
		}
	}
	return b.String() + `"""`
}
