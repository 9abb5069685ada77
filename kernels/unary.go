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
	if n < 0 {
		panic(ewErrNegativeN)
	}
	if !UnarySupported[T](op) {
		panic(ewErrUnsupported)
	}
	if n == 0 {
		return
	}
	if !ewInRange(len(dst), n, incDst, idst) {
		panic(ewErrShortDst)
	}
	if !ewInRange(len(x), n, incX, ix) {
		panic(ewErrShortX)
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
	done := unaryVec(lvl, op, dst, x)
	unaryGo(op, dst[done:], x[done:])
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
	case OpExp, OpLog:
		ewExpLog(op, dst, x)
	case OpSin:
		if scVmath(vmath.Sin, vmath.Sin32, dst, x) {
			return
		}
		for i, v := range x {
			dst[i] = T(sinAccurate(float64(v)))
		}
	case OpCos:
		if scVmath(vmath.Cos, vmath.Cos32, dst, x) {
			return
		}
		for i, v := range x {
			dst[i] = T(cosAccurate(float64(v)))
		}
	default:
		panic(ewErrUnsupported)
	}
}

// scVmath runs f64 or f32, package vmath's kernels (SIMD inside), when T
// is exactly float64 or float32, and reports whether it did; types defined
// on them take the scalar loop.
func scVmath[T Number](f64 func(dst, x []float64), f32 func(dst, x []float32), dst, x []T) bool {
	switch d := any(dst).(type) {
	case []float64:
		f64(d, any(x).([]float64))
		return true
	case []float32:
		f32(d, any(x).([]float32))
		return true
	}
	return false
}

// expAccurate is math.Exp mended at the top of its range: on amd64,
// math.Exp (assembly) returns +Inf for x in about (709.4, 709.78], where
// exp(x) is finite and glibc (NumPy) returns it. There the product
// exp(x-ln2)*2 would round the reduced argument by up to 250 ulp, so the
// reduction keeps ln 2 in two parts, as math's portable exp does.
func expAccurate(x float64) float64 {
	if x <= 709 {
		return math.Exp(x)
	}
	const (
		ln2Hi    = 6.93147180369123816490e-01 // low bits zero: k*ln2Hi is exact
		ln2Lo    = 1.90821492927058770002e-10
		log2e    = 1.44269504088896338700e+00
		overflow = 7.09782712893383973096e+02
	)
	if x > overflow || x != x {
		return x * math.Inf(1) // +Inf, or the NaN itself
	}
	// exp(x) = 2**k * exp(hi - lo) with k = round(x/ln2), 1023 or 1024,
	// so |hi - lo| <= ln2/2, and k*ln2Hi and hi exact; then the polynomial
	// of math's portable expmulti (FreeBSD's e_exp.c), accurate to < 1 ulp.
	k := float64(int(log2e*x + 0.5))
	hi := x - k*ln2Hi
	lo := k * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(1.66666666666666657415e-01+t*(-2.77777777770155933842e-03+
		t*(6.61375632143793436117e-05+t*(-1.65339022054652515390e-06+t*4.13813679705723846039e-08))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, int(k))
}

// logAccurate is math.Log mended for subnormal x: on amd64, math.Log
// (assembly) is wrong there (log(5e-324) gives -709.09, not -744.44).
// Scaling by 2**54 is exact and makes x normal; 54*ln2Hi is exact too.
func logAccurate(x float64) float64 {
	if x >= 0x1p-1022 || x <= 0 || x != x {
		return math.Log(x)
	}
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
	)
	return (math.Log(x*0x1p54) - 54*ln2Hi) - 54*ln2Lo
}

// ewExpLog runs exp or log through package vmath: float64 and float32
// slices directly (SIMD there), types defined on them through a float64
// block (computed in float64, rounded once to T).
func ewExpLog[T Number](op UnaryOp, dst, x []T) {
	switch d := any(dst).(type) {
	case []float64:
		if op == OpExp {
			vmath.Exp(d, any(x).([]float64))
		} else {
			vmath.Log(d, any(x).([]float64))
		}
		return
	case []float32:
		if op == OpExp {
			vmath.Exp32(d, any(x).([]float32))
		} else {
			vmath.Log32(d, any(x).([]float32))
		}
		return
	}
	var buf [ewBlock]float64
	for done := 0; done < len(dst); done += ewBlock {
		b := buf[:min(ewBlock, len(dst)-done)]
		for i := range b {
			b[i] = float64(x[done+i])
		}
		if op == OpExp {
			vmath.Exp(b, b)
		} else {
			vmath.Log(b, b)
		}
		for i, v := range b {
			dst[done+i] = T(v)
		}
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
