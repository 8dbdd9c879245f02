package check

import (
	"slices"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
	"github.com/fsn-tool/fsn/internal/notice"
)

// testNotice names the tokens of the seed that the tests below use.
var testNotice = &notice.Notice{
	Reference:      "IIS-FSN-2017-11",
	Untranslatable: []string{"iQ-WEBX", "LicGen.exe", "Sales Partner Login Area", "Trojan:Win32/Rundas.B"},
	Devices:        []notice.Device{{Name: "iQ-X", Version: "2.2.0"}, {Name: "iQ-WEB", Version: "≤ 6.4.5"}, {Name: "iQ-4VIEW", Version: "≤ 2.0"}},
	Contact:        notice.Contact{Phone: "+49 381 4 96 58 20", Email: "support@image-systems.biz"},
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name, lang, src, tr string
		want                []string // check ids, in order
		msg                 string   // in the first issue's message
	}{
		{"same tokens", "it", "Update iQ-WEB ≤ 6.4.5 to iQ-X 2.2.0.", "Aggiornare iQ-WEB ≤ 6.4.5 a iQ-X 2.2.0.", nil, ""},
		{"range lost its ≤", "it", "Affected: iQ-WEB ≤ 6.4.5.", "Interessato: iQ-WEB 6.4.5.", []string{TokenChanged}, `"≤ 6.4.5" into "6.4.5"`},
		{"no space after ≤", "de", "Affected: iQ-WEB ≤ 6.4.5.", "Betroffen: iQ-WEB ≤6.4.5.", nil, ""},
		{"version shortened", "it", "If iQ-X 2.2.0.6 is installed.", "Se è installato iQ-X 2.2.0.", []string{TokenChanged}, `"2.2.0.6" into "2.2.0"`},
		{"German compound", "de", "with an iQ-X 2.2.0 licence", "mit einer iQ-X-2.2.0-Lizenz", nil, ""},
		{"name inside a longer name", "it", "Log in to iQ-WEB.", "Accedere a iQ-WEBX.", []string{TokenMissing}, `product name "iQ-WEB"`},
		{"one mention lost", "it", "iQ-WEB and iQ-WEB.", "iQ-WEB e lui.", []string{TokenMissing}, `"iQ-WEB" 1 times, the source 2 times`},
		{"week number", "de", "Since calendar week 37 (11–17 September).", "Seit Kalenderwoche 36 (11.–17. September).", []string{TokenChanged}, `number "37" into "36"`},
		{"path", "de", "usually `C:\\Program Files\\iQ-WEBX`.", "meist `C:\\Programme\\iQ-WEBX`.", []string{TokenChanged}, `path "C:\Program Files\iQ-WEBX"`},
		{"folder placeholder translated", "it", "to `<your iQ-WEBX installation directory>\\PACS\\php\\`.", "in `<La vostra directory di iQ-WEBX>\\PACS\\php\\`.", nil, ""},
		{"folder lost from a path", "it", "to `<iQ-WEBX directory>\\PACS\\php\\`.", "in `<directory di iQ-WEBX>\\PACS\\`.", []string{TokenChanged}, `into "<directory di iQ-WEBX>\PACS\"`},
		{"phone spacing", "de", "Call +49 381 4 96 58 20.", "Rufen Sie +49 381 4965820 an.", nil, ""},
		{"phone digit", "de", "Call +49 381 4 96 58 20.", "Rufen Sie +49 381 4 96 58 21 an.", []string{TokenChanged}, `phone number`},
		{"e-mail", "it", "Write to <support@image-systems.biz>.", "Scrivere a <supporto@image-systems.biz>.", []string{TokenChanged}, `e-mail address "support@image-systems.biz"`},
		{"URL and a full stop", "it", "See https://www.image-systems.biz/.", "Vedere https://www.image-systems.biz/.", nil, ""},
		{"term translated", "it", `the "Sales Partner Login Area"`, `l'"Area partner"`, []string{TokenMissing}, `untranslatable term "Sales Partner Login Area"`},
		{"placeholder spacing", "it", "The following {{.Count}} devices:", "I seguenti {{ .Count }} dispositivi:", nil, ""},
		{"placeholder unknown", "it", "Page {{.Page}} of {{.Pages}}", "Pagina {{.Page}} di {{.Pagine}}", []string{TokenChanged}, `"{{.Pages}}" into "{{.Pagine}}"`},
		{"code span kept as text", "it", "Look for `LicGen.exe`.", "Cercare LicGen.exe.", []string{CodeChanged}, "the text is there but not as code"},
		{"code span and token lost", "it", "Look for `LicGen.exe`.", "Cercare il file.", []string{TokenMissing}, `file name "LicGen.exe"`},
		{"link target", "it", "download [here](https://www.image-systems.biz/).", "scaricare [qui](https://example.com/).", []string{LinkChanged}, `"https://www.image-systems.biz/" into "https://example.com/"`},
		{"autolink made text", "it", "at <support@image-systems.biz>.", "a support@image-systems.biz.", []string{LinkChanged}, "lost the link"},
		{"javascript link", "it", "[here](https://www.image-systems.biz/)", "[qui](JavaScript:alert(1))", []string{UnsafeLink, LinkChanged}, `"JavaScript:alert(1)"`},
		{"emphasis lost", "it", "It must be **directly** there.", "Deve essere direttamente lì.", []string{EmphasisChanged}, "strong emphasis 0 times, the source 1 times"},
		{"raw HTML", "it", "Restart.", "Riavviare.<img src=x onerror=alert(1)>", []string{RawHTML}, "<img"},
		{"path placeholder outside code", "it", "Copy to `<dir>\\PACS\\`.", "Copiare in <dir>\\PACS\\.", []string{TokenMissing, RawHTML}, ""},
		{"extra list item", "it", "Restart.", "Riavviare.\n\n2. Controllare.", []string{BlockChanged, SentenceCount}, "a paragraph and a list of 1 item"},
		{"unchanged", "it", "Restart the server and scan it.", "Restart the server and scan it.", []string{Unchanged}, ""},
		{"unchanged name", "de", "Name", "Name", nil, ""},
		{"unchanged tokens only", "it", "iQ-X 2.2.0", "iQ-X 2.2.0", nil, ""},
		{"German ordinal is no sentence end", "de", "Since 11–17 September it fails.", "Seit 11.–17. September schlägt es fehl.", nil, ""},
		{"abbreviation", "de", "Restart the server, e.g. Windows.", "Starten Sie den Server neu, z. B. Windows.", nil, ""},
		{"sentence lost", "it", "Update iQ-WEBX. Then restart it.", "Aggiornare iQ-WEBX.", []string{SentenceCount}, "has 1 sentences, the source 2"},
		{"full stop after a lot number", "cs", "Do not use lot L2519. The pump stops.", "Šarži L2519 nepoužívejte. Pumpa se zastaví.", nil, ""},
		{"sentence lost after a lot number", "cs", "Do not use lot L2519. The pump stops.", "Šarži L2519 nepoužívejte.", []string{SentenceCount}, "has 1 sentences, the source 2"},
		{"full stop after a number may end a sentence", "de", "Do not use pack 2519. Call us.", "Verwenden Sie Akku 2519 nicht. Rufen Sie uns an.", nil, ""},
		{"full stop after an abbreviation may end a sentence", "de", "Keep cables, plugs and so on. Then stop.", "Kabel, Stecker usw. aufbewahren. Dann anhalten.", nil, ""},
		{"Bulgarian year abbreviation ends the sentence", "bg", "Return it by 12 August 2027.", "Върнете го до 12 август 2027 г.", nil, ""},
		{"Bulgarian year abbreviation where the source has none", "bg", "Date: 12 August 2027", "Дата: 12 август 2027 г.", nil, ""},
		{"end punctuation", "it", "Follow these steps:", "Seguire questi passi.", []string{EndPunct}, `ends with ".", the source with ":"`},
		{"abbreviation at the end", "it", "Phone", "Tel.", nil, ""},
		{"closing quote", "it", `a "field safety notice".`, `una "informazione di sicurezza".`, nil, ""},
		{"doubled word", "it", "Restart the server.", "Riavviare il il server.", []string{DoubledWord}, `"il"`},
		{"German die die", "de", "operators who run the software.", "Betreiber, die die Software betreiben.", nil, ""},
		{"Czech groups by a no-break space", "cs", "41,800 units.", "41\u00a0800 kusů.", nil, ""},
		{"Czech groups by a space", "cs", "41,800 units.", "41 800 kusů.", nil, ""},
		{"French groups by a narrow no-break space", "fr", "41,800 units.", "41\u202f800 unités.", nil, ""},
		{"German groups by a full stop", "de", "41,800 units.", "41.800 Einheiten.", nil, ""},
		{"Czech reads 41,800 as 41.8", "cs", "41,800 units.", "41,800 kusů.", []string{NumberMisread}, `writes "41,800", which cs readers read as 41.8; write "41` + "\u00a0" + `800"`},
		{"Czech percent", "cs", "0.09% of them.", "0,09 % z nich.", nil, ""},
		{"Czech percent with a no-break space", "cs", "0.09% of them.", "0,09\u00a0% z nich.", nil, ""},
		{"English decimal in Czech", "cs", "0.09% of them.", "0.09 % z nich.", []string{NumberMisread}, `"0.09 %", which is not how cs writes a number (decimal sign ",", digits grouped by a no-break space); write "0,09` + "\u00a0" + `%"`},
		{"percent sign lost", "cs", "0.09% of them.", "0,09 z nich.", []string{TokenChanged}, `"0.09%" into "0,09"`},
		{"Turkish percent before", "tr", "0.09% of them.", "Bunların %0,09 oranında.", nil, ""},
		{"German reads 1.234 as 1234", "de", "A tolerance of 1.234 mm.", "Eine Toleranz von 1.234 mm.", []string{NumberMisread}, `de readers read as 1234; write "1,234"`},
		{"German thousands", "de", "1,234 units.", "1.234 Einheiten.", nil, ""},
		{"German reads 1,234 as 1.234", "de", "1,234 units.", "1,234 Einheiten.", []string{NumberMisread}, `de readers read as 1.234; write "1.234"`},
		{"value changed", "cs", "41,800 units.", "41 900 kusů.", []string{TokenChanged}, `number "41,800" into "41 900"`},
		{"version stays as written", "cs", "Update to 2.2.0 first.", "Nejprve aktualizujte na 2.2.0.", nil, ""},
		{"version after a product", "cs", "Replace iQ-4VIEW 2.1 today.", "Vyměňte iQ-4VIEW 2.1 dnes.", nil, ""},
		{"number of a notice version", "cs", "Versions up to 2.0 are affected.", "Verze do 2.0 jsou dotčeny.", nil, ""},
		{"time of day", "de", "at 10:30 CET.", "um 10:30 MEZ.", nil, ""},
		{"Greek ordinal date", "el", "until 12 August 2026.", "έως τις 12ης Αυγούστου 2026.", nil, ""},
		{"Greek date lost its day", "el", "until 12 August 2026.", "έως τον Αύγουστο 2026.", []string{TokenMissing}, `lost the number "12"`},
		{"French ordinal", "fr", "on 1 August 2026.", "le 1er août 2026.", nil, ""},
		{"Bulgarian ordinal", "bg", "the 2nd batch.", "2-ри пакет.", nil, ""},
		{"Hungarian date", "hu", "Return it by 12 August 2026.", "Küldje vissza 2026. augusztus 12-ig.", nil, ""},
		{"Hungarian year opens a paragraph", "hu", "By 12 August 2026.", "2026\\. augusztus 12-ig.", nil, ""},
		{"Hungarian ordinal day ends a date", "hu", "Date: 12 August 2026", "Dátum: 2026. augusztus 12.", nil, ""},
		{"Croatian ordinal year ends a date", "hr", "Date: 12 August 2026", "Datum: 12. kolovoza 2026.", nil, ""},
		{"an added sentence after a number still warns", "it", "Lots up to 2026", "Lotti fino al 2026.", []string{EndPunct}, `ends with "."`},
		{"a colon introduces what a joining word joins", "tr", "concerning", "ilgili ürün:", nil, ""},
		{"a colon after a phrase still warns", "tr", "Follow these steps", "Bu adımları izleyin:", []string{EndPunct}, `ends with ":"`},
		{"Czech range with an en dash", "cs", "Lots 11–17 of 2026.", "Šarže 11–17 z roku 2026.", nil, ""},
		{"range end changed", "cs", "Lots 11–17 of 2026.", "Šarže 11–18 z roku 2026.", []string{TokenChanged}, `number "17" into "18"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &comparison{voc: newVocabulary(testNotice, nil), lang: language.MustParse(tt.lang)}
			issues := c.compare(parseMarkup(tt.src), parseMarkup(tt.tr))
			var got []string
			for _, is := range issues {
				got = append(got, is.check)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("compare(%q, %q) = %v, want %v: %v", tt.src, tt.tr, got, tt.want, issues)
			}
			if tt.msg != "" && !strings.Contains(issues[0].msg, tt.msg) {
				t.Errorf("message %q does not say %q", issues[0].msg, tt.msg)
			}
		})
	}
}

func TestTokenKinds(t *testing.T) {
	voc := newVocabulary(testNotice, nil)
	tests := []struct{ text, want string }{
		{"`LicGen.exe` in `C:\\Program Files\\iQ-WEBX`.", `file name "LicGen.exe", path "C:\Program Files\iQ-WEBX"`},
		{"(for example `Trojan:Win32/Rundas.B`)", `untranslatable term "Trojan:Win32/Rundas.B"`},
		{"iQ-4VIEW ≤ 2.0 and iQ-WEBX", `product name "iQ-4VIEW", version "≤ 2.0", untranslatable term "iQ-WEBX"`},
		{"fax +49 381 4 96 58 20 or <support@image-systems.biz>", `phone number "+49 381 4 96 58 20", e-mail address "support@image-systems.biz"`},
		{"steps 1 to 4 of IIS-FSN-2017-11", `number "1", number "4", identifier "IIS-FSN-2017-11"`},
		{"see /var/log/fsn.log and x64", `path "/var/log/fsn.log"`},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range voc.tokens(parseMarkup(tt.text).plain) {
			got = append(got, tok.kind+" "+diag.Quote(tok.text))
		}
		if s := strings.Join(got, ", "); s != tt.want {
			t.Errorf("tokens(%q) = %s, want %s", tt.text, s, tt.want)
		}
	}
}

func TestPluralForms(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"en", "one other"},
		{"de", "one other"},
		{"it", "one many other"}, // go-i18n 2.7 follows CLDR 42+: "many" for a million
		{"pl", "one few many other"},
		{"ar", "zero one two few many other"},
		{"ja", "other"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range pluralForms(language.MustParse(tt.lang)) {
			got = append(got, f.name)
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("pluralForms(%s) = %s, want %s", tt.lang, s, tt.want)
		}
	}
}

func TestWaivers(t *testing.T) {
	data := `# fsn:waive unchanged: above the table
[x.a]
other = "x"
# fsn:waive token-missing: inside the table, after its keys

# fsn:waive doubled-word: above b, after a blank line
[x.b]
# fsn:waive length-ratio: inside b
other = "y"
# fsn:waive nonsense: unknown
# fsn:waive stale: not waivable
# fsn:waive unchanged
`
	f, err := l10n.ParseFile("x.it.toml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	waivers, bad := readWaivers(f)
	got := map[string][]string{}
	for id, ws := range waivers {
		for _, w := range ws {
			got[id] = append(got[id], w.check+": "+w.reason)
		}
	}
	want := map[string][]string{
		"a": {"unchanged: above the table", "token-missing: inside the table, after its keys"},
		"b": {"doubled-word: above b, after a blank line", "length-ratio: inside b"},
	}
	for id := range want {
		if !slices.Equal(got[id], want[id]) {
			t.Errorf("waivers of %s = %q, want %q", id, got[id], want[id])
		}
	}
	var lines []int
	for _, f := range bad {
		lines = append(lines, f.Pos.Line)
	}
	if !slices.Equal(lines, []int{10, 11, 12}) {
		t.Errorf("invalid waivers on lines %v, want 10, 11, 12: %v", lines, bad)
	}
}

// TestPluralFormPlaceholders: a form may name the count where the English form of
// the same category does not, since the language's form serves other counts too
// (Lithuanian "one" is for 1, 21, 31, …), but only with the placeholders the
// source has.
func TestPluralFormPlaceholders(t *testing.T) {
	src := &source{Message: &i18n.Message{ID: "devices-intro",
		One: "The following device is affected:", Other: "The following {{.Count}} devices are affected:"}}
	tests := []struct {
		name, lang string
		tr         *i18n.Message
		want       []string
	}{
		{"Lithuanian one names the count", "lt", &i18n.Message{One: "Susijusi {{.Count}} priemonė:", Few: "Susijusios {{.Count}} priemonės:", Many: "Priemonės ({{.Count}}):", Other: "Priemonės ({{.Count}}):"}, nil},
		{"Dutch one says it in words", "nl", &i18n.Message{One: "Het volgende hulpmiddel is betrokken:", Other: "De volgende {{.Count}} hulpmiddelen zijn betrokken:"}, nil},
		{"a placeholder the source lacks", "lt", &i18n.Message{One: "Susijusi {{.Pages}} priemonė:", Few: "Susijusios {{.Count}} priemonės:", Many: "Priemonės ({{.Count}}):", Other: "Priemonės ({{.Count}}):"}, []string{TokenChanged}},
		{"other lost the count", "nl", &i18n.Message{One: "Het volgende hulpmiddel is betrokken:", Other: "De volgende hulpmiddelen zijn betrokken:"}, []string{TokenMissing}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tag := language.MustParse(tt.lang)
			lc := &localeCheck{lang: tt.lang, tag: tag, plurals: func() []pluralForm { return pluralForms(tag) }}
			cmp := &comparison{voc: newVocabulary(nil, nil), lang: tag}
			tt.tr.ID = src.ID
			var got []string
			for _, is := range lc.compareForms(cmp, src, &l10n.Message{Message: tt.tr}, parseMarkup(src.Other), parseMarkup(tt.tr.Other)) {
				got = append(got, is.check)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("compareForms = %v, want %v", got, tt.want)
			}
		})
	}
}
