package parallel

import (
	"runtime"
	"sync/atomic"
)

// defaultWorkers is the count set by SetWorkers; 0 follows GOMAXPROCS, which
// the runtime may change while the process runs (cgroup CPU limits).
var defaultWorkers atomic.Int64

// Workers reports the default worker count: the value last given to
// SetWorkers, or runtime.GOMAXPROCS(0) if none was given or it was reset.
func Workers() int {
	if n := defaultWorkers.Load(); n > 0 {
		return int(n)
	}
	return runtime.GOMAXPROCS(0)
}

// SetWorkers sets the default worker count used when a call passes
// workers < 1, and returns the previous default. n < 1 restores the initial
// default, runtime.GOMAXPROCS(0).
func SetWorkers(n int) int {
	if n < 1 {
		n = 0
	}
	prev := defaultWorkers.Swap(int64(n))
	if prev > 0 {
		return int(prev)
	}
	return runtime.GOMAXPROCS(0)
}

// resolve turns a call's workers argument into a count: the default below 1,
// and no more than the pool can supply, which also keeps workers*chunks from
// overflowing.
func resolve(workers int) int {
	if workers < 1 {
		workers = Workers()
	}
	return min(workers, maxPool+1)
}
