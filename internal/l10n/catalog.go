// Package l10n turns a source notice into localised editions, one per language,
// from go-i18n message files. It never falls back to another language: a message
// missing in the edition's language is an error that names the language, the
// message id and the file the message belongs in.
//
// The locales folder holds one folder per language:
//
//	locales/it/labels.it.toml          the templates' labels (headings, "page 2 of 3", …)
//	locales/it/iqwebx-2017-11.it.toml  the translation of notice iqwebx-2017-11
//
// Both are ordinary go-i18n TOML message files: go-i18n's loader and `goi18n merge`
// read them, and the language tag in the file name must match the folder. Each
// message of a file is named after the file ([labels.title],
// [iqwebx-2017-11.subject]; see FileMessageID), so one go-i18n bundle loads
// every file of a language without a collision; fsn names a message by the id
// after that prefix ("title", "subject").
//
// The translator's workflow keeps two more kinds of file there, which Load never
// takes for message files: work files of the messages to translate, in a folder
// of the language's (locales/it/translate/iqwebx-2017-11.it.toml, see WorkFile),
// and the history of the source texts, locales/sources.history (see History).
package l10n

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	gotoml "github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/parallel"
	"github.com/fsn-tool/fsn/internal/project"
)

// LabelsName is the base name of the message file that holds the templates' labels:
// no notice can have it as its id.
const LabelsName = notice.ReservedID

// Catalog holds the message files of a locales folder. One that Load made
// holds every file; one that Index.Catalog made holds those read since.
type Catalog struct {
	// Dir is the locales folder, over the labels fsn ships.
	Dir   project.Dir
	files map[string]map[string]*File // language → base name → file
	index *Index                      // every file of Dir, read or not
	// localizers are the labels' localizers, made once (see Catalog.localizer).
	localizers sync.Map
}

// File is one go-i18n message file.
type File struct {
	Path string
	// Lang is the language tag from the file name, such as "it".
	Lang     string
	Messages map[string]*Message
	// Data is the file as read, kept for the checks that look at its text.
	Data []byte
}

// Message is one message of a file, with the line where its table starts.
type Message struct {
	*i18n.Message
	Pos diag.Pos
}

// Load reads every *.toml file below dir/<lang>/, the project's files and
// fsn's shipped labels that none of them overrides. A file that does not
// parse, or whose name does not carry its folder's language, is an error with
// its position.
func Load(dir project.Dir) (*Catalog, error) {
	x, errs, err := scan(dir)
	if err != nil {
		return nil, err
	}
	c := x.Catalog()
	errs = append(errs, diag.From(c.Read(func(string, string, string) bool { return true }))...)
	if len(errs) > 0 {
		return nil, errs
	}
	return c, nil
}

// Index lists the message files of a locales folder, without reading them:
// what a build needs to know which files an edition is made from before it
// reads any.
type Index struct {
	dir   project.Dir
	langs []string                     // with a folder, sorted
	paths map[string]map[string]string // language → base name → path
	all   [][2]string                  // language and path of every file, in the order Load reads them
	named map[string][][2]string       // base name → the entries of all of that name, in its order
}

// Scan lists the *.toml files below dir/<lang>/ as Load would read them. A
// language folder that is not a language tag, or cannot be read, is an error.
func Scan(dir project.Dir) (*Index, error) {
	x, errs, err := scan(dir)
	if err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return x, nil
}

// scan is Scan, which also returns the index of the folders it could read
// beside the errors of the others; err is a locales folder that cannot be read.
func scan(dir project.Dir) (x *Index, errs diag.List, err error) {
	x = &Index{dir: dir, paths: map[string]map[string]string{}, named: map[string][][2]string{}}
	langDirs, err := dir.ReadDir(".", "locales folder")
	if err != nil {
		return nil, nil, err
	}
	for _, ld := range langDirs {
		if !ld.IsDir() {
			continue
		}
		lang := ld.Name()
		if tag, err := language.Parse(lang); err != nil || tag.String() != lang {
			errs.Errorf(diag.Pos{File: filepath.Join(dir.Path, lang)}, "locale folder %q is not a BCP 47 language tag; name it like \"it\" or \"pt-BR\"", lang)
			continue
		}
		paths, err := tomlFiles(dir, lang)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		x.langs = append(x.langs, lang)
		x.paths[lang] = map[string]string{}
		for _, p := range paths {
			name := baseName(p)
			x.paths[lang][name] = p
			x.all = append(x.all, [2]string{lang, p})
			x.named[name] = append(x.named[name], [2]string{lang, p})
		}
	}
	sort.Strings(x.langs)
	return x, errs, nil
}

