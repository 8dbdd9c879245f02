package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

// Config names the signing certificate and key: either CertFile and KeyFile
// (PEM) or P12File (PKCS#12), never both.
type Config struct {
	// CertFile is a PEM file with the signing certificate, optionally
	// followed by the intermediate certificates of its chain.
	CertFile string
	// KeyFile is a PEM file with the private key of the certificate:
	// RSA or ECDSA, as PKCS#1, PKCS#8 (plain or encrypted with PBES2) or SEC1.
	KeyFile string
	// P12File is a PKCS#12 bundle (.p12, .pfx) holding the key, the
	// certificate and optionally its chain.
	P12File string
	// Password opens an encrypted key file or the PKCS#12 bundle. It is used
	// as given, byte for byte, and never appears in an error.
	Password []byte
}

// Load reads the certificate and key that cfg names and checks that they can
// sign at time now: the key opens with the password and belongs to the
// certificate, the certificate is valid at now and allows digital signatures.
// Errors name the file and say what to do; they never contain key material or
// the password.
func Load(cfg Config, now time.Time) (*Signer, error) {
	var (
		key    crypto.Signer
		leaf   *x509.Certificate
		chain  []*x509.Certificate
		source string // the file that holds the certificate, for messages
		err    error
	)
	switch {
	case cfg.P12File != "" && (cfg.CertFile != "" || cfg.KeyFile != ""):
		return nil, errors.New("both a PKCS#12 file and PEM files are configured: give either the PKCS#12 file or the certificate and key files")
	case cfg.P12File != "":
		source = cfg.P12File
		key, leaf, chain, err = loadPKCS12(cfg.P12File, cfg.Password)
	case cfg.CertFile != "" && cfg.KeyFile != "":
		source = cfg.CertFile
		key, leaf, chain, err = loadPEM(cfg.CertFile, cfg.KeyFile, cfg.Password)
	case cfg.CertFile != "":
		return nil, fmt.Errorf("certificate file %s has no key file: give the PEM file with its private key too", cfg.CertFile)
	case cfg.KeyFile != "":
		return nil, fmt.Errorf("key file %s has no certificate file: give the PEM file with its certificate too", cfg.KeyFile)
	default:
		return nil, errors.New("no signing certificate configured: give a certificate and key (PEM) or a PKCS#12 file")
	}
	if err != nil {
		return nil, err
	}
	if err := checkCertificate(leaf, source, now); err != nil {
		return nil, err
	}
	return &Signer{key: key, cert: leaf, chain: chain}, nil
}

// checkCertificate reports whether cert, read from file, can sign at now.
func checkCertificate(cert *x509.Certificate, file string, now time.Time) error {
	subject := cert.Subject.CommonName
	switch {
	case now.Before(cert.NotBefore):
		return fmt.Errorf("certificate in %s (%q) is not valid before %s: check the system clock, or use a certificate that is valid now",
			file, subject, cert.NotBefore.UTC().Format(time.RFC3339))
	case now.After(cert.NotAfter):
		return fmt.Errorf("certificate in %s (%q) expired on %s: renew it, or use a certificate that is valid now",
			file, subject, cert.NotAfter.UTC().Format(time.RFC3339))
	case cert.KeyUsage&x509.KeyUsageDigitalSignature == 0:
		return fmt.Errorf("certificate in %s (%q) lacks the digitalSignature key usage: use a certificate issued for signing documents", file, subject)
	}
	return nil
}

// readFile reads a file named in the configuration, with a message that
// names it by its role.
func readFile(role, name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s %s cannot be read (%v): check the path and the file's permissions", role, name, err)
	}
	return data, nil
}

// loadPEM reads a PEM certificate chain and its PEM private key.
func loadPEM(certFile, keyFile string, password []byte) (crypto.Signer, *x509.Certificate, []*x509.Certificate, error) {
	certPEM, err := readFile("certificate file", certFile)
	if err != nil {
		return nil, nil, nil, err
	}
	keyPEM, err := readFile("key file", keyFile)
	if err != nil {
		return nil, nil, nil, err
	}
	var certs []*x509.Certificate
	for rest := certPEM; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("certificate file %s: certificate %d is damaged (%v): export the certificate again", certFile, len(certs)+1, err)
		}
		certs = append(certs, cert)
	}
	if len(certs) == 0 {
		return nil, nil, nil, fmt.Errorf("certificate file %s holds no PEM certificate (a BEGIN CERTIFICATE block): give the certificate in PEM form, or a .p12/.pfx file as PKCS#12", certFile)
	}
	key, err := parsePEMKey(keyFile, keyPEM, password)
	if err != nil {
		return nil, nil, nil, err
	}
	leaf, chain, err := splitChain(key, certs)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("key file %s does not belong to the certificate in %s (%q): give the key that was issued with this certificate",
			keyFile, certFile, certs[0].Subject.CommonName)
	}
	return key, leaf, chain, nil
}

