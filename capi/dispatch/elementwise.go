package dispatch

import (
	"unsafe"

	"gonp/kernels"
)

// elementwiseGrain is the fewest elements a pool chunk of an elementwise loop
// gets: below it, waking a worker costs more than the work. Calls too small
// for two chunks take one kernel call directly. On 2 threads of a Zen 4 VM,
// square(x, out=o) of 4e4 float64 ran at 0.78-0.82x NumPy's speed as one
// chunk (a grain of 1 << 15) and at 1.24-1.32x as two (1 << 14).
const elementwiseGrain = 1 << 14

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// contiguous reports whether a's elements lie in C order with no gaps.
func contiguous(a Array) bool {
	want := a.DType.ItemSize()
	for k := len(a.Shape) - 1; k >= 0; k-- {
		if a.Shape[k] != 1 && a.Strides[k] != want {
			return false
		}
		want *= a.Shape[k]
	}
	return true
}

// uniform reports whether every element of a is the one at a.Data (all
// strides 0: a broadcast scalar).
func uniform(a Array) bool {
	for k, s := range a.Strides {
		if s != 0 && a.Shape[k] != 1 {
			return false
		}
	}
	return true
}

// flat returns the n elements of a contiguous array as a slice.
func flat[T kernels.Number](a Array, n int) []T {
	return unsafe.Slice((*T)(a.Data), n)
}

func checkOperands(out Array, ins ...Array) error {
	if err := out.check("out"); err != nil {
		return err
	}
	for _, in := range ins {
		if err := in.check("input"); err != nil {
			return err
		}
		if in.DType != out.DType {
			return typeErrorf("input dtype %v does not match output dtype %v", in.DType, out.DType)
		}
		if !sameShape(in.Shape, out.Shape) {
			return valueErrorf("input shape %v does not match output shape %v (broadcast before the call)", in.Shape, out.Shape)
		}
	}
	return nil
}

// Unary computes out = op(x) elementwise. x and out have one shape and dtype
// (Python broadcasts and casts first); out may be x itself.
func Unary(op kernels.UnaryOp, x, out Array, workers int, cancel *int32) error {
	if err := checkOperands(out, x); err != nil {
		return err
	}
	switch out.DType {
	case Float32:
		return unary[float32](op, x, out, workers, cancel)
	case Float64:
		return unary[float64](op, x, out, workers, cancel)
	case Int32:
		return unary[int32](op, x, out, workers, cancel)
	case Int64:
		return unary[int64](op, x, out, workers, cancel)
	}
	return typeErrorf("unsupported dtype %v", out.DType)
}

func unary[T kernels.Number](op kernels.UnaryOp, x, out Array, workers int, cancel *int32) error {
	if !kernels.UnarySupported[T](op) {
		return typeErrorf("operation %d is not implemented for %v", op, out.DType)
	}
	n := out.Size()
	if n == 0 {
		return nil
	}
	if n < 2*elementwiseGrain && contiguous(out) && contiguous(x) {
		// The common small call: one kernel call, nothing allocated.
		kernels.Unary(op, flat[T](out, n), flat[T](x, n))
		return nil
	}
	vo, vx := viewOf[T](out), viewOf[T](x)
	l := newLayout(out.Shape, 2, [maxOperands][]int{vo.strides, vx.strides}, [maxOperands]int{vo.off, vx.off})
	so, sx := l.innerStride(0), l.innerStride(1)
	forEach(cancel, workers, l.size(), elementwiseGrain, func(lo, hi int) {
		l.walk(lo, hi, func(offs [maxOperands]int, n int) {
			if so == 1 && sx == 1 {
				kernels.Unary(op, vo.buf[offs[0]:offs[0]+n], vx.buf[offs[1]:offs[1]+n])
				return
			}
			kernels.UnaryInc(op, vo.buf, vx.buf, n, so, sx, offs[0], offs[1])
		})
	})
	return cancelled(cancel)
}

// Binary computes out = op(x, y) elementwise on operands already broadcast to
// out's shape (stride 0 where NumPy broadcasts).
func Binary(op kernels.BinaryOp, x, y, out Array, workers int, cancel *int32) error {
	if err := checkOperands(out, x, y); err != nil {
		return err
	}
	switch out.DType {
	case Float32:
		return binary[float32](op, x, y, out, workers, cancel)
	case Float64:
		return binary[float64](op, x, y, out, workers, cancel)
	case Int32:
		return binary[int32](op, x, y, out, workers, cancel)
	case Int64:
		return binary[int64](op, x, y, out, workers, cancel)
	}
	return typeErrorf("unsupported dtype %v", out.DType)
}

func binary[T kernels.Number](op kernels.BinaryOp, x, y, out Array, workers int, cancel *int32) error {
	if !kernels.BinarySupported[T](op) {
		return typeErrorf("operation %d is not implemented for %v", op, out.DType)
	}
	n := out.Size()
	if n == 0 {
		return nil
	}
	if n < 2*elementwiseGrain && contiguous(out) {
		// The common small calls: one kernel call, nothing allocated.
		switch cx, cy := contiguous(x), contiguous(y); {
		case cx && cy:
			kernels.Binary(op, flat[T](out, n), flat[T](x, n), flat[T](y, n))
			return nil
		case cx && uniform(y):
			kernels.BinaryScalarRight(op, flat[T](out, n), flat[T](x, n), *(*T)(y.Data))
			return nil
		case cy && uniform(x):
			kernels.BinaryScalarLeft(op, flat[T](out, n), *(*T)(x.Data), flat[T](y, n))
			return nil
		}
	}
	vo, vx, vy := viewOf[T](out), viewOf[T](x), viewOf[T](y)
	l := newLayout(out.Shape, 3,
		[maxOperands][]int{vo.strides, vx.strides, vy.strides},
		[maxOperands]int{vo.off, vx.off, vy.off})
	so, sx, sy := l.innerStride(0), l.innerStride(1), l.innerStride(2)
	forEach(cancel, workers, l.size(), elementwiseGrain, func(lo, hi int) {
		l.walk(lo, hi, func(offs [maxOperands]int, n int) {
			o, ox, oy := offs[0], offs[1], offs[2]
			switch {
			case so == 1 && sx == 1 && sy == 1:
				kernels.Binary(op, vo.buf[o:o+n], vx.buf[ox:ox+n], vy.buf[oy:oy+n])
			case so == 1 && sx == 1 && sy == 0:
				kernels.BinaryScalarRight(op, vo.buf[o:o+n], vx.buf[ox:ox+n], vy.buf[oy])
			case so == 1 && sx == 0 && sy == 1:
				kernels.BinaryScalarLeft(op, vo.buf[o:o+n], vx.buf[ox], vy.buf[oy:oy+n])
			default:
				kernels.BinaryInc(op, vo.buf, vx.buf, vy.buf, n, so, sx, sy, o, ox, oy)
			}
		})
	})
	return cancelled(cancel)
}