// Catalog returns a catalog of the folder with no file read yet; Read reads
// them. Its FilePath knows every file already.
func (x *Index) Catalog() *Catalog {
	return &Catalog{Dir: x.dir, files: map[string]map[string]*File{}, index: x}
}

// Read reads into c the files of its folder for which keep, given the
// language folder, the base name and the path, returns true, and that c does
// not hold yet. A file that does not parse, or whose name does not carry its
// folder's language, is an error with its position. c must not be in use
// meanwhile.
func (c *Catalog) Read(keep func(lang, name, path string) bool) error {
	if c.index == nil {
		return nil // Load read every file
	}
	return c.read(c.index.all, keep)
}

// ReadNamed is Read of the files of the base names given alone, such as the
// translations of a few notices: it looks at those files only, not at every
// file of the folder, so that a build or a check reading each notice's in
// turn takes time in proportion to the number of notices, not its square.
func (c *Catalog) ReadNamed(keep func(lang, name, path string) bool, names ...string) error {
	if c.index == nil {
		return nil
	}
	var files [][2]string
	for _, name := range names {
		files = append(files, c.index.named[name]...)
	}
	slices.SortFunc(files, func(a, b [2]string) int { // in the order of the index
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	return c.read(files, keep)
}

// read is Read of the files listed, each a language and a path, in the
// order of the index.
func (c *Catalog) read(files [][2]string, keep func(lang, name, path string) bool) error {
	// The files are chosen, read side by side, then taken in the order of
	// the index, so that the problems are reported in that order.
	type read struct {
		lang, name, path string
		file             *File
		err              error
	}
	var reads []*read
	for _, lp := range files {
		lang, p := lp[0], lp[1]
		name := baseName(p)
		if f := c.files[lang][name]; (f != nil && f.Path == p) || !keep(lang, name, p) {
			continue
		}
		reads = append(reads, &read{lang: lang, name: name, path: p})
	}
	parallel.For(len(reads), func(i int) { reads[i].file, reads[i].err = ReadFile(reads[i].path) })
	var errs diag.List
	for _, r := range reads {
		lang, name, p, f, err := r.lang, r.name, r.path, r.file, r.err
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		if f.Lang != lang {
			errs.Errorf(diag.Pos{File: p}, "the file name says language %q but it is in folder %q; name it <name>.%s.toml", f.Lang, lang, lang)
			continue
		}
		if c.index.paths[lang][name] != p {
			continue // another file of the name takes its place, as in Load
		}
		if c.files[lang] == nil {
			c.files[lang] = map[string]*File{}
		}
		c.files[lang][name] = f
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Forget drops from c the files of base name name in every language, so that
// a build holds the translations of one notice at a time; FilePath still
// knows where they are. c must not be in use meanwhile.
func (c *Catalog) Forget(name string) {
	for _, byName := range c.files {
		delete(byName, name)
	}
}

// tomlFiles returns the *.toml files of the folder lang of dir, sorted. A
// folder that cannot be read is an error, not a folder without files.
func tomlFiles(dir project.Dir, lang string) ([]string, error) {
	entries, err := dir.ReadDir(lang, "locale folder")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".toml") {
			paths = append(paths, dir.File(lang+"/"+e.Name()))
		}
	}
	return paths, nil
}

// baseName returns "iqwebx-2017-11" for ".../iqwebx-2017-11.it.toml".
func baseName(path string) string {
	name := filepath.Base(path)
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return name
}

// ReadFile parses one go-i18n TOML message file.
func ReadFile(path string) (*File, error) {
	data, err := input.ReadFile(path, input.Locale)
	if err != nil {
		return nil, err
	}
	return ParseFile(path, data)
}

// ParseFile parses the go-i18n TOML message file data read from path. Bytes
// that are not UTF-8, arrays nested deeper than input.MaxDepth and messages
// longer than input.MaxText are errors at their place.
func ParseFile(path string, data []byte) (*File, error) {
	if err := input.UTF8(path, data); err != nil {
		return nil, err
	}
	if err := input.TOML(path, data); err != nil {
		return nil, err
	}
	mf, err := i18n.ParseMessageFileBytes(data, path, map[string]i18n.UnmarshalFunc{"toml": unmarshalTOML})
	if err != nil {
		pos := diag.Pos{File: path}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			pos.Line, pos.Column = pe.Position.Line, pe.Position.Col
			return nil, diag.Unreadable(diag.Errorf(pos, "the locale file is not valid TOML: %s; fix the syntax on this line", pe.Message))
		}
		return nil, diag.Errorf(pos, "the locale file is not a go-i18n message file: %v; each message is a table such as [subject] with other = \"…\"", err)
	}
	if mf.Tag == language.Und {
		return nil, diag.Errorf(diag.Pos{File: path}, "the file name carries no language tag; name it <name>.<lang>.toml, such as labels.it.toml")
	}
	lines := messageLines(data)
	f := &File{Path: path, Lang: mf.Tag.String(), Messages: map[string]*Message{}, Data: data}
	name := baseName(path)
	var errs, unnamed diag.List
	for _, m := range mf.Messages {
		pos := diag.Pos{File: path, Line: lines[m.ID], Column: 1}
		id, ok := strings.CutPrefix(m.ID, name+".")
		if !ok || id == "" {
			unnamed.Errorf(pos, "message %q is not named after its file: every message of %s is %s.<id>, such as [%s.%s], so that one go-i18n bundle can hold every file of a language without two messages of one id; rename it [%s]",
				m.ID, filepath.Base(path), name, name, exampleID(name), tomlTableKey(FileMessageID(name, m.ID)))
			continue
		}
		m.ID = id
		f.Messages[id] = &Message{Message: m, Pos: pos}
		for _, form := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			if len(form) > input.MaxText {
				errs.Errorf(pos, "message %q is %s long; a message may be at most %s: split the text in the source notice", m.ID, input.Size(int64(len(form))), input.Size(input.MaxText))
				break
			}
		}
	}
	if other := commonPrefix(mf.Messages); len(f.Messages) == 0 && (other != "" || len(unnamed) > 1) {
		// No message is named after the file: one error, not one per message.
		unnamed.Sort()
		if other != "" {
			return nil, diag.Errorf(diag.Pos{File: path, Line: 1}, "the messages of %s are named after %q, not after the file: is it the file of %s under another name? Name it %s.%s.toml, or rename each table [%s.id] to [%s.id]",
				filepath.Base(path), other, other, other, f.Lang, other, name)
		}
		return nil, diag.Errorf(unnamed[0].Pos, "no message of %s is named after the file: every message is %s.<id>, such as [%s.%s], so that one go-i18n bundle can hold every file of a language without two messages of one id; rename each table [id] to [%s.id] (sed -i 's/^\\[/[%s./' %s does it for a file of tables)",
			filepath.Base(path), name, name, exampleID(name), name, name, path)
	}
	errs = append(errs, unnamed...)
	if len(errs) > 0 {
		errs.Sort()
		return nil, errs
	}
	return f, nil
}

