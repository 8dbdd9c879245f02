package site

import (
	"encoding/json"
	"sort"

	"github.com/fsn-tool/fsn/internal/build"
	"github.com/fsn-tool/fsn/internal/notice"
	"github.com/fsn-tool/fsn/internal/render"
)

// siteManifest is manifest.json: every published notice, for the portals of the
// authorities and anyone who reads the site by program. Paths are from the
// site's root; URLs are absolute and present only when the site has a base URL.
type siteManifest struct {
	Generator string           `json:"generator"`
	BaseURL   string           `json:"base_url,omitempty"`
	Notices   []manifestNotice `json:"notices"`
}

// manifestNotice is one notice in the manifest.
type manifestNotice struct {
	ID        string      `json:"id"`
	Reference string      `json:"reference"`
	Type      notice.Type `json:"type"`
	// Follows is the reference of the notice a follow-up continues.
	Follows        string            `json:"follows,omitempty"`
	Date           notice.Date       `json:"date"`
	Manufacturer   manifestMaker     `json:"manufacturer"`
	Devices        []manifestDevice  `json:"devices"`
	SourceLanguage string            `json:"source_language"`
	Languages      []string          `json:"languages"`
	Signer         manifestSigner    `json:"signer"`
	Editions       []manifestEdition `json:"editions"`
}

// manifestMaker is the manufacturer of a notice's devices.
type manifestMaker struct {
	Name string `json:"name"`
	SRN  string `json:"srn,omitempty"`
}

// manifestDevice is an affected device. Version and UDI-DI are always there,
// empty when the notice gives none; Condition is in the notice's source language.
type manifestDevice struct {
	Name      string             `json:"name"`
	Version   string             `json:"version"`
	UDIDI     string             `json:"udi_di"`
	Model     string             `json:"model,omitempty"`
	Lots      notice.Identifiers `json:"lots,omitempty"`
	Serials   notice.Identifiers `json:"serials,omitempty"`
	Condition string             `json:"condition,omitempty"`
}

// manifestSigner says who signed the PDF editions: the notice's signatory, and
// the common name of the certificate the build signed with.
type manifestSigner struct {
	Name        string `json:"name"`
	Certificate string `json:"certificate"`
}

// manifestEdition is a notice in one language: its page and its files.
type manifestEdition struct {
	Lang string `json:"lang"`
	// Language is the edition's language and Country its country, for the
	// edition of a country (Lang fr-CH); Countries are the countries it is
	// for, none when the notice names none.
	Language  string         `json:"language"`
	Country   string         `json:"country,omitempty"`
	Countries []string       `json:"countries,omitempty"`
	Title     string         `json:"title"`
	Page      string         `json:"page"`
	URL       string         `json:"url,omitempty"`
	Files     []manifestFile `json:"files"`
}

// manifestFile is a published edition file.
type manifestFile struct {
	Path      string       `json:"path"`
	URL       string       `json:"url,omitempty"`
	Format    build.Format `json:"format"`
	MediaType string       `json:"media_type"`
	Size      int          `json:"size"`
	SHA256    string       `json:"sha256"`
}

// manifest returns manifest.json, with the notices sorted by id and their
// editions by language.
func (g *generator) manifest() ([]byte, error) {
	m := siteManifest{Generator: g.opts.Generator, BaseURL: absolute(g.opts.BaseURL, "")}
	for _, n := range g.notices {
		mn := manifestNotice{
			ID: n.ID, Reference: n.Reference, Type: n.Type, Follows: n.Follows, Date: n.Date,
			Manufacturer:   manifestMaker{Name: n.Manufacturer.Name, SRN: n.Manufacturer.SRN},
			SourceLanguage: n.SourceLanguage,
			Signer:         manifestSigner{Name: n.Signatory.Name, Certificate: g.records[n.ID].Signer},
		}
		for _, d := range n.Devices {
			mn.Devices = append(mn.Devices, manifestDevice{
				Name: d.Name, Version: d.Version, UDIDI: d.UDIDI, Model: d.Model, Lots: d.Lots, Serials: d.Serials,
				Condition: render.PlainText(d.Condition.String()),
			})
		}
		for _, e := range g.byNotice[n.ID] {
			lang := e.lang
			mn.Languages = append(mn.Languages, lang)
			me := manifestEdition{
				Lang: lang, Language: e.language, Country: e.country, Title: e.entry.Subject,
				Page: noticeDir(lang, n.ID), URL: absolute(g.opts.BaseURL, noticeDir(lang, n.ID)),
			}
			if ne, ok := n.Edition(lang); ok {
				me.Countries = ne.Countries
			}
			for _, d := range e.files {
				me.Files = append(me.Files, manifestFile{
					Path: e.filePath(d), URL: absolute(g.opts.BaseURL, e.filePath(d)), Format: d.format,
					MediaType: mediaTypes[d.format], Size: d.size, SHA256: d.sha256,
				})
			}
			mn.Editions = append(mn.Editions, me)
		}
		sort.Strings(mn.Languages)
		m.Notices = append(m.Notices, mn)
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
