package notice

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/diag"
)

func TestLoadSeed(t *testing.T) {
	n, err := Load("../../notices/iqwebx-2017-11")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(n.Troubleshooting.Steps), 9; got != want {
		t.Errorf("troubleshooting steps = %d, want %d", got, want)
	}
	if got, want := len(n.Actions.Groups[0].Steps), 4; got != want {
		t.Errorf("operator steps = %d, want %d", got, want)
	}
	if got := n.Devices[1].Version; got != "≤ 6.4.5" {
		t.Errorf("iQ-WEB version = %q, want ≤ 6.4.5", got)
	}
	step7 := n.Troubleshooting.Steps[6]
	if len(step7.Notes) != 2 || step7.Notes[1].Group != "resellers" {
		t.Errorf("step 7 notes = %+v, want one for operators and one for resellers", step7.Notes)
	}
	if got, want := step7.Notes[0].Text.ID, "troubleshooting.notes.restore-deleted.operators"; got != want {
		t.Errorf("note id = %q, want %q", got, want)
	}
}

func TestTextsHaveIDsAndPositions(t *testing.T) {
	n, err := Load("testdata/minimal")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]diag.Pos{
		"subject":                                   {File: "testdata/minimal/notice.yaml", Line: 8, Column: 10},
		"actions.operators.steps.inspect":           {File: "testdata/minimal/notice.yaml", Line: 35, Column: 17},
		"actions.operators.notes.inspect.operators": {File: "testdata/minimal/notice.yaml", Line: 38, Column: 21},
		"reply_form.fields.name":                    {File: "testdata/minimal/notice.yaml", Line: 70, Column: 14},
	}
	got := map[string]diag.Pos{}
	for _, text := range n.Texts() {
		got[text.ID] = text.Pos
	}
	for id, pos := range want {
		if got[id] != pos {
			t.Errorf("text %s at %v, want %v", id, got[id], pos)
		}
	}
}

// TestBadInput breaks the minimal notice in one way per case and checks that the
// error names the right line and column and says what is wrong.
func TestBadInput(t *testing.T) {
	valid, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []badInput{
		{"malformed YAML", "subject: Replace the battery cover", "subject: [Replace the battery cover", "9:1", "malformed YAML"},
		{"unknown field", "contact:\n  name: Jane Doe", "contcat:\n  name: Jane Doe", "51:1", `unknown field "contcat"`},
		{"unknown field suggestion", "contact:\n  name: Jane Doe", "contcat:\n  name: Jane Doe", "51:1", `did you mean "contact"?`},
		{"unknown nested field", "  phone: +49 30 123456", "  phnoe: +49 30 123456", "58:3", `unknown field "phnoe"`},
		{"duplicate key", "product: Acme Pump 3\n", "product: Acme Pump 3\nproduct: Acme Pump 4\n", "10:1", "duplicate key"},
		{"no steps", "      steps:\n        - id: inspect\n          text: Inspect the cover.\n          notes:\n            - group: operators\n              text: Keep the old cover.\n        - id: replace\n          text: Replace a cracked cover.\n", "", "32:16", "neither steps nor text"},
		{"no contact", "contact:\n  name: Jane Doe", "contact:\n  name: \"\"", "1:1", "no contact person"},
		{"duplicate step id", "- id: replace", "- id: inspect", "40:17", `duplicate id: message "actions.operators.steps.inspect"`},
		{"missing step id", "        - id: replace\n", "        - id: \"\"\n", "40:17", "no valid id"},
		{"the labels file's name as id", "id: minimal\n", "id: labels\n", "1:1", `the notice id "labels" is the name of the templates' labels file`},
		{"note for unknown group", "            - group: operators", "            - group: resellers", "38:21", `target group "resellers", which the notice does not define`},
		{"actions for unknown group", "    - group: operators", "    - group: operatrs", "32:16", `target group "operatrs"`},
		{"invalid language tag", "languages: [en, it]", "languages: [en, italian_x]", "1:1", `"italian_x" is not a valid BCP 47`},
		{"bad date", "date: 2024-03-01", "date: 1 March 2024", "6:7", "YYYY-MM-DD"},
		{"bad type", "type: new", "type: recall", "1:1", `notice type "recall"`},
		{"empty step", "text: Inspect the cover.", `text: ""`, "35:17", `is empty`},
		{"placeholder left", "subject: Replace the battery cover", "subject: \"TODO: subject\"", "8:11", "placeholder"},
		{"empty file", string(valid), "", "1:1", "empty"},
		{"unknown gender", "signatory:\n  name: Jane Doe\n  role: Safety Officer", "signatory:\n  name: Jane Doe\n  role: Safety Officer\n  gender: f", "62:9", `signatory.gender "f" is not known; write female or male`},
		{"nested too deep", "subject: Replace the battery cover", "subject: " + strings.Repeat("[", 100_000), "8:42", "nested more than 32 deep"},
		{"not UTF-8", "subject: Replace the battery cover", "subject: Replace the b\xffttery cover", "8:23", "byte 0xFF is not UTF-8"},
		{"text too long", "text: Inspect the cover.", "text: " + strings.Repeat("Inspect ", 9000), "35:18", "a text may be at most 64 KiB"},
		{"aliases of aliases", "product: Acme Pump 3\n", "product: Acme Pump 3\n" + laughs(6), "15:15", "more than 100000 YAML values once its aliases"},
	}
	breakNotice(t, filepath.Join("testdata", "minimal", "notice.yaml"), string(valid), tests)
}

