package dispatch

import (
	"sync/atomic"

	"gonp/parallel"
)

// A call's cancel flag is an int32 owned by the caller (in gonp, memory that
// Python allocated for the call), nil for a call that cannot be cancelled.
// Another thread sets it non-zero to stop the call; the call reads it
// atomically between chunks of work and never keeps the pointer.

// stopped reports whether cancel has been set (never for a nil flag).
func stopped(cancel *int32) bool {
	return cancel != nil && atomic.LoadInt32(cancel) != 0
}

// forEach is parallel.For, or parallel.ForCancel when the call has a cancel
// flag: a call without one keeps For's coarser chunks and costs nothing more.
func forEach(cancel *int32, workers, n, grain int, body func(lo, hi int)) {
	if cancel == nil {
		parallel.For(workers, n, grain, body)
		return
	}
	parallel.ForCancel(workers, n, grain, cancel, body)
}

// cancelled returns the Cancelled error if cancel was set during the call:
// the outputs are then partly written (the chunks that ran before the flag
// was seen are complete, the others untouched), and nil otherwise.
func cancelled(cancel *int32) error {
	if stopped(cancel) {
		return &Error{Code: Cancelled, Msg: "interrupted"}
	}
	return nil
}

// callWorkers is the number of goroutines a call asked for workers (below 1:
// the default, parallel.Workers()) runs on at most.
func callWorkers(workers int) int {
	if workers < 1 {
		return parallel.Workers()
	}
	return workers
}
