package vmath

import (
	"math"

	"gonp/kernels/cpu"
)

// Pow sets dst[i] = x[i]**y[i] with C99's special cases, which are
// NumPy's: pow(x, ±0) = 1 and pow(1, y) = 1 even for NaN, pow(-1, ±Inf) =
// 1, pow(x < 0, non-integer y) = NaN, ±0 and ±Inf bases by the sign and
// parity of y. All slices must have equal lengths; dst may be x or y.
func Pow(dst, x, y []float64) {
	if len(dst) != len(x) || len(x) != len(y) {
		panic(expErrLength)
	}
	x, y = x[:len(dst)], y[:len(dst)]
	if stream64(dst, x, y) {
		streamRun64(streamPow, dst, x, y, 0)
		return
	}
	powBody(dst, x, y, false)
}

// powBody is Pow with plain stores.
func powBody(dst, x, y []float64, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = powVecF64x8(dst, x, y, 0, powArrays, nt)
	case lvl >= cpu.AVX2:
		n = powVecF64(dst, x, y, 0, powArrays, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = powF64(x[i], y[i])
	}
}

// PowScalar sets dst[i] = x[i]**y. As NumPy's power loop does for a
// scalar exponent, y == 2 is x*x, y == 0.5 is sqrt (so -Inf gives NaN and
// -0 gives -0), y == -1 is 1/x and y == 1 copies x; other exponents are
// Pow.
func PowScalar(dst, x []float64, y float64) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	x = x[:len(dst)]
	if powScalarFast(dst, x, y) {
		return
	}
	if stream64(dst, x, nil) {
		streamRun64(streamPowScalarY, dst, x, nil, y)
		return
	}
	powScalarBody(dst, x, y, false)
}

// powScalarBody is PowScalar's general exponent with plain stores.
func powScalarBody(dst, x []float64, y float64, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = powVecF64x8(dst, x, nil, y, powScalarY, nt)
	case lvl >= cpu.AVX2:
		n = powVecF64(dst, x, nil, y, powScalarY, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = powF64(x[i], y)
	}
}

// powScalarFast computes dst[i] = x[i]**y without pow for the exponents
// NumPy's power loop treats apart (see PowScalar) and reports whether y was
// one of them. sqrt in float64 rounds to float32 correctly.
func powScalarFast[T float32 | float64](dst, x []T, y T) bool {
	switch y {
	case 2:
		for i, v := range x {
			dst[i] = v * v
		}
	case 0.5:
		for i, v := range x {
			dst[i] = T(math.Sqrt(float64(v)))
		}
	case -1:
		for i, v := range x {
			dst[i] = 1 / v
		}
	case 1:
		copy(dst, x)
	default:
		return false
	}
	return true
}

// ScalarPow sets dst[i] = x**y[i].
func ScalarPow(dst []float64, x float64, y []float64) {
	if len(dst) != len(y) {
		panic(expErrLength)
	}
	if stream64(dst, nil, y) {
		streamRun64(streamPowScalarX, dst, y, nil, x)
		return
	}
	scalarPowBody(dst, x, y, false)
}

// scalarPowBody is ScalarPow with plain stores.
func scalarPowBody(dst []float64, x float64, y []float64, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = powVecF64x8(dst, nil, y, x, powScalarX, nt)
	case lvl >= cpu.AVX2:
		n = powVecF64(dst, nil, y, x, powScalarX, nt)
	}
	for i := n; i < len(y); i++ {
		dst[i] = powF64(x, y[i])
	}
}

// Pow32 is Pow for float32, computed in float64 and rounded once.
func Pow32(dst, x, y []float32) {
	if len(dst) != len(x) || len(x) != len(y) {
		panic(expErrLength)
	}
	x, y = x[:len(dst)], y[:len(dst)]
	if stream32(dst, x, y) {
		streamRun32(streamPow, dst, x, y, 0)
		return
	}
	pow32Body(dst, x, y, false)
}

// pow32Body is Pow32 with plain stores.
func pow32Body(dst, x, y []float32, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = powVecF32x8(dst, x, y, 0, powArrays, nt)
	case lvl >= cpu.AVX2:
		n = powVecF32(dst, x, y, 0, powArrays, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = powF32(x[i], y[i])
	}
}

// PowScalar32 is PowScalar for float32, with the same fast paths.
func PowScalar32(dst, x []float32, y float32) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	x = x[:len(dst)]
	if powScalarFast(dst, x, y) {
		return
	}
	if stream32(dst, x, nil) {
		streamRun32(streamPowScalarY, dst, x, nil, y)
		return
	}
	powScalar32Body(dst, x, y, false)
}

