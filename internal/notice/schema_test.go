package notice

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
)

// TestSchema breaks the minimal notice in one way per case and checks that
// Parse reports every problem, top to bottom, each at its line and column,
// in the words of the notice format rather than of the Go decoder.
func TestSchema(t *testing.T) {
	valid, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ pos, msg string }
	tests := []struct {
		name     string
		old, new string
		want     []want // in this order, and nothing else
	}{
		{"every unknown field, top to bottom",
			"product: Acme Pump 3\n", "product: Acme Pump 3\nprodcut: x\n",
			[]want{{"10:1", `unknown field "prodcut" at the top level`}}},
		{"several unknown fields in one run",
			"  phone: +49 30 123456", "  phnoe: +49 30 123456\n  colour: red",
			[]want{{"58:3", `unknown field "phnoe" under contact: its content would be ignored; did you mean "phone"?`},
				{"59:3", `unknown field "colour" under contact`}}},
		{"a misplaced deadline says where it belongs",
			"manufacturer:\n", "deadline: 2024-04-01\nmanufacturer:\n",
			[]want{{"10:1", `unknown field "deadline" at the top level: its content would be ignored; deadline belongs under actions.<group>`}}},
		{"a misplaced udi_di says where it belongs",
			"  email: safety@acme.example", "  email: safety@acme.example\n  udi_di: \"04006381333931\"",
			[]want{{"60:3", `udi_di belongs under devices.<device>`}}},
		{"a typo of a field elsewhere",
			"    version: \"≤ 3.1\"", "    version: \"≤ 3.1\"\n    catalog: C-1",
			[]want{{"25:5", `did you mean "catalogue"?`}}},
		{"address as one line",
			"  address: [Main St. 1, 12345 Town]\n  country: Germany\nsafety_officer", "  address: Main St. 1\n  country: Germany\nsafety_officer",
			[]want{{"12:12", `manufacturer.address is the text "Main St. 1"; expected a list, such as [Main St. 1, 12345 Town, …]`}}},
		{"languages as one",
			"languages: [en, it]", "languages: en",
			[]want{{"4:12", `languages is the text "en"; expected a list, such as [en, de, fr, …]`}}},
		{"steps as a text",
			"      steps:\n        - id: inspect\n          text: Inspect the cover.\n          notes:\n            - group: operators\n              text: Keep the old cover.\n        - id: replace\n          text: Replace a cracked cover.\n",
			"      steps: Inspect the cover.\n",
			[]want{{"33:14", `actions.<group>.steps is the text "Inspect the cover."; expected a list of entries (one "- " per entry), each a mapping of id, text or notes`}}},
		{"a text as a list",
			"subject: Replace the battery cover", "subject: [Replace, the cover]",
			[]want{{"8:10", "subject is a list; expected a text"}}},
		{"units not a number",
			"    version: \"≤ 3.1\"", "    version: \"≤ 3.1\"\n    units: many",
			[]want{{"25:12", "expected a whole number"}}},
		{"lots in a list in a list",
			"    version: \"≤ 3.1\"", "    version: \"≤ 3.1\"\n    lots: [[L1, L2]]",
			[]want{{"25:12", "a list inside a list"}}},
		{"a wrong GS1 check digit",
			"    version: \"≤ 3.1\"", "    version: \"≤ 3.1\"\n    udi_di: \"04006381333932\"",
			[]want{{"25:13", "the check digit is 2, but 0400638133393 needs 1: write 04006381333931"}}},
		{"a wrong HIBCC check character",
			"    version: \"≤ 3.1\"", "    version: \"≤ 3.1\"\n    udi_di: \"+A123BJC5D6E71H\"",
			[]want{{"25:13", "needs 'G' (mod 43)"}}},
		{"an unknown tick box",
			"      heading: As an operator", "      heading: As an operator\n      do: [identify, recall]",
			[]want{{"33:22", `"recall" is not a tick box of the FSN template here; write one of identify, quarantine, return`}}},
		{"none with others",
			"      heading: As an operator", "      heading: As an operator\n      do: [none, return]",
			[]want{{"33:12", `"none" cannot be ticked with other actions`}, {"33:18", `"none" cannot be ticked with other actions`}}},
		{"a website without scheme",
			"  country: Germany\nsafety_officer", "  country: Germany\n  website: www.acme.example\nsafety_officer",
			[]want{{"14:12", "is not a web address"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(valid), tt.old) {
				t.Fatalf("test case does not apply: %q not in the notice", tt.old)
			}
			src := strings.Replace(string(valid), tt.old, tt.new, 1)
			file := filepath.Join("testdata", "minimal", "notice.yaml")
			_, err := Parse(file, []byte(src))
			got := diag.From(err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(got), len(tt.want), err)
			}
			for i, w := range tt.want {
				prefix := file + ":" + w.pos + ": error: "
				if !strings.HasPrefix(got[i].Error(), prefix) || !strings.Contains(got[i].Message, w.msg) {
					t.Errorf("error %d = %v\nwant %s…%s", i+1, got[i], prefix, w.msg)
				}
				if strings.Contains(got[i].Message, "Go struct") || strings.Contains(got[i].Message, "unmarshal") {
					t.Errorf("error %d speaks of Go: %v", i+1, got[i])
				}
			}
		})
	}
}

// TestTemplateFields checks the fields of the EU FSN template that depend on each other.
func TestTemplateFields(t *testing.T) {
	valid, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, msg string
	}{
		{"other without words", "      heading: As an operator", "      heading: As an operator\n      do: [identify, other]", `ticks "other" but does not say what`},
		{"words without other", "      heading: As an operator", "      heading: As an operator\n      do: [identify]\n      other: Call us.", `does not tick it`},
		{"deadline before the letter", "      heading: As an operator", "      heading: As an operator\n      deadline: 2023-12-31", "is before the notice's date 2024-03-01"},
		{"a sheet that is not attached", "  groups:", "  lay_users: {required: true, sheet: lay-sheet}\n  groups:", `names the attachment "lay-sheet", which attachments does not list`},
		{"new information on a new notice", "date: 2024-03-01", "date: 2024-03-01\nnew_information:\n  - id: more\n    text: More lots.", `"new_information" is for a follow-up notice`},
		{"a further notice about nothing", "date: 2024-03-01", "date: 2024-03-01\nfurther_notice: {expected: true}", `does not say what it will be about`},
		{"a reply form without return", "  return_to: Return it to Acme.\n", "", "does not say where to return it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(string(valid), tt.old) {
				t.Fatalf("test case does not apply: %q not in the notice", tt.old)
			}
			_, err := Parse("testdata/minimal/notice.yaml", []byte(strings.Replace(string(valid), tt.old, tt.new, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("got %v, want an error saying %q", err, tt.msg)
			}
		})
	}
}

// TestOptionalParts checks that what the template leaves optional may be left out:
// a hardware device's version and the reply form of a notice that asks for no reply.
func TestOptionalParts(t *testing.T) {
	valid, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(valid), "    version: \"≤ 3.1\"\n", "", 1)
	src, _, _ = strings.Cut(src, "reply_form:")
	n, err := Parse("testdata/minimal/notice.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.ReplyForm != nil || n.Devices[0].Version != "" {
		t.Errorf("reply form %v, version %q: want neither", n.ReplyForm, n.Devices[0].Version)
	}
}
