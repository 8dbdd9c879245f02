// Command fsn builds Field Safety Notices into translated Markdown, HTML and PDF
// editions. Run `fsn --help` for the commands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/diag"
)

// The exit status of every command, as docs/checks.md and fsn --help list it.
const (
	exitOK         = 0 // done: no errors
	exitInputError = 1 // the inputs load but have errors (findings): nothing was written
	exitUsage      = 2 // the command line is wrong, or an input cannot be read or parsed at all
)

// exitStatus is the table fsn --help and the man page show.
const exitStatus = "EXIT STATUS (every command):\n" +
	"   0  done, no errors\n" +
	"   1  findings: the inputs were read and have errors (or warnings with --strict);\n" +
	"      nothing was written\n" +
	"   2  a wrong command line, or an input that cannot be read or parsed: a missing\n" +
	"      folder, an unreadable file, a notice.yaml, locale file or template that is\n" +
	"      not valid YAML, TOML or template syntax"

func main() {
	tuneGC()
	os.Exit(run(os.Args, os.Stdout, os.Stderr))
}

// tuneGC lets the heap grow to five times what is live between collections,
// not twice (GOGC=400): a build allocates about 20 MB per edition and keeps
// little of it, so the collector cost a fifth of the CPU time. The soft memory
// limit makes it collect more often again before the process nears gcLimit.
// GOGC and GOMEMLIMIT, when set, take precedence.
func tuneGC() {
	const gcLimit = 128 << 20
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcLimit)
	}
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
		fmt.Fprintf(stderr, "fsn: %v\nRun 'fsn help' for usage.\n", err)
		return exitUsage
	}
	diags := diag.From(err)
	diags.Sort()
	diag.Print(stderr, diags)
	summary := plural(len(diags), "error")
	code := exitInputError
	if diags.Unreadable() {
		summary += "; an input cannot be read"
		code = exitUsage
	}
	var note *noteError
	if errors.As(err, &note) {
		summary += "; " + note.note
	}
	fmt.Fprintf(stderr, "fsn: %s\n", summary)
	return code
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
			"out/<id>/<id>.<lang>.md, .html and .pdf. It works from any folder of a project\n" +
			"(the nearest folder holding notices/); the templates and labels fsn ships are\n" +
			"built in, and a project's own files of the same name replace them. Start one\n" +
			"with fsn init. Documentation: README.md and docs/.\n\n" + exitStatus,
		Writer:               stdout,
		ErrWriter:            stderr,
		EnableBashCompletion: true,
		HideHelpCommand:      true, // helpCommand takes its place
		Flags:                []cli.Flag{cli.HelpFlag},
		OnUsageError:         onUsageError,
		ExitErrHandler:       func(*cli.Context, error) {}, // run maps errors to exit codes
		Commands:             []*cli.Command{initCommand(), buildCommand(), newCommand(), checkCommand(), verifyCommand(), publishCommand(), l10nCommand(), completionCommand(), manCommand(), helpCommand()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q", c.Args().First())
			}
			return usagef("no command given; the main one is 'fsn build'")
		},
	}
}

// helpCommand is fsn help [COMMAND [SUBCOMMAND]]: what --help of that command
// prints, as go help does. It stands in for urfave/cli's help command, which is
// one value shared by every app and grows a cycle when run more than once in a
// process.
func helpCommand() *cli.Command {
	return &cli.Command{
		Name:         "help",
		Usage:        "show the commands, or what one command does: fsn help build",
		ArgsUsage:    "[COMMAND [SUBCOMMAND]]",
		HideHelp:     true,
		OnUsageError: onUsageError,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.ShowAppHelp(c)
			}
			args := c.Args().Slice()
			cmd := c.App.Command(args[0])
			if cmd == nil || cmd.Name == "help" {
				return usagef("unknown command %q; fsn help lists the commands", args[0])
			}
			if len(args) > 1 && cmd.Command(args[1]) == nil {
				return usagef("unknown command %q of fsn %s; fsn help %s lists them", args[1], cmd.Name, cmd.Name)
			}
			return c.App.Run(append(append([]string{c.App.Name}, args...), "--help"))
		},
	}
}
