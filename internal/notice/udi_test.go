package notice

import (
	"strings"
	"testing"
)

// TestCheckUDIDI checks UDI-DIs of each issuing entity: real numbers from the
// entities' own examples, and the same numbers with one character changed.
func TestCheckUDIDI(t *testing.T) {
	tests := []struct {
		di   string
		want string // "" for a valid UDI-DI, else part of the message
	}{
		// GS1: EAN-13 and UPC-A examples, as GTIN-13, GTIN-12 and GTIN-14
		{"4006381333931", ""},
		{"04006381333931", ""},
		{"(01)04006381333931", ""},
		{"5901234123457", ""},
		{"036000291452", ""},
		{"96385074", ""}, // GTIN-8
		{"04006381333932", "the check digit is 2, but 0400638133393 needs 1: write 04006381333931"},
		{"5901234123458", "needs 7"},
		{"036000291453", "needs 2"},
		{"0400638133393", "needs 0"}, // a digit left out: checked as a GTIN-13
		{"040063813339311", "has 15 digits"},
		{"4006381 333931", "in no issuing entity's form"},
		// HIBCC: the HIBC LIC primary data example
		{"+A123BJC5D6E71G", ""},
		{"+A123BJC5D6E71H", `the check character is 'H', but +A123BJC5D6E71 needs 'G' (mod 43)`},
		{"+A123BJC5D6E7XG", "not in the HIBC form"},
		{"+1123BJC5D6E71G", "not in the HIBC form"}, // the labeler code begins with a letter
		{"+", "too short"},
		// ICCBBA: ISBT 128 product code and processor product identification code
		{"=<E0001V00", ""},
		{"=/A9999XYZ100", ""},
		{"=<E001V00", "neither ISBT 128 form"},
		{"=A9999XYZ100", "neither ISBT 128 form"},
		// IFA: a PPN of a PZN, with its mod-97 check digits
		{"110375286414", ""},
		{"110375286415", "needs 8"}, // neither a GTIN-12 nor a PPN
	}
	for _, tt := range tests {
		got := CheckUDIDI(tt.di)
		switch {
		case tt.want == "" && got != "":
			t.Errorf("CheckUDIDI(%q) = %q, want it accepted", tt.di, got)
		case tt.want != "" && !strings.Contains(got, tt.want):
			t.Errorf("CheckUDIDI(%q) = %q, want it to say %q", tt.di, got, tt.want)
		}
	}
}
