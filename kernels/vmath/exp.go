package vmath

import (
	"math"

	"gonp/kernels/cpu"
)

// Panic message of every function of the package on a length mismatch.
const expErrLength = "vmath: slice lengths differ"

// Table size of exp (2^(j/expN) for j < expN) and log (logN intervals).
// exp's table is small enough for the SIMD bodies to keep in registers.
const (
	expBits = 3
	expN    = 1 << expBits
	logN    = 128
)

// Constants of the float64 exp: x = k*ln2/8 + r, |r| <= ln2/16.
const (
	expInvLn2N   = 0x1.71547652b82fep3 // 8/ln2
	expShift     = 0x1.8p52            // z + expShift rounds z to an integer in the low bits
	expNegLn2hiN = -0x1.62e42fefa0000p-4
	expNegLn2loN = -0x1.cf79abc9e3b3ap-43
	// Taylor coefficients of e^r - 1 - r, ample on |r| <= ln2/16:
	// the first omitted term is below 2^-66.
	expC2 = 1.0 / 2
	expC3 = 1.0 / 6
	expC4 = 1.0 / 24
	expC5 = 1.0 / 120
	expC6 = 1.0 / 720
	expC7 = 1.0 / 5040
	expC8 = 1.0 / 40320
	expC9 = 1.0 / 362880
	// Outside (expLow, expBound) the scale 2^(k/8) may leave the normal
	// range, or (below expLow) scale*2^-53 the normal range.
	expBound = 708.0
	expLow   = -700.0
)

// Exp sets dst[i] = e**x[i]. dst and x must have equal lengths; dst may be
// x itself. NaN gives NaN, +Inf gives +Inf, -Inf gives +0, x > 709.78
// overflows to +Inf, and results below 2^-1022 are subnormal, correctly
// rounded in all but rare cases.
func Exp(dst, x []float64) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if stream64(dst, x, nil) {
		streamRun64(streamExp, dst, x, nil, 0)
		return
	}
	expBody(dst, x, false)
}

// expBody is Exp with plain stores.
func expBody(dst, x []float64, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = expVecF64x8(dst, x, nt)
	case lvl >= cpu.AVX2:
		n = expVecF64(dst, x, nt)
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
	if stream32(dst, x, nil) {
		streamRun32(streamExp, dst, x, nil, 0)
		return
	}
	exp32Body(dst, x, false)
}

// exp32Body is Exp32 with plain stores.
func exp32Body(dst, x []float32, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = expVecF32x8(dst, x, nt)
	case lvl >= cpu.AVX2:
		n = expVecF32(dst, x, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = expF32(x[i])
	}
}

// expF64 is the scalar body of Exp; the SIMD bodies do the same
// operations lane by lane.
func expF64(x float64) float64 {
	if !(x > expLow && x < expBound) {
		return expSpecial(x, 0)
	}
	kd := math.FMA(x, expInvLn2N, expShift)
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, expNegLn2hiN, x)
	r, d := expReduceLo(r, kd)
	return expTailE(r, d, ki)
}

// expTailE is expTail for exp itself, whose d is r's rounding error
// (|d| <= 2^-58): d joins the table's tail, and d*(r + u), below 2^-62,
// is left out, three operations fewer than expTail, which pow needs for
// its larger low part.
func expTailE(r, d float64, ki uint64) float64 {
	j := ki % expN
	scale := math.Float64frombits(expTabScale[j] + ki<<(52-expBits))
	u := math.FMA(float64(r*r), expPolyH(r), math.Float64frombits(expTabTail[j])+d)
	y1 := 1 + r
	e1 := (1 - y1) + r
	return math.FMA(scale, y1, float64(scale*(e1+u)))
}

// expReduceLo subtracts kd*ln2lo/8 from rh = x - kd*ln2hi/8 (exact) and
// returns the rounded r and its rounding error d (Fast2Sum).
func expReduceLo(rh, kd float64) (r, d float64) {
	t := float64(kd * expNegLn2loN)
	r = rh + t
	d = (rh - r) + t
	return r, d
}