// powScalar32Body is PowScalar32's general exponent with plain stores.
func powScalar32Body(dst, x []float32, y float32, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = powVecF32x8(dst, x, nil, y, powScalarY, nt)
	case lvl >= cpu.AVX2:
		n = powVecF32(dst, x, nil, y, powScalarY, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = powF32(x[i], y)
	}
}

// ScalarPow32 is ScalarPow for float32.
func ScalarPow32(dst []float32, x float32, y []float32) {
	if len(dst) != len(y) {
		panic(expErrLength)
	}
	if stream32(dst, nil, y) {
		streamRun32(streamPowScalarX, dst, y, nil, x)
		return
	}
	scalarPow32Body(dst, x, y, false)
}

// scalarPow32Body is ScalarPow32 with plain stores.
func scalarPow32Body(dst []float32, x float32, y []float32, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = powVecF32x8(dst, nil, y, x, powScalarX, nt)
	case lvl >= cpu.AVX2:
		n = powVecF32(dst, nil, y, x, powScalarX, nt)
	}
	for i := n; i < len(y); i++ {
		dst[i] = powF32(x, y[i])
	}
}

// Operand layouts of the SIMD pow bodies.
const (
	powArrays  = iota // x and y slices
	powScalarY        // x slice, scalar y
	powScalarX        // scalar x, y slice
)

// powNaN is the NaN NumPy gives for a negative base and a non-integer
// exponent (x86's default NaN).
const powNaN = 0xfff8000000000000

// powF64 is the scalar body of Pow: log|x| in extra precision, times y,
// then exp with the low part as a correction.
func powF64(x, y float64) float64 {
	ix := math.Float64bits(x)
	if ix-0x0010000000000000 < 0x7ff0000000000000-0x0010000000000000 {
		// Positive normal finite x and y*log x in exp's fast range: the
		// fast case, as in the SIMD bodies. y needs no test of its own:
		// y = ±0 gives ehi = ±0 and e^0 = 1 exactly; an infinite or NaN
		// y gives an infinite or NaN ehi (0*Inf for x = 1), which leaves
		// the range.
		ehi, elo := powLogMul(ix, y)
		if ehi > expLow && ehi < expBound {
			return powExp(ehi, elo)
		}
	}
	return powSpecial(x, y)
}

// powMain is ±|x|**y for ix the bits of |x| (normal, or subnormal with
// the exponent taken below 0) and sign the sign bit of the result.
func powMain(ix uint64, y float64, sign uint64) float64 {
	ehi, elo := powLogMul(ix, y)
	var v float64
	if ehi > expLow && ehi < expBound {
		v = powExp(ehi, elo)
	} else {
		v = expSpecial(ehi, elo)
	}
	return math.Float64frombits(math.Float64bits(v) | sign)
}

// Coefficients of powLogMul's polynomial: log1p(r) - r + r^2/2 = ar3*Q
// with ar2 = -r^2/2, ar3 = ar2*r and Q = (Q0 + Q1 r) + ar2*((Q2 + Q3 r) +
// ar2*((Q4 + r) + ar2*Q6)): Taylor's terms up to r^9 (logA3 ... logA9)
// written in ar2; the first omitted term is below 2^-77 for |r| < 2^-7.4.
const (
	powQ0 = -2.0 / 3
	powQ1 = 1.0 / 2
	powQ2 = 4.0 / 5
	powQ3 = -2.0 / 3
	powQ4 = -8.0 / 7
	powQ6 = 16.0 / 9
)

