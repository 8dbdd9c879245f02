package notice

import (
	"fmt"
	"regexp"
	"strings"
)

// CheckUDIDI checks a UDI device identifier by the rules of the issuing
// entity whose form it has, and returns what is wrong with it and what to
// write instead, or "" when it is right:
//
//   - GS1: a GTIN of 8, 12, 13 or 14 digits (GTIN-14 in the EUDAMED form), whose
//     last digit is the mod-10 check digit; "(01)" before it is the GS1
//     application identifier and is left out;
//   - HIBCC: "+", the labeler identification code (a letter and three letters or
//     digits), the product or catalogue number (1 to 18 letters or digits), the
//     unit of measure (a digit) and the mod-43 check character;
//   - ICCBBA: an ISBT 128 product code, "=<" and eight characters (a letter,
//     four digits, three letters or digits), or a processor product
//     identification code, "=/" followed by the facility identification number
//     (a letter and four letters or digits) and the six-character product code;
//   - IFA: a PPN of 12 digits that is no valid GTIN-12 is taken as IFA's, its
//     last two digits the mod-97 check of the ten before.
func CheckUDIDI(di string) string {
	switch {
	case di == "":
		return "the UDI-DI is empty; write it or leave the field out"
	case strings.HasPrefix(di, "+"):
		return checkHIBCC(di)
	case strings.HasPrefix(di, "="):
		return checkICCBBA(di)
	}
	digits := strings.TrimPrefix(di, "(01)")
	if !allDigits(digits) {
		return fmt.Sprintf("UDI-DI %q is in no issuing entity's form: a GS1 GTIN is 8, 12, 13 or 14 digits, a HIBCC one begins with \"+\", an ICCBBA (ISBT 128) one with \"=\"", di)
	}
	switch len(digits) {
	case 8, 12, 13, 14:
	default:
		return fmt.Sprintf("UDI-DI %q has %d digits; a GS1 GTIN has 8, 12, 13 or 14 (GTIN-14, such as 04012345678901)", di, len(digits))
	}
	want := gtinCheckDigit(digits[:len(digits)-1])
	if got := digits[len(digits)-1]; got != want {
		if len(digits) == 12 && ppnValid(digits) {
			return "" // an IFA PPN
		}
		return fmt.Sprintf("UDI-DI %s (GS1 GTIN-%d): the check digit is %c, but %s needs %c: write %s%c, or check the number on the label",
			di, len(digits), got, digits[:len(digits)-1], want, strings.TrimSuffix(di, string(got)), want)
	}
	return ""
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// gtinCheckDigit is the GS1 mod-10 check digit of the digits before it:
// weights 3 and 1 alternate from the right.
func gtinCheckDigit(body string) byte {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// hibcChars are the characters of HIBC in the order of their mod-43 values.
const hibcChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%"

var hibccForm = regexp.MustCompile(`^\+[A-Z][A-Z0-9]{3}[A-Z0-9]{1,18}[0-9]$`)

func checkHIBCC(di string) string {
	if len(di) < 2 {
		return fmt.Sprintf("HIBCC UDI-DI %q is too short; it is \"+\", the labeler code, the product number, the unit of measure and the check character, such as +A123BJC5D6E71G", di)
	}
	body, got := di[:len(di)-1], di[len(di)-1]
	if !hibccForm.MatchString(body) || strings.IndexByte(hibcChars, got) < 0 {
		return fmt.Sprintf("HIBCC UDI-DI %q is not in the HIBC form: \"+\", the labeler identification code (a letter and three letters or digits), the product or catalogue number (1 to 18 capital letters or digits), the unit of measure (a digit) and the check character, such as +A123BJC5D6E71G", di)
	}
	sum := 0
	for i := range len(body) {
		sum += strings.IndexByte(hibcChars, body[i])
	}
	if want := hibcChars[sum%43]; got != want {
		return fmt.Sprintf("UDI-DI %s (HIBCC): the check character is %q, but %s needs %q (mod 43): write %s%c, or check the number on the label",
			di, got, body, want, body, want)
	}
	return ""
}

var (
	isbtProductCode = regexp.MustCompile(`^=<[A-Z][0-9]{4}[A-Z0-9]{3}$`)
	isbtPPIC        = regexp.MustCompile(`^=/[A-Z][A-Z0-9]{4}[A-Z0-9]{6}$`)
)

func checkICCBBA(di string) string {
	if isbtProductCode.MatchString(di) || isbtPPIC.MatchString(di) {
		return ""
	}
	return fmt.Sprintf("ICCBBA UDI-DI %q is in neither ISBT 128 form: a product code is \"=<\" and eight characters, such as =<E0001V00; a processor product identification code is \"=/\", the facility identification number and the product code, such as =/A9999XYZ100", di)
}

// ppnValid says whether a PPN (IFA) has the right check digits: the sum of
// each character's code times its position counted from 2, mod 97.
func ppnValid(ppn string) bool {
	body := ppn[:len(ppn)-2]
	sum := 0
	for i := range len(body) {
		sum += int(body[i]) * (i + 2)
	}
	return fmt.Sprintf("%02d", sum%97) == ppn[len(ppn)-2:]
}
