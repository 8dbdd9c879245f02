package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
)

// The pages fsn writes are self-contained: no script, no remote resource, no
// style but their own. Each carries a Content-Security-Policy that says so, as a
// <meta http-equiv> (the pages are files, often opened with no server), so that
// even markup that got into a page by mistake can run nothing, load nothing and
// restyle nothing: a style="…" attribute or a <style> element that fsn did not
// write is not applied.

// metaCharset and headStart match the <meta charset> and the <head> start tag.
var (
	metaCharset = regexp.MustCompile(`(?i)<meta charset="?[a-z0-9-]+"?\s*/?>`)
	headStart   = regexp.MustCompile(`(?i)<head\b[^>]*>`)
)

// ContentSecurityPolicy returns the policy of a page whose <style> elements hold
// styles and images from data: URIs, which is how a page holds the notice's
// figures; with sameOrigin, the page may also use the style sheets and images
// of the site it is on (a page of the website), else nothing but its own.
func ContentSecurityPolicy(sameOrigin bool, styles ...string) string {
	style := []string{}
	if sameOrigin {
		style = append(style, "'self'")
	}
	for _, s := range styles {
		sum := sha256.Sum256([]byte(s))
		style = append(style, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	if len(style) == 0 {
		style = append(style, "'none'")
	}
	// The figures of a notice are inside the page, as data: URIs.
	img := "data:"
	if sameOrigin {
		img = "'self' data:"
	}
	return "default-src 'none'; style-src " + strings.Join(style, " ") + "; img-src " + img +
		"; base-uri 'none'; form-action 'none'"
}

// WithCSP returns page with a <meta http-equiv="Content-Security-Policy"> at the
// start of its head, right after its <meta charset>: the policy allows the
// page's own <style> elements, by their hashes, and with sameOrigin the style
// sheets and images of its site.
func WithCSP(page []byte, sameOrigin bool) ([]byte, error) {
	var styles []string
	for _, s := range styleContents(page) {
		styles = append(styles, string(s))
	}
	loc := metaCharset.FindIndex(page)
	if loc == nil {
		loc = headStart.FindIndex(page)
	}
	if loc == nil {
		return nil, errors.New("the page has no <head>, where its Content-Security-Policy belongs")
	}
	meta := `<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy(sameOrigin, styles...) + `">`
	var b bytes.Buffer
	b.Grow(len(page) + len(meta) + 1)
	b.Write(page[:loc[1]])
	b.WriteString("\n" + meta)
	b.Write(page[loc[1]:])
	return b.Bytes(), nil
}

// styleContents returns the content of each <style> element of page, in order:
// from the ">" of a start tag "<style" (in any case, with or without
// attributes) to the first "</style>" after it. A scan, not a regular
// expression: the page holds the figures' data: URIs, and a case-insensitive
// expression steps through every byte of them.
func styleContents(page []byte) [][]byte {
	var out [][]byte
	for i := 0; ; {
		start := indexTag(page, i, "<style")
		if start < 0 {
			return out
		}
		after := start + len("<style")
		if after < len(page) && isWordByte(page[after]) { // <styles>, <style2>: another element
			i = start + 1
			continue
		}
		gt := bytes.IndexByte(page[after:], '>')
		if gt < 0 {
			return out
		}
		open := after + gt + 1
		end := indexTag(page, open, "</style>")
		if end < 0 {
			return out // no later start tag has an end tag after it either
		}
		out = append(out, page[open:end])
		i = end + len("</style>")
	}
}

// indexTag returns the index of the first tag in page at or after from, or
// -1: tag is "<" and lower-case ASCII letters, matched in any case.
func indexTag(page []byte, from int, tag string) int {
	for i := from; i < len(page); i++ {
		k := bytes.IndexByte(page[i:], '<')
		if k < 0 {
			return -1
		}
		i += k
		if len(page)-i >= len(tag) && lowerEqual(page[i:i+len(tag)], tag) {
			return i
		}
	}
	return -1
}

// lowerEqual reports whether b, its ASCII capitals made small, is s.
func lowerEqual(b []byte, s string) bool {
	for i := range len(s) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// isWordByte reports whether c is an ASCII letter, digit or underscore, as \b of a
// regular expression counts them.
func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
