package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/diag"
)

// reportedError is an error whose findings a command has written as its
// report already; run still prints them to standard error and sets the exit status.
type reportedError struct{ err error }

func (e *reportedError) Error() string { return e.err.Error() }
func (e *reportedError) Unwrap() error { return e.err }

// jsonReport makes action write, when wantJSON says the command reports in
// JSON and it fails before writing its report, a JSON report of the failure
// to standard output: the keys of empty, and "findings" with every error. So
// a JSON report is always valid JSON, even on a wrong --lang or an
// unparsable notice.
func jsonReport(wantJSON func(*cli.Context) bool, empty map[string]any, action cli.ActionFunc) cli.ActionFunc {
	return func(c *cli.Context) error {
		err := action(c)
		var reported *reportedError
		if err == nil || !wantJSON(c) || errors.As(err, &reported) {
			return err
		}
		out := map[string]any{"findings": check.JSONDiagnostics(diag.From(err))}
		for k, v := range empty {
			out[k] = v
		}
		if werr := check.WriteJSONValue(c.App.Writer, out); werr != nil {
			return werr
		}
		return err
	}
}

// formatJSON reports whether --format is json.
func formatJSON(c *cli.Context) bool { return c.String("format") == "json" }

// writtenFile is a file a command wrote, as its JSON report lists it.
type writtenFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// describeFiles returns the path, size and SHA-256 of each file of paths, read
// back from where the command just wrote it.
func describeFiles(paths []string) ([]writtenFile, error) {
	out := []writtenFile{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, writtenFile{Path: filepath.ToSlash(p), Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
	}
	return out, nil
}
