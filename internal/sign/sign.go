// Package sign signs PDF editions with an X.509 certificate and verifies
// their signatures.
//
// Sign adds one certification signature, a PAdES baseline signature (ETSI
// EN 319 142-1: SubFilter ETSI.CAdES.detached, B-B, and B-T with an RFC 3161
// timestamp) whose DocMDP permission allows filling in the form and nothing
// else, in a signature field whose widget covers the visible signature
// block. Verify checks that the signature covers the whole file, or the
// file up to a later filling-in of the form and nothing else, that the file
// is intact, who signed it, that the certificate was valid at signing time
// and, given trusted roots, that it chains to one.
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

	"github.com/digitorus/pdf"
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

// Chains returns nil when the signing certificate, with the certificates that
// come with it (the ones each signature carries), chains to a root in trust
// at time at, as Verify checks a signature's certificate at its signing time,
// and the reason it does not otherwise.
func (s *Signer) Chains(trust *x509.CertPool, at time.Time) error {
	_, err := s.cert.Verify(x509.VerifyOptions{
		Roots:         trust,
		Intermediates: certPool(s.chain),
		CurrentTime:   at,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	return err
}

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
	// Time is the claimed time of signing, written into the signature
	// dictionary (/M), which PAdES makes the one place for it (the CMS
	// signing-time attribute is left out); zero means now. It must lie
	// within the certificate's validity.
	Time time.Time
	// TSAURL, when set, is the RFC 3161 timestamp authority asked to
	// timestamp the signature (PAdES B-T); Sign waits 30 seconds for its
	// answer.
	TSAURL string
	// Block, when set, is where the visible signature block is drawn; the
	// signature field's widget covers it. Without it the widget is invisible.
	Block *Block
}

// Sign returns the PDF with a certification signature appended as an
// incremental update: PAdES (ETSI.CAdES.detached) with SHA-256, the
// signing-certificate-v2 attribute and the certificate chain, DocMDP
// permission 2 (form filling and signing only), and an RFC 3161 timestamp
// when info.TSAURL is set. The input must be an unsigned, unencrypted PDF,
// with a classic cross-reference table or cross-reference streams; the
// update's section is of the same kind. Sign verifies its own output and
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
	switch {
	case !res.Certified:
		return nil, errors.New("the signed PDF does not carry a certification signature: its /Perms /DocMDP entry does not point at the signature")
	case res.SubFilter != SubFilterPAdES:
		return nil, fmt.Errorf("the signed PDF's signature is %s, not %s", res.SubFilter, SubFilterPAdES)
	case info.TSAURL != "" && !res.Timestamped:
		return nil, errors.New("the signed PDF's signature carries no timestamp")
	}
	for i, got := range []string{res.Name, res.Reason, res.Location, res.ContactInfo} {
		if got != fields[i].value {
			return nil, fmt.Errorf("the signed PDF gives the signature's %s as %q, not %q", fields[i].name, got, fields[i].value)
		}
	}
	return out, nil
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
	case root.Kind() != pdf.Dict:
		return nil, errors.New("the PDF has no document catalog")
	}
	var stamp func([]byte) ([]byte, error)
	if server != nil {
		stamp = server.stamp
	}
	reserve := s.reserve(server != nil)
	for attempt := 0; ; attempt++ {
		out, need, err := s.signOnce(in, rdr, info, reserve, stamp)
		switch {
		case err != nil:
			return nil, err
		case need == 0:
			return out, nil
		case attempt > 0:
			return nil, fmt.Errorf("signing the PDF: the signature needs %d bytes, more than the %d reserved", need, reserve)
		}
		reserve = need + 1024 // a timestamp authority may answer with more than was reserved
	}
}

// signOnce writes the signature into an incremental update of in with
// reserve bytes for the CMS signature. When the signature needs more, it
// returns how many.
func (s *Signer) signOnce(in []byte, rdr *pdf.Reader, info Info, reserve int, stamp func([]byte) ([]byte, error)) ([]byte, int, error) {
	u := newUpdate(in, rdr)
	sigID := u.alloc()
	if _, err := addSignatureField(u, sigID, info.Block, "Digital signature of "+info.Name); err != nil {
		return nil, 0, err
	}
	var d bytes.Buffer
	d.WriteString("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n")
	d.WriteString(" /ByteRange " + byteRangePlaceholder + "\n")
	d.WriteString(" /Contents <")
	contentsAt := d.Len() - 1
	d.Write(bytes.Repeat([]byte("0"), 2*reserve))
	d.WriteString(">")
	contentsEnd := d.Len()
	d.WriteString("\n")
	// DocMDP permission 2: filling in the form and signing, nothing else.
	d.WriteString(" /Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> /DigestMethod /SHA256 >>]\n")
	for _, e := range []struct{ key, value string }{{"Name", info.Name}, {"Reason", info.Reason}, {"Location", info.Location}, {"ContactInfo", info.ContactInfo}} {
		if e.value != "" {
			d.WriteString(" /" + e.key + " " + pdfText(e.value) + "\n")
		}
	}
	d.WriteString(" /M " + pdfDateString(info.Time) + "\n")
	d.WriteString(" /Prop_Build << /App << /Name /fsn >> >>\n>>")
	bodyAt := u.object(sigID, 0, d.Bytes())
	out := u.finish()

	gap, rest := bodyAt+contentsAt, bodyAt+contentsEnd
	br := fmt.Sprintf("[0 %d %d %d]", gap, rest, len(out)-rest)
	at := bodyAt + bytes.Index(d.Bytes(), []byte(byteRangePlaceholder))
	if len(br) > len(byteRangePlaceholder) {
		return nil, 0, errors.New("signing the PDF: the file is too large for its byte range")
	}
	copy(out[at:], br+strings.Repeat(" ", len(byteRangePlaceholder)-len(br)))

	signed := append(bytes.Clone(out[:gap]), out[rest:]...)
	cms, err := s.cadesSignature(signed, stamp)
	if err != nil {
		return nil, 0, err
	}
	if len(cms) > reserve {
		return nil, len(cms), nil
	}
	hex.Encode(out[gap+1:], cms)
	return out, 0, nil
}

// byteRangePlaceholder is overwritten with the signature's byte range,
// padded with spaces.
const byteRangePlaceholder = "[0 0000000000 0000000000 0000000000]"

// reserve returns the bytes to reserve for the CMS signature: the
// certificates, the signed attributes and the signature value, and a
// timestamp token.
func (s *Signer) reserve(timestamped bool) int {
	n := 1024
	for _, c := range append([]*x509.Certificate{s.cert}, s.chain...) {
		n += len(c.Raw) + 16
	}
	switch k := s.key.Public().(type) {
	case *rsa.PublicKey:
		n += k.Size()
	case *ecdsa.PublicKey:
		n += 2*((k.Curve.Params().BitSize+7)/8) + 9
	}
	if timestamped {
		n += 8192 // a token with the authority's certificate chain
	}
	return n
}

// openPDF parses a PDF with digitorus/pdf, the reader that signing and
// Verify use, which panics on some damaged files.
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
