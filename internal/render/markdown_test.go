package render

import (
	"strings"
	"testing"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+49 381 4 96 58 20", "+49 381 4 96 58 20"},
		{"Dr. Arpad Bischof", "Dr. Arpad Bischof"},
		{"Lange Str. 16", "Lange Str. 16"},
		{"18055 Rostock", "18055 Rostock"},
		{"1. Stock", `1\. Stock`},
		{"- dash", `\- dash`},
		{"# hash", `\# hash`},
		{"2.2.0", "2.2.0"},
		{"a*b_c", `a\*b\_c`},
		{"<dir>", `\<dir\>`},
		{`C:\Program Files`, `C:\\Program Files`},
		{"A | B", `A \| B`},
		{"~~~", `\~\~\~`},
		{"~~Acme~~ GmbH", `\~\~Acme\~\~ GmbH`},
		{"```go", "\\`\\`\\`go"},
		{"---", `\---`},
		{"===", `\===`},
		{"+ plus", `\+ plus`},
		{"> quote", `\> quote`},
		{"<div>x</div>", `\<div\>x\</div\>`},
		{"    indented code", "indented code"},
		{"Acme\n# Heading", `Acme # Heading`},
		{"Acme\n\n1. step", `Acme 1. step`},
		{"Acme {#troubleshooting}", `Acme \{#troubleshooting\}`},
		{"&amp; &#42;", `\&amp; \&#42;`},
		{"a  \n", "a"},
	}
	for _, tt := range tests {
		if got := EscapeMarkdown(tt.in); got != tt.want {
			t.Errorf("EscapeMarkdown(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Running updates on `iQ-WEBX` servers", "Running updates on iQ-WEBX servers"},
		{"**bold** and *em* and [link](https://x.example)", "bold and em and link"},
		{"mail <support@image-systems.biz>", "mail support@image-systems.biz"},
	}
	for _, tt := range tests {
		if got := PlainText(tt.in); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithCSP(t *testing.T) {
	page := []byte("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<style>\nbody { color: red }\n</style>\n</head>\n</html>\n")
	got, err := WithCSP(page, false)
	if err != nil {
		t.Fatal(err)
	}
	// The hash of "\nbody { color: red }\n", as `printf '\nbody { color: red }\n' | openssl sha256 -binary | base64` gives it.
	want := "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-SNPkr2rrmHBg5BfR2QoMG2IsNaep0QNmJSgjB3zcBcc=" +
		"'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n<style>"
	if !strings.Contains(string(got), want) {
		t.Errorf("WithCSP wrote\n%s\nwant it to contain\n%s", got, want)
	}
	if _, err := WithCSP([]byte("<p>no head</p>"), true); err == nil {
		t.Error("WithCSP accepted a page without <head>")
	}
}

// TestEscapedFieldsStayText puts each escaped plain field on a line of the
// sender's block, as the template does: the block stays one paragraph, showing
// the field as written, with no element but the line breaks.
func TestEscapedFieldsStayText(t *testing.T) {
	for _, field := range []string{
		"~~~", "```", "~~Acme~~", "# Acme", "> Acme", "- Acme", "1. Acme", "1) Acme", "<div>Acme</div>", "    Acme",
		"===", "---", "***", "| a | b |", "[x](https://evil.example)", "![x](https://evil.example/x.png)",
		"<https://evil.example>", "Acme {#troubleshooting}", "Acme\n~~~\nrest", "&lt;b&gt;", "a\\", "*a* _b_ `c`",
	} {
		md := "Before\\\n" + EscapeMarkdown(field) + "\\\nAfter\n"
		doc := Parse([]byte(md))
		if doc.Root.ChildCount() != 1 || doc.Root.FirstChild().Kind().String() != "Paragraph" {
			t.Errorf("the field %q makes the block %d blocks, the first a %s:\n%s", field, doc.Root.ChildCount(), doc.Root.FirstChild().Kind(), md)
			continue
		}
		body, err := doc.HTML()
		if err != nil {
			t.Fatal(err)
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(string(body), "<p>Before<br>\n"), "<br>\nAfter</p>\n")
		want := htmlEscaper.Replace(strings.Join(strings.Fields(field), " "))
		if inner != want {
			t.Errorf("the field %q shows as %q, want %q", field, inner, want)
		}
	}
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
