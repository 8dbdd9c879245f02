package outdir

// What the tests of package outdir_test, which build and publish real notices,
// need of the fault hook.
var (
	KillAt = killAt
	FailAt = failAt
)

// SetFault makes f run before every file operation; nil removes it.
func SetFault(f func(op, path string) error) { fault = f }
