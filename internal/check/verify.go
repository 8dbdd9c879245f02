package check

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/parallel"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/sign"
)

// EditionFormats are the formats of the editions Verify reads, as their file names end.
var EditionFormats = []string{"md", "html", "pdf"}

// VerifyOptions say which editions Verify reads and where.
type VerifyOptions struct {
	OutDir string
	// TemplatesDir holds the templates the editions were built with: Verify renders
	// the Markdown edition again to know what each list of steps must hold, and
	// reads the PDF style's margins, in which the running header and the footer sit.
	TemplatesDir project.Dir
	// Root is the project's root folder, against which the build record names
	// its inputs (see build.Options.Root); "" for the current folder.
	Root string
	// Languages and Formats limit the editions read; empty means all.
	Languages []string
	Formats   []string
	// Trust, when set, holds the roots every PDF signature must chain to.
	Trust *x509.CertPool
	// RequireSignature makes an unsigned PDF an error, as when publishing, and
	// one signed with the development certificate.
	RequireSignature bool
	// SignedBy is the certificate a build signed the PDFs with, when an
	// EditionVerifier is told that the build verified a PDF's signature
	// (build.Made.Signed): sign.Verify would find what the build found, so
	// the signature is not verified again. Its certificate is still checked
	// against the signatory.
	SignedBy *x509.Certificate
	// ReadTranslations says the catalog holds the labels alone: Verify reads
	// the translations of a few notices at a time and forgets them after, so
	// that its memory does not grow with the number of notices. It then reads
	// every other file of the catalog's folder, so that one that does not parse
	// is an error, as it is for l10n.Load.
	ReadTranslations bool
}

// Verify reads back the editions of notices in opts.OutDir. For every language
// and format it checks that the edition exists, that it is the file the build
// wrote (size and SHA-256 as the build record has them), and that the build read
// the sources as they are now. From an edition built from the current sources,
// it then reads every list of steps (from the Markdown's goldmark tree, the
// HTML's elements, the PDF's text) and checks that the list has the source's
// steps in the source's order, each with the tokens of its source text.
//
// The error is for inputs Verify cannot read at all: the templates, an out
// folder that does not exist, or, with ReadTranslations, a locale file that
// does not parse.
func Verify(notices []*notice.Notice, c *l10n.Catalog, opts VerifyOptions) (*Report, error) {
	return VerifyList(notice.Held(notices), c, opts)
}

