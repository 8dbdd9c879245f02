package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPublish(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12", "FSN_BASE_URL"} {
		t.Setenv(env, "")
	}
	out := t.TempDir()
	flags := absProjectFlags(t, filepath.Join(out, "editions"))
	flags[len(flags)-2] = "--build-out" // absProjectFlags ends with --out DIR
	siteDir := filepath.Join(out, "site")
	t.Chdir(t.TempDir()) // the development certificate goes to ./.fsn
	publish := append([]string{"publish", "--out", siteDir}, flags...)

	tests := []struct {
		name   string
		args   []string
		code   int
		output string
	}{
		{"publish", append(publish, "--base-url", "https://example.com/safety"), 0, "published 1 notice in 3 languages"},
		{"without base URL", publish, 0, "no --base-url"},
		{"bad base URL", append(publish, "--base-url", "example.com"), 2, "is not an absolute http or https URL"},
		{"notice folder given", append(publish, "notices/iqwebx-2017-11"), 2, "publish takes no notice folders"},
		{"unreadable trust file", append(publish, "--trust", "missing.pem"), 2, "--trust: cannot read missing.pem"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := fsn(t, tt.args...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.output) {
				t.Errorf("exit %d (want %d), output without %q:\n%s%s", code, tt.code, tt.output, stdout, stderr)
			}
		})
	}
	for _, name := range []string{"index.html", "it/index.html", "it/iqwebx-2017-11/index.html", "it/iqwebx-2017-11/iqwebx-2017-11.it.pdf", "manifest.json", "SHA256SUMS"} {
		if _, err := os.Stat(filepath.Join(siteDir, name)); err != nil {
			t.Errorf("the site lacks %s: %v", name, err)
		}
	}
}
