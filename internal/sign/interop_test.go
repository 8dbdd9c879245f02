package sign

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tool returns the path of an independent verifier. Where CI is "true" the
// tool is required; elsewhere a missing tool skips the test.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI: apt-get install -y %s", name, pkg)
	}
	t.Skipf("%s is not installed (apt-get install -y %s)", name, pkg)
	return ""
}

// interopPDFs returns signed test PDFs: one with the development
// certificate, one with a CA-issued RSA certificate and an RFC 3161
// timestamp.
func interopPDFs(t *testing.T) map[string][]byte {
	t.Helper()
	in := testPDF(t)
	dev, _, err := Development(t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	devPDF, err := dev.Sign(in, testInfo)
	if err != nil {
		t.Fatal(err)
	}
	ca := newCA(t, "fsn test CA", "p384")
	k := testKey(t, "rsa2048")
	s := pemSigner(t, k, ca.issue(t, certSpec{cn: "RSA Signer", key: k}), ca.cert)
	info := testInfo
	info.TSAURL = startTSA(t, newCert(t, certSpec{cn: "fsn test TSA", key: testKey(t, "p256b")}), testKey(t, "p256b"), nil, time.Now().Truncate(time.Second))
	tsPDF, err := s.Sign(in, info)
	if err != nil {
		t.Fatal(err)
	}
	return map[string][]byte{"development": devPDF, "timestamped": tsPDF}
}

func TestPdfsig(t *testing.T) {
	pdfsig := tool(t, "pdfsig", "poppler-utils")
	dir := t.TempDir()
	for name, b := range interopPDFs(t) {
		t.Run(name, func(t *testing.T) {
			good := writeFile(t, dir, name+".pdf", b)
			out, err := exec.Command(pdfsig, good).CombinedOutput()
			t.Logf("pdfsig %s:\n%s", filepath.Base(good), out)
			if err != nil {
				t.Fatalf("pdfsig: %v", err)
			}
			for _, want := range []string{"Signature Validation: Signature is Valid.", "Total document signed", "Signature Type: ETSI.CAdES.detached"} {
				if !strings.Contains(string(out), want) {
					t.Errorf("pdfsig does not say %q", want)
				}
			}
			// pdfsig must agree that a changed byte breaks the signature.
			ranges := signedRanges(t, b)
			bad := writeFile(t, dir, name+"-changed.pdf", flip(b, (ranges[0][0]+ranges[0][1])/2))
			out, _ = exec.Command(pdfsig, bad).CombinedOutput()
			if strings.Contains(string(out), "Signature is Valid.") {
				t.Errorf("pdfsig accepts a changed copy:\n%s", out)
			}
		})
	}
}

func TestQpdfCheck(t *testing.T) {
	qpdf := tool(t, "qpdf", "qpdf")
	dir := t.TempDir()
	for name, b := range interopPDFs(t) {
		t.Run(name, func(t *testing.T) {
			out, err := exec.Command(qpdf, "--check", writeFile(t, dir, name+".pdf", b)).CombinedOutput()
			if err != nil || strings.Contains(string(out), "WARNING") || !strings.Contains(string(out), "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check: %v\n%s", err, out)
			}
		})
	}
}
