package sign

import (
	"bytes"
	"crypto"
	_ "crypto/sha1" // digests of older signatures
	_ "crypto/sha256"
	_ "crypto/sha512"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pkcs7"
	"github.com/digitorus/timestamp"
)

// VerifyOptions says what Verify requires beyond an intact signature.
type VerifyOptions struct {
	// Trust, when set, holds the root certificates that the signing
	// certificate, and the timestamp authority's, must chain to.
	Trust *x509.CertPool
	// Signer, when set, is the signatory: the signing certificate must be
	// theirs, as CheckSignatory decides. The signature's own Name is not
	// evidence of who signed.
	Signer string
}

// Result is what Verify found in a signed PDF.
type Result struct {
	// Signer is the common name of the signing certificate.
	Signer string
	// Certificate is the signing certificate; nil when the signature has none.
	Certificate *x509.Certificate
	// Name, Reason, Location and ContactInfo are the signature's own entries.
	Name, Reason, Location, ContactInfo string
	// SigningTime is the time of the RFC 3161 timestamp when there is one,
	// otherwise the time the signer's software claims: the PKCS#7
	// signing-time attribute, or else the signature's /M entry.
	SigningTime time.Time
	// Timestamped reports an RFC 3161 timestamp over the signature.
	Timestamped bool
	// SubFilter is the signature's encoding: SubFilterPAdES for a PAdES
	// signature, adbe.pkcs7.detached for the editions of older fsn.
	SubFilter string
	// Certified reports a certification signature (DocMDP, referenced from
	// the catalog's /Perms) that permits no changes (DocMDP 1) or only
	// filling in the form (DocMDP 2); DocMDP is that permission.
	Certified bool
	DocMDP    int
	// Trusted reports that the certificate chains to VerifyOptions.Trust.
	Trusted bool
	// Updates is how many incremental updates follow the signed revision,
	// each of which only fills in the form (a changed field value or
	// appearance), as DocMDP permission 2 allows; any other change is a
	// problem. FormFilled lists the fields they fill in, by full name.
	Updates    int
	FormFilled []FilledField
	// Problems lists every check that failed; it is empty for a good
	// signature.
	Problems []string
}

func (r *Result) problem(format string, args ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
}

func (r *Result) err() error {
	if len(r.Problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(r.Problems, "; "))
}

