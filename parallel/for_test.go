package parallel

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestForCoversEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 64, 100, 1000, 4097} {
		for _, grain := range []int{-1, 0, 1, 3, 100, 5000} {
			for _, workers := range []int{-1, 0, 1, 2, 3, 8, 64, 1000} {
				t.Run(fmt.Sprintf("n=%d/grain=%d/workers=%d", n, grain, workers), func(t *testing.T) {
					checkFor(t, n, grain, workers)
				})
			}
		}
	}
}

func checkFor(t *testing.T, n, grain, workers int) {
	counts := make([]int32, n)
	var calls atomic.Int32
	var conc concurrency
	var mu sync.Mutex
	var short [][2]int // chunks smaller than grain
	For(workers, n, grain, func(lo, hi int) {
		conc.enter()
		defer conc.leave()
		calls.Add(1)
		if lo >= hi || lo < 0 || hi > n {
			t.Errorf("bad chunk [%d, %d) for n=%d", lo, hi, n)
			return
		}
		if hi-lo < grain {
			mu.Lock()
			short = append(short, [2]int{lo, hi})
			mu.Unlock()
		}
		for i := lo; i < hi; i++ {
			atomic.AddInt32(&counts[i], 1)
		}
	})
	for i, c := range counts {
		if c != 1 {
			t.Fatalf("index %d visited %d times", i, c)
		}
	}
	w := workers
	if w < 1 {
		w = Workers()
	}
	serial := n <= max(grain, 1) || w == 1
	switch {
	case n == 0 && calls.Load() != 0:
		t.Errorf("n=0: body called %d times", calls.Load())
	case n > 0 && serial && calls.Load() != 1:
		t.Errorf("serial case: body called %d times, want once with (0, %d)", calls.Load(), n)
	case !serial && len(short) > 0:
		t.Errorf("chunks shorter than grain %d: %v", grain, short)
	}
	if p := conc.peak.Load(); int(p) > w {
		t.Errorf("%d goroutines in body at once, want at most %d", p, w)
	}
}

func TestForHugeWorkerCount(t *testing.T) {
	checkFor(t, 10000, 1, math.MaxInt)
	if !ForCancel(math.MaxInt, 10000, 1, nil, func(lo, hi int) {}) {
		t.Error("ForCancel returned false without a cancel")
	}
	got := Reduce(math.MaxInt, 10000, 1, func(lo, hi int) int { return hi - lo }, func(a, b int) int { return a + b })
	if got != 10000 {
		t.Errorf("Reduce = %d, want 10000", got)
	}
}

func TestForSerialRunsOnCaller(t *testing.T) {
	caller := goid()
	for _, c := range []struct{ workers, n, grain int }{
		{1, 1000, 1}, {8, 10, 10}, {8, 5, 100},
	} {
		var got [][2]int
		For(c.workers, c.n, c.grain, func(lo, hi int) {
			if goid() != caller {
				t.Errorf("%+v: serial body ran off the caller's goroutine", c)
			}
			got = append(got, [2]int{lo, hi})
		})
		if len(got) != 1 || got[0] != [2]int{0, c.n} {
			t.Errorf("%+v: chunks %v, want [[0 %d]]", c, got, c.n)
		}
	}
}

func TestForUsesWorkers(t *testing.T) {
	within(t, 30*time.Second, func() { onBoth(t, func() {}, func() {}) })
}

func TestForConcurrentCallers(t *testing.T) {
	const callers, rounds, n = 16, 20, 3000
	var wg sync.WaitGroup
	for c := range callers {
		wg.Go(func() {
			for r := range rounds {
				counts := make([]int32, n)
				For(1+(c+r)%8, n, 1+c, func(lo, hi int) {
					for i := lo; i < hi; i++ {
						counts[i]++ // chunks are disjoint: no atomics needed
					}
				})
				for i, v := range counts {
					if v != 1 {
						t.Errorf("caller %d round %d: index %d visited %d times", c, r, i, v)
						return
					}
				}
			}
		})
	}
	within(t, 30*time.Second, wg.Wait)
}

func TestForNested(t *testing.T) {
	const outer, inner, innermost = 8, 16, 32
	var counts [outer * inner * innermost]int32
	within(t, 30*time.Second, func() {
		For(4, outer, 1, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				For(4, inner, 1, func(lo, hi int) {
					for j := lo; j < hi; j++ {
						For(3, innermost, 2, func(lo, hi int) {
							for k := lo; k < hi; k++ {
								atomic.AddInt32(&counts[(i*inner+j)*innermost+k], 1)
							}
						})
					}
				})
			}
		})
	})
	for i, c := range counts {
		if c != 1 {
			t.Fatalf("index %d visited %d times", i, c)
		}
	}
}

