package render

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// wideTable is a devices table of twelve columns, as a hardware notice that
// fills every field of the EU FSN template writes it, with empty cells.
const wideTable = "# Devices\n\nThe following 3 medical devices are affected:\n\n" +
	"| Device | Device type | Version | Condition | Intended purpose | UDI-DI | Model | Catalogue number | Part number | Lots | Serial numbers | Affected units |\n" +
	"|---|---|---|---|---|---|---|---|---|---|---|---|\n" +
	"| Infusia IP-7 | Volumetric infusion pump | 3.2.1 | when fitted with a BP-7 battery pack of an affected lot | Controlled intravenous infusion of fluids, drugs and blood products | 04260123450014 | IP-7 | 700-1000 |  |  | IP7-24-00001 to IP7-25-18250 | 18,250 |\n" +
	"| BP-7 | Rechargeable lithium-ion battery pack |  |  | Power supply of the pump during transport and when mains power fails | +E123BP722001N |  |  | BP7-2200 | L2408 to L2431, L2502 |  | 21,400 |\n" +
	"| BC-7 | Docking charger | 1.0.4 |  | Charging of the BP-7 battery pack | 04260123450038 | BC-7 | 700-1200 | BC7-0100 | L2410 | BC7-24-00001 to BC7-25-02000 | 2,000 |\n\n" +
	"End of the list.\n"

// TestPDFWideTableStacked sets a twelve-column devices table: too wide for
// the page, it is laid out as one block per device, each value on a line
// beside its column's header. pdftotext reads each block's rows in order,
// every identifier whole; no word leaves the text area or overlaps another;
// and the structure tree still holds the table as it is: a header row of
// twelve TH elements and a TR of twelve TD elements per device.
func TestPDFWideTableStacked(t *testing.T) {
	pdftotext := fsntest.Tool(t, "pdftotext", "poppler-utils")
	pdfinfo := fsntest.Tool(t, "pdfinfo", "poppler-utils")
	b, err := PDF(Parse([]byte(wideTable)), testMeta("en", "Devices", "Page %d of %d"), nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "wide.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if *pdfOut != "" {
		os.WriteFile(filepath.Join(*pdfOut, "wide-table.pdf"), b, 0o644)
	}

	out, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = oneLine(l); l != "" {
			lines = append(lines, l)
		}
	}
	want := []string{
		"The following 3 medical devices are affected:",
		"Device Infusia IP-7", "Device type Volumetric infusion pump", "Version 3.2.1",
		"Condition when fitted with a BP-7 battery pack of an affected lot",
		"Intended purpose Controlled intravenous infusion of fluids, drugs and blood products",
		"UDI-DI 04260123450014", "Model IP-7", "Catalogue number 700-1000",
		"Serial numbers IP7-24-00001 to IP7-25-18250", "Affected units 18,250",
		"Device BP-7", "Device type Rechargeable lithium-ion battery pack",
		"Intended purpose Power supply of the pump during transport and when mains power fails",
		"UDI-DI +E123BP722001N", "Part number BP7-2200", "Lots L2408 to L2431, L2502", "Affected units 21,400",
		"Device BC-7", "Device type Docking charger", "Version 1.0.4", "Intended purpose Charging of the BP-7 battery pack",
		"UDI-DI 04260123450038", "Model BC-7", "Catalogue number 700-1200", "Part number BC7-0100", "Lots L2410",
		"Serial numbers BC7-24-00001 to BC7-25-02000", "Affected units 2,000",
		"End of the list.",
	}
	at := 0
	for _, w := range want {
		i := at
		for i < len(lines) && lines[i] != w {
			i++
		}
		if i == len(lines) {
			t.Errorf("pdftotext does not read the line %q after line %d, %q:\n%s", w, at, lines[max(at-1, 0)], strings.Join(lines, "\n"))
			continue
		}
		at = i + 1
	}

	checkWordsInside(t, pdftotext, file)

	tree, err := exec.Command(pdfinfo, "-struct-text", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	var cells []string // TR, TH and TD, in the tree's order
	for _, l := range strings.Split(string(tree), "\n") {
		if f := strings.Fields(strings.TrimSuffix(strings.TrimSpace(l), ":")); len(f) == 1 && (f[0] == "TR" || f[0] == "TH" || f[0] == "TD") {
			cells = append(cells, f[0])
		}
	}
	row := func(cell string) string { return "TR" + strings.Repeat(" "+cell, 12) }
	wantTree := strings.Join([]string{row("TH"), row("TD"), row("TD"), row("TD")}, " ")
	if got := strings.Join(cells, " "); got != wantTree {
		t.Errorf("the structure tree's table is\n%s\nwant\n%s", got, wantTree)
	}
	if !strings.Contains(string(tree), "/Scope /Column") {
		t.Error("the header cells have no /Scope /Column")
	}
}

var bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// checkWordsInside reads the box of every word of the PDF with pdftotext
// -bbox: each lies inside the page's margins (a word clipped at a cell's or
// the page's edge would not), and no two words of a page overlap.
func checkWordsInside(t *testing.T, pdftotext, file string) {
	t.Helper()
	out, err := exec.Command(pdftotext, "-bbox", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	th := mustTheme(t, DefaultPDFStyle())
	left, right := th.Margins.Left/ptToMM-1, (pageWidth-th.Margins.Right)/ptToMM+1
	for p, page := range strings.Split(string(out), "<page ")[1:] {
		type box struct {
			x0, y0, x1, y1 float64
			text           string
		}
		var boxes []box
		for _, m := range bboxWord.FindAllStringSubmatch(page, -1) {
			var v [4]float64
			for i := range v {
				v[i], _ = strconv.ParseFloat(m[i+1], 64)
			}
			b := box{v[0], v[1], v[2], v[3], m[5]}
			if b.x0 < left || b.x1 > right {
				t.Errorf("page %d: the word %q (x %.1f to %.1f pt) leaves the text area (%.1f to %.1f pt)", p+1, b.text, b.x0, b.x1, left, right)
			}
			for _, o := range boxes {
				// 0.5 pt of tolerance: the boxes of neighbouring glyphs may touch
				if b.x0 < o.x1-0.5 && o.x0 < b.x1-0.5 && b.y0 < o.y1-0.5 && o.y0 < b.y1-0.5 {
					t.Errorf("page %d: the words %q and %q overlap", p+1, o.text, b.text)
				}
			}
			boxes = append(boxes, b)
		}
	}
}
