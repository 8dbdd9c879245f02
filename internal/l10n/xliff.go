package l10n

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
)

// The XLIFF versions fsn writes and reads.
const (
	XLIFF12 = "1.2"
	XLIFF21 = "2.1"
)

const (
	xliff12NS  = "urn:oasis:names:tc:xliff:document:1.2"
	xliff11NS  = "urn:oasis:names:tc:xliff:document:1.1" // read as 1.2, whose elements it has
	xliff2NS   = "urn:oasis:names:tc:xliff:document:2.0" // XLIFF 2.1 keeps the namespace of 2.0
	matchesNS  = "urn:oasis:names:tc:xliff:matches:2.0"  // the Translation Candidates module of XLIFF 2
	glossaryNS = "urn:oasis:names:tc:xliff:glossary:2.0" // the Glossary module of XLIFF 2
	// fsnNS is the namespace of fsn's own XLIFF 2.1 attributes fsn:hash and
	// fsn:base (XLIFF 1.2 keeps the hash in extradata and the base in a note, as
	// its strict schema allows no other attribute).
	fsnNS = "https://github.com/fsn-tool/fsn/xliff"
)

// UnitState is how far the translation of an XLIFF unit is.
type UnitState int

// The states of a unit, from an XLIFF 1.2 target's state or an XLIFF 2.1 segment's.
const (
	// Untranslated: 1.2 new, needs-translation, needs-l10n, needs-adaptation; 2.1 initial.
	Untranslated UnitState = iota
	// NeedsReview is a unit whose message was translated from an older source:
	// written as a unit to translate that offers the earlier translation as a
	// suggestion. Read from 1.2 needs-review-translation (and -l10n,
	// -adaptation), or needs-translation with an <alt-trans> of type
	// previous-version; from 2.1 initial with subState fsn:stale.
	NeedsReview
	// Translated: 1.2 and 2.1 translated.
	Translated
	// Reviewed: 1.2 signed-off, 2.1 reviewed.
	Reviewed
	// Final: 1.2 and 2.1 final.
	Final
)

// Done reports whether s is a finished state: translated, reviewed (signed
// off) or final.
func (s UnitState) Done() bool { return s >= Translated }

var (
	states12 = map[string]UnitState{
		"new": Untranslated, "needs-translation": Untranslated, "needs-l10n": Untranslated, "needs-adaptation": Untranslated,
		"needs-review-translation": NeedsReview, "needs-review-l10n": NeedsReview, "needs-review-adaptation": NeedsReview,
		"translated": Translated, "signed-off": Reviewed, "final": Final,
	}
	states21 = map[string]UnitState{"initial": Untranslated, "translated": Translated, "reviewed": Reviewed, "final": Final}
)

func (s UnitState) xliff12() string {
	switch s {
	case Translated:
		return "translated"
	case Reviewed:
		return "signed-off"
	case Final:
		return "final"
	}
	return "needs-translation"
}

func (s UnitState) xliff21() (state, subState string) {
	switch s {
	case NeedsReview:
		return "initial", "fsn:stale"
	case Translated:
		return "translated", ""
	case Reviewed:
		return "reviewed", ""
	case Final:
		return "final", ""
	}
	return "initial", ""
}

// XLIFF is an XLIFF document: the messages of one target language, one file
// element per message file (a notice, or the labels).
type XLIFF struct {
	// Version is XLIFF12 or XLIFF21 (2.0 and 2.2 documents are read as 2.1).
	Version    string
	SourceLang string
	TargetLang string
	Files      []*XLIFFFile
}

// XLIFFFile is the part of an XLIFF document for one message file.
type XLIFFFile struct {
	// Name is the base name of the message file: a notice id, or "labels".
	Name string
	// SourceLang and TargetLang are the file's languages; in XLIFF 2.1 the document's.
	SourceLang, TargetLang string
	Units                  []*XLIFFUnit
	Pos                    diag.Pos
}

