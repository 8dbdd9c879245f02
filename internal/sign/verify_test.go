package sign

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	pdfsign "github.com/digitorus/pdfsign/sign"
	"github.com/digitorus/pkcs7"
)

// signedTestPDF returns the test PDF signed by a fresh ECDSA signer.
func signedTestPDF(t *testing.T) []byte {
	t.Helper()
	k := testKey(t, "p256")
	s := pemSigner(t, k, newCert(t, certSpec{cn: "Signer", key: k}))
	out, err := s.Sign(testPDF(t), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// flip returns a copy of b with the byte at i changed.
func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x01
	return c
}

// signedRanges returns the two signed ranges of the only signature in b.
func signedRanges(t *testing.T, b []byte) [2][2]int {
	t.Helper()
	sigs, err := signatureDicts(readPDF(t, b))
	if err != nil || len(sigs) != 1 {
		t.Fatalf("%d signatures, %v", len(sigs), err)
	}
	br := sigs[0].Key("ByteRange")
	n := func(i int) int { return int(br.Index(i).Int64()) }
	return [2][2]int{{n(0), n(0) + n(1)}, {n(2), n(2) + n(3)}}
}

// changeSignatureValue returns a copy of the signed PDF b in which one bit of
// the signer's signature value, inside the CMS signature, is changed, in the
// hex string where it stands: the signed bytes and their digest are as they were.
func changeSignatureValue(t *testing.T, b []byte) []byte {
	t.Helper()
	r := signedRanges(t, b)
	hexStart := r[0][1] + 1 // after "<"
	der, err := hex.DecodeString(string(b[hexStart : r[1][0]-1]))
	if err != nil {
		t.Fatal(err)
	}
	p7, err := pkcs7.Parse(der)
	if err != nil || len(p7.Signers) != 1 {
		t.Fatalf("the signature value is no CMS signature of one signer: %v", err)
	}
	value := p7.Signers[0].EncryptedDigest
	i := bytes.Index(der, value) + len(value) - 1 // the signature's last byte
	c := bytes.Clone(b)
	copy(c[hexStart+2*i:], fmt.Sprintf("%02X", der[i]^0x01))
	return c
}

// appendUpdate appends an incremental update that retitles the document,
// the way a PDF editor saves a change.
func appendUpdate(t *testing.T, b []byte) []byte {
	t.Helper()
	rdr := readPDF(t, b)
	tr := rdr.Trailer()
	size := tr.Key("Size").Int64()
	root := tr.Key("Root").GetPtr()
	var out bytes.Buffer
	out.Write(b)
	obj := out.Len()
	fmt.Fprintf(&out, "%d 0 obj\n<< /Title (Changed after signing) >>\nendobj\n", size)
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		size, obj, size+1, root.GetID(), size, rdr.XrefInformation.StartPos, xref)
	return out.Bytes()
}

func TestVerifyTampering(t *testing.T) {
	signed := signedTestPDF(t)
	if _, err := Verify(signed, VerifyOptions{}); err != nil {
		t.Fatalf("untouched copy: %v", err)
	}
	at := func(s string) int {
		i := bytes.Index(signed, []byte(s))
		if i < 0 {
			t.Fatalf("%q not in the signed PDF", s)
		}
		return i + len(s)
	}
	tests := []struct {
		name string
		pdf  []byte
		want string
	}{
		{"byte in a page's content stream", flip(signed, at("stream\n")+20), "the file was changed after signing"},
		{"byte in the document title", flip(signed, at("/Title")+8), "the file was changed after signing"},
		{"byte in the signature's location", flip(signed, at("/Location (")+4), "the file was changed after signing"},
		{"digit of the ByteRange", flip(signed, at("/ByteRange [0 ")), "not exactly the signature value"},
		{"bit of the signature value", changeSignatureValue(t, signed), "the signature does not verify"},
		{"last byte cut off", signed[:len(signed)-1], "truncated"},
		{"second half cut off", signed[:len(signed)/2], "truncated"},
		{"bytes appended", append(bytes.Clone(signed), "\n% appended\n"...), "12 bytes follow the signed range"},
		{"incremental update appended", appendUpdate(t, signed), "appended after signing"},
		{"unsigned PDF", testPDF(t), "no digital signature"},
		{"not a PDF", []byte("hello"), "not a readable PDF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Verify(tt.pdf, VerifyOptions{})
			if err == nil {
				t.Fatalf("Verify passed: %+v", res)
			}
			t.Log(err)
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if res == nil || strings.Join(res.Problems, "; ") != err.Error() {
				t.Errorf("Result %+v does not list the problems of the error", res)
			}
		})
	}
}

