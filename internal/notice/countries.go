package notice

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/fsn-tool/fsn/internal/diag"
)

// Country is a country the notice goes to: its ISO 3166-1 alpha-2 code, the
// languages of the notice its recipients read, and, where it differs from the
// notice's contact, the local contact (an authorised representative or a
// distributor) its editions name instead.
type Country struct {
	Code      string   `yaml:"code"`
	Languages []string `yaml:"languages"`
	Contact   *Contact `yaml:"contact,omitempty"`

	// Pos is where the code was written, LanguagePos where each language was.
	Pos         diag.Pos   `yaml:"-" json:"-"`
	LanguagePos []diag.Pos `yaml:"-" json:"-"`
}

// UnmarshalYAML reads a country and remembers where its code and each of its
// languages were written.
func (c *Country) UnmarshalYAML(node ast.Node) error {
	type plain Country // without this method
	var p plain
	if err := yaml.NodeToValue(node, &p, yaml.DisallowUnknownField()); err != nil {
		return err
	}
	*c = Country(p)
	c.Pos = nodePos(node)
	var pairs []*ast.MappingValueNode
	switch m := node.(type) {
	case *ast.MappingNode:
		pairs = m.Values
	case *ast.MappingValueNode:
		pairs = []*ast.MappingValueNode{m}
	}
	for _, kv := range pairs {
		switch kv.Key.String() {
		case "code":
			c.Pos = nodePos(kv.Value)
		case "languages":
			if seq, ok := kv.Value.(*ast.SequenceNode); ok {
				for _, v := range seq.Values {
					c.LanguagePos = append(c.LanguagePos, nodePos(v))
				}
			}
		}
	}
	return nil
}

func nodePos(node ast.Node) diag.Pos {
	tok := node.GetToken()
	if tok == nil {
		return diag.Pos{}
	}
	return diag.Pos{Line: tok.Position.Line, Column: tok.Position.Column}
}

// Edition is one edition of a notice: a language, and for a country whose
// contact differs from another country's of the same language, that country.
// Its Tag names its files and is the BCP 47 tag its HTML and PDF declare:
// "fr" for an edition of a language, "fr-CH" for one of a country. Its texts
// are the translation into Lang: locales/fr/… serves fr, fr-BE and fr-CH.
type Edition struct {
	Tag  string
	Lang string
	// Country is the ISO 3166-1 code of a country's edition, "" for a language's.
	Country string
	// Countries are the codes of the countries the edition is for, in the
	// notice's order; none for a language no country lists.
	Countries []string
	// Contact is the local contact the edition names instead of the notice's
	// contact, or nil when it names the notice's.
	Contact *Contact
}

// Editions returns the editions of the notice, in the order of its languages.
// For each language, the countries that list it are grouped by the contact
// their editions name: the country's local contact, or the notice's contact
// for a country without one. When all of them name the same contact (or no
// country lists the language, or the notice lists no countries), the language
// has one edition, named by the language as without countries ("fr"), naming
// that contact. When they name different contacts, the language has one
// edition per country that lists it, named language-COUNTRY ("fr-BE",
// "fr-CH", "fr-FR"), each naming its country's contact, and no edition
// named by the language alone: every recipient reads the edition of their
// country.
func (n *Notice) Editions() []Edition {
	if len(n.Countries) == 0 {
		eds := make([]Edition, len(n.Languages))
		for i, lang := range n.Languages {
			eds[i] = Edition{Tag: lang, Lang: lang}
		}
		return eds
	}
	// The contact each country's editions name, once: the countries' contacts
	// are compared for every language.
	own := contactKey(&n.Contact)
	keys := make([]string, len(n.Countries))
	local := make([]*Contact, len(n.Countries))
	for i, c := range n.Countries {
		keys[i] = own
		if c.Contact != nil {
			if keys[i] = contactKey(c.Contact); keys[i] != own {
				local[i] = c.Contact
			}
		}
	}
	var eds []Edition
	for _, lang := range n.Languages {
		var cs []int
		for i := range n.Countries {
			if slices.Contains(n.Countries[i].Languages, lang) {
				cs = append(cs, i)
			}
		}
		same := true
		for _, i := range cs {
			same = same && keys[i] == keys[cs[0]]
		}
		if same {
			ed := Edition{Tag: lang, Lang: lang}
			for _, i := range cs {
				ed.Countries = append(ed.Countries, n.Countries[i].Code)
			}
			if len(cs) > 0 {
				ed.Contact = local[cs[0]]
			}
			eds = append(eds, ed)
			continue
		}
		for _, i := range cs {
			c := n.Countries[i].Code
			eds = append(eds, Edition{Tag: CountryTag(lang, c), Lang: lang, Country: c, Countries: []string{c}, Contact: local[i]})
		}
	}
	return eds
}

