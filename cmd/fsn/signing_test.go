package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fsn-tool/fsn/internal/fsntest"
	"github.com/fsn-tool/fsn/internal/sign"
)

// seedProjectFlags make a command read a copy of the project that holds the
// seed notice alone (fsntest.CopySeedProject), by absolute paths, for tests
// that change directory or read every notice of the project, as fsn publish
// does: the tests' signing certificate is the seed's signatory's.
func seedProjectFlags(t *testing.T, out string) []string {
	t.Helper()
	root := fsntest.CopySeedProject(t)
	return []string{"--notices", filepath.Join(root, "notices"), "--locales", filepath.Join(root, "locales"),
		"--templates", filepath.Join(root, "templates"), "--out", out}
}

// TestBuildSignsWithDevelopmentCertificate builds with no key configured: fsn
// creates a development certificate once, warns, and signs every PDF so that
// sign.Verify, pdfsig and qpdf accept it.
func TestBuildSignsWithDevelopmentCertificate(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12"} {
		t.Setenv(env, "")
	}
	out := t.TempDir()
	flags := seedProjectFlags(t, out)
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Chdir(t.TempDir()) // no project here: the certificate goes to the user's config folder
	code, _, stderr := fsn(t, append([]string{"build"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	devDir := filepath.Join(config, "fsn", "signing")
	if !strings.Contains(stderr, "created the development certificate in "+devDir) || !strings.Contains(stderr, "NOT FOR DISTRIBUTION") {
		t.Errorf("no warning about the development certificate:\n%s", stderr)
	}
	keys, _ := filepath.Glob(filepath.Join(devDir, "*key*"))
	if len(keys) != 1 {
		t.Fatalf("development key files: %v", keys)
	}
	if st, _ := os.Stat(keys[0]); st.Mode().Perm() != 0o600 {
		t.Errorf("development key mode %v, want 0600", st.Mode().Perm())
	}
	if entries, _ := filepath.Glob(filepath.Join(out, "*", "*.pem")); len(entries) > 0 {
		t.Errorf("key material in out/: %v", entries)
	}
	for _, lang := range []string{"en", "it", "de"} {
		path := filepath.Join(out, "iqwebx-2017-11", "iqwebx-2017-11."+lang+".pdf")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sign.Verify(data, sign.VerifyOptions{})
		if err != nil || !sign.IsDevelopment(res.Certificate) {
			t.Errorf("%s: %v; want a signature with the development certificate", path, err)
			continue
		}
		if res.Reason != "IIS-FSN-2017-11" || !res.Certified {
			t.Errorf("%s: reason %q, certified %v; want the FSCA reference and a certification signature", path, res.Reason, res.Certified)
		}
		requireTool(t, "pdfsig", path, "Signature is Valid.")
		requireTool(t, "qpdf", "--check", path, "No syntax or stream encoding errors")
	}

	// A second build reuses the certificate.
	if _, _, stderr = fsn(t, append([]string{"build"}, flags...)...); !strings.Contains(stderr, "using the development certificate") {
		t.Errorf("second build did not reuse the certificate:\n%s", stderr)
	}

	// fsn verify checks every signature: intact, then one byte changed, then
	// against a trusted root that did not issue the certificate. The
	// development certificate is no one's: a warning, and an error where a
	// signature is required.
	verify := append([]string{"verify"}, flags...)
	code, stdout, stderr := fsn(t, verify...)
	if code != 0 || strings.Count(stderr, "warning[signature-development]") != 3 {
		t.Fatalf("verify of a fresh signed build: exit %d, want 0 and a warning for each PDF\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = fsn(t, append(verify, "--require-signature")...)
	if code != 1 || strings.Count(stderr, "error[signature]") != 3 || !strings.Contains(stderr, "signed with the development certificate") {
		t.Errorf("verify --require-signature of a build signed with the development certificate: exit %d, want 1 and an error for each PDF\n%s", code, stderr)
	}
	otherCA, _ := writeKeyPair(t, t.TempDir(), "Some Other CA", time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	if code, _, stderr := fsn(t, append(verify, "--trust", otherCA)...); code != 1 || !strings.Contains(stderr, "error[signature]") {
		t.Errorf("verify --trust with a CA that did not issue the certificate: exit %d\n%s", code, stderr)
	}
	pdf := filepath.Join(out, "iqwebx-2017-11", "iqwebx-2017-11.de.pdf")
	data, _ := os.ReadFile(pdf)
	data[1000] ^= 0x01
	os.WriteFile(pdf, data, 0o644)
	code, _, stderr = fsn(t, verify...)
	if code != 1 || !strings.Contains(stderr, pdf+": error[signature]: de: the signature of the PDF edition does not verify") {
		t.Errorf("verify of a changed PDF: exit %d\n%s", code, stderr)
	}
}

// TestDevelopmentKeyAtProjectRoot runs fsn build from inside out/ and from a
// notice's folder: the development key is created at the project root (the
// folder holding notices/), where .gitignore covers it, never under the
// current folder and never in out/.
func TestDevelopmentKeyAtProjectRoot(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12"} {
		t.Setenv(env, "")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	project := fsntest.CopyProject(t)
	out := filepath.Join(project, "out")
	flags := []string{"--notices", filepath.Join(project, "notices"), "--locales", filepath.Join(project, "locales"),
		"--templates", filepath.Join(project, "templates"), "--out", out, "--format", "md"}
	if code, _, stderr := fsn(t, append([]string{"build", "--no-sign"}, flags...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, cwd := range []string{filepath.Join(out, "iqwebx-2017-11"), out, filepath.Join(project, "notices", "iqwebx-2017-11")} {
		t.Chdir(cwd)
		code, _, stderr := fsn(t, append([]string{"build", "--format", "pdf"}, flags...)...)
		if code != 0 {
			t.Fatalf("build from %s: exit %d: %s", cwd, code, stderr)
		}
		if !strings.Contains(stderr, filepath.Join(project, ".fsn", "signing")) {
			t.Errorf("from %s, the warning does not name the project's .fsn/signing:\n%s", cwd, stderr)
		}
		if _, err := os.Stat(filepath.Join(project, ".fsn", "signing", sign.DevelopmentKeyFile)); err != nil {
			t.Errorf("from %s: no development key at the project root: %v", cwd, err)
		}
		filepath.WalkDir(project, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == ".fsn" && p != filepath.Join(project, ".fsn") {
				t.Errorf("from %s: signing material at %s", cwd, p)
			}
			return nil
		})
	}
	// At the project root itself the message names the folder as before.
	t.Chdir(project)
	if _, _, stderr := fsn(t, append([]string{"build", "--format", "pdf"}, flags...)...); !strings.Contains(stderr, "using the development certificate in .fsn/signing.") {
		t.Errorf("at the project root: %s", stderr)
	}
}

// requireTool runs an independent verifier when it is installed (always in CI)
// and checks its output. The last argument is the text it must print.
func requireTool(t *testing.T, tool string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required in CI (.ci/run installs it)", tool)
		}
		t.Logf("%s not installed; skipping that check", tool)
		return
	}
	want := args[len(args)-1]
	outb, err := exec.Command(tool, args[:len(args)-1]...).CombinedOutput()
	if err != nil || !strings.Contains(string(outb), want) {
		t.Errorf("%s %s: %v\n%s", tool, strings.Join(args[:len(args)-1], " "), err, outb)
	}
}

func TestNoSignIsReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if code, _, stderr := fsn(t, append([]string{"build", "--format", "pdf"}, projectFlags(out)...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "iqwebx-2017-11", "iqwebx-2017-11.de.pdf"))
	y, _ := os.ReadFile(filepath.Join(b, "iqwebx-2017-11", "iqwebx-2017-11.de.pdf"))
	if !bytes.Equal(x, y) {
		t.Error("two --no-sign builds differ")
	}
	if bytes.Contains(x, []byte("/ByteRange")) {
		t.Error("a --no-sign PDF carries a signature")
	}
}

// writeKeyPair writes a PEM certificate and key valid from notBefore to notAfter.
func writeKeyPair(t *testing.T, dir, name string, notBefore, notAfter time.Time) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(key)
	certFile, keyFile = filepath.Join(dir, name+".crt.pem"), filepath.Join(dir, name+".key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600)
	return certFile, keyFile
}

// TestBadSigningKey checks that a signing key fsn cannot use stops the build with
// exit 1, a message naming the file, nothing written, and no secret printed.
func TestBadSigningKey(t *testing.T) {
	keys := t.TempDir()
	now := time.Now()
	cert, key := writeKeyPair(t, keys, "Dr. Arpad Bischof", now.Add(-time.Hour), now.Add(24*time.Hour))
	_, otherKey := writeKeyPair(t, keys, "someone else", now.Add(-time.Hour), now.Add(24*time.Hour))
	expired, expiredKey := writeKeyPair(t, keys, "expired", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	notPEM := filepath.Join(keys, "not.pem")
	os.WriteFile(notPEM, []byte("this is not PEM\n"), 0o644)
	p12 := filepath.Join(keys, "junk.p12")
	os.WriteFile(p12, []byte("junk"), 0o644)
	keyPEM, _ := os.ReadFile(key)

	tests := []struct {
		name     string
		env      map[string]string
		wantFile string
	}{
		{"key does not match", map[string]string{"FSN_SIGN_CERT": cert, "FSN_SIGN_KEY": otherKey}, otherKey},
		{"expired certificate", map[string]string{"FSN_SIGN_CERT": expired, "FSN_SIGN_KEY": expiredKey}, expired},
		{"not PEM", map[string]string{"FSN_SIGN_CERT": notPEM, "FSN_SIGN_KEY": key}, notPEM},
		{"unreadable key", map[string]string{"FSN_SIGN_CERT": cert, "FSN_SIGN_KEY": filepath.Join(keys, "missing.pem")}, "missing.pem"},
		{"wrong password", map[string]string{"FSN_SIGN_P12": p12, "FSN_SIGN_PASSWORD": "s3cret-Passw0rd"}, p12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12", "FSN_SIGN_PASSWORD"} {
				t.Setenv(env, tt.env[env])
			}
			out := t.TempDir()
			flags := seedProjectFlags(t, out)
			code, stdout, stderr := fsn(t, append([]string{"build"}, flags...)...)
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.wantFile) {
				t.Errorf("the error does not name %s:\n%s", tt.wantFile, stderr)
			}
			all := stdout + stderr
			if strings.Contains(all, "s3cret-Passw0rd") || strings.Contains(all, "PRIVATE KEY") || strings.Contains(all, strings.Split(string(keyPEM), "\n")[1]) {
				t.Errorf("secret material in the output:\n%s", all)
			}
			if entries, _ := os.ReadDir(out); len(entries) != 0 {
				t.Errorf("out/ was written: %v", entries)
			}
		})
	}
}

func TestPasswordFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(file, []byte("pass word\r\n"), 0o600)
	got, err := signingPassword(file)
	if err != nil || string(got) != "pass word" {
		t.Errorf("signingPassword = %q, %v; want the file without its line break", got, err)
	}
	t.Setenv("FSN_SIGN_PASSWORD", "from-env")
	if got, _ := signingPassword(""); string(got) != "from-env" {
		t.Errorf("signingPassword from the environment = %q", got)
	}
}
