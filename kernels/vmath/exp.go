package vmath

import (
	"math"

	"gonp/kernels/cpu"
)

// Panic message of every function of the package on a length mismatch.
const expErrLength = "vmath: slice lengths differ"

// Table size of exp (2^(j/expN) for j < expN) and log (logN intervals).
const (
	expN = 128
	logN = 128
)

// Constants of the float64 exp: x = k*ln2/128 + r, |r| <= ln2/256.
const (
	expInvLn2N   = 0x1.71547652b82fep0 * expN
	expShift     = 0x1.8p52 // z + expShift rounds z to an integer in the low bits
	expNegLn2hiN = -0x1.62e42fefa0000p-8
	expNegLn2loN = -0x1.cf79abc9e3b3ap-47
	// Taylor coefficients of e^r - 1 - r, ample on |r| <= ln2/256:
	// the first omitted term is below 2^-60.
	expC2 = 0.5
	expC3 = 1.0 / 6
	expC4 = 1.0 / 24
	expC5 = 1.0 / 120
	// Above this |x| the scale 2^(k/128) may leave the normal range.
	expBound = 708.0
)

// Exp sets dst[i] = e**x[i]. dst and x must have equal lengths; dst may be
// x itself. NaN gives NaN, +Inf gives +Inf, -Inf gives +0, x > 709.78
// overflows to +Inf, and results below 2^-1022 are subnormal, correctly
// rounded in all but rare cases.
func Exp(dst, x []float64) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	n := 0
	if cpu.Active() >= cpu.AVX2 {
		n = expVecF64(dst, x)
	}
	for i := n; i < len(x); i++ {
		dst[i] = expF64(x[i])
	}
}

// Exp32 is Exp for float32, computed in float64 and rounded once. As
// NumPy's float32 loop, it gives the positive quiet NaN for every NaN.
func Exp32(dst, x []float32) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	n := 0
	if cpu.Active() >= cpu.AVX2 {
		n = expVecF32(dst, x)
	}
	for i := n; i < len(x); i++ {
		dst[i] = expF32(x[i])
	}
}

// expF64 is the scalar body of Exp; the SIMD bodies do the same
// operations lane by lane.
func expF64(x float64) float64 {
	if !(math.Abs(x) < expBound) {
		return expSpecial(x, 0)
	}
	z := float64(x * expInvLn2N)
	kd := z + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, expNegLn2hiN, x)
	r = math.FMA(kd, expNegLn2loN, r)
	return expTail(r, ki)
}

// expTail returns 2^(k/128) * e^r for ki the bits of k + expShift:
// 2^(k/128) = 2^(k>>7) * (hi + lo) from the table, and
// e^r - 1 = r + r^2*(C2 + r*C3 + r^2*(C4 + r*C5)).
func expTail(r float64, ki uint64) float64 {
	j := 2 * (ki & (expN - 1))
	sbits := expTab[j] + ki<<45
	tail := math.Float64frombits(expTab[j+1])
	r2 := float64(r * r)
	p23 := math.FMA(r, expC3, expC2)
	p45 := math.FMA(r, expC5, expC4)
	q := math.FMA(r2, p45, p23)
	tmp := math.FMA(r2, q, tail+r)
	scale := math.Float64frombits(sbits)
	return math.FMA(scale, tmp, scale)
}

// expSpecial is e^(x+xlo) for |x| >= expBound or NaN, where the scale
// 2^(k/128) may overflow or be subnormal: it is built in range and the
// result scaled once, with the last addition done in extra precision when
// the result is subnormal so that it is rounded once (the scheme of
// ARM's optimized-routines exp).
func expSpecial(x, xlo float64) float64 {
	if x != x {
		return x + x
	}
	if x > 1000 {
		return math.Inf(1)
	}
	if x < -1000 {
		return 0
	}
	z := float64(x * expInvLn2N)
	kd := z + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, expNegLn2hiN, x)
	r = math.FMA(kd, expNegLn2loN, r)
	r += xlo
	j := 2 * (ki & (expN - 1))
	sbits := expTab[j] + ki<<45
	tail := math.Float64frombits(expTab[j+1])
	r2 := float64(r * r)
	p23 := math.FMA(r, expC3, expC2)
	p45 := math.FMA(r, expC5, expC4)
	q := math.FMA(r2, p45, p23)
	tmp := math.FMA(r2, q, tail+r)
	if kd > 0 {
		scale := math.Float64frombits(sbits - 1009<<52)
		return 0x1p1009 * math.FMA(scale, tmp, scale)
	}
	scale := math.Float64frombits(sbits + 1022<<52)
	y := math.FMA(scale, tmp, scale)
	if y < 1 {
		// y*2^-1022 is subnormal: add 1 so that the rounding of y to
		// the subnormal grid happens in one step, in hi + lo.
		lo := math.FMA(scale, tmp, scale-y)
		hi := 1 + y
		lo = 1 - hi + y + lo
		y = (hi + lo) - 1
	}
	return 0x1p-1022 * y
}

// Constants of the float32 exp, computed in float64 without a table:
// x = k*ln2 + r, |r| <= ln2/2, e^r by its Taylor polynomial of degree 10
// (relative error below 2^-42, far below float32's half ulp).
const (
	exp32InvLn2   = 0x1.71547652b82fep0
	exp32NegLn2hi = -0x1.62e42fefa39efp-1
	exp32NegLn2lo = -0x1.abc9e3b39803fp-56
	exp32Bound    = 150.0 // beyond, float32 overflows or underflows to 0
	// exp32NaN is what NumPy's float32 exp and log give for every NaN.
	exp32NaN = 0x7fc00000
)

var exp32Coef = [11]float64{
	1, 1, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040,
	1.0 / 40320, 1.0 / 362880, 1.0 / 3628800,
}

// expF32 is the scalar body of Exp32.
func expF32(x float32) float32 {
	xd := float64(x)
	if !(math.Abs(xd) <= exp32Bound) {
		switch {
		case xd != xd:
			return math.Float32frombits(exp32NaN)
		case xd > 0:
			return float32(math.Inf(1))
		}
		return 0
	}
	return float32(exp32Core(xd))
}

// exp32Core is e^x for |x| <= exp32Bound with relative error below
// 2^-42; the scaling by 2^k is exact.
func exp32Core(x float64) float64 {
	z := float64(x * exp32InvLn2)
	kd := z + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, exp32NegLn2hi, x)
	r = math.FMA(kd, exp32NegLn2lo, r)
	// Estrin's scheme: a short dependency chain.
	c := &exp32Coef
	r2 := float64(r * r)
	r4 := float64(r2 * r2)
	r8 := float64(r4 * r4)
	a01 := math.FMA(r, c[1], c[0])
	a23 := math.FMA(r, c[3], c[2])
	a45 := math.FMA(r, c[5], c[4])
	a67 := math.FMA(r, c[7], c[6])
	a89 := math.FMA(r, c[9], c[8])
	a810 := math.FMA(r2, c[10], a89)
	a03 := math.FMA(r2, a23, a01)
	a47 := math.FMA(r2, a67, a45)
	a07 := math.FMA(r4, a47, a03)
	p := math.FMA(r8, a810, a07)
	scale := math.Float64frombits((ki + 1023) << 52)
	return p * scale
}
