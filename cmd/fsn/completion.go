package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"
)

// The bash and zsh scripts ask fsn itself for the words that may follow: given a
// command line that ends in --generate-bash-completion, urfave/cli prints the
// subcommands of the last command, or its flags when the word being completed
// starts with a dash. Every script hands the words typed so far (without the
// one being completed, unless it is a flag) back to the same fsn, so ./bin/fsn
// completes as well as fsn on the PATH, and offers file names where fsn offers
// nothing (the arguments of import, for one). Fish and PowerShell do the same
// through complete -a and a native argument completer.
const (
	bashCompletion = `# bash completion of fsn. Load it with: source <(fsn completion bash)
_fsn_complete() {
  local word=${COMP_WORDS[COMP_CWORD]}
  local -a typed=("${COMP_WORDS[@]:0:COMP_CWORD}")
  [[ $word == -* ]] && typed+=("$word")
  local offered
  offered=$("${typed[@]}" --generate-bash-completion 2>/dev/null) || return 0
  COMPREPLY=($(compgen -W "$offered" -- "$word"))
}
complete -o bashdefault -o default -F _fsn_complete fsn
`
	zshCompletion = `#compdef fsn
# zsh completion of fsn. Install it with: fsn completion zsh > "${fpath[1]}/_fsn"
# (or load it for this shell with: source <(fsn completion zsh)).
_fsn() {
  local word=${words[CURRENT]}
  local -a typed offered
  typed=("${(@)words[1,CURRENT-1]}")
  [[ $word == -* ]] && typed+=("$word")
  offered=("${(@f)$("${(@)typed}" --generate-bash-completion 2>/dev/null)}")
  offered=("${(@)offered:#}")
  if (( ${#offered} )); then
    compadd -- "${(@)offered}"
  else
    _files
  fi
}
if [[ ${funcstack[1]} == _fsn ]]; then
  _fsn "$@"
else
  compdef _fsn fsn
fi
`
	fishCompletion = `# fish completion of fsn. Install it with:
#   fsn completion fish > ~/.config/fish/completions/fsn.fish
function __fsn_complete
    set -l typed (commandline -opc)
    set -l word (commandline -ct)
    if string match -q -- '-*' $word
        set -a typed $word
    end
    set -l offered ($typed --generate-bash-completion 2>/dev/null)
    if test (count $offered) -gt 0
        printf '%s\n' $offered
    else
        __fish_complete_path $word
    end
end
complete -c fsn -f -a '(__fsn_complete)'
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
		script = fishCompletion
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
