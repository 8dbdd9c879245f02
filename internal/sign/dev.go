package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// DevelopmentCommonName is the subject common name of the development
// certificate, which says that its signatures are not for distribution.
const DevelopmentCommonName = "fsn development certificate – NOT FOR DISTRIBUTION"

// Names of the development certificate and key files inside their folder.
const (
	DevelopmentCertFile = "fsn-dev-cert.pem"
	DevelopmentKeyFile  = "fsn-dev-key.pem"
)

// Development returns a signer with the self-signed development certificate
// kept in dir, and whether this call created it. The first call creates an
// ECDSA P-256 key and a certificate named DevelopmentCommonName, valid from
// an hour before now for ten years, with the digitalSignature key usage;
// later calls reuse them. Both files are written with mode 0600 and appear
// complete or not at all, so concurrent builds end up with one pair.
func Development(dir string, now time.Time) (*Signer, bool, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, fmt.Errorf("development certificate folder %s cannot be created: %w", dir, err)
	}
	keyFile := filepath.Join(dir, DevelopmentKeyFile)
	certFile := filepath.Join(dir, DevelopmentCertFile)

	keyPEM, _, err := readOrCreate(keyFile, newDevelopmentKey)
	if err != nil {
		return nil, false, err
	}
	key, err := parsePEMKey(keyFile, keyPEM, nil)
	if err != nil {
		return nil, false, fmt.Errorf("%w; or delete %s to create a new development certificate", err, dir)
	}
	_, created, err := readOrCreate(certFile, func() ([]byte, error) {
		return newDevelopmentCert(key, now)
	})
	if err != nil {
		return nil, false, err
	}
	s, err := Load(Config{CertFile: certFile, KeyFile: keyFile}, now)
	if err != nil {
		return nil, false, fmt.Errorf("%w; or delete %s to create a new development certificate", err, dir)
	}
	return s, created, nil
}

// readOrCreate returns the content of file, creating it with the bytes of
// create when it does not exist. The file appears with all its bytes at
// once; when another process creates it first, its content wins.
func readOrCreate(file string, create func() ([]byte, error)) ([]byte, bool, error) {
	if data, err := os.ReadFile(file); err == nil {
		return data, false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("development certificate file %s cannot be read: %w", file, err)
	}
	data, err := create()
	if err != nil {
		return nil, false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".tmp-*") // mode 0600
	if err != nil {
		return nil, false, fmt.Errorf("development certificate file %s cannot be written: %w", file, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp.Name(), file)
	}
	switch {
	case errors.Is(err, fs.ErrExist):
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, false, fmt.Errorf("development certificate file %s cannot be read: %w", file, err)
		}
		return data, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("development certificate file %s cannot be written: %w", file, err)
	}
	return data, true, nil
}

func newDevelopmentKey() ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("creating the development key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("creating the development key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

func newDevelopmentCert(key crypto.Signer, now time.Time) ([]byte, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, fmt.Errorf("creating the development certificate: %w", err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: DevelopmentCommonName, Organization: []string{"fsn"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("creating the development certificate: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
}
