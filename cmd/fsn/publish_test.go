package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

func TestPublish(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12", "FSN_BASE_URL"} {
		t.Setenv(env, "")
	}
	out := t.TempDir()
	flags := seedProjectFlags(t, filepath.Join(out, "editions"))
	flags[len(flags)-2] = "--build-out" // seedProjectFlags ends with --out DIR
	siteDir := filepath.Join(out, "site")
	t.Chdir(t.TempDir()) // the development certificate goes to ./.fsn
	keys := t.TempDir()
	cert, key := fsntest.KeyFiles(t, filepath.Join(keys, "signatory"), fsntest.Signatory)
	malloryCert, malloryKey := fsntest.KeyFiles(t, filepath.Join(keys, "mallory"), "Mallory Evil")
	unsigned := append([]string{"publish", "--out", siteDir}, flags...)
	publish := slices.Concat(unsigned, []string{"--sign-cert", cert, "--sign-key", key})
	mallory := slices.Concat(unsigned, []string{"--sign-cert", malloryCert, "--sign-key", malloryKey})
	// fresh returns args with a --build-out and an --out of their own.
	fresh := func(args []string) []string {
		args = slices.Clone(args)
		dir := t.TempDir()
		args[slices.Index(args, "--out")+1] = filepath.Join(dir, "site")
		args[slices.Index(args, "--build-out")+1] = filepath.Join(dir, "editions")
		return args
	}

	tests := []struct {
		name   string
		args   []string
		code   int
		output string
	}{
		{"someone else's certificate", mallory, 1, `notice.yaml: error[signatory]: iqwebx-2017-11: the PDFs must be signed by the signatory, but the signing certificate (CN=Mallory Evil,O=fsn tests) is for "Mallory Evil", not the signatory "Dr. Arpad Bischof"; fsn publish refuses them`},
		{"development certificate", unsigned, 1, `but signed with the development certificate (CN=fsn development certificate – NOT FOR DISTRIBUTION,O=fsn), which stands for no one`},
		{"publish", append(publish, "--base-url", "https://example.com/safety"), 0, "published 1 notice in 3 languages"},
		{"without base URL", publish, 0, "no --base-url"},
		{"bad base URL", append(publish, "--base-url", "example.com"), 2, "is not an absolute http or https URL"},
		{"notice folder given", append(publish, "notices/iqwebx-2017-11"), 2, "publish takes no notice folders"},
		{"unreadable trust file", append(publish, "--trust", "missing.pem"), 2, "--trust: cannot read missing.pem"},
		// The build verified each signature it made without the roots: publish
		// checks the certificate against them once, and each PDF when it does
		// not chain. Each builds afresh, so that every PDF is signed in the run.
		{"trusted root", slices.Concat(fresh(publish), []string{"--trust", cert}), 0, "published 1 notice in 3 languages"},
		{"untrusted root", slices.Concat(fresh(publish), []string{"--trust", malloryCert}), 1, "iqwebx-2017-11.de.pdf: error[signature]: de: the signature of the PDF edition does not verify: signing certificate \"Dr. Arpad Bischof\" does not chain to a trusted root"},
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

// TestAnotherSignersCertificate builds with a certificate for "Mallory Evil",
// while the notice's signatory is Dr. Arpad Bischof: fsn build warns, naming
// both, and fsn verify refuses every PDF, though each signature gives the
// signatory's name as its /Name.
func TestAnotherSignersCertificate(t *testing.T) {
	out := t.TempDir()
	cert, key := fsntest.KeyFiles(t, t.TempDir(), "Mallory Evil")
	project := seedProjectFlags(t, out)
	flags := append(slices.Clone(project), "--sign-cert", cert, "--sign-key", key)
	code, _, stderr := fsn(t, append([]string{"build"}, flags...)...)
	want := `notice.yaml: warning[signatory]: iqwebx-2017-11: the PDFs must be signed by the signatory, but the signing certificate (CN=Mallory Evil,O=fsn tests) is for "Mallory Evil", not the signatory "Dr. Arpad Bischof"`
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("fsn build: exit %d, want 0 and %q:\n%s", code, want, stderr)
	}
	code, _, stderr = fsn(t, append([]string{"verify"}, project...)...)
	want = `iqwebx-2017-11.it.pdf: error[signature]: it: the PDF edition is not the signatory's: the signing certificate (CN=Mallory Evil,O=fsn tests) is for "Mallory Evil", not the signatory "Dr. Arpad Bischof"`
	if code != 1 || strings.Count(stderr, "error[signature]") != 3 || !strings.Contains(stderr, want) {
		t.Errorf("fsn verify: exit %d, want 1 and %q for each PDF:\n%s", code, want, stderr)
	}
}

// TestHardwareExample checks, builds, verifies and publishes the second example
// notice, the hardware recall that fills every field of the EU FSN template,
// in a project of its own, signed with its signatory's certificate: no command
// finds an error or waives a check, and the site holds each of its languages.
func TestHardwareExample(t *testing.T) {
	const id = "infusia-ip7-2026-05"
	dir := fsntest.CopyNoticeProject(t, id)
	fsntest.SignAs(t, "Dr. Miriam Albrecht")
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Chdir(dir)
	for _, args := range [][]string{{"check"}, {"build"}, {"verify"}, {"publish", "--base-url", "https://example.com/safety"}} {
		code, stdout, stderr := fsn(t, args...)
		if code != 0 || strings.Contains(stdout+stderr, "error[") || strings.Contains(stdout+stderr, "waived[") {
			t.Fatalf("fsn %s: exit %d, want 0 without errors or waivers\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
	}
	for _, lang := range []string{"en", "de", "fr"} {
		name := filepath.Join("out", "site", lang, id, id+"."+lang+".pdf")
		if _, err := os.Stat(name); err != nil {
			t.Errorf("the site lacks %s: %v", name, err)
		}
	}
}
