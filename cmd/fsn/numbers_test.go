package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// numbersProject returns a project holding the test notice bp30-2026-09 of
// testdata/numbers, a hardware follow-up FSCA with locale-formatted numbers,
// Greek and Czech dates in prose and structured lot ranges, translated into
// cs, el, bg, fr, de, pl and hu, with the shipped labels and templates.
func numbersProject(t *testing.T) (dir string, sources []string) {
	t.Helper()
	root, dir := fsntest.Root(t), t.TempDir()
	for _, sub := range []string{"locales", "templates"} {
		fsntest.CopyTree(t, filepath.Join(root, sub), filepath.Join(dir, sub))
	}
	fsntest.CopyTree(t, filepath.Join("testdata", "numbers"), dir)
	return dir, []string{"--notices", filepath.Join(dir, "notices"), "--locales", filepath.Join(dir, "locales")}
}

// TestLocaleNumbersPass checks, builds, verifies and publishes the test notice:
// every language writes its numbers, percentages and dates in its own form,
// and nothing needs a waiver.
func TestLocaleNumbersPass(t *testing.T) {
	labels := shippedLabels(t) // before the test leaves the repository
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12", "FSN_BASE_URL"} {
		t.Setenv(env, "")
	}
	dir, sources := numbersProject(t)
	t.Chdir(t.TempDir()) // the development certificate goes to ./.fsn
	out := filepath.Join(dir, "out")
	flags := append(sources, "--templates", filepath.Join(dir, "templates"))
	// Publish signs with a certificate of the notice's signatory.
	cert, key := fsntest.KeyFiles(t, filepath.Join(t.TempDir(), "signatory"), "Ing. Jana Dvořáková")
	steps := []struct {
		args []string
		says string
	}{
		{append([]string{"check"}, sources...), fmt.Sprintf("pl       %d         %[1]d        0      0         0       0         0       0    100.0%%", 27+labels)},
		{append(append([]string{"build"}, flags...), "--out", out), "built bp30-2026-09: en, cs, el, bg, fr, de, pl, hu"},
		{append(append([]string{"verify"}, flags...), "--out", out), "read 24 editions of 1 notice: 0 errors"},
		{append(append([]string{"publish", "--out", filepath.Join(dir, "site"), "--base-url", "https://example.com/safety"}, flags...), "--build-out", filepath.Join(dir, "published"), "--sign-cert", cert, "--sign-key", key), "published 1 notice in 8 languages"},
	}
	for _, s := range steps {
		code, stdout, stderr := fsn(t, s.args...)
		if code != 0 || !strings.Contains(stdout+stderr, s.says) {
			t.Fatalf("fsn %s: exit %d, output without %q:\n%s%s", s.args[0], code, s.says, stdout, stderr)
		}
		if s.args[0] == "check" && (strings.Contains(stdout+stderr, "warning[") || strings.Contains(stdout+stderr, "waived[")) {
			t.Errorf("fsn check warns or waives:\n%s%s", stdout, stderr)
		}
	}
	// The values fsn writes itself, in each language's form.
	for lang, want := range map[string][]string{
		"en": {"| L2403 to L2518, L2530 | 41,800 |", "| 12,650 |"},
		"cs": {"| L2403 až L2518, L2530 | 41\u00a0800 |", "Datum: 1. září 2026"},
		"de": {"| L2403 bis L2518, L2530 | 41.800 |"},
		"el": {"| L2403 έως L2518, L2530 | 41.800 |"},
		"fr": {"| de L2403 à L2518, L2530 | 41\u00a0800 |"},
		"pl": {"| od L2403 do L2518, L2530 | 41\u00a0800 |"},
	} {
		md, err := os.ReadFile(filepath.Join(out, "bp30-2026-09", "bp30-2026-09."+lang+".md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(string(md), w) {
				t.Errorf("the %s edition lacks %q", lang, w)
			}
		}
	}
}

