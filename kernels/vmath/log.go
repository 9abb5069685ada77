package vmath

import (
	"math"

	"gonp/kernels/cpu"
)

// Constants of the float64 log in extra precision (logHiLo: pow, log1p,
// expm1, the inverse hyperbolics): x = 2^k * z, z in [logOff, 2*logOff),
// and z = (1 + r)/invc with invc a number of 8 significant bits near the
// inverse of the centre of one of logN intervals of z (see logTab). Log
// itself has its own, shorter core (logShort).
const (
	logOff   = 0x3fe6900000000000   // bits of 0.7051: 1.0 is the centre of interval 75
	logLn2hi = 0x1.62e42fefa3800p-1 // 42 bits: k*logLn2hi is exact
	logLn2lo = 0x1.ef35793c76730p-45
	// Taylor coefficients of log1p(r) - r = r^2 * (A2 + r*A3 + ...),
	// |r| < 2^-7.4: the first omitted term is below 2^-77.
	logA2 = -1.0 / 2
	logA3 = 1.0 / 3
	logA4 = -1.0 / 4
	logA5 = 1.0 / 5
	logA6 = -1.0 / 6
	logA7 = 1.0 / 7
	logA8 = -1.0 / 8
	logA9 = 1.0 / 9
	// Decoding of logTab: invc's code sits in the low logCodeBits bits
	// of the high part of -log(invc), which leaves them zero.
	logCodeBits = 8
	logCodeMask = 1<<logCodeBits - 1
	logInvcBase = 0x3fe0000000000000 // invc's bits are code<<45 + this
	// logNaN is the NaN that NumPy (x86's default NaN) gives for log(x < 0).
	logNaN = 0xfff8000000000000
)

// Log sets dst[i] = log(x[i]), the natural logarithm. dst and x must have
// equal lengths; dst may be x itself. ±0 gives -Inf, x < 0 and -Inf give
// NaN, +Inf gives +Inf, NaN gives NaN.
func Log(dst, x []float64) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if stream64(dst, x, nil) {
		streamRun64(streamLog, dst, x, nil, 0)
		return
	}
	logBody(dst, x, false)
}

// logBody is Log with plain stores.
func logBody(dst, x []float64, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = logVecF64x8(dst, x, nt)
	case lvl >= cpu.AVX2:
		n = logVecF64(dst, x, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = logF64(x[i])
	}
}

// Log32 is Log for float32, computed in float64 and rounded once. As
// NumPy's float32 loop, it gives the positive quiet NaN for every NaN.
func Log32(dst, x []float32) {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if stream32(dst, x, nil) {
		streamRun32(streamLog, dst, x, nil, 0)
		return
	}
	log32Body(dst, x, false)
}

// log32Body is Log32 with plain stores.
func log32Body(dst, x []float32, nt bool) {
	n := 0
	switch lvl := cpu.Active(); {
	case lvl >= cpu.AVX512:
		n = logVecF32x8(dst, x, nt)
	case lvl >= cpu.AVX2:
		n = logVecF32(dst, x, nt)
	}
	for i := n; i < len(x); i++ {
		dst[i] = logF32(x[i])
	}
}

// logF64 is the scalar body of Log.
func logF64(x float64) float64 {
	ix := math.Float64bits(x)
	if ix-0x0010000000000000 >= 0x7ff0000000000000-0x0010000000000000 {
		return logSpecial(x)
	}
	return logShort(ix)
}

// logSpecial is log(x) for x not positive, normal and finite.
func logSpecial(x float64) float64 {
	switch {
	case x != x:
		return x + x
	case x == 0:
		return math.Inf(-1)
	case x < 0:
		return math.Float64frombits(logNaN)
	case x > math.MaxFloat64:
		return x
	}
	// Subnormal: scale into the normal range (exactly) and take 52 off k.
	return logShort(math.Float64bits(x*0x1p52) - 52<<52)
}

