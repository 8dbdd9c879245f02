// Package sign signs PDF editions with an X.509 certificate and verifies
// their signatures.
//
// Sign adds one certification signature (PKCS#7 detached, DocMDP with no
// changes permitted) with github.com/digitorus/pdfsign, optionally with an
// RFC 3161 timestamp. Verify checks that the signature covers the whole
// file, that the file is intact, who signed it, that the certificate was
// valid at signing time and, given trusted roots, that it chains to one.
package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/digitorus/pdf"
	pdfsign "github.com/digitorus/pdfsign/sign"
)

// Signer holds a certificate and its private key, checked by Load or
// Development.
type Signer struct {
	key   crypto.Signer
	cert  *x509.Certificate
	chain []*x509.Certificate
}

// Certificate returns the signing certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.cert }

// Info is what a signature says about itself.
type Info struct {
	// Name is the signatory; empty means the certificate's common name.
	Name string
	// Reason is why the document was signed: the notice's FSCA reference.
	Reason string
	// Location is where it was signed.
	Location string
	// ContactInfo tells how to reach the signatory.
	ContactInfo string
	// Time is the signing time written into the signature dictionary (/M,
	// left out when timestamped); zero means now. It must lie within the
	// certificate's validity. The PKCS#7 signing-time attribute, which
	// verifiers prefer, is always the clock at signing.
	Time time.Time
	// TSAURL, when set, is the RFC 3161 timestamp authority asked to
	// timestamp the signature; Sign waits 30 seconds for its answer.
	TSAURL string
}

// Sign returns the PDF with a certification signature appended as an
// incremental update: DocMDP with no changes permitted, SHA-256, the
// certificate chain embedded, and an RFC 3161 timestamp when info.TSAURL is
// set. The input must be an unsigned, unencrypted PDF with a classic
// cross-reference table, as gofpdf writes. Sign verifies its own output and
// returns an error rather than a signature that does not check out.
func (s *Signer) Sign(pdfBytes []byte, info Info) ([]byte, error) {
	if info.Time.IsZero() {
		info.Time = time.Now()
	}
	if info.Name == "" {
		info.Name = s.cert.Subject.CommonName
	}
	if info.Time.Before(s.cert.NotBefore) || info.Time.After(s.cert.NotAfter) {
		return nil, fmt.Errorf("signing time %s is outside the validity of certificate %q (%s to %s)",
			info.Time.UTC().Format(time.RFC3339), s.cert.Subject.CommonName,
			s.cert.NotBefore.UTC().Format(time.RFC3339), s.cert.NotAfter.UTC().Format(time.RFC3339))
	}
	fields := []struct{ name, value string }{
		{"Name", info.Name}, {"Reason", info.Reason}, {"Location", info.Location}, {"ContactInfo", info.ContactInfo},
	}
	for _, f := range fields {
		if r, ok := unwritableRune(f.value); ok {
			return nil, fmt.Errorf("signature %s %q: pdfsign cannot write \"%c\" (%U) into a PDF string; leave the character out of this entry",
				f.name, f.value, r, r)
		}
	}
	var server *tsa
	if info.TSAURL != "" {
		var err error
		if server, err = parseTSA(info.TSAURL); err != nil {
			return nil, err
		}
	}
	out, err := s.sign(pdfBytes, info, server)
	if err != nil {
		return nil, err
	}
	res, err := Verify(out, VerifyOptions{})
	if err != nil {
		return nil, fmt.Errorf("the signed PDF does not verify: %w", err)
	}
	if !res.Certified {
		return nil, errors.New("the signed PDF does not carry a certification signature: its /Perms /DocMDP entry does not point at the signature")
	}
	for i, got := range []string{res.Name, res.Reason, res.Location, res.ContactInfo} {
		if got != fields[i].value {
			return nil, fmt.Errorf("the signed PDF gives the signature's %s as %q, not %q", fields[i].name, got, fields[i].value)
		}
	}
	return out, nil
}

// unwritableRune returns the first rune of s that pdfsign would corrupt.
// pdfsign writes a non-ASCII string as UTF-16BE inside a literal string
// without escaping, so a byte 0x5C (backslash) or 0x0D (read back as a line
// feed) in the UTF-16 code units, or a byte 0x28 or 0x29 (parenthesis)
// without its partner, breaks the string: for instance č (U+010D) and
// Ш (U+0428).
func unwritableRune(s string) (rune, bool) {
	if !strings.ContainsFunc(s, func(r rune) bool { return r > unicode.MaxASCII }) {
		return 0, false // written as an escaped literal string
	}
	var open []rune // runes whose encoding opened a parenthesis
	for _, r := range s {
		for _, u := range utf16.AppendRune(nil, r) {
			for _, b := range []byte{byte(u >> 8), byte(u)} {
				switch b {
				case '\\', '\r':
					return r, true
				case '(':
					open = append(open, r)
				case ')':
					if len(open) == 0 {
						return r, true
					}
					open = open[:len(open)-1]
				}
			}
		}
	}
	if len(open) > 0 {
		return open[0], true
	}
	return 0, false
}

