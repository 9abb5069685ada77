package vmath

import "math"

// Sinh sets dst[i] = sinh(x[i]), within 1 ulp over the whole range:
// Taylor below 1/4, (e^|x| - e^-|x|)/2 in double-double up to 22, e^|x|/2
// beyond (+Inf past 710.48). ±0, ±Inf and subnormals keep their value, a
// NaN comes back quieted. dst and x must have equal lengths; dst may be x.
func Sinh(dst, x []float64) { fnMap64(dst, x, sinhF64) }

// SinhF32 is Sinh for float32, computed in float64 and rounded once.
func SinhF32(dst, x []float32) {
	fnMap32Via(dst, x, sinhF64)
}

// Cosh sets dst[i] = cosh(x[i]) = (e^x + e^-x)/2 in double-double, within
// 1 ulp; ±Inf gives +Inf, a NaN comes back quieted.
func Cosh(dst, x []float64) { fnMap64(dst, x, coshF64) }

// CoshF32 is Cosh for float32, computed in float64 and rounded once.
func CoshF32(dst, x []float32) {
	fnMap32Via(dst, x, coshF64)
}

// Tanh sets dst[i] = tanh(x[i]) = E/(E+2) with E = expm1(2|x|) in
// double-double, within 1 ulp; ±Inf gives ±1 and every NaN the NaN
// 0x7ff8000000000000, as NumPy's loop does.
func Tanh(dst, x []float64) { fnMap64(dst, x, tanhF64) }

// TanhF32 is Tanh for float32; every NaN gives 0x7fc00000 as in NumPy.
func TanhF32(dst, x []float32) { fnMap32NaN(dst, x, tanhF64, exp32NaN) }

// Asinh sets dst[i] = asinh(x[i]) = log(|x| + sqrt(x²+1)) (log1p of
// |x| + x²/(1 + sqrt(x²+1)) below 1/2, log(2|x|) from 2^28) in
// double-double, within 1 ulp; ±0, ±Inf and subnormals keep their value.
func Asinh(dst, x []float64) { fnMap64(dst, x, asinhF64) }

// AsinhF32 is Asinh for float32, computed in float64 and rounded once.
func AsinhF32(dst, x []float32) {
	fnMap32Via(dst, x, asinhF64)
}

// Acosh sets dst[i] = acosh(x[i]) = log(x + sqrt(x²-1)) (log1p of
// d + sqrt(2d + d²), d = x - 1, below 2) in double-double, within 1 ulp;
// acosh(1) = +0, x < 1 and -Inf give the NaN 0xfff8000000000000.
func Acosh(dst, x []float64) { fnMap64(dst, x, acoshF64) }

// AcoshF32 is Acosh for float32, computed in float64 and rounded once.
func AcoshF32(dst, x []float32) {
	fnMap32Via(dst, x, acoshF64)
}

// Atanh sets dst[i] = atanh(x[i]) = (log1p(|x|) - log1p(-|x|))/2 in
// double-double, within 1 ulp; ±1 give ±Inf, |x| > 1 the NaN
// 0xfff8000000000000.
func Atanh(dst, x []float64) { fnMap64(dst, x, atanhF64) }

// AtanhF32 is Atanh for float32, computed in float64 and rounded once.
func AtanhF32(dst, x []float32) {
	fnMap32Via(dst, x, atanhF64)
}

// Constants of sinh and cosh: Taylor below hypSmall (sinh), e^a/2 alone
// above hypBig (e^-2a < 2^-63), overflow above hypOver.
const (
	hypSmall = 0.25
	hypBig   = 22.0
	hypOver  = 710.4758600739439
	// sinh(x) = x + x³·(S3 + x² S5 + ... + x^10 S13); the first omitted
	// term is below 2^-68 of the result for |x| < 1/4.
	hypS3  = 1.0 / 6
	hypS5  = 1.0 / 120
	hypS7  = 1.0 / 5040
	hypS9  = 1.0 / 362880
	hypS11 = 1.0 / 39916800
	hypS13 = 1.0 / 6227020800
)

// hypExpPair returns e^a and e^-a in two parts each, for 0 <= a <= hypBig:
// e^-a as the reciprocal of e^a, refined once.
func hypExpPair(a float64) (ah, al, bh, bl float64) {
	ah, al = expDD(a, 0)
	bh = 1 / ah
	r := math.FMA(-ah, bh, 1) - al*bh
	return ah, al, bh, bh * r
}

