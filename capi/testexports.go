//go:build gonptest

// Test-only exports, built only with -tags gonptest (never into the shipped
// library): tests build this variant into a temporary directory and load it
// through GONP_LIBRARY.

package main

/*
#include <stdint.h>
*/
import "C"

import (
	"bytes"
	"runtime"
	"runtime/debug"
	"sync"
	"time"

	"gonp/parallel"
)

// gonp_test_panic_in_worker runs a parallel loop of n elements in which a
// pool worker goroutine (never the calling one) panics, through the same
// recovery as every export (its unused cancel flag gives it the operations'
// tail, so gonp._lib._call can call it). The caller's own chunks wait until a worker has
// panicked, which proves the panic crossed goroutines, for 2 s at most in
// all: on a loaded machine every worker may still be finishing the previous
// call, and the pool then lets the caller run every chunk itself (the call
// returns without error, and the test calls again).
//
//export gonp_test_panic_in_worker
func gonp_test_panic_in_worker(n C.int64_t, _ *C.int32_t, nthreads C.int64_t, errbuf *C.char, errlen C.int64_t) C.int {
	return guard(errbuf, errlen, func() error {
		panicked := make(chan struct{})
		var once sync.Once
		deadline := time.Now().Add(2 * time.Second)
		parallel.For(int(nthreads), int(n), 1, func(lo, hi int) {
			if onPoolWorker() {
				once.Do(func() { close(panicked) })
				panic("deliberate panic in a pool worker")
			}
			select {
			case <-panicked:
			case <-time.After(time.Until(deadline)):
			}
		})
		return nil
	})
}

// onPoolWorker reports whether the calling goroutine is one the pool
// started (its stack ends in parallel's worker), not a cgo caller.
func onPoolWorker() bool {
	return bytes.Contains(debug.Stack(), []byte("created by gonp/parallel."))
}

// gonp_test_goroutines writes the stacks of all goroutines into buf, for a
// test to show where a call that does not return is waiting.
//
//export gonp_test_goroutines
func gonp_test_goroutines(buf *C.char, buflen C.int64_t) C.int {
	b := make([]byte, 1<<20)
	b = b[:runtime.Stack(b, true)]
	writeMessage(buf, buflen, string(b))
	return 0
}
