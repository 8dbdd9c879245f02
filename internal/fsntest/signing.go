package fsntest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/sign"
)

// Signatory is the signatory of the seed notice, whose certificate Signer makes.
const Signatory = "Dr. Arpad Bischof"

// Signer returns a signer with a new self-signed ECDSA certificate for the
// person cn, valid from an hour ago for a day, as a company's certificate for
// its signatory is (but for the issuer).
func Signer(t testing.TB, cn string) *sign.Signer {
	t.Helper()
	certFile, keyFile := KeyFiles(t, t.TempDir(), cn)
	s, err := sign.Load(sign.Config{CertFile: certFile, KeyFile: keyFile}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// KeyFiles writes a new self-signed certificate for the person cn and its
// private key into dir as PEM files, and returns their paths.
func KeyFiles(t testing.TB, dir, cn string) (certFile, keyFile string) {
	t.Helper()
	certFile, keyFile, err := WriteKeyFiles(dir, cn)
	if err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// SignAs makes the fsn commands the test runs sign with a new self-signed
// certificate for the person cn: it writes the key files into a temporary
// folder and sets FSN_SIGN_CERT and FSN_SIGN_KEY, with FSN_SIGN_P12 empty,
// for the rest of the test.
func SignAs(t testing.TB, cn string) {
	t.Helper()
	cert, key := KeyFiles(t, t.TempDir(), cn)
	t.Setenv("FSN_SIGN_CERT", cert)
	t.Setenv("FSN_SIGN_KEY", key)
	t.Setenv("FSN_SIGN_P12", "")
}

// WriteKeyFiles is KeyFiles for a caller without a test, such as a TestMain or
// a sync.Once shared by tests; it creates dir.
func WriteKeyFiles(dir, cn string) (certFile, keyFile string, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return "", "", err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(now.UnixNano()), Subject: pkix.Name{CommonName: cn, Organization: []string{"fsn tests"}},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return "", "", err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", err
	}
	certFile, keyFile = filepath.Join(dir, "signing-cert.pem"), filepath.Join(dir, "signing-key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return "", "", err
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600); err != nil {
		return "", "", err
	}
	return certFile, keyFile, nil
}
