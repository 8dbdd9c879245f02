package translate

import (
	"strings"
)

// Stamp records, in every translation of langs (every language when empty)
// that carries no hash, the hash of its current source text: the step that
// makes a translation written by hand, or shipped without hashes, part of the
// staleness check, so that a later change of its source makes it stale. It
// stamps only translations without a hash (one with another source's hash is
// stale, and stays so), and only after fsn check's rules accept each file it
// changes: a translation with an error stops it, and it writes nothing. Stamp
// what you have checked against the current source.
func (p *Project) Stamp(langs []string) (*Report, error) {
	if len(langs) == 0 {
		langs = p.Languages()
	}
	rep := &Report{}
	var changes []*change
	counts := map[string]int{}
	for _, lang := range langs {
		for _, t := range p.Targets(lang) {
			file := p.Catalog.File(t.Lang, t.Name)
			if file == nil {
				continue
			}
			ch := p.newChange(t)
			for _, s := range p.sources(t) {
				m := file.Messages[s.ID]
				if m == nil || m.Hash != "" || strings.TrimSpace(m.Other) == "" {
					continue
				}
				if ch.add(p, s, messageForms(m.Message), nil, m.Pos) {
					counts[p.Path(t)]++
				}
			}
			changes = append(changes, ch)
		}
	}
	written, warnings, err := p.apply(changes)
	rep.Warnings = warnings
	if err != nil {
		return nil, err
	}
	for _, path := range written {
		rep.say("wrote %s: stamped %d translations with the hash of their source", path, counts[path])
	}
	if len(written) == 0 {
		rep.say("every translation has a hash; nothing to stamp")
		return rep, nil
	}
	return rep, p.saveHistory()
}
