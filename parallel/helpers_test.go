package parallel

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// goid tells the caller's goroutine from the pool's, which the tests need in
// order to make a particular goroutine panic. Parsing the stack header is
// slow but fine for tests.
func goid() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	b = b[:bytes.IndexByte(b, ' ')]
	id, err := strconv.ParseUint(string(b), 10, 64)
	if err != nil {
		panic(err)
	}
	return id
}

// concurrency records how many goroutines are inside a body at once.
type concurrency struct {
	active, peak atomic.Int32
}

func (c *concurrency) enter() {
	a := c.active.Add(1)
	for {
		p := c.peak.Load()
		if a <= p || c.peak.CompareAndSwap(p, a) {
			return
		}
	}
}

func (c *concurrency) leave() { c.active.Add(-1) }

// within fails the test instead of hanging it when f deadlocks.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not finish within %v (deadlock?)", d)
	}
}

// catch runs f and returns what it panicked with, or nil.
func catch(f func()) (r any) {
	defer func() { r = recover() }()
	f()
	return nil
}

// onBoth runs a two-chunk For in which a pool goroutine runs pooled and the
// caller, once that has started, runs caller; it returns what For panicked
// with. Help is never guaranteed (the pool's workers may all be busy, or on
// their way back from the previous test), so a run in which no worker took
// part is retried.
func onBoth(t *testing.T, caller, pooled func()) (r any) {
	t.Helper()
	for range 100 {
		me := goid()
		var once sync.Once
		started := make(chan struct{})
		helped := false
		r = catch(func() {
			For(2, 2, 1, func(lo, hi int) {
				if goid() != me {
					once.Do(func() { close(started) })
					pooled()
					return
				}
				select {
				case <-started:
					helped = true
					caller()
				case <-time.After(100 * time.Millisecond):
				}
			})
		})
		if helped {
			return r
		}
	}
	t.Error("no pool goroutine ever helped") // not Fatal: this may run off the test goroutine
	return nil
}
