package check

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/runenames"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/render"
)

// The checks below find what no text may hold in any language, whatever its
// source says: they apply alike to the source notice, to every translation and
// to every label, after the label's template is executed.

// safetyIssues returns what is wrong with md wherever it is written: Markdown
// attributes, a block that md opens and never closes, and characters that no
// reader sees or that change the order in which the text is shown.
func safetyIssues(md string) []issue {
	var issues []issue
	issues = append(issues, characterIssues(md)...)
	if a := attributeSyntax(md); a != "" {
		issues = append(issues, issue{MarkupAttribute, fmt.Sprintf("writes the Markdown attribute %s; no text may set an id, class or style (the template gives each heading its id): delete it", diag.Quote(a))})
	}
	if b := unclosedBlock(md); b != "" {
		issues = append(issues, issue{MarkupUnclosed, fmt.Sprintf("opens %s that it never closes, which would swallow the rest of the edition; close it or write the text without it", b)})
	}
	return issues
}

// attributeSyntax returns the first "{…}" of md's text, outside code, that
// goldmark's attribute syntax reads as attributes ({#id}, {.class}, {key=value}),
// or "". A brace escaped with a backslash is text.
func attributeSyntax(md string) string {
	if !strings.Contains(md, "{") {
		return "" // no attribute, and no heading's {#id}, without a brace
	}
	return attributeSyntaxParsed(md)
}

// attributeSyntaxParsed is attributeSyntax, which parses every text.
func attributeSyntaxParsed(md string) string {
	src := []byte(md)
	var found string
	ast.Walk(render.Parse(src).Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if found != "" {
			return ast.WalkStop, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if id := render.HeadingID(n); id != "" {
				found = "{#" + id + "}"
			}
		case *ast.Text:
			for i := n.Segment.Start; i < n.Segment.Stop; i++ {
				if src[i] != '{' || i > 0 && src[i-1] == '\\' {
					continue
				}
				if p := placeholder.Find(src[i:]); p != nil {
					i += len(p) - 1 // a label's placeholder, {{.Count}}: the token checks compare it
					continue
				}
				end := bytes.IndexByte(src[i:], '\n')
				if end < 0 {
					end = len(src) - i
				}
				r := text.NewReader(src[i : i+end])
				if _, ok := parser.ParseAttributes(r); ok {
					_, pos := r.Position()
					found = string(src[i : i+pos.Start])
					break
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return found
}

// placeholder matches a template placeholder at the start of a text.
var placeholder = regexp.MustCompile(`^\{\{[^{}]*\}\}`)

// closeProbe is the paragraph that unclosedBlock puts after a text.
const closeProbe = "fsn-close-probe"

// unclosedBlock returns what block md opens and never closes, such as "a code
// block" for a "~~~" line, or "". It parses md followed by a blank line and a
// paragraph: a text whose blocks all end swallows no paragraph after it.
func unclosedBlock(md string) string {
	// Only a fenced code block and an HTML block run on past a blank line and
	// an unindented paragraph: a text with no fence and no "<" closes its blocks.
	if !strings.Contains(md, "```") && !strings.Contains(md, "~~~") && !strings.Contains(md, "<") {
		return ""
	}
	return unclosedBlockParsed(md)
}

// unclosedBlockParsed is unclosedBlock, which parses every text.
func unclosedBlockParsed(md string) string {
	src := []byte(md + "\n\n" + closeProbe + "\n")
	doc := render.Parse(src)
	last := doc.Root.LastChild()
	if p, ok := last.(*ast.Paragraph); ok && strings.TrimSpace(string(p.Lines().Value(src))) == closeProbe {
		return ""
	}
	// The block that swallowed the probe.
	for b := doc.Root.LastChild(); b != nil; b = b.LastChild() {
		switch b.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.Blockquote, *ast.List:
			return blockKind(b)
		}
		if b.Type() != ast.TypeBlock {
			break
		}
	}
	return blockKind(last)
}

// characterIssues reports the characters of s that no text may hold: control
// characters (NUL, escape, …), which are refused always, and invisible format
// characters (bidirectional overrides and marks, zero-width spaces, soft
// hyphens, tag characters, …), which are refused unless a waiver gives the
// reason a text needs one. Tab, line feed and carriage return are white space.
// The zero-width non-joiner and joiner (U+200C, U+200D) pass between two letters
// of a script that writes them, such as Persian or Devanagari.
func characterIssues(s string) []issue {
	if !suspectCharacters(s) {
		return nil
	}
	return characterIssuesOf(s)
}

// characterIssuesOf is characterIssues, which looks at every character.
func characterIssuesOf(s string) []issue {
	var control, invisible []string
	runes := []rune(s)
	for i, r := range runes {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
		case unicode.Is(unicode.Cc, r):
			control = append(control, describeRune(r, i))
		case (r == '\u200c' || r == '\u200d') && i > 0 && i+1 < len(runes) && joinerScript(runes[i-1]) && joinerScript(runes[i+1]):
		case invisibleRune(r):
			invisible = append(invisible, describeRune(r, i))
		}
	}
	var issues []issue
	if !utf8.ValidString(s) {
		control = append(control, "bytes that are not UTF-8")
	}
	if len(control) > 0 {
		issues = append(issues, issue{ControlCharacter, fmt.Sprintf("holds the control character %s; delete it (no edition may carry one)", listRunes(control))})
	}
	if len(invisible) > 0 {
		issues = append(issues, issue{InvisibleCharacter, fmt.Sprintf("holds the invisible character %s, which can hide or reorder what a reader sees; delete it, or waive the check with the reason the language needs it", listRunes(invisible))})
	}
	return issues
}

// suspectCharacters reports whether s has a byte that is not UTF-8, a control
// character other than white space, or an invisible character, so that
// characterIssues looks closer; most texts have none.
func suspectCharacters(s string) bool {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
				return true
			}
		case r == utf8.RuneError || unicode.Is(unicode.Cc, r) || invisibleRune(r):
			return true
		}
	}
	return false
}

