package check

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
)

// ReportOf returns a report of the diagnostics l, for a check that stopped
// before it ran (inputs that cannot be read), so that it is written in the
// same formats as the findings of a check.
func ReportOf(l diag.List) *Report {
	r := &Report{}
	for _, d := range l {
		r.Findings = append(r.Findings, &Finding{Diagnostic: *d})
	}
	r.finish()
	return r
}

// ruleID is the id of the check that found f, or "input" for an input error,
// which no check names.
func ruleID(f *Finding) string {
	if f.Check == "" {
		return "input"
	}
	return f.Check
}

// WriteGitHub writes each finding that no waiver silences as a GitHub Actions
// workflow command, which GitHub shows as an annotation on the line:
//
//	::error file=locales/it/x.it.toml,line=42,col=1,title=fsn token-changed::it: step … lost "LicGen.exe"
//
// A file that fsn ships (embedded) is no file of the repository: its finding
// is an annotation of the run.
func (r *Report) WriteGitHub(w io.Writer) error {
	for _, f := range r.Findings {
		if f.Waiver != "" {
			continue
		}
		var props []string
		if f.Pos.File != "" && !input.IsEmbedded(f.Pos.File) {
			props = append(props, "file="+githubProperty(filepath.ToSlash(f.Pos.File)))
			if f.Pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Pos.Line))
				if f.Pos.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", f.Pos.Column))
				}
			}
		}
		props = append(props, "title="+githubProperty("fsn "+ruleID(f)))
		msg := f.Message
		if input.IsEmbedded(f.Pos.File) {
			msg = f.Pos.String() + ": " + msg
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", f.Severity, strings.Join(props, ","), githubData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// githubData escapes the message of a workflow command, as the runner
// unescapes it: %, CR and LF.
func githubData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// githubProperty escapes the value of a property of a workflow command: as
// its message, and also ":" and ",", which end a property.
func githubProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// SARIF 2.1.0, the subset fsn writes (OASIS Static Analysis Results
// Interchange Format; the schema is in testdata/sarif).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool    sarifTool     `json:"tool"`
		Results []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID      string       `json:"id"`
		HelpURI string       `json:"helpUri"`
		Default sarifDefault `json:"defaultConfiguration"`
	}
	sarifDefault struct {
		Level string `json:"level"`
	}
	sarifResult struct {
		RuleID       string             `json:"ruleId"`
		RuleIndex    int                `json:"ruleIndex"`
		Level        string             `json:"level"`
		Message      sarifText          `json:"message"`
		Locations    []sarifLocation    `json:"locations,omitempty"`
		Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifLocation struct {
		Physical sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		Artifact sarifArtifact `json:"artifactLocation"`
		Region   *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	}
)

// checksDoc is where every check is explained, the help of each SARIF rule.
const checksDoc = "https://github.com/fsn-tool/fsn/blob/main/docs/checks.md"

// WriteSARIF writes the report as a SARIF 2.1.0 log of one run of fsn, of the
// given version, for code-scanning dashboards such as GitHub's: one rule per
// check that found something, one result per finding, with its file (relative
// to the project's root folder, %SRCROOT%), line and column; a waived
// finding is a result with its waiver as an in-source suppression.
func (r *Report) WriteSARIF(w io.Writer, version string) error {
	run := sarifRun{
		Tool:    sarifTool{Driver: sarifDriver{Name: "fsn", Version: version, InformationURI: "https://github.com/fsn-tool/fsn", Rules: []sarifRule{}}},
		Results: []sarifResult{},
	}
	var ids []string
	for _, f := range r.Findings {
		if !slices.Contains(ids, ruleID(f)) {
			ids = append(ids, ruleID(f))
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		level := "error"
		if c, ok := checks[id]; ok && c.severity == diag.Warning {
			level = "warning"
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{ID: id, HelpURI: checksDoc, Default: sarifDefault{Level: level}})
	}
	for _, f := range r.Findings {
		res := sarifResult{RuleID: ruleID(f), RuleIndex: slices.Index(ids, ruleID(f)), Level: f.Severity.String(), Message: sarifText{Text: f.Message}}
		if f.Pos.File != "" {
			loc := sarifPhysical{Artifact: sarifArtifact{URI: sarifURI(f.Pos.File)}}
			if !input.IsEmbedded(f.Pos.File) && !filepath.IsAbs(f.Pos.File) {
				loc.Artifact.URIBaseID = "%SRCROOT%"
			}
			if f.Pos.Line > 0 {
				loc.Region = &sarifRegion{StartLine: f.Pos.Line, StartColumn: f.Pos.Column}
			}
			res.Locations = []sarifLocation{{Physical: loc}}
		}
		if f.Waiver != "" {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.Waiver + " (" + f.WaiverPos.String() + ")"}}
		}
		run.Results = append(run.Results, res)
	}
	return WriteJSONValue(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifURI is the URI reference of the file at path: relative with slashes, each
// segment escaped; an absolute path as a file: URI; a file fsn ships as its name.
func sarifURI(path string) string {
	if input.IsEmbedded(path) {
		return path
	}
	segs := strings.Split(filepath.ToSlash(path), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.Join(segs, "/")
	if filepath.IsAbs(path) {
		return "file://" + u
	}
	return u
}
