// Package dispatch turns array descriptors into typed Go views and runs the
// kernels on them through the goroutine pool.
//
// It is the pure-Go half of the C boundary: capi converts each C descriptor
// into an Array and calls one function here, so everything below the export
// shims can be tested with `go test -race` (cgo is not allowed in tests).
// Arrays borrow memory the caller owns; nothing here keeps a pointer after a
// call returns.
package dispatch

import (
	"fmt"
	"math"
	"unsafe"
)

// DType is the element type code shared with the C header and Python.
type DType int32

// The element types the Go core implements. Other NumPy dtypes never cross
// the boundary: Python serves them through NumPy.
const (
	Float32 DType = 1
	Float64 DType = 2
	Int32   DType = 3
	Int64   DType = 4
	// Bool is NumPy's bool (one byte, 0 or 1). Only Evaluate takes it.
	Bool DType = 5
)

// ItemSize returns the size of one element in bytes, or 0 for an unknown code.
func (d DType) ItemSize() int {
	switch d {
	case Float32, Int32:
		return 4
	case Float64, Int64:
		return 8
	case Bool:
		return 1
	}
	return 0
}

func (d DType) String() string {
	switch d {
	case Float32:
		return "float32"
	case Float64:
		return "float64"
	case Int32:
		return "int32"
	case Int64:
		return "int64"
	case Bool:
		return "bool"
	}
	return fmt.Sprintf("dtype(%d)", int32(d))
}

// Array describes a strided n-dimensional array in memory the caller owns,
// exactly as NumPy does: strides are in bytes and may be negative or zero
// (broadcast).
type Array struct {
	Data    unsafe.Pointer
	DType   DType
	Shape   []int
	Strides []int

	// Base and NBytes name the buffer the array lives in, [Base,
	// Base+NBytes); see InBuffer.
	Base   unsafe.Pointer
	NBytes int
}

// InBuffer checks that every byte a's shape and strides reach lies inside
// [a.Base, a.Base+a.NBytes): defence in depth against a descriptor that does
// not describe its array. An array without elements reaches nothing; an
// unknown dtype or a negative dimension is left to the other checks.
func (a Array) InBuffer() error {
	size := a.DType.ItemSize()
	if size == 0 || len(a.Shape) != len(a.Strides) {
		return nil
	}
	for _, n := range a.Shape {
		if n <= 0 {
			return nil
		}
	}
	const limit = math.MaxInt64 / 2
	lo, hi := 0, 0 // byte offsets from Data of the lowest and highest element
	for k, n := range a.Shape {
		n, s := n-1, a.Strides[k]
		if n == 0 || s == 0 {
			continue
		}
		if s > limit/n || s < -limit/n {
			return errOutside
		}
		if s < 0 {
			lo += s * n
		} else {
			hi += s * n
		}
		if lo < -limit || hi > limit {
			return errOutside
		}
	}
	data, base := int(uintptr(a.Data)), int(uintptr(a.Base))
	if a.NBytes < 0 || base < 0 || data < 0 || base > math.MaxInt64-a.NBytes || data > limit {
		return errOutside
	}
	if data+lo < base || data+hi+size > base+a.NBytes {
		return errOutside
	}
	return nil
}

var errOutside = &Error{Code: ValueError, Msg: "array descriptor reaches outside its buffer"}

// Size returns the number of elements.
func (a Array) Size() int {
	n := 1
	for _, s := range a.Shape {
		n *= s
	}
	return n
}

// Error is a failure with the kind of exception Python should raise.
type Error struct {
	Code Code
	Msg  string
}

// Code classifies an error for the C boundary; Python maps each code to the
// exception NumPy would raise.
type Code int32

// The codes returned by every export. Keep in step with capi/gonp.h and
// python/gonp/_lib.py.
const (
	OK            Code = 0
	ValueError    Code = 1
	TypeError     Code = 2
	MemoryError   Code = 3
	InternalError Code = 4
	Cancelled     Code = 5
)

func (e *Error) Error() string { return e.Msg }

func valueErrorf(format string, args ...any) error {
	return &Error{Code: ValueError, Msg: fmt.Sprintf(format, args...)}
}

func memoryErrorf(format string, args ...any) error {
	return &Error{Code: MemoryError, Msg: fmt.Sprintf(format, args...)}
}

func typeErrorf(format string, args ...any) error {
	return &Error{Code: TypeError, Msg: fmt.Sprintf(format, args...)}
}

// view is a typed window on an Array: element index off+Σ i_k*strides[k]
// of buf is element (i_0, ..., i_n) of the array.
type view[T any] struct {
	buf     []T
	off     int
	shape   []int
	strides []int // in elements
}

// check validates an Array's descriptor against its claimed dtype.
func (a Array) check(name string) error {
	if len(a.Shape) != len(a.Strides) {
		return valueErrorf("%s: shape has %d dimensions but strides has %d", name, len(a.Shape), len(a.Strides))
	}
	size := a.DType.ItemSize()
	if size == 0 {
		return typeErrorf("%s: unsupported dtype code %d", name, int32(a.DType))
	}
	for k, s := range a.Shape {
		if s < 0 {
			return valueErrorf("%s: negative dimension %d", name, s)
		}
		if a.Strides[k]%size != 0 {
			return valueErrorf("%s: stride %d is not a multiple of the item size %d", name, a.Strides[k], size)
		}
	}
	if a.Data == nil && a.Size() > 0 {
		return valueErrorf("%s: null data pointer", name)
	}
	return nil
}

// elementLayout returns a's strides in elements and the element offsets,
// from element (0, ..., 0), of the lowest and highest elements it spans.
func elementLayout(a Array) (strides []int, lo, hi int) {
	size := a.DType.ItemSize()
	strides = make([]int, len(a.Strides))
	for k, s := range a.Shape {
		st := a.Strides[k] / size
		strides[k] = st
		if s > 1 {
			if st < 0 {
				lo += st * (s - 1)
			} else {
				hi += st * (s - 1)
			}
		}
	}
	return strides, lo, hi
}

// viewOf borrows the memory an Array spans as a Go slice. The slice starts at
// the lowest address any element occupies, so negative strides work too.
func viewOf[T any](a Array) view[T] {
	strides, lo, hi := elementLayout(a)
	v := view[T]{shape: a.Shape, strides: strides}
	if a.Size() == 0 {
		return v
	}
	size := a.DType.ItemSize()
	v.buf = unsafe.Slice((*T)(unsafe.Add(a.Data, lo*size)), hi-lo+1)
	v.off = -lo
	return v
}