// Edition returns the edition named tag, as Editions has it.
func (n *Notice) Edition(tag string) (Edition, bool) {
	for _, e := range n.Editions() {
		if e.Tag == tag {
			return e, true
		}
	}
	return Edition{}, false
}

// EditionTags returns the tags of the editions, in the order of Editions.
func (n *Notice) EditionTags() []string {
	var tags []string
	for _, e := range n.Editions() {
		tags = append(tags, e.Tag)
	}
	return tags
}

// EditionFor returns the edition the readers of tag read: the edition named
// tag or, for a language and a country ("fr-CH"), the edition of the language
// that is for that country too: one for no country in particular, or one for
// countries that share a contact, that country among them.
func (n *Notice) EditionFor(tag string) (Edition, bool) {
	if e, ok := n.Edition(tag); ok {
		return e, true
	}
	t, err := language.Parse(tag)
	if err != nil {
		return Edition{}, false
	}
	r, conf := t.Region()
	if conf != language.Exact {
		return Edition{}, false
	}
	for _, e := range n.Editions() {
		if e.Country == "" && CountryTag(e.Lang, r.String()) == tag && (len(e.Countries) == 0 || slices.Contains(e.Countries, r.String())) {
			return e, true
		}
	}
	return Edition{}, false
}

// SelectEditions returns the editions that want names, in the order of
// Editions: a language names all of its editions ("fr": fr-BE, fr-CH…), a
// tag the edition its readers read (EditionFor); empty want names every
// edition. It returns the first name that names none as unknown.
func (n *Notice) SelectEditions(want []string) (eds []Edition, unknown string) {
	all := n.Editions()
	if len(want) == 0 {
		return all, ""
	}
	tags := map[string]bool{}
	for _, w := range want {
		found := false
		for _, e := range all {
			if e.Lang == w {
				tags[e.Tag], found = true, true
			}
		}
		if e, ok := n.EditionFor(w); ok {
			tags[e.Tag], found = true, true
		}
		if !found {
			return nil, w
		}
	}
	for _, e := range all {
		if tags[e.Tag] {
			eds = append(eds, e)
		}
	}
	return eds, ""
}

// CountryTag returns the tag of the edition of lang for country: lang with
// the country as its region, "fr-CH".
func CountryTag(lang, country string) string {
	if len(lang) <= 3 && !strings.Contains(lang, "-") {
		return lang + "-" + country // a language alone, as most are: no need to compose
	}
	t, err := language.Parse(lang)
	if err != nil {
		return lang + "-" + country
	}
	r, err := language.ParseRegion(country)
	if err != nil {
		return lang + "-" + country
	}
	if t, err = language.Compose(t, r); err != nil {
		return lang + "-" + country
	}
	return t.String()
}

// contactKey says what c says, wherever it was written: two contacts with
// the same key are the same contact.
func contactKey(c *Contact) string {
	return strings.Join([]string{c.Name, c.Role.String(), c.Gender, c.Organisation.Name, strings.Join(c.Organisation.Address, "\n"),
		c.Organisation.Country.String(), c.Organisation.SRN, c.Organisation.Website, c.Phone, c.Fax, c.Mobile, c.Email}, "\x00")
}

// reservedCountries are the codes ISO 3166-1 reserves exceptionally, which
// golang.org/x/text takes as countries but which name no country a notice
// can go to (or a currency union, or the United Nations).
var reservedCountries = []string{"AC", "CP", "DG", "EA", "EZ", "IC", "TA", "UN"}

