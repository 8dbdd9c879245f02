package sign

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	pdfsign "github.com/digitorus/pdfsign/sign"
)

// tsa is the timestamp authority of Info.TSAURL, split into what pdfsign is
// given and what a message may show. A URL may carry credentials
// (https://user:password@host/) or a token in its query: pdfsign gets the URL
// without its user info and the credentials apart, and every message names
// the authority by shown, in which they are replaced by "xxxxx".
type tsa struct {
	server pdfsign.TSA
	shown  string
}

// redacted stands for a secret in a message.
const redacted = "xxxxx"

// parseTSA checks a timestamp authority's URL: http or https, with a host,
// and a password wherever it names a user. Its errors never hold the URL.
func parseTSA(raw string) (*tsa, error) {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error would quote the whole URL, credentials and all
		}
		return nil, fmt.Errorf("the timestamp authority URL is not a URL (%v); give it as https://host/path", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("the timestamp authority URL is not an absolute http or https URL; give it as https://host/path")
	}
	t := &tsa{}
	if u.User != nil {
		password, ok := u.User.Password()
		if !ok || password == "" || u.User.Username() == "" {
			return nil, errors.New("the timestamp authority URL names a user without a password, or a password without a user; give both, as https://USER:PASSWORD@host/path")
		}
		t.server.Username, t.server.Password = u.User.Username(), password
		u.User = nil
	}
	t.server.URL = u.String()
	shown := *u
	if shown.RawQuery != "" {
		q := shown.Query()
		for k := range q {
			q[k] = []string{redacted}
		}
		shown.RawQuery = q.Encode()
	}
	if t.server.Username != "" {
		shown.User = url.UserPassword(redacted, redacted)
	}
	t.shown = shown.String()
	return t, nil
}

// responseExcerpt is how many characters of a timestamp authority's answer a
// message quotes.
const responseExcerpt = 120

// nonSuccess matches the error pdfsign returns for an answer other than 2xx,
// which ends with the whole body of the answer.
var nonSuccess = regexp.MustCompile(`non success response \((\d+)\)(?:: )?`)

// scrub returns the message of err, from pdfsign or net/http, fit to show:
// the URL given to pdfsign is replaced by t.shown, the credentials by
// "xxxxx", and the body of an answer other than 2xx by a short excerpt of
// its printable text and its length.
func (t *tsa) scrub(err error) string {
	msg := err.Error()
	if loc := nonSuccess.FindStringSubmatchIndex(msg); loc != nil {
		status, body := msg[loc[2]:loc[3]], msg[loc[1]:]
		switch {
		case status == "0": // pdfsign drops the error of a request that got no answer
			msg = msg[:loc[0]] + "the timestamp authority could not be reached"
		default:
			msg = msg[:loc[0]] + fmt.Sprintf("the timestamp authority answered with HTTP status %s", status)
		}
		if body != "" {
			msg += fmt.Sprintf(" and %d bytes: %q", len(body), excerpt(body, responseExcerpt))
		}
	}
	msg = strings.ReplaceAll(msg, t.server.URL, t.shown)
	for _, secret := range []string{t.server.Password, url.QueryEscape(t.server.Password), t.server.Username} {
		if len(secret) >= 3 { // shorter ones would mangle words, and guess nothing
			msg = strings.ReplaceAll(msg, secret, redacted)
		}
	}
	return msg
}

// excerpt returns the first n characters of s with control and invisible
// characters dropped and white space collapsed, and "…" when s is longer.
func excerpt(s string, n int) string {
	var b strings.Builder
	count, space := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == unicode.ReplacementChar || !unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r):
			continue
		}
		if count == n {
			b.WriteString("…")
			break
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		count++
	}
	return b.String()
}
