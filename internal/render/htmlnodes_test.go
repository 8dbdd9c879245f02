package render

import (
	"strings"
	"testing"
)

func TestE164(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+49 381 4 96 58 20", "+493814965820"},
		{"+49 (0)381 496582-99", "+4938149658299"}, // the trunk 0 in brackets is not dialled from abroad
		{"0049 381 49 65 82 99", "+4938149658299"},
		{"+39 02/1234.567", "+39021234567"},
		{"+49\u00a0381\u00a049", "+4938149"},
		{"0381 496 58 20", ""}, // no country code
		{"+49 381 ext. 5", ""},
		{"+1 234", ""},            // too short
		{"+1234567890123456", ""}, // too long
		{"+0 381 496 58 20", ""},  // no country code starts with 0
		{"", ""},
	}
	for _, tt := range tests {
		if got := E164(tt.in); got != tt.want {
			t.Errorf("E164(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHTMLNodes renders what fsn adds to goldmark's HTML: tables in a box of
// their own named by their heading, labelled tick boxes, and tel: links for the
// notice's numbers only, whole, outside links and code.
func TestHTMLNodes(t *testing.T) {
	md := "## Devices {#devices}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
		"- [ ] We read it.\n- [x] We did it.\n\n" +
		"Phone: +49 381 4 96 58 20\\\nFax: +49 381 49 65 82 99, or +49 381 4 96 58 201, `+49 381 4 96 58 20`, [call +49 381 4 96 58 20](https://example.com/).\n"
	body, err := Parse([]byte(md)).HTML([]string{"+49 381 4 96 58 20", "+49 381 49 65 82 99", "0381 1"})
	if err != nil {
		t.Fatal(err)
	}
	html := string(body)
	for _, want := range []string{
		`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="devices">` + "\n<table>",
		"</table>\n</div>\n",
		`<li><label><input type="checkbox"> We read it.</label></li>`,
		`<li><label><input type="checkbox" checked=""> We did it.</label></li>`,
		`Phone: <a href="tel:+493814965820">+49 381 4 96 58 20</a><br>` + "\n" + `Fax: <a href="tel:+4938149658299">+49 381 49 65 82 99</a>, or +49 381 4 96 58 201, <code>+49 381 4 96 58 20</code>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the HTML lacks %s:\n%s", want, html)
		}
	}
	if strings.Count(html, "tel:") != 2 {
		t.Errorf("want 2 tel: links, the phone and the fax:\n%s", html)
	}
	if strings.Contains(html, "disabled") {
		t.Errorf("a tick box is disabled, so the reader cannot tick it:\n%s", html)
	}
}

func TestBrandCSS(t *testing.T) {
	for _, tt := range []struct{ color, want, err string }{
		{"#1a4f8b", ":root { --brand: #1a4f8b; }\n", ""},
		{"#1A4F8B", ":root { --brand: #1a4f8b; }\n", ""},
		{"#ffd60a", "", "contrast of 1.4:1"},
		{"red", "", `not of the form "#rrggbb"`},
	} {
		style := DefaultPDFStyle()
		style.Colors.Heading = tt.color
		got, err := brandCSS(style, "templates/pdf.yaml")
		if got != tt.want || (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("brandCSS(%q) = %q, %v; want %q, an error with %q", tt.color, got, err, tt.want, tt.err)
		}
	}
}
