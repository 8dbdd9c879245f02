package check

import (
	"runtime"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// noticeSources are what the checks of every edition of a notice share: the
// notice's vocabulary, and its texts as the sources of its translations, each
// parsed once and its tokens found once, however many languages there are.
type noticeSources struct {
	names   map[string]string // describe(n)
	voc     *vocabulary
	sources []*source // in the order of n.Texts()
}

// newNoticeSources parses the texts of n and finds their tokens with the
// vocabulary of n and of the terms untranslated.
func newNoticeSources(n *notice.Notice, untranslated []string) *noticeSources {
	ns := &noticeSources{names: describe(n), voc: newVocabulary(n, untranslated)}
	steps := map[string]bool{}
	for _, l := range stepLists(n) {
		for _, s := range l.steps {
			steps[s.Text.ID] = true
			for _, note := range s.Notes {
				steps[note.Text.ID] = true
			}
		}
	}
	for _, t := range n.Texts() {
		parsed := parseMarkup(t.Value)
		parsed.tokens(ns.voc) // now, so that editions checked side by side only read them
		ns.sources = append(ns.sources, &source{
			Message: &i18n.Message{ID: t.ID, Description: t.Description, Other: t.Value},
			what:    ns.names[t.ID], step: steps[t.ID], hash: l10n.SourceHash(t), parsed: parsed,
		})
	}
	return ns
}

// sourceCache holds the sources of the notices checked last. A build checks
// a notice's editions side by side and Check goes notice by notice, so a few
// notices are enough for each to be prepared once, and memory stays the same
// whatever the number of notices.
type sourceCache struct {
	mu      sync.Mutex
	entries map[*notice.Notice]*sourceEntry
	order   []*notice.Notice // oldest first
}

type sourceEntry struct {
	once    sync.Once
	sources *noticeSources
}

// sourcesOf returns the sources of n, prepared on first use.
func (c *Checker) sourcesOf(n *notice.Notice) *noticeSources {
	sc := &c.sources
	sc.mu.Lock()
	e, ok := sc.entries[n]
	if !ok {
		if sc.entries == nil {
			sc.entries = map[*notice.Notice]*sourceEntry{}
		}
		if len(sc.order) >= 4*runtime.GOMAXPROCS(0) {
			delete(sc.entries, sc.order[0])
			sc.order = sc.order[1:]
		}
		e = &sourceEntry{}
		sc.entries[n] = e
		sc.order = append(sc.order, n)
	}
	sc.mu.Unlock()
	e.once.Do(func() {
		tb, _ := c.termbase()
		e.sources = newNoticeSources(n, untranslated(tb, n.SourceLanguage))
	})
	return e.sources
}
