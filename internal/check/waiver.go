package check

import (
	"bufio"
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/fsn-tool/fsn/internal/diag"
	"github.com/fsn-tool/fsn/internal/l10n"
)

// A waiver silences one check on one message of a locale file, with a reason a
// reviewer can read. It is a TOML comment, inside the message's table or in the
// comments directly above it:
//
//	# fsn:waive unchanged: "Name" is also the German word.
//	[reply_form.fields.name]
//	hash = "sha1-9acde0b49794eaebc730a1f0fde23a7d0b10883e"
//	other = "Name"
//
// A comment, because go-i18n allows no key of its own in a message's table (a
// table that mixes message keys with others is an error), so the file stays a
// file that go-i18n and `goi18n merge` read as before. The waiver sits beside the
// translation it excuses and is reviewed with it. A tool that rewrites the file
// without its comments drops the waiver, and the finding comes back: the check
// fails safe, never silently passes.
type waiver struct {
	check, reason string
	message       string // the message id
	pos           diag.Pos
	used          bool
}

var waiverComment = regexp.MustCompile(`^\s*#\s*` + waiverMark + `\b(.*)$`)

// waiverMark is what every line of a waiver holds.
const waiverMark = "fsn:waive"

var waiverBody = regexp.MustCompile(`^\s+([a-z-]+)\s*:\s*(\S.*?)\s*$`)

// readWaivers returns the waivers of f by message id, and a finding for each
// fsn:waive comment that is malformed or belongs to no message.
func readWaivers(f *l10n.File) (map[string][]*waiver, []*Finding) {
	if !bytes.Contains(f.Data, []byte(waiverMark)) {
		return map[string][]*waiver{}, nil // as most files: no line to look at
	}
	type start struct {
		line int
		id   string
	}
	var starts []start
	for id, m := range f.Messages {
		starts = append(starts, start{m.Pos.Line, id})
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].line < starts[j].line })

	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(f.Data))
	sc.Buffer(nil, len(f.Data)+1)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	// owner returns the message a comment on line (1-based) belongs to: the one
	// whose start follows a run of comment lines from it, else the one it is in.
	owner := func(line int) string {
		for l := line + 1; l <= len(lines); l++ {
			if !strings.HasPrefix(strings.TrimSpace(lines[l-1]), "#") {
				if i := sort.Search(len(starts), func(i int) bool { return starts[i].line >= l }); i < len(starts) && starts[i].line == l {
					return starts[i].id
				}
				break
			}
		}
		i := sort.Search(len(starts), func(i int) bool { return starts[i].line > line })
		if i == 0 {
			return ""
		}
		return starts[i-1].id
	}

	waivers := map[string][]*waiver{}
	var bad []*Finding
	for i, text := range lines {
		if !strings.Contains(text, waiverMark) {
			continue
		}
		m := waiverComment.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		pos := diag.Pos{File: f.Path, Line: i + 1, Column: 1}
		invalid := func(msg string) {
			bad = append(bad, newFinding(pos, f.Lang, "", WaiverInvalid, "%s: %s", f.Lang, msg))
		}
		body := waiverBody.FindStringSubmatch(m[1])
		id := owner(i + 1)
		switch {
		case body == nil:
			invalid("a waiver reads \"# fsn:waive CHECK: reason\", such as \"# fsn:waive unchanged: a proper name\"")
		case !isKnownCheck(body[1]):
			invalid("waiver names no check " + diag.Quote(body[1]) + "; docs/checks.md lists them")
		case !checks[body[1]].waivable:
			invalid("the check " + diag.Quote(body[1]) + " cannot be waived; fix the translation")
		case id == "":
			invalid("the waiver belongs to no message; put it inside a message's table or directly above it")
		default:
			waivers[id] = append(waivers[id], &waiver{check: body[1], reason: body[2], message: id, pos: pos})
		}
	}
	return waivers, bad
}

func isKnownCheck(id string) bool {
	_, ok := checks[id]
	return ok
}
