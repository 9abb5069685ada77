package vmath

import "math"

// Atan sets dst[i] = atan(x[i]) within 1 ulp: |x| > 1 is reduced to
// π/2 - atan(1/|x|) (1/|x| in two parts), then atan(b) = atan(j/8) +
// atan((b - j/8)/(1 + b j/8)) with atan(j/8) from a table and the second
// term by its Taylor series (|t| <= 1/16). ±0 and subnormals keep their
// value, ±Inf gives ±π/2, a NaN comes back quieted.
func Atan(dst, x []float64) { fnMap64(dst, x, atanF64) }

// AtanF32 is Atan for float32, computed in float64 and rounded once.
func AtanF32(dst, x []float32) {
	fnMap32Via(dst, x, atanF64)
}

// Asin sets dst[i] = asin(x[i]) = atan(x/sqrt(1-x²)) with 1-x² in two
// parts ((1-|x|)(1+|x|) above 1/2), within 1 ulp; asin(±1) = ±π/2 and
// |x| > 1 gives the NaN 0xfff8000000000000.
func Asin(dst, x []float64) { fnMap64(dst, x, asinF64) }

// AsinF32 is Asin for float32, computed in float64 and rounded once.
func AsinF32(dst, x []float32) {
	fnMap32Via(dst, x, asinF64)
}

// Acos sets dst[i] = acos(x[i]) = atan2(sqrt(1-x²), x) the same way,
// within 1 ulp; acos(1) = +0, acos(-1) = π, |x| > 1 gives the NaN
// 0xfff8000000000000 and a NaN comes back quieted with its sign flipped,
// as NumPy's float64 loop (glibc) returns it.
func Acos(dst, x []float64) { fnMap64(dst, x, acosF64) }

// AcosF32 is Acos for float32, computed in float64 and rounded once; a
// NaN comes back quieted with its sign.
func AcosF32(dst, x []float32) {
	fnMap32Via(dst, x, acosF64)
}

// Atan2 sets dst[i] = atan2(y[i], x[i]) within 1 ulp, with C99's (and
// NumPy's) special values: signed zeros give ±0 or ±π, infinities ±π/4,
// ±3π/4, ±π/2, ±0 or ±π; a NaN y comes back quieted, else a NaN x. All
// three slices must have equal lengths; dst may be y or x.
func Atan2(dst, y, x []float64) {
	fnCheck(len(dst), len(y))
	fnCheck(len(dst), len(x))
	for i := range dst {
		dst[i] = atan2F64(y[i], x[i])
	}
}

// Atan2F32 is Atan2 for float32, computed in float64 and rounded once.
// Where both are NaN, NumPy's float32 loop returns x quieted, and so
// does this.
func Atan2F32(dst, y, x []float32) {
	fnCheck(len(dst), len(y))
	fnCheck(len(dst), len(x))
	// In blocks, for the reason given at fnMap32NaN.
	var by, bx [64]float64
	for i := 0; i < len(dst); i += len(by) {
		n := min(len(by), len(dst)-i)
		ys, xs, ds := y[i:i+n], x[i:i+n], dst[i:i+n]
		for j := range n {
			by[j], bx[j] = float64(ys[j]), float64(xs[j])
		}
		for j := range n {
			by[j] = atan2F64(by[j], bx[j])
		}
		for j := range n {
			yv, xv := ys[j], xs[j]
			switch {
			case xv != xv:
				ds[j] = fnQuiet32(xv)
			case yv != yv:
				ds[j] = fnQuiet32(yv)
			default:
				ds[j] = float32(by[j])
			}
		}
	}
}

// Taylor coefficients of atan t - t = t³·(A3 + t² A5 + ... + t^12 A15);
// for |t| <= 1/16 the first omitted term is below 2^-68 of the result.
const (
	atA3  = -1.0 / 3
	atA5  = 1.0 / 5
	atA7  = -1.0 / 7
	atA9  = 1.0 / 9
	atA11 = -1.0 / 11
	atA13 = 1.0 / 13
	atA15 = -1.0 / 15
)

// atanRed returns atan(b), or π/2 - atan(b) where co is true, as hi + lo
// for b = bh + bl in [0, 1] (|bl| <= ulp(bh)).
func atanRed(bh, bl float64, co bool) (hi, lo float64) {
	j := (int(bh*16) + 1) >> 1 // nearest j/8, from exact products
	th, tl := bh, bl
	if j != 0 {
		c := float64(j) * 0.125
		nh := bh - c // exact: b is within a factor 2 of c
		p, pe := fnMul(bh, c)
		dh, de := fnTwoSum(1, p)
		th, tl = fnDiv(nh, bl, dh, de+(pe+bl*c))
	}
	z := th * th
	p := math.FMA(z, atA15, atA13)
	p = math.FMA(z, p, atA11)
	p = math.FMA(z, p, atA9)
	p = math.FMA(z, p, atA7)
	p = math.FMA(z, p, atA5)
	p = math.FMA(z, p, atA3)
	tl = math.FMA(float64(z*th), p, tl)
	if co {
		s, e := fnTwoSum(fnAtanCoTab[2*j], -th)
		return s, e + (fnAtanCoTab[2*j+1] - tl)
	}
	if j == 0 {
		return th, tl
	}
	s, e := fnTwoSum(fnAtanTab[2*j], th)
	return s, e + (fnAtanTab[2*j+1] + tl)
}

