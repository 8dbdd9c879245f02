package build

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/project"
)

// projectOptions builds the seed notice of the project in dir into out.
func projectOptions(dir, out string) Options { return noticeOptions(dir, fsntest.Seed, out) }

// noticeOptions builds notice id of the project in dir into out.
func noticeOptions(dir, id, out string) Options {
	return Options{
		Notices:      []string{filepath.Join(dir, "notices", id)},
		NoticesDir:   filepath.Join(dir, "notices"),
		LocalesDir:   project.Locales(filepath.Join(dir, "locales")),
		TemplatesDir: project.Templates(filepath.Join(dir, "templates")),
		OutDir:       out,
		Version:      "test",
	}
}

// infusiaID is the hardware notice, the second example in notices/.
const infusiaID = "infusia-ip7-2026-05"

// readFile returns the content of the file at path.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// appendLine adds a line to the file at path: a comment, which changes the
// file's hash and nothing it says.
func appendLine(t *testing.T, path, line string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, []byte("\n"+line+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalBuild changes one kind of input at a time and builds again:
// exactly the editions made from it are rendered and written, the others are
// taken as they were, and a build with no change writes nothing at all.
func TestIncrementalBuild(t *testing.T) {
	const id = "iqwebx-2017-11"
	tests := []struct {
		name    string
		change  func(t *testing.T, dir string)
		rebuilt []string // the languages rendered again
		// infusia builds the hardware notice, whose Markdown editions show an image, instead of the seed.
		infusia bool
	}{
		{"nothing", func(*testing.T, string) {}, nil, false},
		{"the Italian translation", func(t *testing.T, dir string) {
			appendLine(t, filepath.Join(dir, "locales", "it", id+".it.toml"), "# reviewed")
		}, []string{"it"}, false},
		{"the German labels", func(t *testing.T, dir string) {
			appendLine(t, filepath.Join(dir, "locales", "de", "labels.de.toml"), "# reviewed")
		}, []string{"de"}, false},
		{"the English labels, which every translation's labels are checked against", func(t *testing.T, dir string) {
			appendLine(t, filepath.Join(dir, "locales", "en", "labels.en.toml"), "# reviewed")
		}, []string{"en", "it", "de"}, false},
		{"the notice", func(t *testing.T, dir string) {
			appendLine(t, filepath.Join(dir, "notices", id, "notice.yaml"), "# reviewed")
		}, []string{"en", "it", "de"}, false},
		{"the termbase, which the checks use", func(t *testing.T, dir string) {
			fsntest.Replace(t, filepath.Join(dir, "locales", "terms.tbx"), "</martif>", "</martif>\n<!-- reviewed -->")
		}, []string{"en", "it", "de"}, false},
		{"a template", func(t *testing.T, dir string) {
			appendLine(t, filepath.Join(dir, "templates", "style.css"), "/* reviewed */")
		}, []string{"en", "it", "de"}, false},
		{"nothing, with an image", func(*testing.T, string) {}, nil, true},
		{"an image", func(t *testing.T, dir string) {
			path := filepath.Join(dir, "notices", infusiaID, "images", "bp7-label.png")
			img, err := png.Decode(bytes.NewReader(readFile(t, path)))
			if err != nil {
				t.Fatal(err)
			}
			redrawn := image.NewNRGBA(img.Bounds())
			draw.Draw(redrawn, redrawn.Bounds(), img, image.Point{}, draw.Src)
			redrawn.Set(100, 100, color.NRGBA{255, 0, 0, 255})
			var buf bytes.Buffer
			if err := png.Encode(&buf, redrawn); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"en", "de", "fr"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, out, id, files := "", t.TempDir(), id, 9 // the files of a build: three formats of three languages
			if tt.infusia {
				dir, id, files = fsntest.CopyNoticeProject(t, infusiaID), infusiaID, 10 // and the image the Markdown editions show
			} else {
				dir = fsntest.CopyProject(t)
			}
			if _, err := Run(noticeOptions(dir, id, out)); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			recordPath := filepath.Join(out, id, id+".build.json")
			st, err := os.Stat(recordPath)
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir)
			res, err := Run(noticeOptions(dir, id, out))
			if err != nil {
				t.Fatal(err)
			}
			var rebuilt []string
			for _, w := range res.Written {
				lang := strings.Split(filepath.Base(w), ".")[1]
				if !strings.HasSuffix(w, ".png") && !slices.Contains(rebuilt, lang) {
					rebuilt = append(rebuilt, lang)
				}
			}
			slices.Sort(rebuilt)
			want := slices.Sorted(slices.Values(tt.rebuilt))
			images := 0 // the image is written when no edition that shows it is taken as it was
			if len(want) == 3 {
				images = files - 9
			}
			if !slices.Equal(rebuilt, want) || len(res.Written) != 3*len(want)+images || res.Reused != files-3*len(want)-images {
				t.Errorf("rebuilt %v (%d files written, %d reused), want %v", rebuilt, len(res.Written), res.Reused, want)
			}
			if len(want) == 0 {
				if after := snapshot(t, out); after != before {
					t.Errorf("a build with no change changed out/")
				}
				if now, err := os.Stat(recordPath); err != nil || !now.ModTime().Equal(st.ModTime()) || !os.SameFile(st, now) {
					t.Errorf("a build with no change rewrote the build record")
				}
			}
		})
	}
}

// TestIncrementalBuildKeepsSignatures rebuilds a signed build: with no change
// every PDF keeps its bytes, its signature included; with another signing
// certificate every PDF is signed again.
func TestIncrementalBuildKeepsSignatures(t *testing.T) {
	const pdf = "iqwebx-2017-11/iqwebx-2017-11.it.pdf"
	dir, out := fsntest.CopyProject(t), t.TempDir()
	opts := projectOptions(dir, out)
	opts.Signer = fsntest.Signer(t, fsntest.Signatory)
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	first, err := os.ReadFile(filepath.Join(out, pdf))
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // a new signature would carry a later time
	if res, err := Run(opts); err != nil || len(res.Written) != 0 {
		t.Fatalf("a signed build with no change wrote %v (%v)", res.Written, err)
	}
	if again, _ := os.ReadFile(filepath.Join(out, pdf)); !bytes.Equal(again, first) {
		t.Error("a build with no change signed the PDF again")
	}
	opts.Signer = fsntest.Signer(t, fsntest.Signatory)
	res, err := Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != 9 {
		t.Errorf("a build with another certificate wrote %d files, want 9", len(res.Written))
	}
	if again, _ := os.ReadFile(filepath.Join(out, pdf)); bytes.Equal(again, first) {
		t.Error("a build with another certificate kept the PDF signed with the first")
	}
}

// TestNoOpBuildReadsEveryLocaleFile: a build that takes every edition from
// the previous build reads no translation it was made from, yet still refuses
// a locale file that would fail a full build, and one that an edition is
// made from and changed.
func TestNoOpBuildReadsEveryLocaleFile(t *testing.T) {
	const id = "iqwebx-2017-11"
	tests := []struct {
		name string
		path string // of the file written, in the project
		want string
	}{
		{"a translation of no notice", "locales/it/old-notice.it.toml", "old-notice.it.toml:2"},
		{"the labels of a language no notice has", "locales/fr/labels.fr.toml", "labels.fr.toml:2"},
		{"the translation of the notice", "locales/it/" + id + ".it.toml", id + ".it.toml:2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, out := fsntest.CopyProject(t), t.TempDir()
			if _, err := Run(projectOptions(dir, out)); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(tt.path)), []byte("[subject]\nother = \"unclosed\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Run(projectOptions(dir, out))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("build with a broken %s: %v, want an error at %s", tt.path, err, tt.want)
			}
			if after := snapshot(t, out); after != before {
				t.Errorf("a failed build changed out/")
			}
		})
	}
}
