package main

import (
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/project"
)

// projectRoot returns the root of the project the current folder is in
// (project.Root), or "" outside a project.
func projectRoot() string {
	cwd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return project.Root(cwd)
}

// folder returns the folder the flag name gives: its value as typed when it
// was set on the command line, else its default in the project's root folder,
// so that fsn works from any folder of a project as git does. Outside a
// project, the default is in the current folder.
func folder(c *cli.Context, name string) string {
	v := c.String(name)
	if c.IsSet(name) {
		return v
	}
	r := projectRoot()
	cwd, err := os.Getwd()
	if r == "" || err != nil || r == cwd {
		return v
	}
	return project.Rel(cwd, filepath.Join(r, v))
}

// templates and locales are the folders of --templates and --locales, over
// the defaults fsn ships in its binary.
func templates(c *cli.Context) project.Dir { return project.Templates(folder(c, "templates")) }
func locales(c *cli.Context) project.Dir   { return project.Locales(folder(c, "locales")) }
