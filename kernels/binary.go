package kernels

import "gonp/kernels/vmath"

// Binary computes dst[i] = op(x[i], y[i]) for i < len(x), with NumPy's
// semantics for op (see BinaryOp). dst may be x or y itself; it must not
// overlap them otherwise. It panics unless len(dst) == len(x) == len(y), or
// if op has no kernel for T (see BinarySupported).
func Binary[T Number](op BinaryOp, dst, x, y []T) {
	if len(dst) != len(x) || len(dst) != len(y) {
		panic(ewErrLength)
	}
	if !BinarySupported[T](op) {
		panic(ewErrUnsupported)
	}
	binaryContig(ActiveLevel(), op, ewVecVec, dst, x, y, 0)
}

// BinaryScalarRight computes dst[i] = op(x[i], s) for i < len(x): y
// broadcast from one value. dst may be x itself. It panics if
// len(dst) != len(x) or if op has no kernel for T.
func BinaryScalarRight[T Number](op BinaryOp, dst, x []T, s T) {
	if len(dst) != len(x) {
		panic(ewErrLength)
	}
	if !BinarySupported[T](op) {
		panic(ewErrUnsupported)
	}
	binaryContig(ActiveLevel(), op, ewVecScalar, dst, x, nil, s)
}

// BinaryScalarLeft computes dst[i] = op(s, y[i]) for i < len(y): x
// broadcast from one value. dst may be y itself. It panics if
// len(dst) != len(y) or if op has no kernel for T.
func BinaryScalarLeft[T Number](op BinaryOp, dst []T, s T, y []T) {
	if len(dst) != len(y) {
		panic(ewErrLength)
	}
	if !BinarySupported[T](op) {
		panic(ewErrUnsupported)
	}
	binaryContig(ActiveLevel(), op, ewScalarVec, dst, nil, y, s)
}

// BinaryInc computes dst[idst+i*incDst] = op(x[ix+i*incX], y[iy+i*incY])
// for i in [0, n), gonum style: the start indices are explicit, so
// increments may be negative, and incX or incY may be 0 to broadcast one
// element. dst may address the same elements as x or y (same start and
// increment); it must not overlap them otherwise. It panics if n < 0, if an
// index falls outside its slice, or if op has no kernel for T.
func BinaryInc[T Number](op BinaryOp, dst, x, y []T, n, incDst, incX, incY, idst, ix, iy int) {
	if !ewCheckInc(BinarySupported[T](op), n,
		ewArg{len(dst), incDst, idst, ewErrShortDst},
		ewArg{len(x), incX, ix, ewErrShortX},
		ewArg{len(y), incY, iy, ewErrShortY}) {
		return
	}
	lvl := ActiveLevel()
	if incX == 0 && incY == 0 {
		var v [1]T
		// As a scalar right operand, so that power takes NumPy's
		// scalar-exponent fast paths.
		binaryContig(lvl, op, ewVecScalar, v[:], x[ix:ix+1], nil, y[iy])
		ewFill(dst, v[0], n, incDst, idst)
		return
	}
	if incDst == 1 && (incX == 1 || incX == 0) && (incY == 1 || incY == 0) {
		d := dst[idst : idst+n]
		switch {
		case incX == 0:
			binaryContig(lvl, op, ewScalarVec, d, nil, y[iy:iy+n], x[ix])
		case incY == 0:
			binaryContig(lvl, op, ewVecScalar, d, x[ix:ix+n], nil, y[iy])
		default:
			binaryContig(lvl, op, ewVecVec, d, x[ix:ix+n], y[iy:iy+n], 0)
		}
		return
	}
	// Gather blocks of the strided operands, run the contiguous (SIMD)
	// kernel, scatter the result; a broadcast operand stays a scalar.
	var bx, by [ewBlock]T
	for done := 0; done < n; done += ewBlock {
		m := min(ewBlock, n-done)
		a, b := bx[:m], by[:m]
		switch {
		case incX == 0:
			ewGather(b, y, incY, iy+done*incY)
			binaryContig(lvl, op, ewScalarVec, b, nil, b, x[ix])
			ewScatter(dst, b, incDst, idst+done*incDst)
		case incY == 0:
			ewGather(a, x, incX, ix+done*incX)
			binaryContig(lvl, op, ewVecScalar, a, a, nil, y[iy])
			ewScatter(dst, a, incDst, idst+done*incDst)
		default:
			ewGather(a, x, incX, ix+done*incX)
			ewGather(b, y, incY, iy+done*incY)
			binaryContig(lvl, op, ewVecVec, a, a, b, 0)
			ewScatter(dst, a, incDst, idst+done*incDst)
		}
	}
}

