package check

import (
	"crypto/x509"
	"fmt"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/sign"
)

// Signatory is the check that the signing certificate names each notice's signatory.
const Signatory = "signatory"

// Signatories reports, with severity sev, each notice whose signatory the
// signing certificate cert does not name (sign.CheckSignatory): a warning for
// fsn build, an error for fsn publish, whose PDFs are signed by the person each
// notice names. The development certificate names no one; as a warning it is
// left to the CLI's own warning about it, which every build with it prints.
func Signatories(notices []*notice.Notice, cert *x509.Certificate, sev diag.Severity) diag.List {
	if sev == diag.Warning && sign.IsDevelopment(cert) {
		return nil
	}
	var found diag.List
	for _, n := range notices {
		if err := sign.CheckSignatory(cert, n.Signatory.Name); err != nil {
			found.Add(&diag.Diagnostic{Pos: diag.Pos{File: n.File}, Severity: sev, Check: Signatory,
				Message: fmt.Sprintf("%s: the PDFs must be signed by the signatory, but %v; fsn publish refuses them. Sign with the certificate of %q (FSN_SIGN_CERT and FSN_SIGN_KEY, or FSN_SIGN_P12), or correct signatory.name", n.ID, err, n.Signatory.Name)})
		}
	}
	return found
}