// invisibleRune reports whether r is a character that shows nothing and is not
// white space: a format character (Cf), a line or paragraph separator, a
// private-use character, a noncharacter, or one of the Hangul fillers.
func invisibleRune(r rune) bool {
	switch {
	case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Co, unicode.Noncharacter_Code_Point):
		return true
	case r == '\u115f' || r == '\u1160' || r == '\u3164' || r == '\uffa0':
		return true
	}
	return false
}

// joinerScripts are the scripts whose spelling uses the zero-width non-joiner
// and joiner between letters.
var joinerScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Thaana, unicode.Nko, unicode.Devanagari, unicode.Bengali,
	unicode.Gurmukhi, unicode.Gujarati, unicode.Oriya, unicode.Tamil, unicode.Telugu, unicode.Kannada,
	unicode.Malayalam, unicode.Sinhala, unicode.Tibetan, unicode.Myanmar, unicode.Khmer, unicode.Mongolian,
}

func joinerScript(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsMark(r)) && unicode.In(r, joinerScripts...)
}

// listRunes lists the first few characters found, and how many more there are.
func listRunes(found []string) string {
	if len(found) > 3 {
		return fmt.Sprintf("%s and %d more", strings.Join(found[:3], ", "), len(found)-3)
	}
	return strings.Join(found, ", ")
}

// describeRune names a character for a message: "U+202E RIGHT-TO-LEFT OVERRIDE at character 12".
func describeRune(r rune, i int) string {
	name := runenames.Name(r)
	if name == "" || strings.HasPrefix(name, "<") {
		return fmt.Sprintf("U+%04X at character %d", r, i+1)
	}
	return fmt.Sprintf("U+%04X %s at character %d", r, name, i+1)
}
