package render

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/fsn-tool/fsn/internal/project"
)

var pdfOut = flag.String("pdfout", "", "also write the PDFs of the tests to this folder, to look at them")

// testMeta returns the metadata of a test edition whose footer reads label, as in "Page %d of %d".
func testMeta(lang, title, label string) PDFMeta {
	return PDFMeta{
		Lang:     lang,
		Title:    title,
		Subject:  "Running antivirus and Windows updates on iQ-WEBX servers – “iQ-X” 2.2.0",
		Author:   "IMAGE Information Systems Europe GmbH",
		Keywords: "FSN, IIS-FSN-2017-11, iQ-WEBX",
		Creator:  "fsn test",
		Header:   title + " · IIS-FSN-2017-11",
		Date:     time.Date(2017, 11, 6, 0, 0, 0, 0, time.UTC),
		PageLabel: func(page, pages int) (string, error) {
			return fmt.Sprintf(label, page, pages), nil
		},
	}
}

// renderPDF renders a file of testdata.
func renderPDF(t testing.TB, file string, meta PDFMeta, style *PDFStyle) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	b, err := PDF(Parse(src), meta, style)
	if err != nil {
		t.Fatalf("PDF(%s): %v", file, err)
	}
	if *pdfOut != "" {
		name := strings.TrimSuffix(file, ".md") + ".pdf"
		if err := os.WriteFile(filepath.Join(*pdfOut, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

// readPDF opens a PDF with github.com/ledongthuc/pdf and returns the text of each page.
func readPDF(t *testing.T, b []byte) (*pdf.Reader, []string) {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("reading the PDF back: %v", err)
	}
	pages := make([]string, r.NumPage())
	for i := range pages {
		text, err := r.Page(i + 1).GetPlainText(nil)
		if err != nil {
			t.Fatalf("text of page %d: %v", i+1, err)
		}
		pages[i] = text
	}
	return r, pages
}

// squeeze drops white space: an extractor puts line breaks where runs of text
// meet, so text is compared without it.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// oneLine collapses white space into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPDF(t *testing.T) {
	tests := []struct {
		file      string
		meta      PDFMeta
		inOrder   []string // texts that must appear in this order
		replyForm []string // on the last page, which starts with the first of them
		bookmarks []string // h1, then the h2 under it
		links     []string
	}{
		{
			file: "notice.md",
			meta: testMeta("en", "Urgent Field Safety Notice", "Page %d of %d"),
			inOrder: []string{
				"Urgent Field Safety Notice",
				"Running antivirus and Windows updates on iQ-WEBX servers concerning iQ-X 2.2.0 (with a valid software licence)",
				"Date: 6 November 2017", "Reference: IIS-FSN-2017-11",
				"• All operators of iQ-WEBX installations", "• All resellers who distribute",
				// the devices table, row by row
				"Device", "Version", "Condition",
				"iQ-X", "2.2.0", "with a valid software licence",
				"iQ-WEB", "≤ 6.4.5", "if used together with an iQ-X 2.2.0 licence",
				"iQ-4VIEW", "≤ 2.0", "if used together with an iQ-X 2.2.0 licence",
				"Since calendar week 37 (11–17 September)", "Trojan:Win32/Rundas.B", "Artemis",
				"DICOM communication is not affected",
				// the steps for operators
				"For operators",
				"1. Update your iQ-WEBX server.",
				"2. Restart the server and then run an antivirus scan.",
				"3. Check the antivirus program for warnings that threats were found.",
				"4. Log in to iQ-WEB and make sure that you can use the web interface, iQ-X and iQ-4VIEW.",
				"For resellers", "have them carry out steps 1 to 4 above",
				"Deadline: as soon as possible, at the latest by 30 November 2017.",
				// troubleshooting, with the two notes of step 7
				"1. On the server, go to the iQ-WEBX installation directory, usually C:\\Program Files\\iQ-WEBX.",
				"2. Open the subfolder PACS and then php.",
				"3. Look for the file LicGen.exe.",
				"4. If the file is not there, check the logs of the antivirus program",
				"5. If so, first try to update the virus definitions.",
				"6. Then move LicGen.exe from the quarantine folder back to the installation directory, C:\\Program Files\\iQ-WEBX\\PACS\\php\\, and run an antivirus scan.",
				"7. If LicGen.exe was deleted from the system completely, it must be restored.",
				"For operators: Contact your local reseller or contact us directly at support@image-systems.biz to obtain a copy of the file.",
				"For resellers: If iQ-X 2.2.0.6 is installed, you can download the file from the Sales Partner Login Area.",
				"8. Copy the file to <your iQ-WEBX installation directory>\\PACS\\php\\.",
				"9. The program should work at once",
				"Alternatively, you can add the file",
				"Actions taken by the manufacturer", "Transmission of this notice",
				"Phone: +49 381 4 96 58 20", "E-mail: support@image-systems.biz",
				"Signed: Dr. Arpad Bischof, Medical Device Safety Officer",
			},
			replyForm: []string{
				"Customer reply form",
				"I have received and read this field safety notice.",
				"I have carried out the actions it asks of operators.",
				"I have passed this notice on",
				"Field", "Entry", "Organisation", "Name", "Role", "Phone", "E-mail", "Date", "Signature",
				"Return to: support@image-systems.biz",
			},
			bookmarks: []string{"Urgent Field Safety Notice", "Sender", "Recipients", "Affected devices",
				"Description of the problem", "Actions to be taken by the user", "Actions taken by the manufacturer",
				"Transmission of this notice", "Contact person", "Customer reply form"},
			links: []string{"mailto:support@image-systems.biz", "https://www.image-systems.biz/partner/login"},
		},
		{
			file: "notice.el.md",
			meta: testMeta("el", "Επείγουσα ειδοποίηση ασφάλειας πεδίου", "Σελίδα %d από %d"),
			inOrder: []string{
				"Επείγουσα ειδοποίηση ασφάλειας πεδίου",
				"Ημερομηνία: 6 Νοεμβρίου 2017",
				"1. Ενημερώστε τον διακομιστή iQ-WEBX.",
				"2. Επανεκκινήστε τον διακομιστή και εκτελέστε σάρωση για ιούς.",
				"Για τους χειριστές: Επικοινωνήστε μαζί μας στο support@image-systems.biz.",
				"3. Συνδεθείτε στο iQ-WEB",
			},
			replyForm: []string{"Έντυπο απάντησης πελάτη", "Παρέλαβα και διάβασα", "Πεδίο", "Καταχώριση", "Όνομα", "Υπογραφή"},
			bookmarks: []string{"Επείγουσα ειδοποίηση ασφάλειας πεδίου", "Ενέργειες που πρέπει να γίνουν από τον χρήστη", "Έντυπο απάντησης πελάτη"},
			links:     []string{"mailto:support@image-systems.biz"},
		},
		{
			file: "notice.ru.md",
			meta: testMeta("ru", "Срочное уведомление о безопасности", "Страница %d из %d"),
			inOrder: []string{
				"Срочное уведомление о безопасности",
				"Дата: 6 ноября 2017 г.",
				"1. Обновите сервер iQ-WEBX.",
				"2. Перезапустите сервер и выполните антивирусную проверку.",
				"Для операторов: Свяжитесь с нами по адресу support@image-systems.biz.",
				"3. Войдите в iQ-WEB и убедитесь, что вход работает.",
			},
			replyForm: []string{"Форма ответа клиента", "Я получил и прочитал это уведомление.", "Поле", "Запись", "Имя", "Подпись"},
			bookmarks: []string{"Срочное уведомление о безопасности", "Действия пользователя", "Форма ответа клиента"},
			links:     []string{"mailto:support@image-systems.biz"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b := renderPDF(t, tt.file, tt.meta, nil)
			t.Logf("%s: %d bytes", tt.file, len(b))
			if len(b) > 100_000 {
				t.Errorf("the PDF has %d bytes; it should stay under 100 kB", len(b))
			}
			r, pages := readPDF(t, b)
			n := len(pages)

			all := squeeze(strings.Join(pages, " "))
			at := 0
			for _, want := range tt.inOrder {
				i := strings.Index(all[at:], squeeze(want))
				if i < 0 {
					t.Errorf("missing, or out of order after %q: %q", all[max(0, at-40):at], want)
					continue
				}
				at += i + len(squeeze(want))
			}

			for p, text := range pages {
				if label, _ := tt.meta.PageLabel(p+1, n); !strings.Contains(oneLine(text), label) {
					t.Errorf("page %d has no footer %q", p+1, label)
				}
				if !strings.Contains(oneLine(text), oneLine(tt.meta.Header)) {
					t.Errorf("page %d has no running header %q", p+1, tt.meta.Header)
				}
				if p < n-1 && strings.Contains(squeeze(text), squeeze(tt.replyForm[0])) {
					t.Errorf("page %d of %d holds the reply form heading; the form must be on a page of its own", p+1, n)
				}
			}
			last := squeeze(pages[n-1])
			if !strings.HasPrefix(last, squeeze(tt.replyForm[0])) {
				t.Errorf("the last page does not start with the reply form: %.80q", last)
			}
			for _, want := range tt.replyForm {
				if !strings.Contains(last, squeeze(want)) {
					t.Errorf("the reply form page lacks %q", want)
				}
			}

			info := r.Trailer().Key("Info")
			for key, want := range map[string]string{
				"Title": tt.meta.Title, "Subject": tt.meta.Subject, "Author": tt.meta.Author,
				"Keywords": tt.meta.Keywords, "Creator": tt.meta.Creator,
				"CreationDate": "D:20171106000000Z", "ModDate": "D:20171106000000Z", // UTC, as the XMP says
			} {
				if got := info.Key(key).Text(); got != want {
					t.Errorf("Info /%s = %q, want %q", key, got, want)
				}
			}
			if got := r.Trailer().Key("Root").Key("Lang").Text(); got != tt.meta.Lang {
				t.Errorf("catalog /Lang = %q, want %q", got, tt.meta.Lang)
			}

			var marks []string
			for _, top := range r.Outline().Child {
				marks = append(marks, top.Title)
				for _, c := range top.Child {
					marks = append(marks, c.Title)
				}
			}
			if !slices.Equal(marks, tt.bookmarks) {
				t.Errorf("bookmarks:\n got %q\nwant %q", marks, tt.bookmarks)
			}

			var uris []string
			for p := 1; p <= n; p++ {
				annots := r.Page(p).V.Key("Annots")
				for i := range annots.Len() {
					uris = append(uris, annots.Index(i).Key("A").Key("URI").RawString())
				}
			}
			for _, want := range tt.links {
				if !slices.Contains(uris, want) {
					t.Errorf("no link to %q; links: %q", want, uris)
				}
			}

			if again := renderPDF(t, tt.file, tt.meta, nil); !bytes.Equal(b, again) {
				t.Error("two renderings of the same input differ")
			}
		})
	}
}

func TestPDFErrors(t *testing.T) {
	ok := testMeta("en", "Notice", "Page %d of %d")
	badColour := DefaultPDFStyle()
	badColour.Colors.Link = "blue"
	tests := []struct {
		name  string
		md    string
		meta  func(*PDFMeta)
		style *PDFStyle
		want  string
	}{
		{"no date", "# T", func(m *PDFMeta) { m.Date = time.Time{} }, nil, "Date is zero"},
		{"no page label", "# T", func(m *PDFMeta) { m.PageLabel = nil }, nil, "PageLabel is nil"},
		{"bad language", "# T", func(m *PDFMeta) { m.Lang = "english!" }, nil, `language "english!"`},
		{"page label fails", "# T", func(m *PDFMeta) {
			m.PageLabel = func(int, int) (string, error) { return "", fmt.Errorf("no label") }
		}, nil, "page label of page 1 of 1: no label"},
		{"character without glyph", "# T\n\nText\n\n中文", nil, nil, `line 5 of the Markdown edition: the font Liberation Sans has no character '中' (U+4E2D)`},
		{"emoji", "# T\n\nText 😀 **bold**\n\n- item 🙂\n", nil, nil, `line 3 of the Markdown edition: the character '😀' (U+1F600) is outside the Basic Multilingual Plane`},
		{"emoji in a table", "# T\n\n| a | b |\n|---|---|\n| 🙂 | x |\n", nil, nil, `(U+1F642) is outside the Basic Multilingual Plane`},
		{"not UTF-8", "# T\n\nText \xff\n", nil, nil, `is not UTF-8`},
		{"invisible characters", "# T\n\nZero\u200bwidth \u200fmark\n\n中", nil, nil, `line 5 of the Markdown edition: the font Liberation Sans has no character '中'`},
		{"raw HTML", "# T\n\n<div>x</div>\n", nil, nil, "line 3 of the Markdown edition: a HTMLBlock cannot be written"},
		{"figure not the notice's", "# T\n\n![logo](logo.png)\n", nil, nil, `line 3 of the Markdown edition: the figure "logo.png" is not one of the notice's images`},
		{"image in a text", "# T\n\nSee ![logo](logo.png) here.\n", nil, nil, "line 3 of the Markdown edition: inline Image cannot be written"},
		{"dangling link", "# T\n\nSee [the form](#reply-form).\n", nil, nil, "a link points to #reply-form, but no heading has that id"},
		{"style", "# T", nil, badColour, `render: PDF style: colors.link: colour "blue" is not of the form "#rrggbb"`},
		{"header too long", "# T", func(m *PDFMeta) { m.Header = strings.Repeat("long header ", 80) }, nil, "shorten it or make the top margin larger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			meta := ok
			if tt.meta != nil {
				tt.meta(&meta)
			}
			_, err := PDF(Parse([]byte(tt.md)), meta, tt.style)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("PDF error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestPDFBreakLines checks that no line is wider than its measure, and that
// breaking loses no character: a line that ends where a space or a hard break
// was keeps a space at its end, of no width, so that the lines joined are the
// text.
func TestPDFBreakLines(t *testing.T) {
	w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
	path := textStyle{code: true}
	tests := []struct {
		name  string
		spans []textSpan
		width float64
		lines int // expected number of lines; 0 = do not check
	}{
		{"fits", []textSpan{{text: "Restart the server."}}, 100, 1},
		{"wraps at spaces", []textSpan{{text: "Restart the server and then run an antivirus scan."}}, 40, 0},
		{"long path", []textSpan{{text: `C:\Program Files\iQ-WEBX\PACS\php\LicGen.exe`, style: path}}, 30, 0},
		{"long path after words", []textSpan{{text: "copy it to "}, {text: `C:\Program Files\iQ-WEBX\PACS\php\`, style: path}, {text: "."}}, 35, 0},
		{"long URL", []textSpan{{text: "https://www.image-systems.biz/partner/login/downloads/iq-x/2.2.0.6/LicGen.exe", style: textStyle{link: "https://x"}}}, 45, 0},
		{"narrower than a character", []textSpan{{text: "WWW"}}, 1, 3},
		{"hard break", []textSpan{{text: "Date: 6 November 2017"}, {brk: true}, {text: "Reference: IIS-FSN-2017-11"}}, 100, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := w.layout(tt.spans, tt.width, 10)
			var got strings.Builder
			for i, l := range lines {
				sum := 0.0
				for _, r := range l.runs {
					sum += r.width
					got.WriteString(r.text)
				}
				if l.width > tt.width+1e-9 && len([]rune(l.runs[0].text)) > 1 {
					t.Errorf("line %d is %.2f mm wide, more than %.2f mm: %+v", i+1, l.width, tt.width, l.runs)
				}
				if d := sum - l.width; d > 1e-9 || d < -1e-9 {
					t.Errorf("line %d: width %.3f, but its runs add up to %.3f", i+1, l.width, sum)
				}
			}
			if want := oneLine(spanText(tt.spans)); oneLine(got.String()) != want {
				t.Errorf("lines hold %q, want %q", got.String(), want)
			}
			if tt.lines > 0 && len(lines) != tt.lines {
				t.Errorf("%d lines, want %d", len(lines), tt.lines)
			}
		})
	}
}

// TestPDFBreakSpaceStyle checks that the space a line keeps at its end has
// the style of the space it stands for: after a link that ends the line, the
// space is no part of the link.
func TestPDFBreakSpaceStyle(t *testing.T) {
	w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
	link := textStyle{link: "https://example.com/"}
	spans := []textSpan{{text: "see the site", style: link}, {text: " and then more words"}}
	width := w.textWidth(link.face(), "see the site and", 10) - 0.1
	lines := w.layout(spans, width, 10)
	if len(lines) < 2 {
		t.Fatalf("%d lines, want the link alone on the first", len(lines))
	}
	runs := lines[0].runs
	if last := runs[len(runs)-1]; last.text != " " || last.style != (textStyle{}) || last.width != 0 {
		t.Errorf("the first line ends with %+v, want a plain space of no width", last)
	}
	if runs[0].text != "see the site" || runs[0].style != link {
		t.Errorf("the first line starts with %+v, want the whole link", runs[0])
	}
}

func TestFitColumns(t *testing.T) {
	tests := []struct {
		name                 string
		natural, least, want []float64
		ids                  []float64 // widest identifier of each column
		blank                []bool
		total                float64
	}{
		{"room to spare", []float64{20, 30, 50}, []float64{10, 10, 10}, []float64{34, 51, 85}, nil, nil, 170},
		{"room for the blank column", []float64{30, 15}, []float64{20, 15}, []float64{30, 140}, nil, []bool{false, true}, 170},
		{"too wide", []float64{20, 300}, []float64{10, 50}, []float64{10 + 10*110/260.0, 50 + 250*110/260.0}, nil, nil, 170},
		{"a word longer than its share", []float64{400, 10}, []float64{400, 10}, []float64{160, 10}, nil, nil, 170},
		{"an identifier wider than an equal share", []float64{120, 45, 60}, []float64{40, 45, 35}, []float64{14 + 26*27/47.0, 45, 14 + 21*27/47.0}, []float64{0, 45, 0}, nil, 100},
		{"identifiers wider than the table", []float64{80, 80}, []float64{80, 80}, []float64{50, 50}, []float64{80, 80}, nil, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blank := tt.blank
			if blank == nil {
				blank = make([]bool, len(tt.natural))
			}
			ids := tt.ids
			if ids == nil {
				ids = make([]float64, len(tt.natural))
			}
			got := fitColumns(tt.natural, tt.least, ids, blank, tt.total)
			sum := 0.0
			for i := range got {
				sum += got[i]
				if d := got[i] - tt.want[i]; d > 1e-6 || d < -1e-6 {
					t.Errorf("widths = %v, want %v", got, tt.want)
				}
			}
			if d := sum - tt.total; d > 1e-6 || d < -1e-6 {
				t.Errorf("widths add up to %g, want %g", sum, tt.total)
			}
		})
	}
}

// TestPDFToUnicode checks the CMap that replaces gofpdf's: one range for each
// block of 256 characters the text uses.
func TestPDFToUnicode(t *testing.T) {
	w := newPDFWriter(Parse(nil), testMeta("en", "T", "%d/%d"), mustTheme(t, DefaultPDFStyle()))
	for _, r := range "AΕС≤" {
		w.codePages[r>>8] = true
	}
	cmap := string(w.toUnicode())
	for _, want := range []string{"4 beginbfrange", "<0000> <00FF> <0000>", "<0300> <03FF> <0300>", "<0400> <04FF> <0400>", "<2200> <22FF> <2200>"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("CMap lacks %q:\n%s", want, cmap)
		}
	}
}

func mustTheme(t *testing.T, s *PDFStyle) *pdfTheme {
	t.Helper()
	th, problems := s.theme()
	if len(problems) > 0 {
		t.Fatalf("style problems: %v", problems)
	}
	return th
}

// TestTemplatePDFStyle checks that templates/pdf.yaml loads and holds the built-in style.
func TestTemplatePDFStyle(t *testing.T) {
	path := filepath.Join("..", "..", "templates", "pdf.yaml")
	dir := project.Templates(filepath.Dir(path))
	s, err := LoadPDFStyle(path, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultPDFStyle()
	want.Dir = dir
	s.prepared, want.prepared = nil, nil // each style keeps its own
	if *s != *want {
		t.Errorf("%s differs from DefaultPDFStyle:\n got %+v\nwant %+v", path, *s, *want)
	}
}

func TestLoadPDFStyle(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("regular.ttf", goregular.TTF)
	write("not-a-font.ttf", []byte("hello"))
	logo := image.NewRGBA(image.Rect(0, 0, 300, 100))
	for x := range 300 {
		for y := range 100 {
			logo.Set(x, y, color.RGBA{0x1a, 0x4f, 0x8b, 0xff})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, logo); err != nil {
		t.Fatal(err)
	}
	write("logo.png", buf.Bytes())
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
		t.Fatal(err)
	}
	write("huge.ttf", nil)
	if err := os.Truncate(filepath.Join(dir, "huge.ttf"), 33<<20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}

	tests := []struct {
		name, yaml string
		want       string // the error; "" for none
	}{
		{"partial", "font_size: 11\n", ""},
		{"empty", "# all defaults\n", ""},
		{"two documents", "font_size: 11\n---\nfont_size: 12\n", "style.yaml:2:1: error: a PDF style is one YAML document"},
		{"fonts and logo", "fonts:\n  regular: regular.ttf\nlogo:\n  file: logo.png\n  width: 30\n", ""},
		{"unknown field", "margins:\n  top: 25\ncolr:\n  text: \"#000000\"\n", `style.yaml:3:1: error: unknown field "colr": its content would be ignored; did you mean "color`},
		{"unknown nested field", "colors:\n  txt: \"#000000\"\n", `style.yaml:2:3: error: unknown field "txt": its content would be ignored; did you mean "text"?`},
		{"bad colour", "colors:\n  link: \"#1a4f8\"\n", `style.yaml:2:9: error: colors.link: colour "#1a4f8" is not of the form "#rrggbb"`},
		{"not hexadecimal", "colors:\n  rule: \"#1a4g8b\"\n", `style.yaml:2:9: error: colors.rule: colour "#1a4g8b" is not of the form "#rrggbb": "1a4g8b" is not hexadecimal`},
		{"margin too small", "margins:\n  top: 5\n", "style.yaml:2:8: error: margins.top: 5 mm is out of range; use a value from 18 to 80"},
		{"not a number", "font_size: big\n", "style.yaml:1:12: error:"},
		{"not a number at all", "line_height: .nan\n", "style.yaml:1:14: error: line_height: NaN times the font size is out of range"},
		{"missing font", "fonts:\n  bold: nowhere.ttf\n", `style.yaml:2:9: error: fonts.bold: font "nowhere.ttf": cannot read the font: it does not exist`},
		{"font too large", "fonts:\n  bold: huge.ttf\n", `style.yaml:2:9: error: fonts.bold: font "huge.ttf": the font is 33 MiB; a font may be at most 32 MiB`},
		{"logo a device", "logo:\n  file: /dev/zero\n", `style.yaml:2:9: error: logo.file: logo "/dev/zero": the logo is a device; fsn reads only regular files`},
		{"logo a FIFO", "logo:\n  file: pipe.png\n", `style.yaml:2:9: error: logo.file: logo "pipe.png": the logo is a named pipe (FIFO); fsn reads only regular files`},
		{"byte-order mark", "\ufefffont_size: 11\n", ""},
		{"not UTF-8", "font_size: 11 # \xff\n", "style.yaml:1:17: error: byte 0xFF is not UTF-8"},
		{"nested too deep", "margins: " + strings.Repeat("[", 40) + "\n", "style.yaml:1:42: error: collections are nested more than 32 deep here"},
		{"billion laughs", laughs(9), "error: the file holds more than 100000 YAML values once its aliases (*name) are expanded"},
		{"not a font", "fonts:\n  mono: not-a-font.ttf\n", `style.yaml:2:9: error: fonts.mono: font "not-a-font.ttf" is not a TrueType font`},
		{"logo too high", "logo:\n  file: logo.png\n  width: 80\n", "style.yaml:3:10: error: logo.width: the logo is 26.7 mm high"},
		{"logo not an image", "logo:\n  file: regular.ttf\n", `style.yaml:2:9: error: logo.file: logo "regular.ttf" is not a PNG or JPEG image`},
		{"two problems", "font_size: 40\nline_height: 9\n", "style.yaml:1:12: error: font_size: 40 pt is out of range; use a value from 6 to 16\n" +
			"style.yaml:2:14: error: line_height: 9 times the font size is out of range; use a value from 1 to 2.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "style.yaml")
			write("style.yaml", []byte(tt.yaml))
			s, err := LoadPDFStyle(path, project.Disk(dir))
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("LoadPDFStyle: %v", err)
			case tt.want == "":
				b := renderPDF(t, "notice.ru.md", testMeta("ru", "Срочное уведомление", "Страница %d из %d"), s)
				if _, pages := readPDF(t, b); !strings.Contains(pages[0], "Срочное уведомление о безопасности") {
					t.Errorf("the PDF in this style lacks its title: %.200q", pages[0])
				}
			case err == nil:
				t.Fatalf("LoadPDFStyle succeeded, want an error containing %q", tt.want)
			case !strings.Contains(err.Error(), strings.ReplaceAll(tt.want, "style.yaml", path)):
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, strings.ReplaceAll(tt.want, "style.yaml", path))
			}
		})
	}
}

func BenchmarkPDF(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "notice.md"))
	if err != nil {
		b.Fatal(err)
	}
	doc := Parse(src)
	meta := testMeta("en", "Urgent Field Safety Notice", "Page %d of %d")
	var size int
	for b.Loop() {
		out, err := PDF(doc, meta, nil)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// laughs returns a YAML file of n levels of aliases, each naming the one
// before ten times: it expands to 10^n values.
func laughs(n int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [x]\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// TestCoverage checks the characters that the fonts of a style are reported
// to lack: those the PDF writer would refuse.
func TestCoverage(t *testing.T) {
	cov, err := DefaultPDFStyle().Coverage()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // the start of each sentence
	}{
		{"Riavviare il server.\nΕπανεκκίνηση, перезапуск\t≤ 6.4.5 € «»", nil},
		{"Un emoji 😀 e 😀 ancora", []string{"the character '😀' (U+1F600) is outside the Basic Multilingual Plane"}},
		{"中文 and 中", []string{"the font Liberation Sans has no character '中' (U+4E2D)", "the font Liberation Sans has no character '文' (U+6587)"}},
	}
	for round := range 2 { // the second time from what the first learnt of each character
		for _, tt := range tests {
			got := cov.Missing(tt.text)
			if len(got) != len(tt.want) {
				t.Errorf("round %d: Missing(%q) = %q, want %d sentences", round+1, tt.text, got, len(tt.want))
				continue
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("round %d: Missing(%q)[%d] = %q, want it to start %q", round+1, tt.text, i, got[i], tt.want[i])
				}
			}
		}
	}
}

// BenchmarkCoverageMissing measures what fsn check's glyph-missing check costs
// on one translation: the seed's Italian file, as its messages' texts.
func BenchmarkCoverageMissing(b *testing.B) {
	cov, err := DefaultPDFStyle().Coverage()
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("..", "..", "locales", "it", "iqwebx-2017-11.it.toml"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		cov.Missing(text)
	}
}