// sinhF64 is the scalar body of Sinh.
func sinhF64(x float64) float64 {
	a := math.Abs(x)
	var r float64
	switch {
	case a < hypSmall:
		if a < 0x1p-28 {
			return x
		}
		z := a * a
		p := math.FMA(z, hypS13, hypS11)
		p = math.FMA(z, p, hypS9)
		p = math.FMA(z, p, hypS7)
		p = math.FMA(z, p, hypS5)
		p = math.FMA(z, p, hypS3)
		r = a + float64(z*a)*p
	case a <= hypBig:
		ah, al, bh, bl := hypExpPair(a)
		s, e := fnTwoSum(ah, -bh)
		r = 0.5 * (s + (e + (al - bl)))
	case a <= hypOver:
		h, l := expDD(a, 2)
		r = 2 * (h + l)
	case x != x:
		return fnQuiet64(x)
	default:
		r = math.Inf(1)
	}
	return math.Copysign(r, x)
}

// coshF64 is the scalar body of Cosh.
func coshF64(x float64) float64 {
	a := math.Abs(x)
	switch {
	case a < 0x1p-28:
		return 1
	case a <= hypBig:
		ah, al, bh, bl := hypExpPair(a)
		s, e := fnTwoSum(ah, bh)
		return 0.5 * (s + (e + (al + bl)))
	case a <= hypOver:
		h, l := expDD(a, 2)
		return 2 * (h + l)
	case x != x:
		return fnQuiet64(x)
	}
	return math.Inf(1)
}

// tanhF64 is the scalar body of Tanh.
func tanhF64(x float64) float64 {
	a := math.Abs(x)
	switch {
	case a < 0x1p-28:
		return x
	case a <= hypBig:
		eh, el := expm1DD(2 * a)
		dh, de := fnTwoSum(eh, 2)
		qh, ql := fnDiv(eh, el, dh, de+el)
		return math.Copysign(qh+ql, x)
	case x != x:
		return math.Float64frombits(0x7ff8000000000000)
	}
	return math.Copysign(1, x)
}

// asinhF64 is the scalar body of Asinh.
func asinhF64(x float64) float64 {
	a := math.Abs(x)
	var hi, lo float64
	switch {
	case a < 0x1p-28:
		return x
	case a < 0.5:
		// log1p(a + a²/(1 + sqrt(1 + a²))).
		ph, pl := fnMul(a, a)
		qh, qe := fnTwoSum(1, ph)
		sh, sl := fnSqrt(qh, qe+pl)
		dh, de := fnTwoSum(1, sh)
		th, tl := fnDiv(ph, pl, dh, de+sl)
		wh, we := fnTwoSum(a, th)
		hi, lo = log1pDD(wh, we+tl)
	case a < 0x1p28:
		ph, pl := fnMul(a, a)
		qh, qe := fnTwoSum(ph, 1)
		sh, sl := fnSqrt(qh, qe+pl)
		vh, ve := fnTwoSum(a, sh)
		hi, lo = logDD(vh, ve+sl)
	case a <= math.MaxFloat64:
		hi, lo = hypLog2x(a)
	case x != x:
		return fnQuiet64(x)
	default:
		return x
	}
	return math.Copysign(hi+lo, x)
}

// hypLog2x is log(2a) = log a + ln 2 in two parts, a normal.
func hypLog2x(a float64) (hi, lo float64) {
	h, l := logHiLo(math.Float64bits(a))
	s, e := fnTwoSum(h, fnLn2Hi)
	return s, e + (l + fnLn2Lo)
}

// acoshF64 is the scalar body of Acosh.
func acoshF64(x float64) float64 {
	var hi, lo float64
	switch {
	case x == 1:
		return 0
	case x > 1 && x < 2:
		// log1p(d + sqrt(2d + d²)), d = x - 1 exactly.
		d := x - 1
		ph, pl := fnMul(d, d)
		qh, qe := fnTwoSum(2*d, ph)
		sh, sl := fnSqrt(qh, qe+pl)
		wh, we := fnTwoSum(d, sh)
		hi, lo = log1pDD(wh, we+sl)
	case x >= 2 && x < 0x1p28:
		ph, pl := fnMul(x, x)
		qh, qe := fnTwoSum(ph, -1)
		sh, sl := fnSqrt(qh, qe+pl)
		vh, ve := fnTwoSum(x, sh)
		hi, lo = logDD(vh, ve+sl)
	case x >= 0x1p28 && x <= math.MaxFloat64:
		hi, lo = hypLog2x(x)
	case x != x:
		return fnQuiet64(x)
	case x > 1:
		return x
	default:
		return math.Float64frombits(logNaN)
	}
	return hi + lo
}

// atanhF64 is the scalar body of Atanh.
func atanhF64(x float64) float64 {
	a := math.Abs(x)
	switch {
	case a < 0x1p-28:
		return x
	case a < 1:
		h1, l1 := log1pDD(a, 0)
		h2, l2 := log1pDD(-a, 0)
		s, e := fnTwoSum(h1, -h2)
		return math.Copysign(0.5*(s+(e+(l1-l2))), x)
	case a == 1:
		return math.Copysign(math.Inf(1), x)
	case x != x:
		return fnQuiet64(x)
	}
	return math.Float64frombits(logNaN)
}
