package render

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"

	"github.com/fsn-tool/fsn/internal/project"
)

// testOp is an operator of a content stream, with the dictionary operand
// before it (as the property list of BDC is) and its numeric operands.
type testOp struct {
	op   string
	dict string
	nums []float64
}

// contentOperators returns the operators of a content stream in order;
// strings, arrays and names are skipped.
func contentOperators(t *testing.T, b []byte) []testOp {
	t.Helper()
	var ops []testOp
	var cur testOp
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '(': // a literal string, with balanced parentheses and escapes
			depth := 0
			for ; i < len(b); i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
				if depth == 0 {
					break
				}
			}
			i++
		case c == '<' && i+1 < len(b) && b[i+1] == '<':
			end := bytes.Index(b[i:], []byte(">>"))
			if end < 0 {
				t.Fatalf("unterminated dictionary at byte %d", i)
			}
			cur.dict, i = string(b[i:i+end+2]), i+end+2
		case c == '<':
			i += bytes.IndexByte(b[i:], '>') + 1
		case c == '[' || c == ']':
			i++
		default:
			j := i + 1
			for j < len(b) && !strings.ContainsRune(" \n\r\t\f\x00()<>[]/%", rune(b[j])) {
				j++
			}
			tok := string(b[i:j])
			switch {
			case c == '/':
			case strings.ContainsRune("+-.0123456789", rune(c)):
				if n, err := strconv.ParseFloat(tok, 64); err == nil {
					cur.nums = append(cur.nums, n)
				}
			default:
				cur.op = tok
				ops, cur = append(ops, cur), testOp{}
			}
			i = j
		}
	}
	return ops
}

// elementMCIDs returns the MCIDs that element e has on the page whose
// /StructParents is page.
func elementMCIDs(e pdf.Value, page int64) []int64 {
	k := e.Key("K")
	kids := []pdf.Value{k}
	if k.Kind() == pdf.Array {
		kids = nil
		for i := range k.Len() {
			kids = append(kids, k.Index(i))
		}
	}
	var ids []int64
	for _, kid := range kids {
		switch {
		case kid.Kind() == pdf.Integer && e.Key("Pg").Key("StructParents").Int64() == page:
			ids = append(ids, kid.Int64())
		case kid.Key("Type").Name() == "MCR" && kid.Key("Pg").Key("StructParents").Int64() == page:
			ids = append(ids, kid.Key("MCID").Int64())
		}
	}
	return ids
}

// TestMarkedContent checks the marked content of every page of the English
// test notice, with a figure, a reply form, a signature block and the
// warning banner, and with and without a logo in the running header (on the
// first page a Figure, after it an artifact): every operator that paints is in a marked-content
// sequence, tagged or an artifact, and no sequence is in another; marked
// content nests properly with text objects and q/Q (ISO 32000-1, 14.6); the
// MCIDs of a page come in order, each with the element the parent tree names
// for it holding it; and no two sequences in a row belong to one element, so
// that the lines of a paragraph and the runs of a line share one.
func TestMarkedContent(t *testing.T) {
	meta := archivalMeta()
	meta.Warning = "Signed with the development certificate: not for distribution."
	meta.Signature = &SignatureBlock{Caption: "Digitally signed", Name: "Dr. Arpad Bischof", Role: "Medical Device Safety Officer", Date: "6 November 2017"}
	logo := DefaultPDFStyle()
	logo.Logo, logo.Dir = PDFLogo{File: "label.png", Width: 25}, project.Dir{Path: "testdata"}
	for _, tt := range []struct {
		name  string
		style *PDFStyle
	}{{"no logo", nil}, {"logo", logo}} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := PDF(figureDocument(t, "notice.md"), meta, tt.style)
			if err != nil {
				t.Fatal(err)
			}
			checkMarkedContent(t, b)
		})
	}
}

// checkMarkedContent makes the checks of TestMarkedContent on a PDF.
func checkMarkedContent(t *testing.T, b []byte) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	nums := r.Trailer().Key("Root").Key("StructTreeRoot").Key("ParentTree").Key("Nums")
	parents := map[int64]pdf.Value{}
	for i := 0; i+1 < nums.Len(); i += 2 {
		parents[nums.Index(i).Int64()] = nums.Index(i + 1)
	}
	paints := []string{"Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh"}
	sequences := 0
	for p := 1; p <= r.NumPage(); p++ {
		page := r.Page(p).V
		key := page.Key("StructParents").Int64()
		ops := contentOperators(t, streamData(t, page.Key("Contents")))
		var stack []string // "BT", "q", "MC" (an artifact) or "MCID"
		var mcids []int64
		for i, o := range ops {
			op := o.op
			where := fmt.Sprintf("page %d, operator %d (%s)", p, i+1, op)
			switch op {
			case "BT", "q":
				stack = append(stack, op)
			case "ET", "Q":
				open := map[string]string{"ET": "BT", "Q": "q"}[op]
				if len(stack) == 0 || stack[len(stack)-1] != open {
					t.Fatalf("%s closes %s, but the innermost open one is %q", where, open, stack)
				}
				stack = stack[:len(stack)-1]
			case "BMC", "BDC":
				if slices.Contains(stack, "MC") || slices.Contains(stack, "MCID") {
					t.Fatalf("%s begins marked content inside marked content", where)
				}
				kind := "MC"
				if strings.Contains(o.dict, "/MCID") {
					kind = "MCID"
					var id int64
					if _, err := fmt.Sscanf(o.dict[strings.Index(o.dict, "/MCID"):], "/MCID %d", &id); err != nil {
						t.Fatalf("%s: %q: %v", where, o.dict, err)
					}
					mcids = append(mcids, id)
					sequences++
				}
				stack = append(stack, kind)
			case "EMC":
				if len(stack) == 0 || stack[len(stack)-1] != "MC" && stack[len(stack)-1] != "MCID" {
					t.Fatalf("%s ends marked content, but the innermost open one is %q", where, stack)
				}
				stack = stack[:len(stack)-1]
			default:
				if slices.Contains(paints, op) && !slices.Contains(stack, "MC") && !slices.Contains(stack, "MCID") {
					t.Errorf("%s paints outside marked content", where)
				}
			}
		}
		if len(stack) > 0 {
			t.Errorf("page %d ends with %q open", p, stack)
		}
		elems := parents[key]
		if elems.Len() != len(mcids) {
			t.Errorf("page %d has %d MCIDs, its parent-tree array %d elements", p, len(mcids), elems.Len())
			continue
		}
		for i, id := range mcids {
			if id != int64(i) {
				t.Errorf("page %d: sequence %d has MCID %d", p, i+1, id)
				continue
			}
			held := elementMCIDs(elems.Index(i), key)
			if !slices.Contains(held, id) {
				t.Errorf("page %d: the parent tree gives MCID %d to a %s that does not hold it", p, id, elems.Index(i).Key("S").Name())
			}
			if slices.Contains(held, id+1) {
				t.Errorf("page %d: MCIDs %d and %d are both of one %s element; they should be one sequence", p, id, id+1, elems.Index(i).Key("S").Name())
			}
		}
	}
	if sequences == 0 {
		t.Fatal("no tagged marked content")
	}
}

