package vmath

import "math"

// Expm1 sets dst[i] = e**x[i] - 1, within 1 ulp over the whole range.
// ±0 and subnormals come back unchanged, x > 709.78 gives +Inf, x < -38
// and -Inf give -1, and a NaN comes back unchanged (as NumPy's float64
// loop returns it). dst and x must have equal lengths; dst may be x.
func Expm1(dst, x []float64) { fnMap64(dst, x, expm1F64) }

// Expm1F32 is Expm1 for float32, computed in float64 and rounded once; a
// NaN comes back quieted with its sign and payload.
func Expm1F32(dst, x []float32) { fnMap32Via(dst, x, expm1F64) }

// Log1p sets dst[i] = log(1 + x[i]), within 1 ulp over the whole range.
// ±0 and subnormals come back unchanged, -1 gives -Inf, x < -1 and -Inf
// give the NaN 0xfff8000000000000, +Inf gives +Inf and a NaN comes back
// quieted. dst and x must have equal lengths; dst may be x.
func Log1p(dst, x []float64) { fnMap64(dst, x, log1pF64) }

// Log1pF32 is Log1p for float32, computed in float64 and rounded once.
func Log1pF32(dst, x []float32) {
	fnMap32Via(dst, x, log1pF64)
}

// Log10 sets dst[i] = log10(x[i]), within 1 ulp (exact powers of ten
// give their exponent exactly). ±0 gives -Inf, x < 0 and -Inf the NaN
// 0xfff8000000000000, +Inf gives +Inf and a NaN comes back quieted.
func Log10(dst, x []float64) { fnMap64(dst, x, log10F64) }

// Log10F32 is Log10 for float32, computed in float64 and rounded once.
func Log10F32(dst, x []float32) {
	fnMap32Via(dst, x, log10F64)
}

// Constants of expm1: below em1Small, Taylor; from there to em1Big,
// exp's reduction and table with the subtraction of 1 done exactly;
// beyond, exp itself (e^x - 1 rounds to e^x) or -1.
const (
	em1Small = 1.0 / 16
	em1Big   = 40.0
	// Taylor coefficients 1/n! of e^x - 1 - x - x²/2 = x³·(C3 + C4 x + ...);
	// for |x| < 1/16 the first omitted term is below 2^-65 of the result.
	em1C3  = 1.0 / 6
	em1C4  = 1.0 / 24
	em1C5  = 1.0 / 120
	em1C6  = 1.0 / 720
	em1C7  = 1.0 / 5040
	em1C8  = 1.0 / 40320
	em1C9  = 1.0 / 362880
	em1C10 = 1.0 / 3628800
)

// expm1F64 is the scalar body of Expm1.
func expm1F64(x float64) float64 {
	if !(math.Abs(x) <= em1Big) {
		switch {
		case x != x:
			return x
		case x > 0:
			return expF64(x)
		}
		return -1
	}
	if math.Abs(x) < 0x1p-54 {
		return x
	}
	hi, lo := expm1DD(x)
	return hi + lo
}

// expm1DD returns e^x - 1 as hi + lo for 2^-54 <= |x| <= em1Big (and
// below, where it is x), relative error about 2^-58.
func expm1DD(x float64) (hi, lo float64) {
	if math.Abs(x) < em1Small {
		// x + x²/2 in two parts, x³·P(x) in float64.
		h, he := fnMul(x, x)
		a := 0.5 * h
		s := x + a
		e := (x - s) + a
		x2 := h
		p := math.FMA(x, em1C10, em1C9)
		p = math.FMA(x, p, em1C8)
		p = math.FMA(x, p, em1C7)
		p = math.FMA(x, p, em1C6)
		p = math.FMA(x, p, em1C5)
		p = math.FMA(x, p, em1C4)
		p = math.FMA(x, p, em1C3)
		x3 := float64(x2 * x)
		lo = math.FMA(x3, p, e+0.5*he)
		hi = s + lo
		return hi, lo - (hi - s)
	}
	scale, y1, v := expParts(x, 0)
	ph, pl := fnMul(scale, y1)
	s, e := fnTwoSum(ph, -1)
	lo = e + (pl + float64(scale*v))
	hi = s + lo
	return hi, lo - (hi - s)
}

