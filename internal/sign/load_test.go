package sign

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"software.sslmate.com/src/go-pkcs12"
)

const (
	password      = "s3cret-Pa55word!"
	wrongPassword = "wr0ng-Pa55word?"
)

func TestLoad(t *testing.T) {
	ca := newCA(t, "fsn test CA", "p384")
	rsaKey, ecKey := testKey(t, "rsa2048"), testKey(t, "p256")
	rsaCert := ca.issue(t, certSpec{cn: "RSA Signer", key: rsaKey})
	ecCert := ca.issue(t, certSpec{cn: "ECDSA Signer", key: ecKey})

	tests := []struct {
		name      string
		config    func(t *testing.T, dir string) Config
		wantCN    string
		wantChain int
	}{
		{"PEM RSA PKCS#1", func(t *testing.T, dir string) Config {
			return Config{CertFile: writeFile(t, dir, "c.pem", certsPEM(rsaCert)), KeyFile: writeFile(t, dir, "k.pem", keyPEM(t, rsaKey, "pkcs1", nil))}
		}, "RSA Signer", 0},
		{"PEM RSA PKCS#8", func(t *testing.T, dir string) Config {
			return Config{CertFile: writeFile(t, dir, "c.pem", certsPEM(rsaCert, ca.cert)), KeyFile: writeFile(t, dir, "k.pem", keyPEM(t, rsaKey, "pkcs8", nil))}
		}, "RSA Signer", 1},
		{"PEM ECDSA SEC1", func(t *testing.T, dir string) Config {
			return Config{CertFile: writeFile(t, dir, "c.pem", certsPEM(ecCert)), KeyFile: writeFile(t, dir, "k.pem", keyPEM(t, ecKey, "sec1", nil))}
		}, "ECDSA Signer", 0},
		{"PEM ECDSA PKCS#8, chain with the leaf last", func(t *testing.T, dir string) Config {
			return Config{CertFile: writeFile(t, dir, "c.pem", certsPEM(ca.cert, ecCert)), KeyFile: writeFile(t, dir, "k.pem", keyPEM(t, ecKey, "pkcs8", nil))}
		}, "ECDSA Signer", 1},
		{"PEM encrypted PKCS#8", func(t *testing.T, dir string) Config {
			return Config{CertFile: writeFile(t, dir, "c.pem", certsPEM(ecCert)), KeyFile: writeFile(t, dir, "k.pem", keyPEM(t, ecKey, "pkcs8-encrypted", []byte(password))), Password: []byte(password)}
		}, "ECDSA Signer", 0},
		{"PKCS#12 modern (AES-256), RSA with chain", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "s.p12", encodeP12(t, pkcs12.Modern, rsaKey, rsaCert, ca.cert)), Password: []byte(password)}
		}, "RSA Signer", 1},
		{"PKCS#12 modern, ECDSA", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "s.pfx", encodeP12(t, pkcs12.Modern, ecKey, ecCert)), Password: []byte(password)}
		}, "ECDSA Signer", 0},
		{"PKCS#12 legacy (3DES)", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "s.p12", encodeP12(t, pkcs12.LegacyDES, rsaKey, rsaCert)), Password: []byte(password)}
		}, "RSA Signer", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load(tt.config(t, t.TempDir()), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Certificate().Subject.CommonName; got != tt.wantCN {
				t.Errorf("certificate %q, want %q", got, tt.wantCN)
			}
			if len(s.chain) != tt.wantChain {
				t.Errorf("chain of %d certificates, want %d", len(s.chain), tt.wantChain)
			}
		})
	}
}

