package sign

import (
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// oidCommonName is the attribute type of a subject's common name (X.520).
var oidCommonName = asn1.ObjectIdentifier{2, 5, 4, 3}

// IsDevelopment reports whether cert is a development certificate, as
// Development creates: its common name says it is for no one, so it never
// stands for a signatory.
func IsDevelopment(cert *x509.Certificate) bool {
	return cert.Subject.CommonName == DevelopmentCommonName
}

// SameName reports whether two personal names are the same name: equal once
// both are in Unicode normal form NFC, their runs of white space are one space
// with none at the ends, and their case is folded. "Dr. Arpad  Bischof" and
// "DR. ARPAD BISCHOF" are the same name; "Arpad Bischof" and
// "Dr. Arpad Bischof" are not.
func SameName(a, b string) bool {
	return normalName(a) == normalName(b)
}

func normalName(s string) string {
	return cases.Fold().String(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// IdentityError says that a signing certificate is not the signatory's.
type IdentityError struct {
	// Subject is the certificate's subject, as "CN=Mallory Evil,O=Example".
	Subject string
	// Signatory is the name the certificate must carry.
	Signatory string
	// Development reports the development certificate, which is no one's.
	Development bool
	reason      string
}

func (e *IdentityError) Error() string {
	if e.Development {
		return fmt.Sprintf("signed with the development certificate (%s), which stands for no one, not with a certificate of the signatory %q", e.Subject, e.Signatory)
	}
	return fmt.Sprintf("the signing certificate (%s) %s, not the signatory %q", e.Subject, e.reason, e.Signatory)
}

// CheckSignatory returns an *IdentityError unless cert is a certificate of the
// person signatory names: its subject has exactly one common name, and that is
// signatory's name (SameName). Who signs is what the certificate says, as its
// issuer vouches for it; the name a signature gives itself (/Name) is written by
// the signer and proves nothing. A development certificate is no one's.
func CheckSignatory(cert *x509.Certificate, signatory string) error {
	e := &IdentityError{Subject: cert.Subject.String(), Signatory: strings.TrimSpace(signatory), Development: IsDevelopment(cert)}
	cns := 0
	for _, a := range cert.Subject.Names {
		if a.Type.Equal(oidCommonName) {
			cns++
		}
	}
	switch {
	case e.Development:
		return e
	case cns == 0:
		e.reason = "names no person (it has no common name)"
	case cns > 1:
		e.reason = fmt.Sprintf("has %d common names, so it does not name one person", cns)
	case !SameName(cert.Subject.CommonName, signatory):
		e.reason = fmt.Sprintf("is for %q", cert.Subject.CommonName)
	default:
		return nil
	}
	return e
}