// parsePEMKey finds the private key in a PEM file. Parser errors are not
// passed on, so that no part of the key reaches a message.
func parsePEMKey(file string, data, password []byte) (crypto.Signer, error) {
	for rest := data; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			return nil, fmt.Errorf("key file %s holds no PEM private key (a BEGIN ... PRIVATE KEY block): give the key in PEM form (PKCS#1, PKCS#8 or SEC1)", file)
		}
		if _, encrypted := block.Headers["Proc-Type"]; encrypted {
			return nil, fmt.Errorf("key file %s uses the legacy OpenSSL PEM encryption, which is not supported: convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD -out NEW`", file)
		}
		var (
			parsed any
			err    error
		)
		switch block.Type {
		case "RSA PRIVATE KEY":
			parsed, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			parsed, err = x509.ParseECPrivateKey(block.Bytes)
		case "PRIVATE KEY":
			parsed, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "ENCRYPTED PRIVATE KEY":
			if len(password) == 0 {
				return nil, fmt.Errorf("key file %s is encrypted and no password was given: provide the key's password", file)
			}
			der, derr := decryptPKCS8(block.Bytes, password)
			switch {
			case errors.Is(derr, errWrongPassword):
				return nil, fmt.Errorf("key file %s: wrong password: check the password that opens this key", file)
			case errors.Is(derr, errUnsupportedEncryption):
				return nil, fmt.Errorf("key file %s is encrypted with a scheme other than PBES2 with AES-CBC: re-encrypt it with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD -out NEW`", file)
			case derr != nil:
				return nil, fmt.Errorf("key file %s: the encrypted key is damaged: export the key again", file)
			}
			if parsed, err = x509.ParsePKCS8PrivateKey(der); err != nil {
				// Padding that checks out by chance with a wrong password.
				return nil, fmt.Errorf("key file %s: wrong password: check the password that opens this key", file)
			}
		default:
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("key file %s: the %s block is not a valid key: export the key again", file, block.Type)
		}
		return signerKey(file, parsed)
	}
}

// signerKey accepts the RSA and ECDSA keys that PDF readers verify.
func signerKey(file string, key any) (crypto.Signer, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return k, nil
	case *ecdsa.PrivateKey:
		return k, nil
	}
	kind := fmt.Sprintf("%T", key)
	if _, ok := key.(ed25519.PrivateKey); ok {
		kind = "Ed25519"
	}
	return nil, fmt.Errorf("key file %s holds an %s key, which PDF readers do not verify: use an RSA or ECDSA key", file, kind)
}

// loadPKCS12 reads a PKCS#12 bundle.
func loadPKCS12(file string, password []byte) (crypto.Signer, *x509.Certificate, []*x509.Certificate, error) {
	data, err := readFile("PKCS#12 file", file)
	if err != nil {
		return nil, nil, nil, err
	}
	if block, _ := pem.Decode(data); block != nil {
		return nil, nil, nil, fmt.Errorf("PKCS#12 file %s is a PEM file: give it as the certificate or key file, or convert it with `openssl pkcs12 -export`", file)
	}
	raw, cert, cas, err := pkcs12.DecodeChain(data, string(password))
	switch {
	case errors.Is(err, pkcs12.ErrIncorrectPassword), errors.Is(err, pkcs12.ErrDecryption):
		return nil, nil, nil, fmt.Errorf("PKCS#12 file %s: wrong password: check the password that opens this file", file)
	case errors.As(err, new(pkcs12.NotImplementedError)):
		return nil, nil, nil, fmt.Errorf("PKCS#12 file %s uses a feature that cannot be read (%v): export it again with `openssl pkcs12 -export`", file, err)
	case err != nil:
		return nil, nil, nil, fmt.Errorf("PKCS#12 file %s is not a PKCS#12 bundle or is damaged: export the certificate and key again as .p12/.pfx", file)
	}
	key, err := signerKey(file, raw)
	if err != nil {
		return nil, nil, nil, err
	}
	leaf, chain, err := splitChain(key, append([]*x509.Certificate{cert}, cas...))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("PKCS#12 file %s: its key does not belong to any certificate in it: export the certificate together with its key", file)
	}
	return key, leaf, chain, nil
}

// splitChain returns the certificate of key and the other certificates.
func splitChain(key crypto.Signer, certs []*x509.Certificate) (*x509.Certificate, []*x509.Certificate, error) {
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok {
		return nil, nil, errors.New("key type without public key comparison")
	}
	for i, c := range certs {
		if pub.Equal(c.PublicKey) {
			chain := append(append([]*x509.Certificate{}, certs[:i]...), certs[i+1:]...)
			return c, chain, nil
		}
	}
	return nil, nil, errors.New("no certificate matches the key")
}
