// Package parallel is gonp's goroutine pool: it splits [0, n) into chunks,
// runs them on persistent worker goroutines and the calling goroutine, and
// combines partial results in a fixed order.
//
// The pool is global and needs no setup: workers start on first use and grow
// to the largest worker count any call has asked for. Many goroutines (in
// gonp, Python threads entering through cgo) may call For and Reduce at once,
// and a body may itself call For or Reduce: every caller runs chunks of its
// own call until none are left, so a call never waits on a worker that is
// busy elsewhere and nesting cannot deadlock.
//
// A panic in a body never escapes on a worker goroutine, where nothing could
// recover it and the whole process (a Python interpreter) would die. It is
// recovered with its stack, the rest of the call is abandoned, and the caller
// panics with a *PanicError once no chunk of the call is still running.
package parallel
