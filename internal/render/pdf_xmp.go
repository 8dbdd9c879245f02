package render

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// PDF/A-2b (ISO 19005-2) wants the document's metadata as XMP, equal to the
// document information dictionary (6.6.3), with the PDF/A identification
// (6.6.4), and an output intent whose ICC profile says what the device colours
// mean (6.2.3). The writer writes both the information dictionary and the XMP
// from PDFMeta, so they cannot differ.

// pdfProducer is the /Producer of every edition.
const pdfProducer = "fsn with gofpdf 1.16.2"

// pdfDate writes t as a PDF date (ISO 32000-1, 7.9.4), in UTC.
func pdfDate(t time.Time) string { return t.UTC().Format("D:20060102150405Z") }

// xmpDate writes t as an XMP date, the same instant as pdfDate.
func xmpDate(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// infoDict is the document information dictionary of an edition.
func infoDict(meta PDFMeta) string {
	var b strings.Builder
	b.WriteString("<<")
	for _, e := range []struct{ key, value string }{
		{"Title", meta.Title}, {"Author", meta.Author}, {"Subject", meta.Subject},
		{"Keywords", meta.Keywords}, {"Creator", meta.Creator}, {"Producer", pdfProducer},
	} {
		if e.value != "" {
			fmt.Fprintf(&b, "\n/%s %s", e.key, pdfString(e.value))
		}
	}
	fmt.Fprintf(&b, "\n/CreationDate (%s)\n/ModDate (%s)\n>>", pdfDate(meta.Date), pdfDate(meta.Date))
	return b.String()
}

// xmpText escapes s for XML.
func xmpText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmpMetadata is the XMP packet of an edition: Dublin Core, PDF and XMP basic
// properties equal to infoDict's, the PDF/A-2b and PDF/UA-1 identification, and
// the extension schema that PDF/A-2 (6.6.2.3.2) asks for pdfuaid, which XMP
// does not predefine.
func xmpMetadata(meta PDFMeta, lang string) []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n" +
		"<rdf:Description rdf:about=\"\"\n xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n" +
		" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n" +
		" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n" +
		" xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n" +
		"<dc:format>application/pdf</dc:format>\n")
	if meta.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmpText(meta.Title))
	}
	if meta.Author != "" {
		fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", xmpText(meta.Author))
	}
	if meta.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmpText(meta.Subject))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", xmpText(lang))
	if meta.Keywords != "" {
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmpText(meta.Keywords))
	}
	fmt.Fprintf(&b, "<pdf:Producer>%s</pdf:Producer>\n", xmpText(pdfProducer))
	if meta.Creator != "" {
		fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n", xmpText(meta.Creator))
	}
	date := xmpDate(meta.Date)
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	b.WriteString("<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n<pdfuaid:part>1</pdfuaid:part>\n" +
		"<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n" +
		"<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n" +
		"<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n" +
		"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n" +
		"<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n" +
		"<pdfaProperty:name>part</pdfaProperty:name>\n<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n" +
		"<pdfaProperty:category>internal</pdfaProperty:category>\n" +
		"<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>\n" +
		"</rdf:li></rdf:Seq></pdfaSchema:property>\n</rdf:li></rdf:Bag></pdfaExtension:schemas>\n" +
		"</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// writeArchival writes the information dictionary over gofpdf's, and the XMP
// metadata and the sRGB output intent, returning the catalog's entries for them.
func writeArchival(f *pdfFile, meta PDFMeta, lang string) string {
	f.objects[f.info] = &pdfObject{value: []byte(infoDict(meta))}
	// Compressed: PDF/A-1 (ISO 19005-1, 6.7.2) forbade a filter on the
	// document's metadata stream; PDF/A-2 (6.6.2.1) does not, and it saves
	// 1.4 KB of the 2.4 KB packet.
	xmp := f.addStream("<</Type /Metadata /Subtype /XML /Filter /FlateDecode>>", deflate(xmpMetadata(meta, lang)))
	icc := f.addStream("<</N 3 /Filter /FlateDecode>>", srgbFlate())
	intent := f.add(fmt.Sprintf("<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile %d 0 R>>", icc))
	return fmt.Sprintf("/Metadata %d 0 R /OutputIntents [%d 0 R]", xmp, intent)
}
