package notice

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestEditions checks the rule that decides a notice's editions: a language
// whose countries all name one contact has one edition, named by the
// language; a language whose countries name different contacts has one per
// country.
func TestEditions(t *testing.T) {
	n, err := Load("testdata/countries")
	if err != nil {
		t.Fatal(err)
	}
	type ed struct {
		tag, lang, country string
		countries          []string
		local              string // the local contact's name, "" for the notice's
	}
	var got []ed
	for _, e := range n.Editions() {
		g := ed{e.Tag, e.Lang, e.Country, e.Countries, ""}
		if e.Contact != nil {
			g.local = e.Contact.Name
		}
		got = append(got, g)
	}
	want := []ed{
		{"en", "en", "", nil, ""},
		{"fr-BE", "fr", "BE", []string{"BE"}, ""},
		{"fr-CH", "fr", "CH", []string{"CH"}, "Luca Meier"},
		{"fr-FR", "fr", "FR", []string{"FR"}, ""},
		{"de-BE", "de", "BE", []string{"BE"}, ""},
		{"de-CH", "de", "CH", []string{"CH"}, "Luca Meier"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("editions\n got %+v\nwant %+v", got, want)
	}
	if eds, unknown := n.SelectEditions([]string{"fr", "de-CH"}); unknown != "" || len(eds) != 4 || eds[3].Tag != "de-CH" {
		t.Errorf("SelectEditions(fr, de-CH) = %+v, %q; want fr-BE, fr-CH, fr-FR, de-CH", eds, unknown)
	}
	if _, unknown := n.SelectEditions([]string{"fr-IT"}); unknown != "fr-IT" {
		t.Errorf("SelectEditions(fr-IT) names no unknown edition")
	}
	if e, ok := n.EditionFor("en-CH"); !ok || e.Tag != "en" {
		t.Errorf("EditionFor(en-CH) = %+v, %v; want en, which is for every country", e, ok)
	}
	var ids []string
	for _, text := range n.Texts() {
		if strings.HasPrefix(text.ID, "countries.") {
			ids = append(ids, text.ID)
		}
	}
	if want := []string{"countries.CH.contact.role", "countries.CH.contact.organisation.country"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("the local contact's messages are %q, want %q", ids, want)
	}

	// The same contact everywhere: one edition per language, as without countries.
	src, err := os.ReadFile("testdata/countries/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, contact, _ := strings.Cut(string(src), "    contact:\n")
	contact, _, _ = strings.Cut(contact, "  - code: FR")
	same := strings.Replace(string(src), "    languages: [fr]\n", "    languages: [fr]\n    contact:\n"+contact, 1)
	same = strings.Replace(same, "  - code: BE\n    languages: [fr, de]\n", "  - code: BE\n    languages: [de]\n", 1)
	n, err = Parse(filepath.Join("testdata", "countries", FileName), []byte(same))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.EditionTags(), []string{"en", "fr", "de-BE", "de-CH"}; !reflect.DeepEqual(got, want) {
		t.Errorf("editions when CH and FR share a contact for fr = %q, want %q", got, want)
	}
	if e, _ := n.Edition("fr"); e.Contact == nil || e.Contact.Name != "Luca Meier" || !reflect.DeepEqual(e.Countries, []string{"CH", "FR"}) {
		t.Errorf("the fr edition is %+v; want it for CH and FR, naming their contact", e)
	}
	for tag, want := range map[string]string{"fr-CH": "fr", "fr-FR": "fr", "fr-BE": "", "de-CH": "de-CH"} {
		if e, _ := n.EditionFor(tag); e.Tag != want {
			t.Errorf("EditionFor(%s) = %q, want %q", tag, e.Tag, want)
		}
	}
}

// TestCountriesBadInput breaks the countries of the test notice in one way
// per case and checks where and what the error says.
func TestCountriesBadInput(t *testing.T) {
	valid, err := os.ReadFile("testdata/countries/notice.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []badInput{
		{"unknown code", "code: FR", "code: XY", "19:11", `"XY" is not the code of a country`},
		{"three letters", "code: FR", "code: FRA", "19:11", `"FRA" is not an ISO 3166-1 alpha-2 country code`},
		{"small letters", "code: FR", "code: fr", "19:11", "is written in small letters; write FR"},
		{"old code", "code: FR", "code: UK", "19:11", "is an old code; ISO 3166-1 now writes GB"},
		{"no longer assigned", "code: FR", "code: YU", "19:11", "is no longer assigned"},
		{"reserved", "code: FR", "code: EU", "19:11", `"EU" is not the code of a country`},
		{"duplicate", "code: FR", "code: BE", "19:11", "BE is listed twice (first at line 6)"},
		{"language not listed", "    languages: [fr]\n", "    languages: [fr, it]\n", "20:21", `FR lists the language "it", which the notice does not`},
		{"language twice", "    languages: [fr]\n", "    languages: [fr, fr]\n", "20:21", `FR lists the language "fr" twice`},
		{"no languages", "    languages: [fr]\n", "    languages: []\n", "19:11", "FR lists no languages"},
		{"contact without name", "      name: Luca Meier\n", "", "8:11", "local contact of CH has no name"},
		{"contact unreachable", "      phone: +41 44 123 45 67\n      email: ch-rep@acme.example\n", "", "12:13", "local contact of CH has neither phone nor e-mail"},
		{"unknown field", "      phone: +41 44 123 45 67", "      telephone: +41 44 123 45 67", "17:7", `unknown field "telephone"`},
		{"edition named as a language", "languages: [en, fr, de]", "languages: [en, fr, de, fr-CH]", "8:11", "the edition of fr for CH would be fr-CH, which the notice also lists as a language"},
		{"language of another region", "languages: [en, fr, de]", "languages: [en, fr, de, de-AT]", "9:25", "a language of the region AT"},
	}
	src := string(valid)
	// CH lists de-AT, which the case "language of another region" adds to the
	// notice's languages: a language of Austria listed for Switzerland.
	src = strings.Replace(src, "    languages: [de, fr]\n", "    languages: [de, fr, de-AT]\n", 1)
	breakNotice(t, filepath.Join("testdata", "countries", FileName), src, tests)
}

// BenchmarkEditions measures the editions of a notice in the 24 official
// languages of the EU sent to its 27 countries, each with a contact of its
// own: what every edition's build, key and verification asks for.
func BenchmarkEditions(b *testing.B) {
	n, err := Load("testdata/countries")
	if err != nil {
		b.Fatal(err)
	}
	langs := []string{"bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"}
	codes := []string{"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"}
	n.Languages, n.Countries = langs, nil
	for i, c := range codes {
		k := n.Contact
		k.Name = fmt.Sprintf("Representative %d", i)
		n.Countries = append(n.Countries, Country{Code: c, Languages: []string{langs[i%len(langs)], "en", "de", "fr"}, Contact: &k})
	}
	b.ReportAllocs()
	for b.Loop() {
		if len(n.Editions()) == 0 {
			b.Fatal("no editions")
		}
	}
}