// expTail returns 2^(k/8) * e^(r+d) for ki the bits of k + expShift and d
// tiny against r: 2^(k/8) = 2^(k>>3) * hi * (1 + tail) from the table,
// e^r - 1 = r + r^2*(C2 + C3*r + ... + C9*r^7) by Estrin's scheme and
// e^d = 1 + d, so the result is scale * (1 + r + u + d*(1 + r + u)) with
// u = tail + r^2*P(r), to within 2^-62. It is rebuilt with
// one significant rounding: y1 = 1 + r rounded and its error e1 exactly,
// then scale*y1 + scale*(e1 + u) in one FMA; scale*(e1 + u) keeps its
// precision while scale >= 2^-1010, hence the fast path's lower bound.
func expTail(r, d float64, ki uint64) float64 {
	j := ki % expN
	sbits := expTabScale[j] + ki<<(52-expBits)
	return expRebuild(math.Float64frombits(sbits), r, d, math.Float64frombits(expTabTail[j]))
}

// expRebuild is expTail's last step for the scale and tail of the table.
func expRebuild(scale, r, d, tail float64) float64 {
	u := math.FMA(float64(r*r), expPoly(r), tail)
	y1 := 1 + r
	e1 := (1 - y1) + r
	v := e1 + math.FMA(d, r+u, d)
	v += u
	return math.FMA(scale, y1, float64(scale*v))
}

// expPoly is C2 + C3*r + ... + C9*r^7.
func expPoly(r float64) float64 {
	r2 := float64(r * r)
	r4 := float64(r2 * r2)
	q23 := math.FMA(r, expC3, expC2)
	q45 := math.FMA(r, expC5, expC4)
	q67 := math.FMA(r, expC7, expC6)
	q89 := math.FMA(r, expC9, expC8)
	q25 := math.FMA(r2, q45, q23)
	q69 := math.FMA(r2, q89, q67)
	return math.FMA(r4, q69, q25)
}

// expPolyH is exp's own polynomial, (e^r - 1 - r)/r^2 to within 2^-66
// absolute once multiplied by r^2 (expM2 ... expM8, a Remez fit of degree
// 6 where expPoly needs Taylor's of degree 7), by Horner's scheme: the
// SIMD loops are bound by their operation count, not by this chain's
// latency, and Horner's takes one multiplication and three register
// copies fewer than Estrin's. pow keeps expPoly.
func expPolyH(r float64) float64 {
	q := math.FMA(r, expM8, expM7)
	q = math.FMA(r, q, expM6)
	q = math.FMA(r, q, expM5)
	q = math.FMA(r, q, expM4)
	q = math.FMA(r, q, expM3)
	return math.FMA(r, q, expM2)
}

// expSpecial is e^(x+xlo) outside (expLow, expBound) or NaN, where the scale
// 2^(k/8) may overflow or be subnormal: it is built in range and the
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
	r, d := expReduceLo(r, kd)
	d += xlo
	j := ki % expN
	sbits := expTabScale[j] + ki<<(52-expBits)
	tail := math.Float64frombits(expTabTail[j])
	if kd > 0 {
		scale := math.Float64frombits(sbits - 1009<<52)
		return 0x1p1009 * expRebuild(scale, r, d, tail)
	}
	scale := math.Float64frombits(sbits + 1022<<52)
	if y := expRebuild(scale, r, d, tail); y >= 1 {
		return 0x1p-1022 * y // normal: the scaling is exact
	}
	// The scheme below needs r and tmp = e^(r+d)/(1+tail) - 1 in one.
	r += d
	tmp := math.FMA(float64(r*r), expPoly(r), tail+r)
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

// Constants of the float32 exp, computed in float64: x = k*ln2/8 + r,
// |r| <= ln2/16, 2^(k/8) from exp's table (its tails dropped: the
// table's values are within 2^-53 of the powers) and e^r by its Taylor
// polynomial of degree 5, whose first omitted term is below 2^-36; the
// result, rounded once to float32, is within 0.51 ulp.
const (
	exp32InvLn2N   = expInvLn2N
	exp32NegLn2N   = -0x1.62e42fefa39efp-4
	exp32Bound     = 150.0 // beyond, float32 overflows or underflows to 0
	exp32C2        = 1.0 / 2
	exp32C3        = 1.0 / 6
	exp32C4        = 1.0 / 24
	exp32C5        = 1.0 / 120
	exp32ScaleBits = 52 - expBits
	// exp32NaN is what NumPy's float32 exp and log give for every NaN.
	exp32NaN = 0x7fc00000
)

