package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/fsn-tool/fsn/internal/fsntest"
)

// completionCases are command lines as a user types them before pressing tab,
// with the words every shell must offer, typed in a folder that holds the
// files build.md and work.xlf. A line ending in a space completes a new word.
// Where fsn offers nothing (the file argument of import), each shell falls
// back to file names: fish lists them itself, the test's zsh prints (files)
// for _files, and bash leaves COMPREPLY empty for readline's -o default.
var completionCases = []struct {
	line, want string
	files      map[string]string
}{
	{line: "fsn bu", want: "build"},
	{line: "fsn build --la", want: "--lang"},
	{line: "fsn l10n st", want: "stamp status"},
	{line: "fsn l10n ex", want: "export"},
	{line: "fsn verify --require-s", want: "--require-signature"},
	{line: "fsn l10n import wo", files: map[string]string{"bash": "", "zsh": "(files)", "fish": "work.xlf"}},
}

// testCompletion loads the script of fsn completion SHELL into the real shell
// and completes each of completionCases as the shell would on a tab: bash by
// calling the completion function with COMP_WORDS set, zsh by calling _fsn with
// words and CURRENT set (compadd and _files, which only run inside the line
// editor, replaced by functions that print what they are given, compadd keeping
// only the words that start with the one typed, as it does by default), fish
// through complete -C, run in a folder whose file names also match. zsh runs the script twice: sourced, and autoloaded from fpath as
// _fsn, the way the install advice puts it.
func testCompletion(t *testing.T, bin, shell string) {
	fsntest.Tool(t, shell, shell)
	dir := filepath.Dir(bin)
	zshDir, work := t.TempDir(), t.TempDir()
	for _, name := range []string{"build.md", "work.xlf"} {
		if err := os.WriteFile(filepath.Join(work, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script, err := exec.Command(bin, "completion", shell).Output()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(zshDir, "_fsn"), script, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range completionCases {
		words := strings.Fields(tt.line)
		if strings.HasSuffix(tt.line, " ") {
			words = append(words, "")
		}
		var runs [][]string
		switch shell {
		case "bash":
			runs = append(runs, []string{"bash", "-c", fmt.Sprintf(
				`PATH=%q:$PATH; source <(fsn completion bash); COMP_WORDS=(%s); COMP_CWORD=%d; _fsn_complete; printf '%%s\n' "${COMPREPLY[@]}"`,
				dir, quoteWords(words), len(words)-1)})
		case "zsh":
			stubs := `compadd() { [[ $1 == -- ]] && shift; local w; for w; do [[ $w == ${words[CURRENT]}* ]] && print -r -- $w; done; return 0; }; _files() { print -r -- '(files)'; }; compdef() { :; }`
			call := fmt.Sprintf(`words=(%s); CURRENT=%d; _fsn`, quoteWords(words), len(words))
			runs = append(runs,
				[]string{"zsh", "-f", "-c", fmt.Sprintf(`PATH=%q:$PATH; %s; source <(fsn completion zsh); %s`, dir, stubs, call)},
				[]string{"zsh", "-f", "-c", fmt.Sprintf(`PATH=%q:$PATH; %s; fpath=(%q $fpath); autoload -Uz _fsn; %s`, dir, stubs, zshDir, call)})
		case "fish":
			runs = append(runs, []string{"fish", "--no-config", "-c", fmt.Sprintf(
				`set PATH %q $PATH; fsn completion fish | source; complete -C %q`, dir, tt.line)})
		}
		want := tt.want
		if tt.files != nil {
			want = tt.files[shell]
		}
		for _, run := range runs {
			cmd := exec.Command(run[0], run[1:]...)
			cmd.Dir = work
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: completing %q: %v\n%s", shell, tt.line, err, out)
			}
			if got := offered(string(out)); got != want {
				t.Errorf("%s: completing %q offers %q, want %q\nscript run: %s", shell, tt.line, got, want, run[len(run)-1])
			}
		}
	}
}

// offered returns the words a shell offered, one per line of out, sorted and
// joined by spaces; fish's descriptions after a tab are dropped.
func offered(out string) string {
	var words []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		word, _, _ := strings.Cut(line, "\t")
		if word != "" {
			words = append(words, word)
		}
	}
	slices.Sort(words)
	return strings.Join(words, " ")
}

func quoteWords(words []string) string {
	var q []string
	for _, w := range words {
		q = append(q, fmt.Sprintf("%q", w))
	}
	return strings.Join(q, " ")
}
