package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/translate"
)

func l10nCommand() *cli.Command {
	sub := func(cmd *cli.Command) *cli.Command {
		cmd.OnUsageError = onUsageError
		cmd.HideHelpCommand = true
		cmd.Flags = append(cmd.Flags, noticesFlag, localesFlag)
		if !slices.ContainsFunc(cmd.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), "format") }) {
			cmd.Flags = append(cmd.Flags, l10nFormatFlag())
		}
		return cmd
	}
	return &cli.Command{
		Name:            "l10n",
		Usage:           "the translator's workflow: status, work files, XLIFF for CAT tools",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Description: "fsn l10n shows what needs translating and moves translations in and out of the\n" +
			"locale files without losing one: go-i18n work files (sync, merge) or XLIFF for\n" +
			"CAT tools (export, import). docs/translators.md describes the workflow.",
		Subcommands: []*cli.Command{
			sub(&cli.Command{
				Name:  "status",
				Usage: "show the notices × languages table and write out/l10n/index.html",
				Description: "Counts, for each notice and the labels in each language, the messages translated,\n" +
					"missing, stale (the source changed) and obsolete, as fsn check does, and writes an\n" +
					"HTML report of the same, with the messages that need work beside their source.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "format", Value: "text", Usage: "`text` or json"},
					reportLangFlag,
					&cli.StringFlag{Name: "out", Value: "out", Usage: "write the report to `DIR`/l10n/index.html"},
				},
				Action: jsonReport(formatJSON, nil, l10nStatus),
			}),
			sub(&cli.Command{
				Name:  "sync",
				Usage: "write a work file of the messages that need translating, per language and file",
				Description: "Writes locales/<lang>/translate/<name>.<lang>.toml for each message file with\n" +
					"messages missing, empty or translated from an older source: go-i18n TOML with\n" +
					"each message's description and context, hash and source text. Keeps every\n" +
					"translation; reports obsolete messages and deletes none.",
				Flags:  []cli.Flag{reportLangFlag},
				Action: l10nAction(l10nSync),
			}),
			sub(&cli.Command{
				Name:      "merge",
				Usage:     "take filled-in work files into the locale files",
				ArgsUsage: "[WORK_FILE...]",
				Description: "Merges every work file given, or all of locales/*/translate/, after checking each\n" +
					"translation with fsn check's rules. Writes nothing if an entry's hash is not its\n" +
					"source's any more or a translation has an error. Exit status 1 then.",
				Action: l10nAction(l10nMerge),
			}),
			sub(&cli.Command{
				Name:  "stamp",
				Usage: "record the source's hash in each translation that has none, once checked",
				Description: "Writes into each translation without a hash (labels shipped or written by hand)\n" +
					"the hash of its current source, so that a later change of the source makes it\n" +
					"stale. Never changes a hash that is there. Writes nothing if fsn check finds an\n" +
					"error in a file it would change. Exit status 1 then.",
				Flags:  []cli.Flag{reportLangFlag},
				Action: l10nAction(l10nStamp),
			}),
			sub(&cli.Command{
				Name:      "add",
				Usage:     "add a language: the work files of the notices named, and its labels file if fsn ships none",
				ArgsUsage: "LANG [NOTICE...]",
				Description: "Writes the work files of the notices named (of the only notice, in a project of one;\n" +
					"of every notice, with --all), and of the labels when they need work.\n" +
					"Creates locales/<lang>/labels.<lang>.toml with every label to translate unless\n" +
					"the language has a labels file (fsn ships them). Does not add the language to any\n" +
					"notice: list it in the notice's \"languages:\" once fsn l10n status shows it complete.",
				Flags:  []cli.Flag{&cli.BoolFlag{Name: "all", Usage: "add the language for every notice of the project"}},
				Action: l10nAction(l10nAdd),
			}),
			sub(&cli.Command{
				Name:  "export",
				Usage: "write the messages of a language as XLIFF 1.2 or 2.1 for a CAT tool",
				Description: "One unit per message with its notes, hash and state. A message that needs work is\n" +
					"a unit to translate with its current source; the translation of an earlier source\n" +
					"comes as a suggestion (1.2 alt-trans, 2.1 mtc:match) and in a note, never as the\n" +
					"target; translated messages are locked (translate=\"no\"). Code spans, links,\n" +
					"autolinks and placeholders become inline elements that hold their Markdown.\n" +
					"Each unit carries the termbase's terms of its source (1.2 notes, 2.1 gls:glossary),\n" +
					"each unit to translate the translation memory's matches from other notices (1.2\n" +
					"alt-trans and a note, 2.1 mtc:match; an exact one too, never as the target), and\n" +
					"each the base that import compares with the locale file. OmegaT 3.6 reads XLIFF 1.2 only.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "xliff", Usage: "XLIFF `VERSION`: 1.2 or 2.1 (required)"},
					&cli.StringFlag{Name: "lang", Aliases: []string{"l"}, Usage: "the target language, such as `it` (required)"},
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "-", Usage: "write to `FILE` instead of standard output"},
				},
				Action: exportAction(l10nExport),
			}),
			sub(&cli.Command{
				Name:      "import",
				Usage:     "take the translated units of an XLIFF file into the locale files",
				ArgsUsage: "FILE",
				Description: "Takes every unit whose target is a translation, whatever state the CAT tool wrote,\n" +
					"after checking each with fsn check's rules; a target that is empty, a copy of the\n" +
					"source or the earlier translation unchanged counts only in state translated,\n" +
					"reviewed (1.2: signed-off) or final. A waiver in a unit's note (fsn:waive CHECK:\n" +
					"reason) goes into the locale file. Writes nothing if a unit is not translated\n" +
					"(unless --partial), is unknown, its source changed, its target lost an inline\n" +
					"element or has an error, or its locale file changed the translation after the\n" +
					"export (unless --overwrite). Exit status 1 then. Suggestions (alt-trans,\n" +
					"mtc:match) are never taken.",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "partial", Usage: "take the translated units and leave the others for later (each is a warning)"},
					&cli.BoolFlag{Name: "overwrite", Usage: "take a unit's translation even where the locale file changed it after the export"},
				},
				Action: l10nAction(l10nImport),
			}),
			l10nTMCommand(sub),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q of fsn l10n; use status, sync, merge, stamp, add, export, import or tm", c.Args().First())
			}
			return usagef("fsn l10n needs a command: status, sync, merge, stamp, add, export, import or tm")
		},
	}
}

