package l10n

import (
	"github.com/fsn-tool/fsn/internal/diag"
)

// The XLIFF versions fsn writes and reads.
const (
	XLIFF12 = "1.2"
	XLIFF21 = "2.1"
)

const (
	xliff12NS = "urn:oasis:names:tc:xliff:document:1.2"
	xliff2NS  = "urn:oasis:names:tc:xliff:document:2.0" // XLIFF 2.1 keeps the namespace of 2.0
	matchesNS = "urn:oasis:names:tc:xliff:matches:2.0"  // the Translation Candidates module of XLIFF 2
	// fsnNS is the namespace of fsn's own XLIFF 2.1 attribute fsn:hash (XLIFF 1.2
	// keeps the hash in extradata, as its strict schema allows no other attribute).
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
	// from a translation memory.
	Suggestions []*XLIFFSuggestion
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
