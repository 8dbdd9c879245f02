package check_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/check"
	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/fsn-tool/fsn/internal/record"
)

// verifyBuilt runs EditionVerifier on every edition of the seed notice as
// the files in out/ hold it, as if the build had just made them, and returns
// the check ids of the errors it finds, sorted, each once.
func verifyBuilt(t *testing.T, opts check.VerifyOptions, signed bool) []string {
	t.Helper()
	n, err := notice.Load(filepath.Join("notices", fsntest.Seed))
	if err != nil {
		t.Fatal(err)
	}
	c, err := l10n.Load(project.Locales("locales"))
	if err != nil {
		t.Fatal(err)
	}
	opts.OutDir, opts.TemplatesDir = "out", project.Templates("templates")
	ev, err := check.NewEditionVerifier(c, opts)
	if err != nil {
		t.Fatal(err)
	}
	verify := ev.Notice(n)
	ids := map[string]bool{}
	for _, lang := range n.Languages {
		ed, err := c.Localize(n, lang)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{} // as the build makes them: the edition's and the images
		entries, err := os.ReadDir(filepath.Join("out", n.ID))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if name == record.Name(n.ID) || slices.ContainsFunc(n.Languages, func(l string) bool {
				return l != lang && strings.HasPrefix(name, n.ID+"."+l+".")
			}) {
				continue // the record, another edition's file
			}
			if files[name], err = os.ReadFile(filepath.Join("out", n.ID, name)); err != nil {
				t.Fatal(err)
			}
		}
		for _, d := range verify(ed, files, signed) {
			if !strings.Contains(d.Pos.File, filepath.Join("out", n.ID, n.ID+"."+lang+".")) {
				t.Errorf("%s: the error is not at the edition's file: %s", lang, d.Error())
			}
			ids[d.Check] = true
		}
	}
	return slices.Sorted(func(yield func(string) bool) {
		for id := range ids {
			if !yield(id) {
				return
			}
		}
	})
}

// TestEditionVerifierMutations breaks the editions of a build as the verify
// mutations do, and checks that EditionVerifier, given them as the build made
// them, finds in them the errors each mutation's built line names: what Verify
// finds in out/ but for the build record's findings, which are not its to
// make; and none in the editions of a clean build.
func TestEditionVerifierMutations(t *testing.T) {
	ms := mutations(t, "verify") // before builtProject leaves the package's folder
	built := builtProject(t)
	if got := verifyBuilt(t, check.VerifyOptions{}, false); len(got) > 0 {
		t.Errorf("a clean build's editions give %v", got)
	}
	tested := 0
	for _, m := range ms {
		if !m.inMemory {
			continue // a mutation of the sources or the build record
		}
		tested++
		t.Run(m.name, func(t *testing.T) {
			dir := t.TempDir()
			fsntest.CopyTree(t, built, dir)
			t.Chdir(dir)
			m.apply(t, dir)
			want := slices.Clone(m.built)
			sort.Strings(want)
			if got := verifyBuilt(t, check.VerifyOptions{}, false); !slices.Equal(got, want) {
				t.Errorf("%s\nfound %v, want %v", m.about, got, want)
			}
		})
	}
	if tested < 10 {
		t.Errorf("%d verify mutations have a built line; the test needs those of every edition", tested)
	}
}

// TestEditionVerifierSignatures checks that EditionVerifier takes a PDF the
// build says it signed and verified as the signer's, verifies the signature
// of any other, and refuses one signed by someone else than the signatory.
func TestEditionVerifierSignatures(t *testing.T) {
	dir := fsntest.CopyProject(t)
	t.Chdir(dir)
	signer := fsntest.Signer(t, fsntest.Signatory)
	if _, err := build.Run(build.Options{Notices: []string{filepath.Join("notices", fsntest.Seed)}, NoticesDir: "notices", LocalesDir: project.Locales("locales"), TemplatesDir: project.Templates("templates"), OutDir: "out", Version: "test", Signer: signer}); err != nil {
		t.Fatal(err)
	}
	signedBy := check.VerifyOptions{RequireSignature: true, SignedBy: signer.Certificate()}
	for _, signed := range []bool{true, false} {
		if got := verifyBuilt(t, signedBy, signed); len(got) > 0 {
			t.Errorf("signed editions, the build's signature taken %v: %v", signed, got)
		}
	}
	path := filepath.Join("out", fsntest.Seed, fsntest.Seed+".it.pdf")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte("stream"))
	if i < 0 {
		t.Fatal("the PDF has no stream to change")
	}
	data[i+20] ^= 0x55 // within the first stream, which the signature covers
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := verifyBuilt(t, signedBy, false); !slices.Contains(got, check.Signature) {
		t.Errorf("a PDF changed after signing, not vouched for by the build, gives %v, no %s", got, check.Signature)
	}
	// A PDF the build says it verified is not verified a second time.
	if got := verifyBuilt(t, signedBy, true); slices.Contains(got, check.Signature) {
		t.Errorf("the signature of a PDF the build verified was verified again: %v", got)
	}
	mallory := fsntest.Signer(t, "Mallory Evil")
	if got := verifyBuilt(t, check.VerifyOptions{RequireSignature: true, SignedBy: mallory.Certificate()}, true); !slices.Contains(got, check.Signature) {
		t.Errorf("PDFs signed by Mallory Evil for the signatory give %v, no %s", got, check.Signature)
	}
}
