package l10n

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// inlineKind says what a part of a text is: text to translate, or inline
// Markdown that a translation keeps and a CAT tool should protect.
type inlineKind int

const (
	inlineText        inlineKind = iota
	inlineCode                   // a code span: `LicGen.exe`
	inlineAutolink               // <support@image-systems.biz>, <https://…>
	inlinePlaceholder            // a template placeholder: {{.Count}}
	inlineOpen                   // the start of a link or image: "[" or "!["
	inlineClose                  // the end of a link or image: "](https://…)"
)

// inlinePart is a run of a text's Markdown. Markup parts carry their Markdown as
// it is written, so that the text can be put back together byte for byte; an
// open and a close part of one link share their id.
type inlinePart struct {
	kind inlineKind
	text string
	id   string
	// ref is the XLIFF 2.1 data id that holds the part's Markdown, when read.
	ref string
}

// isMarkup reports whether the part is Markdown to keep rather than text.
func (p inlinePart) isMarkup() bool { return p.kind != inlineText }

// joinParts puts the Markdown of parts back together.
func joinParts(parts []inlinePart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.text)
	}
	return b.String()
}

var (
	autolinkURI   = regexp.MustCompile(`^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>`)
	autolinkEmail = regexp.MustCompile(`^<[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>`)
)

// splitInline splits the inline Markdown of a text into its parts, numbering the
// markup from 1 in order: code spans, autolinks, placeholders and the two ends
// of each link, which hold the link's text between them. It follows the
// CommonMark rules for those; everything else, emphasis included, stays text.
// Joining the parts gives md again.
func splitInline(md string) []inlinePart {
	s := &inlineSplitter{}
	s.split(md)
	s.flush()
	return s.parts
}

type inlineSplitter struct {
	parts []inlinePart
	text  strings.Builder
	next  int
}

func (s *inlineSplitter) flush() {
	if s.text.Len() > 0 {
		s.parts = append(s.parts, inlinePart{kind: inlineText, text: s.text.String()})
		s.text.Reset()
	}
}

func (s *inlineSplitter) markup(kind inlineKind, text string, id string) {
	s.flush()
	s.parts = append(s.parts, inlinePart{kind: kind, text: text, id: id})
}

func (s *inlineSplitter) newID() string {
	s.next++
	return strconv.Itoa(s.next)
}

func (s *inlineSplitter) split(md string) {
	for i := 0; i < len(md); {
		c := md[i]
		switch {
		case c == '\\' && i+1 < len(md) && isASCIIPunct(md[i+1]):
			s.text.WriteString(md[i : i+2])
			i += 2
			continue
		case c == '`':
			if end := codeSpanEnd(md, i); end > 0 {
				s.markup(inlineCode, md[i:end], s.newID())
				i = end
				continue
			}
			n := backtickRun(md, i)
			s.text.WriteString(md[i : i+n])
			i += n
			continue
		case c == '<':
			if m := autolinkURI.FindString(md[i:]); m != "" {
				s.markup(inlineAutolink, m, s.newID())
				i += len(m)
				continue
			}
			if m := autolinkEmail.FindString(md[i:]); m != "" {
				s.markup(inlineAutolink, m, s.newID())
				i += len(m)
				continue
			}
		case c == '{' && strings.HasPrefix(md[i:], "{{"):
			if end := strings.Index(md[i+2:], "}}"); end >= 0 {
				s.markup(inlinePlaceholder, md[i:i+2+end+2], s.newID())
				i += 2 + end + 2
				continue
			}
		case c == '[' || (c == '!' && strings.HasPrefix(md[i:], "![")):
			open := i
			if c == '!' {
				open++
			}
			if textEnd, end := linkEnd(md, open); end > 0 {
				id := s.newID()
				s.markup(inlineOpen, md[i:open+1], id)
				s.split(md[open+1 : textEnd])
				s.markup(inlineClose, md[textEnd:end], id)
				i = end
				continue
			}
		}
		s.text.WriteByte(c)
		i++
	}
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && unicode.IsPunct(rune(c)) || strings.IndexByte("$+<=>^`|~", c) >= 0
}

func backtickRun(md string, i int) int {
	n := 0
	for i+n < len(md) && md[i+n] == '`' {
		n++
	}
	return n
}

// codeSpanEnd returns the end of the code span that starts with the backticks
// at i, or 0 when no run of as many backticks closes it.
func codeSpanEnd(md string, i int) int {
	n := backtickRun(md, i)
	for j := i + n; j < len(md); {
		if md[j] != '`' {
			j++
			continue
		}
		m := backtickRun(md, j)
		if m == n {
			return j + m
		}
		j += m
	}
	return 0
}

// linkEnd finds the link whose text opens with the "[" at open: it returns the
// index of the "]" that closes the text and the end of the "(destination)" that
// must follow it, or 0, 0 when there is no such link.
func linkEnd(md string, open int) (textEnd, end int) {
	depth := 0
	for j := open; j < len(md); j++ {
		switch md[j] {
		case '\\':
			j++
		case '`':
			if e := codeSpanEnd(md, j); e > 0 {
				j = e - 1
			} else {
				j += backtickRun(md, j) - 1
			}
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				if j+1 < len(md) && md[j+1] == '(' {
					if e := destinationEnd(md, j+1); e > 0 {
						return j, e
					}
				}
				return 0, 0
			}
		}
	}
	return 0, 0
}

