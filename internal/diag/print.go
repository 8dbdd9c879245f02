package diag

import (
	"fmt"
	"io"
)

// MaxPrinted is the number of diagnostics Print writes before it sums up the
// rest: an input with a million faults must not print a million lines.
const MaxPrinted = 200

// Print writes l to w, one diagnostic a line, at most MaxPrinted of them,
// followed by a line "… and N more" for the rest.
func Print(w io.Writer, l List) {
	for i, d := range l {
		if i == MaxPrinted {
			fmt.Fprintf(w, "… and %d more; fix the ones above and run again (fsn check --format json lists every finding)\n", len(l)-MaxPrinted)
			return
		}
		fmt.Fprintln(w, d.Error())
	}
}
