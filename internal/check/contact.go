package check

import (
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// The contact section that templates/notice.md.tmpl writes under the heading
// "Contact person" {#contact}: the contact's name, organisation, phone and
// e-mail. An edition of a country with a local contact (notice.Edition) names
// that contact there instead of the notice's: fsn verify finds each of them in
// every edition, between the heading and the signature.

// contactFor returns the contact section every edition named ed.Lang must
// hold, as a box: its heading, the label after it, and the contact's name,
// organisation, phone and e-mail.
func contactFor(ed *l10n.Edition) (*wantBox, error) {
	heading, err := ed.Label("heading-contact")
	if err != nil {
		return nil, err
	}
	after, err := ed.Label("signed")
	if err != nil {
		return nil, err
	}
	b := &wantBox{heading: parseMarkup(heading).plain, after: parseMarkup(after).plain}
	c := ed.Notice.Contact
	for _, it := range []wantBoxItem{{"the name", c.Name}, {"the organisation", c.Organisation.Name}, {"the phone number", c.Phone}, {"the e-mail address", c.Email}} {
		if it.text != "" {
			b.items = append(b.items, it)
		}
	}
	return b, nil
}

// wantContact returns the contact section every edition of the localised
// notice ed must hold.
func (v *verifier) wantContact(ed *l10n.Edition) *wantBox {
	b, err := contactFor(ed)
	if err != nil {
		v.add(diag.Pos{File: v.n.File}, ed.Lang, ContactMissing, "%s: cannot tell what the contact section must hold: %v", ed.Lang, err)
		return nil
	}
	return b
}

// compareContact reports what of the contact b the edition's text sq lacks
// between the contact heading and the signature.
func (v *verifier) compareContact(pos diag.Pos, lang, format string, b *wantBox, sq string) {
	start := strings.Index(sq, squeeze(b.heading))
	if start < 0 {
		v.add(pos, lang, ContactMissing, "%s: the %s edition has no contact section %q; keep {#contact} in templates/notice.md.tmpl", lang, formatName(format), b.heading)
		return
	}
	section := sq[start:]
	if end := strings.Index(section, squeeze(b.after)); end >= 0 {
		section = section[:end]
	}
	for _, it := range b.items {
		if !strings.Contains(section, squeeze(it.text)) {
			v.add(pos, lang, ContactMissing, "%s: the %s edition's contact section lacks %s of its contact, %q", lang, formatName(format), it.what, it.text)
		}
	}
}