// Verify checks the signature of a PDF: there is exactly one, its byte range
// covers the whole file except the signature value, the signed bytes match
// the digest and the digest the signature, the certificate allows digital
// signatures and was valid at signing time, the certificate is opts.Signer's, and,
// with opts.Trust, the certificate chains to a trusted root. It returns the
// Result, with every problem found, and an error naming the problems when
// there is any.
func Verify(b []byte, opts VerifyOptions) (*Result, error) {
	res := &Result{}
	rdr, err := openPDF(b)
	if err != nil {
		res.problem("%v (truncated or damaged)", err)
		return res, res.err()
	}
	sigs, err := signatureDicts(rdr)
	if err != nil {
		res.problem("%v", err)
		return res, res.err()
	}
	switch len(sigs) {
	case 0:
		if !bytes.HasSuffix(bytes.TrimRight(b, "\r\n"), []byte("%%EOF")) {
			res.problem("the PDF has no readable signature and does not end with %%%%EOF: it was truncated or damaged")
		} else {
			res.problem("the PDF has no digital signature")
		}
		return res, res.err()
	case 1:
	default:
		res.problem("the PDF has %d signatures: an edition carries exactly one certification signature", len(sigs))
	}
	sig := sigs[0]
	res.Name = sig.Key("Name").Text()
	res.Reason = sig.Key("Reason").Text()
	res.Location = sig.Key("Location").Text()
	res.ContactInfo = sig.Key("ContactInfo").Text()
	signed, end := checkByteRange(res, b, sig)
	res.DocMDP = docMDP(rdr, sig)
	res.Certified = res.DocMDP == 1 || res.DocMDP == 2
	res.SubFilter = sig.Key("SubFilter").Name()
	if end > 0 && end < int64(len(b)) {
		checkLaterUpdates(res, b, end, rdr)
	}

	p7, err := pkcs7.Parse([]byte(sig.Key("Contents").RawString()))
	if err != nil {
		res.problem("the signature value is not a PKCS#7 signature: %v", err)
		return res, res.err()
	}
	leaf := p7.GetOnlySigner()
	if leaf == nil {
		res.problem("the signature does not carry the signer's certificate")
		return res, res.err()
	}
	res.Signer, res.Certificate = leaf.Subject.CommonName, leaf
	if res.SubFilter == SubFilterPAdES {
		checkPAdES(res, []byte(sig.Key("Contents").RawString()), p7, sig)
	}

	if leaf.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		res.problem("signing certificate %q: certificate does not have Digital Signature key usage", res.Signer)
	}
	p7.Content = signed
	if signed == nil {
		p7.Content = byteRangeContent(b, sig)
	}
	verifyErr := verifyCMS(p7)

	var claimed time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &claimed); err != nil {
		claimed, _ = parsePDFDate(sig.Key("M").Text())
	}
	res.SigningTime = claimed
	ts, err := signatureTimestamp(p7)
	switch {
	case err != nil:
		verifyErr = err
	case ts != nil:
		res.Timestamped = true
		res.SigningTime = ts.Time
		if opts.Trust != nil {
			checkTimestampTrust(res, ts.RawToken, opts.Trust)
		}
	}
	validThen := false
	switch {
	case res.SigningTime.IsZero():
		res.problem("the signature has no signing time")
	case res.SigningTime.Before(leaf.NotBefore) || res.SigningTime.After(leaf.NotAfter):
		res.problem("signing certificate %q was not valid at signing time %s (valid %s to %s)", res.Signer,
			res.SigningTime.UTC().Format(time.RFC3339), leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339))
	default:
		validThen = true
	}

	switch {
	case signed != nil && digestMismatch(p7, signed):
		res.problem("the signed bytes do not match the signature's digest: the file was changed after signing")
	case verifyErr != nil && (validThen || res.Timestamped):
		// Without a timestamp, a certificate that was not valid at signing
		// time is all that pkcs7 rejects here, and it is reported above.
		res.problem("the signature does not verify (%s)", strings.Join(strings.Fields(verifyErr.Error()), " "))
	}

	if opts.Signer != "" {
		if err := CheckSignatory(leaf, opts.Signer); err != nil {
			res.problem("%v", err)
		}
	}

	if opts.Trust != nil && !res.SigningTime.IsZero() {
		_, err := leaf.Verify(x509.VerifyOptions{
			Roots:         opts.Trust,
			Intermediates: certPool(p7.Certificates),
			CurrentTime:   res.SigningTime,
			KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		})
		if err != nil {
			res.problem("signing certificate %q does not chain to a trusted root: %v", res.Signer, err)
		} else {
			res.Trusted = true
		}
	}
	return res, res.err()
}

// signatureDicts returns the signature dictionaries of a PDF, in the order of
// the cross-reference table. Objects in object streams are passed over: a
// signature's byte range points into the file, so its dictionary is never
// compressed (ISO 32000-2, 7.5.7), and the reader inflates an object stream
// again for each object it takes out of one.
func signatureDicts(rdr *pdf.Reader) (sigs []pdf.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			sigs, err = nil, fmt.Errorf("not a readable PDF: %v (truncated or damaged)", r)
		}
	}()
	xrefs := rdr.Xref()
	for i := range xrefs {
		x := &xrefs[i]
		if s := x.Stream(); s.GetID() != 0 {
			continue
		}
		v := rdr.Resolve(x.Ptr(), x.Ptr())
		if v.Key("Filter").Name() == "Adobe.PPKLite" {
			sigs = append(sigs, v)
		}
	}
	return sigs, nil
}

// checkLaterUpdates checks what follows the signed revision, b[:end]: only
// incremental updates that fill in the form, and only when the
// certification permits it.
func checkLaterUpdates(res *Result, b []byte, end int64, rdr *pdf.Reader) {
	filled, updates, changes := laterChanges(b, end, rdr)
	after := byteCount(int64(len(b)) - end)
	switch {
	case len(changes) > 0:
		res.problem("%s follow the signed range: something was appended after signing that is not filling in the form: %s", after, strings.Join(changes, "; "))
	case res.DocMDP != 2:
		res.problem("%s follow the signed range: the form was filled in after signing, which the signature does not permit (DocMDP %d)", after, res.DocMDP)
	default:
		res.Updates, res.FormFilled = updates, filled
	}
}

