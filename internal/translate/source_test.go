package translate

import (
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// TestSourceFile checks the go-i18n source file that sync writes for
// goi18n merge: every text of the notice, in order, with its description and
// the text from notice.yaml, so that go-i18n's hash of each is fsn's; a
// second sync leaves it alone, and one after notice.yaml changed rewrites it.
func TestSourceFile(t *testing.T) {
	dir := fsntest.CopySeedProject(t)
	path := localePath(dir, "en", seed)
	if _, err := load(t, dir).Sync(nil); err != nil {
		t.Fatal(err)
	}
	f, err := l10n.ParseFile(path, []byte(read(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	p := load(t, dir)
	texts := p.Notices[0].Texts()
	if len(f.Messages) != len(texts) {
		t.Fatalf("%s has %d messages, the notice %d", path, len(f.Messages), len(texts))
	}
	for i, text := range texts {
		m := f.Messages[text.ID]
		if m == nil || m.Other != text.Value || m.Description != text.Description || m.Hash != "" {
			t.Fatalf("%s has %s as %+v, want the text and description of notice.yaml and no hash", path, text.ID, m)
		}
		if got := l10n.SourceHash(&notice.Text{Description: m.Description, Value: m.Other}); got != l10n.SourceHash(text) {
			t.Errorf("%s: go-i18n's hash of %s is %s, fsn's %s", path, text.ID, got, l10n.SourceHash(text))
		}
		if i > 0 && m.Pos.Line <= f.Messages[texts[i-1].ID].Pos.Line {
			t.Errorf("%s: %s is not after %s, as in the notice", path, text.ID, texts[i-1].ID)
		}
	}
	rep, err := p.Sync(nil)
	if err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(rep.Done, func(s string) bool { return strings.Contains(s, path) }) {
		t.Errorf("a second sync wrote the source file again: %q", rep.Done)
	}
	fsntest.Replace(t, p.Notices[0].File, "Restart the server and then run an antivirus scan.", "Restart the server and then run a full antivirus scan.")
	if rep, err = load(t, dir).Sync(nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(rep.Done, "wrote "+path+": the go-i18n source file of notice "+seed+", 59 messages") || !strings.Contains(read(t, path), "run a full antivirus scan") {
		t.Errorf("sync after a change of notice.yaml said %q and left %s as it was", rep.Done, path)
	}
}
