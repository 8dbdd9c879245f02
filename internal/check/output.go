package check

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/fsn-tool/fsn/internal/diag"
)

// WriteSummary writes the waived findings, each as
//
//	file:line:col: waived[check]: message (waiver's file:line:col: reason)
//
// and a table of the summaries, one row per language.
func (r *Report) WriteSummary(w io.Writer) error {
	for _, f := range r.Findings {
		if f.Waiver != "" {
			fmt.Fprintf(w, "%s: waived[%s]: %s (%s: %s)\n", f.Pos, f.Check, f.Message, f.WaiverPos, f.Waiver)
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "lang\tmessages\ttranslated\tmissing\tstale\tobsolete\terrors\twarnings\twaived\tcomplete\t")
	for _, s := range r.Summaries {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f%%\t\n",
			s.Lang, s.Messages, s.Translated, s.Missing, s.Stale, s.Obsolete, s.Errors, s.Warnings, s.Waived, s.Complete)
	}
	return tw.Flush()
}

// JSONFinding is a finding as WriteJSON writes it, and as the JSON reports of
// the other commands write their diagnostics.
type JSONFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	Severity  string `json:"severity"`
	Check     string `json:"check"`
	Lang      string `json:"lang,omitempty"`
	MessageID string `json:"message_id,omitempty"`
	Message   string `json:"message"`
	Waived    string `json:"waived,omitempty"`
	WaivedAt  string `json:"waived_at,omitempty"`
}

// WriteJSON writes the report as one JSON object with "findings", "summary" and,
// for Verify, the "editions" read.
func (r *Report) WriteJSON(w io.Writer) error {
	out := struct {
		Findings []JSONFinding    `json:"findings"`
		Summary  []*Summary       `json:"summary"`
		Editions []string         `json:"editions,omitempty"`
		Filled   []*FilledEdition `json:"filled,omitempty"` // PDF editions whose reply form was filled in
	}{Findings: []JSONFinding{}, Summary: r.Summaries, Editions: r.Editions, Filled: r.Filled}
	if out.Summary == nil {
		out.Summary = []*Summary{}
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, jsonFinding(f))
	}
	return WriteJSONValue(w, out)
}

func jsonFinding(f *Finding) JSONFinding {
	j := JSONFinding{
		File: f.Pos.File, Line: f.Pos.Line, Column: f.Pos.Column, Severity: f.Severity.String(),
		Check: f.Check, Lang: f.Lang, MessageID: f.MessageID, Message: f.Message, Waived: f.Waiver,
	}
	if f.Waiver != "" {
		j.WaivedAt = f.WaiverPos.String()
	}
	return j
}

// JSONDiagnostics returns the diagnostics l as JSON findings, never nil.
func JSONDiagnostics(l diag.List) []JSONFinding {
	out := []JSONFinding{}
	for _, d := range l {
		out = append(out, jsonFinding(&Finding{Diagnostic: *d}))
	}
	return out
}

// WriteJSONValue writes v as indented JSON, as every JSON report of fsn is written.
func WriteJSONValue(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