func encodeP12(t testing.TB, enc *pkcs12.Encoder, key any, cert *x509.Certificate, chain ...*x509.Certificate) []byte {
	t.Helper()
	b, err := enc.Encode(key, cert, chain, password)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// secretish matches a long run of base64 or hex, as key material in a
// message would look.
var secretish = regexp.MustCompile(`[A-Za-z0-9+=]{40,}`)

func TestLoadBadInput(t *testing.T) {
	key, otherKey := testKey(t, "p256"), testKey(t, "p256b")
	cert := newCert(t, certSpec{cn: "Signer", key: key})
	now := time.Now()
	expired := newCert(t, certSpec{cn: "Old Signer", key: key, notBefore: now.AddDate(-2, 0, 0), notAfter: now.AddDate(-1, 0, 0)})
	future := newCert(t, certSpec{cn: "Future Signer", key: key, notBefore: now.AddDate(0, 1, 0), notAfter: now.AddDate(1, 0, 0)})
	noDigSig := newCert(t, certSpec{cn: "Encryption Only", key: key, keyUsage: x509.KeyUsageKeyEncipherment})
	_, edKey, _ := ed25519.GenerateKey(rand.Reader)
	edDER, _ := x509.MarshalPKCS8PrivateKey(edKey)
	edCert := newCert(t, certSpec{cn: "Ed25519", key: testKey(t, "p256c")})

	keyFile := func(t *testing.T, dir string, format string) string {
		return writeFile(t, dir, "key.pem", keyPEM(t, key, format, []byte(password)))
	}
	certFile := func(t *testing.T, dir string, c *x509.Certificate) string {
		return writeFile(t, dir, "cert.pem", certsPEM(c))
	}
	tests := []struct {
		name     string
		config   func(t *testing.T, dir string) Config
		wantFile string // base name of the file the message names
		want     []string
	}{
		{"wrong PKCS#12 password", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "signer.p12", encodeP12(t, pkcs12.Modern, key, cert)), Password: []byte(wrongPassword)}
		}, "signer.p12", []string{"wrong password", "check the password"}},
		{"wrong PKCS#12 password, legacy encryption", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "signer.pfx", encodeP12(t, pkcs12.LegacyRC2, key, cert)), Password: []byte(wrongPassword)}
		}, "signer.pfx", []string{"wrong password"}},
		{"wrong key password", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, cert), KeyFile: keyFile(t, dir, "pkcs8-encrypted"), Password: []byte(wrongPassword)}
		}, "key.pem", []string{"wrong password", "check the password"}},
		{"encrypted key without password", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, cert), KeyFile: keyFile(t, dir, "pkcs8-encrypted")}
		}, "key.pem", []string{"encrypted", "no password"}},
		{"legacy encrypted PEM key", func(t *testing.T, dir string) Config {
			block := &pem.Block{Type: "EC PRIVATE KEY", Headers: map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-256-CBC,00112233445566778899AABBCCDDEEFF"}, Bytes: make([]byte, 128)}
			return Config{CertFile: certFile(t, dir, cert), KeyFile: writeFile(t, dir, "key.pem", pem.EncodeToMemory(block)), Password: []byte(password)}
		}, "key.pem", []string{"legacy", "openssl pkcs8 -topk8"}},
		{"key does not match certificate", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, cert), KeyFile: writeFile(t, dir, "key.pem", keyPEM(t, otherKey, "pkcs8", nil))}
		}, "key.pem", []string{"does not belong to the certificate", "cert.pem"}},
		{"PKCS#12 key does not match certificate", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "signer.p12", encodeP12(t, pkcs12.Modern, otherKey, cert)), Password: []byte(password)}
		}, "signer.p12", []string{"does not belong to any certificate"}},
		{"expired certificate", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, expired), KeyFile: keyFile(t, dir, "sec1")}
		}, "cert.pem", []string{"expired on", "renew"}},
		{"not yet valid certificate", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, future), KeyFile: keyFile(t, dir, "sec1")}
		}, "cert.pem", []string{"not valid before", "system clock"}},
		{"expired certificate in PKCS#12", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "old.p12", encodeP12(t, pkcs12.Modern, key, expired)), Password: []byte(password)}
		}, "old.p12", []string{"expired on"}},
		{"certificate without digitalSignature", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, noDigSig), KeyFile: keyFile(t, dir, "pkcs8")}
		}, "cert.pem", []string{"lacks the digitalSignature key usage", "certificate issued for signing"}},
		{"missing certificate file", func(t *testing.T, dir string) Config {
			return Config{CertFile: filepath.Join(dir, "missing.pem"), KeyFile: keyFile(t, dir, "pkcs8")}
		}, "missing.pem", []string{"cannot be read", "no such file", "check the path"}},
		{"key file is a directory", func(t *testing.T, dir string) Config {
			keys := filepath.Join(dir, "keys")
			if err := os.Mkdir(keys, 0o700); err != nil {
				t.Fatal(err)
			}
			return Config{CertFile: certFile(t, dir, cert), KeyFile: keys}
		}, "keys", []string{"cannot be read", "is a directory"}},
		{"missing PKCS#12 file", func(t *testing.T, dir string) Config {
			return Config{P12File: filepath.Join(dir, "nope.p12"), Password: []byte(password)}
		}, "nope.p12", []string{"cannot be read"}},
		{"DER certificate instead of PEM", func(t *testing.T, dir string) Config {
			return Config{CertFile: writeFile(t, dir, "cert.der", cert.Raw), KeyFile: keyFile(t, dir, "pkcs8")}
		}, "cert.der", []string{"holds no PEM certificate", "PKCS#12"}},
		{"DER key instead of PEM", func(t *testing.T, dir string) Config {
			der, _ := x509.MarshalPKCS8PrivateKey(key)
			return Config{CertFile: certFile(t, dir, cert), KeyFile: writeFile(t, dir, "key.der", der)}
		}, "key.der", []string{"holds no PEM private key"}},
		{"damaged PEM key", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, cert), KeyFile: writeFile(t, dir, "key.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: []byte("not a key at all")}))}
		}, "key.pem", []string{"not a valid key"}},
		{"Ed25519 key", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, edCert), KeyFile: writeFile(t, dir, "ed.pem", pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edDER}))}
		}, "ed.pem", []string{"use an RSA or ECDSA key"}},
		{"PKCS#12 file that is not PKCS#12", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "junk.p12", []byte("this is not a PKCS#12 bundle")), Password: []byte(password)}
		}, "junk.p12", []string{"not a PKCS#12 bundle"}},
		{"PEM file given as PKCS#12", func(t *testing.T, dir string) Config {
			return Config{P12File: writeFile(t, dir, "bundle.p12", certsPEM(cert)), Password: []byte(password)}
		}, "bundle.p12", []string{"is a PEM file"}},
		{"certificate without key file", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, cert)}
		}, "cert.pem", []string{"has no key file"}},
		{"PEM and PKCS#12 both", func(t *testing.T, dir string) Config {
			return Config{CertFile: certFile(t, dir, cert), KeyFile: keyFile(t, dir, "pkcs8"), P12File: "x.p12"}
		}, "", []string{"either the PKCS#12 file or the certificate and key files"}},
		{"nothing configured", func(*testing.T, string) Config { return Config{} }, "", []string{"no signing certificate configured"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := tt.config(t, dir)
			s, err := Load(cfg, now)
			if err == nil {
				t.Fatalf("Load succeeded with certificate %q", s.Certificate().Subject.CommonName)
			}
			msg := err.Error()
			t.Log(msg)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not say %q", msg, w)
				}
			}
			if tt.wantFile != "" && !strings.Contains(msg, filepath.Join(dir, tt.wantFile)) {
				t.Errorf("error %q does not name the file %s", msg, tt.wantFile)
			}
			checkNoSecrets(t, msg, cfg)
		})
	}
}

