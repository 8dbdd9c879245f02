package notice

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fsn-tool/fsn/internal/diag"
)

// PlainWords is the check id of the warning about words in a field that every
// edition copies as written.
const PlainWords = "plain-words"

// lowerWords returns the words of s made of two or more lower-case letters:
// "battery", "to", "and". Names and identifiers are capitalised or mixed with
// digits ("iQ-X", "L2403", "CardioPump").
func lowerWords(s string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("(),;/", r) }) {
		w = strings.TrimRight(w, ".:")
		if utf8.RuneCountInString(w) >= 2 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLower(r) }) {
			words = append(words, w)
		}
	}
	return words
}

// rangeWords matches free text that writes a range: "L2403 to L2518", "L1–L9",
// "L1 - L9". A hyphen between characters is part of an identifier ("IP7-24-00001").
var rangeWords = regexp.MustCompile(`^\s*(\S+?)\s*(?:\s(?:to|until|through|bis|a|à|až|до|έως)\s|\s-\s|[–—])\s*(\S+)\s*$`)

// plainWords warns about natural-language words in the fields that every edition
// copies as written (a device's name, version, UDI-DI, model, lots and serials):
// no translation can translate them, so every reader would see them in the
// source language. data is the notice.yaml, where the warnings point.
func (n *Notice) plainWords(data []byte) diag.List {
	var warns diag.List
	warn := func(pos diag.Pos, format string, args ...any) {
		pos.File = n.File
		warns.Add(&diag.Diagnostic{Pos: pos, Severity: diag.Warning, Check: PlainWords, Message: fmt.Sprintf(format, args...)})
	}
	for _, d := range n.Devices {
		fields := []plainField{{"name", d.Name, 2, diag.Pos{}}, {"version", d.Version, 1, diag.Pos{}},
			{"udi_di", d.UDIDI, 1, diag.Pos{}}, {"model", d.Model, 2, diag.Pos{}}}
		for _, r := range d.Lots {
			fields = append(fields, plainField{"lots", r.From, 1, r.Pos}, plainField{"lots", r.To, 1, r.Pos})
		}
		for _, r := range d.Serials {
			fields = append(fields, plainField{"serials", r.From, 1, r.Pos}, plainField{"serials", r.To, 1, r.Pos})
		}
		for _, f := range fields {
			if f.value == "" {
				continue
			}
			pos := f.pos
			if pos.Line == 0 {
				pos = valuePos(data, f.key, f.value)
			}
			if (f.key == "lots" || f.key == "serials") && rangeWords.MatchString(f.value) {
				m := rangeWords.FindStringSubmatch(f.value)
				warn(pos, "device %q: %s %s is a range written as text, which every edition would copy as written; write it as {from: %s, to: %s}, and fsn writes it in each language",
					d.ID, f.key, diag.Quote(f.value), m[1], m[2])
				continue
			}
			if words := lowerWords(f.value); len(words) >= f.min {
				warn(pos, "device %q: %s %s holds the words %s, which no translation can translate: every edition copies %s as written; move the words to the device's description (or condition), which translators translate",
					d.ID, f.key, diag.Quote(f.value), diag.Quote(strings.Join(words, " ")), f.key)
			}
		}
	}
	return warns
}

// plainField is a field that every edition copies as written.
type plainField struct {
	key, value string
	min        int      // the lower-case words that make a warning
	pos        diag.Pos // where it was written, if known
}

// valuePos finds where "key: value" is written in data, for a field that keeps
// no position of its own; the zero line if it is not found.
func valuePos(data []byte, key, value string) diag.Pos {
	for i, line := range bytes.Split(data, []byte("\n")) {
		s := string(line)
		j := strings.Index(s, key+":")
		if j < 0 || !strings.Contains(s[j:], value) {
			continue
		}
		if j > 0 && !unicode.IsSpace(rune(s[j-1])) && s[j-1] != '-' && s[j-1] != '{' && s[j-1] != ',' {
			continue
		}
		return diag.Pos{Line: i + 1, Column: j + 1}
	}
	return diag.Pos{Line: 1, Column: 1}
}
