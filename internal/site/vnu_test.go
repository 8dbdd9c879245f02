package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// missing reports a tool the test needs and does not find: where CI is "true"
// the test fails, elsewhere it is skipped, with how to install the tool.
func missing(t *testing.T, what, install string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is required in CI; install it with: %s", what, install)
	}
	t.Skipf("%s is not installed, so this test is skipped; install it with: %s", what, install)
}

// vnuJar returns the path of the Nu Html Checker: $FSN_VNU_JAR, or the jar of
// the npm package vnu-jar installed globally (npm install -g vnu-jar).
func vnuJar(t *testing.T) string {
	t.Helper()
	const install = "npm install -g --ignore-scripts vnu-jar (or set FSN_VNU_JAR to vnu.jar)"
	jar := os.Getenv("FSN_VNU_JAR")
	if jar == "" {
		if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
			jar = filepath.Join(strings.TrimSpace(string(out)), "vnu-jar", "build", "dist", "vnu.jar")
		}
	}
	if _, err := os.Stat(jar); jar == "" || err != nil {
		missing(t, "the Nu Html Checker (vnu.jar)", install)
	}
	if _, err := exec.LookPath("java"); err != nil {
		missing(t, "Java, which runs the Nu Html Checker,", "apt-get install -y default-jre-headless")
	}
	return jar
}

// TestNuHTMLChecker validates every page and style sheet of the site, and the
// HTML editions of a notice with a figure, with the Nu Html Checker, which
// must report no error.
func TestNuHTMLChecker(t *testing.T) {
	jar := vnuJar(t)
	opts, _ := seedSite(t)
	args := []string{"-jar", jar, "--errors-only", "--format", "gnu", "--also-check-css"}
	var pages int
	for p := range readTree(t, opts.Dir) {
		if strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css") {
			args = append(args, filepath.Join(opts.Dir, filepath.FromSlash(p)))
			pages++
		}
	}
	for _, e := range figureEditions(t) {
		args = append(args, e)
		pages++
	}
	out, err := exec.Command("java", args...).CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Fatalf("the Nu Html Checker found errors (%v):\n%s", err, out)
	}
	t.Logf("the Nu Html Checker (%s) found no error in %d pages and style sheets", jar, pages)
}