// TestLocaleNumbersVerify edits a date of a step in the built Czech edition:
// fsn verify finds the step's lost year.
func TestLocaleNumbersVerify(t *testing.T) {
	dir, sources := numbersProject(t)
	out := filepath.Join(dir, "out")
	flags := append(append(sources, "--templates", filepath.Join(dir, "templates")), "--out", out)
	if code, _, stderr := fsn(t, append([]string{"build", "--no-sign", "--format", "md"}, flags...)...); code != 0 {
		t.Fatalf("fsn build: %s", stderr)
	}
	path := filepath.Join(out, "bp30-2026-09", "bp30-2026-09.cs.md")
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(md), "Do 30. září 2026 vyměňte"); n != 1 {
		t.Fatalf("the Czech edition holds the step's date %d times", n)
	}
	os.WriteFile(path, []byte(strings.Replace(string(md), "Do 30. září 2026 vyměňte", "Do 30. září 2025 vyměňte", 1)), 0o644)
	code, stdout, stderr := fsn(t, append([]string{"verify", "--edition", "md"}, flags...)...)
	want := `cs: in the Markdown edition, step actions-users/replace lost the number "2026"`
	if code != 1 || !strings.Contains(stdout+stderr, want) {
		t.Errorf("fsn verify: exit %d, output without %q:\n%s%s", code, want, stdout, stderr)
	}
}

