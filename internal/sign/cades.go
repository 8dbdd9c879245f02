package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"slices"
)

// The object identifiers of the CMS signature (RFC 5652) and its attributes.
var (
	oidSignedData            = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidData                  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidContentType           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime           = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertificateV2  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47} // RFC 5035
	oidSignatureTimeStamp    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 14} // RFC 3161 appendix A
	oidSHA256                = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidRSAEncryption         = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidECDSAWithSHA256       = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	asn1Null                 = asn1.RawValue{FullBytes: []byte{0x05, 0x00}}
	sha256AlgorithmWithNull  = algorithmIdentifier{Algorithm: oidSHA256, Parameters: asn1Null}
	rsaEncryptionWithNull    = algorithmIdentifier{Algorithm: oidRSAEncryption, Parameters: asn1Null}
	ecdsaWithSHA256Algorithm = algorithmIdentifier{Algorithm: oidECDSAWithSHA256}
)

type algorithmIdentifier struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type attribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue // the DER of the SET OF AttributeValue
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type signerInfo struct {
	Version            int
	SID                issuerAndSerial
	DigestAlgorithm    algorithmIdentifier
	SignedAttrs        asn1.RawValue // [0] IMPLICIT SET OF Attribute
	SignatureAlgorithm algorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional"` // [1] IMPLICIT SET OF Attribute
}

type encapsulatedContentInfo struct {
	ContentType asn1.ObjectIdentifier // id-data, without content: the signature is detached
}

type signedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue // SET OF AlgorithmIdentifier
	EncapContentInfo encapsulatedContentInfo
	Certificates     asn1.RawValue // [0] IMPLICIT SET OF Certificate
	SignerInfos      asn1.RawValue // SET OF SignerInfo
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue // [0] EXPLICIT
}

// essCertIDv2 is an ESSCertIDv2 of RFC 5035. Sign writes it with the
// default hash algorithm, SHA-256, which DER leaves out, and no
// issuerSerial, which ETSI EN 319 122-1 lets a signer leave out.
type essCertIDv2 struct {
	HashAlgorithm algorithmIdentifier `asn1:"optional"`
	CertHash      []byte
	IssuerSerial  asn1.RawValue `asn1:"optional"`
}

type signingCertificateV2 struct {
	Certs []essCertIDv2
}

// cadesSignature returns a detached CMS signature of content for the PAdES
// baseline (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): SHA-256, the
// signed attributes content-type, message-digest and ESS
// signing-certificate-v2 (and no signing-time: the claimed time of signing
// is the signature dictionary's /M), the certificate chain, and, when stamp
// is not nil, the signature-time-stamp unsigned attribute with the token
// stamp returns for the signature value (PAdES B-T).
func (s *Signer) cadesSignature(content []byte, stamp func(signature []byte) ([]byte, error)) ([]byte, error) {
	digest := sha256.Sum256(content)
	certHash := sha256.Sum256(s.cert.Raw)
	signingCert, err := asn1.Marshal(signingCertificateV2{Certs: []essCertIDv2{{CertHash: certHash[:]}}})
	if err != nil {
		return nil, err
	}
	contentType, _ := asn1.Marshal(oidData)
	messageDigest, _ := asn1.Marshal(digest[:])
	signed, err := attributeSet([]attribute{
		{Type: oidContentType, Values: setOf(contentType)},
		{Type: oidMessageDigest, Values: setOf(messageDigest)},
		{Type: oidSigningCertificateV2, Values: setOf(signingCert)},
	})
	if err != nil {
		return nil, err
	}
	// The signature covers the DER of the signed attributes as a SET.
	signedDER, err := asn1.Marshal(signed)
	if err != nil {
		return nil, err
	}
	attrsDigest := sha256.Sum256(signedDER)
	var sigAlg algorithmIdentifier
	switch s.key.Public().(type) {
	case *rsa.PublicKey:
		sigAlg = rsaEncryptionWithNull
	case *ecdsa.PublicKey:
		sigAlg = ecdsaWithSHA256Algorithm
	default:
		return nil, fmt.Errorf("cannot sign with a %T key: use an RSA or ECDSA key", s.key.Public())
	}
	signature, err := s.key.Sign(rand.Reader, attrsDigest[:], crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("the signing key refused to sign: %w", err)
	}
	si := signerInfo{
		Version:            1,
		SID:                issuerAndSerial{Issuer: asn1.RawValue{FullBytes: s.cert.RawIssuer}, Serial: s.cert.SerialNumber},
		DigestAlgorithm:    sha256AlgorithmWithNull,
		SignedAttrs:        implicit(0, signed),
		SignatureAlgorithm: sigAlg,
		Signature:          signature,
	}
	if stamp != nil {
		token, err := stamp(signature)
		if err != nil {
			return nil, err
		}
		unsigned, err := attributeSet([]attribute{{Type: oidSignatureTimeStamp, Values: setOf(token)}})
		if err != nil {
			return nil, err
		}

		si.UnsignedAttrs = implicit(1, unsigned)
	}
	siDER, err := asn1.Marshal(si)
	if err != nil {
		return nil, err
	}
	algDER, err := asn1.Marshal(sha256AlgorithmWithNull)
	if err != nil {
		return nil, err
	}
	var certs [][]byte
	for _, c := range append([]*x509.Certificate{s.cert}, s.chain...) {
		certs = append(certs, c.Raw)
	}
	sd, err := asn1.Marshal(signedData{
		Version:          1,
		DigestAlgorithms: setOf(algDER),
		EncapContentInfo: encapsulatedContentInfo{ContentType: oidData},
		Certificates:     implicit(0, setOf(certs...)),
		SignerInfos:      setOf(siDER),
	})
	if err != nil {
		return nil, err
	}
	return asn1.Marshal(contentInfo{ContentType: oidSignedData, Content: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: sd}})
}

