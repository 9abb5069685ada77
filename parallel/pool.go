package parallel

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const (
	// maxPool bounds the worker goroutines, however many workers a call asks
	// for; the work is CPU-bound, so more goroutines than this only add
	// scheduling.
	maxPool = 1024

	// defaultSpin is how long an idle worker keeps polling the queue,
	// yielding in between, before it parks. Waking a parked goroutine
	// costs the caller a futex call and the worker tens of microseconds
	// (on a virtual machine, whose idle CPU the host must wake, up to a
	// hundred); calls that follow each other within the window (a Python
	// loop over arrays, with NumPy calls of a few hundred microseconds in
	// between) find a spinning worker instead. A millisecond is short
	// beside what BLAS and OpenMP runtimes spin (OpenBLAS about 2**28
	// cycles, Intel's OpenMP 200 ms): with 50 µs, square(x, out=o) on 1e6
	// float64 in such a loop took 290-350 µs on 2 workers, with 1 ms
	// 240 µs (NumPy 360-460 µs; Zen 4 VM, interleaved runs). The
	// environment variable GONP_SPIN (read once, at start) overrides it in
	// microseconds: GONP_SPIN=0 turns spinning off, for a machine shared
	// with other busy processes, where a spinning worker takes CPU time
	// from them.
	defaultSpin = time.Millisecond

	// callerSpinMax bounds the polls of a caller waiting for its last
	// chunks (about two milliseconds). A cgo caller is locked to its
	// thread, so parking puts the thread to sleep and waking it costs a
	// system call on each side, and hands the waker's P over: a float32
	// 500x500 matmul on 2 workers from a locked goroutine took 1.92-2.34 ms
	// with 1<<12 polls and 1.63-1.86 ms with 1<<18 (six alternating runs of
	// 200 calls each, Zen 4); a float64 500x500 one, whose last run of
	// row panels may end a few hundred microseconds after the caller's,
	// 90th percentile 3.9-5.5 ms with 1<<18 and 2.8-3.9 ms with 1<<21
	// (BenchmarkGemmLockedCaller in kernels/gemm: 200 calls, 30 us
	// apart). GONP_SPIN=0 turns this spin off too.
	callerSpinMax = 1 << 21
)

// spinWindow is the polling window of idle workers; callerSpin the polls of a
// waiting caller (0 when spinning is off).
var spinWindow, callerSpin = spinSettings(os.Getenv("GONP_SPIN"))

// spinSettings reads GONP_SPIN: microseconds of spinning, 0 for none; empty
// or invalid gives the default.
func spinSettings(env string) (time.Duration, int) {
	us, err := strconv.Atoi(strings.TrimSpace(env))
	if env == "" || err != nil || us < 0 {
		return defaultSpin, callerSpinMax
	}
	if us == 0 {
		return 0, 0
	}
	return time.Duration(us) * time.Microsecond, callerSpinMax
}

var (
	// queue carries helper requests: a *job sent k times asks k workers to
	// help with it. A caller sends only as many requests as it reserved idle
	// workers, so the queue never holds more requests than there are workers
	// waiting on it: a send never blocks, and no request goes stale behind
	// busy workers and then crowds out the requests of later calls.
	queue = make(chan *job, maxPool)

	// idle counts the workers waiting for a request that no caller has
	// reserved yet. A worker adds itself before it waits; a caller takes
	// workers off before it sends them requests.
	idle atomic.Int32

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

// request asks up to helpers other goroutines to work on j: idle workers
// first, then new ones while the pool is smaller than helpers. With every
// worker busy (other calls, or an outer For around this one) it asks for
// none, and the caller runs all the chunks itself; the pool never grows past
// the largest count a single call asked for.
func (j *job) request(helpers int) {
	if helpers < 1 {
		j.refs.Store(1)
		return
	}
	// Count every request before making it: a worker may finish and drop its
	// reference before the next one is made.
	j.refs.Store(1 + int32(helpers))
	asked := reserve(helpers)
	for range asked {
		queue <- j
	}
	if asked < helpers {
		asked += grow(j, helpers-asked, helpers)
	}
	if asked < helpers {
		j.refs.Add(-int32(helpers - asked))
	}
}

// reserve takes up to n workers off idle and returns how many it took.
func reserve(n int) int {
	for {
		free := idle.Load()
		if free <= 0 {
			return 0
		}
		k := min(free, int32(n))
		if idle.CompareAndSwap(free, free-k) {
			return int(k)
		}
	}
}

// grow starts up to n new workers, each with j as its first job, keeping
// the pool at or below limit, and returns how many it started. Workers never
// exit: an idle one costs a parked goroutine, and starting one costs more
// than a dispatch should.
func grow(j *job, n, limit int) int {
	if int(poolSize.Load()) >= limit {
		return 0
	}
	poolMu.Lock()
	defer poolMu.Unlock()
	k := min(n, limit-int(poolSize.Load()))
	for range k {
		poolSize.Add(1)
		go worker(j)
	}
	return max(k, 0)
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

func worker(first *job) {
	// Only runtime.Goexit in a body gets here; give the slot back so that
	// grow can replace this worker.
	defer poolSize.Add(-1)
	help(first)
	for {
		idle.Add(1)
		help(nextJob())
	}
}

func help(j *job) {
	defer j.release()
	j.work()
}

// nextJob waits for a request: polling for up to spinWindow, then parked.
func nextJob() *job {
	if spinWindow > 0 {
		start := time.Now()
		for {
			for range 16 {
				select {
				case j := <-queue:
					return j
				default:
					runtime.Gosched()
				}
			}
			if time.Since(start) >= spinWindow {
				break
			}
		}
	}
	return <-queue
}
