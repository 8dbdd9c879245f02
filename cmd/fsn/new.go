package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"text/template"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/project"
)

// newNoticeTemplate is the scaffold in the templates folder that `fsn new` fills in.
const newNoticeTemplate = "new-notice.yaml.tmpl"

var noticeID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func newCommand() *cli.Command {
	return &cli.Command{
		Name:            "new",
		Usage:           "create a notice folder with every section present and explained",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		ArgsUsage:       "ID",
		Description: "Writes <notices>/ID/notice.yaml from templates/" + newNoticeTemplate + ".\n" +
			"Each field holds a TODO placeholder and a comment saying what belongs there;\n" +
			"fsn build refuses the notice until every TODO is replaced.",
		Flags: []cli.Flag{noticesFlag, templatesFlag,
			&cli.StringFlag{Name: "date", Usage: "date of the letter as `YYYY-MM-DD` (default: today)"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("fsn new takes one notice id, such as acme-pump-2026-03")
			}
			id := c.Args().First()
			if !noticeID.MatchString(id) {
				return usagef("notice id %q must be lower-case letters, digits and hyphens, such as acme-pump-2026-03", id)
			}
			date := c.String("date")
			if date == "" {
				date = time.Now().Format(time.DateOnly)
			} else if _, err := time.Parse(time.DateOnly, date); err != nil {
				return usagef("--date %q is not a date; write YYYY-MM-DD", date)
			}
			path, err := scaffold(templates(c), folder(c, "notices"), id, date)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.App.Writer, "created %s\nReplace every TODO, then run: fsn build %s\n", path, filepath.Dir(path))
			return nil
		},
	}
}

// scaffold writes noticesDir/id/notice.yaml and returns its path.
func scaffold(templatesDir project.Dir, noticesDir, id, date string) (string, error) {
	tmplPath := templatesDir.File(newNoticeTemplate)
	src, err := input.ReadFile(tmplPath, input.Template)
	if err != nil {
		return "", err
	}
	tmpl, err := template.New(tmplPath).Parse(string(src))
	if err != nil {
		return "", fmt.Errorf("%s: cannot read the notice scaffold: %w", tmplPath, err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, map[string]string{"ID": id, "Date": date}); err != nil {
		return "", fmt.Errorf("%s: %w", tmplPath, err)
	}
	dir := filepath.Join(noticesDir, id)
	path := filepath.Join(dir, "notice.yaml")
	if _, err := os.Stat(path); err == nil {
		return "", usagef("%s already exists; choose another id or edit it", path)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, buf.Bytes(), 0o644)
}
