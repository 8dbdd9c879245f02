package main

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/outdir"
)

// Flags shared by the commands that read the project's folders.
var (
	noticesFlag   = &cli.StringFlag{Name: "notices", Value: "notices", Usage: "folder of the notices, one sub-folder each"}
	localesFlag   = &cli.StringFlag{Name: "locales", Value: "locales", Usage: "folder of the go-i18n message files, one sub-folder per language"}
	templatesFlag = &cli.StringFlag{Name: "templates", Value: "templates", Usage: "folder of the page templates and the PDF style"}
	outFlag       = &cli.StringFlag{Name: "out", Value: "out", Usage: "folder the editions are written to, as `DIR`/<id>/<id>.<lang>.<format>"}
)

func buildCommand() *cli.Command {
	return &cli.Command{
		Name:            "build",
		Usage:           "build the editions of notices into the out folder",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		ArgsUsage:       "[NOTICE_DIR...]",
		Description: "Builds every language and format of each notice folder given, or of every\n" +
			"notice in --notices. Nothing is written unless every edition builds:\n" +
			"out/ then holds the previous build, untouched. Exit status: 0 built,\n" +
			"1 errors in the inputs, 2 bad command line or an input that cannot be read or\n" +
			"parsed (fsn help lists the table).\n\n" +
			"--out must be a folder fsn owns: missing, empty (or holding only .keep), or\n" +
			"marked by fsn with .fsn-out; any other folder is refused. fsn replaces only the\n" +
			"notice folders it wrote there, never follows a link, and swaps every notice in\n" +
			"at once: a killed build leaves each out/<id> whole, and the next run finishes it.\n" +
			"One fsn at a time writes into an out folder; a second one stops with an error.\n\n" +
			"PDF dates come from the notice's date, or from SOURCE_DATE_EPOCH when set.\n\n" +
			"Every PDF is signed by the notice's signatory with the key in FSN_SIGN_CERT and\n" +
			"FSN_SIGN_KEY, or FSN_SIGN_P12 (password in FSN_SIGN_PASSWORD or the file in\n" +
			"FSN_SIGN_PASSWORD_FILE). With no key, fsn signs with a development certificate\n" +
			"it keeps in " + devSigningFolder + " at the project root (the folder holding notices/),\n" +
			"or in the user's config folder outside a project: such PDFs are not for\n" +
			"distribution. --no-sign\n" +
			"writes unsigned, byte-reproducible PDFs.",
		Flags: append([]cli.Flag{
			&cli.StringSliceFlag{Name: "lang", Aliases: []string{"l"}, Usage: "build only these languages, comma-separated, such as it,de"},
			&cli.StringSliceFlag{Name: "format", Aliases: []string{"f"}, Usage: "build only these formats, comma-separated: md, html, pdf"},
			&cli.BoolFlag{Name: "json", Usage: "report on standard output as JSON: each notice's languages, every file written with its size and SHA-256, and the warnings or errors"},
			outFlag, noticesFlag, localesFlag, templatesFlag,
		}, signingFlags()...),
		Action: jsonReport(func(c *cli.Context) bool { return c.Bool("json") }, map[string]any{"notices": []any{}, "files": []any{}}, runBuild),
	}
}

func runBuild(c *cli.Context) error {
	langs, err := languageList(c.StringSlice("lang"))
	if err != nil {
		return err
	}
	var formats []build.Format
	for _, f := range splitList(c.StringSlice("format")) {
		if !slices.Contains(build.Formats, build.Format(f)) {
			return usagef("--format %q is not an edition format; use md, html or pdf (the report is JSON with --json)", f)
		}
		formats = append(formats, build.Format(f))
	}
	opts, err := buildOptions(c, folder(c, "out"))
	if err != nil {
		return err
	}
	opts.Notices, opts.Languages, opts.Formats = c.Args().Slice(), langs, formats
	res, err := build.Run(opts)
	if err != nil {
		return &noteError{err, untouched(err, "nothing was written to "+folder(c, "out"))}
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(c.App.ErrWriter, w.Error())
	}
	if c.Bool("json") {
		files, err := describeFiles(res.Written)
		if err != nil {
			return err
		}
		type built struct {
			Notice    string   `json:"notice"`
			Languages []string `json:"languages"`
		}
		notices := []built{}
		for _, rec := range res.Records {
			b := built{Notice: rec.Notice, Languages: []string{}}
			for _, ed := range rec.Editions {
				b.Languages = append(b.Languages, ed.Lang)
			}
			notices = append(notices, b)
		}
		return check.WriteJSONValue(c.App.Writer, map[string]any{
			"notices": notices, "files": files, "findings": check.JSONDiagnostics(res.Warnings),
		})
	}
	for _, rec := range res.Records {
		var langs []string
		for _, ed := range rec.Editions {
			langs = append(langs, ed.Lang)
		}
		fmt.Fprintf(c.App.Writer, "built %s: %s\n", rec.Notice, strings.Join(langs, ", "))
	}
	fmt.Fprintf(c.App.Writer, "wrote %s to %s", plural(len(res.Written), "file"), folder(c, "out"))
	if res.Reused > 0 {
		fmt.Fprintf(c.App.Writer, "; %s made from unchanged inputs stayed as they were", plural(res.Reused, "file"))
	}
	fmt.Fprintln(c.App.Writer)
	return nil
}

// untouched returns note, which says that a failed command left its output as
// it was, unless the output was left half replaced, which the next run finishes.
func untouched(err error, note string) string {
	var unfinished *outdir.Unfinished
	if errors.As(err, &unfinished) {
		return "the next fsn run in " + unfinished.Dir + " finishes what this one began"
	}
	return note
}

// buildOptions returns the options of a build into outDir that the flags of the
// project folders, SOURCE_DATE_EPOCH and the signing flags give; fsn build and
// fsn publish share them.
func buildOptions(c *cli.Context, outDir string) (build.Options, error) {
	epoch, err := build.SourceDateEpoch()
	if err != nil {
		return build.Options{}, err
	}
	now := time.Now()
	signer, err := signer(c, now)
	if err != nil {
		return build.Options{}, err
	}
	return build.Options{
		NoticesDir:   folder(c, "notices"),
		LocalesDir:   locales(c),
		TemplatesDir: templates(c),
		OutDir:       outDir,
		Root:         projectRoot(),
		Time:         epoch,
		Version:      fsnVersion(),
		Signer:       signer,
		// The signing time is left to the build (now, for the PDFs it signs): a
		// time given here would be part of every edition's key, and no edition
		// would ever be reused.
		Signing: build.Signing{Location: c.String("sign-location"), TSAURL: c.String("tsa-url")},
	}, nil
}

// splitList accepts both --lang it,de and --lang it --lang de.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// languageList checks that every --lang value is a BCP 47 tag.
func languageList(values []string) ([]string, error) {
	langs := splitList(values)
	for _, l := range langs {
		if _, err := language.Parse(l); err != nil {
			return nil, usagef("--lang %q is not a BCP 47 language tag; use one such as it or pt-BR", l)
		}
	}
	return langs, nil
}