// Constants of Log's own core, logShort: x = 2^k * z with z in
// [log16Off, 2*log16Off), z in one of 16 intervals (the top four bits of
// z's bits minus log16Off) and z = (1 + r)/invc with invc a multiple of
// 2^-5 (1 on the interval of 1), so that r = z*invc - 1 is exact in one
// FMA and |r| < 0.043; log1p(r) - r = r^2 * (B2 + B3*r + ... + B12*r^10),
// Taylor's coefficients, whose first omitted term is below 2^-62. The
// SIMD bodies keep the three 16-entry tables in registers.
const (
	log16Off = 0x3fe7800000000000 // bits of 0.734375
	logB2    = -1.0 / 2
	logB3    = 1.0 / 3
	logB4    = -1.0 / 4
	logB5    = 1.0 / 5
	logB6    = -1.0 / 6
	logB7    = 1.0 / 7
	logB8    = -1.0 / 8
	logB9    = 1.0 / 9
	logB10   = -1.0 / 10
	logB11   = 1.0 / 11
	logB12   = -1.0 / 12
)

// logShort returns log(x) for ix the bits of positive x, normal or (with
// the exponent field taken below zero) subnormal: hi = k*ln2hi + lchi + r
// with its rounding error e (Fast2Sum: |lchi| > |r| unless lchi = 0, and
// k*ln2hi + lchi is exact), lo = k*ln2lo + lclo + e + r^2*P(r), and
// hi + lo rounded once. Within 0.52 ulp (log_test.go).
func logShort(ix uint64) float64 {
	tmp := ix - log16Off
	i := (tmp >> 48) % 16
	k := int64(tmp) >> 52
	z := math.Float64frombits(ix - uint64(k)<<52)
	kd := float64(k)
	r := math.FMA(z, math.Float64frombits(log16InvC[i]), -1)
	w := math.FMA(kd, logLn2hi, math.Float64frombits(log16LogCHi[i]))
	hi := w + r
	e := (w - hi) + r
	r2 := float64(r * r)
	r4 := float64(r2 * r2)
	r8 := float64(r4 * r4)
	q23 := math.FMA(r, logB3, logB2)
	q45 := math.FMA(r, logB5, logB4)
	q67 := math.FMA(r, logB7, logB6)
	q89 := math.FMA(r, logB9, logB8)
	q1011 := math.FMA(r, logB11, logB10)
	q25 := math.FMA(r2, q45, q23)
	q69 := math.FMA(r2, q89, q67)
	q1012 := math.FMA(r2, logB12, q1011)
	p := math.FMA(r4, q69, q25)
	p = math.FMA(r8, q1012, p)
	lo := math.FMA(kd, logLn2lo, math.Float64frombits(log16LogCLo[i]))
	lo += e
	lo = math.FMA(r2, p, lo)
	return hi + lo
}

// logHiLo returns log(x) as hi + lo, within about 2^-76 (absolute),
// for ix the bits of positive x, normal or (with the exponent field taken
// below zero) subnormal. pow has its own arrangement of these operations
// on the same table (powLogMul).
func logHiLo(ix uint64) (hi, lo float64) {
	tmp := ix - logOff
	i := 2 * ((tmp >> 45) % logN)
	k := int64(tmp) >> 52
	z := math.Float64frombits(ix - uint64(k)<<52)
	a := logTab[i]
	invc := math.Float64frombits((a&logCodeMask)<<45 + logInvcBase)
	lchi := math.Float64frombits(a &^ logCodeMask)
	lclo := math.Float64frombits(logTab[i+1])
	kd := float64(k)
	// r = z*invc - 1 and w = k*ln2hi + lchi are exact (invc has 8
	// significant bits and |r| < 2^-7; lchi is a multiple of 2^-42).
	r := math.FMA(z, invc, -1)
	w := math.FMA(kd, logLn2hi, lchi)
	// hi = w + r without error: e2.
	hi = w + r
	bb := hi - w
	e2 := (w - (hi - bb)) + (r - bb)
	// log1p(r) - r = -r^2/2 + r^3*P(r): -r^2/2 exactly (t + the low
	// part of the square), t added to hi without error (|hi| > |t|);
	// P, |r^3*P| < 2^-23, in plain float64.
	r2 := float64(r * r)
	r2lo := math.FMA(r, r, -r2)
	t := logA2 * r2
	h2 := hi + t
	e3 := t - (h2 - hi)
	hi = h2
	p34 := math.FMA(r, logA4, logA3)
	p56 := math.FMA(r, logA6, logA5)
	p78 := math.FMA(r, logA8, logA7)
	p36 := math.FMA(r2, p56, p34)
	p79 := math.FMA(r2, logA9, p78)
	r4 := float64(r2 * r2)
	p := math.FMA(r4, p79, p36)
	r3 := float64(r2 * r)
	s := e2 + e3
	s += lclo
	s = math.FMA(kd, logLn2lo, s)
	s = math.FMA(logA2, r2lo, s)
	lo = math.FMA(r3, p, s)
	return hi, lo
}

