// Package build runs the whole pipeline for a set of notices: it reads each
// notice, localises it into every language asked for, writes the Markdown, HTML
// and PDF editions, and replaces the notices' folders in out/ only when every
// edition of every notice was built, through package outdir. A failed build
// leaves out/ exactly as it was.
package build

import (
	"bytes"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/sign"
)

// Format is an output format of an edition.
type Format string

// The edition formats, in the order they are built.
const (
	Markdown Format = "md"
	HTML     Format = "html"
	PDF      Format = "pdf"
)

// Formats lists every format.
var Formats = []Format{Markdown, HTML, PDF}

// Options say what to build and where.
type Options struct {
	// Notices are notice folders; empty means every folder in NoticesDir.
	Notices    []string
	NoticesDir string
	// LocalesDir and TemplatesDir are the project's folders over fsn's defaults.
	LocalesDir   project.Dir
	TemplatesDir project.Dir
	OutDir       string
	// Root is the project's root folder (project.Root): the build record names
	// its inputs relative to it, so that fsn verify finds them from any folder
	// of the project. "" names them as they are read, from the current folder.
	Root string
	// Out, when set, is OutDir already opened (and locked) by the caller, such
	// as fsn publish; otherwise Run opens OutDir itself.
	Out *outdir.Dir
	// Languages limits the editions; empty means every language a notice lists.
	Languages []string
	// Formats limits the formats; empty means all.
	Formats []Format
	// Time is the creation time written into the PDFs: SOURCE_DATE_EPOCH when set,
	// otherwise the zero time, which means the notice's date.
	Time time.Time
	// Version is written into each edition as its generator, "fsn <version>".
	Version string
	// Signer, when set, signs every PDF edition; nil writes unsigned PDFs.
	Signer *sign.Signer
	// Signing says where, when and with which timestamp authority the PDFs are signed.
	Signing Signing
	// Trust, when set, holds the roots a verification of the PDFs will ask
	// their signatures to chain to (see Made.Signed).
	Trust *x509.CertPool
	// Checked, when set, are the sources already read and checked, as fsn
	// publish reads and checks them before it builds: Run builds these notices
	// with these locales, not Notices and LocalesDir read again, and checks
	// each edition with their Checker, which keeps what its Check found. A
	// catalog that holds only the labels (l10n.Index.Catalog) has each
	// notice's translations read while it is built, and forgotten after.
	Checked *Checked
	// Inspect, when set, is given each notice before its editions are
	// built, and returns the function each of its editions is then given, as
	// the build made it, before anything is written: fsn publish verifies
	// the editions there. An error for an edition fails the build, as an
	// edition that cannot be built does. Every edition is given, one taken
	// from the previous build too; the function may be called by several
	// goroutines at once.
	Inspect func(n *notice.Notice) func(*Made) error
}

// Made is an edition as a build made it, in memory.
type Made struct {
	// Edition is the edition localised, as its files are made from it.
	Edition *l10n.Edition
	// Files are the files of the edition, by name.
	Files map[string][]byte
	// Signed says that the build signed the PDF with Options.Signer and
	// that its signature checks out as sign.Verify with Options.Trust would
	// find: sign.Signer.Sign verified it without roots and, with Trust, the
	// signing certificate chains to them at the signing time. Not so for a
	// timestamped PDF with Trust, since only sign.Verify checks its timestamp
	// authority against the roots, nor for a PDF taken from the previous
	// build.
	Signed bool
}

// Checked are sources read and checked by the caller of Run.
type Checked struct {
	// Notices are the notices checked, in a list that need not hold them
	// all (notice.NewList); each is taken once.
	Notices *notice.List
	Catalog *l10n.Catalog
	// Checker has checked the notices with the catalog and with the fonts of
	// the templates' PDF style (Check, after KeepReports).
	Checker *check.Checker
}

// Signing is the part of a PDF signature that does not come from the notice.
type Signing struct {
	// Location is where the notice is signed; empty means the manufacturer's town and country.
	Location string
	// Time is the signing time; zero means now. Signed PDFs are not byte-reproducible.
	Time time.Time
	// TSAURL, when set, adds an RFC 3161 timestamp from that timestamp authority.
	TSAURL string
}

