package check

import (
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/notice"
)

// The ids of the checks, as they appear in diagnostics ("error[token-changed]")
// and in waivers. docs/checks.md explains each one and how to fix what it finds.
const (
	// Errors found in the locale files.
	Missing         = "missing"          // a message the notice or the templates need is not translated
	Empty           = "empty"            // a message is there but has no text
	Stale           = "stale"            // a translation was made from an older source text
	StepMissing     = "step-missing"     // a step or a note of a list of steps is not translated
	TokenMissing    = "token-missing"    // a number, name, path, e-mail, URL, phone or placeholder was lost
	TokenChanged    = "token-changed"    // such a token was changed into another one
	NumberMisread   = "number-misread"   // a number a reader of the language reads as another value, or not in its form
	LinkChanged     = "link-changed"     // a link target was lost, changed or added
	CodeChanged     = "code-changed"     // a `code span` was lost or changed
	EmphasisChanged = "emphasis-changed" // emphasis or strong emphasis was lost or added
	BlockChanged    = "block-changed"    // a translation adds paragraphs, list items or headings
	RawHTML         = "raw-html"         // a translation holds raw HTML
	UnsafeLink      = "unsafe-link"      // a link with a javascript:, vbscript:, data: or file: target
	PluralMissing   = "plural-missing"   // a CLDR plural form the language needs is missing
	WaiverInvalid   = "waiver-invalid"   // an fsn:waive comment that cannot be applied
	GlyphMissing    = "glyph-missing"    // a character the fonts of the PDF edition cannot draw
	TermMissing     = "term-missing"     // a term of the source whose approved translation the translation lacks
	TermForbidden   = "term-forbidden"   // a translation uses a term the termbase forbids
	TermbaseInvalid = "termbase"         // locales/terms.tbx cannot be read

	// Errors in any text, the source's included.
	MarkupAttribute    = "markup-attribute"    // a text writes {#id}, {.class} or {key=value}
	MarkupUnclosed     = "markup-unclosed"     // a text opens a block (a ~~~ fence, <pre>) it never closes
	LabelTemplate      = "label-template"      // a label's template does more than print the data it is given
	ControlCharacter   = "control-character"   // NUL, escape or another control character
	InvisibleCharacter = "invisible-character" // a bidirectional override, zero-width space or other invisible character

	// Warnings found in the locale files.
	Unchanged     = "unchanged"      // a translation identical to its source
	Obsolete      = "obsolete"       // a message no source uses any more
	SentenceCount = "sentence-count" // a different number of sentences than the source
	EndPunct      = "end-punctuation"
	LengthRatio   = "length-ratio" // far longer or shorter than the language's other translations
	DoubledWord   = "doubled-word"
	WaiverUnused  = "waiver-unused" // a waiver that waives nothing
	// TermInconsistent is one termbase entry rendered with two different terms in one translation.
	TermInconsistent = "term-inconsistent"
	// TranslationInconsistent is one source text translated in two ways in one language, across notices.
	TranslationInconsistent = "translation-inconsistent"
	// TranslationAmbiguous is one translation used for two different source texts in one language.
	TranslationAmbiguous = "translation-ambiguous"
	// PlainWords warns about words in a notice field that every edition copies as written.
	PlainWords = notice.PlainWords

	// Errors found in the built editions by Verify.
	RecordMissing  = "record-missing"  // the build record out/<id>/<id>.build.json is missing or unreadable
	EditionMissing = "edition-missing" // an edition of a language and format is missing
	EditionChanged = "edition-changed" // an edition differs from what the build wrote
	BuildStale     = "build-stale"     // an input changed after the build
	ListMissing    = "list-missing"    // a list of steps is not in an edition
	StepCount      = "step-count"      // a list of steps has the wrong number of steps
	StepOrder      = "step-order"      // a step is not where the source puts it
	ContactMissing = "contact-missing" // an edition does not name its contact, a country's local one included
	Signature      = "signature"       // a PDF's signature is missing, broken or not the signatory's
	FigureMissing  = "figure-missing"  // an image of the notice, or its alternative text or caption, is not in an edition
	// SignatureDevelopment is a PDF signed with the development certificate, which is no one's.
	SignatureDevelopment = "signature-development"
)

// checks gives the severity of every check and whether a waiver may silence it.
// A message that is missing, empty or stale has no translation to publish, so
// those cannot be waived; neither can the findings about waivers or editions.
var checks = map[string]struct {
	severity diag.Severity
	waivable bool
}{
	Missing: {diag.Error, false}, Empty: {diag.Error, false}, Stale: {diag.Error, false},
	StepMissing: {diag.Error, false}, TokenMissing: {diag.Error, true}, TokenChanged: {diag.Error, true},
	NumberMisread: {diag.Error, true},
	LinkChanged:   {diag.Error, true}, CodeChanged: {diag.Error, true}, EmphasisChanged: {diag.Error, true},
	BlockChanged: {diag.Error, true}, RawHTML: {diag.Error, true}, UnsafeLink: {diag.Error, true},
	PluralMissing: {diag.Error, true}, WaiverInvalid: {diag.Error, false},
	MarkupAttribute: {diag.Error, false}, MarkupUnclosed: {diag.Error, false}, LabelTemplate: {diag.Error, false},
	ControlCharacter: {diag.Error, false}, InvisibleCharacter: {diag.Error, true},
	GlyphMissing: {diag.Error, false},
	TermMissing:  {diag.Error, true}, TermForbidden: {diag.Error, true}, TermbaseInvalid: {diag.Error, false},
	TermInconsistent: {diag.Warning, true}, TranslationInconsistent: {diag.Warning, true}, TranslationAmbiguous: {diag.Warning, true},

	Unchanged: {diag.Warning, true}, Obsolete: {diag.Warning, true}, SentenceCount: {diag.Warning, true},
	EndPunct: {diag.Warning, true}, LengthRatio: {diag.Warning, true}, DoubledWord: {diag.Warning, true},
	WaiverUnused: {diag.Warning, false}, PlainWords: {diag.Warning, false},

	RecordMissing: {diag.Error, false}, EditionMissing: {diag.Error, false}, EditionChanged: {diag.Error, false},
	BuildStale: {diag.Error, false}, ListMissing: {diag.Error, false}, StepCount: {diag.Error, false},
	StepOrder: {diag.Error, false}, ContactMissing: {diag.Error, false}, Signature: {diag.Error, false}, SignatureDevelopment: {diag.Warning, false},
	FigureMissing: {diag.Error, false},
}
