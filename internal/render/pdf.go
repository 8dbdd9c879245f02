package render

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/text/language"
)

// PDFMeta is what the PDF writer needs besides the document.
type PDFMeta struct {
	Lang     string    // BCP 47 tag of the edition
	Title    string    // document title (the notice's localised title + subject)
	Subject  string    // document subject
	Author   string    // manufacturer
	Keywords string    // document keywords
	Creator  string    // "fsn <version>"
	Header   string    // running header text: notice title and FSCA reference
	Date     time.Time // creation and modification date written into the PDF (never time.Now)
	// PageLabel returns the localised footer, e.g. "Pagina 2 di 3".
	PageLabel func(page, pages int) (string, error)
	// Signature, when set, is drawn at the end of the notice, before the reply form.
	Signature *SignatureBlock
	// ReplyForm, when set, makes the customer reply form's tick boxes and blank
	// cells fields of the PDF's form, named with these ids.
	ReplyForm *ReplyFormNames
	// DistributorForm does the same for the distributor and importer reply form.
	DistributorForm *ReplyFormNames
	// Warning, when set, is a banner at the top of the first page, before the
	// notice: the edition is signed with the development certificate (a test
	// build) and must not be distributed. It is content, the first paragraph
	// of the structure tree, not an artifact: the reader must hear it.
	Warning string
}

// SignatureBlock is the visible part of a digital signature: a framed block
// with the signatory, their role and the date of signing.
type SignatureBlock struct {
	// Warning, when set, is the block's first line, in the warning colour:
	// the signature is made with the development certificate.
	Warning string
	Caption string // "Digitally signed", in the edition's language
	Name    string
	Role    string
	Date    string // the date of signing, as the edition's language writes it
	// Placed, when set, is told where the block was drawn, so that the
	// signature field's widget can cover it.
	Placed func(SignaturePlace)
}

// SignaturePlace is where the signature block was drawn: its page, from 1,
// and its frame in PDF points from the lower left corner of the page (lower
// left x, lower left y, upper right x, upper right y), with the frame's line
// width in points and colour, RGB from 0 to 1.
type SignaturePlace struct {
	Page      int
	Rect      [4]float64
	LineWidth float64
	Color     [3]float64
}

// PDF writes doc as an A4 PDF and returns its bytes. A nil style means DefaultPDFStyle.
//
// The PDF embeds subsets of the style's TrueType fonts, carries a ToUnicode map
// so that its text can be extracted, an outline entry for every heading of level
// 1 and 2, and clickable web and e-mail links. The heading whose id is
// ReplyFormID starts a new page. The same inputs give the same bytes.
func PDF(doc *Document, meta PDFMeta, style *PDFStyle) ([]byte, error) {
	return writePDF(doc, meta, style, false)
}

// writePDF is PDF; asGofpdf keeps the page contents as gofpdf wrote them, for
// the test that compares them with what the content rewriter makes of them.
func writePDF(doc *Document, meta PDFMeta, style *PDFStyle, asGofpdf bool) ([]byte, error) {
	if style == nil {
		style = defaultStyle()
	}
	th, problems := style.preparedTheme()
	if len(problems) > 0 {
		return nil, styleError(problems)
	}
	lang, err := language.Parse(meta.Lang)
	if err != nil {
		return nil, fmt.Errorf("render: PDF language %q is not a BCP 47 tag: %v", meta.Lang, err)
	}
	switch {
	case doc == nil:
		return nil, errors.New("render: PDF of a nil document")
	case meta.Date.IsZero():
		return nil, errors.New("render: PDFMeta.Date is zero; give the date of the notice, so that the PDF is reproducible")
	case meta.PageLabel == nil:
		return nil, errors.New("render: PDFMeta.PageLabel is nil; the footer needs the localised page label")
	}

	w := newPDFWriter(doc, meta, th)
	w.asGofpdf = asGofpdf
	w.newPage()
	w.warningBanner()
	w.blocks(doc.Root)
	w.signatureBlock()
	w.checkLinks()
	w.checkFormCount()
	w.decoratePages()
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if err := w.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("render: writing the PDF: %v", err)
	}
	return w.finish(buf.Bytes(), lang.String())
}