// TestLocaleNumbersMisformatted breaks the test notice's translations one way
// each, as a translator could, and checks that fsn check says what is wrong.
func TestLocaleNumbersMisformatted(t *testing.T) {
	tests := []struct {
		name     string
		file     string // in the project
		old, new string // the text to replace, which occurs once
		says     string // in the output of fsn check
	}{
		{"English thousands in Czech", "locales/cs/bp30-2026-09.cs.toml", `otestovali 41\u00A0800 baterií`, "otestovali 41,800 baterií",
			"error[number-misread]: cs: message problem.cause.capacity writes \"41,800\", which cs readers read as 41.8; write \"41\u00a0800\" where the source has \"41,800\""},
		{"English decimal in Czech", "locales/cs/bp30-2026-09.cs.toml", `0,09\u00A0% z nich`, "0.09 % z nich",
			"error[number-misread]: cs: message problem.cause.capacity writes \"0.09 %\", which is not how cs writes a number (decimal sign \",\", digits grouped by a no-break space); write \"0,09\u00a0%\" where the source has \"0.09%\""},
		{"Czech hours copied from English", "locales/cs/bp30-2026-09.cs.toml", "až o 2,5 hodiny", "až o 2.5 hodiny", `write "2,5" where the source has "2.5"`},
		{"Greek date lost its day", "locales/el/bp30-2026-09.el.toml", "της 12ης Αυγούστου 2026", "του Αυγούστου 2026", `error[token-missing]: el: message problem.cause.capacity lost the number "12"`},
		{"Greek date changed its day", "locales/el/bp30-2026-09.el.toml", "της 12ης Αυγούστου 2026", "της 21ης Αυγούστου 2026", `error[token-changed]: el: message problem.cause.capacity changed the number "12" into "21"`},
		{"German thousands copied from English", "locales/de/bp30-2026-09.de.toml", "wir 41.800 Akkupacks", "wir 41,800 Akkupacks", `writes "41,800", which de readers read as 41.8; write "41.800"`},
		{"Polish step lost its year", "locales/pl/bp30-2026-09.pl.toml", "Do 30 września 2026 r. wymień", "Do 30 września wymień", `error[token-missing]: pl: step actions-users/replace lost the number "2026"`},
		{"French percentage lost its sign", "locales/fr/bp30-2026-09.fr.toml", `0,09\u202F% d’entre elles`, "0,09 d’entre elles", `error[token-changed]: fr: message problem.cause.capacity changed the number "0.09%" into "0,09"`},
		{"Bulgarian count changed", "locales/bg/bp30-2026-09.bg.toml", `изпитахме 41\u00A0800 батерии`, "изпитахме 48\u00a0100 батерии", `error[token-changed]: bg: message problem.cause.capacity changed the number "41,800" into "48 100"`},
		{"English decimal in Hungarian", "locales/hu/bp30-2026-09.hu.toml", "0,09%-uk", "0.09%-uk", "error[number-misread]: hu: message problem.cause.capacity writes \"0.09%\", which is not how hu writes a number"},
		{"Hungarian thousands copied from English", "locales/hu/bp30-2026-09.hu.toml", `óta 41\u00A0800 akkumulátort`, "óta 41,800 akkumulátort", `writes "41,800", which hu readers read as 41.8; write "41` + "\u00a0" + `800"`},
		{"Hungarian date lost its year", "locales/hu/bp30-2026-09.hu.toml", "cseréljen ki 2026. szeptember 30-ig.", "cseréljen ki szeptember 30-ig.", `error[token-missing]: hu: step actions-users/replace lost the number "2026"`},
		{"Czech range label lost its end", "locales/cs/labels.cs.toml", `other = "{{.From}} až {{.To}}"`, `other = "{{.From}} a další"`, `error[token-missing]: cs: label range lost the placeholder "{{.To}}"`},
		{"range written as text", "notices/bp30-2026-09/notice.yaml", "lots: [{from: L2403, to: L2518}, L2530]", "lots: [L2403 to L2518, L2530]",
			`warning[plain-words]: device "battery": lots "L2403 to L2518" is a range written as text, which every edition would copy as written; write it as {from: L2403, to: L2518}`},
		{"words in a device name", "notices/bp30-2026-09/notice.yaml", "name: BP-30\n", "name: BP-30 battery pack\n",
			`warning[plain-words]: device "battery": name "BP-30 battery pack" holds the words "battery pack"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, sources := numbersProject(t)
			fsntest.Replace(t, filepath.Join(dir, tt.file), tt.old, tt.new)
			code, stdout, stderr := fsn(t, append([]string{"check"}, sources...)...)
			// A warning about the notice comes with the errors its change causes
			// in the translations, if any; a translation's error fails the check.
			if code != 1 && !strings.Contains(tt.says, "warning[") || !strings.Contains(stdout+stderr, tt.says) {
				t.Errorf("fsn check: exit %d, output without\n%s\n%s%s", code, tt.says, stdout, stderr)
			}
		})
	}
}

// TestWaivedNumberPublishes gives a Czech step a number in the English form, as a
// translator may keep it under a waiver: fsn check reports it waived, and fsn
// verify and fsn publish, which read the editions back, accept what check accepted.
func TestWaivedNumberPublishes(t *testing.T) {
	for _, env := range []string{"FSN_SIGN_CERT", "FSN_SIGN_KEY", "FSN_SIGN_P12", "FSN_BASE_URL"} {
		t.Setenv(env, "")
	}
	dir, sources := numbersProject(t)
	t.Chdir(t.TempDir())
	replace := func(file, old, new string) { fsntest.Replace(t, filepath.Join(dir, file), old, new) }
	notice, czech := "notices/bp30-2026-09/notice.yaml", "locales/cs/bp30-2026-09.cs.toml"
	replace(notice, "languages: [en, cs, el, bg, fr, de, pl, hu]", "languages: [en, cs]")
	replace(notice, "packs you replaced on the reply form.", "packs you replaced (at most 1,250) on the reply form.")
	replace(czech, "[bp30-2026-09.actions.users.steps.report]\n", "# fsn:waive number-misread: the customer's order form writes the count so\n[bp30-2026-09.actions.users.steps.report]\n")
	replace(czech, "hash = \"sha1-cf564c5a558b3210b2c7a174ba97b7042d34501e\"\n", "")
	replace(czech, "počet vyměněných baterií.", "počet vyměněných baterií (nejvýše 1,250).")
	out := filepath.Join(dir, "out")
	flags := append(sources, "--templates", filepath.Join(dir, "templates"))
	cert, key := fsntest.KeyFiles(t, filepath.Join(t.TempDir(), "signatory"), "Ing. Jana Dvořáková")
	for _, s := range []struct {
		args []string
		says string
	}{
		{append([]string{"l10n", "stamp", "--lang", "cs"}, sources...), "stamped"},
		{append([]string{"check"}, sources...), `waived[number-misread]: cs: step actions-users/report writes "1,250"`},
		{append(append([]string{"build"}, flags...), "--out", out), "built bp30-2026-09: en, cs"},
		{append(append([]string{"verify"}, flags...), "--out", out), "read 6 editions of 1 notice: 0 errors"},
		{append(append([]string{"publish", "--out", filepath.Join(dir, "site")}, flags...), "--build-out", filepath.Join(dir, "published"), "--sign-cert", cert, "--sign-key", key), "published 1 notice in 2 languages"},
	} {
		code, stdout, stderr := fsn(t, s.args...)
		if code != 0 || !strings.Contains(stdout+stderr, s.says) {
			t.Fatalf("fsn %s: exit %d, output without %q:\n%s%s", strings.Join(s.args[:2], " "), code, s.says, stdout, stderr)
		}
	}
}

// TestStepWithList gives a step a list of its own, in English and German: every
// edition holds it, and fsn verify finds the step in each format.
func TestStepWithList(t *testing.T) {
	dir, sources := numbersProject(t)
	notice, german := filepath.Join(dir, "notices/bp30-2026-09/notice.yaml"), filepath.Join(dir, "locales/de/bp30-2026-09.de.toml")
	fsntest.Replace(t, notice, "languages: [en, cs, el, bg, fr, de, pl, hu]", "languages: [en, de]")
	fsntest.Replace(t, notice, "text: Check the lot number on the label of every BP-30 battery pack.",
		"text: |-\n            Check the lot number:\n\n            - on the label of every BP-30 battery pack;\n            - under its clip, if the label is worn.")
	fsntest.Replace(t, german, "hash = \"sha1-93058bbece86be1c01651eba91d1360064d58ba3\"\n", "")
	fsntest.Replace(t, german, `other = "Prüfen Sie die Losnummer auf dem Etikett jedes Akkupacks BP-30."`,
		`other = """Prüfen Sie die Losnummer:\n\n- auf dem Etikett jedes Akkupacks BP-30;\n- unter seinem Clip, wenn das Etikett abgenutzt ist."""`)
	out := filepath.Join(dir, "out")
	flags := append(append(sources, "--templates", filepath.Join(dir, "templates")), "--out", out)
	for _, s := range []struct {
		args []string
		says string
	}{
		{append([]string{"l10n", "stamp", "--lang", "de"}, sources...), "stamped"},
		{append([]string{"build", "--no-sign"}, flags...), "built bp30-2026-09: en, de"},
		{append([]string{"verify"}, flags...), "read 6 editions of 1 notice: 0 errors"},
	} {
		code, stdout, stderr := fsn(t, s.args...)
		if code != 0 || !strings.Contains(stdout+stderr, s.says) {
			t.Fatalf("fsn %s: exit %d, output without %q:\n%s%s", s.args[0], code, s.says, stdout, stderr)
		}
	}
	md, err := os.ReadFile(filepath.Join(out, "bp30-2026-09", "bp30-2026-09.de.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "   - unter seinem Clip") {
		t.Errorf("the German edition lacks the step's list:\n%s", md)
	}
}

// TestMissingLocaleFile removes a language's translation of the notice that
// lists it: fsn check and fsn build say which commands make the file.
func TestMissingLocaleFile(t *testing.T) {
	dir, sources := numbersProject(t)
	if err := os.Remove(filepath.Join(dir, "locales", "pl", "bp30-2026-09.pl.toml")); err != nil {
		t.Fatal(err)
	}
	flags := append(append(sources, "--templates", filepath.Join(dir, "templates")), "--out", filepath.Join(dir, "out"), "--no-sign")
	for _, args := range [][]string{append([]string{"check"}, sources...), append([]string{"build"}, flags...)} {
		code, stdout, stderr := fsn(t, args...)
		if want := "run fsn l10n sync --lang pl, which writes a work file of its"; code != 1 || !strings.Contains(stdout+stderr, want) {
			t.Errorf("fsn %s: exit %d, output without %q:\n%s%s", args[0], code, want, stdout, stderr)
		}
	}
}
