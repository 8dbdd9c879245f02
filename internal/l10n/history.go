package l10n

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// HistoryName is the file, directly in the locales folder, where fsn keeps the
// source texts that translations are made from. Its content is TOML, but its
// name is not *.toml: go-i18n's loader and `goi18n merge $(find locales -name
// '*.toml')` take every such file for a message file, and the history is none.
const HistoryName = "sources.history"

// OldHistoryName is where fsn kept the history before: LoadHistory still reads
// it when there is no HistoryName, and the next Save moves it to HistoryName.
const OldHistoryName = "sources.toml"

// History remembers source texts by their go-i18n hash. A translation records
// only the hash of its source; with the history, the source text a stale
// translation was made from can be shown beside the new one.
type History struct {
	path string
	// old is the file of the old name that the history was read from, to
	// remove once the history is saved under its new name; else "".
	old   string
	texts map[string]Source
}

// Source is a source text as the history keeps it.
type Source struct {
	ID          string `toml:"id"`
	Description string `toml:"description"`
	Text        string `toml:"text"`
	// Forms holds a label's plural forms other than "other", which is Text.
	Forms map[string]string `toml:"forms,omitempty"`
}

// SourceOf returns the history's record of the source message m.
func SourceOf(m *i18n.Message) Source {
	s := Source{ID: m.ID, Description: m.Description, Text: m.Other}
	for _, form := range PluralCategories {
		if v := PluralText(m, form); v != "" && form != "other" {
			if s.Forms == nil {
				s.Forms = map[string]string{}
			}
			s.Forms[form] = v
		}
	}
	return s
}

// Message returns the source as a go-i18n message.
func (s Source) Message() *i18n.Message {
	m := &i18n.Message{ID: s.ID, Description: s.Description, Other: s.Text}
	for form, v := range s.Forms {
		SetPluralText(m, form, v)
	}
	return m
}

// Hash returns the hash of the source, as MessageHash gives it.
func (s Source) Hash() string { return MessageHash(s.Message()) }

// LoadHistory reads the history of the locales folder dir, from HistoryName or,
// when there is none, from OldHistoryName; a folder without either has an
// empty history. Save removes a file of the old name.
func LoadHistory(dir string) (*History, error) {
	h := &History{path: filepath.Join(dir, HistoryName), texts: map[string]Source{}}
	path := h.path
	data, err := input.ReadFile(path, input.Locale)
	if errors.Is(err, fs.ErrNotExist) {
		path = filepath.Join(dir, OldHistoryName)
		data, err = input.ReadFile(path, input.Locale)
		if errors.Is(err, fs.ErrNotExist) {
			return h, nil
		}
		h.old = path
	} else if _, serr := os.Stat(filepath.Join(dir, OldHistoryName)); serr == nil {
		h.old = filepath.Join(dir, OldHistoryName) // left behind, say by a checkout: Save removes it
	}
	if err != nil {
		return nil, err
	}
	if err := input.UTF8(path, data); err != nil {
		return nil, err
	}
	if err := input.TOML(path, data); err != nil {
		return nil, err
	}
	if _, err := toml.Decode(string(data), &h.texts); err != nil {
		pos := diag.Pos{File: path}
		if pe, ok := err.(toml.ParseError); ok {
			pos.Line = pe.Position.Line
		}
		return nil, diag.Errorf(pos, "the source history is not valid TOML: %v; delete the file, fsn writes it anew", err)
	}
	return h, nil
}

// Lookup returns the source text whose hash is hash.
func (h *History) Lookup(hash string) (Source, bool) {
	s, ok := h.texts[hash]
	return s, ok
}

// Add remembers s.
func (h *History) Add(s Source) { h.texts[s.Hash()] = s }

// Save writes the history, keeping only the texts whose hash keep reports as
// still in use: a current source, or the source of a translation or work file
// entry. It writes nothing when that leaves the file as it was. A history read
// from OldHistoryName is written to HistoryName, and a file of the old name removed.
// It returns the path of the file it wrote and of the file it removed, or "".
func (h *History) Save(keep func(hash string) bool) (wrote, removed string, err error) {
	var hashes []string
	for hash := range h.texts {
		if keep(hash) {
			hashes = append(hashes, hash)
		}
	}
	sort.Slice(hashes, func(i, j int) bool {
		a, b := h.texts[hashes[i]], h.texts[hashes[j]]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return hashes[i] < hashes[j]
	})
	var b strings.Builder
	b.WriteString("# The source texts that translations were made from, by their go-i18n hash. fsn l10n keeps this\n" +
		"# file so that `fsn l10n sync` can show a stale translation's old source beside the new one. Do not edit.\n")
	for _, hash := range hashes {
		s := h.texts[hash]
		fmt.Fprintf(&b, "\n[%s]\nid = %s\ndescription = %s\ntext = %s\n", tomlString(hash), tomlString(s.ID), tomlString(s.Description), tomlString(s.Text))
		if len(s.Forms) > 0 {
			var forms []string
			for _, form := range PluralCategories {
				if v, ok := s.Forms[form]; ok {
					forms = append(forms, form+" = "+tomlString(v))
				}
			}
			fmt.Fprintf(&b, "forms = { %s }\n", strings.Join(forms, ", "))
		}
	}
	if old, err := os.ReadFile(h.path); err != nil || string(old) != b.String() {
		if err := WriteFileAtomic(h.path, []byte(b.String())); err != nil {
			return "", "", err
		}
		wrote = h.path
	}
	if h.old != "" {
		if err := os.Remove(h.old); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return wrote, "", fmt.Errorf("cannot remove %s, the history's old name, after writing %s: %w", h.old, h.path, err)
		}
		removed, h.old = h.old, ""
	}
	return wrote, removed, nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder, so that path holds either its old or its new content.
func WriteFileAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot create the folder of %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
