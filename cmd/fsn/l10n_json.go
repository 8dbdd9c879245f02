package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/translate"
)

// l10nFormatFlag is the --format of the fsn l10n commands that report what
// they did.
func l10nFormatFlag() cli.Flag {
	return &cli.StringFlag{Name: "format", Value: "text", Usage: "report as `text` or json: the files written with their size and SHA-256, the files removed, what was done, and the findings"}
}

// reportFormat checks --format; a command calls it first, so that a wrong
// value is refused before anything is read or written.
func reportFormat(c *cli.Context) error {
	if f := c.String("format"); f != "text" && f != "json" {
		return usagef("--format %q is not known; use text or json", f)
	}
	return nil
}

// l10nReportKeys are the keys of the JSON report of sync, merge, stamp, add
// and import, empty, for the report of a command that failed.
var l10nReportKeys = map[string]any{"done": []string{}, "files": []writtenFile{}, "removed": []string{}}

// l10nAction runs action, one of the translator's commands that write locale
// and work files, with --format checked first and, for json, a JSON report
// even when it fails.
func l10nAction(action cli.ActionFunc) cli.ActionFunc {
	return jsonReport(formatJSON, l10nReportKeys, func(c *cli.Context) error {
		if err := reportFormat(c); err != nil {
			return err
		}
		return action(c)
	})
}

// writeL10nReport prints what a command did: as text, each line of rep.Done to
// standard output and the warnings to standard error; as JSON, the warnings
// still to standard error and, on standard output, every file p's commands
// wrote (with its size and SHA-256) and removed, rep.Done and more lines, and
// the warnings as findings.
func writeL10nReport(c *cli.Context, p *translate.Project, rep *translate.Report, more ...string) error {
	if !formatJSON(c) {
		printReport(c, rep)
		for _, line := range more {
			fmt.Fprintln(c.App.Writer, line)
		}
		return nil
	}
	printWarnings(c, rep)
	files, err := describeFiles(p.FilesWritten())
	if err != nil {
		return err
	}
	removed := p.FilesRemoved()
	if removed == nil {
		removed = []string{}
	}
	return check.WriteJSONValue(c.App.Writer, map[string]any{
		"done":     append(append([]string{}, rep.Done...), more...),
		"files":    files,
		"removed":  removed,
		"findings": check.JSONDiagnostics(rep.Warnings),
	})
}

// exportReport is the JSON report of fsn l10n export and fsn l10n tm export.
type exportReport struct {
	Language    string        `json:"language,omitempty"`
	XLIFF       string        `json:"xliff,omitempty"`
	Units       int           `json:"units"`
	ToTranslate *int          `json:"to_translate,omitempty"`
	ToReview    *int          `json:"to_review,omitempty"`
	Files       []writtenFile `json:"files"`
	Findings    []any         `json:"findings"`
}

// exportKeys are the keys of exportReport, empty, for a failed export.
var exportKeys = map[string]any{"units": 0, "files": []writtenFile{}}

// exportAction runs action, fsn l10n export or tm export, with --format
// checked first: a JSON report goes to standard output, so the exported file
// must go to the file --out names.
func exportAction(action cli.ActionFunc) cli.ActionFunc {
	return jsonReport(formatJSON, exportKeys, func(c *cli.Context) error {
		if err := reportFormat(c); err != nil {
			return err
		}
		if formatJSON(c) && c.String("out") == "-" {
			return usagef("--format json writes the report to standard output; name the file to export to with --out FILE")
		}
		return action(c)
	})
}

// writeExport writes the export's summary, or with --format json its report
// of rep and the file it wrote.
func writeExport(c *cli.Context, summary string, rep exportReport) error {
	if !formatJSON(c) {
		fmt.Fprintf(c.App.Writer, "%s to %s\n", summary, c.String("out"))
		return nil
	}
	files, err := describeFiles([]string{c.String("out")})
	if err != nil {
		return err
	}
	rep.Files, rep.Findings = files, []any{}
	return check.WriteJSONValue(c.App.Writer, rep)
}
