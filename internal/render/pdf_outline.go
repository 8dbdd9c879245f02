package render

import (
	"bytes"
	"errors"
	"slices"
	"unicode/utf16"
)

// gofpdfUTF16Title is how gofpdf starts the title of an outline item when the
// current font is a UTF-8 one, as every font of the writer is: a literal
// string of UTF-16BE with a byte-order mark.
const gofpdfUTF16Title = "/Title (\xFE\xFF"

// encodeOutlineTitles writes the title of each outline item as pdfString
// does: in PDFDocEncoding, one byte a character, when the text allows it,
// instead of the UTF-16 gofpdf writes for every title (ISO 32000-1, 7.9.2.2:
// a text string may be either).
func (f *pdfFile) encodeOutlineTitles() error {
	outlines := f.ref(f.root, "Outlines")
	if outlines == 0 {
		return nil
	}
	items := []int{f.ref(outlines, "First")}
	for seen := 0; len(items) > 0; seen++ {
		n := items[len(items)-1]
		items = items[:len(items)-1]
		if n == 0 {
			continue
		}
		o := f.objects[n]
		if o == nil || seen > len(f.objects) {
			return errors.New("render: the outline from gofpdf loops or refers to a missing object")
		}
		items = append(items, f.ref(n, "Next"), f.ref(n, "First"))
		at := bytes.Index(o.value, []byte(gofpdfUTF16Title))
		if at < 0 {
			continue
		}
		start := at + len("/Title ")
		title, end, ok := gofpdfUTF16(o.value[start:])
		if !ok {
			return errGofpdfLayout
		}
		o.value = slices.Concat(o.value[:start], []byte(pdfString(title)), o.value[start+end:])
	}
	return nil
}

// gofpdfUTF16 reads the literal string of UTF-16BE, with its byte-order mark,
// at the start of b, as gofpdf escapes it (a backslash before \, ( and ), and
// \r for a carriage return), and returns its text and its length in b.
func gofpdfUTF16(b []byte) (text string, n int, ok bool) {
	var raw []byte
	for i := len("(\xFE\xFF"); i < len(b); i++ {
		switch c := b[i]; c {
		case ')':
			if len(raw)%2 != 0 {
				return "", 0, false
			}
			units := make([]uint16, len(raw)/2)
			for k := range units {
				units[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
			}
			return string(utf16.Decode(units)), i + 1, true
		case '\\':
			i++
			if i == len(b) {
				return "", 0, false
			}
			switch b[i] {
			case 'r':
				raw = append(raw, '\r')
			case '\\', '(', ')':
				raw = append(raw, b[i])
			default:
				return "", 0, false
			}
		default:
			raw = append(raw, c)
		}
	}
	return "", 0, false
}
