package kernels

import (
	"math"

	"gonp/kernels/vmath"
)

// ewBlock is how many elements the strided kernels gather into a stack
// buffer before running the contiguous kernel on them: 4 KiB of float64,
// small enough to stay in L1 beside the operands.
const ewBlock = 512

// Unary computes dst[i] = op(x[i]) for i < len(x), with NumPy's semantics
// for op (see UnaryOp). dst and x may be the same slice; they must not
// overlap otherwise. It panics if len(dst) != len(x) or if op has no kernel
// for T (see UnarySupported).
func Unary[T Number](op UnaryOp, dst, x []T) {
	if len(dst) != len(x) {
		panic(ewErrLength)
	}
	if !UnarySupported[T](op) {
		panic(ewErrUnsupported)
	}
	unaryContig(ActiveLevel(), op, dst, x)
}

// UnaryInc computes dst[idst+i*incDst] = op(x[ix+i*incX]) for i in [0, n),
// gonum style: the start indices are explicit, so increments may be
// negative, and incX may be 0 to broadcast one element. dst and x may be
// the same elements (idst == ix, incDst == incX); they must not overlap
// otherwise. It panics if n < 0, if an index falls outside its slice, or if
// op has no kernel for T.
func UnaryInc[T Number](op UnaryOp, dst, x []T, n, incDst, incX, idst, ix int) {
	if !ewCheckInc(UnarySupported[T](op), n,
		ewArg{len(dst), incDst, idst, ewErrShortDst},
		ewArg{len(x), incX, ix, ewErrShortX}) {
		return
	}
	lvl := ActiveLevel()
	if incDst == 1 && incX == 1 {
		unaryContig(lvl, op, dst[idst:idst+n], x[ix:ix+n])
		return
	}
	if incX == 0 {
		var v [1]T
		unaryContig(lvl, op, v[:], x[ix:ix+1])
		ewFill(dst, v[0], n, incDst, idst)
		return
	}
	// Gather a block, run the contiguous (SIMD) kernel on it, scatter it:
	// the strided walk is paid once per element either way.
	var buf [ewBlock]T
	for done := 0; done < n; done += ewBlock {
		b := buf[:min(ewBlock, n-done)]
		ewGather(b, x, incX, ix+done*incX)
		unaryContig(lvl, op, b, b)
		ewScatter(dst, b, incDst, idst+done*incDst)
	}
}

// ewArg is one strided operand of UnaryInc or BinaryInc, with the panic
// message for an index outside it.
type ewArg struct {
	length, inc, start int
	short              string
}

// ewCheckInc makes the checks UnaryInc and BinaryInc document: it panics if
// n < 0, if the operation is not supported, or if an index of an operand
// falls outside its slice, and reports whether there is any work (n > 0).
func ewCheckInc(supported bool, n int, args ...ewArg) bool {
	if n < 0 {
		panic(ewErrNegativeN)
	}
	if !supported {
		panic(ewErrUnsupported)
	}
	if n == 0 {
		return false
	}
	for _, a := range args {
		if !ewInRange(a.length, n, a.inc, a.start) {
			panic(a.short)
		}
	}
	return true
}

// ewInRange reports whether start+i*inc lies in [0, length) for every i in
// [0, n), n > 0.
func ewInRange(length, n, inc, start int) bool {
	if start < 0 || start >= length {
		return false
	}
	if inc == 0 {
		return true
	}
	// (n-1)*inc overflows only if it exceeds length anyway.
	if inc > 0 {
		return n-1 <= (length-1-start)/inc
	}
	return n-1 <= start/(-inc)
}

func ewGather[T Number](dst, x []T, inc, start int) {
	j := start
	for i := range dst {
		dst[i] = x[j]
		j += inc
	}
}

func ewScatter[T Number](dst, x []T, inc, start int) {
	j := start
	for _, v := range x {
		dst[j] = v
		j += inc
	}
}

func ewFill[T Number](dst []T, v T, n, inc, start int) {
	j := start
	for range n {
		dst[j] = v
		j += inc
	}
}

// unaryContig runs op on equal-length contiguous slices: the SIMD body of
// lvl on the leading whole vectors, plain Go on the rest.
func unaryContig[T Number](lvl Level, op UnaryOp, dst, x []T) {
	if op == OpSquare && lvl >= AVX2 && ewSquareStream(dst, x) {
		return
	}
	if op <= OpNegative { // exact ops: plain Go gives the vector bodies' bits
		if h := ewHead(lvl, dst); h > 0 {
			unaryGo(op, dst[:h], x[:h])
			dst, x = dst[h:], x[h:]
		}
	}
	done := unaryVec(lvl, op, dst, x)
	unaryGo(op, dst[done:], x[done:])
}

// ewSquareStream squares float64 and float32 slices with vmath's
// non-temporal stores where dst is too large for the cache (see
// vmath.SquareStream: same bits, no read of dst's lines before they are
// written) and reports whether it did.
func ewSquareStream[T Number](dst, x []T) bool {
	switch d := any(dst).(type) {
	case []float64:
		return vmath.SquareStream(d, any(x).([]float64))
	case []float32:
		return vmath.SquareStream32(d, any(x).([]float32))
	}
	return false
}

