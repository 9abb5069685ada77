package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

const (
	// maxPool bounds the worker goroutines, however many workers a call asks
	// for; the work is CPU-bound, so more goroutines than this only add
	// scheduling.
	maxPool = 1024

	// queueSize is the number of helper requests that may wait for a worker.
	// A request that does not fit is dropped: the caller and the helpers that
	// did get in share the chunks, so a full queue costs speed, never progress.
	queueSize = 4 * maxPool

	// workerSpin is how many times an idle worker polls the queue, yielding
	// in between, before it parks. Waking a parked goroutine can cost the
	// caller a futex call and the worker tens of microseconds; back-to-back
	// calls (a Python loop over small arrays) find a spinning worker instead.
	workerSpin = 64

	// callerSpin is how many times a caller polls for its last chunks before
	// it parks. A cgo caller is locked to its thread, so parking puts the
	// thread to sleep and waking it costs a system call on each side.
	callerSpin = 1 << 12
)

var (
	// queue carries helper requests: a *job sent n times asks n workers to
	// help with it. Requests may outlive their call (the caller finished
	// every chunk first); a worker that takes one finds no chunk left.
	queue = make(chan *job, queueSize)

	poolSize atomic.Int32 // worker goroutines running
	poolMu   sync.Mutex   // serializes growth

	jobs = sync.Pool{New: func() any { return &job{done: make(chan struct{}, 1)} }}
)

// job is one call of For, ForCancel or Reduce. Jobs are recycled, so a call
// allocates none once the pool is warm; refs keeps a job out of the pool
// until every queued request for it has been taken and dropped.
type job struct {
	body    func(lo, hi int)
	nchunks int64
	base    int // chunk i is [i*base + min(i, rem), +base (+1 if i < rem))
	rem     int
	cancel  *int32

	_    [64]byte // next and remaining are hot; keep them off body's line
	next atomic.Int64
	_    [56]byte
	// remaining counts chunks not yet finished or abandoned; whoever takes it
	// to zero sends on done, which the caller receives exactly once.
	remaining atomic.Int64
	_         [56]byte

	refs      atomic.Int32
	cancelled atomic.Bool
	failure   atomic.Pointer[PanicError]
	done      chan struct{}
}

// run splits [0, n) into nchunks near-equal chunks and runs body on each,
// on the caller and on up to workers-1 pool goroutines. It returns false if
// cancel stopped it; it panics with a *PanicError if a body panicked.
func run(workers, n, nchunks int, cancel *int32, body func(lo, hi int)) bool {
	j := jobs.Get().(*job)
	j.body = body
	j.nchunks = int64(nchunks)
	j.base, j.rem = n/nchunks, n%nchunks
	j.cancel = cancel
	j.next.Store(0)
	j.remaining.Store(int64(nchunks))
	j.cancelled.Store(false)

	j.request(min(workers, nchunks) - 1)
	j.participate()
	failure, cancelled := j.failure.Load(), j.cancelled.Load()
	j.release()
	if failure != nil {
		panic(failure)
	}
	return !cancelled
}

// request asks up to helpers pool goroutines to work on j. References are
// counted before each send: a worker may take a request and drop its
// reference before the next send.
func (j *job) request(helpers int) {
	j.refs.Store(1 + int32(helpers))
	if helpers < 1 {
		return
	}
	grow(helpers)
	for sent := range helpers {
		select {
		case queue <- j:
		default:
			j.refs.Add(-int32(helpers - sent))
			return
		}
	}
}

// participate runs chunks on the caller, then waits for the chunks that
// workers took. It waits even if a body called runtime.Goexit on the caller,
// so that no chunk outlives the call: the caller's memory (in gonp, a NumPy
// buffer borrowed through cgo) may be gone after it returns.
func (j *job) participate() {
	finished := false
	defer func() {
		if !finished {
			<-j.done
		}
	}()
	j.work()
	for i := 0; i < callerSpin && j.remaining.Load() != 0; i++ {
	}
	<-j.done
	finished = true
}

// work claims and runs chunks until none are left, a body panicked or the
// call was cancelled. Claiming through one atomic counter lets whoever is
// free take the next chunk, so a slow worker delays the call by one chunk
// at most.
func (j *job) work() {
	for {
		if j.cancel != nil && atomic.LoadInt32(j.cancel) != 0 {
			j.abandon(true)
			return
		}
		i := j.next.Add(1) - 1
		if i >= j.nchunks {
			return
		}
		j.runChunk(int(i))
	}
}

func (j *job) runChunk(i int) {
	finished := false
	defer func() {
		if !finished {
			// recover returns nil under runtime.Goexit; the chunk is still
			// counted, and the failure recorded, so the caller does not hang.
			j.fail(newPanicError(recover()))
		}
		j.finish(1)
	}()
	lo := i*j.base + min(i, j.rem)
	hi := lo + j.base
	if i < j.rem {
		hi++
	}
	j.body(lo, hi)
	finished = true
}

// fail keeps the first panic and abandons the chunks nobody has claimed yet:
// the call is going to panic, so finishing them is wasted time.
func (j *job) fail(pe *PanicError) {
	j.failure.CompareAndSwap(nil, pe)
	j.abandon(false)
}

// abandon stops chunk dispatch and counts every unclaimed chunk as finished.
// The swap hands each unclaimed index to exactly one goroutine: claims after
// it see next >= nchunks, and a later swap sees old >= nchunks.
func (j *job) abandon(cancelled bool) {
	old := j.next.Swap(j.nchunks)
	if old >= j.nchunks {
		return
	}
	if cancelled {
		j.cancelled.Store(true)
	}
	j.finish(j.nchunks - old)
}

func (j *job) finish(chunks int64) {
	if j.remaining.Add(-chunks) == 0 {
		j.done <- struct{}{}
	}
}

func (j *job) release() {
	if j.refs.Add(-1) == 0 {
		j.body, j.cancel = nil, nil // let the closure and its data go
		j.failure.Store(nil)
		jobs.Put(j)
	}
}

// grow starts workers until there are at least n. Workers never exit: an
// idle one costs a parked goroutine, and restarting them would put a
// goroutine start on the dispatch path.
func grow(n int) {
	if int(poolSize.Load()) >= n {
		return
	}
	poolMu.Lock()
	for int(poolSize.Load()) < n {
		poolSize.Add(1)
		go worker()
	}
	poolMu.Unlock()
}

func worker() {
	// Only runtime.Goexit in a body gets here; give the slot back so that
	// grow replaces this worker.
	defer poolSize.Add(-1)
	for {
		help(nextJob())
	}
}

func help(j *job) {
	defer j.release()
	j.work()
}

func nextJob() *job {
	for range workerSpin {
		select {
		case j := <-queue:
			return j
		default:
			runtime.Gosched()
		}
	}
	return <-queue
}
