package main

import (
	"bytes"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"text/template"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/project"
)

// skeleton holds the files fsn init writes, templates of text/template given
// the fsn version that a CI job installs.
//
//go:embed skeleton
var skeleton embed.FS

// initFiles are the files fsn init writes, relative to the project folder,
// each with its template in skeleton; the folders among them get a .keep so
// that git keeps them.
var initFiles = []struct{ path, from string }{
	{"notices/.keep", ""},
	{"locales/.keep", ""},
	{"README.md", "skeleton/README.md.tmpl"},
	{".gitignore", "skeleton/gitignore"},
	{".github/workflows/fsn.yml", "skeleton/fsn.yml.tmpl"},
}

func initCommand() *cli.Command {
	return &cli.Command{
		Name:            "init",
		Usage:           "start a project: notices/, locales/, a README, .gitignore and a CI workflow",
		ArgsUsage:       "[DIR]",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Description: "Writes, in DIR (default: the current folder, created when missing), the folders\n" +
			"notices/ and locales/, a README.md for the people who write and translate the\n" +
			"notices, a .gitignore for out/ and .fsn/, and .github/workflows/fsn.yml, a GitHub\n" +
			"Actions job that checks, builds and verifies every pull request. The templates and\n" +
			"labels come from fsn itself: put a file of the same name in templates/ or\n" +
			"locales/<lang>/ to replace one. Refuses a DIR that is a project already or holds\n" +
			"one of these files, and writes nothing then.",
		Action: func(c *cli.Context) error {
			if c.NArg() > 1 {
				return usagef("fsn init takes at most one folder")
			}
			dir := c.Args().First()
			if dir == "" {
				dir = "."
			}
			if err := initProject(dir, installVersion()); err != nil {
				return err
			}
			next := "fsn new ID"
			if dir != "." {
				next = "cd " + dir + " && " + next
			}
			fmt.Fprintf(c.App.Writer, "created the fsn project %s\nNext: %s, such as acme-pump-2026-03\n", dir, next)
			return nil
		},
	}
}

// initProject writes the files of a new project into dir, or, when dir is a
// project already or holds one of them, nothing.
func initProject(dir, version string) error {
	if _, err := os.Stat(filepath.Join(dir, project.Marker)); err == nil {
		return usagef("%s is an fsn project already: it holds %s/", dir, project.Marker)
	}
	data := map[string][]byte{}
	for _, f := range initFiles {
		path := filepath.Join(dir, filepath.FromSlash(f.path))
		if _, err := os.Lstat(path); err == nil {
			return usagef("%s exists; fsn init writes it, so move it away or start the project elsewhere", path)
		}
		if f.from == "" {
			data[f.path] = nil
			continue
		}
		src, err := skeleton.ReadFile(f.from)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := template.Must(template.New(f.from).Parse(string(src))).Execute(&buf, map[string]string{"Version": version}); err != nil {
			return err
		}
		data[f.path] = buf.Bytes()
	}
	for _, f := range initFiles {
		path := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data[f.path], 0o644); err != nil {
			return err
		}
	}
	return nil
}