// checkByteRange checks that the signature's ByteRange covers the whole file,
// or its beginning, except its Contents hex string, and returns the signed
// bytes and where the signed range ends; nil and 0 when the ranges do not fit
// the file.
func checkByteRange(res *Result, b []byte, sig pdf.Value) ([]byte, int64) {
	br := sig.Key("ByteRange")
	if br.Len() != 4 {
		res.problem("the signature's ByteRange has %d numbers, not 4: it does not cover the file in one piece", br.Len())
		return nil, 0
	}
	start, gap, rest, restLen := br.Index(0).Int64(), br.Index(1).Int64(), br.Index(2).Int64(), br.Index(3).Int64()
	size := int64(len(b))
	switch end := rest + restLen; {
	case start != 0:
		res.problem("the signed range starts at byte %d, not at the beginning of the file", start)
	case end > size:
		res.problem("the file is %s shorter than its signed range: it was truncated", byteCount(end-size))
	}
	if start < 0 || gap < start+2 || rest <= gap || rest > size || restLen < 0 {
		res.problem("the signature's ByteRange [%d %d %d %d] does not fit the file", start, gap, rest, restLen)
		return nil, 0
	}
	hole := b[gap:rest]
	value, err := hex.DecodeString(string(hole[1 : len(hole)-1]))
	if hole[0] != '<' || hole[len(hole)-1] != '>' || err != nil || !bytes.Equal(value, []byte(sig.Key("Contents").RawString())) {
		res.problem("the bytes left out of the signed range are not exactly the signature value")
	}
	end := min(rest+restLen, size)
	return append(bytes.Clone(b[start:gap]), b[rest:end]...), end
}

// digests maps the digest algorithms of PDF signatures to their hashes.
var digests = map[string]crypto.Hash{
	pkcs7.OIDDigestAlgorithmSHA1.String():   crypto.SHA1,
	pkcs7.OIDDigestAlgorithmSHA256.String(): crypto.SHA256,
	pkcs7.OIDDigestAlgorithmSHA384.String(): crypto.SHA384,
	pkcs7.OIDDigestAlgorithmSHA512.String(): crypto.SHA512,
}

// digestMismatch reports whether the signed bytes hash to another value than
// the message digest that the signature covers. Other faults are left to
// pkcs7's verification, which reports them all as one failure.
func digestMismatch(p7 *pkcs7.PKCS7, signed []byte) bool {
	var want []byte
	if len(p7.Signers) != 1 || p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeMessageDigest, &want) != nil {
		return false
	}
	h, ok := digests[p7.Signers[0].DigestAlgorithm.Algorithm.String()]
	if !ok || !h.Available() {
		return false
	}
	sum := h.New()
	sum.Write(signed)
	return !bytes.Equal(sum.Sum(nil), want)
}

// docMDP returns the DocMDP permission of sig when it is a certification
// signature, referenced from the catalog as ISO 32000-1 12.8.2.2 requires,
// and 0 otherwise. A missing /P means 2.
func docMDP(rdr *pdf.Reader, sig pdf.Value) int {
	perms := rdr.Trailer().Key("Root").Key("Perms").Key("DocMDP")
	if perms.IsNull() || perms.GetPtr() != sig.GetPtr() {
		return 0
	}
	refs := sig.Key("Reference")
	for i := range refs.Len() {
		ref := refs.Index(i)
		if ref.Key("TransformMethod").Name() == "DocMDP" {
			if p := ref.Key("TransformParams").Key("P"); !p.IsNull() {
				return int(p.Int64())
			}
			return 2
		}
	}
	return 0
}

// SubFilterPAdES is the SubFilter of a PAdES signature.
const SubFilterPAdES = "ETSI.CAdES.detached"

// checkPAdES checks what ETSI EN 319 142-1 (6.3) requires of a PAdES
// baseline signature beyond a valid CMS signature: the ESS
// signing-certificate-v2 attribute, naming the signing certificate by its
// SHA-256 hash; no signing-time attribute, since the claimed time of
// signing is the signature dictionary's /M, which must be there.
func checkPAdES(res *Result, der []byte, p7 *pkcs7.PKCS7, sig pdf.Value) {
	types, err := signedAttributeTypes(der)
	if err != nil {
		res.problem("the PAdES signature cannot be read: %v", err)
		return
	}
	has := func(oid asn1.ObjectIdentifier) bool {
		return slices.ContainsFunc(types, func(t asn1.ObjectIdentifier) bool { return t.Equal(oid) })
	}
	if has(oidSigningTime) {
		res.problem("the PAdES signature carries a signing-time attribute, which ETSI EN 319 142-1 forbids (the time of signing is the signature's /M)")
	}
	if sig.Key("M").IsNull() {
		res.problem("the PAdES signature has no /M, the claimed time of signing that ETSI EN 319 142-1 requires")
	}
	var sc signingCertificateV2
	if !has(oidSigningCertificateV2) || p7.UnmarshalSignedAttribute(oidSigningCertificateV2, &sc) != nil || len(sc.Certs) == 0 {
		res.problem("the PAdES signature has no readable signing-certificate-v2 attribute (RFC 5035), which ETSI EN 319 142-1 requires")
		return
	}
	if !bytes.Equal(sc.Certs[0].CertHash, sha256Sum(res.Certificate.Raw)) {
		res.problem("the signing-certificate-v2 attribute names another certificate than the one that signed")
	}
}

