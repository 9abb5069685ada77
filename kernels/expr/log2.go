package expr

import "math"

// The base-2 logarithm, in the shape of FreeBSD's msun e_log2.c (fdlibm's
// log with the reduction, the sum and the scaling by 1/ln2 carried in extra
// precision). Scaling vmath's log by 1/ln2 would add a rounding of its own
// and lose exactness where NumPy's log2 has it (log2(2^k) = k): this core
// keeps both: within 0.62 ulp of the true value (TestLog2Accuracy measures
// it against a math/big reference, where Go's math.Log2 is off by more than
// 0.51 ulp at a third of the points), and powers of two are exact.
//
// x = 2^k * (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)); then
// log2(x) = k + (f - f*f/2 + s*(f*f/2 + R(s*s))) / ln2, s = f/(2 + f),
// where f - f*f/2 is split into hi (its top 21 bits, so that hi*log2IvLn2Hi
// is exact) and lo.
const (
	// Coefficients of R: log1p(f) = f - f*f/2 + s*(f*f/2 + R(z)), z = s*s
	// (fdlibm's Lg1..Lg7, those of Go's math.Log too).
	log2Lg1 = 6.666666666666735130e-01
	log2Lg2 = 3.999999999940941908e-01
	log2Lg3 = 2.857142874366239149e-01
	log2Lg4 = 2.222219843214978396e-01
	log2Lg5 = 1.818357216161805012e-01
	log2Lg6 = 1.531383769920937332e-01
	log2Lg7 = 1.479819860511658591e-01
	// 1/ln2 as hi + lo, hi of 33 significant bits (TestLog2Constants).
	log2IvLn2Hi = 0x1.71547652p+0
	log2IvLn2Lo = 0x1.705fc2eefa2p-33
	// log2NaN is the NaN NumPy (x86's default NaN) gives for log2(x < 0).
	log2NaN = 0xfff8000000000000
	// log2SqrtHalf rounds the significand bits up by sqrt(2)'s complement:
	// a significand at or above sqrt(2) carries into the exponent field.
	log2SqrtHalf = 0x00095f6400000000
	fracMask     = 1<<52 - 1
	oneBits      = 0x3ff0000000000000
)

// log2Block sets dst[k] = log2(x[k]) for k < len(dst): NumPy's special
// values (±0 gives -Inf, x < 0 and -Inf NaN, +Inf +Inf, a NaN itself).
func log2Block(dst, x []float64) {
	x = x[:len(dst)]
	for k, v := range x {
		dst[k] = log2F64(v)
	}
}

// log2F64 is the scalar body of log2Block.
func log2F64(x float64) float64 {
	ix := math.Float64bits(x)
	k := 0
	if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
		// Not positive, normal and finite.
		switch {
		case x != x:
			return x + x
		case x == 0:
			return math.Inf(-1)
		case x < 0:
			return math.Float64frombits(log2NaN)
		case x > math.MaxFloat64:
			return x
		}
		// Subnormal: scale into the normal range (exactly).
		ix = math.Float64bits(x * 0x1p54)
		k = -54
	}
	k += int(ix>>52) - 1023
	m := ix & fracMask
	up := (m + log2SqrtHalf) & (1 << 52) // 1<<52 where the significand is ≥ sqrt(2)
	k += int(up >> 52)
	f := math.Float64frombits(m|(up^oneBits)) - 1 // exact: 1+f in [sqrt(2)/2, sqrt(2))

	// The explicit conversions keep each product rounded on its own, as
	// the splitting below assumes (Go may otherwise fuse a*b+c).
	hfsq := float64(0.5 * f * f)
	s := f / (2 + f)
	z := float64(s * s)
	w := float64(z * z)
	t1 := w * (log2Lg2 + w*(log2Lg4+w*log2Lg6))
	t2 := z * (log2Lg1 + w*(log2Lg3+w*(log2Lg5+w*log2Lg7)))
	r := s * (hfsq + t2 + t1)

	// hfsq's own rounding error (0.5*f is exact) goes into lo: near the
	// ends of the interval it is worth 0.1 ulp of the result.
	hfsqLo := math.FMA(0.5*f, f, -hfsq)
	hi := math.Float64frombits(math.Float64bits(f-hfsq) &^ (1<<32 - 1))
	lo := float64(f-hi) - hfsq - hfsqLo + r
	valHi := float64(hi * log2IvLn2Hi)
	valLo := (lo+hi)*log2IvLn2Lo + lo*log2IvLn2Hi

	// k + valHi in two parts (|k| ≥ |valHi| or k == 0, so y - sum is exact).
	y := float64(k)
	sum := y + valHi
	valLo += (y - sum) + valHi
	return valLo + sum
}
