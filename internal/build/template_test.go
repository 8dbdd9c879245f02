package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// templateField is one field of the EU FSN template (MDCG guidance, revision of
// 2025): where notice.yaml holds it, and what the English edition of
// notices/infusia-ip7-2026-05, which fills every field, shows for it.
type templateField struct {
	template string // the template's field
	yaml     string // its field in notice.yaml, as docs/notice-format.md names it
	shows    []string
}

// templateFields is the template's field list, in the template's order; the
// table in docs/notice-format.md lists the same fields.
var templateFields = []templateField{
	{"Urgent field safety notice: commercial name", "product", []string{"Urgent Field Safety Notice", "Infusia IP-7 volumetric infusion pump with BP-7 battery pack"}},
	{"FSN reference", "reference", []string{"INF-FSCA-2026-02-B"}},
	{"Date", "date", []string{"4 May 2026"}},
	{"Attention", "attention", []string{"Nursing management, biomedical engineering"}},
	{"What to do, by when", "actions.groups[].do, .deadline", []string{"What to do, by when", "For users of the pump:", "by 8 May 2026 (before the pump is next used)", "Return the distributor and importer reply form, by 15 May 2026"}},
	{"1 Device type", "devices[].type", []string{"Volumetric infusion pump", "Rechargeable lithium-ion battery pack"}},
	{"1 Commercial name", "devices[].name", []string{"Infusia IP-7", "BP-7"}},
	{"1 UDI-DI", "devices[].udi_di", []string{"04260123450014", "+E123BP722001N"}},
	{"1 Primary clinical purpose", "devices[].purpose", []string{"Controlled intravenous infusion of fluids"}},
	{"1 Model", "devices[].model", []string{"Model", "IP-7"}},
	{"1 Catalogue number", "devices[].catalogue", []string{"Catalogue number", "700-1000"}},
	{"1 Part number", "devices[].part", []string{"Part number", "BP7-2200"}},
	{"1 Software version", "devices[].version", []string{"Version", "3.2.1"}},
	{"1 Serial or lot numbers", "devices[].serials, .lots", []string{"IP7-24-00001 to IP7-25-18250", "L2408 to L2431, L2502"}},
	{"1 Associated devices", "devices[].associated", []string{"Associated devices", "The BC-7 docking charger is not affected"}},
	{"1 Images: device label", "devices[].images", []string{"Where to find the lot number on the BP-7 battery pack"}},
	{"2 Product problem", "problem.cause, .symptoms", []string{"A deviation in the production of the battery cells", "The battery cover bulges"}},
	{"2 Hazard", "problem.hazard", []string{"Hazard:", "Loss of battery power"}},
	{"2 Probability", "problem.probability", []string{"Probability of occurrence:", "37 reports"}},
	{"2 Predicted risk to patients and users", "problem.risk", []string{"A swollen pack can stop supplying power"}},
	{"2 Further information", "problem.further_information", []string{"Further information:", "A pump connected to mains power"}},
	{"2 Background", "problem.background", []string{"Background:", "With the notice of 16 February 2026"}},
	{"3 Action to be taken by the user (tick boxes)", "actions.groups[].do, .other", []string{"Quarantine the affected devices", "Follow the patient management recommendations", "On-site device modification or inspection", "Other: pass this notice on"}},
	{"3 Details of the action", "actions.groups[].steps, .text", []string{"Before each use, look at the battery cover", "Send this notice to every customer"}},
	{"3 By when", "actions.groups[].deadline", []string{"Deadline:", "by 29 May 2026", "by 15 May 2026"}},
	{"3 Implantable device considerations", "actions.implant", []string{"Particular considerations for implantable devices:", "The IP-7 is not implanted"}},
	{"3 Follow-up of patients", "actions.patient_follow_up", []string{"Follow-up of patients:", "Review patients whose infusion"}},
	{"3 Customer reply required, by when", "reply_form, reply_form.deadline", []string{"Return the customer reply form, by 29 May 2026"}},
	{"3 Action taken by the manufacturer (tick boxes)", "manufacturer_actions.do, .text", []string{"Product removal", "We send each facility replacement kits"}},
	{"3 By when (manufacturer)", "manufacturer_actions.deadline", []string{"by 30 June 2026 (for every pack of an affected lot)"}},
	{"3 Communicated to patients or lay users", "actions.lay_users.required", []string{"This notice must be passed on to patients or lay users."}},
	{"3 Lay information sheet", "actions.lay_users.sheet", []string{"Information sheet for patients or lay users: Information for patients who use the Infusia IP-7 at home"}},
	{"4 FSN type: new or update", "type, follows", []string{"Follow-up to field safety notice INF-FSCA-2026-02"}},
	{"4 Previous FSN reference and date", "follows, follows_date", []string{"Previous field safety notice:", "INF-FSCA-2026-02, 16 February 2026"}},
	{"4 Key new information", "new_information", []string{"Key new information:", "Battery lots L2428 to L2431"}},
	{"4 Further FSN expected, about what, when", "further_notice", []string{"Further field safety notice expected:", "root-cause analysis", "(by the end of September 2026)"}},
	{"4 Manufacturer, address, SRN", "manufacturer", []string{"Infusia Medical GmbH", "Carl-Zeiss-Ring 12", "DE-MF-000012345"}},
	{"4 Website", "manufacturer.website", []string{"Website:", "https://www.infusia-medical.example"}},
	{"4 Competent authority informed", "authority", []string{"BfArM"}},
	{"4 Attachments", "attachments", []string{"Attachments:", "List of the affected battery lots and pump serial numbers"}},
	{"4 Contact person", "contact", []string{"Jonas Keller", "+49 89 9400 7120", "fsca@infusia-medical.example"}},
	{"4 Name and signature", "signatory", []string{"Dr. Miriam Albrecht", "Head of Vigilance and Safety Officer"}},
	{"Transmission", "transmission", []string{"Please pass this notice on to everyone in your organisation"}},
	{"Customer reply form", "reply_form", []string{"Customer reply form", "We have replaced and returned every pack", "Number of packs replaced"}},
	{"Customer reply form: return address, channels", "reply_form.address, .email, .fax, .web", []string{"Return address:", "https://www.infusia-medical.example/fsca", "+49 89 9400 7199"}},
	{"Distributor/importer reply form", "distributor_reply_form", []string{"Distributor and importer reply form", "We have sent this notice to every customer listed below."}},
	{"Distributor/importer reply form: onward distribution", "distributor_reply_form", []string{"Customers to whom the affected devices were supplied:", "Notice passed on (date)"}},
}

