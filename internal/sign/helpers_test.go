package sign

import (
	"bytes"
	"crypto"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/digitorus/timestamp"
	"github.com/jung-kurt/gofpdf"
)

// pdfDate is the fixed creation date of the test PDFs.
var pdfDate = time.Date(2017, 11, 6, 9, 0, 0, 0, time.UTC)

// testPDF returns a small deterministic gofpdf PDF shaped like an edition:
// metadata, an outline entry per section, internal and external links and
// two pages.
func testPDF(t testing.TB) []byte {
	t.Helper()
	p := gofpdf.New("P", "mm", "A4", "")
	p.SetCatalogSort(true)
	p.SetCreationDate(pdfDate)
	p.SetModificationDate(pdfDate)
	p.SetTitle("Informazioni Urgenti sulla Sicurezza – iQ-WEB", true)
	p.SetAuthor("IMAGE Information Systems", true)
	p.SetSubject("FSCA 2017-11-06", true)
	p.SetKeywords("FSN iQ-WEB LicGen.exe", true)
	p.SetCreator("fsn test", true)
	tr := p.UnicodeTranslatorFromDescriptor("")
	p.SetFont("Helvetica", "", 11)
	target := p.AddLink()
	for i, section := range []string{"Dispositivi interessati", "Azioni da intraprendere"} {
		p.AddPage()
		p.Bookmark(section, 0, -1)
		p.CellFormat(0, 10, tr(section), "", 1, "", false, 0, "")
		p.MultiCell(0, 6, tr("Ripristinare il file LicGen.exe dalla quarantena (versione ≤ 6.4.5)."), "", "", false)
		if i == 0 {
			p.CellFormat(0, 8, "vedi azioni", "", 1, "", false, target, "")
		} else {
			p.SetLink(target, 0, -1)
			p.CellFormat(0, 8, "www.image-systems.biz", "", 1, "", false, 0, "https://www.image-systems.biz")
		}
	}
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Keys take long to generate, so each kind is made once per test binary.
var (
	keysMu sync.Mutex
	keys   = map[string]crypto.Signer{}
)

// testKey returns a key of kind rsa2048, rsa4096, p256 or p384; the same
// name always gives the same key.
func testKey(t testing.TB, name string) crypto.Signer {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keys[name]; ok {
		return k
	}
	var (
		k   crypto.Signer
		err error
	)
	switch name {
	case "rsa2048", "rsa2048b":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	case "rsa4096":
		k, err = rsa.GenerateKey(rand.Reader, 4096)
	case "p256", "p256b", "p256c", "p256d":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p384":
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	default:
		t.Fatalf("unknown key %q", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	keys[name] = k
	return k
}

// certSpec describes a test certificate; zero fields take usable defaults.
type certSpec struct {
	cn                  string
	key                 crypto.Signer
	issuer              *x509.Certificate // nil: self-signed
	issuerKey           crypto.Signer
	notBefore, notAfter time.Time
	keyUsage            x509.KeyUsage
	extKeyUsage         []x509.ExtKeyUsage
	ca                  bool
}

var serial atomic.Int64

func newCert(t testing.TB, s certSpec) *x509.Certificate {
	t.Helper()
	now := time.Now()
	if s.notBefore.IsZero() {
		s.notBefore = now.Add(-time.Hour)
	}
	if s.notAfter.IsZero() {
		s.notAfter = now.Add(24 * time.Hour)
	}
	if s.keyUsage == 0 {
		s.keyUsage = x509.KeyUsageDigitalSignature
		if s.ca {
			s.keyUsage = x509.KeyUsageCertSign | x509.KeyUsageCRLSign
		}
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial.Add(1)),
		Subject:               pkix.Name{CommonName: s.cn, Organization: []string{"fsn tests"}},
		NotBefore:             s.notBefore,
		NotAfter:              s.notAfter,
		KeyUsage:              s.keyUsage,
		ExtKeyUsage:           s.extKeyUsage,
		BasicConstraintsValid: true,
		IsCA:                  s.ca,
	}
	parent, parentKey := tmpl, s.key
	if s.issuer != nil {
		parent, parentKey = s.issuer, s.issuerKey
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, s.key.Public(), parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

// testCA is a certification authority for tests.
type testCA struct {
	cert *x509.Certificate
	key  crypto.Signer
}

func newCA(t testing.TB, cn, keyName string) testCA {
	key := testKey(t, keyName)
	return testCA{newCert(t, certSpec{cn: cn, key: key, ca: true}), key}
}

// issue returns a certificate for key issued by ca.
func (ca testCA) issue(t testing.TB, s certSpec) *x509.Certificate {
	s.issuer, s.issuerKey = ca.cert, ca.key
	return newCert(t, s)
}

func (ca testCA) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(ca.cert)
	return p
}

func certsPEM(certs ...*x509.Certificate) []byte {
	var b bytes.Buffer
	for _, c := range certs {
		pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
	}
	return b.Bytes()
}

// keyPEM encodes key as pkcs1, sec1, pkcs8 or pkcs8-encrypted.
func keyPEM(t testing.TB, key crypto.Signer, format string, password []byte) []byte {
	t.Helper()
	var (
		block pem.Block
		err   error
	)
	switch format {
	case "pkcs1":
		block = pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key.(*rsa.PrivateKey))}
	case "sec1":
		block.Type = "EC PRIVATE KEY"
		block.Bytes, err = x509.MarshalECPrivateKey(key.(*ecdsa.PrivateKey))
	case "pkcs8":
		block.Type = "PRIVATE KEY"
		block.Bytes, err = x509.MarshalPKCS8PrivateKey(key)
	case "pkcs8-encrypted":
		var der []byte
		if der, err = x509.MarshalPKCS8PrivateKey(key); err == nil {
			block = pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: encryptPKCS8(t, der, password)}
		}
	default:
		t.Fatalf("unknown key format %q", format)
	}
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&block)
}

