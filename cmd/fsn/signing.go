package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/sign"
)

// devSigningFolder is the folder, at the project root, of the development
// certificate fsn creates when no signing key is configured; the repository's
// .gitignore covers it.
const devSigningFolder = ".fsn/signing"

// devSigningDir returns where the development certificate lives: .fsn/signing
// at the project root, which is the nearest folder from the current one upwards
// that holds notices/ and is not in an fsn out folder (as git finds its
// repository); without a project, fsn/signing in the user's config folder. It is
// never inside an out folder, whatever the current folder is. The path is
// relative to the current folder when it is below it, as in messages.
func devSigningDir() (string, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("cannot tell the current folder: %w", err)
	}
	root := project.Root(cwd)
	if root == "" {
		config, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("no project folder (one holding notices/) here or above, and no user config folder (%v) for the development certificate; configure a signing key or use --no-sign", err)
		}
		return filepath.Join(config, "fsn", "signing"), nil
	}
	return project.Rel(cwd, filepath.Join(root, filepath.FromSlash(devSigningFolder))), nil
}

// signingFlags configure the signing of PDF editions. Key files come from flags
// or the environment; the password only from the environment or a file.
func signingFlags() []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "no-sign", Usage: "write unsigned PDFs (byte-reproducible)"},
		&cli.StringFlag{Name: "sign-cert", EnvVars: []string{"FSN_SIGN_CERT"}, Usage: "PEM `FILE` with the signing certificate (and its chain)"},
		&cli.StringFlag{Name: "sign-key", EnvVars: []string{"FSN_SIGN_KEY"}, Usage: "PEM `FILE` with the private key (RSA or ECDSA)"},
		&cli.StringFlag{Name: "sign-p12", EnvVars: []string{"FSN_SIGN_P12"}, Usage: "PKCS#12 `FILE` (.p12/.pfx) with certificate and key, instead of --sign-cert/--sign-key"},
		&cli.StringFlag{Name: "sign-password-file", EnvVars: []string{"FSN_SIGN_PASSWORD_FILE"}, Usage: "`FILE` holding the key's password (or set FSN_SIGN_PASSWORD)"},
		&cli.StringFlag{Name: "sign-location", EnvVars: []string{"FSN_SIGN_LOCATION"}, Usage: "where the notice is signed (default: the manufacturer's town and country)"},
		&cli.StringFlag{Name: "tsa-url", EnvVars: []string{"FSN_TSA_URL"}, Usage: "RFC 3161 timestamp authority `URL` to timestamp each signature"},
	}
}

// signer returns the signer the command line and environment configure, nil for
// --no-sign, or the development signer (created on first use) when no key is
// configured, with a warning that its editions are not for distribution.
func signer(c *cli.Context, now time.Time) (*sign.Signer, error) {
	if c.Bool("no-sign") {
		return nil, nil
	}
	cfg := sign.Config{CertFile: c.String("sign-cert"), KeyFile: c.String("sign-key"), P12File: c.String("sign-p12")}
	if cfg.CertFile == "" && cfg.KeyFile == "" && cfg.P12File == "" {
		dir, err := devSigningDir()
		if err != nil {
			return nil, err
		}
		s, created, err := sign.Development(dir, now)
		if err != nil {
			return nil, diag.Errorf(diag.Pos{File: dir}, "%v", err)
		}
		verb := "using"
		if created {
			verb = "created"
		}
		fmt.Fprintf(c.App.ErrWriter, "fsn: warning: no signing key configured; %s the development certificate in %s.\n"+
			"  PDFs signed with it are NOT FOR DISTRIBUTION. Set FSN_SIGN_CERT and FSN_SIGN_KEY\n"+
			"  (or FSN_SIGN_P12) to sign with the signatory's key.\n", verb, dir)
		return s, nil
	}
	var err error
	if cfg.Password, err = signingPassword(c.String("sign-password-file")); err != nil {
		return nil, err
	}
	return sign.Load(cfg, now)
}

// signingPassword reads the key's password from a file (its last line break
// dropped) or from FSN_SIGN_PASSWORD; it is never a flag, so it stays out of
// shell histories and process lists.
func signingPassword(file string) ([]byte, error) {
	if file == "" {
		return []byte(os.Getenv("FSN_SIGN_PASSWORD")), nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, diag.Errorf(diag.Pos{File: file}, "cannot read the password file: %v", err)
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	return bytes.TrimSuffix(data, []byte("\r")), nil
}
