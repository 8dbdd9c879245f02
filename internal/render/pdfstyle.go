package render

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the logo may be a JPEG
	_ "image/png"  // or a PNG image
	"path/filepath"
	"reflect"
	"strconv"
	"sync"

	fsn "github.com/fsn-tool/fsn"
	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/input"
	"github.com/fsn-tool/fsn/internal/project"
	"github.com/goccy/go-yaml"
	yamlast "github.com/goccy/go-yaml/ast"
)

// PDFStyle is the look of the PDF edition: margins, type sizes, colours, fonts
// and logo. A company restyles its notices by editing templates/pdf.yaml, which
// LoadPDFStyle reads, without touching Go code.
type PDFStyle struct {
	// Margins are the distances in millimetres from the paper edges to the text.
	// The running header sits in the top margin and the page footer in the bottom one.
	Margins PDFMargins `yaml:"margins"`
	// FontSize is the size of body text in points.
	FontSize float64 `yaml:"font_size"`
	// LineHeight is the distance between two lines as a multiple of the font size.
	LineHeight float64 `yaml:"line_height"`
	// HeadingSizes are the sizes in points of the three heading levels.
	HeadingSizes PDFHeadingSizes `yaml:"heading_sizes"`
	// Colors are written "#rrggbb".
	Colors PDFColors `yaml:"colors"`
	// Fonts name TrueType files; an empty face uses the default font of that
	// face, Liberation Sans or Liberation Mono (see DefaultFontFiles).
	Fonts PDFFonts `yaml:"fonts"`
	// Logo is an optional image in the running header.
	Logo PDFLogo `yaml:"logo"`
	// Dir is the folder that relative font and logo paths start from, over
	// fsn's defaults for it (see project.Dir); LoadPDFStyle sets it.
	Dir project.Dir `yaml:"-"`

	// prepared is the style checked, with its fonts and logo read, made once
	// for every PDF of a build; a style changed since is prepared again.
	prepared *preparedStyle
}

// preparedStyle is the theme of a style, and the style it was made from.
type preparedStyle struct {
	mu       sync.Mutex
	of       PDFStyle // without prepared
	th       *pdfTheme
	problems []styleProblem
}

// defaultStyle is the style of PDF(…, nil), prepared once in the process.
var defaultStyle = sync.OnceValue(DefaultPDFStyle)

