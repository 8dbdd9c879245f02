package check

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/fsntest"
)

// ciReport is a report with the findings that test the escaping and the
// locations: a message with a line break and a percent sign, a file name with
// a comma and a colon, a file fsn ships, a finding without a file, and a
// waived warning.
func ciReport() *Report {
	r := ReportOf(diag.List{
		{Pos: diag.Pos{File: "locales/it/a,b:c.it.toml", Line: 3, Column: 7}, Severity: diag.Error, Check: TokenChanged, Message: "lost 100%\nof \"x\"\r"},
		{Pos: diag.Pos{File: "embedded:templates/notice.md.tmpl", Line: 2}, Severity: diag.Error, Message: "template broken"},
		{Severity: diag.Error, Message: "no file"},
	})
	w := &Finding{Diagnostic: diag.Diagnostic{Pos: diag.Pos{File: "locales/de/x.de.toml", Line: 9, Column: 1}, Severity: diag.Warning, Check: Unchanged, Message: "same as source"}, Waiver: "a brand name", WaiverPos: diag.Pos{File: "locales/de/x.de.toml", Line: 8, Column: 1}}
	r.Findings = append(r.Findings, w)
	return r
}

func TestWriteGitHub(t *testing.T) {
	var buf bytes.Buffer
	if err := ciReport().WriteGitHub(&buf); err != nil {
		t.Fatal(err)
	}
	want := "::error title=fsn input::no file\n" +
		"::error title=fsn input::embedded:templates/notice.md.tmpl:2: template broken\n" +
		"::error file=locales/it/a%2Cb%3Ac.it.toml,line=3,col=7,title=fsn " + TokenChanged + "::lost 100%25%0Aof \"x\"%0D\n"
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestSARIFSchema validates the SARIF log against the SARIF 2.1.0 JSON schema
// of OASIS (testdata/sarif), and checks what it says of each finding.
func TestSARIFSchema(t *testing.T) {
	var buf bytes.Buffer
	if err := ciReport().WriteSARIF(&buf, "v1.2.3"); err != nil {
		t.Fatal(err)
	}
	schema := fsntest.JSONSchema(t, filepath.Join("testdata", "sarif", "sarif-schema-2.1.0.json"))
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("the SARIF log is not JSON: %v", err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("the SARIF log does not validate: %v\n%s", err, buf.String())
	}
	// The schema itself catches a broken log: the validation can fail.
	var broken map[string]any
	json.Unmarshal(buf.Bytes(), &broken)
	broken["version"] = "2.0"
	if err := schema.Validate(broken); err == nil {
		t.Error("a log of version 2.0 validates against the 2.1.0 schema")
	}

	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 4 {
		t.Fatalf("%d results, want 4", len(res))
	}
	var token, waived bool
	for _, r := range res {
		if r.RuleID == TokenChanged {
			token = true
			loc := r.Locations[0].PhysicalLocation
			if loc.ArtifactLocation.URI != "locales/it/a%2Cb:c.it.toml" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != 3 || loc.Region.StartColumn != 7 || r.Level != "error" {
				t.Errorf("the token-changed result: %+v", r)
			}
		}
		if r.RuleID == Unchanged {
			waived = len(r.Suppressions) == 1 && strings.HasPrefix(r.Suppressions[0].Justification, "a brand name") && r.Level == "warning"
		}
	}
	if !token || !waived {
		t.Errorf("results lack the finding (%v) or the waived warning (%v): %s", token, waived, buf.String())
	}
}