// unaryGo is the plain-Go body of Unary, the reference for the SIMD ones:
//
//	for i, v := range x { dst[i] = op(v) }
//
// The cheap ops are unrolled by 4 over resliced windows, so that the
// compiler drops the bounds checks.
func unaryGo[T Number](op UnaryOp, dst, x []T) {
	x = x[:len(dst)]
	n := len(dst)
	i := 0
	switch op {
	case OpSquare:
		for ; i+4 <= n; i += 4 {
			d, s := dst[i:i+4:i+4], x[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = s[0]*s[0], s[1]*s[1], s[2]*s[2], s[3]*s[3]
		}
		for ; i < n; i++ {
			dst[i] = x[i] * x[i]
		}
	case OpNegative:
		// Go negates floats by flipping the sign bit, as NumPy does.
		for ; i+4 <= n; i += 4 {
			d, s := dst[i:i+4:i+4], x[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = -s[0], -s[1], -s[2], -s[3]
		}
		for ; i < n; i++ {
			dst[i] = -x[i]
		}
	case OpAbs:
		if isFloat[T]() {
			for ; i+4 <= n; i += 4 {
				d, s := dst[i:i+4:i+4], x[i:i+4:i+4]
				d[0], d[1], d[2], d[3] = absFloat(s[0]), absFloat(s[1]), absFloat(s[2]), absFloat(s[3])
			}
			for ; i < n; i++ {
				dst[i] = absFloat(x[i])
			}
			return
		}
		for ; i+4 <= n; i += 4 {
			d, s := dst[i:i+4:i+4], x[i:i+4:i+4]
			d[0], d[1], d[2], d[3] = absInt(s[0]), absInt(s[1]), absInt(s[2]), absInt(s[3])
		}
		for ; i < n; i++ {
			dst[i] = absInt(x[i])
		}
	// float32 goes through float64 and is rounded once: exact for sqrt,
	// within half an ulp plus float64's error for the rest.
	case OpSqrt:
		for i, v := range x {
			dst[i] = T(math.Sqrt(float64(v)))
		}
	case OpExp, OpLog, OpSin, OpCos:
		ewVmath(op, dst, x)
	default:
		panic(ewErrUnsupported)
	}
}

// ewVmath runs op (exp, log, sin or cos) with package vmath's kernels
// (SIMD inside): float64 and float32 slices directly, types defined on them
// through a float64 block (computed in float64, rounded once to T).
func ewVmath[T Number](op UnaryOp, dst, x []T) {
	switch d := any(dst).(type) {
	case []float64:
		vmath64(op, d, any(x).([]float64))
		return
	case []float32:
		vmath32(op, d, any(x).([]float32))
		return
	}
	var buf [ewBlock]float64
	for done := 0; done < len(dst); done += ewBlock {
		b := buf[:min(ewBlock, len(dst)-done)]
		for i := range b {
			b[i] = float64(x[done+i])
		}
		vmath64(op, b, b)
		for i, v := range b {
			dst[done+i] = T(v)
		}
	}
}

// vmath64 and vmath32 call op's kernel statically, so that escape analysis
// sees that vmath keeps no slice (ewVmath's stack block stays on the stack).
func vmath64(op UnaryOp, dst, x []float64) {
	switch op {
	case OpExp:
		vmath.Exp(dst, x)
	case OpLog:
		vmath.Log(dst, x)
	case OpSin:
		vmath.Sin(dst, x)
	default:
		vmath.Cos(dst, x)
	}
}

func vmath32(op UnaryOp, dst, x []float32) {
	switch op {
	case OpExp:
		vmath.Exp32(dst, x)
	case OpLog:
		vmath.Log32(dst, x)
	case OpSin:
		vmath.Sin32(dst, x)
	default:
		vmath.Cos32(dst, x)
	}
}

// ewPow runs float power through package vmath after mode (x or y is nil
// where mode makes it the scalar s): float64 and float32 slices directly,
// types defined on them through float64 blocks. A scalar exponent takes
// vmath.PowScalar's fast paths (2, 0.5, -1, 1), as NumPy's loop does.
func ewPow[T Number](mode ewMode, dst, x, y []T, s T) {
	switch d := any(dst).(type) {
	case []float64:
		xs, ys := any(x).([]float64), any(y).([]float64)
		switch mode {
		case ewVecVec:
			vmath.Pow(d, xs, ys)
		case ewVecScalar:
			vmath.PowScalar(d, xs, float64(s))
		default:
			vmath.ScalarPow(d, float64(s), ys)
		}
		return
	case []float32:
		xs, ys, ss := any(x).([]float32), any(y).([]float32), any(s).(float32)
		switch mode {
		case ewVecVec:
			vmath.Pow32(d, xs, ys)
		case ewVecScalar:
			vmath.PowScalar32(d, xs, ss)
		default:
			vmath.ScalarPow32(d, ss, ys)
		}
		return
	}
	var bx, by [ewBlock]float64
	for done := 0; done < len(dst); done += ewBlock {
		m := min(ewBlock, len(dst)-done)
		a, b := bx[:m], by[:m]
		if mode != ewScalarVec {
			for i := range a {
				a[i] = float64(x[done+i])
			}
		}
		if mode != ewVecScalar {
			for i := range b {
				b[i] = float64(y[done+i])
			}
		}
		switch mode {
		case ewVecVec:
			vmath.Pow(a, a, b)
		case ewVecScalar:
			vmath.PowScalar(a, a, float64(s))
		default:
			vmath.ScalarPow(a, float64(s), b)
		}
		for i, v := range a {
			dst[done+i] = T(v)
		}
	}
}
