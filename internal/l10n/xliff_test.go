package l10n

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// seedTexts returns every text of the seed notice and of its translations.
func seedTexts(t *testing.T) []string {
	n, c := loadSeed(t)
	var texts []string
	for _, text := range n.Texts() {
		texts = append(texts, text.Value)
		for _, lang := range []string{"it", "de"} {
			texts = append(texts, c.File(lang, n.ID).Messages[text.ID].Other)
		}
	}
	return texts
}

// TestSplitInline checks that the parts of every seed text join to the text,
// and that its code spans and links are those goldmark finds (render.Parse
// cannot be used here: package render imports l10n).
func TestSplitInline(t *testing.T) {
	texts := append(seedTexts(t),
		"Escaped \\`not code\\` and \\[not a link\\](x).",
		"``code with ` inside`` and an unclosed ` backtick",
		"![logo](https://x.y/a.png) and [a [nested] text](https://x.y/(a)) and [no link] (x)",
		"Page {{.Page}} of {{ .Pages }}, <https://example.com/a> and <b>not a link</b>",
	)
	for _, md := range texts {
		parts := splitInline(md)
		if got := joinParts(parts); got != md {
			t.Errorf("parts of %q join to %q", md, got)
		}
		var codes, links []string
		for _, p := range parts {
			switch p.kind {
			case inlineCode:
				codes = append(codes, p.text)
			case inlineClose:
				links = append(links, p.text)
			case inlineAutolink:
				links = append(links, p.text)
			}
		}
		root := goldmark.DefaultParser().Parse(text.NewReader([]byte(md)))
		var wantCodes, wantLinks int
		ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				switch n.(type) {
				case *ast.CodeSpan:
					wantCodes++
				case *ast.Link, *ast.Image, *ast.AutoLink:
					wantLinks++
				}
			}
			return ast.WalkContinue, nil
		})
		if len(codes) != wantCodes || len(links) != wantLinks {
			t.Errorf("%q: found code spans %q and links %q; goldmark finds %d and %d", md, codes, links, wantCodes, wantLinks)
		}
	}
}

func TestTranslatable(t *testing.T) {
	tests := []struct {
		md   string
		want bool
	}{
		{"{{.Day}} {{.Month}} {{.Year}}", false},
		{"{{.Count}} – `LicGen.exe`", false},
		{"Fax", true},
		{"Page {{.Page}}", true},
	}
	for _, tt := range tests {
		if got := Translatable(tt.md); got != tt.want {
			t.Errorf("Translatable(%q) = %v, want %v", tt.md, got, tt.want)
		}
	}
}