// TestVerifyEverySignedByte changes one byte at a time across both signed
// ranges and requires each change to be caught.
func TestVerifyEverySignedByte(t *testing.T) {
	signed := signedTestPDF(t)
	ranges := signedRanges(t, signed)
	step := 17
	if testing.Short() {
		step = 97
	}
	checked := 0
	for _, r := range ranges {
		for i := r[0]; i < r[1]; i += step {
			if _, err := Verify(flip(signed, i), VerifyOptions{}); err == nil {
				t.Errorf("a change at byte %d (%q) went unnoticed", i, signed[max(0, i-10):min(len(signed), i+10)])
			}
			checked++
		}
	}
	t.Logf("%d single-byte changes caught", checked)
}

// TestVerifySigner checks who Verify takes for the signer: the certificate's
// common name, never the name the signature gives itself.
func TestVerifySigner(t *testing.T) {
	signed := signedTestPDF(t) // certificate "Signer", Name "Dr. Jürgen Müller"
	k := testKey(t, "p256")
	mallory, err := pemSigner(t, k, newCert(t, certSpec{cn: "Mallory Evil", key: k})).Sign(testPDF(t), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		pdf    []byte
		signer string
		want   string // in the error; "" for none
	}{
		{signed, "Signer", ""},
		{signed, " SIGNER ", ""},
		{signed, "Dr. Jürgen Müller", `the signing certificate (CN=Signer,O=fsn tests) is for "Signer", not the signatory "Dr. Jürgen Müller"`},
		{signed, "Someone Else", `is for "Signer", not the signatory "Someone Else"`},
		{mallory, "Dr. Jürgen Müller", `the signing certificate (CN=Mallory Evil,O=fsn tests) is for "Mallory Evil", not the signatory "Dr. Jürgen Müller"`},
	}
	for _, tt := range tests {
		res, err := Verify(tt.pdf, VerifyOptions{Signer: tt.signer})
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("Signer %q: %v", tt.signer, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || len(res.Problems) != 1):
			t.Errorf("Signer %q: error %v, want only one with %q", tt.signer, err, tt.want)
		}
	}
}

