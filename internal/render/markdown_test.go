package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/project"
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
		body, err := doc.HTML(nil)
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

// TestDuplicateHeadingID: a template that gives two headings one id stops the
// build, whatever the texts; so does a text that escapes into an id, which the
// escaping of texts prevents (see TestTextsSetNoAttribute).
func TestDuplicateHeadingID(t *testing.T) {
	doc := Parse([]byte("## Recipients {#troubleshooting}\n\ntext\n\n## Troubleshooting {#troubleshooting}\n"))
	if err := uniqueIDs(doc); err == nil || !strings.Contains(err.Error(), "#troubleshooting") {
		t.Errorf("uniqueIDs = %v, want an error naming #troubleshooting", err)
	}
	if err := uniqueIDs(Parse([]byte("## A {#a}\n\n## B {#b}\n"))); err != nil {
		t.Errorf("uniqueIDs of distinct ids = %v", err)
	}
}

// TestTextsSetNoAttribute renders the Italian edition with translations and
// labels that try to set attributes and take anchors, as fsn check would refuse
// them: even unchecked, no heading gets an attribute but the template's id.
func TestTextsSetNoAttribute(t *testing.T) {
	c, err := l10n.Load(project.Locales("../../locales"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := notice.Load("../../notices/iqwebx-2017-11")
	if err != nil {
		t.Fatal(err)
	}
	set := func(file, id, text string) {
		m := c.File("it", file).Messages[id]
		if m == nil {
			t.Fatalf("no message %s in %s", id, file)
		}
		m.Other = text
	}
	set(n.ID, "actions.operators.heading", "Come operatore {style=\"position:fixed\"}\naltro")
	set(n.ID, "actions.resellers.heading", "Come rivenditore {#troubleshooting}")
	set(l10n.LabelsName, "heading-sender", "Mittente {.hidden}\n{#contact}")
	set(l10n.LabelsName, "heading-troubleshooting", "Se il problema {#x} si verifica {data-x=1}")
	set(n.ID, "reply_form.fields.name", "Nome\n| x | y |\n{#reply-form}")
	ed, err := c.Localize(n, "it")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := LoadTemplates(project.Templates("../../templates"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := tmpl.Markdown(ed)
	if err != nil {
		t.Fatal(err)
	}
	body, err := doc.HTML(nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range regexp.MustCompile(`<h[1-6]([^>]*)>`).FindAllStringSubmatch(string(body), -1) {
		ids = append(ids, m[1])
	}
	want := []string{` id="title"`, ` id="what-to-do"`, ` id="sender"`, ` id="recipients"`, ` id="devices"`, ` id="problem"`, ` id="actions"`,
		` id="actions-operators"`, ` id="actions-resellers"`, ` id="troubleshooting"`, ` id="manufacturer-actions"`,
		` id="transmission"`, ` id="general"`, ` id="contact"`, ` id="reply-form"`}
	if !slices.Equal(ids, want) {
		t.Errorf("the headings have the attributes\n%q\nwant\n%q", ids, want)
	}
	// The writer's own box around each table is the one element with a class.
	own := regexp.MustCompile(`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="[a-z-]+">`)
	if a := regexp.MustCompile(`<[a-z0-9]+\s[^>]*\b(style|class|data-x)=[^>]*>`).FindString(own.ReplaceAllString(string(body), "")); a != "" {
		t.Errorf("a text set an attribute: %s", a)
	}
	if !strings.Contains(string(body), "<td>Nome | x | y | {#reply-form}</td>") {
		t.Errorf("the reply form's field label left its cell:\n%s", body)
	}
	if got := strings.Count(string(body), "<tr>"); got != 2+3+len(n.ReplyForm.Fields) {
		t.Errorf("the tables have %d rows, want %d: a text broke a row", got, 2+3+len(n.ReplyForm.Fields))
	}
}

// TestPublished: the Markdown file fsn writes has no heading ids, and nothing
// else of the source changes: not a brace that is text, not a line ending.
func TestPublished(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ids", "# Title {#title}\n\ntext {#x}\n\n## Sender {#sender}\n", "# Title\n\ntext {#x}\n\n## Sender\n"},
		{"no id", "## Sender\n\n1. step\n", "## Sender\n\n1. step\n"},
		{"escaped brace", "## Sender \\{#sender}\n", "## Sender \\{#sender}\n"},
		{"closing hashes", "## Sender {#sender} ##\n", "## Sender\n"},
		{"crlf", "## Sender {#sender}\r\ntext\r\n", "## Sender\r\ntext\r\n"},
		{"last line", "## Sender {#sender}", "## Sender"},
		{"in a list", "- ## Sender {#sender}\n- item\n", "- ## Sender\n- item\n"},
	}
	for _, tt := range tests {
		if got := string(Parse([]byte(tt.in)).Published()); got != tt.want {
			t.Errorf("%s: Published(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}
