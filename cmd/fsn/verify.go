package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/sign"
)

// trustFlag names the roots every PDF signature must chain to, for verify and publish.
var trustFlag = &cli.StringFlag{Name: "trust", Usage: "PEM `FILE` of root certificates every PDF signature must chain to"}

func verifyCommand() *cli.Command {
	return &cli.Command{
		Name:            "verify",
		Usage:           "read the built editions back and check each list of steps against the source",
		ArgsUsage:       "[NOTICE_DIR...]",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Description: "Reads out/<id>/ of each notice: every edition of every language must exist,\n" +
			"be the file the build wrote (out/<id>/<id>.build.json) and have been built from\n" +
			"the sources as they are now. In each Markdown, HTML and PDF edition every list\n" +
			"of steps must have the source's steps, in its order, with their numbers, names,\n" +
			"paths and addresses. Every PDF signature must cover the whole file, be intact,\n" +
			"be the notice signatory's and have been valid when made; with --trust, it must\n" +
			"chain to one of those roots. A signed PDF whose reply form was filled in and\n" +
			"saved (an incremental update that changes only the form's fields) passes, and\n" +
			"verify lists what was filled in; any other change after signing is an error.\n" +
			"It runs from any folder of the project. Exit status:\n" +
			"0 no errors, 1 errors, 2 bad command line or unreadable input.",
		Flags: []cli.Flag{
			reportLangFlag,
			&cli.StringSliceFlag{Name: "edition", Aliases: []string{"e"}, Usage: "only these formats: `md,html,pdf`"},
			trustFlag,
			&cli.BoolFlag{Name: "require-signature", Usage: "report an unsigned PDF edition, or one signed with the development certificate, as an error"},
			reportFormatFlag, outFlag, noticesFlag, localesFlag, templatesFlag,
		},
		Action: reportFailures(func(c *cli.Context) error {
			langs, err := languageList(c.StringSlice("lang"))
			if err != nil {
				return err
			}
			formats := splitList(c.StringSlice("edition"))
			for _, f := range formats {
				if !slices.Contains(check.EditionFormats, f) {
					return usagef("--edition %q is not known; use md, html or pdf", f)
				}
			}
			trust, err := trustedRoots(c.String("trust"))
			if err != nil {
				return err
			}
			notices, catalog, err := loadLabels(c)
			if err != nil {
				return err
			}
			count := len(notices)
			list := notice.NewList(notices) // read again in turn, not held while the editions are read
			notices = nil
			r, err := check.VerifyList(list, catalog, check.VerifyOptions{
				OutDir: folder(c, "out"), TemplatesDir: templates(c), Root: projectRoot(), Languages: langs, Formats: formats,
				Trust: trust, RequireSignature: c.Bool("require-signature"), ReadTranslations: true,
			})
			if err != nil {
				return err
			}
			return report(c, r, false, func() error {
				for _, f := range r.Filled {
					if _, err := fmt.Fprintf(c.App.Writer, "%s: reply form filled: %s\n", f.Path, filledFields(f.Fields)); err != nil {
						return err
					}
				}
				_, err := fmt.Fprintf(c.App.Writer, "read %s of %s: %s\n",
					plural(len(r.Editions), "edition"), plural(count, "notice"), plural(len(r.Errors()), "error"))
				return err
			})
		}),
	}
}

// filledFields lists the values of the filled-in fields of a reply form.
func filledFields(fields []sign.FilledField) string {
	if len(fields) == 0 {
		return "no field changed its value"
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = fmt.Sprintf("%s = %q", f.Name, f.Value)
	}
	return strings.Join(parts, ", ")
}

// trustedRoots reads the PEM certificates of --trust, or returns nil when none is given.
func trustedRoots(file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, usagef("--trust: cannot read %s: %v", file, err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, usagef("--trust: %s holds no PEM certificate; give the root CA certificates in PEM form", file)
	}
	return pool, nil
}