// XLIFFUnit is one message, or one plural form of a message, as an XLIFF unit.
type XLIFFUnit struct {
	// ID is the message id; a plural form of a label is "<id>:<form>", such as "page:one".
	ID string
	// Hash is the go-i18n hash of the source the unit was exported with, when known.
	Hash string
	// Description and Context are the notes a translator reads.
	Description, Context string
	// Notes are further notes: written as notes for the translator; read back,
	// the notes of the unit that are neither its description nor its context
	// (a CAT tool's comments).
	Notes []string
	// Waivers are the lines "fsn:waive CHECK: reason" of the unit's notes, read
	// back as "# fsn:waive CHECK: reason", the form of a locale file.
	Waivers []string
	State   UnitState
	// StateName is the state as the document writes it, such as
	// "needs-translation"; empty when it has none.
	StateName string
	// Source and Target are Markdown: the inline elements put back as the Markdown they hold.
	Source, Target string
	HasTarget      bool
	// Suggestions are translations offered to the translator, never as the
	// target: the translation of an earlier source (1.2 <alt-trans
	// alttranstype="previous-version">, 2.1 <mtc:match type="tm">), and matches
	// from a translation memory (1.2 <alt-trans alttranstype="proposal"> and a
	// note, 2.1 <mtc:match type="tm">). Read back, they are never the unit's
	// translation.
	Suggestions []*XLIFFSuggestion
	// Terms are the termbase's entries whose source term occurs in Source:
	// 1.2 notes, 2.1 <gls:glossEntry> elements. They are written, not read.
	Terms []*XLIFFTerm
	// Base names the translation the message file held when the unit was
	// exported (l10n.TranslationHash, as a work file's "# fsn:base"): an
	// import refuses a unit whose message file changed since. It is written as
	// a note "fsn:base HASH" in 1.2 (the strict schema allows no attribute of
	// fsn's, and translate-toolkit keeps a note as a PO comment), and as the
	// attribute fsn:base in 2.1; read back from either, or from any line of a
	// note that a tool joined with others.
	Base string
	// Pos is where the unit starts, TargetPos where its target does.
	Pos, TargetPos diag.Pos
	// Missing lists the inline elements of the source that the target lacks, such
	// as `<ph id="1">`; Extra those of the target the source does not have.
	Missing, Extra []string
}

// EarlierOrigin is the origin of the suggestion that fsn's export offers for a
// stale message: its translation of the earlier source.
const EarlierOrigin = "fsn: the translation of the earlier source"

// XLIFFSuggestion is a translation offered for a unit: a source text (the one
// it translates) and its translation, both Markdown.
type XLIFFSuggestion struct {
	// Earlier marks the unit's own translation of an earlier source.
	Earlier bool
	// Origin says where the suggestion comes from, such as "fsn: the translation of the earlier source".
	Origin         string
	Source, Target string
	// Quality is the match's score in per cent, 0 when unknown.
	Quality int
}

// XLIFFTerm is an entry of the termbase whose source term occurs in a unit's
// source: what the termbase says of it in the unit's target language.
type XLIFFTerm struct {
	// Source is the source term as the termbase writes it.
	Source string
	// Approved are the approved translations in the target language, Forbidden
	// the translations the termbase forbids, with Usage their usage notes.
	Approved, Forbidden []string
	Usage               string
	// Untranslated marks a term that every translation keeps as written.
	Untranslated bool
	// Origin is where the entry is, such as "locales/terms.tbx:16:7".
	Origin string
}

// TermNotePrefix begins the note that carries a term to the translator.
const TermNotePrefix = "Termbase: "

// Note returns the text that tells a translator about t: its approved
// translations, those forbidden, or that it stays as written.
func (t *XLIFFTerm) Note() string {
	if t.Untranslated {
		return fmt.Sprintf("%s%s is never translated: keep it as written (%s).", TermNotePrefix, quoteTerm(t.Source), t.Origin)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s", TermNotePrefix, quoteTerm(t.Source))
	if len(t.Approved) > 0 {
		fmt.Fprintf(&b, " → %s", quoteTerms(t.Approved))
	}
	if len(t.Forbidden) > 0 {
		fmt.Fprintf(&b, "; never %s", quoteTerms(t.Forbidden))
		if t.Usage != "" {
			fmt.Fprintf(&b, ": %s", t.Usage)
		}
	}
	fmt.Fprintf(&b, " (%s).", t.Origin)
	return b.String()
}

// definition returns what the 2.1 <gls:definition> of t says beside its
// translations, or "".
func (t *XLIFFTerm) definition() string {
	switch {
	case t.Untranslated:
		return "Never translated: keep it as written."
	case len(t.Forbidden) > 0 && t.Usage != "":
		return fmt.Sprintf("Never %s: %s", quoteTerms(t.Forbidden), t.Usage)
	case len(t.Forbidden) > 0:
		return fmt.Sprintf("Never %s.", quoteTerms(t.Forbidden))
	}
	return ""
}

func quoteTerm(s string) string { return "\u201c" + s + "\u201d" }

func quoteTerms(terms []string) string {
	var qs []string
	for _, t := range terms {
		qs = append(qs, quoteTerm(t))
	}
	return strings.Join(qs, " or ")
}

// MatchNotePrefix begins the note of XLIFF 1.2 that carries a translation
// memory's match to tools that show notes but not <alt-trans> (and, through
// translate-toolkit, to a PO file's comments).
const MatchNotePrefix = "Translation memory: "

// Note returns the text that tells a translator about the match s: its score,
// where it comes from (its origin without "fsn: "), its source and its
// translation.
func (s *XLIFFSuggestion) Note() string {
	return fmt.Sprintf("%s%d%% %s: %s → %s", MatchNotePrefix, s.Quality, strings.TrimPrefix(s.Origin, "fsn: "), quoteTerm(s.Source), quoteTerm(s.Target))
}

// BaseNote is the text of the note that records a unit's Base.
func BaseNote(base string) string { return "fsn:base " + base }

// baseNote is a line of a note that records a unit's Base.
var baseNote = regexp.MustCompile(`^\s*(?:#\s*)?fsn:base\s+(\S+)\s*$`)