// ewMode says which operands of a binary kernel are vectors.
type ewMode int8

const (
	ewVecVec    ewMode = iota // op(x[i], y[i])
	ewVecScalar               // op(x[i], s)
	ewScalarVec               // op(s, y[i])
)

// binaryContig runs op over contiguous operands of length len(dst) (x or y
// is nil where mode makes it the scalar s): the SIMD body of lvl on the
// leading whole vectors, plain Go on the rest.
func binaryContig[T Number](lvl Level, op BinaryOp, mode ewMode, dst, x, y []T, s T) {
	if op == OpAdd && mode == ewVecVec && lvl >= AVX2 && ewAddStream(dst, x, y) {
		return
	}
	if op != OpPower { // exact ops: plain Go gives the vector bodies' bits
		if h := ewHead(lvl, dst); h > 0 {
			binaryRestGo(op, mode, dst, x, y, s, 0, h)
			dst = dst[h:]
			if x != nil {
				x = x[h:]
			}
			if y != nil {
				y = y[h:]
			}
		}
	}
	done := binaryVec(lvl, op, mode, dst, x, y, s)
	binaryRestGo(op, mode, dst, x, y, s, done, len(dst))
}

// binaryRestGo runs elements [lo, hi) of binaryContig in plain Go.
func binaryRestGo[T Number](op BinaryOp, mode ewMode, dst, x, y []T, s T, lo, hi int) {
	if lo == hi {
		return
	}
	switch mode {
	case ewVecVec:
		binaryGo(op, dst[lo:hi], x[lo:hi], y[lo:hi])
	case ewVecScalar:
		binaryScalarRightGo(op, dst[lo:hi], x[lo:hi], s)
	case ewScalarVec:
		binaryScalarLeftGo(op, dst[lo:hi], s, y[lo:hi])
	}
}

// ewAddStream adds float64 and float32 slices with vmath's non-temporal
// stores where dst is too large for the cache (vmath.AddStream) and
// reports whether it did.
func ewAddStream[T Number](dst, x, y []T) bool {
	switch d := any(dst).(type) {
	case []float64:
		return vmath.AddStream(d, any(x).([]float64), any(y).([]float64))
	case []float32:
		return vmath.AddStream32(d, any(x).([]float32), any(y).([]float32))
	}
	return false
}