// CheckCountry returns "" when code is an ISO 3166-1 alpha-2 code assigned to
// a country, else what is wrong with it.
func CheckCountry(code string) string {
	r, err := language.ParseRegion(code)
	switch {
	case err != nil || len(code) != 2:
		return "is not an ISO 3166-1 alpha-2 country code; write the country's two capital letters, such as CH for Switzerland"
	case r.String() != code && r.String() == strings.ToUpper(code):
		return fmt.Sprintf("is written in small letters; write %s", r.String())
	case !r.IsCountry() || r.IsPrivateUse() || slices.Contains(reservedCountries, code):
		return "is not the code of a country; write the country's ISO 3166-1 alpha-2 code, such as CH for Switzerland"
	case r.Canonicalize() != r:
		return fmt.Sprintf("is an old code; ISO 3166-1 now writes %s", r.Canonicalize())
	case display.English.Regions().Name(r) == "":
		return "is no longer assigned to a country; write the country's current ISO 3166-1 alpha-2 code"
	}
	return ""
}

// validateCountries checks the countries: each code a country's, listed once,
// with languages the notice lists, each written once, and a local contact
// with a name and a way to reach it; and that no edition of a country has
// the tag of one of the notice's languages.
func (n *Notice) validateCountries(errs *diag.List, top diag.Pos) {
	at := func(pos diag.Pos) diag.Pos { return n.at(pos, top) }
	seen := map[string]diag.Pos{}
	for _, c := range n.Countries {
		pos := at(c.Pos)
		if msg := CheckCountry(c.Code); msg != "" {
			errs.Errorf(pos, "countries: %s %s", diag.Quote(c.Code), msg)
		} else if prev, ok := seen[c.Code]; ok {
			errs.Errorf(pos, "countries: %s is listed twice (first at line %d); list each country once, with all its languages", c.Code, prev.Line)
		} else {
			seen[c.Code] = pos
		}
		if len(c.Languages) == 0 {
			errs.Errorf(pos, `countries: %s lists no languages; add "languages:" with the notice's languages its recipients read, such as [%s]`, c.Code, strings.Join(n.Languages, ", "))
		}
		langs := map[string]bool{}
		for i, l := range c.Languages {
			lpos := pos
			if i < len(c.LanguagePos) {
				lpos = at(c.LanguagePos[i])
			}
			switch {
			case !slices.Contains(n.Languages, l):
				errs.Errorf(lpos, "countries: %s lists the language %s, which the notice does not; add it to \"languages:\" or remove it here", c.Code, diag.Quote(l))
			case langs[l]:
				errs.Errorf(lpos, "countries: %s lists the language %s twice", c.Code, diag.Quote(l))
			default:
				if t, err := language.Parse(l); err == nil {
					if r, conf := t.Region(); conf == language.Exact && r.String() != c.Code {
						errs.Errorf(lpos, "countries: %s lists %s, a language of the region %s; list it for %s, or list the language without region", c.Code, l, r, r)
					}
				}
			}
			langs[l] = true
		}
		if k := c.Contact; k != nil {
			if k.Name == "" {
				errs.Errorf(pos, "countries: the local contact of %s has no name; add \"name:\", or remove \"contact:\" to name the notice's contact", c.Code)
			} else if k.Phone == "" && k.Email == "" {
				errs.Errorf(at(firstPos(pos, k.Role)), "countries: the local contact of %s has neither phone nor e-mail; add at least one", c.Code)
			}
			if k.Gender != "" && !slices.Contains(Genders, k.Gender) {
				errs.Errorf(at(firstPos(pos, k.Role)), "countries: the local contact of %s has the gender %q, which is not known; write %s, or leave it out", c.Code, k.Gender, strings.Join(Genders, " or "))
			}
		}
	}
	for _, e := range n.Editions() {
		if e.Country != "" && e.Tag != e.Lang && slices.Contains(n.Languages, e.Tag) {
			errs.Errorf(at(seen[e.Country]), "countries: the edition of %s for %s would be %s, which the notice also lists as a language; list %s for %s instead of %s", e.Lang, e.Country, e.Tag, e.Tag, e.Country, e.Lang)
		}
	}
}
