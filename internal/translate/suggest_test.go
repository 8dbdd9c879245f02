package translate

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/project"
)

// unitOf returns the unit id of the file name of doc, or nil.
func unitOf(doc *l10n.XLIFF, name, id string) *l10n.XLIFFUnit {
	for _, f := range doc.Files {
		for _, u := range f.Units {
			if f.Name == name && u.ID == id {
				return u
			}
		}
	}
	return nil
}

// TestExportOffersTermsAndMatches exports the Italian messages of a project
// with a second notice that repeats the seed's sentences: each unit carries
// the termbase's entries whose source term it holds, and each unit to
// translate the translation memory's matches, an exact one too, only as a
// suggestion, never as its target; read back, the matches are suggestions
// again and the target is untouched.
func TestExportOffersTermsAndMatches(t *testing.T) {
	dir := withSecondNotice(t)
	seedIt := localePath(dir, "it", seed)
	tests := []struct {
		file, id string
		score    int      // of the best match, 0 for none
		terms    []string // the notes of the terms, in order
		xml12    []string // what the XLIFF 1.2 export holds for it
		xml21    []string // what the XLIFF 2.1 export holds for it
	}{
		{file: second, id: "transmission.keep", score: 100,
			xml12: []string{`<alt-trans match-quality="100%" origin="fsn: ` + seed + ` transmission.keep (` + seedIt + `:216:1)" alttranstype="proposal"><source>Please keep this information`,
				`<note from="developer">Translation memory: 100% ` + seed + ` transmission.keep (` + seedIt + `:216:1): “Please keep this information at least until the actions it describes have been completed.” → “Si prega di conservare`},
			xml21: []string{`<mtc:match ref="#seg" type="tm" origin="fsn: ` + seed + ` transmission.keep (` + seedIt + `:216:1)" similarity="100"><source>Please keep`}},
		{file: second, id: "actions.operators.steps.restart-and-scan", score: 81,
			terms: []string{
				"Termbase: “restart” → “riavviare” or “riavvio”; never “resettare”: Reset (ripristino) non è un riavvio: può cancellare dati o impostazioni. Usare riavviare.",
				"Termbase: “antivirus scan” → “scansione antivirus”"},
			xml12: []string{`<note from="developer">Termbase: “restart” → “riavviare” or “riavvio”; never “resettare”`, `match-quality="81%"`},
			xml21: []string{`<gls:glossEntry><gls:term source="` + filepath.Join(dir, "locales", "terms.tbx") + `:16:7">restart</gls:term><gls:translation source="`,
				`>riavviare</gls:translation>`, `>riavvio</gls:translation><gls:definition `, `>Never “resettare”: Reset (ripristino)`, `similarity="81"`}},
		{file: seed, id: "problem.not_affected.dicom",
			terms: []string{"Termbase: “DICOM” is never translated: keep it as written"},
			xml12: []string{`<note from="developer">Termbase: “DICOM” is never translated: keep it as written`},
			xml21: []string{`<gls:term source="` + filepath.Join(dir, "locales", "terms.tbx") + `:182:7">DICOM</gls:term><gls:translation source="` + filepath.Join(dir, "locales", "terms.tbx") + `:182:7">DICOM</gls:translation><gls:definition source="` + filepath.Join(dir, "locales", "terms.tbx") + `:182:7">Never translated: keep it as written.</gls:definition>`}},
	}
	for _, version := range []string{l10n.XLIFF12, l10n.XLIFF21} {
		t.Run(version, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "it.xlf")
			doc := export(t, load(t, dir), "it", version, path)
			text := read(t, path)
			back, err := l10n.ReadXLIFF(path, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			for _, tt := range tests {
				u, r := unitOf(doc, tt.file, tt.id), unitOf(back, tt.file, tt.id)
				if u == nil || r == nil {
					t.Fatalf("%s %s: not in the export", tt.file, tt.id)
				}
				var notes []string
				for _, term := range u.Terms {
					notes = append(notes, term.Note())
				}
				if len(notes) != len(tt.terms) {
					t.Errorf("%s: the terms are %q, want %q", tt.id, notes, tt.terms)
				}
				for i := range min(len(notes), len(tt.terms)) {
					if !strings.HasPrefix(notes[i], tt.terms[i]) {
						t.Errorf("%s: term %d is %q, want %q…", tt.id, i+1, notes[i], tt.terms[i])
					}
				}
				best := 0
				for _, s := range r.Suggestions {
					best = max(best, s.Quality)
				}
				if best != tt.score {
					t.Errorf("%s: the best match read back scores %d, want %d", tt.id, best, tt.score)
				}
				if tt.score > 0 && (r.State.Done() || (r.HasTarget && r.Target != r.Source)) {
					t.Errorf("%s: a match became the target: %q (%s)", tt.id, r.Target, stateOf(r))
				}
				if tt.score == 0 && slices.ContainsFunc(r.Suggestions, func(s *l10n.XLIFFSuggestion) bool { return !s.Earlier }) {
					t.Errorf("%s: a finished unit offers matches", tt.id)
				}
				want := tt.xml12
				if version == l10n.XLIFF21 {
					want = tt.xml21
				}
				for _, w := range want {
					if !strings.Contains(text, w) {
						t.Errorf("%s: the export lacks %s", tt.id, w)
					}
				}
				if r.Base == "" || r.Base != u.Base {
					t.Errorf("%s: the base read back is %q, want %q", tt.id, r.Base, u.Base)
				}
			}
		})
	}
}

