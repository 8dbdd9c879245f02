package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// ciDocBlocks returns the YAML blocks of docs/ci.md, in order.
func ciDocBlocks(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(fsntest.Root(t), "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllSubmatch(data, -1) {
		blocks = append(blocks, string(m[1]))
	}
	return blocks
}

// TestActionlint runs actionlint (.ci/run installs it) on the GitHub workflows
// of docs/ci.md and on the one fsn init writes, and checks that the
// pull-request job of the documentation is the one fsn init writes.
func TestActionlint(t *testing.T) {
	dir := t.TempDir()
	if err := initProject(dir, "latest"); err != nil {
		t.Fatal(err)
	}
	initWorkflow := filepath.Join(dir, ".github", "workflows", "fsn.yml")
	files := []string{initWorkflow}
	var prJob string
	for i, b := range ciDocBlocks(t) {
		if !strings.Contains(b, "\njobs:\n") {
			continue // a GitLab job
		}
		if prJob == "" {
			prJob = b
		}
		path := filepath.Join(dir, ".github", "workflows", "doc-"+string(rune('a'+i))+".yml")
		if err := os.WriteFile(path, []byte(b), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	if len(files) < 3 {
		t.Fatalf("docs/ci.md has %d GitHub workflows, want the pull-request job and the publishing one", len(files)-1)
	}
	written, _ := os.ReadFile(initWorkflow)
	var kept []string
	for _, line := range strings.SplitAfter(string(written), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	if strings.Join(kept, "") != prJob {
		t.Errorf("the pull-request job of docs/ci.md is not the workflow fsn init writes:\n%s\nfsn init:\n%s", prJob, strings.Join(kept, ""))
	}
	if _, err := exec.LookPath("actionlint"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("actionlint is required in CI (.ci/run installs it)")
		}
		t.Skip("actionlint not installed: go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12")
	}
	cmd := exec.Command("actionlint", append([]string{"-no-color"}, files...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint: %v\n%s", err, out)
	}
	// actionlint can fail: a workflow with an unknown key does not pass.
	broken := filepath.Join(dir, ".github", "workflows", "broken.yml")
	os.WriteFile(broken, bytes.Replace(written, []byte("runs-on:"), []byte("run-on:"), 1), 0o644)
	if out, err := exec.Command("actionlint", "-no-color", broken).CombinedOutput(); err == nil {
		t.Errorf("actionlint passed a workflow without runs-on:\n%s", out)
	}
}

// TestGitLabJob checks the GitLab CI file of docs/ci.md: YAML, a merge-request
// job that checks and runs the tests, a cached module folder, and a publishing
// job that removes the key file in after_script, where the key's path must be
// a job variable because after_script runs in a shell of its own.
func TestGitLabJob(t *testing.T) {
	var src string
	for _, b := range ciDocBlocks(t) {
		if strings.HasPrefix(b, "stages:") {
			src = b
		}
	}
	if src == "" {
		t.Fatal("docs/ci.md has no GitLab CI file")
	}
	var ci struct {
		Default struct {
			Cache struct {
				Key   struct{ Files []string }
				Paths []string
			}
			BeforeScript []string `yaml:"before_script"`
		}
		Check struct {
			Rules  []map[string]string
			Script []string
		}
		Pages struct {
			Variables   map[string]string
			Script      []string
			AfterScript []string `yaml:"after_script"`
		}
	}
	if err := yaml.Unmarshal([]byte(src), &ci); err != nil {
		t.Fatalf("the GitLab CI file is not YAML: %v", err)
	}
	schema := fsntest.JSONSchema(t, filepath.Join("testdata", "gitlab-ci", "ci.json"))
	if err := schema.Validate(yamlValue(t, src)); err != nil {
		t.Errorf("the GitLab CI file of docs/ci.md does not validate against GitLab's CI schema: %v", err)
	}
	// The schema can fail: a job whose artifacts are kept "sometimes" does not pass.
	if err := schema.Validate(yamlValue(t, strings.Replace(src, "when: always", "when: sometimes", 1))); err == nil {
		t.Error("GitLab's CI schema passes artifacts: when: sometimes")
	}
	joined := func(l []string) string { return strings.Join(l, "\n") }
	for _, c := range []struct {
		ok   bool
		what string
	}{
		{len(ci.Default.Cache.Paths) > 0 && strings.Contains(joined(ci.Default.BeforeScript), "GOPATH=\"$CI_PROJECT_DIR/"+strings.TrimSuffix(ci.Default.Cache.Paths[0], "/")), "the module cache is a cached folder of the project"},
		{strings.Contains(joined(ci.Default.BeforeScript), "go install github.com/fsn-tool/fsn/cmd/fsn@"), "fsn is installed with go install"},
		{strings.Contains(ci.Check.Rules[0]["if"], "merge_request_event"), "check runs on merge requests"},
		{strings.Contains(joined(ci.Check.Script), "fsn check") && strings.Contains(joined(ci.Check.Script), "go test ./..."), "check runs fsn check and the tests"},
		{ci.Pages.Variables["FSN_SIGN_P12"] != "", "the key's path is a job variable"},
		{strings.Contains(joined(ci.Pages.AfterScript), `rm -f "$FSN_SIGN_P12"`), "after_script removes the key"},
		{strings.Contains(joined(ci.Pages.Script), "trap 'rm -f \"$FSN_SIGN_P12\"' EXIT"), "the script removes the key when it ends"},
		{strings.Contains(joined(ci.Pages.Script), "--trust"), "publish checks the certificate chain"},
	} {
		if !c.ok {
			t.Errorf("the GitLab CI file of docs/ci.md: want %s", c.what)
		}
	}
}

// yamlValue returns the YAML document src as the JSON value a schema validates.
func yamlValue(t *testing.T, src string) any {
	t.Helper()
	data, err := yaml.YAMLToJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}
