package main

import (
	"errors"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/render"
)

// Flags of the commands that report findings: check and verify.
var (
	reportFormatFlag = &cli.StringFlag{Name: "format", Value: "text", Usage: "`text` (compiler-style diagnostics and a summary), json, github (GitHub Actions annotations) or sarif (SARIF 2.1.0)"}
	reportLangFlag   = &cli.StringSliceFlag{Name: "lang", Aliases: []string{"l"}, Usage: "only these languages, such as `it,de`"}
)

func checkCommand() *cli.Command {
	return &cli.Command{
		Name:            "check",
		Usage:           "check that every language keeps every step, number, name and link of the source",
		ArgsUsage:       "[NOTICE_DIR...]",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Description: "Compares each locale file with the source it translates: missing, empty and\n" +
			"stale messages, lost steps, numbers, versions, paths, names, e-mails, URLs,\n" +
			"phone numbers and placeholders, changed links, code and emphasis, raw HTML,\n" +
			"unsafe links and missing plural forms (errors), and untranslated, obsolete or\n" +
			"suspicious messages (warnings). docs/checks.md explains every check and how to\n" +
			"waive one. Exit status: 0 no errors, 1 errors (or warnings with --strict),\n" +
			"2 bad command line or unreadable input.",
		Flags: []cli.Flag{
			reportLangFlag, reportFormatFlag,
			&cli.BoolFlag{Name: "strict", Usage: "treat warnings as errors"},
			noticesFlag, localesFlag, templatesFlag,
		},
		Action: reportFailures(func(c *cli.Context) error {
			langs, err := languageList(c.StringSlice("lang"))
			if err != nil {
				return err
			}
			notices, catalog, err := loadLabels(c)
			if err != nil {
				return err
			}
			fonts, err := pdfFonts(templates(c))
			if err != nil {
				return err
			}
			history, err := l10n.LoadHistory(catalog.Dir.Path)
			if err != nil {
				return err
			}
			r, err := check.New(catalog).Fonts(fonts).History(history).CheckReading(notices, langs)
			if err != nil {
				return err
			}
			return report(c, r, c.Bool("strict"), func() error { return r.WriteSummary(c.App.Writer) })
		}),
	}
}

// reportFormats are the values of --format of check and verify.
var reportFormats = []string{"text", "json", "github", "sarif"}

// reportFailures checks the --format of check and verify before the command
// runs, and writes a failure of the command (unreadable inputs, a --lang no
// notice has) as a report in that format, so that a JSON or SARIF report is
// there and valid whatever happens.
func reportFailures(action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		if f := c.String("format"); !slices.Contains(reportFormats, f) {
			return usagef("--format %q is not known; use text, json, github or sarif", f)
		}
		err := action(c)
		var reported *reportedError
		if err == nil || c.String("format") == "text" || errors.As(err, &reported) {
			return err
		}
		if werr := writeReport(c, check.ReportOf(diag.From(err))); werr != nil {
			return werr
		}
		return &reportedError{err}
	}
}

// writeReport writes r to standard output in the --format of the command, not text.
func writeReport(c *cli.Context, r *check.Report) error {
	switch c.String("format") {
	case "github":
		return r.WriteGitHub(c.App.Writer)
	case "sarif":
		return r.WriteSARIF(c.App.Writer, fsnVersion())
	}
	return r.WriteJSON(c.App.Writer)
}

// loadLabels reads the notices named on the command line, or all of
// --notices, and the labels of the locales: the translations are read notice
// by notice by what takes them (Checker.CheckReading, check.Verify, the build
// and the site), so that memory does not grow with the number of notices.
// Nothing can be checked when one has errors; a --lang that no notice has is
// a usage error.
func loadLabels(c *cli.Context) ([]*notice.Notice, *l10n.Catalog, error) {
	return loadNotices(c, func() (*l10n.Catalog, error) {
		x, err := l10n.Scan(locales(c))
		if err != nil {
			return nil, err
		}
		catalog := x.Catalog()
		if err := catalog.Read(func(_, name, _ string) bool { return name == l10n.LabelsName }); err != nil {
			return nil, err
		}
		return catalog, nil
	})
}

// loadNotices reads the notices named on the command line, or all of
// --notices, and the catalog that load returns. Nothing can be checked when one
// has errors: then every file of the locales folder is read for its own. A
// --lang that no notice has is a usage error.
func loadNotices(c *cli.Context, load func() (*l10n.Catalog, error)) ([]*notice.Notice, *l10n.Catalog, error) {
	dirs := c.Args().Slice()
	if len(dirs) == 0 {
		var err error
		if dirs, err = notice.Dirs(folder(c, "notices")); err != nil {
			return nil, nil, err
		}
	}
	notices, err := notice.LoadAll(dirs)
	errs := diag.From(err)
	var catalog *l10n.Catalog
	if len(errs) > 0 {
		_, err = l10n.Load(locales(c))
	} else {
		catalog, err = load()
	}
	errs = append(errs, diag.From(err)...)
	if len(errs) > 0 {
		return nil, nil, errs
	}
	// fsn verify reads editions, which a country's tag (fr-CH) names too;
	// fsn check reads translations, which are per language.
	editions := c.Command.Name == "verify"
	for _, lang := range splitList(c.StringSlice("lang")) {
		if slices.ContainsFunc(notices, func(n *notice.Notice) bool {
			_, ok := n.EditionFor(lang)
			return slices.Contains(n.Languages, lang) || editions && ok
		}) {
			continue
		}
		for _, n := range notices {
			if e, ok := n.Edition(lang); ok {
				return nil, nil, usagef("--lang %s: the edition %s of notice %s is translated into %s, which fsn check checks; use --lang %s", lang, lang, n.ID, e.Lang, e.Lang)
			}
		}
		return nil, nil, usagef("--lang %s: no notice has a %q edition; add it to a notice's \"languages:\"", lang, lang)
	}
	return notices, catalog, nil
}

// report writes r as --format asks and returns its errors, which run prints and
// turns into exit status 1. Warnings are printed here, or, with strict, returned
// with the errors. In text format, summary writes what follows the diagnostics.
func report(c *cli.Context, r *check.Report, strict bool, summary func() error) error {
	errs, warnings := r.Errors(), r.Unwaived(diag.Warning)
	if strict {
		errs, warnings = append(errs, warnings...), nil
	}
	if c.String("format") != "text" {
		if err := writeReport(c, r); err != nil {
			return err
		}
		if len(errs) > 0 {
			return &reportedError{errs}
		}
		return nil
	}
	diag.Print(c.App.ErrWriter, warnings)
	if err := summary(); err != nil {
		return err
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// pdfFonts returns the coverage of the fonts of the PDF style in the templates
// folder dir (or the one fsn ships), for the check glyph-missing.
func pdfFonts(dir project.Dir) (*render.Coverage, error) {
	style, err := render.LoadPDFStyle(dir.File(render.PDFStyleFile), dir)
	if err != nil {
		return nil, err
	}
	return style.Coverage()
}