// loadProject reads the notices and locales; the exit status of an error is as
// for fsn check.
func loadProject(c *cli.Context) (*translate.Project, error) {
	p, err := translate.Load(folder(c, "notices"), locales(c))
	if err != nil {
		return nil, err
	}
	return p, nil
}

// projectLanguages checks the --lang values against the project's languages.
func projectLanguages(p *translate.Project, values []string) ([]string, error) {
	langs, err := languageList(values)
	if err != nil {
		return nil, err
	}
	for _, l := range langs {
		if !slices.Contains(p.Languages(), l) {
			return nil, usagef("--lang %s: no notice lists %q and locales has no folder for it; add it with fsn l10n add %s", l, l, l)
		}
	}
	return langs, nil
}

// printReport prints what a command did, and its warnings to standard error.
func printReport(c *cli.Context, rep *translate.Report) {
	printWarnings(c, rep)
	for _, line := range rep.Done {
		fmt.Fprintln(c.App.Writer, line)
	}
}

// printWarnings prints the warnings of rep to standard error.
func printWarnings(c *cli.Context, rep *translate.Report) { diag.Print(c.App.ErrWriter, rep.Warnings) }

func l10nStatus(c *cli.Context) error {
	format := c.String("format")
	if format != "text" && format != "json" {
		return usagef("--format %q is not known; use text or json", format)
	}
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	langs, err := projectLanguages(p, c.StringSlice("lang"))
	if err != nil {
		return err
	}
	st := p.Status(langs)
	page, err := st.WriteReport(folder(c, "out"))
	if err != nil {
		return err
	}
	if format == "json" {
		fmt.Fprintf(c.App.ErrWriter, "wrote %s\n", page)
		return st.WriteJSON(c.App.Writer)
	}
	if err := st.WriteTable(c.App.Writer); err != nil {
		return err
	}
	fmt.Fprintf(c.App.Writer, "wrote %s\n", page)
	return nil
}

func l10nSync(c *cli.Context) error {
	return perLanguage(c, (*translate.Project).Sync, "no work file was written")
}

