package parallel

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// mustPanicError runs f and returns the *PanicError it panicked with.
func mustPanicError(t *testing.T, f func()) *PanicError {
	t.Helper()
	var r any
	within(t, 20*time.Second, func() { r = catch(f) })
	pe, ok := r.(*PanicError)
	if !ok {
		t.Fatalf("panicked with %T %v, want *PanicError", r, r)
	}
	return pe
}

func checkPanicError(t *testing.T, pe *PanicError, value any, frame string) {
	t.Helper()
	if pe.Value != value {
		t.Errorf("Value = %v, want %v", pe.Value, value)
	}
	if !strings.Contains(string(pe.Stack), frame) {
		t.Errorf("stack does not show %s:\n%s", frame, pe.Stack)
	}
	msg := pe.Error()
	if !strings.Contains(msg, "boom") || !strings.Contains(msg, frame) {
		t.Errorf("Error() lacks the value or the stack:\n%s", msg)
	}
}

//go:noinline
func explode() { panic("boom") }

func TestPanicOnWorker(t *testing.T) {
	pe := mustPanicError(t, func() { panic(onBoth(t, func() {}, explode)) })
	checkPanicError(t, pe, "boom", "parallel.explode")
}

func TestPanicOnCaller(t *testing.T) {
	pe := mustPanicError(t, func() { panic(onBoth(t, explode, func() {})) })
	checkPanicError(t, pe, "boom", "parallel.explode")
}

func TestPanicSerial(t *testing.T) {
	pe := mustPanicError(t, func() { For(1, 10, 1, func(lo, hi int) { explode() }) })
	checkPanicError(t, pe, "boom", "parallel.explode")
	pe = mustPanicError(t, func() { ForCancel(1, 10, 1, nil, func(lo, hi int) { explode() }) })
	checkPanicError(t, pe, "boom", "parallel.explode")
}

func TestPanicWaitsForRunningChunks(t *testing.T) {
	// The caller must not re-panic while another chunk is still running: the
	// memory it works on may be gone once the call returns.
	var running atomic.Int32
	pe := mustPanicError(t, func() {
		panic(onBoth(t, explode, func() {
			running.Add(1)
			time.Sleep(20 * time.Millisecond)
			running.Add(-1)
		}))
	})
	checkPanicError(t, pe, "boom", "parallel.explode")
	if running.Load() != 0 {
		t.Error("For panicked while a chunk was still running")
	}
}

func TestPanicAbandonsChunks(t *testing.T) {
	var calls atomic.Int32
	mustPanicError(t, func() {
		For(1000, 100000, 1, func(lo, hi int) {
			calls.Add(1)
			explode()
		})
	})
	if c := calls.Load(); c > 1000 { // at most one chunk per goroutine
		t.Errorf("%d chunks ran after the first panic", c)
	}
}

func TestPanicRuntimeErrorUnwraps(t *testing.T) {
	var s []int
	pe := mustPanicError(t, func() {
		For(4, 100, 1, func(lo, hi int) { s[lo] = 1 })
	})
	var re runtime.Error
	if !errors.As(pe, &re) {
		t.Errorf("errors.As(%T, runtime.Error) failed for %v", pe, pe.Value)
	}
}

func TestPanicNestedPassesThrough(t *testing.T) {
	pe := mustPanicError(t, func() {
		For(2, 4, 1, func(lo, hi int) {
			For(2, 4, 1, func(lo, hi int) { explode() })
		})
	})
	checkPanicError(t, pe, "boom", "parallel.explode")
}

func TestGoexitOnWorker(t *testing.T) {
	pe := mustPanicError(t, func() { panic(onBoth(t, func() {}, runtime.Goexit)) })
	if pe.Value != errGoexit {
		t.Errorf("Value = %v, want %q", pe.Value, errGoexit)
	}
	// The pool replaces the lost worker and keeps working.
	checkFor(t, 1000, 1, 4)
}

func TestReducePanics(t *testing.T) {
	sum := func(a, b int) int { return a + b }
	for _, workers := range []int{1, 4} {
		pe := mustPanicError(t, func() {
			Reduce(workers, 1000, 10, func(lo, hi int) int {
				if lo == 500 {
					explode()
				}
				return hi - lo
			}, sum)
		})
		checkPanicError(t, pe, "boom", "parallel.explode")
		pe = mustPanicError(t, func() {
			Reduce(workers, 1000, 10, func(lo, hi int) int { return 1 }, func(a, b int) int { explode(); return 0 })
		})
		checkPanicError(t, pe, "boom", "parallel.explode")
	}
	pe := mustPanicError(t, func() {
		Reduce(4, 5, 10, func(lo, hi int) int { explode(); return 0 }, sum)
	})
	checkPanicError(t, pe, "boom", "parallel.explode")
}

func TestPoolWorksAfterPanics(t *testing.T) {
	for range 20 {
		catch(func() { For(8, 1000, 1, func(lo, hi int) { explode() }) })
	}
	checkFor(t, 10000, 7, 8)
}

func TestGoexitOnCallerWaits(t *testing.T) {
	for range 100 {
		var running, after atomic.Int32
		var helped atomic.Bool
		done := make(chan struct{})
		go func() {
			defer close(done)
			defer func() { after.Store(running.Load()) }()
			me := goid()
			var once sync.Once
			started := make(chan struct{})
			For(2, 2, 1, func(lo, hi int) {
				if goid() != me {
					running.Add(1)
					once.Do(func() { close(started) })
					time.Sleep(20 * time.Millisecond)
					running.Add(-1)
					return
				}
				select {
				case <-started:
					helped.Store(true)
					runtime.Goexit()
				case <-time.After(100 * time.Millisecond):
				}
			})
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("deadlock")
		}
		if !helped.Load() {
			continue
		}
		if after.Load() != 0 {
			t.Error("caller exited while a chunk was still running")
		}
		return
	}
	t.Fatal("no pool goroutine ever helped")
}
