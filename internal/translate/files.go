package translate

import (
	"slices"

	"github.com/fsn-tool/fsn/internal/l10n"
)

// changedFiles lists the files that the project's commands wrote and
// removed, each once, in the order of the first change.
type changedFiles struct {
	written, gone []string
}

// wrote records that path was written; "" records nothing.
func (c *changedFiles) wrote(path string) {
	if path != "" && !slices.Contains(c.written, path) {
		c.written = append(c.written, path)
	}
	c.gone = slices.DeleteFunc(c.gone, func(p string) bool { return p == path })
}

// removed records that path was removed; "" records nothing.
func (c *changedFiles) removed(path string) {
	if path != "" && !slices.Contains(c.gone, path) {
		c.gone = append(c.gone, path)
	}
	c.written = slices.DeleteFunc(c.written, func(p string) bool { return p == path })
}

// writeFile writes data to path, whole or not at all (l10n.WriteFileAtomic),
// and records it for FilesWritten.
func (p *Project) writeFile(path string, data []byte) error {
	if err := l10n.WriteFileAtomic(path, data); err != nil {
		return err
	}
	p.files.wrote(path)
	return nil
}

// FilesWritten returns the files that the commands run on p wrote, each
// once, in the order first written: for the report of a command, with their
// sizes and hashes (fsn l10n … --format json).
func (p *Project) FilesWritten() []string { return slices.Clone(p.files.written) }

// FilesRemoved returns the files that the commands run on p removed (work
// files with nothing left to translate, the history under its old name).
func (p *Project) FilesRemoved() []string { return slices.Clone(p.files.gone) }
