// Package fsn holds the files fsn ships inside its binary, so that the tool
// works from any folder: the default templates (templates/, with the PDF style
// and everything it names) and the labels of every shipped language
// (locales/<lang>/labels.<lang>.toml). A project's own templates/ and locales/
// override them file by file (see internal/project). The package is at the
// root of the module because go:embed reads only below the folder of its file.
package fsn

import "embed"

// Defaults are the embedded files, named as in the repository: templates/… and
// locales/<lang>/labels.<lang>.toml.
//
//go:embed templates locales/*/labels.*.toml
var Defaults embed.FS