// perLanguage runs a translator's command over the languages of --lang (every
// language when none is named) and prints its report; nothing on an error.
func perLanguage(c *cli.Context, run func(*translate.Project, []string) (*translate.Report, error), nothingWritten string) error {
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	langs, err := projectLanguages(p, c.StringSlice("lang"))
	if err != nil {
		return err
	}
	rep, err := run(p, langs)
	if err != nil {
		return &noteError{err, nothingWritten}
	}
	return writeL10nReport(c, p, rep)
}

func l10nMerge(c *cli.Context) error {
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	rep, err := p.Merge(c.Args().Slice())
	if err != nil {
		return &noteError{err, "nothing was written"}
	}
	return writeL10nReport(c, p, rep)
}

func l10nStamp(c *cli.Context) error {
	return perLanguage(c, (*translate.Project).Stamp, "nothing was written")
}

func l10nAdd(c *cli.Context) error {
	if c.NArg() < 1 {
		return usagef("fsn l10n add takes a language tag, such as fr or pt-BR, and the ids of the notices to translate")
	}
	lang := c.Args().First()
	tag, err := language.Parse(lang)
	switch {
	case err != nil:
		return usagef("%q is not a BCP 47 language tag; use one such as fr or pt-BR", lang)
	case tag.String() != lang:
		return usagef("write the language tag %q as %s, the form of the locale folder's name", lang, tag)
	}
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	if lang == p.SourceLang {
		return usagef("%s is the source language of the notices", lang)
	}
	ids := c.Args().Tail()
	if c.Bool("all") {
		if len(ids) > 0 {
			return usagef("fsn l10n add takes notice ids or --all, not both")
		}
		for _, n := range p.Notices {
			ids = append(ids, n.ID)
		}
	}
	if why := p.Started(lang, ids); why != "" {
		return usagef("%s is a language of the project already: %s; fsn l10n sync --lang %s writes its work files", lang, why, lang)
	}
	rep, err := p.Add(lang, ids)
	if err != nil {
		return &noteError{err, "the language was not added completely; fix the error and run fsn l10n add " + lang + " again"}
	}
	return writeL10nReport(c, p, rep, fmt.Sprintf("Translate the work files and run fsn l10n merge; once fsn l10n status shows %s complete, add %s to a notice's \"languages:\" to build its edition.", lang, lang))
}

func l10nExport(c *cli.Context) error {
	version := c.String("xliff")
	switch {
	case version == "" || c.String("lang") == "":
		return usagef("fsn l10n export needs --xliff 1.2 or 2.1 and --lang, such as: fsn l10n export --xliff 2.1 --lang it")
	case version != l10n.XLIFF12 && version != l10n.XLIFF21:
		return usagef("--xliff %q is not a version fsn writes; use %s or %s", version, l10n.XLIFF12, l10n.XLIFF21)
	}
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	langs, err := projectLanguages(p, []string{c.String("lang")})
	if err != nil {
		return err
	}
	if len(langs) != 1 {
		return usagef("--lang takes one language: an XLIFF file has one target language")
	}
	doc, err := p.Export(langs[0], version)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := l10n.WriteXLIFF(&buf, doc); err != nil {
		return err
	}
	units, todo, review := 0, 0, 0
	for _, f := range doc.Files {
		for _, u := range f.Units {
			units++
			switch u.State {
			case l10n.Untranslated:
				todo++
			case l10n.NeedsReview:
				review++
			}
		}
	}
	summary := fmt.Sprintf("exported %d units of %s (%d to translate, %d to review) as XLIFF %s", units, langs[0], todo, review, version)
	out := c.String("out")
	if out == "-" {
		if _, err := c.App.Writer.Write(buf.Bytes()); err != nil {
			return err
		}
		fmt.Fprintln(c.App.ErrWriter, summary)
		return nil
	}
	if err := l10n.WriteFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	return writeExport(c, summary, exportReport{Language: langs[0], XLIFF: version, Units: units, ToTranslate: &todo, ToReview: &review})
}

func l10nImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("fsn l10n import takes one XLIFF file, or a TMX file (*.tmx)")
	}
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	path := c.Args().First()
	var rep *translate.Report
	if strings.EqualFold(filepath.Ext(path), ".tmx") {
		rep, err = p.ImportTMX(path) // a translation memory, by the same rules
	} else {
		rep, err = p.Import(path, translate.ImportOptions{Partial: c.Bool("partial"), Overwrite: c.Bool("overwrite")})
	}
	if err != nil {
		return &noteError{err, "nothing was written"}
	}
	return writeL10nReport(c, p, rep)
}
