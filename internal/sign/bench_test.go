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
			k := testKey(b, kind)
			s := pemSigner(b, k, newCert(b, certSpec{cn: "Bench Signer", key: k}))
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

func BenchmarkVerify(b *testing.B) {
	k := testKey(b, "p256")
	s := pemSigner(b, k, newCert(b, certSpec{cn: "Bench Signer", key: k}))
	signed, err := s.Sign(testPDF(b), testInfo)
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

// BenchmarkSignEdition signs an edition as fsn writes it, whose structure
// tree sits in an object stream.
func BenchmarkSignEdition(b *testing.B) {
	in, s := editionSigner(b)
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
	in, s := editionSigner(b)
	signed, err := s.Sign(in, testInfo)
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

// editionSigner returns the unsigned edition of testdata and a signer of the
// benchmarks.
func editionSigner(b *testing.B) ([]byte, *Signer) {
	in, err := os.ReadFile("testdata/edition.pdf")
	if err != nil {
		b.Fatal(err)
	}
	k := testKey(b, "p256")
	return in, pemSigner(b, k, newCert(b, certSpec{cn: "Bench Signer", key: k}))
}