func TestWorkersRoundTrip(t *testing.T) {
	def := runtime.GOMAXPROCS(0)
	orig := SetWorkers(3)
	defer SetWorkers(orig)
	if got := Workers(); got != 3 {
		t.Fatalf("Workers() = %d after SetWorkers(3)", got)
	}
	if prev := SetWorkers(5); prev != 3 {
		t.Errorf("SetWorkers(5) returned %d, want 3", prev)
	}
	if prev := SetWorkers(0); prev != 5 {
		t.Errorf("SetWorkers(0) returned %d, want 5", prev)
	}
	if got := Workers(); got != def {
		t.Errorf("Workers() = %d after reset, want GOMAXPROCS %d", got, def)
	}
	if prev := SetWorkers(-7); prev != def {
		t.Errorf("SetWorkers(-7) returned %d, want GOMAXPROCS %d", prev, def)
	}

	// workers < 1 in a call means the default.
	SetWorkers(2)
	var conc concurrency
	For(0, 1000, 1, func(lo, hi int) {
		conc.enter()
		defer conc.leave()
		time.Sleep(50 * time.Microsecond)
	})
	if p := conc.peak.Load(); p > 2 {
		t.Errorf("%d goroutines at once with default workers 2", p)
	}
}

func TestForCancel(t *testing.T) {
	t.Run("stops early", func(t *testing.T) {
		for _, workers := range []int{1, 2, 4} {
			const n = 10000
			var cancel int32
			var calls, started atomic.Int32
			counts := make([]int32, n)
			ok := ForCancel(workers, n, 10, &cancel, func(lo, hi int) {
				if started.Add(1) == 3 {
					atomic.StoreInt32(&cancel, 1)
				}
				for i := lo; i < hi; i++ {
					atomic.AddInt32(&counts[i], 1)
				}
				calls.Add(1)
			})
			if ok {
				t.Errorf("workers=%d: ForCancel returned true after a cancel", workers)
			}
			ran := 0
			for i, c := range counts {
				if c > 1 {
					t.Fatalf("workers=%d: index %d visited %d times", workers, i, c)
				}
				ran += int(c)
			}
			// Each goroutine may start one chunk after the third before it
			// sees the flag.
			if c := calls.Load(); c > int32(2+workers) || ran == n {
				t.Errorf("workers=%d: %d chunks (%d of %d elements) ran after cancel at the third", workers, c, ran, n)
			}
			if calls.Load() != started.Load() {
				t.Errorf("workers=%d: returned with chunks still running", workers)
			}
		}
	})
	t.Run("already cancelled", func(t *testing.T) {
		cancel := int32(1)
		if ForCancel(4, 100, 1, &cancel, func(lo, hi int) { t.Error("body ran") }) {
			t.Error("returned true")
		}
		if ForCancel(1, 5, 10, &cancel, func(lo, hi int) { t.Error("body ran") }) {
			t.Error("serial: returned true")
		}
	})
	t.Run("not cancelled", func(t *testing.T) {
		for _, cancel := range []*int32{nil, new(int32)} {
			for _, c := range []struct{ workers, n, grain int }{{1, 1000, 1}, {4, 1000, 7}, {3, 5, 10}, {2, 0, 1}} {
				counts := make([]int32, c.n)
				ok := ForCancel(c.workers, c.n, c.grain, cancel, func(lo, hi int) {
					if hi-lo < c.grain && c.n > c.grain {
						t.Errorf("%+v: chunk [%d, %d) below grain", c, lo, hi)
					}
					for i := lo; i < hi; i++ {
						atomic.AddInt32(&counts[i], 1)
					}
				})
				if !ok {
					t.Errorf("%+v: returned false without a cancel", c)
				}
				for i, v := range counts {
					if v != 1 {
						t.Fatalf("%+v: index %d visited %d times", c, i, v)
					}
				}
			}
		}
	})
	t.Run("one worker still splits", func(t *testing.T) {
		var calls int
		ForCancel(1, 1<<20, 1, nil, func(lo, hi int) { calls++ })
		if calls < cancelChunks {
			t.Errorf("%d chunks on one worker, want at least %d", calls, cancelChunks)
		}
	})
}
