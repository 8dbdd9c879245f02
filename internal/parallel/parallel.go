// Package parallel runs independent pieces of work side by side on a fixed
// pool of workers, one per processor, so that memory stays the same whatever
// the number of pieces.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(0) … f(n-1) on GOMAXPROCS workers and returns when all are
// done. Each f(i) writes only its own result (the i-th of a slice), so the
// results are in order whatever finishes first.
func For(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