// encryptPKCS8 encrypts a PKCS#8 key the way `openssl pkcs8 -topk8 -v2
// aes-256-cbc` does: PBES2, PBKDF2 with HMAC-SHA256, AES-256-CBC.
func encryptPKCS8(t testing.TB, der, password []byte) []byte {
	t.Helper()
	salt, iv := make([]byte, 16), make([]byte, aes.BlockSize)
	rand.Read(salt)
	rand.Read(iv)
	key, err := pbkdf2.Key(sha256.New, string(password), salt, 2048, 32)
	if err != nil {
		t.Fatal(err)
	}
	pad := aes.BlockSize - len(der)%aes.BlockSize
	plain := append(append([]byte{}, der...), bytes.Repeat([]byte{byte(pad)}, pad)...)
	block, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	encrypted := make([]byte, len(plain))
	cipher.NewCBCEncrypter(block, iv).CryptBlocks(encrypted, plain)

	mustMarshal := func(v any) asn1.RawValue {
		b, err := asn1.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return asn1.RawValue{FullBytes: b}
	}
	hmacSHA256 := pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 9}, Parameters: asn1.NullRawValue}
	kdf := struct {
		Salt           []byte
		IterationCount int
		PRF            pkix.AlgorithmIdentifier
	}{salt, 2048, hmacSHA256}
	params := pbes2Params{
		KeyDerivationFunc: pkix.AlgorithmIdentifier{Algorithm: oidPBKDF2, Parameters: mustMarshal(kdf)},
		EncryptionScheme:  pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 1, 42}, Parameters: mustMarshal(iv)},
	}
	return mustMarshal(encryptedPrivateKeyInfo{
		Algorithm:     pkix.AlgorithmIdentifier{Algorithm: oidPBES2, Parameters: mustMarshal(params)},
		EncryptedData: encrypted,
	}).FullBytes
}

// writeFile writes data to name in dir and returns its path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pemSigner writes cert (and chain) and key as PEM files and loads them.
func pemSigner(t testing.TB, key crypto.Signer, certs ...*x509.Certificate) *Signer {
	t.Helper()
	dir := t.TempDir()
	format := "pkcs8"
	if _, ok := key.(*ecdsa.PrivateKey); ok {
		format = "sec1"
	}
	s, err := Load(Config{
		CertFile: writeFile(t, dir, "cert.pem", certsPEM(certs...)),
		KeyFile:  writeFile(t, dir, "key.pem", keyPEM(t, key, format, nil)),
	}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// startTSA starts an RFC 3161 timestamp authority on 127.0.0.1 that stamps
// every request with the time at, signed by cert and key, and returns its URL.
func startTSA(t testing.TB, cert *x509.Certificate, key crypto.Signer, chain []*x509.Certificate, at time.Time) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req, err := timestamp.ParseRequest(body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		ts := timestamp.Timestamp{
			HashAlgorithm:     req.HashAlgorithm,
			HashedMessage:     req.HashedMessage,
			Time:              at,
			Nonce:             req.Nonce,
			Policy:            asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1},
			AddTSACertificate: req.Certificates,
			Certificates:      chain,
		}
		resp, err := ts.CreateResponseWithOpts(cert, key, crypto.SHA256)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/timestamp-reply")
		w.Write(resp)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
