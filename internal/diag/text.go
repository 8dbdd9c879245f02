package diag

import (
	"errors"
	"os"
)

// Quote puts s between double quotes as written: unlike %q it leaves the
// backslashes of a Windows path and the quotes of a sentence alone.
func Quote(s string) string { return `"` + s + `"` }

// Abbreviate shortens s to its first n characters and an ellipsis, for quoting a
// long text in a message.
func Abbreviate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// Cause returns err without the operation and path an *os.PathError adds, for a
// diagnostic whose position already names the file: "no such file or directory".
func Cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