// unmarshalTOML decodes a TOML message file with go-toml, which reads one in
// a quarter of the time BurntSushi/toml takes. A file go-toml refuses is
// decoded by BurntSushi/toml, fsn's TOML library, so that what fsn reads and
// the errors it reports stay BurntSushi/toml's: go-toml is the stricter of
// the two (it refuses a table defined by dotted keys, then by its header),
// and both read TOML 1.1. TestTOMLDecodersAgree checks that they decode the
// same values.
func unmarshalTOML(data []byte, v any) error {
	if gotoml.Unmarshal(data, v) == nil {
		return nil
	}
	if p, ok := v.(*any); ok {
		*p = nil // what go-toml decoded before it stopped
	}
	return toml.Unmarshal(data, v)
}

// FileMessageID is the id that message id of the message file name (a
// notice id, or LabelsName) has in the file and in a go-i18n bundle:
// "iqwebx-2017-11.subject", "labels.attention". Each file's messages are named
// after the file, so the label "attention" and a notice's message "attention",
// or two notices' "subject", never share an id when one go-i18n bundle loads
// every file of a language (as `goi18n merge $(find locales -name '*.toml')`
// does). Everything else in fsn names a message by its id within its file.
func FileMessageID(name, id string) string { return name + "." + id }

// commonPrefix returns the first part of the ids of messages, the name of
// the file they were named after, when they all have the same one; else "".
func commonPrefix(messages []*i18n.Message) string {
	prefix := ""
	for _, m := range messages {
		first, _, ok := strings.Cut(m.ID, ".")
		if !ok || prefix != "" && first != prefix {
			return ""
		}
		prefix = first
	}
	return prefix
}

