package translate

import (
	"bytes"
	"fmt"
	"os"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// SourceFile returns the path and content of the go-i18n source message file
// of notice n: locales/<source language>/<id>.<source language>.toml, each text
// of notice.yaml with its description and no hash, in the notice's order. It
// is what `goi18n merge` needs beside a notice's translations, as it needs
// labels.en.toml beside the labels': goi18n computes each message's hash from
// it, and writes translate.<lang>.toml of the messages missing or stale in a
// language. fsn itself reads the source texts from notice.yaml only.
func (p *Project) SourceFile(n *notice.Notice) (string, []byte) {
	t := Target{Name: n.ID, Lang: n.SourceLanguage, Notice: n}
	var updates []l10n.Update
	for _, s := range p.sources(t) {
		updates = append(updates, l10n.Update{Message: &i18n.Message{ID: s.ID, Description: s.Description, Other: s.Other}})
	}
	header := fmt.Sprintf("# The source texts of notice %s, in %s, from notice.yaml: the go-i18n source file that\n"+
		"# `goi18n merge` reads beside the translations. Written by fsn l10n sync; do not edit it, edit notice.yaml.\n",
		n.ID, languageName(n.SourceLanguage))
	return p.Catalog.Dir.OnDisk(p.Path(t)), l10n.UpdateFile(n.ID, []byte(header), updates, nil)
}

// writeSourceFiles writes the source file of every notice that differs from
// what SourceFile gives, and says so in rep.
func (p *Project) writeSourceFiles(rep *Report) error {
	for _, n := range p.Notices {
		path, data := p.SourceFile(n)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			continue
		}
		if _, err := l10n.ParseFile(path, data); err != nil {
			return fmt.Errorf("fsn wrote the source file %s in a form it cannot read back, so it wrote nothing: %w", path, err)
		}
		if err := p.writeFile(path, data); err != nil {
			return err
		}
		rep.say("wrote %s: the go-i18n source file of notice %s, %d messages", path, n.ID, len(n.Texts()))
	}
	return nil
}
