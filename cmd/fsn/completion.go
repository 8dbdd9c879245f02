package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// The completion scripts of bash, zsh and PowerShell ask fsn itself for the
// words that may follow: urfave/cli answers a command line ending in
// --generate-bash-completion with the commands or flags that fit there. The
// bash and zsh scripts are those of urfave/cli's autocomplete folder (MIT
// licence, Copyright (c) 2022 urfave/cli maintainers) with the program name set;
// fish gets urfave/cli's own ToFishCompletion.
const (
	bashCompletion = `# bash completion of fsn: source <(fsn completion bash)
_fsn_bash_autocomplete() {
  if [[ "${COMP_WORDS[0]}" != "source" ]]; then
    local cur opts
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    if [[ "$cur" == "-"* ]]; then
      opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" "${cur}" --generate-bash-completion 2>/dev/null)
    else
      opts=$("${COMP_WORDS[@]:0:$COMP_CWORD}" --generate-bash-completion 2>/dev/null)
    fi
    COMPREPLY=($(compgen -W "${opts}" -- "${cur}"))
    return 0
  fi
}
complete -o bashdefault -o default -F _fsn_bash_autocomplete fsn
`
	zshCompletion = `#compdef fsn
# zsh completion of fsn: fsn completion zsh > "${fpath[1]}/_fsn"
_fsn() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi
  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}
if [[ "$(basename -- ${(%):-%x})" != "_fsn" ]]; then
  compdef _fsn fsn
fi
`
	powershellCompletion = `# PowerShell completion of fsn: fsn completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName fsn -ScriptBlock {
  param($wordToComplete, $commandAst, $cursorPosition)
  $words = @($commandAst.CommandElements | Where-Object { $_.Extent.EndOffset -le $cursorPosition } | ForEach-Object { $_.ToString() })
  if ($wordToComplete -ne '' -and $words.Count -gt 1) { $words = $words[0..($words.Count - 2)] }
  $arguments = @($words | Select-Object -Skip 1)
  if ($wordToComplete -like '-*') { $arguments += $wordToComplete }
  & $words[0] @arguments --generate-bash-completion 2>$null |
    Where-Object { $_ -like "$wordToComplete*" } |
    ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
`
)

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:            "completion",
		Usage:           "print the shell completion script for bash, zsh, fish or powershell",
		ArgsUsage:       "SHELL",
		OnUsageError:    onUsageError,
		HideHelpCommand: true,
		Description: "Prints a script that completes fsn's commands and flags in SHELL:\n\n" +
			"   bash        source <(fsn completion bash)   (in ~/.bashrc)\n" +
			"   zsh         fsn completion zsh > \"${fpath[1]}/_fsn\"\n" +
			"   fish        fsn completion fish > ~/.config/fish/completions/fsn.fish\n" +
			"   powershell  fsn completion powershell | Out-String | Invoke-Expression   (in $PROFILE)",
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 {
				return usagef("fsn completion takes one shell: bash, zsh, fish or powershell")
			}
			return writeCompletion(c.App, c.Args().First(), c.App.Writer)
		},
	}
}

// writeCompletion writes the completion script of shell for app to w.
func writeCompletion(app *cli.App, shell string, w io.Writer) error {
	var script string
	switch shell {
	case "bash":
		script = bashCompletion
	case "zsh":
		script = zshCompletion
	case "powershell", "pwsh":
		script = powershellCompletion
	case "fish":
		var err error
		if script, err = app.ToFishCompletion(); err != nil {
			return err
		}
	default:
		return usagef("no completion for the shell %q; use bash, zsh, fish or powershell", shell)
	}
	_, err := fmt.Fprint(w, script)
	return err
}

func manCommand() *cli.Command {
	return &cli.Command{
		Name:         "man",
		Usage:        "print the man page fsn(1), made from the command definitions",
		Hidden:       true,
		OnUsageError: onUsageError,
		Description:  "make man writes it to bin/fsn.1; read it with man -l bin/fsn.1.",
		Action: func(c *cli.Context) error {
			page, err := manPage(c.App)
			if err != nil {
				return err
			}
			_, err = fmt.Fprint(c.App.Writer, page)
			return err
		},
	}
}

// manPage returns the man page of app, section 1. urfave/cli writes it through
// Markdown, which would take "<id>" in a text for an HTML tag and drop it: the
// texts are given with their angle brackets escaped.
func manPage(app *cli.App) (string, error) {
	escape := strings.NewReplacer("<", `\<`, ">", `\>`, "*", `\*`, "_", `\_`)
	var walk func([]*cli.Command) []*cli.Command
	walk = func(cmds []*cli.Command) []*cli.Command {
		var out []*cli.Command
		for _, c := range cmds {
			if c.Hidden {
				continue
			}
			e := *c
			e.Description, e.Usage = escape.Replace(c.Description), escape.Replace(c.Usage)
			e.Subcommands = walk(c.Subcommands)
			out = append(out, &e)
		}
		return out
	}
	page := *app
	page.Description = escape.Replace(app.Description)
	page.Commands = walk(app.Commands)
	return page.ToManWithSection(1)
}