// preparedTheme returns the theme of s, made only the first time for the
// same values of s. A style made without DefaultPDFStyle or LoadPDFStyle has
// no room to keep it and is prepared at every call.
func (s *PDFStyle) preparedTheme() (*pdfTheme, []styleProblem) {
	of := *s
	of.prepared = nil
	c := s.prepared
	if c == nil {
		return of.theme()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.th == nil || c.of != of {
		c.of = of
		own := of // the theme's own copy, which a later change of s cannot reach
		c.th, c.problems = own.theme()
	}
	return c.th, c.problems
}

// PDFMargins are page margins in millimetres.
type PDFMargins struct {
	Top    float64 `yaml:"top"`
	Right  float64 `yaml:"right"`
	Bottom float64 `yaml:"bottom"`
	Left   float64 `yaml:"left"`
}

// PDFHeadingSizes are the sizes in points of headings of level 1 to 3.
type PDFHeadingSizes struct {
	H1 float64 `yaml:"h1"`
	H2 float64 `yaml:"h2"`
	H3 float64 `yaml:"h3"`
}

// PDFColors are the colours of the PDF edition, each written "#rrggbb".
type PDFColors struct {
	Text        string `yaml:"text"`         // body text
	Heading     string `yaml:"heading"`      // headings and the rule under the title
	Link        string `yaml:"link"`         // web and e-mail links
	TableHeader string `yaml:"table_header"` // fill of table header rows
	Rule        string `yaml:"rule"`         // table borders and rules
	Muted       string `yaml:"muted"`        // running header and page footer
}

// PDFFonts are paths of TrueType font files, one per face.
type PDFFonts struct {
	Regular    string `yaml:"regular"`
	Bold       string `yaml:"bold"`
	Italic     string `yaml:"italic"`
	BoldItalic string `yaml:"bold_italic"`
	Mono       string `yaml:"mono"`
	MonoBold   string `yaml:"mono_bold"`
}

// PDFLogo is a PNG or JPEG image printed at the right of the running header.
type PDFLogo struct {
	File  string  `yaml:"file"`  // empty for no logo
	Width float64 `yaml:"width"` // millimetres; the height keeps the image's proportions
}

// DefaultPDFStyle returns the built-in style, the one templates/pdf.yaml ships with.
func DefaultPDFStyle() *PDFStyle {
	return &PDFStyle{
		prepared:     &preparedStyle{},
		Margins:      PDFMargins{Top: 26, Right: 20, Bottom: 22, Left: 22},
		FontSize:     10,
		LineHeight:   1.4,
		HeadingSizes: PDFHeadingSizes{H1: 17, H2: 12.5, H3: 10.5},
		Colors: PDFColors{
			Text:        "#1f2328",
			Heading:     "#1a4f8b",
			Link:        "#1a4f8b",
			TableHeader: "#e3ebf5",
			Rule:        "#9aa7b8",
			Muted:       "#5b6573",
		},
		Logo: PDFLogo{Width: 30},
	}
}

// LoadPDFStyle reads the PDF style file at path, whose relative font and logo
// paths are files of dir (the templates folder). Fields the file leaves out keep their
// DefaultPDFStyle values. Errors are diagnostics that point at the line at fault,
// such as "templates/pdf.yaml:3:1: error: unknown field "colr"; did you mean "colors"?".
func LoadPDFStyle(path string, dir project.Dir) (*PDFStyle, error) {
	data, err := input.ReadFile(path, input.Style)
	if err != nil {
		return nil, err
	}
	if err := input.UTF8(path, data); err != nil {
		return nil, err
	}
	file, err := input.ParseYAML(path, data)
	if err != nil {
		return nil, diag.Unreadable(diag.YAMLError(path, err, styleFields, "templates/pdf.yaml lists every field a style has"))
	}
	if len(file.Docs) > 1 {
		pos := diag.Pos{File: path}
		if start := file.Docs[1].Start; start != nil {
			pos.Line, pos.Column = start.Position.Line, start.Position.Column
		}
		return nil, diag.Errorf(pos, "a PDF style is one YAML document; remove the second")
	}
	s := DefaultPDFStyle()
	// An empty file keeps every default; decoding it would zero them.
	if len(file.Docs) == 1 && file.Docs[0].Body != nil && file.Docs[0].Body.Type() != yamlast.NullType {
		if err := yaml.NodeToValue(file.Docs[0].Body, s, yaml.DisallowUnknownField()); err != nil {
			return nil, diag.YAMLError(path, err, styleFields, "templates/pdf.yaml lists every field a style has")
		}
	}
	s.Dir = dir
	if _, problems := s.preparedTheme(); len(problems) > 0 {
		var errs diag.List
		for _, p := range problems {
			errs.Errorf(stylePos(path, file, p.field), "%s: %s", p.field, p.msg)
		}
		return nil, errs
	}
	return s, nil
}

// styleFields are the YAML names of every field of a PDFStyle, for suggesting a fix for a typo.
var styleFields = diag.YAMLFields(reflect.TypeFor[PDFStyle]())

// stylePos returns the position of the value of a field, given as a dotted path
// such as "colors.link"; when the file does not hold the field, only the file.
func stylePos(path string, file *yamlast.File, field string) diag.Pos {
	pos := diag.Pos{File: path}
	p, err := yaml.PathString("$." + field)
	if err != nil {
		return pos
	}
	if n, err := p.FilterFile(file); err == nil && n != nil {
		tok := n.GetToken()
		pos.Line, pos.Column = tok.Position.Line, tok.Position.Column
	}
	return pos
}

// styleProblem is a field of a style that cannot be used, named by its YAML path.
type styleProblem struct {
	field string
	msg   string
}

// rgb is a colour with components from 0 to 255.
type rgb struct{ r, g, b int }

// pdfTheme is a style checked and made ready for the PDF writer: colours parsed,
// fonts and logo read.
type pdfTheme struct {
	*PDFStyle
	text, heading, link, tableHeader, rule, muted rgb
	faces                                         [numFaces]*fontFace
	logo                                          *pdfLogo // nil without a logo
}

// fontFace is a TrueType font of one face.
type fontFace struct {
	name string // font name or file name, for messages
	*fontFile
}

// pdfLogo is the logo image and its size on the page, in millimetres.
type pdfLogo struct {
	data          []byte
	format        string // "png" or "jpg", as gofpdf names image types
	width, height float64
}

// DefaultFontFiles are the fonts of the faces a style leaves empty, files of
// fsn.Defaults: Liberation Sans and Liberation Mono 2.1.5, under the SIL Open Font
// Licence 1.1 (templates/fonts/OFL.txt). They cover every letter of the official
// EU languages, Latin, Greek and Cyrillic, and the signs a notice uses (≤, €, „“).
var DefaultFontFiles = [...]string{
	faceRegular:    "templates/fonts/LiberationSans-Regular.ttf",
	faceBold:       "templates/fonts/LiberationSans-Bold.ttf",
	faceItalic:     "templates/fonts/LiberationSans-Italic.ttf",
	faceBoldItalic: "templates/fonts/LiberationSans-BoldItalic.ttf",
	faceMono:       "templates/fonts/LiberationMono-Regular.ttf",
	faceMonoBold:   "templates/fonts/LiberationMono-Bold.ttf",
}

// theme checks s and reads its fonts and logo. It reports every problem it finds.
func (s *PDFStyle) theme() (*pdfTheme, []styleProblem) {
	t := &pdfTheme{PDFStyle: s}
	var problems []styleProblem
	bad := func(field, format string, args ...any) {
		problems = append(problems, styleProblem{field, fmt.Sprintf(format, args...)})
	}
	inRange := func(field string, v, lo, hi float64, unit string) {
		if !(v >= lo && v <= hi) { // so NaN is out of range too
			bad(field, "%g %s is out of range; use a value from %g to %g", v, unit, lo, hi)
		}
	}
	m := s.Margins
	inRange("margins.top", m.Top, 18, 80, "mm")
	inRange("margins.bottom", m.Bottom, 15, 80, "mm")
	inRange("margins.left", m.Left, 10, 60, "mm")
	inRange("margins.right", m.Right, 10, 60, "mm")
	if w := pageWidth - m.Left - m.Right; w < 100 {
		bad("margins.left", "the margins leave %g mm for the text; leave at least 100 mm", w)
	}
	inRange("font_size", s.FontSize, 6, 16, "pt")
	inRange("line_height", s.LineHeight, 1, 2.5, "times the font size")
	inRange("heading_sizes.h1", s.HeadingSizes.H1, 6, 36, "pt")
	inRange("heading_sizes.h2", s.HeadingSizes.H2, 6, 36, "pt")
	inRange("heading_sizes.h3", s.HeadingSizes.H3, 6, 36, "pt")

	for _, c := range []struct {
		field string
		hex   string
		dst   *rgb
	}{
		{"colors.text", s.Colors.Text, &t.text},
		{"colors.heading", s.Colors.Heading, &t.heading},
		{"colors.link", s.Colors.Link, &t.link},
		{"colors.table_header", s.Colors.TableHeader, &t.tableHeader},
		{"colors.rule", s.Colors.Rule, &t.rule},
		{"colors.muted", s.Colors.Muted, &t.muted},
	} {
		v, err := parseColor(c.hex)
		if err != nil {
			bad(c.field, "%v", err)
		}
		*c.dst = v
	}

	paths := [numFaces]struct{ field, path string }{
		faceRegular:    {"fonts.regular", s.Fonts.Regular},
		faceBold:       {"fonts.bold", s.Fonts.Bold},
		faceItalic:     {"fonts.italic", s.Fonts.Italic},
		faceBoldItalic: {"fonts.bold_italic", s.Fonts.BoldItalic},
		faceMono:       {"fonts.mono", s.Fonts.Mono},
		faceMonoBold:   {"fonts.mono_bold", s.Fonts.MonoBold},
	}
	for f, p := range paths {
		ff, err := s.loadFont(face(f), p.path)
		if err != nil {
			bad(p.field, "%v", err)
		}
		t.faces[f] = ff
	}

	if s.Logo.File != "" {
		logo, err := s.loadLogo()
		if err != nil {
			bad("logo.file", "%v", err)
		} else if !(s.Logo.Width >= 1 && s.Logo.Width <= 80) {
			bad("logo.width", "%g mm is out of range; use a value from 1 to 80", s.Logo.Width)
		} else if room := s.Margins.Top - headerGap - 4; logo.height > room {
			bad("logo.width", "the logo is %.1f mm high at a width of %g mm; the top margin leaves room for %.1f mm: make it narrower or the top margin larger", logo.height, s.Logo.Width, room)
		}
		t.logo = logo
	}
	return t, problems
}

// message returns the message of a diagnostic without its position, for a
// problem reported at the field that names the file.
func message(err error) string {
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return d.Message
	}
	return err.Error()
}