// exampleID is a message id of the file name, for an error message.
func exampleID(name string) string {
	if name == LabelsName {
		return "title"
	}
	return "subject"
}

// messageLines finds the line on which each message of a TOML message file starts:
// its [table] header, or its "id = …" line. The TOML decoder keeps no positions.
func messageLines(data []byte) map[string]int {
	lines := map[string]int{}
	table := ""
	for n, rest := 1, data; len(rest) > 0; n++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimSpace(line) // only the keys are made strings
		switch {
		case bytes.HasPrefix(line, []byte("[")) && !bytes.HasPrefix(line, []byte("[[")):
			end := bytes.LastIndexByte(line, ']')
			if end < 0 {
				continue
			}
			table = tomlKey(string(line[1:end]))
			if _, ok := lines[table]; !ok {
				lines[table] = n
			}
		case bytes.IndexByte(line, '=') >= 0:
			key := tomlKey(string(line[:bytes.IndexByte(line, '=')]))
			if key == "" || isReservedKey(key) {
				continue
			}
			id := key
			if table != "" {
				id = table + "." + key
			}
			if _, ok := lines[id]; !ok {
				lines[id] = n
			}
		}
	}
	return lines
}

// tomlKey turns a dotted TOML key, bare or quoted, into a go-i18n message id.
func tomlKey(s string) string {
	s = strings.TrimSpace(s)
	if isBareKey(s) {
		return s // dotted or not, as most keys are
	}
	var parts []string
	for _, p := range strings.Split(s, ".") {
		p = strings.TrimSpace(p)
		if u, err := strconv.Unquote(p); err == nil {
			p = u
		}
		parts = append(parts, strings.Trim(p, "'"))
	}
	return strings.Join(parts, ".")
}

// isBareKey reports whether s is made of TOML bare keys and dots alone, and
// so is its own tomlKey.
func isBareKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func isReservedKey(k string) bool {
	switch strings.ToLower(k) {
	case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
		return true
	}
	return false
}

// Languages returns the languages that have a locale folder with a message
// file, sorted.
func (c *Catalog) Languages() []string {
	langs := make([]string, 0, len(c.files))
	for l, byName := range c.files {
		if len(byName) > 0 || (c.index != nil && len(c.index.paths[l]) > 0) {
			langs = append(langs, l)
		}
	}
	if c.index != nil {
		for _, l := range c.index.langs {
			if len(c.index.paths[l]) > 0 && c.files[l] == nil {
				langs = append(langs, l)
			}
		}
	}
	sort.Strings(langs)
	return langs
}

// File returns the message file <name>.<lang>.toml, or nil.
func (c *Catalog) File(lang, name string) *File {
	return c.files[lang][name]
}

// FilePath returns where the message file <name>.<lang>.toml is or belongs.
func (c *Catalog) FilePath(lang, name string) string {
	if f := c.File(lang, name); f != nil {
		return f.Path
	}
	if c.index != nil {
		return c.index.FilePath(lang, name)
	}
	return filepath.Join(c.Dir.Path, lang, fmt.Sprintf("%s.%s.toml", name, lang))
}

// FilePath returns where the message file <name>.<lang>.toml is or belongs,
// as Catalog.FilePath does.
func (x *Index) FilePath(lang, name string) string {
	if p, ok := x.paths[lang][name]; ok {
		return p
	}
	return filepath.Join(x.dir.Path, lang, fmt.Sprintf("%s.%s.toml", name, lang))
}

// WithFile returns a copy of the catalog in which f takes the place of the
// message file of its language and name: the catalog a change to f would give,
// to check it before it is written.
func (c *Catalog) WithFile(f *File) *Catalog {
	files := make(map[string]map[string]*File, len(c.files)+1)
	for lang, byName := range c.files {
		files[lang] = maps.Clone(byName)
	}
	if files[f.Lang] == nil {
		files[f.Lang] = map[string]*File{}
	}
	files[f.Lang][baseName(f.Path)] = f
	return &Catalog{Dir: c.Dir, files: files, index: c.index}
}
