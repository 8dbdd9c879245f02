package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/termbase"
)

// A build reuses an edition of the previous build when nothing it is made from
// changed. What it is made from is named by its key, which the build record
// keeps with the edition (record.Edition.Key): the SHA-256 of the generator
// and of the fsn program itself,
// the options that shape the files (the creation time, the signing
// certificate, location and timestamp authority), and the name and hash of
// every input of the edition: the notice, its translation into the edition's
// language, that language's labels and the source language's (against which a
// translation's labels are checked), the termbase the checks use, the notice's images, the templates, the PDF style, its fonts
// and logo. Only when the key is the previous build's, and the previous folder
// holds the files with the sizes and hashes its record gives, are the files
// taken as they are: a signed PDF then keeps its signature and its bytes.

// programHash is the SHA-256 of the running fsn binary, part of every key: a
// changed program may render the same inputs otherwise, even under the same
// version number (a development build). "" when the binary cannot be read,
// which makes every key new.
var programHash = sync.OnceValue(func() string {
	path, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
})

// inputHashes remembers the hash of each input file a build reads, so that the
// templates and fonts every notice shares are read and hashed once per build.
// It is safe for use by several goroutines.
type inputHashes struct {
	mu    sync.Mutex
	files map[string]*record.File // by path; nil for a file that cannot be read
}

func newInputHashes() *inputHashes { return &inputHashes{files: map[string]*record.File{}} }

// file returns the recorded form of the input at path, named name, or nil
// when it cannot be read.
func (h *inputHashes) file(path, name string) *record.File {
	h.mu.Lock()
	f, ok := h.files[path]
	h.mu.Unlock()
	if !ok {
		if data, err := input.ReadFile(path, input.Recorded); err == nil {
			rf := record.NewFile(name, data)
			f = &rf
		}
		h.mu.Lock()
		h.files[path] = f
		h.mu.Unlock()
	}
	return f
}

// forget drops the hashes of the files at paths, so that a build does not
// keep those of every notice's own files (its notice.yaml, translations and
// images) once the notice is built: about 7 KB per notice in 27 languages.
func (h *inputHashes) forget(paths []string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, p := range paths {
		delete(h.files, p)
	}
}

// ownInputs returns the paths of the inputs of n that no other notice
// shares: its notice.yaml, its translations and its images.
func (b *builder) ownInputs(n *notice.Notice) []string {
	paths := []string{n.File}
	for _, lang := range n.Languages {
		if lang != n.SourceLanguage {
			paths = append(paths, b.catalog.FilePath(lang, n.ID))
		}
	}
	for _, img := range n.Images() {
		paths = append(paths, n.ImagePath(img))
	}
	return paths
}

// editionInputs returns the paths of the inputs of the edition of n named
// tag, sorted, once each: a country's edition (fr-CH) reads its language's files.
func (b *builder) editionInputs(n *notice.Notice, tag string) []string {
	lang := tag
	if e, ok := n.Edition(tag); ok {
		lang = e.Lang
	}
	paths := []string{n.File, b.catalog.FilePath(lang, l10n.LabelsName), b.catalog.FilePath(n.SourceLanguage, l10n.LabelsName)}
	if lang != n.SourceLanguage {
		paths = append(paths, b.catalog.FilePath(lang, n.ID))
	}
	// The termbase is no input of the files, but of the checks they pass.
	paths = append(paths, b.opts.LocalesDir.File(termbase.FileName))
	for _, img := range n.Images() {
		paths = append(paths, n.ImagePath(img))
	}
	paths = append(paths, b.tmpl.Files()...)
	slices.Sort(paths)
	return slices.Compact(paths)
}