// destinationEnd returns the end of the "(destination "title")" that opens at i.
func destinationEnd(md string, i int) int {
	depth := 0
	for j := i; j < len(md); j++ {
		switch md[j] {
		case '\\':
			j++
		case '<':
			if k := strings.IndexByte(md[j:], '>'); k > 0 && !strings.ContainsAny(md[j:j+k], "\n") {
				j += k
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\n':
			if strings.TrimSpace(md[i+1:j]) == "" {
				return 0
			}
		}
	}
	return 0
}

// alignInline gives the markup of a translation the ids of the source's markup
// it corresponds to: the same Markdown first, then the next of the same kind
// in order. Markup that the source does not have gets ids after the source's.
func alignInline(src, tr []inlinePart) {
	// A link is matched by its Markdown with its close part, which holds its destination.
	whole := func(parts []inlinePart, p inlinePart) string {
		if p.kind != inlineOpen {
			return p.text
		}
		for _, q := range parts {
			if q.kind == inlineClose && q.id == p.id {
				return p.text + q.text
			}
		}
		return p.text
	}
	used := map[string]bool{}
	maxID := 0
	for _, p := range src {
		n, _ := strconv.Atoi(p.id)
		maxID = max(maxID, n)
	}
	aligned := map[string]string{} // the translation's own id → the source's
	for _, exact := range []bool{true, false} {
		for _, p := range tr {
			if !p.isMarkup() || p.kind == inlineClose || aligned[p.id] != "" {
				continue
			}
			for _, q := range src {
				if q.kind == p.kind && !used[q.id] && (!exact || whole(src, q) == whole(tr, p)) {
					used[q.id], aligned[p.id] = true, q.id
					break
				}
			}
		}
	}
	for i, p := range tr {
		if !p.isMarkup() {
			continue
		}
		if aligned[p.id] == "" {
			maxID++
			aligned[p.id] = strconv.Itoa(maxID)
		}
		tr[i].id = aligned[p.id]
	}
}

// inlineRole is what an inline element of XLIFF stands for: a whole piece of
// markup ("ph"), or the start or end of a link.
func inlineRole(k inlineKind) string {
	switch k {
	case inlineOpen:
		return "start"
	case inlineClose:
		return "end"
	}
	return "ph"
}

// resolveInline puts the Markdown of a unit's source and target back together.
// An inline element of the target that holds no Markdown (1.2 <x/>, <g>, <bx/>,
// <ex/>, or a 2.1 element whose data is missing) takes the Markdown of the
// source's element with its id. A target with no inline element at all, when
// the source has some, is read as the Markdown it holds: tools that write a
// target as plain text (translate-toolkit's pomerge, from a PO file whose
// messages hold the Markdown) keep the Markdown itself. It returns the inline
// elements of the source that the target lacks, and those of the target that
// the source lacks.
func resolveInline(src, tr []inlinePart) (source, target string, missing, extra []string) {
	if !slices.ContainsFunc(tr, inlinePart.isMarkup) && slices.ContainsFunc(src, inlinePart.isMarkup) {
		tr = splitInline(joinParts(tr))
		for i, p := range tr {
			if p.kind == inlineAutolink || p.kind == inlinePlaceholder {
				tr[i].kind = inlineCode // as ReadXLIFF reads every <ph>
			}
		}
		alignInline(src, tr)
	}
	type key struct{ role, id string }
	srcText := map[key]string{}
	for _, p := range src {
		if p.isMarkup() {
			srcText[key{inlineRole(p.kind), p.id}] = p.text
		}
	}
	seen := map[key]bool{}
	for i, p := range tr {
		if !p.isMarkup() {
			continue
		}
		k := key{inlineRole(p.kind), p.id}
		seen[k] = true
		t, ok := srcText[k]
		switch {
		case !ok:
			extra = append(extra, describeInline(k.role, k.id, p.text))
		case p.text == "":
			tr[i].text = t
		}
	}
	for _, p := range src {
		if k := (key{inlineRole(p.kind), p.id}); p.isMarkup() && !seen[k] {
			missing = append(missing, describeInline(k.role, k.id, p.text))
		}
	}
	return joinParts(src), joinParts(tr), missing, extra
}

func describeInline(role, id, text string) string {
	what := map[string]string{"ph": "inline element", "start": "start of the link", "end": "end of the link"}[role]
	if text == "" {
		return fmt.Sprintf("%s %s", what, id)
	}
	return fmt.Sprintf("%s %s (%s)", what, id, text)
}

// Translatable reports whether the text parts of md, a text with inline
// Markdown, hold a letter: whether it has anything to translate besides its
// code, links and placeholders. "{{.Day}} {{.Month}} {{.Year}}" has not.
func Translatable(md string) bool {
	for _, p := range splitInline(md) {
		if p.kind == inlineText && strings.IndexFunc(p.text, unicode.IsLetter) >= 0 {
			return true
		}
	}
	return false
}

// EscapeBraces escapes every "{" of md's text with a backslash, so that no text
// can write what Markdown extensions read as attributes, such as "{#id}" or
// "{style=…}" at the end of a heading. Braces inside code spans, autolinks and
// link destinations are left as they are (an escape would show there), and so
// are braces already escaped. The text reads the same once rendered.
func EscapeBraces(md string) string {
	if !strings.Contains(md, "{") {
		return md
	}
	var b strings.Builder
	for _, p := range splitInline(md) {
		if p.kind != inlineText && p.kind != inlinePlaceholder {
			b.WriteString(p.text)
			continue
		}
		for i := 0; i < len(p.text); i++ {
			c := p.text[i]
			switch {
			case c == '\\' && i+1 < len(p.text) && isASCIIPunct(p.text[i+1]):
				b.WriteString(p.text[i : i+2])
				i++
			case c == '{':
				b.WriteString(`\{`)
			default:
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}
