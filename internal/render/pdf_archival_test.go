package render

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
)

// archivalMeta is the metadata of the English test notice with the names of
// its reply form's fields.
func archivalMeta() PDFMeta {
	meta := testMeta("en", "Urgent Field Safety Notice", "Page %d of %d")
	meta.ReplyForm = &ReplyFormNames{
		Confirmations: []string{"received", "actions-done", "passed-on"},
		Fields:        []string{"organisation", "name", "role", "phone", "email", "date", "signature"},
	}
	return meta
}

// archivalPDF renders the English test notice with the names of its reply
// form's fields, as fsn build does, and with a figure (figureDocument).
func archivalPDF(t *testing.T) ([]byte, *pdf.Reader, PDFMeta) {
	t.Helper()
	meta := archivalMeta()
	b := archivalRender(t, meta)
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return b, r, meta
}

// archivalRender renders the English test notice with a figure: the PNG of
// a label with transparent corners, whose alpha channel becomes a soft mask.
func archivalRender(t *testing.T, meta PDFMeta) []byte {
	t.Helper()
	b, err := PDF(figureDocument(t, "notice.md"), meta, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// streamData returns the decoded data of a stream.
func streamData(t *testing.T, v pdf.Value) []byte {
	t.Helper()
	rc := v.Reader()
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// annotations returns every annotation of every page.
func annotations(r *pdf.Reader) []pdf.Value {
	var out []pdf.Value
	for p := 1; p <= r.NumPage(); p++ {
		a := r.Page(p).V.Key("Annots")
		for i := range a.Len() {
			out = append(out, a.Index(i))
		}
	}
	return out
}

// xmpValue returns the text of the first element named tag in an XMP packet.
func xmpValue(xmp []byte, tag string) string {
	m := regexp.MustCompile(`<` + regexp.QuoteMeta(tag) + `>(?:<rdf:(?:Alt|Seq|Bag)><rdf:li[^>]*>)?([^<]*)<`).FindSubmatch(xmp)
	if m == nil {
		return ""
	}
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(string(m[1]))
}

// TestPDFA2b checks the requirements of PDF/A-2b (ISO 19005-2:2011) that the
// writer implements, each against its clause, since veraPDF, the reference
// validator, is not available here.
func TestPDFA2b(t *testing.T) {
	b, r, meta := archivalPDF(t)
	root := r.Trailer().Key("Root")
	xmp := streamData(t, root.Key("Metadata"))

	t.Run("6.1.2 file header", func(t *testing.T) {
		if !bytes.HasPrefix(b, []byte("%PDF-1.7\n%")) || len(b) < 15 {
			t.Fatalf("header %q", b[:min(len(b), 15)])
		}
		for _, c := range b[10:14] {
			if c < 128 {
				t.Errorf("the comment after the header has byte %#x; it needs four bytes of 128 or more", c)
			}
		}
		if root.Key("Version").Kind() != pdf.Null {
			t.Errorf("the catalog has /Version %v, which may contradict the header", root.Key("Version"))
		}
	})
	t.Run("6.1.3 file trailer", func(t *testing.T) {
		id := r.Trailer().Key("ID")
		if id.Len() != 2 || len(id.Index(0).RawString()) != 16 || id.Index(0).RawString() != id.Index(1).RawString() {
			t.Errorf("trailer /ID = %v, want two equal 16-byte strings", id)
		}
		if r.Trailer().Key("Encrypt").Kind() != pdf.Null {
			t.Error("the trailer has /Encrypt")
		}
		if again := archivalRender(t, meta); !bytes.Equal(b, again) {
			t.Error("the same input gives another file (and file identifier)")
		}
	})
	t.Run("6.2.3 output intent", func(t *testing.T) {
		intents := root.Key("OutputIntents")
		if intents.Len() != 1 {
			t.Fatalf("%d output intents, want 1", intents.Len())
		}
		oi := intents.Index(0)
		if oi.Key("S").Name() != "GTS_PDFA1" || oi.Key("OutputConditionIdentifier").Text() == "" {
			t.Errorf("output intent /S %v, /OutputConditionIdentifier %v", oi.Key("S"), oi.Key("OutputConditionIdentifier"))
		}
		profile := oi.Key("DestOutputProfile")
		icc := streamData(t, profile)
		if !bytes.Equal(icc, srgbProfile()) || profile.Key("N").Int64() != 3 {
			t.Errorf("the output intent's profile is not the embedded sRGB profile with /N 3")
		}
		if string(icc[12:16]) != "mntr" || string(icc[16:20]) != "RGB " || icc[8] > 4 {
			t.Errorf("profile class %q, colour space %q, version %d: want an RGB display profile of ICC version 4 or below", icc[12:16], icc[16:20], icc[8])
		}
	})
	t.Run("6.2.11.4.1 fonts embedded", func(t *testing.T) {
		fonts := map[string]pdf.Value{}
		for p := 1; p <= r.NumPage(); p++ {
			res := r.Page(p).V.Key("Resources").Key("Font")
			for _, k := range res.Keys() {
				fonts["page "+k] = res.Key(k)
			}
		}
		dr := root.Key("AcroForm").Key("DR").Key("Font")
		for _, k := range dr.Keys() {
			fonts["form "+k] = dr.Key(k)
		}
		if len(fonts) == 0 {
			t.Fatal("no fonts")
		}
		for name, f := range fonts {
			desc := f.Key("FontDescriptor")
			if f.Key("Subtype").Name() == "Type0" {
				desc = f.Key("DescendantFonts").Index(0).Key("FontDescriptor")
			}
			if desc.Key("FontFile2").Kind() != pdf.Stream && desc.Key("FontFile").Kind() != pdf.Stream && desc.Key("FontFile3").Kind() != pdf.Stream {
				t.Errorf("font %s (%s) is not embedded", name, f.Key("BaseFont").Name())
			}
		}
	})
	t.Run("6.3.2 annotation flags", func(t *testing.T) {
		annots := annotations(r)
		if len(annots) == 0 {
			t.Fatal("no annotations")
		}
		for _, a := range annots {
			if f := a.Key("F").Int64(); f&4 == 0 || f&(1|2|32) != 0 {
				t.Errorf("%s annotation has /F %d: print must be set, hidden, invisible and no-view clear", a.Key("Subtype").Name(), f)
			}
		}
	})
	t.Run("6.3.3 annotation appearances", func(t *testing.T) {
		for _, a := range annotations(r) {
			if a.Key("Subtype").Name() != "Widget" {
				continue
			}
			ap := a.Key("AP")
			if keys := ap.Keys(); len(keys) != 1 || keys[0] != "N" {
				t.Errorf("widget %s has /AP keys %v, want only N", a.Key("T").Text(), keys)
			}
			if a.Key("FT").Name() == "Btn" && ap.Key("N").Kind() != pdf.Dict {
				t.Errorf("check box %s: /N is not a dictionary of appearance states", a.Key("T").Text())
			}
		}
	})
	t.Run("6.4.1 interactive forms", func(t *testing.T) {
		form := root.Key("AcroForm")
		if form.Kind() != pdf.Dict {
			t.Fatal("no /AcroForm")
		}
		if form.Key("NeedAppearances").Bool() {
			t.Error("/NeedAppearances true")
		}
		for _, a := range annotations(r) {
			if a.Key("Subtype").Name() == "Widget" && (a.Key("A").Kind() != pdf.Null || a.Key("AA").Kind() != pdf.Null) {
				t.Errorf("widget %s has an action", a.Key("T").Text())
			}
		}
	})
	t.Run("6.6.2.1 metadata stream", func(t *testing.T) {
		m := root.Key("Metadata")
		// The catalog's metadata stream, of /Type /Metadata and /Subtype
		// /XML, a whole XMP packet whose header has neither the bytes nor
		// the encoding attribute. (A filter, which PDF/A-1 forbade, PDF/A-2
		// allows.)
		if m.Key("Type").Name() != "Metadata" || m.Key("Subtype").Name() != "XML" {
			t.Errorf("metadata stream /Type %v /Subtype %v", m.Key("Type"), m.Key("Subtype"))
		}
		if !bytes.HasPrefix(xmp, []byte("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")) || !bytes.HasSuffix(xmp, []byte("<?xpacket end=\"w\"?>")) {
			t.Error("the metadata is not a whole XMP packet")
		}
		if header, _, _ := bytes.Cut(xmp, []byte("?>")); bytes.Contains(header, []byte("bytes=")) || bytes.Contains(header, []byte("encoding=")) {
			t.Errorf("the XMP packet's header %q has the bytes or encoding attribute", header)
		}
	})
	t.Run("6.6.2.3 extension schema of pdfuaid", func(t *testing.T) {
		for _, want := range []string{"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>",
			"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", "<pdfaProperty:name>part</pdfaProperty:name>",
			"<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"} {
			if !bytes.Contains(xmp, []byte(want)) {
				t.Errorf("the XMP does not describe pdfuaid: no %s", want)
			}
		}
	})
	t.Run("6.6.3 document information and XMP agree", func(t *testing.T) {
		info := r.Trailer().Key("Info")
		for key, tag := range map[string]string{"Title": "dc:title", "Author": "dc:creator", "Subject": "dc:description",
			"Keywords": "pdf:Keywords", "Creator": "xmp:CreatorTool", "Producer": "pdf:Producer"} {
			if got, want := xmpValue(xmp, tag), info.Key(key).Text(); got != want || want == "" {
				t.Errorf("%s %q, Info /%s %q", tag, got, key, want)
			}
		}
		for key, tag := range map[string]string{"CreationDate": "xmp:CreateDate", "ModDate": "xmp:ModifyDate"} {
			if got, want := info.Key(key).Text(), "D:20171106000000Z"; got != want {
				t.Errorf("Info /%s %q, want %q", key, got, want)
			}
			if got := xmpValue(xmp, tag); got != "2017-11-06T00:00:00Z" {
				t.Errorf("%s %q, want the Info's date 2017-11-06T00:00:00Z", tag, got)
			}
		}
	})
	t.Run("6.6.4 PDF/A identification", func(t *testing.T) {
		if xmpValue(xmp, "pdfaid:part") != "2" || xmpValue(xmp, "pdfaid:conformance") != "B" {
			t.Errorf("pdfaid:part %q, conformance %q", xmpValue(xmp, "pdfaid:part"), xmpValue(xmp, "pdfaid:conformance"))
		}
	})
	t.Run("6.8 embedded files", func(t *testing.T) {
		if root.Key("Names").Key("EmbeddedFiles").Kind() != pdf.Null {
			t.Error("the catalog lists embedded files")
		}
	})
}

// TestPDFUA checks the document-level requirements of PDF/UA-1 (ISO
// 14289-1:2014) that the structure tree test in internal/build does not.
func TestPDFUA(t *testing.T) {
	_, r, meta := archivalPDF(t)
	root := r.Trailer().Key("Root")
	xmp := streamData(t, root.Key("Metadata"))
	t.Run("7.1 marked, with dc:title shown as the title", func(t *testing.T) {
		if !root.Key("MarkInfo").Key("Marked").Bool() {
			t.Error("no /MarkInfo <</Marked true>>")
		}
		if !root.Key("ViewerPreferences").Key("DisplayDocTitle").Bool() {
			t.Error("no /ViewerPreferences <</DisplayDocTitle true>>")
		}
		if xmpValue(xmp, "dc:title") != meta.Title {
			t.Errorf("dc:title %q, want %q", xmpValue(xmp, "dc:title"), meta.Title)
		}
		if xmpValue(xmp, "pdfuaid:part") != "1" {
			t.Error("no pdfuaid:part 1")
		}
		if root.Key("StructTreeRoot").Key("ParentTree").Kind() != pdf.Dict {
			t.Error("no structure tree with a parent tree")
		}
	})
	t.Run("7.2 natural language", func(t *testing.T) {
		if root.Key("Lang").Text() != "en" {
			t.Errorf("catalog /Lang %q", root.Key("Lang").Text())
		}
	})
	t.Run("7.18.3 tab order", func(t *testing.T) {
		for p := 1; p <= r.NumPage(); p++ {
			page := r.Page(p).V
			if page.Key("Tabs").Name() != "S" {
				t.Errorf("page %d has /Tabs %v, want /S", p, page.Key("Tabs"))
			}
			if page.Key("StructParents").Kind() != pdf.Integer {
				t.Errorf("page %d has no /StructParents", p)
			}
		}
	})
	t.Run("7.18.1 annotations in the structure", func(t *testing.T) {
		var links, checks, texts []string
		for _, a := range annotations(r) {
			if a.Key("StructParent").Kind() != pdf.Integer {
				t.Errorf("%s annotation without /StructParent", a.Key("Subtype").Name())
			}
			switch {
			case a.Key("Subtype").Name() == "Link":
				if a.Key("Contents").Text() == "" {
					t.Error("a link without /Contents")
				}
				links = append(links, a.Key("Contents").Text())
			case a.Key("FT").Name() == "Btn":
				checks = append(checks, a.Key("Parent").Key("T").Text()+"."+a.Key("T").Text()+": "+a.Key("TU").Text())
			case a.Key("FT").Name() == "Tx":
				texts = append(texts, a.Key("Parent").Key("T").Text()+"."+a.Key("T").Text()+": "+a.Key("TU").Text())
			}
		}
		wantChecks := []string{
			"reply.received: I have received and read this field safety notice.",
			"reply.actions-done: I have carried out the actions it asks of operators.",
			"reply.passed-on: I have passed this notice on to the customers who received the products from me.",
		}
		wantTexts := []string{"reply.organisation: Organisation", "reply.name: Name", "reply.role: Role", "reply.phone: Phone",
			"reply.email: E-mail", "reply.date: Date", "reply.signature: Signature"}
		if strings.Join(checks, "\n") != strings.Join(wantChecks, "\n") {
			t.Errorf("check boxes:\n%s\nwant\n%s", strings.Join(checks, "\n"), strings.Join(wantChecks, "\n"))
		}
		if strings.Join(texts, "\n") != strings.Join(wantTexts, "\n") {
			t.Errorf("text fields:\n%s\nwant\n%s", strings.Join(texts, "\n"), strings.Join(wantTexts, "\n"))
		}
		if len(links) == 0 {
			t.Error("no links")
		}
	})
}

// TestPDFReplyFormNames checks that a reply form whose tick boxes or blanks do
// not match the names given for them is refused.
func TestPDFReplyFormNames(t *testing.T) {
	meta := testMeta("en", "Urgent Field Safety Notice", "Page %d of %d")
	meta.ReplyForm = &ReplyFormNames{Confirmations: []string{"received"}, Fields: []string{"name"}}
	src, err := os.ReadFile(filepath.Join("testdata", "notice.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = PDF(Parse(src), meta, nil)
	if err == nil || !strings.Contains(err.Error(), "it has 3 tick boxes, but 1 names were given for them (received)") {
		t.Errorf("err = %v", err)
	}
	meta.ReplyForm = &ReplyFormNames{Confirmations: []string{"a.b", "x", "y"}, Fields: []string{"1", "2", "3", "4", "5", "6", "7"}}
	if _, err = PDF(Parse(src), meta, nil); err == nil || !strings.Contains(err.Error(), `field name "a.b"`) {
		t.Errorf("err = %v", err)
	}
	meta = archivalMeta()
	meta.DistributorForm = &ReplyFormNames{Confirmations: []string{"received"}, Columns: []string{"customer"}}
	if _, err = PDF(Parse(src), meta, nil); err == nil || !strings.Contains(err.Error(), "names were given for a distributor reply form, which the edition does not have") {
		t.Errorf("err = %v", err)
	}
}
