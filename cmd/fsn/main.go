// Command fsn builds Field Safety Notices into translated Markdown, HTML and PDF
// editions. Run `fsn --help` for the commands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/diag"
)

// Exit codes.
const (
	exitOK         = 0
	exitInputError = 1 // the inputs have errors: nothing was written
	exitUsage      = 2 // the command line is wrong
)

func main() {
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// run runs the fsn command line and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	err := app.Run(args)
	if err == nil {
		return exitOK
	}
	var usage *usageError
	var buildUsage *build.UsageError
	switch {
	case errors.As(err, &usage), errors.As(err, &buildUsage):
		fmt.Fprintf(stderr, "fsn: %v\nRun 'fsn --help' for usage.\n", err)
		return exitUsage
	}
	diags := diag.From(err)
	diags.Sort()
	diag.Print(stderr, diags)
	summary := plural(len(diags), "error")
	var note *noteError
	if errors.As(err, &note) {
		summary += "; " + note.note
	}
	fmt.Fprintf(stderr, "fsn: %s\n", summary)
	return exitInputError
}

// noteError adds a closing remark to a command's errors, such as what it left untouched.
type noteError struct {
	err  error
	note string
}

func (e *noteError) Error() string { return e.err.Error() }
func (e *noteError) Unwrap() error { return e.err }

// onUsageError makes a wrong flag a usage error, for the app and every command.
func onUsageError(_ *cli.Context, err error, _ bool) error { return usagef("%v", err) }

// usageError is a command line that cannot be run.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "fsn",
		Usage:   "build Field Safety Notices into translated Markdown, HTML and PDF editions",
		Version: fsnVersion(),
		Description: "fsn reads a structured notice (notices/<id>/notice.yaml), its translations\n" +
			"(locales/<lang>/*.toml) and the templates (templates/), and writes\n" +
			"out/<id>/<id>.<lang>.md, .html and .pdf. Documentation: README.md and docs/.",
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		OnUsageError:    onUsageError,
		ExitErrHandler:  func(*cli.Context, error) {}, // run maps errors to exit codes
		Commands:        []*cli.Command{initCommand(), buildCommand(), newCommand(), checkCommand(), verifyCommand(), publishCommand(), l10nCommand()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q", c.Args().First())
			}
			return usagef("no command given; the main one is 'fsn build'")
		},
	}
}
