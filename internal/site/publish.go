package site

import (
	"crypto/x509"
	"fmt"
	"net/url"
	"path/filepath"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/outdir"
	"github.com/fsn-tool/fsn/internal/render"
)

// PublishOptions say what to publish and where.
type PublishOptions struct {
	// Notices are every notice to publish, read from their folders, and
	// Catalog their locales. Publish lets the notices go after it checked
	// them, and reads them again as it needs them: a caller that keeps
	// Notices keeps them all in memory. The catalog must hold the labels;
	// each step reads the translations it does not hold a few notices at a
	// time, and forgets them again, so that a catalog of the labels alone
	// (l10n.Index.Catalog) keeps memory flat.
	Notices []*notice.Notice
	Catalog *l10n.Catalog
	// Build says how to build the editions, into Build.OutDir as fsn build does;
	// its Signer is required. Publish builds every language and format of Notices.
	Build build.Options
	// Dir is the folder of the site, such as out/site.
	Dir     string
	BaseURL *url.URL
	// Trust, when set, holds the roots every PDF signature must chain to.
	Trust *x509.CertPool
}

// Published is a publication that succeeded.
type Published struct {
	Site  *Site
	Build *build.Result
	// Warnings are the translation checks' warnings, which do not stop a publication.
	Warnings diag.List
}

// Publish checks the sources, builds and signs every edition, reads every
// edition back as fsn verify does, as it is built (each PDF must carry the
// notice signatory's intact signature), then writes the site to opts.Dir.
// When any step fails it returns every problem that step found, and opts.Dir
// holds the previous site, untouched; so does the build's out folder when an
// edition fails to verify.
func Publish(opts PublishOptions) (*Published, error) {
	if opts.Build.Signer == nil {
		return nil, fmt.Errorf("publish signs every PDF edition, but no signer is configured")
	}
	// A broken site template would only show after the build: read them first.
	if _, err := loadTemplates(opts.Build.TemplatesDir); err != nil {
		return nil, err
	}
	// The sources are checked once, here, with the fonts of the PDF editions:
	// the build takes what this check found in each edition, and refuses an
	// edition as it refuses one it checks itself.
	tmpl, err := render.LoadTemplates(opts.Build.TemplatesDir)
	if err != nil {
		return nil, err
	}
	fonts, err := tmpl.PDFStyle.Coverage()
	if err != nil {
		return nil, err
	}
	checker := check.New(opts.Catalog).Fonts(fonts).KeepReports()
	report, err := checker.CheckReading(opts.Notices, nil)
	if err != nil {
		return nil, err
	}
	if errs := report.Errors(); len(errs) > 0 {
		return nil, errs
	}

	bo := opts.Build
	bo.Notices, bo.Languages, bo.Formats = nil, nil, nil
	for _, n := range opts.Notices {
		if filepath.Clean(filepath.Join(bo.OutDir, n.ID)) == filepath.Clean(opts.Dir) {
			return nil, diag.Errorf(diag.Pos{File: n.File}, "the editions of notice %s would be built into the site's folder %s; publish the site to another folder", n.ID, opts.Dir)
		}
		bo.Notices = append(bo.Notices, n.Dir)
	}
	// One lock on the build's out folder covers the build, the verification
	// and the site, so no other fsn changes the editions in between.
	out, err := outdir.Open(bo.OutDir)
	if err != nil {
		return nil, err
	}
	defer out.Close()
	bo.Out = out
	bo.Trust = opts.Trust
	// Refuse a site folder fsn may not replace (locales/, templates/) before
	// the long build rather than after it.
	parent, name, err := out.Beside(opts.Dir)
	if err != nil {
		return nil, err
	}
	if _, err := parent.Entry(name, manifestPath); err != nil {
		return nil, err
	}
	if errs := check.Signatories(opts.Notices, opts.Build.Signer.Certificate(), diag.Error); len(errs) > 0 {
		return nil, errs // a published PDF is signed by the notice's signatory
	}
	// The build and the site take the notices from lists that keep the
	// first few and read the others again in turn, so that publish does not
	// hold every parsed notice while it builds: with a thousand, the
	// collector marking them made the build three times slower.
	bo.Checked = &build.Checked{Notices: notice.NewList(opts.Notices), Catalog: opts.Catalog, Checker: checker}
	forSite := notice.NewList(opts.Notices)
	opts.Notices = nil
	// Each edition is read back as fsn verify reads it, as soon as the build
	// made it and before anything is written: the bytes the build writes, and
	// the site copies, checking their SHA-256 against the build record. The
	// build verified the signature of each PDF it signed, with the trusted
	// roots; a PDF it could not vouch for (see build.Made.Signed) is
	// verified again, so that each reports its own fault.
	verifier, err := check.NewEditionVerifier(opts.Catalog, check.VerifyOptions{
		OutDir: bo.OutDir, TemplatesDir: bo.TemplatesDir, Trust: opts.Trust, RequireSignature: true,
		SignedBy: opts.Build.Signer.Certificate(),
	})
	if err != nil {
		return nil, err
	}
	bo.Inspect = func(n *notice.Notice) func(*build.Made) error {
		verify := verifier.Notice(n)
		return func(m *build.Made) error { return verify(m.Edition, m.Files, m.Signed).Err() }
	}
	res, err := build.Run(bo)
	if err != nil {
		return nil, err
	}

	notices, err := forSite.All()
	if err != nil {
		return nil, err
	}
	s, err := Write(out, opts.Dir, Options{
		Notices: notices, Catalog: opts.Catalog, Records: res.Records, EditionsDir: bo.OutDir,
		TemplatesDir: bo.TemplatesDir, BaseURL: opts.BaseURL, Generator: res.Records[0].Generator,
	})
	if err != nil {
		return nil, err
	}
	return &Published{Site: s, Build: res, Warnings: report.Unwaived(diag.Warning)}, nil
}
