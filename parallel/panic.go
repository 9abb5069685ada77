package parallel

import (
	"fmt"
	"runtime/debug"
)

// PanicError is what For, ForCancel and Reduce panic with when a body
// panicked, on whichever goroutine it ran. Stack is taken where the panic
// happened, because the caller's own stack at the re-panic says nothing about
// the failing chunk.
type PanicError struct {
	Value any    // the value the body passed to panic
	Stack []byte // the panicking goroutine's stack, from runtime/debug.Stack
}

// Error reports the panic value and the stack where it was raised.
func (e *PanicError) Error() string {
	return fmt.Sprintf("parallel: panic in body: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns Value when it is an error (a runtime.Error such as an index
// out of range, say), so errors.As can look through the PanicError.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// errGoexit stands in for a panic value when a body called runtime.Goexit
// (t.FailNow in a test, say) on a worker: the chunk never finished, and the
// caller must hear of it rather than wait forever.
const errGoexit = "parallel: body called runtime.Goexit"

// newPanicError must be called from the deferred function that recovered r,
// so that the stack still holds the panicking frames. A *PanicError from a
// nested call passes through unchanged: its stack is the informative one.
func newPanicError(r any) *PanicError {
	if pe, ok := r.(*PanicError); ok {
		return pe
	}
	if r == nil {
		r = errGoexit
	}
	return &PanicError{Value: r, Stack: debug.Stack()}
}

// serial runs body(lo, hi) on the caller, turning a panic into a *PanicError
// so that callers see the same panic type whether or not the call split.
func serial(lo, hi int, body func(lo, hi int)) {
	defer func() {
		if r := recover(); r != nil {
			panic(newPanicError(r))
		}
	}()
	body(lo, hi)
}