func TestCheckSignatory(t *testing.T) {
	k := testKey(t, "p256")
	cert := func(cns ...string) *x509.Certificate {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial.Add(1)), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
		for _, cn := range cns {
			tmpl.Subject.ExtraNames = append(tmpl.Subject.ExtraNames, pkix.AttributeTypeAndValue{Type: oidCommonName, Value: cn})
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	dev, _, err := Development(t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		cert      *x509.Certificate
		signatory string
		want      string // in the error; "" for none
	}{
		{"same", cert("Dr. Jürgen Müller"), "Dr. Jürgen Müller", ""},
		{"case and spaces", cert("DR.  JÜRGEN MÜLLER "), "dr. jürgen müller", ""},
		{"decomposed accents", cert("Dr. Ju\u0308rgen Mu\u0308ller"), "Dr. Jürgen Müller", ""},
		{"full case folding", cert("Hans Straße"), "HANS STRASSE", ""},
		{"title missing", cert("Jürgen Müller"), "Dr. Jürgen Müller", `is for "Jürgen Müller", not the signatory "Dr. Jürgen Müller"`},
		{"someone else", cert("Mallory Evil"), "Dr. Jürgen Müller", `(CN=Mallory Evil) is for "Mallory Evil"`},
		{"two common names", cert("Mallory Evil", "Dr. Jürgen Müller"), "Dr. Jürgen Müller", "has 2 common names"},
		{"no common name", cert(), "Dr. Jürgen Müller", "has no common name"},
		{"development", dev.Certificate(), "Dr. Jürgen Müller", "signed with the development certificate (CN=fsn development certificate – NOT FOR DISTRIBUTION,O=fsn), which stands for no one"},
		{"development by its name", dev.Certificate(), DevelopmentCommonName, "signed with the development certificate"},
	}
	for _, tt := range tests {
		err := CheckSignatory(tt.cert, tt.signatory)
		var ie *IdentityError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (!errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v, want an IdentityError with %q", tt.name, err, tt.want)
		case ie != nil && ie.Development != IsDevelopment(tt.cert):
			t.Errorf("%s: Development = %v", tt.name, ie.Development)
		}
	}
}

func TestVerifyTrust(t *testing.T) {
	root := newCA(t, "fsn test root CA", "p384")
	other := newCA(t, "other CA", "p256c")
	interKey := testKey(t, "p256d")
	inter := testCA{root.issue(t, certSpec{cn: "fsn test intermediate CA", key: interKey, ca: true}), interKey}
	leafKey := testKey(t, "p256")
	in := testPDF(t)

	direct := pemSigner(t, leafKey, root.issue(t, certSpec{cn: "Direct Signer", key: leafKey}))
	viaInter := pemSigner(t, leafKey, inter.issue(t, certSpec{cn: "Chained Signer", key: leafKey}), inter.cert)
	self := pemSigner(t, leafKey, newCert(t, certSpec{cn: "Self Signer", key: leafKey}))
	expired := &Signer{key: leafKey, cert: root.issue(t, certSpec{cn: "Expired CA Signer", key: leafKey,
		notBefore: time.Now().AddDate(-2, 0, 0), notAfter: time.Now().AddDate(-1, 0, 0)})}

	tests := []struct {
		name   string
		signer *Signer
		trust  testCA
		want   string // empty: trusted
	}{
		{"leaf of the trusted CA", direct, root, ""},
		{"leaf of an intermediate of the trusted CA", viaInter, root, ""},
		{"leaf of another CA", direct, other, "does not chain to a trusted root"},
		{"self-signed", self, root, "does not chain to a trusted root"},
		{"expired at signing time", expired, root, "was not valid at signing time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := testInfo
			info.Time = time.Now() // the claimed time of signing, /M: after the expired certificate's end
			out, err := tt.signer.sign(in, info, nil)
			if err != nil {
				t.Fatal(err)
			}
			res, err := Verify(out, VerifyOptions{Trust: tt.trust.pool()})
			// Chains, which fsn publish asks once instead of verifying each
			// signature again, agrees with the verification.
			chains := tt.signer.Chains(tt.trust.pool(), info.Time)
			if (chains == nil) != (tt.want == "") {
				t.Errorf("Chains: %v; want an error: %v", chains, tt.want != "")
			}
			if tt.want == "" {
				if err != nil || !res.Trusted {
					t.Fatalf("Verify: trusted=%v, %v", res.Trusted, err)
				}
				return
			}
			t.Log(err)
			if err == nil || !strings.Contains(err.Error(), tt.want) || res.Trusted {
				t.Fatalf("Verify: trusted=%v, %v; want an error that says %q", res.Trusted, err, tt.want)
			}
		})
	}
}

