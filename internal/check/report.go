package check

import (
	"fmt"
	"sort"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/sign"
)

// Finding is one diagnostic of a check, with the language and message it is about.
type Finding struct {
	diag.Diagnostic
	Lang string
	// MessageID is the message the finding is about, or "" for a finding about a
	// whole file or edition.
	MessageID string
	// Waiver is the reason given by the waiver that silences the finding, or "".
	Waiver string
	// WaiverPos is where that waiver is written.
	WaiverPos diag.Pos
}

// newFinding returns a finding of check, whose severity it takes from the check.
func newFinding(pos diag.Pos, lang, messageID, check, format string, args ...any) *Finding {
	return &Finding{
		Diagnostic: diag.Diagnostic{Pos: pos, Severity: checks[check].severity, Check: check, Message: fmt.Sprintf(format, args...)},
		Lang:       lang,
		MessageID:  messageID,
	}
}

// Summary counts the messages and findings of one language.
type Summary struct {
	Lang string `json:"lang"`
	// Messages is how many messages the language needs: every text of every notice
	// that lists it, and every label.
	Messages   int `json:"messages"`
	Translated int `json:"translated"` // present, not empty and not stale
	Missing    int `json:"missing"`    // missing or empty
	Stale      int `json:"stale"`
	Obsolete   int `json:"obsolete"`
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Waived     int `json:"waived"`
	// Complete is the translated share of the messages, in percent.
	Complete float64 `json:"complete"`
}

func (s *Summary) add(o *Summary) {
	s.Messages += o.Messages
	s.Translated += o.Translated
	s.Missing += o.Missing
	s.Stale += o.Stale
	s.Obsolete += o.Obsolete
}

// Report is the outcome of a check or a verification.
type Report struct {
	// Findings are sorted by file, line and message.
	Findings []*Finding
	// Summaries has one entry per language, sorted by language.
	Summaries []*Summary
	// Editions are the edition files that Verify read.
	Editions []string
	// Filled are the signed PDF editions whose reply form was filled in after
	// signing, and nothing else changed.
	Filled []*FilledEdition
}

// FilledEdition is a signed PDF edition that is the file the build wrote
// followed by incremental updates that only fill in its reply form, as the
// certification signature (DocMDP 2) permits.
type FilledEdition struct {
	Path   string             `json:"path"`
	Lang   string             `json:"lang"`
	Fields []sign.FilledField `json:"fields"`
}

// merge adds the findings and counts of o to r.
func (r *Report) merge(o *Report) {
	r.Findings = append(r.Findings, o.Findings...)
	for _, s := range o.Summaries {
		r.summary(s.Lang).add(s)
	}
}

// find returns the summary of lang, or nil.
func (r *Report) find(lang string) *Summary {
	for _, s := range r.Summaries {
		if s.Lang == lang {
			return s
		}
	}
	return nil
}

// summary returns the summary of lang, adding it when there is none.
func (r *Report) summary(lang string) *Summary {
	if s := r.find(lang); s != nil {
		return s
	}
	s := &Summary{Lang: lang}
	r.Summaries = append(r.Summaries, s)
	return s
}

// finish sorts the findings and counts them into the summaries.
func (r *Report) finish() {
	sort.SliceStable(r.Findings, func(i, j int) bool {
		a, b := r.Findings[i], r.Findings[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		return a.Message < b.Message
	})
	for _, s := range r.Summaries {
		s.Errors, s.Warnings, s.Waived = 0, 0, 0
	}
	for _, f := range r.Findings {
		s := r.find(f.Lang)
		switch {
		case s == nil: // a finding of Verify, which counts no messages
		case f.Waiver != "":
			s.Waived++
		case f.Severity == diag.Error:
			s.Errors++
		default:
			s.Warnings++
		}
	}
	for _, s := range r.Summaries {
		if s.Messages > 0 {
			s.Complete = float64(s.Translated) * 100 / float64(s.Messages)
		}
	}
	sort.Slice(r.Summaries, func(i, j int) bool { return r.Summaries[i].Lang < r.Summaries[j].Lang })
}

// Unwaived returns the findings of severity sev that no waiver silences.
func (r *Report) Unwaived(sev diag.Severity) diag.List {
	var l diag.List
	for _, f := range r.Findings {
		if f.Waiver == "" && f.Severity == sev {
			d := f.Diagnostic
			l = append(l, &d)
		}
	}
	return l
}

// Errors returns the errors that no waiver silences: what stops a build.
func (r *Report) Errors() diag.List { return r.Unwaived(diag.Error) }
