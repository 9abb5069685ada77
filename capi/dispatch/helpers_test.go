package dispatch

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"unsafe"

	"gonp/kernels"
)

// workerCounts are the pool sizes every parallel test runs with; results
// must not depend on them.
var workerCounts = []int{1, 2, 3, 8}

// guard is how many elements surround every operand's span in its buffer,
// so that stray reads and writes land on known values.
const guard = 5

// dtypeOf returns the DType code of T.
func dtypeOf[T kernels.Number]() DType {
	var zero T
	switch any(zero).(type) {
	case float32:
		return Float32
	case float64:
		return Float64
	case int32:
		return Int32
	case int64:
		return Int64
	}
	panic("dispatch test: no dtype")
}

// arrayOf describes the array whose element (i_0, ..., i_n) is
// buf[off + Σ i_k*strides[k]], strides in elements, as NumPy would hand it
// over: a pointer to element zero and byte strides. off may sit anywhere in
// buf, so negative strides reach below it.
func arrayOf[T kernels.Number](buf []T, off int, shape, strides []int) Array {
	var zero T
	size := int(unsafe.Sizeof(zero))
	a := Array{DType: dtypeOf[T](), Shape: append([]int(nil), shape...), Strides: make([]int, len(strides))}
	for k, s := range strides {
		a.Strides[k] = s * size
	}
	if off < len(buf) {
		a.Data = unsafe.Pointer(&buf[off])
	}
	return a
}

// operand is an array in a guarded buffer: buf[off + Σ i_k*strides[k]].
type operand[T kernels.Number] struct {
	buf     []T
	off     int
	shape   []int
	strides []int
}

func (o operand[T]) array() Array { return arrayOf(o.buf, o.off, o.shape, o.strides) }

// at returns the buffer index of the element at idx.
func (o operand[T]) at(idx []int) int {
	p := o.off
	for k, i := range idx {
		p += i * o.strides[k]
	}
	return p
}

// newOperand allocates a buffer with guard bands for an array of shape with
// the given element strides, filled with fill.
func newOperand[T kernels.Number](shape, strides []int, fill T) operand[T] {
	lo, hi := 0, 0
	for k, s := range shape {
		if s > 1 {
			if strides[k] < 0 {
				lo += strides[k] * (s - 1)
			} else {
				hi += strides[k] * (s - 1)
			}
		}
	}
	buf := make([]T, hi-lo+1+2*guard)
	for i := range buf {
		buf[i] = fill
	}
	return operand[T]{buf: buf, off: guard - lo, shape: append([]int(nil), shape...), strides: append([]int(nil), strides...)}
}

// layoutKind picks a memory layout for randomStrides.
type layoutKind int

const (
	anyLayout layoutKind = iota
	cOrder
	fOrder
)

// randomStrides returns element strides for shape: a random memory order of
// the dimensions (or C/F order), gaps between elements and rows, negative
// strides and, if broadcast, stride 0 on some dimensions.
func randomStrides(rng *rand.Rand, shape []int, kind layoutKind, broadcast bool) []int {
	nd := len(shape)
	order := make([]int, nd) // order[0] is the outermost in memory
	for k := range order {
		order[k] = k
	}
	switch kind {
	case anyLayout:
		order = rng.Perm(nd)
	case fOrder:
		for k := range order {
			order[k] = nd - 1 - k
		}
	}
	strides := make([]int, nd)
	step := 1
	for i := nd - 1; i >= 0; i-- {
		k := order[i]
		if broadcast && rng.IntN(5) == 0 {
			strides[k] = 0
			continue
		}
		if kind == anyLayout && rng.IntN(3) == 0 {
			step *= 1 + rng.IntN(2) // a gap: a strided slice
		}
		strides[k] = step
		step *= max(shape[k], 1)
		if kind == anyLayout && rng.IntN(3) == 0 {
			strides[k] = -strides[k]
		}
	}
	return strides
}