// sign signs with info as given, and a timestamp from server unless it is
// nil, without checking the result.
func (s *Signer) sign(in []byte, info Info, server *tsa) ([]byte, error) {
	rdr, err := openPDF(in)
	if err != nil {
		return nil, err
	}
	root := rdr.Trailer().Key("Root")
	switch {
	case !rdr.Trailer().Key("Encrypt").IsNull():
		return nil, errors.New("the PDF is encrypted: sign the unencrypted edition")
	case !root.Key("Perms").IsNull() || !root.Key("AcroForm").Key("SigFlags").IsNull():
		return nil, errors.New("the PDF is already signed: sign the unsigned edition")
	}
	prepared, err := addDocMDPPerms(in, rdr)
	if err != nil {
		return nil, err
	}
	if rdr, err = openPDF(prepared); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	ctx := pdfsign.SignContext{
		InputFile:  bytes.NewReader(prepared),
		OutputFile: &buf,
		PDFReader:  rdr,
		SignData: pdfsign.SignData{
			Signature: pdfsign.SignDataSignature{
				CertType:   pdfsign.CertificationSignature,
				DocMDPPerm: pdfsign.DoNotAllowAnyChangesPerms,
				Info: pdfsign.SignDataSignatureInfo{
					Name:        info.Name,
					Location:    info.Location,
					Reason:      info.Reason,
					ContactInfo: info.ContactInfo,
					Date:        info.Time,
				},
			},
			Signer:            s.key,
			DigestAlgorithm:   crypto.SHA256,
			Certificate:       s.cert,
			CertificateChains: [][]*x509.Certificate{append([]*x509.Certificate{s.cert}, s.chain...)},
		},
		SignatureMaxLengthBase: uint32(hex.EncodedLen(s.reserve(server != nil))),
	}
	run := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("pdfsign failed: %v", r)
			}
		}()
		return ctx.SignPDF()
	}
	if server == nil {
		if err := run(); err != nil {
			return nil, fmt.Errorf("signing the PDF: %w", err)
		}
		return buf.Bytes(), nil
	}
	ctx.SignData.TSA = server.server
	// pdfsign asks the timestamp authority without a timeout; a signing
	// that hangs is left behind with its own buffer.
	done := make(chan error, 1)
	go func() { done <- run() }()
	select {
	case err := <-done:
		if err != nil {
			return nil, fmt.Errorf("signing the PDF with a timestamp from %s: %s", server.shown, server.scrub(err))
		}
		return buf.Bytes(), nil
	case <-time.After(tsaTimeout):
		return nil, fmt.Errorf("signing the PDF: the timestamp authority %s did not answer within %v", server.shown, tsaTimeout)
	}
}

// tsaTimeout bounds the wait for a timestamp authority.
var tsaTimeout = 30 * time.Second

// reserve returns the bytes to reserve in the signature placeholder beyond
// what pdfsign adds for the certificates and the timestamp. pdfsign's own
// reserve of 512 bytes is too small for RSA keys of 3072 bits and more, and
// its retry with a larger placeholder writes a damaged cross-reference
// table; reserving the signature's size up front avoids that path.
func (s *Signer) reserve(timestamped bool) int {
	n := 512
	switch k := s.key.Public().(type) {
	case *rsa.PublicKey:
		n += k.Size()
	case *ecdsa.PublicKey:
		n += 2*((k.Curve.Params().BitSize+7)/8) + 9
	}
	if timestamped {
		n += 4096 // pdfsign reserves 9000 bytes; some authorities send more
	}
	return n
}

// openPDF parses a PDF with the reader pdfsign uses, which panics on some
// damaged files.
func openPDF(b []byte) (rdr *pdf.Reader, err error) {
	defer func() {
		if r := recover(); r != nil {
			rdr, err = nil, fmt.Errorf("not a readable PDF: %v", r)
		}
	}()
	rdr, err = pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("not a readable PDF: %w", err)
	}
	return rdr, nil
}