// checkTimestampTrust checks that the timestamp authority chains to trust at
// the time it vouches for.
func checkTimestampTrust(res *Result, token []byte, trust *x509.CertPool) {
	p7, err := pkcs7.Parse(token)
	if err != nil {
		res.problem("the timestamp token is not a PKCS#7 signature: %v", err)
		return
	}
	tsa := p7.GetOnlySigner()
	if tsa == nil {
		res.problem("the timestamp does not carry the timestamp authority's certificate, so its time cannot be trusted")
		return
	}
	_, err = tsa.Verify(x509.VerifyOptions{
		Roots:         trust,
		Intermediates: certPool(p7.Certificates),
		CurrentTime:   res.SigningTime,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping},
	})
	if err != nil {
		res.problem("timestamp authority %q does not chain to a trusted root: %v", tsa.Subject.CommonName, err)
	}
}

func byteCount(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

func certPool(certs []*x509.Certificate) *x509.CertPool {
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	return pool
}

// byteRangeContent returns the bytes a signature's ByteRange names, cut to
// the file, for a byte range checkByteRange found at fault: the signature is
// still checked over them, so that every fault is reported.
func byteRangeContent(b []byte, sig pdf.Value) []byte {
	var out []byte
	br := sig.Key("ByteRange")
	for i := 0; i+1 < br.Len(); i += 2 {
		at, n := br.Index(i).Int64(), br.Index(i+1).Int64()
		if at < 0 || n < 0 || at > int64(len(b)) {
			continue
		}
		out = append(out, b[at:min(at+n, int64(len(b)))]...)
	}
	return out
}

// verifyCMS checks the CMS signature over p7.Content: the digest, the
// signature over the signed attributes, and the signing certificate's
// validity at the claimed signing time.
func verifyCMS(p7 *pkcs7.PKCS7) error {
	if err := p7.VerifyWithChain(certPool(p7.Certificates)); err == nil {
		return nil
	}
	return p7.Verify()
}

// oidTimeStampToken is the unsigned attribute that carries an RFC 3161
// timestamp over the signature value (RFC 3161, appendix A).
var oidTimeStampToken = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14}

// signatureTimestamp returns the RFC 3161 timestamp of the signature, or nil
// for none, and an error when the token cannot be read or does not vouch for
// this signature value.
func signatureTimestamp(p7 *pkcs7.PKCS7) (*timestamp.Timestamp, error) {
	for _, s := range p7.Signers {
		for _, attr := range s.UnauthenticatedAttributes {
			if !attr.Type.Equal(oidTimeStampToken) {
				continue
			}
			ts, err := timestamp.Parse(attr.Value.Bytes)
			if err != nil {
				return nil, fmt.Errorf("the timestamp cannot be read: %v", err)
			}
			if !ts.HashAlgorithm.Available() {
				return nil, fmt.Errorf("the timestamp's digest algorithm %v is not supported", ts.HashAlgorithm)
			}
			h := ts.HashAlgorithm.New()
			h.Write(s.EncryptedDigest)
			if !bytes.Equal(h.Sum(nil), ts.HashedMessage) {
				return nil, errors.New("the timestamp is over another signature value: timestamp hash does not match")
			}
			return ts, nil
		}
	}
	return nil, nil
}

// parsePDFDate reads a PDF date string (ISO 32000-1, 7.9.4), such as
// D:20171106093000+01'00'; the fields after the year are optional.
func parsePDFDate(s string) (time.Time, error) {
	s = strings.TrimPrefix(s, "D:")
	s = strings.ReplaceAll(strings.TrimSuffix(s, "'"), "'", "")
	digits := len(s)
	if i := strings.IndexAny(s, "Z+-"); i >= 0 {
		digits = i
	}
	layouts := map[int]string{4: "2006", 6: "200601", 8: "20060102", 10: "2006010215", 12: "200601021504", 14: "20060102150405"}
	layout, ok := layouts[digits]
	if !ok {
		return time.Time{}, fmt.Errorf("%q is not a PDF date", s)
	}
	switch zone := s[digits:]; {
	case zone == "" || zone == "Z" || zone == "Z0000":
		return time.ParseInLocation(layout, s[:digits], time.UTC)
	case len(zone) == 3:
		return time.Parse(layout+"-07", s)
	default:
		return time.Parse(layout+"-0700", s)
	}
}