func TestVerifyKeyUsage(t *testing.T) {
	k := testKey(t, "p256")
	s := &Signer{key: k, cert: newCert(t, certSpec{cn: "Encryption Only", key: k, keyUsage: x509.KeyUsageKeyEncipherment})}
	info := testInfo
	info.Time = time.Now()
	out, err := s.sign(testPDF(t), info, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(out, VerifyOptions{}); err == nil || !strings.Contains(err.Error(), "Digital Signature key usage") {
		t.Errorf("Verify: %v, want a key usage error", err)
	}
}

// TestVerifyTwoSignatures signs a signed PDF again with pdfsign itself,
// which Sign refuses to do: the certification permits no further signature.
func TestVerifyTwoSignatures(t *testing.T) {
	signed := signedTestPDF(t)
	k := testKey(t, "p256")
	cert := newCert(t, certSpec{cn: "Second Signer", key: k})
	var out bytes.Buffer
	err := pdfsign.Sign(bytes.NewReader(signed), &out, readPDF(t, signed), int64(len(signed)), pdfsign.SignData{
		Signature:       pdfsign.SignDataSignature{CertType: pdfsign.ApprovalSignature, Info: pdfsign.SignDataSignatureInfo{Name: "Second", Date: time.Now()}},
		Signer:          k,
		DigestAlgorithm: crypto.SHA256,
		Certificate:     cert,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Verify(out.Bytes(), VerifyOptions{})
	if err == nil || !strings.Contains(err.Error(), "2 signatures") || !strings.Contains(err.Error(), "appended after signing") {
		t.Errorf("Verify: %v, want errors for two signatures and bytes after the first", err)
	}
}

func TestTimestamp(t *testing.T) {
	ca := newCA(t, "fsn test CA", "p384")
	other := newCA(t, "other CA", "p256c")
	leafKey, tsaKey := testKey(t, "p256"), testKey(t, "rsa2048b")
	s := pemSigner(t, leafKey, ca.issue(t, certSpec{cn: "Timestamped Signer", key: leafKey}))
	tsaSpec := certSpec{cn: "fsn test TSA", key: tsaKey, extKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}}
	tsaCert := ca.issue(t, tsaSpec)
	at := time.Now().Add(-time.Minute).Truncate(time.Second).UTC()
	url := startTSA(t, tsaCert, tsaKey, []*x509.Certificate{ca.cert}, at)
	in := testPDF(t)

	info := testInfo
	info.TSAURL = url
	out, err := s.Sign(in, info)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Verify(out, VerifyOptions{Trust: ca.pool(), Signer: "Timestamped Signer"})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Timestamped || !res.SigningTime.Equal(at) || !res.Trusted || !res.Certified {
		t.Errorf("Verify = %+v; want timestamped at %v, trusted, certified", res, at)
	}

	// The signature value the timestamp is over changed.
	if _, err := Verify(changeSignatureValue(t, out), VerifyOptions{}); err == nil || !strings.Contains(err.Error(), "timestamp is over another signature") {
		t.Errorf("Verify with a changed signature value: %v, want the timestamp's imprint not to match", err)
	}

	// A timestamp authority outside the trusted roots does not vouch for the time.
	otherTSA := startTSA(t, other.issue(t, tsaSpec), tsaKey, nil, at)
	info.TSAURL = otherTSA
	out, err = s.Sign(in, info)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(out, VerifyOptions{Trust: ca.pool()}); err == nil || !strings.Contains(err.Error(), `timestamp authority "fsn test TSA" does not chain`) {
		t.Errorf("Verify with an untrusted TSA: %v", err)
	}
	if res, err := Verify(out, VerifyOptions{}); err != nil || !res.Timestamped {
		t.Errorf("Verify without trust: timestamped=%v, %v", res.Timestamped, err)
	}

	// Unreachable authority.
	info.TSAURL = "http://127.0.0.1:1/tsr"
	if _, err := s.Sign(in, info); err == nil || !strings.Contains(err.Error(), info.TSAURL) {
		t.Errorf("Sign with an unreachable TSA: %v, want an error naming its URL", err)
	}

	// An authority that never answers.
	release := make(chan struct{})
	hung := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(hung.Close)
	t.Cleanup(func() { close(release) })
	defer func(d time.Duration) { tsaTimeout = d }(tsaTimeout)
	tsaTimeout = 200 * time.Millisecond
	info.TSAURL = hung.URL
	if _, err := s.Sign(in, info); err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Errorf("Sign with a TSA that does not answer: %v", err)
	}
}

// TestTimestampAuthoritySecrets signs with a timestamp authority whose URL
// carries credentials and a token: they reach the authority, but no error
// shows them, nor more than an excerpt of what the authority answered.
func TestTimestampAuthoritySecrets(t *testing.T) {
	ca := newCA(t, "fsn test CA", "p384")
	leafKey, tsaKey := testKey(t, "p256"), testKey(t, "rsa2048b")
	s := pemSigner(t, leafKey, ca.issue(t, certSpec{cn: "Timestamped Signer", key: leafKey}))
	tsaCert := ca.issue(t, certSpec{cn: "fsn test TSA", key: tsaKey, extKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageTimeStamping}})
	good := startTSA(t, tsaCert, tsaKey, []*x509.Certificate{ca.cert}, time.Now().Add(-time.Minute).Truncate(time.Second))
	goodURL, _ := url.Parse(good)
	proxy := httputil.NewSingleHostReverseProxy(goodURL)
	body := "<html>\x1b[31m" + strings.Repeat("internal stack trace line ", 2000) + "</html>"
	var auth []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		user, password, _ := r.BasicAuth()
		auth = append(auth, user+":"+password)
		if r.URL.Query().Get("token") != "t0ken-value" || user != "alice" || password != "s3cr3t-pass" {
			http.Error(w, body, http.StatusUnauthorized)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	in := testPDF(t)
	info := testInfo

	info.TSAURL = "http://alice:s3cr3t-pass@" + host + "/tsr?token=t0ken-value"
	if _, err := s.Sign(in, info); err != nil {
		t.Fatalf("Sign with the right credentials: %v", err)
	}
	if len(auth) != 1 || auth[0] != "alice:s3cr3t-pass" {
		t.Errorf("the authority got the credentials %q, want alice:s3cr3t-pass once", auth)
	}

	for _, tt := range []struct{ name, url, want string }{
		{"refused", "http://alice:wrong-s3cr3t@" + host + "/tsr?token=t0ken-value", fmt.Sprintf("HTTP status 401 and %d bytes: \"<html>[31minternal stack trace line", len(body)+1)},
		{"unreachable", "http://alice:s3cr3t-pass@127.0.0.1:1/tsr?token=t0ken-value", "http://xxxxx:xxxxx@127.0.0.1:1/tsr?token=xxxxx: the timestamp authority could not be reached"},
		{"no password", "http://alice@" + host + "/tsr", "names a user without a password"},
		{"not a URL", "http://alice:s3cr3t-pass@" + host + "/%zz", "is not a URL"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			info.TSAURL = tt.url
			_, err := s.Sign(in, info)
			if err == nil {
				t.Fatal("Sign succeeded")
			}
			msg := err.Error()
			for _, secret := range []string{"s3cr3t", "alice", "t0ken", "\x1b"} {
				if strings.Contains(msg, secret) {
					t.Errorf("the error shows %q: %s", secret, msg)
				}
			}
			if !strings.Contains(msg, tt.want) || len(msg) > 500 {
				t.Errorf("error of %d bytes, want one under 500 with %q: %s", len(msg), tt.want, msg)
			}
		})
	}
}

// TestParsePDFDate reads the date forms of ISO 32000-1, 7.9.4, that a
// signature's /M may hold.
func TestParsePDFDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // RFC 3339, or "" for an error
	}{
		{"D:20171106093000Z", "2017-11-06T09:30:00Z"},
		{"D:20171106093000+01'00'", "2017-11-06T09:30:00+01:00"},
		{"D:20171106093000-05'30", "2017-11-06T09:30:00-05:30"},
		{"D:20171106093000+01", "2017-11-06T09:30:00+01:00"},
		{"D:20171106", "2017-11-06T00:00:00Z"},
		{"D:2017", "2017-01-01T00:00:00Z"},
		{"20171106093000Z00'00'", "2017-11-06T09:30:00Z"},
		{"D:201711", "2017-11-01T00:00:00Z"},
		{"D:2017110", ""},
		{"yesterday", ""},
		{"", ""},
	} {
		got, err := parsePDFDate(c.in)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("parsePDFDate(%q) = %v, want an error", c.in, got)
		case c.want != "" && (err != nil || got.Format(time.RFC3339) != c.want):
			t.Errorf("parsePDFDate(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
}
