package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/digitorus/pdf"
	pdfsign "github.com/digitorus/pdfsign/sign"
	"software.sslmate.com/src/go-pkcs12"
)

// testInfo is what the round-trip tests sign with; its strings are
// non-ASCII, written as UTF-16.
var testInfo = Info{
	Name:        "Dr. Jürgen Müller",
	Reason:      "FSCA IIS-2017-11 (aggiornamento) – è",
	Location:    "Plzeň",
	ContactInfo: "safety@image-systems.biz",
}

func TestTestPDFIsDeterministic(t *testing.T) {
	if !bytes.Equal(testPDF(t), testPDF(t)) {
		t.Fatal("gofpdf wrote two different PDFs from the same input")
	}
}

func TestSignVerifyRoundTrip(t *testing.T) {
	ca := newCA(t, "fsn test CA", "p384")
	tests := []struct {
		name   string
		signer func(t *testing.T) *Signer
		trust  *x509.CertPool
	}{
		{"RSA 2048 PEM", func(t *testing.T) *Signer {
			k := testKey(t, "rsa2048")
			return pemSigner(t, k, ca.issue(t, certSpec{cn: "RSA Signer", key: k}), ca.cert)
		}, ca.pool()},
		{"RSA 4096 PEM", func(t *testing.T) *Signer {
			k := testKey(t, "rsa4096")
			return pemSigner(t, k, ca.issue(t, certSpec{cn: "RSA 4096 Signer", key: k}))
		}, ca.pool()},
		{"ECDSA P-256 PEM", func(t *testing.T) *Signer {
			k := testKey(t, "p256")
			return pemSigner(t, k, ca.issue(t, certSpec{cn: "ECDSA Signer", key: k}))
		}, ca.pool()},
		{"ECDSA P-384 PEM, self-signed", func(t *testing.T) *Signer {
			k := testKey(t, "p384")
			return pemSigner(t, k, newCert(t, certSpec{cn: "Self Signer", key: k}))
		}, nil},
		{"PKCS#12 RSA with chain", func(t *testing.T) *Signer {
			k := testKey(t, "rsa2048")
			cert := ca.issue(t, certSpec{cn: "P12 Signer", key: k})
			s, err := Load(Config{P12File: writeFile(t, t.TempDir(), "s.p12", encodeP12(t, pkcs12.Modern, k, cert, ca.cert)), Password: []byte(password)}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, ca.pool()},
		{"PKCS#12 ECDSA", func(t *testing.T) *Signer {
			k := testKey(t, "p256")
			cert := ca.issue(t, certSpec{cn: "P12 ECDSA Signer", key: k})
			s, err := Load(Config{P12File: writeFile(t, t.TempDir(), "s.pfx", encodeP12(t, pkcs12.Modern, k, cert)), Password: []byte(password)}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, ca.pool()},
		{"development certificate", func(t *testing.T) *Signer {
			s, _, err := Development(t.TempDir(), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, nil},
	}
	in := testPDF(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.signer(t)
			before := time.Now().Truncate(time.Second)
			out, err := s.Sign(in, testInfo)
			if err != nil {
				t.Fatal(err)
			}
			after := time.Now()
			if !bytes.HasPrefix(out, in) {
				t.Error("the signed PDF does not start with the unsigned one")
			}
			signatory := strings.ToUpper(s.Certificate().Subject.CommonName) // names match in any case
			if IsDevelopment(s.Certificate()) {
				signatory = "" // the development certificate is no one's
			}
			res, err := Verify(out, VerifyOptions{Trust: tt.trust, Signer: signatory})
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			want := Result{
				Signer:      s.Certificate().Subject.CommonName,
				Name:        testInfo.Name,
				Reason:      testInfo.Reason,
				Location:    testInfo.Location,
				ContactInfo: testInfo.ContactInfo,
				Certified:   true,
				Trusted:     tt.trust != nil,
			}
			got := *res
			got.SigningTime = time.Time{}
			if got.Signer != want.Signer || got.Name != want.Name || got.Reason != want.Reason || got.Location != want.Location ||
				got.ContactInfo != want.ContactInfo || got.Certified != want.Certified || got.Trusted != want.Trusted ||
				got.Timestamped || len(got.Problems) > 0 {
				t.Errorf("Verify = %+v, want %+v", got, want)
			}
			if res.SigningTime.Before(before) || res.SigningTime.After(after) {
				t.Errorf("signing time %v, want between %v and %v", res.SigningTime, before, after)
			}
		})
	}
}

// TestSignKeepsGofpdfStructure checks that signing keeps what gofpdf wrote:
// metadata, outline, links and pages.
func TestSignKeepsGofpdfStructure(t *testing.T) {
	in := testPDF(t)
	s, _, err := Development(t.TempDir(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Sign(in, testInfo)
	if err != nil {
		t.Fatal(err)
	}
	type shape struct {
		title, author, creator string
		pages                  int
		outlines, links        []string
		catalogKeys            []string
	}
	read := func(b []byte) shape {
		rdr, err := openPDF(b)
		if err != nil {
			t.Fatal(err)
		}
		info, root := rdr.Trailer().Key("Info"), rdr.Trailer().Key("Root")
		sh := shape{
			title:   info.Key("Title").Text(),
			author:  info.Key("Author").Text(),
			creator: info.Key("Creator").Text(),
			pages:   int(root.Key("Pages").Key("Count").Int64()),
		}
		for o := root.Key("Outlines").Key("First"); !o.IsNull(); o = o.Key("Next") {
			sh.outlines = append(sh.outlines, o.Key("Title").Text())
		}
		for _, k := range root.Keys() {
			if k != "AcroForm" && k != "Perms" && k != "Version" {
				sh.catalogKeys = append(sh.catalogKeys, k)
			}
		}
		kids := root.Key("Pages").Key("Kids")
		for i := range kids.Len() {
			annots := kids.Index(i).Key("Annots")
			for j := range annots.Len() {
				a := annots.Index(j)
				if a.Key("Subtype").Name() != "Link" {
					continue
				}
				if uri := a.Key("A").Key("URI"); !uri.IsNull() {
					sh.links = append(sh.links, uri.Text())
				} else {
					sh.links = append(sh.links, "internal")
				}
			}
		}
		return sh
	}
	before, after := read(in), read(out)
	if before.title != "Informazioni Urgenti sulla Sicurezza – iQ-WEB" || before.pages != 2 || len(before.outlines) != 2 || len(before.links) != 2 {
		t.Fatalf("unexpected test PDF: %+v", before)
	}
	if strings.Join(before.catalogKeys, " ") != strings.Join(after.catalogKeys, " ") ||
		before.title != after.title || before.author != after.author || before.creator != after.creator ||
		before.pages != after.pages || strings.Join(before.outlines, " ") != strings.Join(after.outlines, " ") || strings.Join(before.links, " ") != strings.Join(after.links, " ") {
		t.Errorf("signing changed the document:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestSignRejects(t *testing.T) {
	k := testKey(t, "p256")
	s := pemSigner(t, k, newCert(t, certSpec{cn: "Signer", key: k}))
	signed, err := s.Sign(testPDF(t), Info{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		pdf  []byte
		info Info
		want string
	}{
		{"not a PDF", []byte("%PDF-1.3\nnonsense"), Info{}, "not a readable PDF"},
		{"already signed", signed, Info{}, "already signed"},
		{"signing time after the certificate expires", testPDF(t), Info{Time: time.Now().AddDate(1, 0, 0)}, "outside the validity"},
		{"signature block on a page the PDF lacks", testPDF(t), Info{Block: &Block{Page: 3, Rect: [4]float64{50, 50, 200, 120}}}, "on page 3, but the PDF has 2 pages"},
		{"empty signature block", testPDF(t), Info{Block: &Block{Page: 1}}, "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Sign(tt.pdf, tt.info)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Sign error %v, want one that says %q", err, tt.want)
			}
		})
	}
}

// TestSignTextStrings signs with entries whose UTF-16 code units hold the
// bytes of a backslash, a parenthesis or a carriage return, which a PDF
// string must escape, and reads them back.
func TestSignTextStrings(t *testing.T) {
	k := testKey(t, "p256")
	s := pemSigner(t, k, newCert(t, certSpec{cn: "Signer", key: k}))
	for _, text := range []string{"Ing. Jiří Kočí", "Шумен", "Müller) (Zürich", "尊 Ŝ 日本語", `plain (ASCII) \ backslash`} {
		out, err := s.Sign(testPDF(t), Info{Name: text, Location: text, Reason: text, ContactInfo: text})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		res, err := Verify(out, VerifyOptions{})
		if err != nil || res.Name != text || res.Location != text {
			t.Errorf("%q: read back as %q, %q (%v)", text, res.Name, res.Location, err)
		}
	}
}

func TestDevelopment(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".fsn", "dev")
	now := time.Now()
	s, created, err := Development(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	if !created {
		t.Error("first call did not report creating the certificate")
	}
	cert := s.Certificate()
	if cert.Subject.CommonName != DevelopmentCommonName || !strings.Contains(cert.Subject.CommonName, "NOT FOR DISTRIBUTION") {
		t.Errorf("common name %q", cert.Subject.CommonName)
	}
	if cert.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		t.Error("no digitalSignature key usage")
	}
	if k, ok := cert.PublicKey.(*ecdsa.PublicKey); !ok || k.Curve != elliptic.P256() {
		t.Errorf("key %T, want ECDSA P-256", cert.PublicKey)
	}
	if cert.NotAfter.Before(now.AddDate(10, 0, -1)) || cert.NotBefore.After(now) {
		t.Errorf("valid %v to %v, want from now for ten years", cert.NotBefore, cert.NotAfter)
	}
	for _, name := range []string{DevelopmentCertFile, DevelopmentKeyFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want 2", len(entries))
	}

	again, created, err := Development(dir, now.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if created || !again.Certificate().Equal(cert) {
		t.Errorf("second call created=%v, same certificate=%v; want it reused", created, again.Certificate().Equal(cert))
	}

	out, err := again.Sign(testPDF(t), testInfo)
	if err != nil {
		t.Fatal(err)
	}
	if res, err := Verify(out, VerifyOptions{}); err != nil || !IsDevelopment(res.Certificate) {
		t.Errorf("Verify: %v; development certificate: %v", err, err == nil && IsDevelopment(res.Certificate))
	}
	// It is no one's, not even of a signatory named like it.
	if _, err := Verify(out, VerifyOptions{Signer: DevelopmentCommonName}); err == nil || !strings.Contains(err.Error(), "signed with the development certificate") {
		t.Errorf("Verify with the development certificate's name as the signatory: %v", err)
	}

	if _, _, err := Development(dir, now.AddDate(11, 0, 0)); err == nil || !strings.Contains(err.Error(), "expired") || !strings.Contains(err.Error(), "delete "+dir) {
		t.Errorf("ten years on: %v, want an expiry error that says to delete the folder", err)
	}
	if err := os.Remove(filepath.Join(dir, DevelopmentKeyFile)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Development(dir, now); err == nil || !strings.Contains(err.Error(), "does not belong") || !strings.Contains(err.Error(), "delete "+dir) {
		t.Errorf("without its key: %v, want a mismatch error that says to delete the folder", err)
	}
}

// TestDevelopmentConcurrent checks that builds starting together end up
// with one certificate.
func TestDevelopmentConcurrent(t *testing.T) {
	dir := t.TempDir()
	const n = 8
	certs := make([]*x509.Certificate, n)
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		created int
	)
	for i := range n {
		wg.Go(func() {
			s, c, err := Development(dir, time.Now())
			if err != nil {
				t.Error(err)
				return
			}
			certs[i] = s.Certificate()
			if c {
				mu.Lock()
				created++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	for _, c := range certs[1:] {
		if !c.Equal(certs[0]) {
			t.Fatal("concurrent calls returned different certificates")
		}
	}
	if created != 1 {
		t.Errorf("%d calls reported creating the certificate, want 1", created)
	}
}

// readPDF parses b for a test.
func readPDF(t *testing.T, b []byte) *pdf.Reader {
	t.Helper()
	rdr, err := openPDF(b)
	if err != nil {
		t.Fatal(err)
	}
	return rdr
}

// TestSignPAdES checks what ETSI EN 319 142-1 and ISO 32000-1 ask of the
// signature Sign writes into a PDF with a reply form: the PAdES SubFilter
// and attributes, DocMDP 2, and a signature field whose widget covers the
// signature block on its page, printed, with an appearance, beside the
// form's own fields.
func TestSignPAdES(t *testing.T) {
	out := signedForm(t)
	res, err := Verify(out, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.SubFilter != SubFilterPAdES || res.DocMDP != 2 || !res.Certified || res.Updates != 0 {
		t.Errorf("Verify = %+v, want a PAdES certification with DocMDP 2", res)
	}
	rdr := readPDF(t, out)
	sigs, _ := signatureDicts(rdr)
	types, err := signedAttributeTypes([]byte(sigs[0].Key("Contents").RawString()))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, oid := range types {
		got = append(got, oid.String())
	}
	slices.Sort(got)
	want := []string{oidContentType.String(), oidMessageDigest.String(), oidSigningCertificateV2.String()}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("signed attributes %v, want content-type, message-digest and signing-certificate-v2 only", got)
	}
	if m := sigs[0].Key("M").Text(); !strings.HasPrefix(m, "D:20") {
		t.Errorf("/M = %q, want the claimed time of signing", m)
	}

	root := rdr.Trailer().Key("Root")
	form := root.Key("AcroForm")
	var names []string
	var widget pdf.Value
	for i := range form.Key("Fields").Len() {
		f := form.Key("Fields").Index(i)
		names = append(names, f.Key("T").Text())
		if f.Key("FT").Name() == "Sig" {
			widget = f
		}
	}
	if strings.Join(names, " ") != "reply signature" || form.Key("SigFlags").Int64() != 3 || form.Key("DA").Text() == "" {
		t.Errorf("AcroForm fields %v, SigFlags %v, DA %q: want the reply form's field, then the signature's, and the form's own entries kept",
			names, form.Key("SigFlags"), form.Key("DA").Text())
	}
	page := root.Key("Pages").Key("Kids").Index(0)
	annots := page.Key("Annots")
	inAnnots := false
	for i := range annots.Len() {
		inAnnots = inAnnots || annots.Index(i).GetPtr() == widget.GetPtr()
	}
	rect := widget.Key("Rect")
	r := [4]float64{rect.Index(0).Float64(), rect.Index(1).Float64(), rect.Index(2).Float64(), rect.Index(3).Float64()}
	lw := formBlock.LineWidth / 2
	wantRect := [4]float64{formBlock.Rect[0] - lw, formBlock.Rect[1] - lw, formBlock.Rect[2] + lw, formBlock.Rect[3] + lw}
	for i := range r {
		if d := r[i] - wantRect[i]; d > 0.001 || d < -0.001 {
			t.Errorf("widget /Rect %v, want the block's frame %v", r, wantRect)
			break
		}
	}
	ap := widget.Key("AP").Key("N")
	switch {
	case !inAnnots || annots.Len() != 4:
		t.Errorf("page 1 /Annots has %d entries, the widget among them: %v; want the 3 it had and the widget", annots.Len(), inAnnots)
	case widget.Key("F").Int64() != 4 || widget.Key("P").GetPtr() != page.GetPtr() || widget.Key("Subtype").Name() != "Widget":
		t.Errorf("widget /F %v /P %v /Subtype %v, want 4 (print), page 1, Widget", widget.Key("F"), widget.Key("P"), widget.Key("Subtype"))
	case ap.Kind() != pdf.Stream || ap.Key("Subtype").Name() != "Form" || ap.Key("BBox").Index(2).Float64() < r[2]-r[0]-0.001:
		t.Errorf("widget /AP /N = %v, want a form XObject the size of the widget", ap)
	case widget.Key("V").GetPtr() != sigs[0].GetPtr():
		t.Error("the signature field's /V is not the signature")
	}
}

// TestVerifyPAdESAttributes gives Verify a signature that calls itself PAdES
// but carries the signing-time attribute PAdES forbids, and no
// signing-certificate-v2.
func TestVerifyPAdESAttributes(t *testing.T) {
	k := testKey(t, "p256")
	cert := newCert(t, certSpec{cn: "Signer", key: k})
	in := testPDF(t)
	var out bytes.Buffer
	err := pdfsign.Sign(bytes.NewReader(in), &out, readPDF(t, in), int64(len(in)), pdfsign.SignData{
		Signature:       pdfsign.SignDataSignature{CertType: pdfsign.CertificationSignature, Info: pdfsign.SignDataSignatureInfo{Name: "Signer", Date: time.Now()}},
		Signer:          k,
		DigestAlgorithm: crypto.SHA1, // pdfsign then writes the signing-certificate attribute of RFC 2634, not v2
		Certificate:     cert,
	})
	if err != nil {
		t.Fatal(err)
	}
	relabelled := bytes.Replace(out.Bytes(), []byte("/SubFilter /adbe.pkcs7.detached"), []byte("/SubFilter /ETSI.CAdES.detached"), 1)
	_, err = Verify(relabelled, VerifyOptions{})
	for _, want := range []string{"carries a signing-time attribute", "no readable signing-certificate-v2 attribute"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Verify: %v; want an error that says %q", err, want)
		}
	}
}

// TestSignEdition signs an unsigned edition as fsn writes it, with its
// objects in an object stream and a cross-reference stream, and checks that
// the objects the update rewrites keep every entry they had: the parent
// tree's numbers and references, the document element's kids, the
// annotations of the page the signature widget is on and the form's fields,
// each with the signature's entries added.
func TestSignEdition(t *testing.T) {
	in := testEdition(t)
	k := testKey(t, "p256")
	s := pemSigner(t, k, newCert(t, certSpec{cn: "Edition Signer", key: k}))
	// The last page, which holds the reply form's widgets and a link.
	info := testInfo
	info.Block = &Block{Page: 5, Rect: [4]float64{56, 100, 256, 160}, LineWidth: 1, Color: [3]float64{0.2, 0.3, 0.6}}
	out, err := s.Sign(in, info)
	if err != nil {
		t.Fatal(err)
	}
	before, after := readPDF(t, in), readPDF(t, out)
	arrays := []struct {
		name  string
		array func(*pdf.Reader) pdf.Value
		added int
	}{
		{"parent tree", func(r *pdf.Reader) pdf.Value {
			return r.Trailer().Key("Root").Key("StructTreeRoot").Key("ParentTree").Key("Nums")
		}, 2},
		{"document element's kids", func(r *pdf.Reader) pdf.Value {
			return r.Trailer().Key("Root").Key("StructTreeRoot").Key("K").Key("K")
		}, 1},
		{"form fields", func(r *pdf.Reader) pdf.Value { return r.Trailer().Key("Root").Key("AcroForm").Key("Fields") }, 1},
		{"annotations of the widget's page", func(r *pdf.Reader) pdf.Value {
			all, err := pages(r)
			if err != nil {
				t.Fatal(err)
			}
			return all[info.Block.Page-1].Key("Annots")
		}, 1},
	}
	for _, a := range arrays {
		old, now := a.array(before), a.array(after)
		if now.Len() != old.Len()+a.added {
			t.Errorf("%s: %d entries after signing, want %d + %d", a.name, now.Len(), old.Len(), a.added)
			continue
		}
		for i := range old.Len() {
			if !sameValue(old.Index(i), old, now.Index(i), now) {
				t.Errorf("%s: entry %d is %v after signing, was %v", a.name, i, now.Index(i), old.Index(i))
			}
		}
	}
	if got := after.Trailer().Key("Root").Key("Lang").RawString(); got != "it" {
		t.Errorf("the signed catalog's /Lang is %q, want it", got)
	}
}