// TestImportIgnoresSuggestions imports the exports of the second notice as
// they are: every unit to translate offers the seed's translations as matches,
// an exact one among them, and none is taken: the import leaves every unit out
// (an error, or warnings with --partial) and writes nothing.
func TestImportIgnoresSuggestions(t *testing.T) {
	for _, version := range []string{l10n.XLIFF12, l10n.XLIFF21} {
		t.Run(version, func(t *testing.T) {
			dir := withSecondNotice(t)
			path := exportFile(t, dir, "it", version)
			if !strings.Contains(read(t, path), "100") {
				t.Fatal("the export offers no exact match")
			}
			before := snapshot(t, dir)
			_, err := load(t, dir).Import(path, ImportOptions{})
			if err == nil || !strings.Contains(err.Error(), "units not translated") {
				t.Errorf("the import of an untouched export gave %v", err)
			}
			rep, err := load(t, dir).Import(path, ImportOptions{Partial: true})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Contains(rep.Done, "imported 0 translations from "+path) {
				t.Errorf("the import said %q", rep.Done)
			}
			sameFiles(t, before, snapshot(t, dir))
		})
	}
}

// TestImportRefusesOlderExport exports the Italian messages with one missing,
// then someone else changes another translation in the locale file; the
// translator's XLIFF comes back. A unit whose translation the translator
// changed is refused, both texts shown, and nothing is written, unless the
// import is told to overwrite; a unit left as exported keeps the newer
// translation, unless the translator added a waiver to it; a missing message
// translated in the locale file since is refused too.
func TestImportRefusesOlderExport(t *testing.T) {
	const (
		changed = "subject"                         // changed in the locale file after the export
		missing = "troubleshooting.steps.copy-file" // missing at the export
		newer   = "Aggiornamenti di antivirus e Windows sui server iQ-WEBX"
		xliffs  = "Esecuzione degli aggiornamenti antivirus e Windows sui server iQ-WEBX"
		copied  = "Copiare il file in `<La vostra directory di installazione iQ-WEBX>\\PACS\\php\\`."
	)
	tests := []struct {
		name      string
		targets   map[string]string // the translator's targets
		waiver    string            // a note the translator adds to the changed message's unit
		addLater  bool              // someone else translates the missing message too
		overwrite bool
		err       []string          // what the refusal says; nil for an import that succeeds
		want      map[string]string // the locale file's texts after a successful import
		said      string            // a line of its report
	}{
		{name: "changed", targets: map[string]string{changed: xliffs, missing: copied},
			err: []string{`changed message "subject" after this XLIFF was exported`, "“" + newer + "”", "“" + xliffs + "”", "--overwrite"}},
		{name: "overwrite", targets: map[string]string{changed: xliffs, missing: copied}, overwrite: true,
			want: map[string]string{changed: xliffs, missing: copied}},
		{name: "untouched", targets: map[string]string{missing: copied},
			want: map[string]string{changed: newer, missing: copied}, said: "kept 1 translations that the locale files changed after the export"},
		{name: "untouched with a waiver", targets: map[string]string{missing: copied}, waiver: "fsn:waive unchanged: the product's name",
			err: []string{`changed message "subject"`, "“" + newer + "”", "“Esecuzione di aggiornamenti antivirus e Windows sui server iQ-WEBX”"}},
		{name: "translated meanwhile", targets: map[string]string{missing: copied + " Subito."}, addLater: true,
			err: []string{`changed message "` + missing + `"`, "“" + copied + "”"}},
	}
	for _, version := range []string{l10n.XLIFF12, l10n.XLIFF21} {
		for _, tt := range tests {
			t.Run(version+"/"+tt.name, func(t *testing.T) {
				dir := fsntest.CopySeedProject(t)
				itPath := localePath(dir, "it", seed)
				deleteMessage(t, itPath, missing)
				path := filepath.Join(t.TempDir(), "it.xlf")
				doc := export(t, load(t, dir), "it", version, path)
				for id, text := range tt.targets {
					u := unitOf(doc, seed, id)
					u.State, u.HasTarget, u.Target = l10n.Translated, true, text
				}
				if tt.waiver != "" {
					u := unitOf(doc, seed, changed)
					u.Notes = append(u.Notes, tt.waiver)
				}
				var buf bytes.Buffer
				if err := l10n.WriteXLIFF(&buf, doc); err != nil {
					t.Fatal(err)
				}
				os.WriteFile(path, buf.Bytes(), 0o644)

				fsntest.Replace(t, itPath, `other = "Esecuzione di aggiornamenti antivirus e Windows sui server iQ-WEBX"`, `other = "`+newer+`"`)
				if tt.addLater {
					text := read(t, itPath)
					os.WriteFile(itPath, []byte(text+"\n[iqwebx-2017-11.troubleshooting.steps.copy-file]\ndescription = \"Troubleshooting: a numbered step\"\nhash = \""+hashOf(t, dir, missing)+"\"\nother = \"Copiare il file in `<La vostra directory di installazione iQ-WEBX>\\\\PACS\\\\php\\\\`.\"\n"), 0o644)
				}
				before := snapshot(t, dir)
				rep, err := load(t, dir).Import(path, ImportOptions{Overwrite: tt.overwrite})
				if tt.err != nil {
					if err == nil {
						t.Fatalf("the import succeeded: %q", rep.Done)
					}
					for _, w := range tt.err {
						if !strings.Contains(err.Error(), w) {
							t.Errorf("the refusal does not say %s:\n%v", w, err)
						}
					}
					if !strings.Contains(err.Error(), path+":") {
						t.Errorf("the refusal does not name the XLIFF's line: %v", err)
					}
					sameFiles(t, before, snapshot(t, dir))
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				f, err := l10n.ReadFile(itPath)
				if err != nil {
					t.Fatal(err)
				}
				for id, want := range tt.want {
					if m := f.Messages[id]; m == nil || m.Other != want {
						t.Errorf("%s is %+v after the import, want %q", id, m, want)
					}
				}
				if tt.said != "" && !slices.ContainsFunc(rep.Done, func(s string) bool { return strings.Contains(s, tt.said) }) {
					t.Errorf("the import said %q, want %q", rep.Done, tt.said)
				}
			})
		}
	}
}

// BenchmarkExport exports the Italian messages of the seed and the second
// notice, with the termbase's terms of every unit and the translation memory's
// matches of each unit to translate (the memory built anew each time, as for
// one fsn l10n export), and writes the XLIFF.
func BenchmarkExport(b *testing.B) {
	dir := withSecondNotice(b)
	p, err := Load(filepath.Join(dir, "notices"), project.Locales(filepath.Join(dir, "locales")))
	if err != nil {
		b.Fatal(err)
	}
	for _, version := range []string{l10n.XLIFF12, l10n.XLIFF21} {
		b.Run(version, func(b *testing.B) {
			for b.Loop() {
				p.tm = nil
				doc, err := p.Export("it", version)
				if err != nil {
					b.Fatal(err)
				}
				if err := l10n.WriteXLIFF(io.Discard, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
