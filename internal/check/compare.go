package check

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/fsn-tool/fsn/internal/diag"
)

// issue is one finding about a translation, before it is placed in a file.
type issue struct {
	check string
	msg   string
}

// comparison compares one translation with its source text.
type comparison struct {
	voc  *vocabulary
	lang language.Tag
	// optional are token keys a translation may leave out, such as {{.Count}} in
	// a "one" form, which says the number in words.
	optional map[string]bool
	// allowed are placeholder keys a translation may add, such as {{.Count}} in a
	// Lithuanian "one" form, which serves 21 as well as 1 where the English one does not.
	allowed map[string]bool
}

// compare returns what is wrong with the translation tr of the source text src:
// errors first (tokens, links, code, emphasis, blocks, HTML), then warnings.
func (c *comparison) compare(src, tr *markup) []issue {
	var issues []issue
	add := func(check, format string, args ...any) {
		issues = append(issues, issue{check, fmt.Sprintf(format, args...)})
	}
	srcTokens, trTokens := src.tokens(c.voc), tr.tokens(c.voc)
	srcRead := readNumbers(srcTokens, c.voc.src, nil)
	lost := c.compareTokens(srcRead, readNumbers(trTokens, c.lang, literals(srcRead)), add)

	// Code spans and links whose text is a token already reported are not reported again.
	covered := func(s string) bool {
		for _, t := range readNumbers(c.voc.tokens(s), c.voc.src, nil) {
			if lost[t.key] {
				return true
			}
		}
		return lost[collapseSpace(s)]
	}
	codeKey := func(s string) string { return tokenKey(kindPath, collapseSpace(s)) }
	pairs(src.codes, tr.codes, codeKey, func(a, b string) {
		switch {
		case a != "" && covered(a):
		case a != "" && b != "":
			add(CodeChanged, "changed the code span `%s` into `%s`; code is copied as it is", a, b)
		case a != "" && strings.Contains(tr.plain, collapseSpace(a)):
			add(CodeChanged, "lost the code span `%s`: the text is there but not as code; write it between backticks", a)
		case a != "":
			add(CodeChanged, "lost the code span `%s`", a)
		default:
			add(CodeChanged, "adds the code span `%s`, which the source does not have", b)
		}
	})

	var safeLinks []string
	for _, l := range tr.links {
		if unsafeScheme(l) {
			issues = append(issues, unsafeLinkIssue(l))
		} else {
			safeLinks = append(safeLinks, l)
		}
	}
	pairs(src.links, safeLinks, strings.TrimSpace, func(a, b string) {
		switch {
		case a != "" && covered(a):
		case a != "" && b != "":
			add(LinkChanged, "changed the link target %s into %s", diag.Quote(a), diag.Quote(b))
		case a != "":
			add(LinkChanged, "lost the link to %s; keep the link, with its target as in the source", diag.Quote(a))
		default:
			add(LinkChanged, "adds a link to %s, which the source does not have", diag.Quote(b))
		}
	})

	for _, kind := range []string{"emphasis", "strong emphasis", "strikethrough"} {
		if s, t := src.emphasis[kind], tr.emphasis[kind]; s != t {
			add(EmphasisChanged, "has %s %d times, the source %d times; mark the same words", kind, t, s)
		}
	}
	if s, t := strings.Join(src.blocks, " and "), strings.Join(tr.blocks, " and "); s != t {
		add(BlockChanged, "is %s where the source is %s; an extra blank line, list marker or # changes the edition's structure", t, s)
	}
	var html []string
	pairs(src.html, tr.html, strings.TrimSpace, func(_, b string) {
		if b != "" {
			html = append(html, b)
		}
	})
	if len(html) > 0 {
		issues = append(issues, rawHTMLIssue(html))
	}
	return append(issues, c.prose(src, tr, srcTokens, trTokens)...)
}