// atanF64 is the scalar body of Atan.
func atanF64(x float64) float64 {
	a := math.Abs(x)
	var hi, lo float64
	switch {
	case a < 0x1p-27:
		return x
	case a <= 1:
		hi, lo = atanRed(a, 0, false)
	case a <= 0x1p60:
		bh := 1 / a
		hi, lo = atanRed(bh, math.FMA(-bh, a, 1)/a, true)
	case x != x:
		return fnQuiet64(x)
	default:
		hi = fnPio2Hi
	}
	return math.Copysign(hi+lo, x)
}

// asinParts returns s = sqrt(1 - a²) in two parts for 0 <= a <= 1.
func asinParts(a float64) (sh, sl float64) {
	if a <= 0.5 {
		ph, pl := fnMul(a, a)
		dh, de := fnTwoSum(1, -ph)
		return fnSqrt(dh, de-pl)
	}
	om := 1 - a // exact
	oh, ol := fnTwoSum(1, a)
	dh, de := fnMul(om, oh)
	return fnSqrt(dh, math.FMA(om, ol, de))
}

// asinF64 is the scalar body of Asin.
func asinF64(x float64) float64 {
	a := math.Abs(x)
	switch {
	case a < 0x1p-27:
		return x
	case a <= 1:
	case x != x:
		return fnQuiet64(x)
	default:
		return math.Float64frombits(logNaN)
	}
	sh, sl := asinParts(a)
	var hi, lo float64
	if a <= sh {
		qh, ql := fnDiv(a, 0, sh, sl)
		hi, lo = atanRed(qh, ql, false)
	} else {
		qh, ql := fnDiv(sh, sl, a, 0)
		hi, lo = atanRed(qh, ql, true)
	}
	return math.Copysign(hi+lo, x)
}

// acosF64 is the scalar body of Acos.
func acosF64(x float64) float64 {
	a := math.Abs(x)
	if !(a <= 1) {
		if x != x {
			return math.Float64frombits(math.Float64bits(fnQuiet64(x)) ^ 1<<63)
		}
		return math.Float64frombits(logNaN)
	}
	sh, sl := asinParts(a)
	var hi, lo float64
	if a <= sh {
		qh, ql := fnDiv(a, 0, sh, sl)
		hi, lo = atanRed(qh, ql, true)
	} else {
		qh, ql := fnDiv(sh, sl, a, 0)
		hi, lo = atanRed(qh, ql, false)
	}
	if x < 0 {
		s, e := fnTwoSum(fnPiHi, -hi)
		return s + (e + (fnPiLo - lo))
	}
	return hi + lo
}

// atan2F64 is the scalar body of Atan2.
func atan2F64(y, x float64) float64 {
	if y != y {
		return fnQuiet64(y)
	}
	if x != x {
		return fnQuiet64(x)
	}
	ay, ax := math.Abs(y), math.Abs(x)
	neg := math.Signbit(x)
	var hi, lo float64
	switch {
	case math.IsInf(ay, 0) && math.IsInf(ax, 0):
		hi, lo = fnAtanTab[16], fnAtanTab[17] // π/4
	case math.IsInf(ay, 0) || ax == 0:
		if ay == 0 {
			break // atan2(±0, ±0): ±0 or ±π below
		}
		hi, lo, neg = fnPio2Hi, fnPio2Lo, false
	case math.IsInf(ax, 0) || ay == 0:
	default:
		if ax < 0x1p-900 {
			ay, ax = ay*0x1p600, ax*0x1p600
		} else if ay > 0x1p900 && ax > 0x1p900 {
			ay, ax = ay*0x1p-600, ax*0x1p-600
		}
		if ay <= ax {
			qh := ay / ax
			if qh < 0x1p-30 {
				// atan q = q(1 - q²/3): the rounded quotient is within
				// 0.503 ulp.
				hi = qh
				break
			}
			hi, lo = atanRed(qh, math.FMA(-qh, ax, ay)/ax, false)
		} else {
			qh := ax / ay
			var ql float64
			if qh >= 0x1p-960 {
				ql = math.FMA(-qh, ay, ax) / ay
			}
			hi, lo = atanRed(qh, ql, true)
		}
	}
	if neg {
		s, e := fnTwoSum(fnPiHi, -hi)
		hi, lo = s, e+(fnPiLo-lo)
	}
	return math.Copysign(hi+lo, y)
}