// editionKey returns the key of an edition whose inputs are paths (see above).
func (b *builder) editionKey(paths []string) string {
	program := programHash()
	if program == "" {
		return "" // no key: nothing is reused
	}
	h := sha256.New()
	fmt.Fprintf(h, "generator %q %s\ntime %d\n", b.generator(), program, b.opts.Time.Unix())
	if s := b.opts.Signer; s != nil {
		cert := sha256.Sum256(s.Certificate().Raw)
		fmt.Fprintf(h, "signer %x\nlocation %q\ntsa %q\n", cert, b.opts.Signing.Location, b.opts.Signing.TSAURL)
		if !b.opts.Signing.Time.IsZero() {
			fmt.Fprintf(h, "signed %d\n", b.opts.Signing.Time.Unix())
		}
	}
	for _, p := range paths {
		name := check.RecordName(b.opts.Root, p)
		if f := b.hashes.file(p, name); f != nil {
			fmt.Fprintf(h, "input %q %s\n", name, f.SHA256)
		} else {
			fmt.Fprintf(h, "input %q missing\n", name)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// previous is what the out folder holds of a notice from an earlier build.
type previous struct {
	dir     string         // the notice's folder in out/, "" when there is none
	rec     *record.Record // its build record, nil when there is none or it cannot be read
	recData []byte         // the record as written
}

// previousBuild returns the previous build of notice id in out, which may be
// nil. A folder
// fsn may not replace is reported when the build writes it, not here.
func previousBuild(out *outdir.Dir, id string) previous {
	if out == nil {
		return previous{} // no out folder yet
	}
	dir, err := out.Entry(id, record.Name(id))
	if err != nil || dir == "" {
		return previous{}
	}
	p := previous{dir: dir}
	data, err := outdir.ReadFile(filepath.Join(dir, record.Name(id)))
	if err != nil {
		return p
	}
	rec := new(record.Record)
	if json.Unmarshal(data, rec) == nil {
		p.rec, p.recData = rec, data
	}
	return p
}

// reuse returns the files of the previous build's edition of lang in the
// formats asked for, when its key is key and the folder holds each of them as
// the record describes it; else nil.
func (p previous) reuse(lang, key string, names []string) (*record.Edition, map[string][]byte) {
	if p.rec == nil {
		return nil, nil
	}
	old := p.rec.Edition(lang)
	if old == nil || key == "" || old.Key != key {
		return nil, nil
	}
	ed := &record.Edition{Lang: lang, Key: key, Messages: old.Messages}
	files := map[string][]byte{}
	for _, name := range names {
		f := p.rec.File(lang, name)
		if f == nil {
			return nil, nil
		}
		data, err := outdir.ReadFile(filepath.Join(p.dir, name))
		if err != nil || len(data) != f.Size || record.Hash(data) != f.SHA256 {
			return nil, nil // changed or damaged since: build it again
		}
		ed.Files = append(ed.Files, *f)
		files[name] = data
	}
	return ed, files
}

// read reads what building an edition of n takes that a build with no change
// does not: the labels of every language and the coverage of the PDF fonts,
// once per build, and the translations of n. An edition taken from the
// previous build needs none of them: its key proves its inputs are those it
// was checked and built from. It reports whether it read any translation of
// n, which the catalog did not hold.
func (b *builder) read(n *notice.Notice) (read bool, err error) {
	if b.checker == nil {
		if err := b.catalog.ReadNamed(b.account, l10n.LabelsName); err != nil {
			return false, err
		}
		var fonts *render.Coverage // a character the PDF cannot draw is refused only in a build of PDFs
		if slices.Contains(b.formats, PDF) {
			if fonts, err = b.tmpl.PDFStyle.Coverage(); err != nil {
				return false, err
			}
		}
		b.checker = check.New(b.catalog).Fonts(fonts)
	}
	err = b.catalog.ReadNamed(func(lang, name, path string) bool {
		read = true
		return b.account(lang, name, path)
	}, n.ID)
	return read, err
}

// account is the filter for Catalog.ReadNamed that takes every file and
// counts it as accounted for.
func (b *builder) account(_, _, path string) bool {
	b.accounted[path] = true
	return true
}

// readUnaccounted reads the locale files of the project that no edition was
// built from nor taken by its key, such as the translation of a notice not
// built or the labels of a language no notice has: a file that does not parse
// fails the build as it would if every edition were built. The labels fsn
// ships are part of the program, whose hash is in every key.
func (b *builder) readUnaccounted() error {
	return b.catalog.Read(func(_, _, path string) bool {
		return !b.accounted[path] && !input.IsEmbedded(path)
	})
}