// VerifyList is Verify of the notices of a list, which it takes a few at a
// time: a list of folders (notice.NewList) is not held whole while the
// editions are read.
func VerifyList(notices *notice.List, c *l10n.Catalog, opts VerifyOptions) (*Report, error) {
	if _, err := os.Stat(opts.OutDir); err != nil {
		return nil, diag.Unreadable(diag.Errorf(diag.Pos{File: opts.OutDir}, "cannot read the out folder (%v); run fsn build, or name the folder with --out", diag.Cause(err)))
	}
	tmpl, err := render.LoadTemplates(opts.TemplatesDir)
	if err != nil {
		return nil, err
	}
	formats := opts.Formats
	if len(formats) == 0 {
		formats = EditionFormats
	}
	// The editions are read side by side, each reporting into a Report of its
	// own, merged in the order of the notices and languages, so the report is
	// the same whatever finishes first.
	r := &Report{}
	terms, termsErr := loadTermbase(c.Dir)
	if termsErr != nil {
		r.Findings = append(r.Findings, termsErr)
	}
	hashes := &fileHashes{sums: map[string]fileSum{}}
	var errs diag.List
	done := map[string]bool{} // the paths read, with ReadTranslations
	for next := 0; next < notices.Len(); {
		batch, err := takeBatch(notices, &next)
		if errs = append(errs, diag.From(err)...); len(errs) > 0 {
			continue
		}
		var forget []string
		if opts.ReadTranslations {
			forget, err = readTranslations(c, batch, done)
			if errs = append(errs, diag.From(err)...); len(errs) > 0 {
				continue
			}
		}
		var jobs []*editionJob
		for _, n := range batch {
			v := &verifier{n: n, voc: newVocabulary(n, untranslated(terms, n.SourceLanguage)), catalog: c, tmpl: tmpl, report: &Report{}, dir: filepath.Join(opts.OutDir, n.ID), opts: opts, hashes: hashes}
			jobs = append(jobs, &editionJob{v: v}) // the notice's own findings, which prepare makes
			for _, lang := range v.prepare(opts.Languages) {
				jobs = append(jobs, &editionJob{v: v.forEdition(), lang: lang})
			}
		}
		parallel.For(len(jobs), func(i int) { jobs[i].run(formats) })
		for _, j := range jobs {
			r.merge(j.v.report)
			r.Editions = append(r.Editions, j.v.report.Editions...)
			r.Filled = append(r.Filled, j.v.report.Filled...)
		}
		for _, name := range forget {
			c.Forget(name)
		}
	}
	if opts.ReadTranslations {
		errs = append(errs, diag.From(readRest(c, done))...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	r.finish()
	return r, nil
}

// takeBatch takes from notices, from the index *next on, the notices whose
// translations number about readBatch files, at least one, and moves *next
// past them.
func takeBatch(notices *notice.List, next *int) ([]*notice.Notice, error) {
	var batch []*notice.Notice
	files := 0
	for *next < notices.Len() && files < readBatch {
		n, err := notices.Notice(*next)
		*next++
		if err != nil {
			return nil, err
		}
		batch = append(batch, n)
		files += len(n.Languages)
	}
	return batch, nil
}

// editionJob is the verification of one language of a notice, in every format.
type editionJob struct {
	v    *verifier
	lang string
	// ed, when set, is the edition localised as the build localised it.
	ed *l10n.Edition
}

func (j *editionJob) run(formats []string) {
	if j.lang == "" {
		return // the notice's own findings, which prepare made
	}
	// What the lists of steps must hold is known only for the sources the build read.
	var want []*wantList
	var box, contact *wantBox
	var figures []wantFigure
	if j.v.current {
		// The edition is localised once, for its lists, box, figures and contact.
		ed := j.ed
		var err error
		if ed == nil {
			ed, err = j.v.catalog.Localize(j.v.n, j.lang)
		}
		if err != nil {
			j.v.add(diag.Pos{File: j.v.n.File}, j.lang, ListMissing, "%s: cannot tell which steps the editions must hold, as the translation cannot be read (%v); run fsn check", j.lang, err)
		} else {
			want = j.v.wantLists(ed)
			box = j.v.wantBox(ed)
			figures = j.v.wantFigures(ed)
			contact = j.v.wantContact(ed)
		}
	}
	for _, f := range formats {
		j.v.edition(j.lang, f, want, box, contact, figures)
	}
}

// fileHashes remembers the SHA-256 of each input file Verify reads, so that
// the templates and fonts every notice shares are read once; it is safe for
// use by several goroutines.
type fileHashes struct {
	mu   sync.Mutex
	sums map[string]fileSum
}

type fileSum struct {
	sha256 string
	err    error
}

// sum returns the hash of the input at path, or why it cannot be read.
func (h *fileHashes) sum(path string) (string, error) {
	h.mu.Lock()
	s, ok := h.sums[path]
	h.mu.Unlock()
	if !ok {
		data, err := input.ReadFile(path, input.Recorded)
		s = fileSum{err: err}
		if err == nil {
			s.sha256 = record.Hash(data)
		}
		h.mu.Lock()
		h.sums[path] = s
		h.mu.Unlock()
	}
	return s.sha256, s.err
}

// verifier verifies the editions of one notice.
type verifier struct {
	n       *notice.Notice
	voc     *vocabulary
	catalog *l10n.Catalog
	tmpl    *render.Templates
	report  *Report
	dir     string
	rec     *record.Record
	opts    VerifyOptions
	hashes  *fileHashes
	// current is set when every input of the build record is as the build read it.
	current bool
	// built, when set, are the files of an edition as the build made them,
	// by name, which are verified instead of the files in dir; signed says
	// that the build verified the signature of its PDF (build.Made.Signed).
	built  map[string][]byte
	signed bool
}

// forEdition returns a verifier of the same notice that reports into a
// Report of its own.
func (v *verifier) forEdition() *verifier {
	e := *v
	e.report = &Report{}
	return &e
}

// add reports a finding of check.
func (v *verifier) add(pos diag.Pos, lang, check, format string, args ...any) {
	v.report.Findings = append(v.report.Findings, newFinding(pos, lang, "", check, format, args...))
}

// prepare reads the build record of the notice and checks its inputs, and
// returns the tags of the editions to verify (notice.Editions): those of
// langs, languages or tags, or all the notice's.
func (v *verifier) prepare(langs []string) []string {
	recPath := filepath.Join(v.dir, record.Name(v.n.ID))
	rec, err := record.Read(recPath)
	v.rec = rec
	if err != nil {
		v.rec = &record.Record{}
		v.add(diag.Pos{File: recPath}, "", RecordMissing, "%s: cannot read the build record (%v), so nothing shows which sources the editions were built from; run fsn build", v.n.ID, diag.Cause(err))
	}
	v.current = err == nil && v.inputsCurrent()
	var out []string
	for _, e := range v.n.Editions() { // --lang fr names every edition in French: fr-BE, fr-CH…
		if len(langs) == 0 || slices.ContainsFunc(langs, func(l string) bool {
			r, ok := v.n.EditionFor(l) // and fr-CH the one the Swiss read
			return l == e.Lang || ok && r.Tag == e.Tag
		}) {
			out = append(out, e.Tag)
		}
	}
	return out
}

// inputsCurrent reports whether every input of the build record is as the build
// read it, and whether the record lists every file that shapes the editions now
// (InputFiles): a logo or font named since, or by a record of an older fsn, is
// an input the build did not record.
func (v *verifier) inputsCurrent() bool {
	current := true
	recorded := map[string]bool{}
	for _, in := range v.rec.Inputs {
		path := ResolveRecorded(v.opts.Root, in.Name)
		recorded[absPath(path)] = true
		sum, err := v.hashes.sum(path)
		switch {
		case err != nil:
			current = false
			v.add(diag.Pos{File: path}, "", BuildStale, "%s: the build read this file, which cannot be read now (%v); run fsn build", v.n.ID, diag.Cause(err))
		case sum != in.SHA256:
			current = false
			v.add(diag.Pos{File: path}, "", BuildStale, "%s: changed after the editions were built; run fsn build", v.n.ID)
		}
	}
	for _, p := range InputFiles(v.n, v.catalog, v.tmpl) {
		if _, err := v.hashes.sum(p); err == nil && !recorded[absPath(p)] {
			current = false
			v.add(diag.Pos{File: p}, "", BuildStale, "%s: this file shapes the editions, but the build record does not list it, so nothing shows the editions were built from it as it is; run fsn build", v.n.ID)
		}
	}
	return current
}

// absPath returns path, as a record or the options name it, as an absolute path,
// so that "templates/logo.png" and "./templates/logo.png" are one file.
func absPath(path string) string {
	if input.IsEmbedded(path) {
		return path
	}
	abs, err := filepath.Abs(filepath.FromSlash(path))
	if err != nil {
		return path
	}
	return abs
}

// edition verifies the edition of lang in format f.
func (v *verifier) edition(lang, f string, want []*wantList, box, contact *wantBox, figures []wantFigure) {
	name := fmt.Sprintf("%s.%s.%s", v.n.ID, lang, f)
	path := filepath.Join(v.dir, name)
	pos := diag.Pos{File: path}
	data, err := v.read(path, name)
	if err != nil {
		v.add(pos, lang, EditionMissing, "%s: the %s edition cannot be read (%v); run fsn build", lang, formatName(f), diag.Cause(err))
		return
	}
	v.report.Editions = append(v.report.Editions, path)
	var sig *sign.Result
	if f == "pdf" {
		sig = v.signature(pos, lang, data)
	}
	changed := true
	if v.built != nil {
		changed = false // the file as it is made: its record is made from it
	} else if built := v.rec.File(lang, name); built == nil {
		if len(v.rec.Inputs) > 0 {
			v.add(pos, lang, EditionChanged, "%s: the build record does not list this file; it was not written by the last build", lang)
		}
	} else if filled(data, built, sig) {
		changed = false
		v.report.Filled = append(v.report.Filled, &FilledEdition{Path: path, Lang: lang, Fields: sig.FormFilled})
	} else if record.Hash(data) != built.SHA256 {
		what := "its content differs"
		if len(data) != built.Size {
			what = fmt.Sprintf("it has %d bytes, the build wrote %d", len(data), built.Size)
		}
		v.add(pos, lang, EditionChanged, "%s: the %s edition was changed after the build: %s; run fsn build", lang, formatName(f), what)
	} else {
		changed = false
	}
	if want == nil {
		return
	}
	e := parseEdition(f, data)
	if figures != nil && !changed && f != "pdf" { // a changed edition: edition-changed says enough
		v.compareFigures(pos, lang, f, figures, e, "")
	}
	var got *gotLists
	switch f {
	case "md":
		got = markdownLists(e.md, want)
	case "html":
		if err = e.htmlErr; err == nil {
			got = htmlLists(e.html)
		}
	case "pdf":
		var text *pdfText
		if text, err = readPDFText(data, v.tmpl.PDFStyle); err == nil {
			v.comparePDF(pos, lang, want, text)
			if figures != nil && !changed {
				v.compareFigures(pos, lang, f, figures, e, text.sq)
			}
			if box != nil {
				v.compareBox(pos, lang, f, box, text.sq)
			}
			if contact != nil {
				v.compareContact(pos, lang, f, contact, text.sq)
			}
			return
		}
	}
	switch {
	case err != nil && changed:
		return // what was changed cannot be read: edition-changed says enough
	case err != nil:
		v.add(pos, lang, ListMissing, "%s: the %s edition cannot be read (%v), so its lists of steps cannot be checked", lang, formatName(f), err)
		return
	}
	v.compareLists(pos, lang, f, want, got)
	if sq, err := editionText(f, e, nil); err == nil {
		if box != nil {
			v.compareBox(pos, lang, f, box, sq)
		}
		if contact != nil {
			v.compareContact(pos, lang, f, contact, sq)
		}
	}
}

// read returns the edition file name, at path: as the build made it, or as
// it is in the out folder.
func (v *verifier) read(path, name string) ([]byte, error) {
	if v.built == nil {
		return os.ReadFile(path)
	}
	if data, ok := v.built[name]; ok {
		return data, nil
	}
	return nil, fmt.Errorf("the build made no %s", name)
}

// editionFile is an edition's file as read, its Markdown or HTML parsed once
// for every comparison that reads it: the lists, the figures, the box and the
// contact.
type editionFile struct {
	data    []byte
	md      *render.Document // the Markdown edition's tree
	html    *html.Node       // the HTML edition's
	htmlErr error            // why the HTML edition cannot be parsed
}

// parseEdition parses the edition data in format f; a PDF is read by the
// comparisons themselves.
func parseEdition(f string, data []byte) *editionFile {
	e := &editionFile{data: data}
	switch f {
	case "md":
		e.md = render.Parse(data)
	case "html":
		e.html, e.htmlErr = html.Parse(bytes.NewReader(data))
	}
	return e
}

// filled reports whether data is the PDF edition the build wrote, built,
// followed by incremental updates that only fill in its reply form, as its
// signature sig, which verified, says.
func filled(data []byte, built *record.File, sig *sign.Result) bool {
	return sig != nil && len(sig.Problems) == 0 && sig.Updates > 0 &&
		len(data) > built.Size && record.Hash(data[:built.Size]) == built.SHA256
}

// signature verifies the signature of a PDF edition: it must cover the whole
// file, or the file up to incremental updates that only fill in the reply form,
// be intact, be valid when it was made, and be the notice signatory's: the
// signing certificate's common name must be the signatory's name
// (sign.CheckSignatory). The development certificate is no one's: a PDF signed
// with it is a warning, and an error when a signature is required. It returns
// what sign.Verify found, or nil for an unsigned PDF.
func (v *verifier) signature(pos diag.Pos, lang string, pdf []byte) *sign.Result {
	signed := bytes.Contains(pdf, []byte("/ByteRange"))
	if !signed {
		if v.rec.Signer != "" || v.opts.RequireSignature {
			v.add(pos, lang, Signature, "%s: the PDF edition is not signed; build it with a signing key (see README, Signing)", lang)
		}
		return nil
	}
	var res *sign.Result
	var err error
	if v.opts.SignedBy != nil && v.signed {
		res = &sign.Result{Signer: v.opts.SignedBy.Subject.CommonName, Certificate: v.opts.SignedBy}
	} else {
		res, err = sign.Verify(pdf, sign.VerifyOptions{Trust: v.opts.Trust})
	}
	if err != nil {
		v.add(pos, lang, Signature, "%s: the signature of the PDF edition does not verify: %s", lang, strings.Join(res.Problems, "; "))
	}
	if res.Certificate == nil {
		return res
	}
	var id *sign.IdentityError
	switch err := sign.CheckSignatory(res.Certificate, v.n.Signatory.Name); {
	case !errors.As(err, &id):
	case id.Development && !v.opts.RequireSignature:
		v.add(pos, lang, SignatureDevelopment, "%s: the PDF edition is signed with the development certificate, so it is not for distribution, and fsn publish refuses it; sign with the certificate of the signatory %q (see README, Signing)", lang, v.n.Signatory.Name)
	default:
		v.add(pos, lang, Signature, "%s: the PDF edition is not the signatory's: %v; sign with the certificate of %q, or correct signatory.name in %s", lang, err, v.n.Signatory.Name, v.n.File)
	}
	return res
}

func formatName(f string) string {
	switch f {
	case "md":
		return "Markdown"
	case "html":
		return "HTML"
	}
	return "PDF"
}
