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

// styleElement matches a <style> element and its content.
var styleElement = regexp.MustCompile(`(?is)<style\b[^>]*>(.*?)</style>`)

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
	for _, m := range styleElement.FindAllSubmatch(page, -1) {
		styles = append(styles, string(m[1]))
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