// randomShape returns a shape of nd dimensions with lengths in [minLen, maxLen].
func randomShape(rng *rand.Rand, nd, minLen, maxLen int) []int {
	s := make([]int, nd)
	for k := range s {
		s[k] = minLen + rng.IntN(maxLen-minLen+1)
	}
	return s
}

// forEachIndex calls f with every multi-index of shape in C order (once with
// an empty index for a 0-d shape, never for an empty one). f must not keep idx.
func forEachIndex(shape []int, f func(idx []int)) {
	for _, s := range shape {
		if s == 0 {
			return
		}
	}
	idx := make([]int, len(shape))
	for {
		f(idx)
		k := len(shape) - 1
		for ; k >= 0; k-- {
			idx[k]++
			if idx[k] < shape[k] {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			return
		}
	}
}

func sizeOf(shape []int) int {
	n := 1
	for _, s := range shape {
		n *= s
	}
	return n
}

// randomValue returns a value of T: small integers, or floats of either sign
// with varied magnitude.
func randomValue[T kernels.Number](rng *rand.Rand) T {
	switch any(T(0)).(type) {
	case float32, float64:
		return T(rng.NormFloat64() * 10)
	}
	return T(rng.IntN(201) - 100)
}

// fillRandom writes random values over the whole buffer, guard bands included.
func fillRandom[T kernels.Number](rng *rand.Rand, buf []T) {
	for i := range buf {
		buf[i] = randomValue[T](rng)
	}
}

// same reports whether a and b are equal, NaN equal to NaN and +0 unequal to -0.
func same[T kernels.Number](a, b T) bool {
	if a != a {
		return b != b
	}
	if a == 0 && b == 0 {
		return math.Signbit(float64(a)) == math.Signbit(float64(b))
	}
	return a == b
}

// sameBits is same for float64 results, where identical bits are required.
func sameBits(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b)
}

// near reports whether got is within tol·scale of want, NaN matching NaN
// and infinities matching exactly.
func near(got, want, tol, scale float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	if math.IsInf(want, 0) || math.IsInf(got, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol*scale
}

// wantCode fails t unless err is an *Error with the given code.
func wantCode(t *testing.T, err error, code Code, what string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: got error %v, want an *Error with code %d", what, err, code)
		return
	}
	if e.Code != code {
		t.Errorf("%s: got code %d (%v), want %d", what, e.Code, e, code)
	}
}

// checkGuards fails t if any element of o.buf outside the array's elements
// changed from sentinel.
func checkGuards[T kernels.Number](t *testing.T, o operand[T], sentinel T, what string) {
	t.Helper()
	checkOutside(t, o, func(int) T { return sentinel }, what)
}

// checkOutside fails t if any element of o.buf outside the array's elements
// differs from before(i).
func checkOutside[T kernels.Number](t *testing.T, o operand[T], before func(i int) T, what string) {
	t.Helper()
	inside := make([]bool, len(o.buf))
	forEachIndex(o.shape, func(idx []int) { inside[o.at(idx)] = true })
	for i, v := range o.buf {
		if !inside[i] && !same(v, before(i)) {
			t.Errorf("%s: element %d outside the array changed from %v to %v", what, i, before(i), v)
			return
		}
	}
}

// checkUntouched fails t if a call wrote outside out's elements or changed
// its input x (whose buffer held xOrig before the call). In place, out is x,
// so its guard bands must still hold xOrig.
func checkUntouched[T kernels.Number](t *testing.T, out, x operand[T], xOrig []T, inPlace bool, what string) {
	t.Helper()
	if inPlace {
		checkOutside(t, out, func(i int) T { return xOrig[i] }, what)
		return
	}
	checkGuards(t, out, sentinel[T](), what)
	if !slices.EqualFunc(x.buf, xOrig, same) {
		t.Errorf("%s: input changed", what)
	}
}

// permuted returns shape and strides reordered by perm.
func permuted(shape, strides, perm []int) ([]int, []int) {
	ps, pt := make([]int, len(perm)), make([]int, len(perm))
	for i, k := range perm {
		ps[i], pt[i] = shape[k], strides[k]
	}
	return ps, pt
}