// expParts returns e^x * 2^-shift as scale * (y1 + v) for |x| <= 710.5
// (shift >= 2 beyond 709.7): exp's reduction and table, the value
// within about 2^-61 of itself; scale is a power of two times a table entry.
func expParts(x float64, shift uint64) (scale, y1, v float64) {
	z := float64(x * expInvLn2N)
	kd := z + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, expNegLn2hiN, x)
	r, d := expReduceLo(r, kd)
	j := ki % expN
	sbits := expTabScale[j] + ki<<(52-expBits) - shift<<52
	scale = math.Float64frombits(sbits)
	tail := math.Float64frombits(expTabTail[j])
	// exp's own kernel drops tail*r (2^-57 of the result), below its
	// needs but not below those of expm1, where the subtraction of 1 can
	// magnify it eightfold.
	u := math.FMA(tail, r, math.FMA(float64(r*r), expPoly(r), tail))
	y1 = 1 + r
	e1 := (1 - y1) + r
	v = e1 + math.FMA(d, r+u, d)
	v += u
	return scale, y1, v
}

// expDD returns e^x * 2^-shift as hi + lo (see expParts).
func expDD(x float64, shift uint64) (hi, lo float64) {
	scale, y1, v := expParts(x, shift)
	ph, pl := fnMul(scale, y1)
	lo = pl + float64(scale*v)
	hi = ph + lo
	return hi, lo - (hi - ph)
}

// log1pSmall returns log(1 + rh + rl) as hi + lo for |rh| <= 2^-8 and
// |rl| <= ulp(rh): log's Taylor polynomial with c = 1 (log.go's core
// with r given).
func log1pSmall(rh, rl float64) (hi, lo float64) {
	r2, r2lo := fnMul(rh, rh)
	t := logA2 * r2
	hi = rh + t
	e3 := t - (hi - rh)
	p78 := math.FMA(rh, logA8, logA7)
	p56 := math.FMA(rh, logA6, logA5)
	p34 := math.FMA(rh, logA4, logA3)
	p58 := math.FMA(r2, p78, p56)
	p := math.FMA(r2, p58, p34)
	r3 := float64(r2 * rh)
	s := e3 + rl
	s = math.FMA(logA2, r2lo, s)
	s = math.FMA(-rh, rl, s)
	lo = math.FMA(r3, p, s)
	return hi, lo
}

// log1pDD returns log(1 + xh + xl) as hi + lo for xh > -1 finite and
// |xl| <= ulp(xh) (and 1 + xh + xl > 0 normal).
func log1pDD(xh, xl float64) (hi, lo float64) {
	if math.Abs(xh) <= 0x1p-8 {
		return log1pSmall(xh, xl)
	}
	u, e := fnTwoSum(1, xh)
	e += xl
	hi, lo = logHiLo(math.Float64bits(u))
	t := e / u
	return hi, lo + math.FMA(-0.5*t, t, t)
}

// logDD returns log(h + l) for h positive normal and |l| <= ulp(h), where
// the result is not near 0 (first order in l/h).
func logDD(h, l float64) (hi, lo float64) {
	hi, lo = logHiLo(math.Float64bits(h))
	return hi, lo + l/h
}

// log1pF64 is the scalar body of Log1p.
func log1pF64(x float64) float64 {
	if !(x > -1 && x <= math.MaxFloat64) {
		switch {
		case x != x:
			return fnQuiet64(x)
		case x == -1:
			return math.Inf(-1)
		case x < -1:
			return math.Float64frombits(logNaN)
		}
		return x
	}
	if math.Abs(x) < 0x1p-54 {
		return x
	}
	hi, lo := log1pDD(x, 0)
	return hi + lo
}

// log10F64 is the scalar body of Log10: log x in two parts times 1/ln 10
// in two parts.
func log10F64(x float64) float64 {
	ix := math.Float64bits(x)
	if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
		switch {
		case x != x:
			return fnQuiet64(x)
		case x == 0:
			return math.Inf(-1)
		case x < 0:
			return math.Float64frombits(logNaN)
		case x > math.MaxFloat64:
			return x
		}
		ix = math.Float64bits(x*0x1p52) - 52<<52
	}
	hi, lo := logHiLo(ix)
	p, pe := fnMul(hi, fnInvLn10Hi)
	pe += math.FMA(hi, fnInvLn10Lo, float64(lo*fnInvLn10Hi))
	return p + pe
}
