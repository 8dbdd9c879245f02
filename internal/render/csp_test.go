package render

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// styleElement is the expression styleContents replaced: a <style> element,
// its content the first group. The tests hold the scan to it.
var styleElement = regexp.MustCompile(`(?is)<style\b[^>]*>(.*?)</style>`)

func TestWithCSP(t *testing.T) {
	page := []byte("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<style>\nbody { color: red }\n</style>\n</head>\n</html>\n")
	got, err := WithCSP(page, false)
	if err != nil {
		t.Fatal(err)
	}
	// The hash of "\nbody { color: red }\n", as `printf '\nbody { color: red }\n' | openssl sha256 -binary | base64` gives it.
	want := "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-SNPkr2rrmHBg5BfR2QoMG2IsNaep0QNmJSgjB3zcBcc=" +
		"'; img-src data:; base-uri 'none'; form-action 'none'\">\n<style>"
	if !strings.Contains(string(got), want) {
		t.Errorf("WithCSP wrote\n%s\nwant it to contain\n%s", got, want)
	}
	if _, err := WithCSP([]byte("<p>no head</p>"), true); err == nil {
		t.Error("WithCSP accepted a page without <head>")
	}
}

func TestStyleContents(t *testing.T) {
	tests := []struct {
		page string
		want []string
	}{
		{"<head><style>\nbody { color: red }\n</style></head>", []string{"\nbody { color: red }\n"}},
		{`<STYLE media="print">a{}</Style>`, []string{"a{}"}},
		{"<style\nmedia=x>a</style>", []string{"a"}},
		{"<style>a</style><p>x</p><style>b</style>", []string{"a", "b"}},
		{"<style>a<style>b</style>c</style>", []string{"a<style>b"}},
		{"<styles>a</style>", nil},
		{"<style_x>a</style>", nil},
		{"<style-x>a</style>", []string{"a"}},
		{"<style>a</style >", nil},
		{"<style>a", nil},
		{"<style", nil},
		{"<styl", nil},
		{"<style a='<style'>b</style>", []string{"b"}},
		{"<styles><style>a</style>", []string{"a"}},
		{"x</style><style></style>", []string{""}},
		{"<style>" + strings.Repeat("QUJD", 1000) + "</style>", []string{strings.Repeat("QUJD", 1000)}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range styleContents([]byte(tt.page)) {
			got = append(got, string(s))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("styleContents(%q) = %q, want %q", tt.page, got, tt.want)
		}
		if want := regexpStyles(tt.page); !slices.Equal(got, want) {
			t.Errorf("styleContents(%q) = %q, the expression finds %q", tt.page, got, want)
		}
	}
}

// FuzzStyleContents: the scan finds what the expression finds, on any page
// without a long s: the expression's (?i) reads "<ſtyle>" as "<style>", which
// no browser does.
func FuzzStyleContents(f *testing.F) {
	for _, s := range []string{"<style>a</style>", "<STYLE x>a</STYLE><style>b</style>", "<styles>", "<style>a<style>b</style>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		var got []string
		for _, s := range styleContents([]byte(page)) {
			got = append(got, string(s))
		}
		if want := regexpStyles(page); !slices.Equal(got, want) && !strings.ContainsRune(page, 'ſ') {
			t.Errorf("styleContents(%q) = %q, the expression finds %q", page, got, want)
		}
	})
}

func regexpStyles(page string) []string {
	var out []string
	for _, m := range styleElement.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}
