package parallel_test

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/fsn-tool/fsn/internal/parallel"
)

// TestFor checks that For calls f once for each index, on no more workers than
// processors, and that none is running when it returns.
func TestFor(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]int32, n)
		var running, most atomic.Int32
		parallel.For(n, func(i int) {
			now := running.Add(1)
			for {
				m := most.Load()
				if now <= m || most.CompareAndSwap(m, now) {
					break
				}
			}
			atomic.AddInt32(&calls[i], 1)
			running.Add(-1)
		})
		for i, c := range calls {
			if c != 1 {
				t.Errorf("n=%d: f(%d) was called %d times", n, i, c)
			}
		}
		if m := most.Load(); int(m) > runtime.GOMAXPROCS(0) {
			t.Errorf("n=%d: %d calls ran at once on %d processors", n, m, runtime.GOMAXPROCS(0))
		}
		if r := running.Load(); r != 0 {
			t.Errorf("n=%d: %d calls still running after For returned", n, r)
		}
	}
}