// compareTokens reports each token of the source that the translation lost or
// changed, and returns the keys of those tokens.
func (c *comparison) compareTokens(src, tr []token, add func(check, format string, args ...any)) map[string]bool {
	count := func(ts []token) map[string]int {
		m := map[string]int{}
		for _, t := range ts {
			m[t.key]++
		}
		return m
	}
	srcCount, trCount := count(src), count(tr)
	var missing, extra []token
	seen := map[string]bool{}
	for _, t := range src {
		if !seen[t.key] && trCount[t.key] < srcCount[t.key] && !c.optional[t.key] {
			missing = append(missing, t)
		}
		seen[t.key] = true
	}
	for _, t := range tr {
		if !seen[t.key] && trCount[t.key] > srcCount[t.key] {
			extra = append(extra, t)
		}
		seen[t.key] = true
	}
	lost := map[string]bool{}
	for _, m := range missing {
		lost[m.key] = true
		i := slices.IndexFunc(extra, func(e token) bool { return group(e.kind) == group(m.kind) })
		why := ""
		if i >= 0 && m.qty != nil {
			why = misread(c.voc.src, c.lang, m.qty, extra[i])
		}
		switch {
		case why != "":
			add(NumberMisread, "%s where the source has %s", why, diag.Quote(m.text))
			lost[extra[i].key] = true
			extra = slices.Delete(extra, i, i+1)
		case i >= 0:
			add(TokenChanged, "changed the %s %s into %s; keep it as in the source", m.kind, diag.Quote(m.text), diag.Quote(extra[i].text))
			lost[extra[i].key] = true
			extra = slices.Delete(extra, i, i+1)
		case trCount[m.key] > 0:
			add(TokenMissing, "has the %s %s %d times, the source %d times", m.kind, diag.Quote(m.text), trCount[m.key], srcCount[m.key])
		default:
			add(TokenMissing, "lost the %s %s", m.kind, diag.Quote(m.text))
		}
	}
	for _, e := range extra {
		if e.kind == kindPlaceholder && !c.allowed[e.key] {
			add(TokenChanged, "has the placeholder %s, which fsn does not fill in here; use only the source's placeholders", e.text)
		}
	}
	return lost
}

// prose returns the warnings about a translation's wording.
func (c *comparison) prose(src, tr *markup, srcTokens, trTokens []token) []issue {
	var issues []issue
	add := func(check, format string, args ...any) {
		issues = append(issues, issue{check, fmt.Sprintf(format, args...)})
	}
	srcText, trText := maskTokens(src.plain, srcTokens), maskTokens(tr.plain, trTokens)
	if src.plain == tr.plain && proseWords(srcText) >= 2 {
		add(Unchanged, "is the same as the source; translate it")
		return issues
	}
	if s, t := sentences(srcText), sentences(trText); !s.meets(t) {
		add(SentenceCount, "has %s sentences, the source %s; check that nothing was left out or run together", t, s)
	}
	s, sAbbr := endPunctuation(src.plain)
	t, tAbbr := endPunctuation(tr.plain)
	if !sameEnd(s, sAbbr, t, tAbbr) && !punctuationOfGrammar(c.lang, srcText, trText, t) {
		add(EndPunct, "ends with %s, the source with %s", describePunct(t), describePunct(s))
	}
	srcDoubles := doubledWords(srcText, c.lang)
	for _, w := range doubledWords(trText, c.lang) {
		if !slices.ContainsFunc(srcDoubles, func(s string) bool { return strings.EqualFold(s, w) }) {
			add(DoubledWord, "repeats the word %s", diag.Quote(w))
		}
	}
	return issues
}

func describePunct(p string) string {
	if p == "" {
		return "no punctuation"
	}
	return diag.Quote(p)
}

// pairs compares two lists of strings by key. It calls f(a, "") for each string of
// src that dst lacks, f(a, b) when one of src was replaced by one of dst (a lost
// and an added one, taken in order), and f("", b) for each string dst adds.
func pairs(src, dst []string, key func(string) string, f func(a, b string)) {
	left := map[string]int{}
	for _, d := range dst {
		left[key(d)]++
	}
	var lost []string
	for _, s := range src {
		if left[key(s)] > 0 {
			left[key(s)]--
		} else {
			lost = append(lost, s)
		}
	}
	var added []string
	for _, d := range dst {
		if left[key(d)] > 0 {
			left[key(d)]--
			added = append(added, d)
		}
	}
	for i, a := range lost {
		if i < len(added) {
			f(a, added[i])
		} else {
			f(a, "")
		}
	}
	for i := len(lost); i < len(added); i++ {
		f("", added[i])
	}
}

// rawHTMLIssue reports raw HTML, which no edition passes through.
func rawHTMLIssue(html []string) issue {
	return issue{RawHTML, fmt.Sprintf("holds raw HTML %s; write plain text (a path placeholder belongs in a `code span`)", diag.Quote(diag.Abbreviate(strings.Join(html, ""), 40)))}
}

// unsafeLinkIssue reports a link that unsafeScheme refuses.
func unsafeLinkIssue(target string) issue {
	return issue{UnsafeLink, fmt.Sprintf("links to %s; a notice links only to web pages and e-mail addresses (https:, mailto:)", diag.Quote(diag.Abbreviate(target, 60)))}
}

// unsafeScheme reports whether a link target runs code or reads local files.
func unsafeScheme(target string) bool {
	t := strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1 // browsers ignore control characters and spaces in a scheme
		}
		return r
	}, target))
	for _, s := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(t, s) {
			return true
		}
	}
	return false
}