// Result is a finished build.
type Result struct {
	// Records are the build records of the notices, as written beside their
	// editions but for the inputs and the messages each edition used, which
	// only the record files keep (see summary).
	Records []*record.Record
	// Written lists the paths of the files written to the out folder, sorted.
	Written []string
	// Warnings are what the build let pass but fsn publish refuses: PDFs signed
	// with a certificate that is not the notice signatory's.
	Warnings diag.List
	// Reused counts the files of the previous build taken as they were, because
	// nothing their edition is made from changed; they are not in Written.
	Reused int
}

// UsageError is a build asked for something that cannot exist, such as a format
// fsn does not write; the CLI reports it as a bad invocation.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Run builds the editions. On any error in the inputs it returns every diagnostic
// found and writes nothing.
func Run(opts Options) (*Result, error) {
	formats := opts.Formats
	if len(formats) == 0 {
		formats = Formats
	}
	for _, f := range formats {
		if !slices.Contains(Formats, f) {
			return nil, &UsageError{fmt.Sprintf("unknown format %q; use md, html or pdf", f)}
		}
	}
	var notices *notice.List
	var catalog *l10n.Catalog
	var errs diag.List
	if opts.Checked != nil {
		notices, catalog = opts.Checked.Notices, opts.Checked.Catalog
	} else {
		dirs := opts.Notices
		if len(dirs) == 0 {
			var err error
			if dirs, err = notice.Dirs(opts.NoticesDir); err != nil {
				return nil, err
			}
		}
		var err error
		notices, err = notice.LoadList(dirs)
		errs = diag.From(err)
	}
	tmpl, err := render.LoadTemplates(opts.TemplatesDir)
	errs = append(errs, diag.From(err)...)
	// The locale files are listed, not read: a notice's translations are read
	// only when one of its editions is built (see builder.read). Checked
	// sources come with their locales read.
	if opts.Checked == nil {
		locales, err := l10n.Scan(opts.LocalesDir)
		errs = append(errs, diag.From(err)...)
		if err == nil {
			catalog = locales.Catalog()
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	b := &builder{opts: opts, formats: formats, tmpl: tmpl, catalog: catalog,
		hashes: newInputHashes(), accounted: map[string]bool{}}
	if opts.Checked != nil {
		b.checker = opts.Checked.Checker
	}
	// An out folder that is there is opened (and locked) first, to read the
	// previous build; a missing one is made only when there is something to
	// write, so that a build that fails leaves no folder behind.
	w := &writer{out: opts.Out, path: opts.OutDir, keepOthers: len(opts.Languages) > 0 || len(opts.Formats) > 0}
	defer w.close()
	if _, err := os.Stat(opts.OutDir); err == nil && w.out == nil {
		if err := w.open(); err != nil {
			return nil, err
		}
	}
	// Each notice is built, then written into the stage, before the next: the
	// build holds one notice's editions at a time, whatever the number of
	// notices. The stage is swapped in only when every notice was built.
	res := &Result{}
	for i := range notices.Len() {
		n, err := notices.Notice(i)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		if opts.Signer != nil {
			res.Warnings = append(res.Warnings, check.Signatories([]*notice.Notice{n}, opts.Signer.Certificate(), diag.Warning)...)
		}
		prev := previousBuild(w.out, n.ID)
		nb, err := b.notice(n, prev)
		if err != nil {
			errs = append(errs, diag.From(err)...)
			continue
		}
		res.Reused += len(nb.reused)
		if len(errs) == 0 {
			if err := w.notice(nb, prev); err != nil {
				return nil, err
			}
		}
		res.Records = append(res.Records, summary(nb.rec))
		nb.files = nil // written: the next notice's editions take its place
		b.hashes.forget(b.ownInputs(n))
	}
	if len(errs) == 0 {
		errs = diag.From(b.readUnaccounted())
	}
	if len(errs) > 0 {
		return nil, errs.Compact()
	}
	if err := w.commit(); err != nil {
		return nil, err
	}
	res.Written = w.written
	sort.Strings(res.Written)
	return res, nil
}

// summary returns rec without its inputs and the messages and keys of its editions:
// what a build keeps of each notice until it ends, so that its memory does
// not grow with the number of notices and languages (the messages are about
// a hundred per edition).
func summary(rec *record.Record) *record.Record {
	s := *rec
	s.Inputs = nil
	s.Editions = make([]*record.Edition, len(rec.Editions))
	for i, ed := range rec.Editions {
		e := *ed
		e.Messages, e.Key = nil, ""
		s.Editions[i] = &e
	}
	return &s
}

// built is a notice built in memory: its record and the content of each file the
// record lists.
type built struct {
	rec   *record.Record
	files map[string][]byte
	// reused are the names of the files taken from the previous build as they were.
	reused map[string]bool
}

// fileNames returns the names of the files of the edition of n in lang, in
// the formats of the build.
func (b *builder) fileNames(n *notice.Notice, lang string) []string {
	var names []string
	for _, f := range b.formats {
		names = append(names, fmt.Sprintf("%s.%s.%s", n.ID, lang, f))
		if f == Markdown {
			names = append(names, imageNames(n)...)
		}
	}
	return names
}

type builder struct {
	opts    Options
	formats []Format
	tmpl    *render.Templates
	// catalog holds the labels of every language, once an edition is built,
	// and the translations of the notice being built.
	catalog *l10n.Catalog
	// checker runs fsn check on each edition's sources; the labels of a
	// language are checked once per build. nil until an edition is built.
	checker *check.Checker
	hashes  *inputHashes
	// accounted are the paths of the locale files read, or proven unchanged
	// by the key of an edition taken from the previous build.
	accounted map[string]bool
}

// notice builds every requested edition of n in memory, taking from prev,
// the notice's previous build, each edition none of whose inputs changed.
func (b *builder) notice(n *notice.Notice, prev previous) (*built, error) {
	// An edition is named by its tag, "fr" or "fr-CH" (notice.Editions);
	// --lang fr asks for every edition in French.
	eds, unknown := n.SelectEditions(b.opts.Languages)
	if unknown != "" {
		return nil, diag.Errorf(diag.Pos{File: n.File}, "notice %s has no %q edition; its editions are %s (add %q to \"languages:\" to build it)", n.ID, unknown, strings.Join(n.EditionTags(), ", "), unknown)
	}
	var langs []string
	for _, e := range eds {
		langs = append(langs, e.Tag)
	}
	rec := &record.Record{Notice: n.ID, Generator: b.generator(), Inputs: b.inputs(n)}
	if b.opts.Signer != nil {
		rec.Signer = b.opts.Signer.Certificate().Subject.CommonName
	}
	// The editions are independent: build them side by side, and collect them in
	// the order of langs so the record is the same whatever finishes first.
	editions := make([]*record.Edition, len(langs))
	contents := make([]map[string][]byte, len(langs))
	failures := make([]error, len(langs))
	reused := map[string]bool{}
	keys := make([]string, len(langs))
	for i, lang := range langs {
		paths := b.editionInputs(n, lang)
		keys[i] = b.editionKey(paths)
		if editions[i], contents[i] = prev.reuse(lang, keys[i], b.fileNames(n, lang)); editions[i] != nil {
			for name := range contents[i] {
				reused[name] = true
			}
			for _, p := range paths {
				b.accounted[p] = true
			}
		}
	}
	var inspect func(*Made) error
	if b.opts.Inspect != nil {
		inspect = b.opts.Inspect(n)
	}
	var images map[string]*render.ImageFile
	if slices.Contains(editions, nil) || inspect != nil { // an edition taken as it was is inspected localised
		read, err := b.read(n)
		if err != nil {
			return nil, err
		}
		if read { // a catalog that held them keeps them
			defer b.catalog.Forget(n.ID) // the next notice's translations take their place
		}
		if images, err = render.NoticeImages(n); err != nil { // held while its editions are built
			return nil, err
		}
	}
	var wg sync.WaitGroup
	limit := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, lang := range langs {
		taken := editions[i] != nil
		if taken && inspect == nil {
			continue
		}
		key := keys[i]
		wg.Go(func() {
			limit <- struct{}{}
			defer func() { <-limit }()
			if taken {
				failures[i] = b.inspectTaken(n, lang, contents[i], inspect)
				return
			}
			editions[i], contents[i], failures[i] = b.edition(n, lang, images, inspect)
			if editions[i] != nil {
				editions[i].Key = key
			}
		})
	}
	wg.Wait()
	var errs diag.List
	for _, err := range failures {
		errs = append(errs, diag.From(err)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	rec.Editions = editions
	nb := &built{rec: rec, files: map[string][]byte{}, reused: reused}
	for _, c := range contents {
		maps.Copy(nb.files, c)
	}
	return nb, nil
}

func (b *builder) generator() string { return "fsn " + b.opts.Version }

// inspectTaken gives inspect the edition of n named lang taken from the
// previous build, whose files are files.
func (b *builder) inspectTaken(n *notice.Notice, lang string, files map[string][]byte, inspect func(*Made) error) error {
	ed, err := b.catalog.Localize(n, lang)
	if err != nil {
		return err
	}
	return inspect(&Made{Edition: ed, Files: files})
}

// edition builds the files of the edition of n named lang (notice.Edition.Tag),
// whose images are images (render.NoticeImages), and gives them to inspect,
// when set.
func (b *builder) edition(n *notice.Notice, lang string, images map[string]*render.ImageFile, inspect func(*Made) error) (*record.Edition, map[string][]byte, error) {
	ed, err := b.catalog.Localize(n, lang)
	if err != nil {
		return nil, nil, err
	}
	if errs := b.checker.Edition(n, ed.Language).Errors(); len(errs) > 0 {
		return nil, nil, errs // fsn check: no edition of a language whose translation has errors
	}
	doc, err := b.tmpl.Markdown(ed)
	if err != nil {
		return nil, nil, err
	}
	doc.Images = images
	title, err := ed.Label("title")
	if err != nil {
		return nil, nil, err
	}
	subject := render.PlainText(ed.Notice.Subject.Value)
	product := render.PlainText(ed.Notice.Product.Value)
	var names []string
	for _, d := range n.Devices {
		names = append(names, d.Name)
	}
	keywords := strings.Join(append([]string{title, n.Reference}, names...), ", ")
	out := &record.Edition{Lang: lang}
	contents := map[string][]byte{}
	signed := false // the PDF's signature, verified by the build
	add := func(f Format, data []byte) {
		name := fmt.Sprintf("%s.%s.%s", n.ID, lang, f)
		out.Files = append(out.Files, record.NewFile(name, data))
		contents[name] = data
	}
	for _, f := range b.formats {
		switch f {
		case Markdown:
			add(f, doc.Published())              // without the heading ids, which only the HTML and PDF editions use
			for _, name := range imageNames(n) { // the images it shows, beside it
				out.Files = append(out.Files, record.NewFile(name, images[name].Data))
				contents[name] = images[name].Data
			}
		case HTML:
			meta := render.PageMeta{
				Lang: lang, Title: title + ": " + subject, Description: subject + " – " + product,
				Author: n.Manufacturer.Name, Keywords: keywords, Reference: n.Reference,
				Date: n.Date.Format(time.DateOnly), Generator: b.generator(), Phones: render.PhoneNumbers(ed.Notice), // a country's edition: its local contact's
			}
			if b.opts.Signer != nil && sign.IsDevelopment(b.opts.Signer.Certificate()) {
				if meta.Warning, err = ed.Label("development-warning"); err != nil {
					return nil, nil, err
				}
			}
			page, err := b.tmpl.HTML(doc, meta)
			if err != nil {
				return nil, nil, err
			}
			add(f, page)
		case PDF:
			pdf, vouched, err := b.pdf(n, ed, doc, render.PDFMeta{
				Lang: lang, Title: title + ": " + subject, Subject: subject + " – " + product,
				Author: n.Manufacturer.Name, Keywords: keywords, Creator: b.generator(),
				Header:          title + " · " + n.Reference,
				ReplyForm:       replyFormNames(n.ReplyForm, nil),
				DistributorForm: replyFormNames(n.DistributorForm, distributionColumns),
				PageLabel: func(page, pages int) (string, error) {
					return ed.Plural("page", pages, "Page", page, "Pages", pages)
				},
			})
			if err != nil {
				return nil, nil, err
			}
			add(f, pdf)
			signed = vouched
		}
	}
	out.Messages = ed.Used()
	if inspect != nil {
		if err := inspect(&Made{Edition: ed, Files: contents, Signed: signed}); err != nil {
			return nil, nil, err
		}
	}
	return out, contents, nil
}

// distributionColumns name the columns of the distributor form's table of
// onward distribution, as templates/notice.md.tmpl writes them (the labels
// column-customer to column-notice-sent): its cells are the PDF form's fields
// distributor.row<n>.<column>.
var distributionColumns = []string{"customer", "address", "contact", "devices", "quantity", "notice-sent"}

// replyFormNames are the ids of a reply form's tick boxes and blanks, which
// name the fields of the PDF's form: reply.<id> or distributor.<id>; columns
// name the cells of its table of blank rows, if it has one.
func replyFormNames(form *notice.ReplyForm, columns []string) *render.ReplyFormNames {
	if form == nil {
		return nil
	}
	names := &render.ReplyFormNames{Columns: columns}
	for _, c := range form.Confirmations {
		names.Confirmations = append(names.Confirmations, c.ID)
	}
	for _, f := range form.Fields {
		names.Fields = append(names.Fields, f.ID)
	}
	return names
}

// pdf writes the PDF edition and, with a signer, signs it: the visible signature
// block names the signatory, and the digital signature carries the FSCA reference
// as its reason. It reports whether the signature checks out as Made.Signed
// says.
func (b *builder) pdf(n *notice.Notice, ed *l10n.Edition, doc *render.Document, meta render.PDFMeta) ([]byte, bool, error) {
	meta.Date = b.opts.Time
	if meta.Date.IsZero() {
		meta.Date = n.Date.Time
	}
	meta.Date = meta.Date.UTC()
	signing := b.opts.Signing
	if signing.Time.IsZero() {
		signing.Time = time.Now() // a signature is dated when it is made
	}
	var block *sign.Block // where the PDF writer drew the signature block
	if b.opts.Signer != nil {
		caption, err := ed.Label("digitally-signed")
		if err != nil {
			return nil, false, err
		}
		date, err := ed.FormatDate(signing.Time)
		if err != nil {
			return nil, false, err
		}
		if date, err = ed.Label("signed-on", "Date", date); err != nil {
			return nil, false, err
		}
		meta.Signature = &render.SignatureBlock{Caption: caption, Name: n.Signatory.Name, Role: render.PlainText(ed.Notice.Signatory.Role.Value), Date: date,
			Placed: func(p render.SignaturePlace) {
				block = &sign.Block{Page: p.Page, Rect: p.Rect, LineWidth: p.LineWidth, Color: p.Color}
			}}
		// A test build says so on its first page and in its signature block,
		// in the edition's language; an unsigned build and a real key's do not.
		if sign.IsDevelopment(b.opts.Signer.Certificate()) {
			if meta.Warning, err = ed.Label("development-warning"); err != nil {
				return nil, false, err
			}
			if meta.Signature.Warning, err = ed.Label("development-signature"); err != nil {
				return nil, false, err
			}
		}
	}
	pdf, err := render.PDF(doc, meta, b.tmpl.PDFStyle)
	if err != nil {
		return nil, false, fmt.Errorf("%s: %s: cannot write the PDF edition: %w", n.File, ed.Lang, err)
	}
	if b.opts.Signer == nil {
		return pdf, false, nil
	}
	if block == nil {
		return nil, false, fmt.Errorf("%s: %s: cannot sign the PDF edition: the PDF writer did not report where it drew the signature block", n.File, ed.Lang)
	}
	location := signing.Location
	if location == "" {
		location = n.Manufacturer.Country.Value
		if a := n.Manufacturer.Address; len(a) > 0 {
			location = a[len(a)-1] + ", " + location
		}
	}
	signed, err := b.opts.Signer.Sign(pdf, sign.Info{
		Name: n.Signatory.Name, Reason: n.Reference, Location: location,
		ContactInfo: n.Contact.Email, Time: signing.Time, TSAURL: signing.TSAURL, Block: block,
	})
	if err != nil {
		return nil, false, fmt.Errorf("%s: %s: cannot sign the PDF edition: %w", n.File, ed.Lang, err)
	}
	t := b.opts.Trust
	return signed, t == nil || (signing.TSAURL == "" && b.opts.Signer.Chains(t, signing.Time) == nil), nil
}

// inputs lists every file an edition of n depends on (check.InputFiles), with
// its hash, so that a later check can tell whether the editions in out/ still
// match their sources. A default fsn ships is named as embedded
// (input.Embedded), a file of the project relative to its root.
func (b *builder) inputs(n *notice.Notice) []record.File {
	var files []record.File
	for _, p := range check.InputFiles(n, b.catalog, b.tmpl) {
		if f := b.hashes.file(p, check.RecordName(b.opts.Root, p)); f != nil {
			files = append(files, *f) // a missing locale file is reported when its edition is built
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files
}

// writer writes the editions into the out folder as one generation (see
// package outdir): each notice's folder is staged complete, then every one is
// swapped in, all or none. A notice whose folder would be the same as the
// previous build's is not staged at all, so a build with no change writes
// nothing. When keepOthers is set (a build of some languages or formats only),
// the regular files of the previous folder that this build did not make are
// kept; they are read from inside the out folder only, never through a link.
type writer struct {
	out        *outdir.Dir // nil until opened
	path       string      // of the out folder
	owned      bool        // out was opened by the writer, which closes it
	keepOthers bool
	stage      *outdir.Stage // nil until a notice is written
	written    []string
}

// open opens the out folder, creating it when it is missing.
func (w *writer) open() error {
	out, err := outdir.Open(w.path)
	if err != nil {
		return err
	}
	w.out, w.owned = out, true
	return nil
}

// close removes what is staged and not committed, and releases an out folder
// the writer opened.
func (w *writer) close() {
	if w.stage != nil {
		w.stage.Discard()
	}
	if w.owned {
		w.out.Close()
	}
}

// notice stages the folder of nb, whose previous build is prev.
func (w *writer) notice(nb *built, prev previous) error {
	rec := nb.rec
	if prev.recData != nil {
		if w.keepOthers {
			mergeRecord(prev.recData, rec)
		}
		if data, err := rec.Marshal(); err == nil && bytes.Equal(data, prev.recData) && len(nb.reused) == len(nb.files) {
			return nil // every file as it is already
		}
	}
	if w.out == nil {
		if err := w.open(); err != nil {
			return err
		}
	}
	if w.stage == nil {
		stage, err := w.out.Stage()
		w.stage = stage
		if err != nil {
			return err
		}
	}
	prevDir, err := w.stage.Add(rec.Notice, record.Name(rec.Notice))
	if err != nil {
		return err
	}
	if w.keepOthers && prevDir != "" {
		if err := keep(w.stage, rec.Notice, prevDir, nb.files); err != nil {
			return err
		}
	}
	staged := map[string]bool{} // an image is a file of every Markdown edition
	for _, ed := range rec.Editions {
		for _, f := range ed.Files {
			data, ok := nb.files[f.Name]
			if !ok || staged[f.Name] {
				continue // kept from the previous build, or written already
			}
			staged[f.Name] = true
			if err := w.stage.WriteFile(rec.Notice+"/"+f.Name, data); err != nil {
				return err
			}
			if !nb.reused[f.Name] {
				w.written = append(w.written, filepath.Join(w.out.Path(), rec.Notice, f.Name))
			}
		}
	}
	data, err := rec.Marshal()
	if err != nil {
		return err
	}
	return w.stage.WriteFile(rec.Notice+"/"+record.Name(rec.Notice), data)
}

// commit swaps the staged folders in, if any.
func (w *writer) commit() error {
	if w.stage == nil {
		return nil
	}
	return w.stage.Commit()
}

// keep copies into the stage the regular files of prev, the previous folder of
// notice id, but its build record and the files made, which the stage gets
// from this build.
func keep(stage *outdir.Stage, id, prev string, made map[string][]byte) error {
	names, err := outdir.RegularFiles(prev)
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, ok := made[name]; ok || name == record.Name(id) {
			continue
		}
		data, err := outdir.ReadFile(filepath.Join(prev, name))
		if err != nil {
			return err
		}
		if err := stage.WriteFile(id+"/"+name, data); err != nil {
			return err
		}
	}
	return nil
}

// mergeRecord adds to rec the editions of the previous record data that rec
// did not rebuild, so the record keeps describing every file in the folder.
func mergeRecord(data []byte, rec *record.Record) {
	prev := new(record.Record)
	if json.Unmarshal(data, prev) != nil {
		return
	}
	for _, old := range prev.Editions {
		ed := rec.Edition(old.Lang)
		if ed == nil {
			rec.Editions = append(rec.Editions, old)
			continue
		}
		for _, f := range old.Files {
			if rec.File(old.Lang, f.Name) == nil {
				ed.Files = append(ed.Files, f)
			}
		}
	}
	sort.Slice(rec.Editions, func(i, j int) bool { return rec.Editions[i].Lang < rec.Editions[j].Lang })
}

// SourceDateEpoch returns the time SOURCE_DATE_EPOCH names, or the zero time when it is unset.
func SourceDateEpoch() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, &UsageError{fmt.Sprintf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)}
	}
	return time.Unix(sec, 0).UTC(), nil
}
