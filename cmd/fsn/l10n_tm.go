package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// l10nTMCommand is fsn l10n tm: the translation memory. sub prepares a
// subcommand as fsn l10n's own.
func l10nTMCommand(sub func(*cli.Command) *cli.Command) *cli.Command {
	return &cli.Command{
		Name:  "tm",
		Usage: "the translation memory: every approved translation of every notice",
		Description: "fsn l10n sync offers the memory's matches in the work files; fsn l10n tm export\n" +
			"writes it as TMX 1.4b for a CAT tool, and fsn l10n import takes a TMX file back.",
		Subcommands: []*cli.Command{
			sub(&cli.Command{
				Name:  "export",
				Usage: "write every approved translation as a TMX 1.4b file",
				Description: "One translation unit per message of a notice, with its source text and the current\n" +
					"translation of every language; the tuid names the notice and the message.",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Value: "-", Usage: "write to `FILE` instead of standard output"},
				},
				Action: exportAction(l10nTMExport),
			}),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q of fsn l10n tm; use export", c.Args().First())
			}
			return usagef("fsn l10n tm needs a command: export")
		},
	}
}

func l10nTMExport(c *cli.Context) error {
	p, err := loadProject(c)
	if err != nil {
		return err
	}
	data, units, err := p.ExportTMX()
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("exported %d approved translations as TMX 1.4b", units)
	out := c.String("out")
	if out == "-" {
		if _, err := c.App.Writer.Write(data); err != nil {
			return err
		}
		fmt.Fprintln(c.App.ErrWriter, summary)
		return nil
	}
	if err := l10n.WriteFileAtomic(out, data); err != nil {
		return err
	}
	return writeExport(c, summary, exportReport{Units: units})
}