// checkNoSecrets fails when msg holds a password, PEM armour or anything
// that looks like encoded key material.
func checkNoSecrets(t *testing.T, msg string, cfg Config) {
	t.Helper()
	for _, secret := range []string{password, wrongPassword, "-----"} {
		if strings.Contains(msg, secret) {
			t.Errorf("error %q contains %q", msg, secret)
		}
	}
	if m := secretish.FindString(msg); m != "" {
		t.Errorf("error %q contains what looks like key material: %q", msg, m)
	}
	for _, f := range []string{cfg.KeyFile, cfg.P12File} {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(data), "\n") {
			if len(line) >= 16 && !strings.HasPrefix(line, "-----") && strings.Contains(msg, line) {
				t.Errorf("error %q contains a line of %s", msg, f)
			}
		}
	}
}

// TestLoadOpenSSL loads keys that OpenSSL 3 wrote with its defaults:
// an encrypted PKCS#8 key (PBES2, AES-256-CBC) and a PKCS#12 bundle.
func TestLoadOpenSSL(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl is not installed")
	}
	dir := t.TempDir()
	key := testKey(t, "rsa2048")
	cert := newCert(t, certSpec{cn: "OpenSSL Signer", key: key})
	plain := writeFile(t, dir, "plain.pem", keyPEM(t, key, "pkcs1", nil))
	certFile := writeFile(t, dir, "cert.pem", certsPEM(cert))
	pass := writeFile(t, dir, "pass.txt", []byte(password))
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("pkcs8", "-topk8", "-in", plain, "-out", filepath.Join(dir, "enc.pem"), "-passout", "file:"+pass)
	run("pkcs12", "-export", "-inkey", plain, "-in", certFile, "-out", filepath.Join(dir, "s.p12"), "-passout", "file:"+pass)

	for _, cfg := range []Config{
		{CertFile: certFile, KeyFile: filepath.Join(dir, "enc.pem"), Password: []byte(password)},
		{P12File: filepath.Join(dir, "s.p12"), Password: []byte(password)},
	} {
		if _, err := Load(cfg, time.Now()); err != nil {
			t.Error(err)
		}
		cfg.Password = []byte(wrongPassword)
		if _, err := Load(cfg, time.Now()); err == nil || !strings.Contains(err.Error(), "wrong password") {
			t.Errorf("wrong password: got %v", err)
		}
	}
}
