package sign

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/digitorus/timestamp"
)

// tsa is the timestamp authority of Info.TSAURL, split into what is sent
// and what a message may show. A URL may carry credentials
// (https://user:password@host/) or a token in its query: the request goes to
// the URL without its user info, with the credentials as HTTP basic
// authentication, and every message names the authority by shown, in which
// they are replaced by "xxxxx".
type tsa struct {
	server struct{ URL, Username, Password string }
	shown  string
}

func sha256Sum(b []byte) []byte {
	sum := sha256.Sum256(b)
	return sum[:]
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

// maxResponse bounds the answer read from a timestamp authority.
const maxResponse = 1 << 20

// tsaTimeout bounds the wait for a timestamp authority.
var tsaTimeout = 30 * time.Second

// stamp asks the authority for an RFC 3161 timestamp token over signature,
// the signature value, and returns the token. Its errors name the authority
// by t.shown and quote at most an excerpt of an answer that is not a
// timestamp.
func (t *tsa) stamp(signature []byte) ([]byte, error) {
	query, err := timestamp.CreateRequest(bytes.NewReader(signature), &timestamp.RequestOptions{Hash: crypto.SHA256, Certificates: true})
	if err != nil {
		return nil, fmt.Errorf("cannot make the timestamp request: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, t.server.URL, bytes.NewReader(query))
	if err != nil {
		return nil, t.fail("cannot make the request (%s)", t.scrub(err))
	}
	req.Header.Set("Content-Type", "application/timestamp-query")
	if t.server.Username != "" {
		req.SetBasicAuth(t.server.Username, t.server.Password)
	}
	client := &http.Client{Timeout: tsaTimeout}
	resp, err := client.Do(req)
	if err != nil {
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, t.fail("the timestamp authority did not answer within %v", tsaTimeout)
		}
		return nil, t.fail("the timestamp authority could not be reached (%s)", t.scrub(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	switch {
	case err != nil:
		return nil, t.fail("the answer of the timestamp authority broke off (%s)", t.scrub(err))
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		msg := fmt.Sprintf("the timestamp authority answered with HTTP status %d", resp.StatusCode)
		if len(body) > 0 {
			msg += fmt.Sprintf(" and %d bytes: %q", len(body), excerpt(string(body), responseExcerpt))
		}
		return nil, t.fail("%s", t.scrub(errors.New(msg)))
	case len(body) > maxResponse:
		return nil, t.fail("the timestamp authority answered with more than %d bytes, which is no timestamp", maxResponse)
	}
	ts, err := timestamp.ParseResponse(body)
	if err != nil {
		return nil, t.fail("the answer is not a timestamp (%s)", t.scrub(err))
	}
	if !bytes.Equal(ts.HashedMessage, sha256Sum(signature)) {
		return nil, t.fail("the timestamp is for other data than the signature")
	}
	return ts.RawToken, nil
}

// fail returns an error about the authority, named as it may be shown.
func (t *tsa) fail(format string, args ...any) error {
	return fmt.Errorf("signing the PDF with a timestamp from %s: %s", t.shown, fmt.Sprintf(format, args...))
}

// scrub returns the message of err, from net/http or the timestamp parser,
// fit to show: a *url.Error is reduced to its cause (it quotes the URL), and
// the URL, the credentials and the query are replaced by t.shown or "xxxxx".
func (t *tsa) scrub(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	msg := strings.ReplaceAll(err.Error(), t.server.URL, t.shown)
	secrets := []string{t.server.Password, url.QueryEscape(t.server.Password), t.server.Username}
	if u, perr := url.Parse(t.server.URL); perr == nil {
		for _, vs := range u.Query() {
			secrets = append(secrets, vs...)
		}
	}
	for _, secret := range secrets {
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