// badInput is one way to break a notice and what Parse must say.
type badInput struct {
	name     string
	old, new string // replace old by new in the valid notice
	pos      string // want "line:col"
	msg      string // want this in the message
}

// breakNotice parses valid, the notice at file, broken in each way of tests,
// and checks that an error names the line and column with the message.
func breakNotice(t *testing.T, file, valid string, tests []badInput) {
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(valid, tt.old) {
				t.Fatalf("test case does not apply: %q not in the notice", tt.old)
			}
			src := strings.Replace(valid, tt.old, tt.new, 1)
			_, err := Parse(file, []byte(src))
			if err == nil {
				t.Fatal("Parse accepted the broken notice")
			}
			want := file + ":" + tt.pos + ": error: "
			for _, d := range diag.From(err) {
				if strings.HasPrefix(d.Error(), want) && strings.Contains(d.Message, tt.msg) {
					return
				}
			}
			t.Errorf("error does not name %s with %q:\n%v", want, tt.msg, err)
		})
	}
}

// laughs returns YAML of n levels of anchors, each a list of ten aliases of
// the one before: it expands to 10^n values.
func laughs(n int) string {
	var b strings.Builder
	b.WriteString("x0: &x0 [a]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "x%d: &x%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d, ", i-1), 10), ", "))
	}
	return b.String()
}

// TestByteOrderMark checks that a notice saved with a UTF-8 byte-order mark,
// as some Windows editors do, reads as one without it.
func TestByteOrderMark(t *testing.T) {
	valid, err := os.ReadFile("testdata/minimal/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n, err := Parse("testdata/minimal/notice.yaml", append([]byte("\ufeff"), valid...))
	if err != nil {
		t.Fatalf("Parse of a notice with a byte-order mark: %v", err)
	}
	if n.ID != "minimal" {
		t.Errorf("id = %q, want minimal", n.ID)
	}
}

// TestUnreadable checks that a notices folder that cannot be read is called
// so, and not reported as holding no notices. Tests may run as root, whom
// permissions do not stop, so the folders are made unreadable otherwise: a
// file where the folder should be, a link that loops.
func TestUnreadable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notices")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Dirs(file); err == nil || !strings.Contains(err.Error(), file+": error: cannot read the notices folder: it, or a folder on its path, is a file where a folder is expected") {
		t.Errorf("Dirs of a file: %v", err)
	}
	notices := filepath.Join(dir, "loop")
	if err := os.MkdirAll(filepath.Join(notices, "acme-1"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(FileName, filepath.Join(notices, "acme-1", FileName)); err != nil {
		t.Fatal(err)
	}
	_, err := Dirs(notices)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(notices, "acme-1")+": error: cannot read the notice folder: ") || strings.Contains(err.Error(), "no notices here") {
		t.Errorf("Dirs of a folder whose notice cannot be read: %v", err)
	}
}

func TestEditDistanceSuggestsFields(t *testing.T) {
	for typo, want := range map[string]string{"contcat": "contact", "devics": "devices", "signatry": "signatory", "zzzzzz": ""} {
		if got := diag.Closest(typo, fields); got != want {
			t.Errorf("Closest(%q) = %q, want %q", typo, got, want)
		}
	}
}

// TestDocumentedExampleParses keeps the complete example in docs/notice-format.md valid.
func TestDocumentedExampleParses(t *testing.T) {
	doc, err := os.ReadFile("../../docs/notice-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("docs/notice-format.md has no ```yaml example")
	}
	if _, err := Parse("testdata/minimal/notice.yaml", []byte(example)); err != nil {
		t.Errorf("the documented example does not parse:\n%v", err)
	}
}

// BenchmarkParse measures reading the seed notice: lexing, the schema check,
// decoding and validation, as every build, check and no-op rebuild does once
// per notice.
func BenchmarkParse(b *testing.B) {
	file := filepath.Join("..", "..", "notices", "iqwebx-2017-11", FileName)
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(file, data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAliasesDecode checks that a notice that names a repeated value once, with
// a YAML anchor and an alias, reads as the notice that writes it out each time:
// the notice is decoded from the parsed tree, where the alias is unexpanded.
func TestAliasesDecode(t *testing.T) {
	file := filepath.Join("testdata", "minimal", FileName)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	written := string(data)
	const address = "address: [Main St. 1, 12345 Town]\n"
	if strings.Count(written, address) != 2 {
		t.Fatalf("testdata/minimal/notice.yaml has not two lines %q", address)
	}
	aliased := strings.Replace(written, address, "address: &address [Main St. 1, 12345 Town]\n", 1)
	aliased = strings.Replace(aliased, "    "+address, "    address: *address\n", 1)
	want, err := Parse(file, []byte(written))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse(file, []byte(aliased))
	if err != nil {
		t.Fatalf("the notice with an alias: %v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the notice with an alias reads differently:\ngot  %+v\nwant %+v", got, want)
	}
}