// setOf returns the DER SET OF the encoded elements, in the order DER
// requires (ascending encodings).
func setOf(elems ...[]byte) asn1.RawValue {
	sorted := slices.Clone(elems)
	slices.SortFunc(sorted, bytes.Compare)
	return asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSet, IsCompound: true, Bytes: bytes.Join(sorted, nil)}
}

// attributeSet returns the SET OF Attribute.
func attributeSet(attrs []attribute) (asn1.RawValue, error) {
	var elems [][]byte
	for _, a := range attrs {
		der, err := asn1.Marshal(a)
		if err != nil {
			return asn1.RawValue{}, err
		}
		elems = append(elems, der)
	}
	return setOf(elems...), nil
}

// implicit retags a SET as the context-specific [tag] IMPLICIT field of the
// same content.
func implicit(tag int, set asn1.RawValue) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tag, IsCompound: true, Bytes: set.Bytes}
}

// signedAttributeTypes returns the types of the signed attributes of the
// only signer of a CMS signature, for the PAdES checks of Verify.
func signedAttributeTypes(der []byte) ([]asn1.ObjectIdentifier, error) {
	var ci contentInfo
	if _, err := asn1.Unmarshal(der, &ci); err != nil {
		return nil, err
	}
	var sd struct {
		Version          int
		DigestAlgorithms asn1.RawValue
		EncapContentInfo asn1.RawValue
		Certificates     asn1.RawValue   `asn1:"optional,tag:0"`
		CRLs             asn1.RawValue   `asn1:"optional,tag:1"`
		SignerInfos      []asn1.RawValue `asn1:"set"`
	}
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil || ci.Content.Tag != 0 {
		return nil, err
	}
	if len(sd.SignerInfos) != 1 {
		return nil, fmt.Errorf("the signature has %d signers, not one", len(sd.SignerInfos))
	}
	var si struct {
		Version         int
		SID             asn1.RawValue
		DigestAlgorithm asn1.RawValue
		SignedAttrs     asn1.RawValue `asn1:"optional,tag:0"`
	}
	if _, err := asn1.Unmarshal(sd.SignerInfos[0].FullBytes, &si); err != nil {
		return nil, err
	}
	if si.SignedAttrs.Tag != 0 || si.SignedAttrs.Class != asn1.ClassContextSpecific {
		return nil, errors.New("the signature has no signed attributes")
	}
	var types []asn1.ObjectIdentifier
	for rest := si.SignedAttrs.Bytes; len(rest) > 0; {
		var a attribute
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, err
		}
		types = append(types, a.Type)
	}
	return types, nil
}
