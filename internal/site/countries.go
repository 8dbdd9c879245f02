package site

import (
	"fmt"
	"slices"
	"sort"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// A notice whose countries name different contacts for one language has an
// edition per country of that language (notice.Editions): fr-BE, fr-CH. The
// site gives each such tag a section of its own, named by the language and
// the country in that language ("Français (Suisse)"). The index and feed of a
// country's section list its country's editions and, of every other notice,
// the edition of the language that is for that country too: one the notice
// names no country for, or one for countries that share a contact, that
// country among them. A Swiss reader of French finds every notice meant for
// them in the fr-CH section, whichever edition it has.

// sectionCountry returns the country of the section lang: that of its
// country's editions, or "" for a language's section.
func (g *generator) sectionCountry(lang string) string {
	for _, e := range g.byLang[lang] {
		if e.country != "" {
			return e.country
		}
	}
	return ""
}

// sectionName returns the name of the section lang, whose labels give the
// language's own name, name: that name for a language's section, and for a
// country's the name and the country's name in the language, "Français (Suisse)".
func (g *generator) sectionName(lang, name string) string {
	country := g.sectionCountry(lang)
	if country == "" {
		return name
	}
	tag, err := language.Parse(lang)
	region, rerr := language.ParseRegion(country)
	if err != nil || rerr != nil {
		return fmt.Sprintf("%s (%s)", name, country)
	}
	if s := display.Regions(tag).Name(region); s != "" {
		country = s
	}
	return fmt.Sprintf("%s (%s)", name, country)
}

// listings returns the editions the index and the feed of each section of the
// site list, newest first: its own, and in the section of a country the
// editions of its language that are for that country too (see above).
func (g *generator) listings() map[string][]*edition {
	listed := map[string][]*edition{}
	for _, lang := range g.langs {
		listed[lang] = slices.Clone(g.byLang[lang])
		if g.sectionCountry(lang) == "" {
			continue
		}
		for _, n := range g.notices {
			ne, ok := n.EditionFor(lang)
			if !ok || ne.Tag == lang {
				continue // none for the country's readers, or listed as the section's own
			}
			for _, e := range g.byNotice[n.ID] {
				if e.lang == ne.Tag {
					listed[lang] = append(listed[lang], e)
				}
			}
		}
		sort.SliceStable(listed[lang], func(i, j int) bool { return newer(listed[lang][i].n, listed[lang][j].n) })
	}
	return listed
}