// TestXLIFFRoundTrip writes every seed text with its Italian translation as
// XLIFF 1.2 and 2.1 and reads it back: the Markdown must come back byte for
// byte, and so must the notes, waivers and suggestions. A unit that needs work
// comes back as fsn writes it: in 1.2 with a copy of its source as target, in
// 2.1 without a target.
func TestXLIFFRoundTrip(t *testing.T) {
	n, c := loadSeed(t)
	f := &XLIFFFile{Name: n.ID}
	for _, text := range n.Texts() {
		f.Units = append(f.Units, &XLIFFUnit{ID: text.ID, Hash: SourceHash(text), Description: text.Description, Context: "a \"context\" & <more>",
			State: Translated, HasTarget: true, Source: text.Value, Target: c.File("it", n.ID).Messages[text.ID].Other})
	}
	f.Units = append(f.Units,
		&XLIFFUnit{ID: "untranslated", State: Untranslated, Source: "Copy `a.exe` [here](https://x.y/).", Base: NoTranslation,
			Notes: []string{"Term: here → qui", "fsn:waive unchanged: a name\n# fsn:waive end-punctuation: a list"},
			Terms: []*XLIFFTerm{{Source: "copy", Approved: []string{"copiare"}, Forbidden: []string{"duplicare"}, Usage: "not a duplicate", Origin: "terms.tbx:3:1"},
				{Source: "a.exe", Untranslated: true, Origin: "terms.tbx:9:1"}}},
		&XLIFFUnit{ID: "stale", State: NeedsReview, Source: "New `a.exe`.", Base: "0123456789abcdef", Suggestions: []*XLIFFSuggestion{
			{Earlier: true, Origin: EarlierOrigin, Source: "Old `a.exe`.", Target: "Vecchio `a.exe`."},
			{Origin: "notice acme-2026-01", Source: "New `b.exe`.", Target: "Nuovo `b.exe`.", Quality: 87}}},
		&XLIFFUnit{ID: "page:one", State: Final, HasTarget: true, Source: "Page {{.Page}}\nof {{.Pages}}", Target: "Pagina {{.Page}}\ndi {{.Pages}}"})
	waivers := []string{"# fsn:waive unchanged: a name", "# fsn:waive end-punctuation: a list"}
	for _, version := range []string{XLIFF12, XLIFF21} {
		t.Run(version, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteXLIFF(&buf, &XLIFF{Version: version, SourceLang: "en", TargetLang: "it", Files: []*XLIFFFile{f}}); err != nil {
				t.Fatal(err)
			}
			doc, err := ReadXLIFF("x.xlf", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if doc.Version != version || doc.SourceLang != "en" || doc.TargetLang != "it" || len(doc.Files) != 1 || doc.Files[0].Name != n.ID {
				t.Fatalf("read %+v", doc)
			}
			for i, got := range doc.Files[0].Units {
				want := *f.Units[i]
				if !want.State.Done() && version == XLIFF12 {
					want.Target, want.HasTarget = want.Source, true
				}
				if len(want.Notes) > 0 {
					want.Waivers = waivers
				}
				if got.ID != want.ID || got.Hash != want.Hash || got.Base != want.Base || got.Source != want.Source || got.Target != want.Target ||
					got.State != want.State || got.HasTarget != want.HasTarget || got.Description != want.Description || got.Context != want.Context ||
					fmt.Sprint(got.Notes) != fmt.Sprint(want.Notes) || fmt.Sprint(got.Waivers) != fmt.Sprint(want.Waivers) {
					t.Errorf("unit read back as\n%+v\nwant\n%+v", got, &want)
				}
				if len(got.Suggestions) != len(want.Suggestions) {
					t.Errorf("unit %s has %d suggestions, want %d", got.ID, len(got.Suggestions), len(want.Suggestions))
				}
				for j, s := range got.Suggestions {
					if j < len(want.Suggestions) && *s != *want.Suggestions[j] {
						t.Errorf("unit %s: suggestion read back as %+v, want %+v", got.ID, s, want.Suggestions[j])
					}
				}
				if got.Pos.Line == 0 || (got.HasTarget && got.TargetPos.Line == 0) {
					t.Errorf("unit %s has no line", got.ID)
				}
			}
		})
	}
}

func TestReadXLIFF(t *testing.T) {
	tests := []struct {
		file        string
		err         string // the error's start, file:line included
		source      string
		target      string
		state       UnitState
		missing     int
		description string
		base        string
	}{
		{file: "malformed.xlf", err: "testdata/xliff/malformed.xlf:7: error: the XLIFF is not well-formed XML: element <target> closed by </targte>"},
		{file: "not-xliff.xml", err: "testdata/xliff/not-xliff.xml:2: error: this is not an XLIFF document: its root element is <tmx>"},
		{file: "bad-state.xlf", err: `testdata/xliff/bad-state.xlf:5: error: unit "subject": state "done" is not an XLIFF 2.1 state`},
		{file: "cat-tool-1.2.xlf", state: Reviewed,
			source: "Download it [here](https://www.image-systems.biz/) or write to <support@image-systems.biz>.",
			target: "Scaricarlo [qui](https://www.image-systems.biz/) o scrivere a <support@image-systems.biz>."},
		{file: "cat-tool-2.1.xlf", state: Reviewed,
			source: "Download it [here](https://www.image-systems.biz/). Or write to <support@image-systems.biz>.",
			target: "Scaricarlo [qui](https://www.image-systems.biz/). O scrivere\u00a0a <support@image-systems.biz>."},
		// translate-toolkit's po2xliff joins every extracted comment of a PO
		// message into one note: the base is a line of it.
		{file: "po2xliff-1.1.xlf", state: Untranslated, base: NoTranslation,
			source: "Restart the server and then run a full antivirus scan.", target: "Restart the server and then run a full antivirus scan."},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := "testdata/xliff/" + tt.file
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ReadXLIFF(path, data)
			if tt.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
					t.Fatalf("error %v, want %s…", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			u := doc.Files[0].Units[0]
			if u.Source != tt.source || u.Target != tt.target || u.State != tt.state || u.Base != tt.base || len(u.Missing)+len(u.Extra) != 0 {
				t.Errorf("read %q → %q in state %d, base %q (missing %q, extra %q)\nwant %q → %q in state %d, base %q", u.Source, u.Target, u.State, u.Base, u.Missing, u.Extra, tt.source, tt.target, tt.state, tt.base)
			}
		})
	}
}