// pdfWriter lays out a document on A4 pages. It keeps the first error it meets
// in err, and does nothing useful after it.
type pdfWriter struct {
	pdf  *gofpdf.Fpdf
	src  []byte
	meta PDFMeta
	th   *pdfTheme

	y         float64 // top of the next line, from the top of the page
	pending   float64 // space owed before the next block, dropped at the top of a page
	indent    float64 // indent of the current block from the left margin
	marker    *listMarker
	listDepth int
	replyForm bool // from the first reply form's heading on
	signed    bool // the signature block has been drawn
	hadTitle  bool // an h1 has been bookmarked, so h2 bookmarks nest under it

	registered  [numFaces]bool
	font        fontKey // what gofpdf has selected; the zero size means nothing
	codePages   [256]bool
	used        [numFaces]map[rune]bool // the characters drawn in each face
	tables      map[*extast.Table]*pdfTableLayout
	decorations []func() // artifacts of the page that flushDecorations has yet to draw

	links   map[string]bool       // heading ids linked to
	targets map[string]linkTarget // heading ids placed so far

	tags   *tagTree
	images map[string]*ImageFile // the figures' images (Document.Images)
	annots []*pdfAnnot
	form   *formState   // the reply form being written, nil before the first
	forms  []*formState // every reply form met

	where    string // the part of the document being written, for messages
	err      error
	asGofpdf bool // keep gofpdf's page contents (see writePDF)
}

// newPDFWriter returns a writer of doc with an empty gofpdf document.
func newPDFWriter(doc *Document, meta PDFMeta, th *pdfTheme) *pdfWriter {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: "A4"})
	pdf.SetMargins(th.Margins.Left, th.Margins.Top, th.Margins.Right)
	pdf.SetAutoPageBreak(false, th.Margins.Bottom)
	pdf.SetCompression(false) // embedFonts compresses the page contents once it has renamed the fonts in them
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(meta.Date)
	pdf.SetModificationDate(meta.Date)
	for _, m := range []struct {
		set   func(string, bool)
		value string
	}{
		{pdf.SetTitle, meta.Title},
		{pdf.SetSubject, meta.Subject},
		{pdf.SetAuthor, meta.Author},
		{pdf.SetKeywords, meta.Keywords},
		{pdf.SetCreator, meta.Creator},
	} {
		if m.value != "" { // gofpdf would write an empty UTF-16 string
			m.set(m.value, true)
		}
	}
	w := &pdfWriter{
		pdf:     pdf,
		src:     doc.Source,
		meta:    meta,
		th:      th,
		links:   map[string]bool{},
		targets: map[string]linkTarget{},
		tags:    newTagTree(),
		images:  doc.Images,
		tables:  map[*extast.Table]*pdfTableLayout{},
	}
	for f := range w.used {
		w.used[f] = map[rune]bool{}
	}
	return w
}

// fail keeps the first error.
func (w *pdfWriter) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("render: PDF, %s: %s", w.where, fmt.Sprintf(format, args...))
	}
}

// at notes that the writer is working on node n, for messages.
func (w *pdfWriter) at(n ast.Node) {
	w.where = fmt.Sprintf("line %d of the Markdown edition", sourceLine(n, w.src))
}

// sourceLine returns the source line of the first text in n, or 0.
func sourceLine(n ast.Node, src []byte) int {
	off := -1
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
			return ast.WalkContinue, nil
		case n.Type() == ast.TypeBlock && n.Lines().Len() > 0:
			off = n.Lines().At(0).Start
		case n.Kind() == ast.KindText:
			off = n.(*ast.Text).Segment.Start
		default:
			return ast.WalkContinue, nil
		}
		return ast.WalkStop, nil
	})
	if off < 0 {
		return 0
	}
	return 1 + bytes.Count(src[:off], []byte("\n"))
}

// styleError is the error of a style that cannot be used.
func styleError(problems []styleProblem) error {
	msgs := make([]string, len(problems))
	for i, p := range problems {
		msgs[i] = p.field + ": " + p.msg
	}
	return fmt.Errorf("render: PDF style: %s", strings.Join(msgs, "; "))
}
