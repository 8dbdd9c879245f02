package check

import (
	"path/filepath"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/record"
	"github.com/fsn-tool/fsn/internal/render"
	"github.com/fsn-tool/fsn/internal/termbase"
)

// EditionVerifier reads back the editions a build makes as Verify reads them
// in the out folder, but in memory, as each is made and before it is
// written: fsn publish verifies the very bytes it writes, without reading
// them back from the disk and without reading and localising each notice's
// translations again. The sources are those the build read, so the build
// record and the inputs are not looked at; every list of steps, the action
// box, the contact, the figures and the PDF's signature are, as by Verify.
type EditionVerifier struct {
	opts    VerifyOptions
	tmpl    *render.Templates
	terms   *termbase.Termbase
	formats []string
}

// NewEditionVerifier returns the verifier of the editions of a build with the
// catalog c and the templates of opts.TemplatesDir, in opts.Formats (empty
// means all). opts.SignedBy is the build's signer; opts.OutDir, where the
// editions will be, names them in the findings.
func NewEditionVerifier(c *l10n.Catalog, opts VerifyOptions) (*EditionVerifier, error) {
	tmpl, err := render.LoadTemplates(opts.TemplatesDir)
	if err != nil {
		return nil, err
	}
	terms, finding := loadTermbase(c.Dir)
	if finding != nil && finding.Severity == diag.Error {
		d := finding.Diagnostic
		return nil, diag.List{&d}
	}
	formats := opts.Formats
	if len(formats) == 0 {
		formats = EditionFormats
	}
	return &EditionVerifier{opts: opts, tmpl: tmpl, terms: terms, formats: formats}, nil
}

// Notice returns the function that verifies an edition of n: given the
// edition as the build localised it, its files as the build made them, by
// name, and whether the build verified the signature of its PDF, it returns
// the errors Verify would find in them, sorted. It is safe for use by
// several goroutines, an edition each.
func (ev *EditionVerifier) Notice(n *notice.Notice) func(ed *l10n.Edition, files map[string][]byte, signed bool) diag.List {
	v := &verifier{n: n, voc: newVocabulary(n, untranslated(ev.terms, n.SourceLanguage)), tmpl: ev.tmpl,
		dir: filepath.Join(ev.opts.OutDir, n.ID), opts: ev.opts, rec: &record.Record{}, current: true}
	return func(ed *l10n.Edition, files map[string][]byte, signed bool) diag.List {
		job := &editionJob{v: v.forEdition(), lang: ed.Lang, ed: ed}
		job.v.built, job.v.signed = files, signed
		job.run(ev.formats)
		job.v.report.finish()
		return job.v.report.Errors()
	}
}