// parseColor parses a colour written "#rrggbb".
func parseColor(hex string) (rgb, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return rgb{}, fmt.Errorf("colour %q is not of the form \"#rrggbb\", such as \"#1a4f8b\"", hex)
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return rgb{}, fmt.Errorf("colour %q is not of the form \"#rrggbb\": %q is not hexadecimal", hex, hex[1:])
	}
	return rgb{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}, nil
}

// file returns path resolved against the style's folder.
func (s *PDFStyle) file(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return s.Dir.File(filepath.ToSlash(path))
}

// loadFont reads a TrueType font, or returns the default font of face f when
// path is empty. A font file is parsed once in the process (see parsedFont).
func (s *PDFStyle) loadFont(f face, path string) (*fontFace, error) {
	if path == "" {
		data, err := fsn.Defaults.ReadFile(DefaultFontFiles[f])
		if err != nil {
			return nil, fmt.Errorf("the default font %s is not in the binary: %v", DefaultFontFiles[f], err)
		}
		ff, err := parsedFont(data)
		if err != nil {
			return nil, fmt.Errorf("the default font %s is damaged: %v", DefaultFontFiles[f], err)
		}
		return &fontFace{name: ff.fullName, fontFile: ff}, nil
	}
	data, err := input.ReadFile(s.file(path), input.Font)
	if err != nil {
		return nil, fmt.Errorf("font %q: %s", path, message(err))
	}
	// gofpdf embeds only TrueType outlines: a font starting "OTTO" (CFF) or
	// "ttcf" (a collection) cannot be used.
	if magic := string(data[:min(4, len(data))]); magic != "\x00\x01\x00\x00" && magic != "true" {
		return nil, fmt.Errorf("font %q is not a TrueType font (.ttf); OpenType CFF fonts and font collections cannot be embedded", path)
	}
	ff, err := parsedFont(data)
	if err != nil {
		return nil, fmt.Errorf("font %q is damaged: %v", filepath.Base(path), err)
	}
	return &fontFace{name: filepath.Base(path), fontFile: ff}, nil
}

// loadLogo reads the logo and works out its height.
func (s *PDFStyle) loadLogo() (*pdfLogo, error) {
	path := s.Logo.File
	data, err := input.ReadFile(s.file(path), input.Logo)
	if err != nil {
		return nil, fmt.Errorf("logo %q: %s", path, message(err))
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, fmt.Errorf("logo %q is not a PNG or JPEG image", path)
	}
	if format == "jpeg" {
		format = "jpg"
	}
	return &pdfLogo{
		data:   data,
		format: format,
		width:  s.Logo.Width,
		height: s.Logo.Width * float64(cfg.Height) / float64(cfg.Width),
	}, nil
}