// TestLinkContents checks the /Contents of links whose text wraps onto a
// second line: it is the link's text with single spaces, the one at the end
// of the first line included, for a link to a heading and for a web link.
func TestLinkContents(t *testing.T) {
	words := "see the steps that every operator of an installation must carry out on each server before the end of the month, in the order given here"
	md := "# Title\n\nFirst [" + words + "](#steps) and then [" + words + "](https://example.com/).\n\n## Steps {#steps}\n\nText.\n"
	b, err := PDF(Parse([]byte(md)), testMeta("en", "T", "%d/%d"), nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{words: true, words + " (https://example.com/)": true}
	got := map[string]int{}
	for _, a := range annotations(r) {
		got[a.Key("Contents").Text()]++
	}
	for text, n := range got {
		if !want[text] || n < 2 {
			t.Errorf("%d link annotations with /Contents %q; want two (one for each line) for each of %v", n, text, want)
		}
	}
	if len(got) != len(want) {
		t.Errorf("link descriptions %v, want %v", got, want)
	}
}

// TestLinkDescription checks the /Contents of a web or e-mail link: the text
// of a link broken across lines, with the space its first line ends with,
// reads as one line, with the address when the text does not show it.
func TestLinkDescription(t *testing.T) {
	for _, tt := range []struct{ text, uri, want string }{
		{"Sales Partner \nLogin Area", "https://www.image-systems.biz/", "Sales Partner Login Area (https://www.image-systems.biz/)"},
		{"support@image-systems.biz ", "mailto:support@image-systems.biz", "support@image-systems.biz"},
	} {
		a := &pdfAnnot{uri: tt.uri, elem: &structElem{text: tt.text}}
		if got := linkDescription(a); got != tt.want {
			t.Errorf("linkDescription(%q, %q) = %q, want %q", tt.text, tt.uri, got, tt.want)
		}
	}
}

// TestTableGrid renders a table that runs over three pages: on each page its
// grid is one artifact after the cells' text (checkMarkedContent), with a
// border for every cell of the rows on that page, the repeated header row's
// included, and no border drawn twice or on another page than its row's.
func TestTableGrid(t *testing.T) {
	const rows = 120
	var md strings.Builder
	md.WriteString("# Devices\n\n| Device | Lot | Serial numbers |\n|---|---|---|\n")
	for i := range rows {
		fmt.Fprintf(&md, "| iQ-WEB %d | L%04d | %d to %d |\n", i, i, 1000*i, 1000*i+999)
	}
	b, err := PDF(Parse([]byte(md.String())), testMeta("en", "T", "%d/%d"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkMarkedContent(t, b)
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if r.NumPage() < 3 {
		t.Fatalf("%d pages, want the table to run over three", r.NumPage())
	}
	th := mustTheme(t, DefaultPDFStyle())
	top, bottom := (pageHeight-th.Margins.Top)/ptToMM, th.Margins.Bottom/ptToMM
	borders := 0
	for p := 1; p <= r.NumPage(); p++ {
		var pending, stroked [][]float64 // x, y, width, height in points, height negative as gofpdf writes it
		for _, o := range contentOperators(t, streamData(t, r.Page(p).V.Key("Contents"))) {
			switch o.op {
			case "re":
				pending = append(pending, o.nums[len(o.nums)-4:])
			case "S":
				stroked, pending = append(stroked, pending...), nil
			case "f", "F", "n":
				pending = nil
			}
		}
		for i, a := range stroked {
			if a[1] > top+1 || a[1]+a[3] < bottom-1 {
				t.Errorf("page %d: a border at y %.2f to %.2f, outside the text area", p, a[1]+a[3], a[1])
			}
			for _, c := range stroked[i+1:] {
				overX := min(a[0]+a[2], c[0]+c[2]) - max(a[0], c[0])
				overY := min(a[1], c[1]) - max(a[1]+a[3], c[1]+c[3])
				if overX > 0.01 && overY > 0.01 {
					t.Errorf("page %d: borders %v and %v overlap", p, a, c)
				}
			}
		}
		borders += len(stroked)
	}
	if want := 3 * (rows + r.NumPage()); borders != want {
		t.Errorf("%d cell borders, want %d: 3 for each of the %d rows and each page's header row", borders, want, rows)
	}
}
