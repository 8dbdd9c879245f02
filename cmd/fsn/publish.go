package main

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/site"
)

func publishCommand() *cli.Command {
	return &cli.Command{
		Name:            "publish",
		Usage:           "check, build, sign and verify every notice, then write the website",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Description: "Checks the translations of every notice in --notices, builds and signs every\n" +
			"edition into --build-out (as fsn build does), verifies each PDF's signature and\n" +
			"reads every edition back (as fsn verify does), then writes the static website\n" +
			"to --out: an index per language, a page per notice and language with its signed\n" +
			"PDF and Markdown editions, sitemap.xml, an Atom feed per language, SHA256SUMS\n" +
			"and manifest.json. The site is written beside --out and swapped in at the end:\n" +
			"if any step fails, nothing is published and --out holds the previous site.\n\n" +
			"--base-url is the absolute URL the site is served from; the sitemap, the feeds\n" +
			"and the canonical links need it, and without it the site has none of them.\n\n" +
			"Signing works as in fsn build (see fsn build --help), except that publish\n" +
			"always signs. Exit status: 0 published, 1 a step failed, 2 bad command line or\n" +
			"unreadable sources.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Value: "out/site", Usage: "folder the website is written to"},
			&cli.StringFlag{Name: "base-url", EnvVars: []string{"FSN_BASE_URL"}, Usage: "absolute `URL` the website is served from, such as https://example.com/safety/"},
			&cli.StringFlag{Name: "build-out", Value: "out", Usage: "folder the editions are built into, as `DIR`/<id>/<id>.<lang>.<format>"},
			trustFlag,
			&cli.StringFlag{Name: "format", Value: "text", Usage: "`text`, or json: every file written (editions and site) with its size and SHA-256, and the warnings or errors"},
			noticesFlag, localesFlag, templatesFlag,
		}, publishSigningFlags()...),
		Action: jsonReport(formatJSON, map[string]any{"editions": []any{}, "files": []any{}}, runPublish),
	}
}

// publishSigningFlags are the signing flags of fsn build but --no-sign: a
// published PDF is always signed.
func publishSigningFlags() []cli.Flag {
	var flags []cli.Flag
	for _, f := range signingFlags() {
		if f.Names()[0] != "no-sign" {
			flags = append(flags, f)
		}
	}
	return flags
}

func runPublish(c *cli.Context) error {
	if f := c.String("format"); f != "text" && f != "json" {
		return usagef("--format %q is not known; use text or json", f)
	}
	if c.NArg() > 0 {
		return usagef("publish takes no notice folders: it publishes every notice in --notices (%s)", folder(c, "notices"))
	}
	base, err := baseURL(c.String("base-url"))
	if err != nil {
		return err
	}
	notices, catalog, err := loadLabels(c)
	if err != nil {
		return err
	}
	trust, err := trustedRoots(c.String("trust"))
	if err != nil {
		return err
	}
	opts, err := buildOptions(c, folder(c, "build-out"))
	if err != nil {
		return err
	}
	if opts.Signer == nil {
		return usagef("publish signs every PDF edition; configure a signing key (see fsn build --help)")
	}
	langs := map[string]bool{} // the translations': the editions fr-BE and fr-CH are in one language
	for _, n := range notices {
		for _, l := range n.Languages {
			langs[l] = true
		}
	}
	p, err := site.Publish(site.PublishOptions{
		Notices: notices, Catalog: catalog, Build: opts,
		Dir: folder(c, "out"), BaseURL: base, Trust: trust,
	})
	if err != nil {
		return &noteError{err, untouched(err, "nothing was published: "+folder(c, "out")+" holds the previous site")}
	}
	diag.Print(c.App.ErrWriter, p.Warnings)
	if formatJSON(c) {
		editions, err := describeFiles(p.Build.Written)
		if err != nil {
			return err
		}
		files := []writtenFile{}
		for _, f := range p.Site.Files {
			files = append(files, writtenFile{Path: path.Join(filepath.ToSlash(folder(c, "out")), f.Path), Size: int64(f.Size), SHA256: f.SHA256})
		}
		return check.WriteJSONValue(c.App.Writer, map[string]any{"editions": editions, "files": files, "findings": check.JSONDiagnostics(p.Warnings)})
	}
	fmt.Fprintf(c.App.Writer, "published %s in %s: %s in %s\n", plural(len(p.Build.Records), "notice"),
		plural(len(langs), "language"), plural(len(p.Site.Files), "file"), folder(c, "out"))
	if base == nil {
		fmt.Fprintln(c.App.ErrWriter, "fsn: note: no --base-url, so the site has no sitemap.xml, no feeds and no canonical links")
	}
	return nil
}

// baseURL parses --base-url: an absolute http or https URL, as a folder. An empty
// value gives nil.
func baseURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, usagef("--base-url %q is not an absolute http or https URL without query or fragment; use one such as https://example.com/safety/", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}