// TestEveryTemplateFieldInEveryEdition builds the notice that fills every field
// of the EU FSN template and finds each field in the Markdown, HTML and PDF
// text of its English edition; and checks that docs/notice-format.md maps each.
func TestEveryTemplateFieldInEveryEdition(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is not installed; .ci/run installs it")
		}
		t.Skip("pdftotext is not installed")
	}
	const id = "infusia-ip7-2026-05"
	opts := seedOptions(t.TempDir())
	opts.Notices = []string{filepath.Join(root, "notices", id)}
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"de": {"Was zu tun ist, bis wann", "Für Anwender der Pumpe:", "bis 8. Mai 2026 (vor der nächsten Verwendung der Pumpe)", "Rückantwortformular für Händler und Importeure"},
		"fr": {"Que faire, et avant quand", "Pour les utilisateurs de la pompe :", "au plus tard le 8 mai 2026 (avant la prochaine utilisation de la pompe)", "Formulaire de réponse des distributeurs et importateurs"},
	} {
		for format, text := range editionTexts(t, pdftotext, filepath.Join(opts.OutDir, id, id+"."+lang+".")) {
			for _, s := range want {
				if !strings.Contains(text, squeeze(s)) {
					t.Errorf("%s: the %s edition does not show %q", lang, format, s)
				}
			}
		}
	}
	editions := editionTexts(t, pdftotext, filepath.Join(opts.OutDir, id, id+".en."))
	doc, err := os.ReadFile(filepath.Join(root, "docs", "notice-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range templateFields {
		for format, text := range editions {
			for _, s := range f.shows {
				if !strings.Contains(text, squeeze(s)) {
					t.Errorf("%s (%s): the %s edition does not show %q", f.template, f.yaml, format, s)
				}
			}
		}
		if !strings.Contains(string(doc), "| "+f.template+" | `"+f.yaml+"` |") {
			t.Errorf("docs/notice-format.md has no row | %s | `%s` | …", f.template, f.yaml)
		}
	}
}

// editionTexts returns the text of the Markdown, HTML and PDF editions at
// base+"md", "html" and "pdf", without white space.
func editionTexts(t *testing.T, pdftotext, base string) map[string]string {
	t.Helper()
	md, err := os.ReadFile(base + "md")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(base + "html")
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := exec.Command(pdftotext, "-enc", "UTF-8", base+"pdf", "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %spdf: %v", base, err)
	}
	return map[string]string{
		"Markdown": squeeze(markdownText(string(md))),
		"HTML":     squeeze(htmlText(t, page)),
		"PDF":      squeeze(string(pdf)),
	}
}

// markdownText drops the Markdown marks the Markdown edition puts around texts.
var markdownMarks = strings.NewReplacer("**", "", "\\", "", "<", "", ">", "")

func markdownText(s string) string { return markdownMarks.Replace(s) }

var tags = regexp.MustCompile(`<[^>]*>`)

// htmlText returns the text of an HTML page's body.
func htmlText(t *testing.T, page []byte) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(string(page)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "style" || n.Data == "script" || n.Data == "head") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return tags.ReplaceAllString(b.String(), "")
}
