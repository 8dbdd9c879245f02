package l10n

import (
	"strings"
	"testing"
)

// FuzzInline splits a text's inline Markdown into its parts and checks that
// joining them gives the text back, that the markup parts are what their kind
// says, and that EscapeBraces leaves no brace of the text unescaped, changes
// nothing else and is idempotent. The seeds are in testdata/fuzz/FuzzInline.
func FuzzInline(f *testing.F) {
	f.Fuzz(func(t *testing.T, md string) {
		parts := splitInline(md)
		if got := joinParts(parts); got != md {
			t.Fatalf("joinParts(splitInline(%q)) = %q", md, got)
		}
		for _, p := range parts {
			switch p.kind {
			case inlineCode:
				if !strings.HasPrefix(p.text, "`") || !strings.HasSuffix(p.text, "`") {
					t.Errorf("code part %q of %q is not between backticks", p.text, md)
				}
			case inlineAutolink:
				if !strings.HasPrefix(p.text, "<") || !strings.HasSuffix(p.text, ">") {
					t.Errorf("autolink part %q of %q is not between angle brackets", p.text, md)
				}
			case inlinePlaceholder:
				if !strings.HasPrefix(p.text, "{{") || !strings.HasSuffix(p.text, "}}") {
					t.Errorf("placeholder part %q of %q is not between braces", p.text, md)
				}
			case inlineClose:
				if !strings.HasPrefix(p.text, "](") || !strings.HasSuffix(p.text, ")") {
					t.Errorf("link end %q of %q is not a destination", p.text, md)
				}
			}
		}
		// The translation's markup aligned with the source's must not panic or lose markup.
		tr := splitInline(strings.ToUpper(md))
		alignInline(parts, tr)
		if _, target, _, _ := resolveInline(parts, tr); target != joinParts(tr) {
			t.Errorf("resolveInline changed a target whose markup all has its Markdown: %q", target)
		}

		esc := EscapeBraces(md)
		if again := EscapeBraces(esc); again != esc {
			t.Errorf("EscapeBraces is not idempotent: %q, then %q", esc, again)
		}
		if strings.ReplaceAll(esc, `\`, "") != strings.ReplaceAll(md, `\`, "") {
			t.Errorf("EscapeBraces(%q) = %q does more than add backslashes", md, esc)
		}
		for _, p := range splitInline(esc) {
			if p.kind != inlineText {
				continue
			}
			for i := 0; i < len(p.text); i++ {
				switch {
				case p.text[i] == '\\' && i+1 < len(p.text) && isASCIIPunct(p.text[i+1]):
					i++
				case p.text[i] == '{':
					t.Fatalf("EscapeBraces(%q) = %q leaves a brace unescaped in %q", md, esc, p.text)
				}
			}
		}
	})
}