// Constants of Exp32's float32 core, exp32Short, on float32 lanes (twice
// as many per vector as float64's): x = n*ln2/8 + r, |r| <= ln2/16 (r =
// x - n*Ln2hiN exact in one FMA, then less n*Ln2loN), 2^(n/8) =
// 2^(n>>3) * (hi + lo) from exp32TabHi and exp32TabLo, e^r - 1 = p = r +
// r^2*(C2 + C3 r + C4 r^2 + C5 r^3) (first omitted term below 2^-36), and
// the result (hi + (hi*p + lo)) * 2^(n>>3), whose one sizable rounding is
// the last addition: within 0.55 ulp (exp_test.go), correctly rounded on
// most arguments. Where the result would not be normal (x outside
// [exp32ShortLo, exp32ShortHi]) Exp32 computes in float64.
const (
	exp32ShortLo    = -87.0
	exp32ShortHi    = 88.5
	exp32fInvLn2N   = float32(0x1.715476p3) // 8/ln2
	exp32fShift     = float32(0x1.8p23)     // z + shift rounds z to an integer in the low bits
	exp32fLn2hiN    = float32(0x1.62e43p-4) // ln2/8 rounded
	exp32fLn2loN    = float32(-0x1.05c61p-32)
	exp32fC2        = float32(1.0 / 2)
	exp32fC3        = float32(1.0 / 6)
	exp32fC4        = float32(1.0 / 24)
	exp32fC5        = float32(1.0 / 120)
	exp32fScaleMask = ^uint32(7 << 20) // n<<20 less j<<20 is k<<23
)

// exp32Short is Exp32 for x in [exp32ShortLo, exp32ShortHi], in float32
// arithmetic; the SIMD bodies do the same operations lane by lane.
func exp32Short(x float32) float32 {
	zs := float32(x*exp32fInvLn2N) + exp32fShift
	nb := math.Float32bits(zs)
	n := zs - exp32fShift
	r := fma32(n, -exp32fLn2hiN, x)
	r = fma32(n, -exp32fLn2loN, r)
	r2 := r * r
	q := fma32(r, exp32fC5, exp32fC4)
	q = fma32(r, q, exp32fC3)
	q = fma32(r, q, exp32fC2)
	p := fma32(r2, q, r)
	hi := math.Float32frombits(exp32TabHi[nb%16])
	u := fma32(hi, p, math.Float32frombits(exp32TabLo[nb%16]))
	y := hi + u
	return math.Float32frombits(math.Float32bits(y) + (nb<<20)&exp32fScaleMask)
}

// fma32 is a*b + c rounded once to float32, as VFMADD*PS computes it. In
// float64, a*b + c rounded once (s) then rounded to float32 is the correct
// rounding unless s is a float32 midpoint (the exact value may lie on
// either side of it) or a float32 subnormal; then the sum is redone with
// its rounding error (2Sum on the exact product) and rounded to odd, from
// which the rounding to float32 is correct (53 >= 24 + 2 bits).
func fma32(a, b, c float32) float32 {
	s := math.FMA(float64(a), float64(b), float64(c))
	if sb := math.Float64bits(s); sb&(1<<29-1) == 1<<28 || sb&(0x7ff<<52) < (1023-126)<<52 {
		return fma32Odd(a, b, s, c)
	}
	return float32(s)
}

// fma32Odd is fma32's rare case: s = a*b + c rounded to float64, redone
// with its rounding error and rounded to odd before float32. Kept out of
// line so that fma32 inlines.
//
//go:noinline
func fma32Odd(a, b float32, s float64, c float32) float32 {
	p := float64(a) * float64(b)
	cd := float64(c)
	bb := s - p
	if e := (p - (s - bb)) + (cd - bb); e != 0 {
		if sb := math.Float64bits(s); sb&1 == 0 {
			if (e > 0) == (s > 0) {
				sb++
			} else {
				sb--
			}
			s = math.Float64frombits(sb)
		}
	}
	return float32(s)
}

// expF32 is the scalar body of Exp32.
func expF32(x float32) float32 {
	if x >= exp32ShortLo && x <= exp32ShortHi {
		return exp32Short(x)
	}
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
// 2^-36; the scale 2^(k/8) stays normal.
func exp32Core(x float64) float64 {
	z := float64(x * exp32InvLn2N)
	kd := z + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, exp32NegLn2N, x)
	r2 := float64(r * r)
	a := math.FMA(r, exp32C3, exp32C2)
	b := math.FMA(r, exp32C5, exp32C4)
	q := math.FMA(r2, b, a)
	p := math.FMA(r2, q, r)
	scale := math.Float64frombits(expTabScale[ki%expN] + ki<<exp32ScaleBits)
	return math.FMA(scale, p, scale)
}