// powLogMul returns y*log(x) as ehi + elo for ix the bits of positive x,
// normal or (with the exponent field taken below zero) subnormal. log x
// is logHiLo's, from the same table, arranged for fewer operations:
// r = z*invc - 1 and w = k*ln2hi + lchi exact; h0 = w + r with its error
// e2 by Fast2Sum (|w| > |r| unless w = 0: TestPowLogFast2Sum); -r^2/2 as
// ar2 plus its error lo3 (ar = -r/2 is exact); h1 = h0 + ar2 with its
// error e3; lo = k*ln2lo + lclo + e2 + lo3 + e3 + ar3*Q; log x = h1 + lo
// renormalised to hi + lo, then multiplied by y in extra precision. The
// SIMD bodies do the same operations.
func powLogMul(ix uint64, y float64) (ehi, elo float64) {
	tmp := ix - logOff
	i := (tmp >> 44) & (2*logN - 2)
	k := int64(tmp) >> 52
	z := math.Float64frombits(ix - uint64(k)<<52)
	a := logTab[i]
	invc := math.Float64frombits((a&logCodeMask)<<45 + logInvcBase)
	lchi := math.Float64frombits(a &^ logCodeMask)
	kd := float64(k)
	r := math.FMA(z, invc, -1)
	w := math.FMA(kd, logLn2hi, lchi)
	s := math.FMA(kd, logLn2lo, math.Float64frombits(logTab[i+1]))
	h0 := w + r
	e2 := (w - h0) + r
	ar := logA2 * r
	ar2 := float64(ar * r)
	lo3 := math.FMA(ar, r, -ar2)
	ar3 := float64(ar2 * r)
	h1 := h0 + ar2
	e3 := (h0 - h1) + ar2
	q01 := math.FMA(r, powQ1, powQ0)
	q23 := math.FMA(r, powQ3, powQ2)
	q := r + powQ4
	q = math.FMA(ar2, powQ6, q)
	q = math.FMA(ar2, q, q23)
	q = math.FMA(ar2, q, q01)
	s += e2
	s += lo3
	s += e3
	l := math.FMA(ar3, q, s)
	hi := h1 + l
	lo := (h1 - hi) + l
	ehi = float64(y * hi)
	elo = math.FMA(y, hi, -ehi)
	elo = math.FMA(y, lo, elo)
	return ehi, elo
}

// powExp is e^(x+xlo) for x in (expLow, expBound) and |xlo| tiny against
// x: k = round(x*8/ln2) in one FMA, r = x - k*ln2hi/8 exact, then r -
// k*ln2lo/8 rounded with its error in d (itself exact to 2^-82).
func powExp(x, xlo float64) float64 {
	kd := math.FMA(x, expInvLn2N, expShift)
	ki := math.Float64bits(kd)
	kd -= expShift
	rh := math.FMA(kd, expNegLn2hiN, x)
	r := math.FMA(kd, expNegLn2loN, rh)
	d := math.FMA(kd, expNegLn2loN, rh-r)
	return expTail(r, d+xlo, ki)
}

// powIsInt reports whether y is an integer and whether it is odd.
func powIsInt(y float64) (isInt, odd bool) {
	if y != math.Trunc(y) {
		return false, false
	}
	if math.Abs(y) >= 0x1p53 {
		return true, false
	}
	return true, int64(y)&1 != 0
}

// powSpecial is pow for everything powF64's fast case leaves: zero,
// negative, subnormal, infinite or NaN x, and zero, infinite or NaN y.
func powSpecial(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case x != x:
		return x + x // x quieted, as NumPy (x86 returns the first NaN)
	case y != y:
		return y + y
	}
	isInt, odd := powIsInt(y)
	switch {
	case math.IsInf(y, 0):
		ax := math.Abs(x)
		switch {
		case ax == 1:
			return 1
		case (ax < 1) == (y > 0):
			return 0
		}
		return math.Inf(1)
	case x == 0:
		if y < 0 {
			if odd {
				return 1 / x
			}
			return math.Inf(1)
		}
		if odd {
			return x
		}
		return 0
	case math.IsInf(x, 0):
		if x > 0 {
			if y < 0 {
				return 0
			}
			return x
		}
		if y < 0 {
			if odd {
				return math.Copysign(0, -1)
			}
			return 0
		}
		if odd {
			return x
		}
		return math.Inf(1)
	}
	var sign uint64
	if x < 0 {
		if !isInt {
			return math.Float64frombits(powNaN)
		}
		if odd {
			sign = 1 << 63
		}
		x = -x
	}
	ix := math.Float64bits(x)
	if ix < 0x0010000000000000 {
		ix = math.Float64bits(x*0x1p52) - 52<<52
	}
	return powMain(ix, y, sign)
}

// powF32 is the scalar body of Pow32: positive finite x and finite y with
// |y*log x| <= exp32Bound take pow32Log and exp32Core in float64, as the
// SIMD bodies do; the rest take the float64 pow.
func powF32(x, y float32) float32 {
	xd, yd := float64(x), float64(y)
	if xd > 0 && xd <= math.MaxFloat32 && math.Abs(yd) <= math.MaxFloat32 {
		t := float64(yd * pow32Log(xd))
		if math.Abs(t) <= exp32Bound {
			return float32(exp32Core(t))
		}
	}
	return float32(powF64(xd, yd))
}
