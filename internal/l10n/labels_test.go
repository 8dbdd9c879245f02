package l10n

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestShippedLabelsRender formats the date, the page footer and the sentence
// before the devices table with each language's shipped labels, as the editions
// show them: dates in the language's order and month forms, and the plural form
// that the language's grammar takes for the count.
func TestShippedLabelsRender(t *testing.T) {
	n, c := loadSeed(t)
	date := time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, date, page string
		devices          int
		devicesIntro     string
	}{
		{"bg", "1 декември 2026 г.", "Страница 1 от 3", 2, "Следните 2 медицински изделия са засегнати или може да бъдат засегнати:"},
		{"cs", "1. prosince 2026", "Strana 1 z 3", 3, "Následující 3 zdravotnické prostředky jsou nebo mohou být dotčeny:"},
		{"cs", "1. prosince 2026", "Strana 1 z 3", 5, "Následujících 5 zdravotnických prostředků je nebo může být dotčeno:"},
		{"da", "1. december 2026", "Side 1 af 3", 1, "Følgende produkt er eller kan være berørt:"},
		{"el", "1 Δεκεμβρίου 2026", "Σελίδα 1 από 3", 2, "Επηρεάζονται ή ενδέχεται να επηρεάζονται τα ακόλουθα 2 ιατροτεχνολογικά προϊόντα:"},
		{"is", "1. desember 2026", "Síða 1 af 3", 21, "Málið varðar eða kann að varða eftirfarandi 21 lækningatæki:"},
		{"es", "1 de diciembre de 2026", "Página 1 de 3", 2, "Los siguientes 2 productos sanitarios están o pueden estar afectados:"},
		{"et", "1. detsember 2026", "Lehekülg 1/3", 2, "Probleem puudutab või võib puudutada järgmisi meditsiiniseadmeid (2):"},
		{"fi", "1. joulukuuta 2026", "Sivu 1/3", 1, "Asia koskee tai saattaa koskea seuraavaa lääkinnällistä laitetta:"},
		{"fr", "1 décembre 2026", "Page 1 sur 3", 2, "Les 2 dispositifs médicaux suivants sont ou pourraient être concernés\u00a0:"},
		{"ga", "1 Nollaig 2026", "Leathanach 1 as 3", 2, "Tá an dá fheiste leighis seo a leanas i gceist, nó d'fhéadfadh siad a bheith i gceist:"},
		{"ga", "1 Nollaig 2026", "Leathanach 1 as 3", 4, "Tá na 4 fheiste leighis seo a leanas i gceist, nó d'fhéadfadh siad a bheith i gceist:"},
		{"ga", "1 Nollaig 2026", "Leathanach 1 as 3", 8, "Tá na 8 bhfeiste leighis seo a leanas i gceist, nó d'fhéadfadh siad a bheith i gceist:"},
		{"hr", "1. prosinca 2026.", "Stranica 1 od 3", 21, "Sljedeći 21 medicinski proizvod jest ili bi mogao biti zahvaćen:"},
		{"hr", "1. prosinca 2026.", "Stranica 1 od 3", 3, "Sljedeća 3 medicinska proizvoda jesu ili bi mogla biti zahvaćena:"},
		{"hr", "1. prosinca 2026.", "Stranica 1 od 3", 5, "Sljedećih 5 medicinskih proizvoda jest ili bi moglo biti zahvaćeno:"},
		{"hu", "2026. december 1.", "1/3. oldal", 3, "A következő 3 orvostechnikai eszköz érintett vagy érintett lehet:"},
		{"lt", "2026 m. gruodžio 1 d.", "Puslapis 1 iš 3", 1, "Problema yra arba gali būti susijusi su toliau nurodyta 1 medicinos priemone:"},
		{"lt", "2026 m. gruodžio 1 d.", "Puslapis 1 iš 3", 21, "Problema yra arba gali būti susijusi su toliau nurodyta 21 medicinos priemone:"},
		{"lt", "2026 m. gruodžio 1 d.", "Puslapis 1 iš 3", 3, "Problema yra arba gali būti susijusi su toliau nurodytomis 3 medicinos priemonėmis:"},
		{"lt", "2026 m. gruodžio 1 d.", "Puslapis 1 iš 3", 10, "Problema yra arba gali būti susijusi su toliau nurodytomis medicinos priemonėmis (iš viso 10):"},
		{"lv", "2026. gada 1. decembris", "1. lapa no 3", 21, "Problēma skar vai var skart šādu 21 medicīnisko ierīci:"},
		{"lv", "2026. gada 1. decembris", "1. lapa no 3", 10, "Problēma skar vai var skart šādas 10 medicīniskās ierīces:"},
		{"mt", "1 ta' Diċembru 2026", "Paġna 1 minn 3", 1, "L-apparat mediku li ġej huwa jew jista' jkun affettwat:"},
		{"mt", "1 ta' Diċembru 2026", "Paġna 1 minn 3", 11, "L-apparati mediċi li ġejjin, 11 b'kollox, huma jew jistgħu jkunu affettwati:"},
		{"nb", "1. desember 2026", "Side 1 av 3", 4, "Følgende 4 enheter medisinsk utstyr er eller kan være berørt:"},
		{"nl", "1 december 2026", "Pagina 1 van 3", 2, "De volgende 2 medische hulpmiddelen zijn of kunnen betrokken zijn:"},
		{"pl", "1 grudnia 2026", "Strona 1 z 3", 1, "Problem dotyczy lub może dotyczyć następującego wyrobu medycznego:"},
		{"pl", "1 grudnia 2026", "Strona 1 z 3", 5, "Problem dotyczy lub może dotyczyć następujących 5 wyrobów medycznych:"},
		{"pt", "1 de dezembro de 2026", "Página 1 de 3", 1, "O seguinte dispositivo médico está ou pode estar afetado:"},
		{"ro", "1 decembrie 2026", "Pagina 1 din 3", 3, "Următoarele 3 dispozitive medicale sunt sau pot fi afectate:"},
		{"ro", "1 decembrie 2026", "Pagina 1 din 3", 20, "Următoarele 20 de dispozitive medicale sunt sau pot fi afectate:"},
		{"sk", "1. decembra 2026", "Strana 1 z 3", 3, "Problém sa týka alebo môže týkať nasledujúcich 3 zdravotníckych pomôcok:"},
		{"sl", "1. december 2026", "Stran 1 od 3", 2, "Težava zadeva ali lahko zadeva naslednja 2 medicinska pripomočka:"},
		{"sl", "1. december 2026", "Stran 1 od 3", 5, "Težava zadeva ali lahko zadeva naslednjih 5 medicinskih pripomočkov:"},
		{"sv", "1 december 2026", "Sida 1 av 3", 2, "Följande 2 medicintekniska produkter berörs eller kan beröras:"},
		{"tr", "1 Aralık 2026", "Sayfa 1 / 3", 2, "Aşağıdaki 2 tıbbi cihaz etkilenmektedir veya etkilenebilir:"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			// The labels alone: the seed notice as if written in tt.lang.
			src := *n
			src.SourceLanguage = tt.lang
			ed, err := c.Localize(&src, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if got, err := ed.FormatDate(date); err != nil || got != tt.date {
				t.Errorf("date = %q, %v; want %q", got, err, tt.date)
			}
			if got, err := ed.Plural("page", 3, "Page", 1, "Pages", 3); err != nil || got != tt.page {
				t.Errorf("page = %q, %v; want %q", got, err, tt.page)
			}
			if got, err := ed.Plural("devices-intro", tt.devices); err != nil || got != tt.devicesIntro {
				t.Errorf("devices-intro for %d = %q, %v; want %q", tt.devices, got, err, tt.devicesIntro)
			}
		})
	}
}

// TestShippedCounts: every language's devices-intro says the number of devices
// for each count from 3 on, whichever plural form the count selects (Lithuanian
// and Latvian take their "one" form for 21 devices too).
func TestShippedCounts(t *testing.T) {
	n, c := loadSeed(t)
	counts := []int{1000, 1000000}
	for i := 3; i <= 200; i++ {
		counts = append(counts, i)
	}
	for _, lang := range c.Languages() {
		src := *n
		src.SourceLanguage = lang
		ed, err := c.Localize(&src, lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, count := range counts {
			got, err := ed.Plural("devices-intro", count)
			if err != nil {
				t.Fatalf("%s: %v", lang, err)
			}
			if !strings.Contains(got, strconv.Itoa(count)) {
				t.Errorf("%s: devices-intro for %d devices is %q", lang, count, got)
			}
		}
	}
}