// Constants of the float32 log and pow: ln 2 in float64 and NumPy's NaN.
const (
	log32Ln2 = 0x1.62e42fefa39efp-1
	// log32NaN is NumPy's float32 NaN for log(x < 0).
	log32NaN = 0xffc00000
)

// Constants of Log32's own core, log32Tab: x = 2^k * z with z in
// [0.65625, 1.3125), split by the top three bits of z's bits minus
// log32TabOff into eight intervals; c_i near the middle of interval i
// (c = 1 on the one holding 1, where r is exact), r = z/c_i - 1 with
// |r| <= 1/16, log z = log c_i + log1p(r) and log1p(r) by its Taylor
// polynomial of degree 7 (relative error below 2^-31; the cancellation
// between log c_i and log1p(r) costs at most a bit, and where k != 0 the
// result is above 0.3). The result rounded once to float32 is within
// 0.51 ulp. Pow32 needs more (its error is multiplied by |y log x|) and
// has its own, pow32Log.
const (
	log32TabOff = 0x3fe5000000000000 // bits of 0.65625
	log32C2     = -1.0 / 2
	log32C3     = 1.0 / 3
	log32C4     = -1.0 / 4
	log32C5     = 1.0 / 5
	log32C6     = -1.0 / 6
	log32C7     = 1.0 / 7
)

// log32InvC holds the bits of 1/c_i and log32LogC those of log c_i
// (math.Log of the rounded 1/c_i, negated; log c_i = 0 where 1/c_i = 1).
var (
	log32InvC = [8]uint64{
		0x3ff745d1745d1746, 0x3ff5555555555555, 0x3ff3b13b13b13b14, 0x3ff2492492492492,
		0x3ff1111111111111, 0x3ff0000000000000, 0x3fec71c71c71c71c, 0x3fe999999999999a,
	}
	log32LogC = [8]uint64{
		0xbfd7fafa3bd8151c, 0xbfd269621134db92, 0xbfca93ed3c8ad9e6, 0xbfc1178e8227e47a,
		0xbfb08598b59e3a06, 0x0000000000000000, 0x3fbe27076e2af2ea, 0x3fcc8ff7c79a9a20,
	}
)

// log32Short is log(x) for positive normal float64 x, relative error
// below 2^-30: Log32's core.
func log32Short(x float64) float64 {
	ix := math.Float64bits(x)
	tmp := ix - log32TabOff
	i := (tmp >> 49) % 8
	k := int64(tmp) >> 52
	z := math.Float64frombits(ix - uint64(k)<<52)
	r := math.FMA(z, math.Float64frombits(log32InvC[i]), -1)
	r2 := float64(r * r)
	r4 := float64(r2 * r2)
	a := math.FMA(r, log32C3, log32C2)
	b := math.FMA(r, log32C5, log32C4)
	c := math.FMA(r, log32C7, log32C6)
	q := math.FMA(r2, b, a)
	q = math.FMA(r4, c, q)
	p := math.FMA(r2, q, r)
	return math.FMA(float64(k), log32Ln2, math.Float64frombits(log32LogC[i])+p)
}

// Constants of Log32's float32 core, log32Lane, on float32 lanes (twice
// as many per vector as float64's): Log's intervals and invc (log16*;
// r = z*invc - 1 exact in one float32 FMA, |r| < 0.043), -log(invc) =
// lchi + lclo from log32LogCHif and log32LogCLof (lchi a multiple of
// 2^-17, so that w = k*ln2hi + lchi is exact in one FMA), hi = w + r with
// its error e (Fast2Sum), lo = k*ln2lo + lclo + e + r^2*(C2 + C3 r + ... +
// C6 r^4) (first omitted term below 2^-34.5), hi + lo rounded once: within
// 0.6 ulp (log_test.go). Subnormal x is left to the float64 body.
const (
	log32LaneOff   = 0x3f3c0000              // bits of 0.734375
	log32LaneLn2hi = float32(0x1.62e4p-1)    // ln2 to a multiple of 2^-17
	log32LaneLn2lo = float32(0x1.7f7d1cp-20) // ln2 - ln2hi
	log32LaneC2    = float32(-1.0 / 2)
	log32LaneC3    = float32(1.0 / 3)
	log32LaneC4    = float32(-1.0 / 4)
	log32LaneC5    = float32(1.0 / 5)
	log32LaneC6    = float32(-1.0 / 6)
)