// TestReadXLIFFLimits reads XLIFF that passes the limits of package input:
// inline elements or groups nested too deep, a target too long. Each is an
// error at its line, found before the nesting can exhaust the stack.
func TestReadXLIFFLimits(t *testing.T) {
	data, err := os.ReadFile("testdata/xliff/cat-tool-1.2.xlf")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	target := `<mrk mtype="seg" mid="1">Scaricarlo <g id="1">qui</g> o scrivere a <x id="2"/>.</mrk>`
	tests := []struct {
		name, old, new string
		err            string
	}{
		{"nested markers", target, strings.Repeat(`<mrk mtype="x">`, 100_000) + "Scaricarlo" + strings.Repeat("</mrk>", 100_000),
			"f.xlf:9: error: inline elements are nested more than 32 deep here"},
		{"nested groups", `<group id="troubleshooting">`, strings.Repeat(`<group id="g">`, 40),
			"f.xlf:6: error: elements are nested more than 32 deep here"},
		{"long target", target, strings.Repeat("Scaricarlo ", 7000), "f.xlf:9: error: this text is longer than 64 KiB"},
		{"long target in pieces", target, strings.Repeat(`<cp hex="41"/>`, 70_000), "f.xlf:9: error: this text is longer than 64 KiB"},
		{"long note", "</source>", "</source><note>" + strings.Repeat("n", 70_000) + "</note>", "f.xlf:8: error: this text is longer than 64 KiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(doc, tt.old) {
				t.Fatalf("test case does not apply: %q is not in the document", tt.old)
			}
			_, err := ReadXLIFF("f.xlf", []byte(strings.Replace(doc, tt.old, tt.new, 1)))
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("error %v, want %s…", err, tt.err)
			}
		})
	}
}

// TestReadXLIFFInlineLost reads targets that lost or added inline elements.
func TestReadXLIFFInlineLost(t *testing.T) {
	const src = "Copy `LicGen.exe` [here](https://x.y/)."
	tests := []struct {
		name, target   string
		missing, extra string
	}{
		{"kept", "Copiare `LicGen.exe` [qui](https://x.y/).", "", ""},
		{"code span dropped", "Copiare LicGen.exe [qui](https://x.y/).", "inline element 1 (`LicGen.exe`)", ""},
		{"link dropped", "Copiare `LicGen.exe` qui.", "start of the link 2 ([) end of the link 2 (](https://x.y/))", ""},
		{"code span added", "Copiare `LicGen.exe` e `x` [qui](https://x.y/).", "", "inline element 3 (`x`)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			WriteXLIFF(&buf, &XLIFF{Version: XLIFF12, SourceLang: "en", TargetLang: "it", Files: []*XLIFFFile{{Name: "n", Units: []*XLIFFUnit{
				{ID: "a", State: Translated, HasTarget: true, Source: src, Target: tt.target}}}}})
			doc, err := ReadXLIFF("x.xlf", buf.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			u := doc.Files[0].Units[0]
			if got := strings.Join(u.Missing, " "); got != tt.missing {
				t.Errorf("missing %q, want %q", got, tt.missing)
			}
			if got := strings.Join(u.Extra, " "); got != tt.extra {
				t.Errorf("extra %q, want %q", got, tt.extra)
			}
		})
	}
}
