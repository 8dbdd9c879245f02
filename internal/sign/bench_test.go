package sign

import (
	"os"
	"testing"
	"time"
)

func BenchmarkSign(b *testing.B) {
	in := testPDF(b)
	for _, kind := range []string{"p256", "rsa2048"} {
		b.Run(kind, func(b *testing.B) {
			s := benchSigner(b, kind)
			info := testInfo
			info.Time = time.Now()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := s.Sign(in, info); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkVerify verifies the signature of a small gofpdf document.
func BenchmarkVerify(b *testing.B) {
	benchmarkVerify(b, testPDF(b))
}

// BenchmarkSignEdition signs an edition as fsn writes it, whose structure
// tree sits in an object stream.
func BenchmarkSignEdition(b *testing.B) {
	in := testEdition(b)
	s := benchSigner(b, "p256")
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := s.Sign(in, testInfo); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyEdition verifies the signature of an edition as fsn writes
// it, most of its objects in an object stream, as fsn verify does for every
// signed PDF.
func BenchmarkVerifyEdition(b *testing.B) {
	benchmarkVerify(b, testEdition(b))
}

// benchmarkVerify signs the PDF in and verifies the signed file.
func benchmarkVerify(b *testing.B, in []byte) {
	signed, err := benchSigner(b, "p256").Sign(in, testInfo)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(signed)))
	for b.Loop() {
		if _, err := Verify(signed, VerifyOptions{Signer: "Bench Signer"}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSigner returns a signer for "Bench Signer" with a key of kind.
func benchSigner(b *testing.B, kind string) *Signer {
	k := testKey(b, kind)
	return pemSigner(b, k, newCert(b, certSpec{cn: "Bench Signer", key: k}))
}

// testEdition returns the unsigned edition of testdata: the seed's Italian
// edition as fsn build --no-sign wrote it, its objects in an object stream.
func testEdition(t testing.TB) []byte {
	in, err := os.ReadFile("testdata/edition.pdf")
	if err != nil {
		t.Fatal(err)
	}
	return in
}