// binaryGo is the plain-Go body of Binary, the reference for the SIMD ones:
//
//	for i := range dst { dst[i] = op(x[i], y[i]) }
//
// The cheap ops are unrolled by 4 over resliced windows, so that the
// compiler drops the bounds checks.
func binaryGo[T Number](op BinaryOp, dst, x, y []T) {
	n := len(dst)
	x, y = x[:n], y[:n]
	i := 0
	switch op {
	case OpAdd:
		for ; i+4 <= n; i += 4 {
			d, a, b := dst[i:i+4:i+4], x[i:i+4:i+4], y[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = a[0]+b[0], a[1]+b[1], a[2]+b[2], a[3]+b[3]
		}
		for ; i < n; i++ {
			dst[i] = x[i] + y[i]
		}
	case OpSubtract:
		for ; i+4 <= n; i += 4 {
			d, a, b := dst[i:i+4:i+4], x[i:i+4:i+4], y[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = a[0]-b[0], a[1]-b[1], a[2]-b[2], a[3]-b[3]
		}
		for ; i < n; i++ {
			dst[i] = x[i] - y[i]
		}
	case OpMultiply:
		for ; i+4 <= n; i += 4 {
			d, a, b := dst[i:i+4:i+4], x[i:i+4:i+4], y[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = a[0]*b[0], a[1]*b[1], a[2]*b[2], a[3]*b[3]
		}
		for ; i < n; i++ {
			dst[i] = x[i] * y[i]
		}
	case OpDivide:
		for ; i+4 <= n; i += 4 {
			d, a, b := dst[i:i+4:i+4], x[i:i+4:i+4], y[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = a[0]/b[0], a[1]/b[1], a[2]/b[2], a[3]/b[3]
		}
		for ; i < n; i++ {
			dst[i] = x[i] / y[i]
		}
	case OpMaximum:
		for ; i+4 <= n; i += 4 {
			d, a, b := dst[i:i+4:i+4], x[i:i+4:i+4], y[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = maximum(a[0], b[0]), maximum(a[1], b[1]), maximum(a[2], b[2]), maximum(a[3], b[3])
		}
		for ; i < n; i++ {
			dst[i] = maximum(x[i], y[i])
		}
	case OpMinimum:
		for ; i+4 <= n; i += 4 {
			d, a, b := dst[i:i+4:i+4], x[i:i+4:i+4], y[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = minimum(a[0], b[0]), minimum(a[1], b[1]), minimum(a[2], b[2]), minimum(a[3], b[3])
		}
		for ; i < n; i++ {
			dst[i] = minimum(x[i], y[i])
		}
	case OpPower:
		if isFloat[T]() {
			ewPow(ewVecVec, dst, x, y, 0)
			return
		}
		for i := range dst {
			dst[i] = powInt(x[i], y[i])
		}
	default:
		panic(ewErrUnsupported)
	}
}

// binaryScalarRightGo is the plain-Go body of BinaryScalarRight:
//
//	for i, v := range x { dst[i] = op(v, s) }
func binaryScalarRightGo[T Number](op BinaryOp, dst, x []T, s T) {
	x = x[:len(dst)]
	switch op {
	case OpAdd:
		for i, v := range x {
			dst[i] = v + s
		}
	case OpSubtract:
		for i, v := range x {
			dst[i] = v - s
		}
	case OpMultiply:
		for i, v := range x {
			dst[i] = v * s
		}
	case OpDivide:
		for i, v := range x {
			dst[i] = v / s
		}
	case OpMaximum:
		for i, v := range x {
			dst[i] = maximum(v, s)
		}
	case OpMinimum:
		for i, v := range x {
			dst[i] = minimum(v, s)
		}
	case OpPower:
		if isFloat[T]() {
			ewPow(ewVecScalar, dst, x, nil, s)
			return
		}
		for i, v := range x {
			dst[i] = powInt(v, s)
		}
	default:
		panic(ewErrUnsupported)
	}
}

// binaryScalarLeftGo is the plain-Go body of BinaryScalarLeft:
//
//	for i, v := range y { dst[i] = op(s, v) }
func binaryScalarLeftGo[T Number](op BinaryOp, dst []T, s T, y []T) {
	y = y[:len(dst)]
	switch op {
	case OpAdd:
		for i, v := range y {
			dst[i] = s + v
		}
	case OpSubtract:
		for i, v := range y {
			dst[i] = s - v
		}
	case OpMultiply:
		for i, v := range y {
			dst[i] = s * v
		}
	case OpDivide:
		for i, v := range y {
			dst[i] = s / v
		}
	case OpMaximum:
		for i, v := range y {
			dst[i] = maximum(s, v)
		}
	case OpMinimum:
		for i, v := range y {
			dst[i] = minimum(s, v)
		}
	case OpPower:
		if isFloat[T]() {
			ewPow(ewScalarVec, dst, nil, y, s)
			return
		}
		for i, v := range y {
			dst[i] = powInt(s, v)
		}
	default:
		panic(ewErrUnsupported)
	}
}

// ArithF64 computes dst[i] = op(x[i], y[i]) for float64 and op one of
// OpAdd, OpSubtract, OpMultiply and OpDivide: Binary's bits (IEEE, the
// same vector loops) without its generic dispatch, for callers that run
// many short blocks (gonp's evaluate). dst may be x or y itself; it must
// not overlap them otherwise. It panics unless the lengths are equal and
// op is one of the four.
func ArithF64(op BinaryOp, dst, x, y []float64) {
	if len(x) != len(dst) || len(y) != len(dst) {
		panic(ewErrLength)
	}
	if op > OpDivide {
		panic(ewErrUnsupported)
	}
	done := arithVVF64(op, dst, x, y)
	binaryGo(op, dst[done:], x[done:], y[done:])
}

// ArithScalarF64 is ArithF64 with y broadcast from s: op(x[i], s).
func ArithScalarF64(op BinaryOp, dst, x []float64, s float64) {
	if len(x) != len(dst) {
		panic(ewErrLength)
	}
	if op > OpDivide {
		panic(ewErrUnsupported)
	}
	done := arithVSF64(op, dst, x, s)
	binaryScalarRightGo(op, dst[done:], x[done:], s)
}
