package parallel

const (
	// chunksPerWorker cuts a little finer than one chunk per worker, so that
	// a worker slowed by the OS or by another call costs a fraction of its
	// share, not all of it.
	chunksPerWorker = 4

	// cancelChunks is the fewest chunks ForCancel cuts (grain permitting),
	// even on one worker: a cancel takes effect between chunks, so this
	// bounds the work done after Ctrl-C to about 1/cancelChunks of the call.
	cancelChunks = 256
)

// For calls body(lo, hi) on contiguous chunks that cover [0, n) exactly
// once, using at most workers goroutines at once, the caller included
// (workers < 1 means Workers()). Each chunk holds at least grain elements
// (grain < 1 means 1); there are about 4 chunks per worker so that idle
// goroutines can take over the chunks of slow ones. Chunks are disjoint, so
// a body that writes only its own range needs no locking.
//
// If n <= grain or workers == 1, For calls body(0, n) on the caller and
// nothing else (no call at all if n <= 0): below grain, splitting costs more
// than it saves.
//
// For returns when every chunk is done. If a body panics, chunks not yet
// started are abandoned, and For panics in the caller with a *PanicError
// holding the first panic value and its stack, once no chunk is running.
func For(workers, n, grain int, body func(lo, hi int)) {
	if n <= 0 {
		return
	}
	grain = max(grain, 1)
	workers = resolve(workers)
	if n <= grain || workers == 1 {
		serial(0, n, body)
		return
	}
	run(workers, n, balanced(min(n/grain, workers*chunksPerWorker), workers), nil, body)
}

// balanced rounds a chunk count above workers down to a multiple of
// workers, so that at mid sizes (a few grains) no goroutine gets a chunk
// more than the others: 3 chunks on 2 workers would leave 2/3 of the work on
// one of them.
func balanced(nchunks, workers int) int {
	if nchunks > workers {
		return nchunks - nchunks%workers
	}
	return nchunks
}

// ForCancel is For with a cancel flag: once *cancel != 0 (read atomically
// between chunks, by every goroutine of the call) no further chunk starts.
// It returns true if every chunk ran and false if the flag stopped it; the
// chunks that ran are complete either way, and none is running when it
// returns. A nil cancel never cancels.
//
// Unlike For, ForCancel splits even on one worker, into at least 256 chunks
// where grain allows, so that a cancel is seen within about 1/256 of the
// work (a few milliseconds of a call of seconds, on a loaded machine too);
// grain still bounds how small a chunk may be.
func ForCancel(workers, n, grain int, cancel *int32, body func(lo, hi int)) bool {
	if n <= 0 {
		return true
	}
	grain = max(grain, 1)
	workers = resolve(workers)
	nchunks := min(n/grain, max(workers*chunksPerWorker, cancelChunks))
	return run(workers, n, max(nchunks, 1), cancel, body)
}
