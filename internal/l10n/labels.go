package l10n

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/fsn-tool/fsn/internal/notice"
)

// MessageHash is the hash of a message in the source language. For a message
// with only an "other" text it is the go-i18n hash that SourceHash gives a
// notice's text: the sha1 of its description and that text. A message with
// plural forms has its other forms hashed after "other" too (zero, one, two,
// few, many, as CLDR orders them), so that a change to any form makes the
// translations stale. A
// label's translation records the hash of the English label it was made
// from, so that a changed English label makes it stale.
func MessageHash(m *i18n.Message) string {
	text := m.Other
	for _, form := range PluralCategories {
		if v := PluralText(m, form); v != "" && form != "other" {
			text += "\x00" + form + "=" + v
		}
	}
	return SourceHash(&notice.Text{Description: m.Description, Value: text})
}

// LabelData is the template data that fsn gives each label, by label id: the
// only {{.Name}} a label may use. A label not listed gets no data. This table
// is the one place that says what a label may use; docs/translators.md lists
// it for translators, and the checks hold every label to it.
var LabelData = map[string][]string{
	"type-follow-up":         {"Follows"},
	"devices-intro":          {"Count"},
	"signed-on":              {"Date"},
	"reply-form-concerns":    {"Reference", "Date", "Subject"},
	"page":                   {"Page", "Pages", "Count"},
	"date":                   {"Day", "Month", "Year"},
	"site-download-pdf":      {"Size"},
	"site-download-markdown": {"Size"},
	"site-signed-by":         {"Signer", "Certificate"},
	"range":                  {"From", "To"},
	"by":                     {"Date"},
	"todo-steps":             {"Count", "Heading"},
	"todo-instructions":      {"Heading"},
}

// Select is a choice a label can make on a fact of the notice, where a
// language's grammar depends on it, in the manner of a CLDR select: a
// translation may add a variant of the label for each value, with the id
// <label>-<value>, and fsn uses the variant of the notice's value, or the label
// itself when the language has no variant for it or the notice gives no value.
// The label itself must read right whatever the value: the variants only refine it.
type Select struct {
	// Key names the fact, as docs/translators.md does: "Gender".
	Key string
	// Field is where the notice gives it: "signatory.gender" in notice.yaml.
	Field string
	// Values are the values the fact can take, each a variant's suffix.
	Values []string
	// value returns the notice's value of the fact, or "".
	value func(n *notice.Notice) string
}

// LabelSelects are the labels that choose on a fact of the notice, by label id.
var LabelSelects = map[string]Select{
	"signed":         signatoryGender,
	"site-signed-by": signatoryGender,
}

var signatoryGender = Select{Key: "Gender", Field: "signatory.gender", Values: notice.Genders, value: func(n *notice.Notice) string { return n.Signatory.Gender }}

// VariantID returns the id of the variant of label id for value: "signed-female".
func VariantID(id, value string) string { return id + "-" + value }

// LabelKeys returns the template data that label id gets, from LabelData: for
// a variant (see Select), the data of the label it varies.
func LabelKeys(id string) []string {
	if base, ok := LabelVariant(id); ok {
		return LabelData[base]
	}
	return LabelData[id]
}

// LabelVariant returns the label of which id is a variant, and true, when id
// is <label>-<value> for a label of LabelSelects and one of its values.
func LabelVariant(id string) (label string, ok bool) {
	for label, sel := range LabelSelects {
		for _, v := range sel.Values {
			if id == VariantID(label, v) {
				return label, true
			}
		}
	}
	return "", false
}

// checkData reports data that label id is not documented to get.
func checkData(id string, data map[string]any) error {
	keys := LabelKeys(id)
	for k := range data {
		if !slices.Contains(keys, k) {
			return fmt.Errorf("label %q gets no template data %q: each label gets only the data l10n.LabelData lists for it, as docs/translators.md says; add %q there and to the docs, or pass it to another label", id, k, k)
		}
	}
	return nil
}

// LabelSource is a label in the source language that a labels file translates.
type LabelSource struct {
	// Message is the source language's label; for a variant, the label it varies.
	*i18n.Message
	// ID is the id the translation has: the label's, or the variant's.
	ID string
	// Hash is the hash of the source text a current translation carries.
	Hash string
	// Variant is set for a variant, which a translation may leave out.
	Variant bool
}

// LabelSources returns what the labels file tr (nil when there is none)
// translates, in the order of ref, the source language's labels: each label of
// ref, and each variant that tr has of a label of ref, after its label. A
// variant is translated from its label's source text, and is stale with it.
func LabelSources(ref, tr *File) []*LabelSource {
	if ref == nil {
		return nil
	}
	var ids []string
	for id := range ref.Messages {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ref.Messages[ids[i]].Pos.Line < ref.Messages[ids[j]].Pos.Line })
	var out []*LabelSource
	for _, id := range ids {
		m := ref.Messages[id].Message
		hash := MessageHash(m)
		out = append(out, &LabelSource{Message: m, ID: id, Hash: hash})
		sel, ok := LabelSelects[id]
		if !ok || tr == nil {
			continue
		}
		for _, v := range sel.Values {
			if vid := VariantID(id, v); tr.Messages[vid] != nil {
				out = append(out, &LabelSource{Message: m, ID: vid, Hash: hash, Variant: true})
			}
		}
	}
	return out
}

// labelID returns the id of the label that the edition uses for id: the
// variant for the notice's value of the label's select, when the labels file
// has one, else id.
func (ed *Edition) labelID(id string) string {
	sel, ok := LabelSelects[id]
	if !ok || ed.Source == nil {
		return id
	}
	v := sel.value(ed.Source)
	if v == "" || !slices.Contains(sel.Values, v) {
		return id
	}
	if vid := VariantID(id, v); ed.labels.Messages[vid] != nil && strings.TrimSpace(ed.labels.Messages[vid].Other) != "" {
		return vid
	}
	return id
}