// log32Lane is Log32 for positive normal finite x, in float32
// arithmetic; the SIMD bodies do the same operations lane by lane.
func log32Lane(x float32) float32 {
	ix := math.Float32bits(x)
	tmp := ix - log32LaneOff
	i := (tmp >> 19) % 16
	k := int32(tmp) >> 23
	z := math.Float32frombits(ix - uint32(k)<<23)
	kf := float32(k)
	r := fma32(z, math.Float32frombits(log32InvCf[i]), -1)
	w := fma32(kf, log32LaneLn2hi, math.Float32frombits(log32LogCHif[i]))
	hi := w + r
	e := (w - hi) + r
	lo := fma32(kf, log32LaneLn2lo, math.Float32frombits(log32LogCLof[i]))
	lo += e
	r2 := r * r
	p := fma32(r, log32LaneC6, log32LaneC5)
	p = fma32(r, p, log32LaneC4)
	p = fma32(r, p, log32LaneC3)
	p = fma32(r, p, log32LaneC2)
	lo = fma32(r2, p, lo)
	return hi + lo
}

// logF32 is the scalar body of Log32.
func logF32(x float32) float32 {
	if ix := math.Float32bits(x); ix-0x00800000 < 0x7f800000-0x00800000 {
		return log32Lane(x)
	}
	if x > 0 && x <= math.MaxFloat32 {
		return float32(log32Short(float64(x)))
	}
	switch {
	case x != x:
		return math.Float32frombits(exp32NaN)
	case x == 0:
		return float32(math.Inf(-1))
	case x < 0:
		return math.Float32frombits(log32NaN)
	}
	return x // +Inf
}

// Constants of pow32Log: x = 2^k * z with z in [0.671875, 1.34375),
// split by the top four bits of z's bits minus pow32Off into 16 intervals
// (pow32InvC, pow32LogC: c = 1 on the one holding 1, so that near 1 the
// result is r itself and keeps its relative precision), r = z*invc - 1
// with |r| <= 2^-5, log z = -log(invc) + log1p(r) and log1p(r) by its
// Taylor polynomial of degree 7: relative error below 2^-37.5 (first
// omitted term r^8/8, the cancellation between -log(invc) and log1p(r)
// at most a bit, roundings 2^-52). Pow32 multiplies it by y with |y log x|
// <= exp32Bound: 2^-30 absolute in the exponent, 2^-6 ulp of float32.
const (
	pow32Off = 0x3fe5800000000000 // bits of 0.671875
	pow32C2  = -1.0 / 2
	pow32C3  = 1.0 / 3
	pow32C4  = -1.0 / 4
	pow32C5  = 1.0 / 5
	pow32C6  = -1.0 / 6
	pow32C7  = 1.0 / 7
)

// pow32Log is log(x) for positive normal float64 x, relative error below
// 2^-37 (absolute where the result is near 0): Pow32's core, with no
// division; the SIMD bodies do the same operations lane by lane.
func pow32Log(x float64) float64 {
	ix := math.Float64bits(x)
	tmp := ix - pow32Off
	i := (tmp >> 48) % 16
	k := int64(tmp) >> 52
	z := math.Float64frombits(ix - uint64(k)<<52)
	r := math.FMA(z, math.Float64frombits(pow32InvC[i]), -1)
	kc := math.FMA(float64(k), log32Ln2, math.Float64frombits(pow32LogC[i]))
	r2 := float64(r * r)
	q01 := math.FMA(r, pow32C3, pow32C2)
	q23 := math.FMA(r, pow32C5, pow32C4)
	q45 := math.FMA(r, pow32C7, pow32C6)
	q := math.FMA(r2, math.FMA(r2, q45, q23), q01)
	return kc + math.FMA(r2, q, r)
}
