package vmath

import (
	"math"
	"math/bits"

	"gonp/kernels/cpu"
)

// scErrLength is the panic of Sin, Cos, Sin32 and Cos32 on slices of
// different lengths.
const scErrLength = "vmath: dst and x differ in length"

// Sin sets dst[i] = sin(x[i]) for every i, within 1 ulp (at most 0.51
// measured) and correctly rounded on 99.95% of random arguments over the
// whole range (sincos_test.go). sin(±0) = ±0; sin(±Inf) is the NaN 0xfff8000000000000
// and a NaN comes back quieted with its sign and payload, as glibc's sin
// (NumPy's) gives them. dst may be x itself; the two must not overlap
// otherwise. It panics if len(dst) != len(x).
func Sin(dst, x []float64) {
	if len(dst) != len(x) {
		panic(scErrLength)
	}
	done := scSinCos64Vec(cpu.Active(), dst, x, scSinShift, scSinSign)
	for i := done; i < len(x); i++ {
		dst[i] = scSinCos64(x[i], scSinShift, scSinSign)
	}
}

// Cos sets dst[i] = cos(x[i]) for every i, with the accuracy of Sin.
// cos(±0) = 1; Inf and NaN give what Sin gives. dst may be x itself; the
// two must not overlap otherwise. It panics if len(dst) != len(x).
func Cos(dst, x []float64) {
	if len(dst) != len(x) {
		panic(scErrLength)
	}
	done := scSinCos64Vec(cpu.Active(), dst, x, scCosShift, scCosSign)
	for i := done; i < len(x); i++ {
		dst[i] = scSinCos64(x[i], scCosShift, scCosSign)
	}
}

// Sin32 sets dst[i] = sin(x[i]) for every i, computed in float64 and
// rounded once to float32: within 1 ulp (at most 0.5005 measured over
// every float32 below 2^40), and correctly rounded on at least 99.97% of
// random arguments in each test set (sincos_test.go). sin(±0) = ±0;
// sin(±Inf) is the NaN 0xffc00000 and every NaN gives 0x7fc00000, as
// NumPy's float32 loop does. dst may be x itself; the two must not overlap
// otherwise. It panics if len(dst) != len(x).
func Sin32(dst, x []float32) {
	if len(dst) != len(x) {
		panic(scErrLength)
	}
	if stream32(dst, x, nil) {
		streamRun32(streamSin, dst, x, nil, 0)
		return
	}
	sin32Body(dst, x, false)
}

// sin32Body is Sin32 with plain stores.
func sin32Body(dst, x []float32, nt bool) {
	done := scSinCos32Vec(cpu.Active(), dst, x, scSinShift, nt)
	for i := done; i < len(x); i++ {
		dst[i] = scSinCos32(x[i], scSinShift)
	}
}

// Cos32 sets dst[i] = cos(x[i]) for every i, with the accuracy of Sin32.
// cos(±0) = 1; Inf and NaN give what Sin32 gives. dst may be x itself; the
// two must not overlap otherwise. It panics if len(dst) != len(x).
func Cos32(dst, x []float32) {
	if len(dst) != len(x) {
		panic(scErrLength)
	}
	if stream32(dst, x, nil) {
		streamRun32(streamCos, dst, x, nil, 0)
		return
	}
	cos32Body(dst, x, false)
}

// cos32Body is Cos32 with plain stores.
func cos32Body(dst, x []float32, nt bool) {
	done := scSinCos32Vec(cpu.Active(), dst, x, scCosShift, nt)
	for i := done; i < len(x); i++ {
		dst[i] = scSinCos32(x[i], scCosShift)
	}
}

// One body serves sin and cos: cos(x) = sin(|x| + π/2), which is sin's
// reduction with the quadrant (or the half-turn count, in float32) moved on
// by one and the sign of x dropped, since cos is even.
const (
	scSinShift = 0
	scCosShift = 1
	scSinSign  = 1 << 63 // sin is odd: the result takes the sign of x
	scCosSign  = 0
)

// Special results, bit for bit as NumPy gives them (glibc for float64,
// NumPy's own SIMD loop for float32).
const (
	scInfNaN64 = 0xfff8000000000000 // sin(±Inf), cos(±Inf): x86's default NaN
	scQuiet64  = 1 << 51            // a NaN argument comes back with this bit set
	scInfNaN32 = 0xffc00000
	scNaN32    = 0x7fc00000 // every float32 NaN argument
)

// float64: reduction by π/2 and two kernels.
//
// |x| = n·π/2 + r with |r| <= π/4 (a hair more), r = y0 + y1 carried as a
// double-double. Below scHuge64 the reduction is Cody-Waite with π/2 in
// three float64 pieces (159 bits): with FMA, n·A is subtracted exactly (A
// is π/2 rounded; x and n·A are multiples of 2^-52 and the difference is
// below 1), n·B as a double-double through a two-sum, n·C plainly. The
// error is then about n·2^-158, far below an ulp of the smallest |r| a
// float64 below 2^27 can reach (about 2^-61 over all of float64). Above it,
// Payne-Hanek (scReduceLarge).
//
// The kernels evaluate the leading terms in double-double (x - x³/6 for
// sin, 1 - x²/2 + x⁴/24 for cos) and the Taylor tail in float64, so that
// the only sizable error is the final rounding: the tail of sin is below
// 0.003 of the result, that of cos below 0.0005, and their rounding costs
// at most a few thousandths of an ulp.

const (
	scHuge64  = 0x1p27                     // at and above: Payne-Hanek
	scInvPio2 = 6.36619772367581382433e-01 // 0x3FE45F30_6DC9C883, 2/π
	scPio2A   = 1.5707963267948966         // 0x3FF921FB_54442D18, π/2 rounded
	scPio2B   = 6.123233995736766e-17      // 0x3C91A626_33145C07, π/2 - A rounded
	scPio2C   = -1.4973849048591698e-33    // 0xB91F1976_B7ED8FBC, π/2 - A - B rounded
	scToInt   = 0x1.8p52                   // v + scToInt rounds v to an integer in the low bits

	scSixthHi = -0.16666666666666666   // 0xBFC55555_55555555, -1/6 rounded
	scSixthLo = -9.25185853854297e-18  // 0xBC655555_55555555, -1/6 - scSixthHi
	scC24Hi   = 0.041666666666666664   // 0x3FA55555_55555555, 1/24 rounded
	scC24Lo   = 2.3129646346357427e-18 // 0x3C455555_55555555, 1/24 - scC24Hi

	// sin(x) - x + x³/6 = x⁵·(S5 + x²·S7 + ...), Taylor to x¹⁷: the next
	// term is below 1.2e-19 of the result for |x| <= π/4.
	scS5  = 1.0 / 120
	scS7  = -1.0 / 5040
	scS9  = 1.0 / 362880
	scS11 = -1.0 / 39916800
	scS13 = 1.0 / 6227020800
	scS15 = -1.0 / 1307674368000
	scS17 = 1.0 / 355687428096000
	// cos(x) - 1 + x²/2 - x⁴/24 = x⁶·(C6 + x²·C8 + ...), Taylor to x¹⁸: the
	// next term is below 5e-21.
	scC6  = -1.0 / 720
	scC8  = 1.0 / 40320
	scC10 = -1.0 / 3628800
	scC12 = 1.0 / 479001600
	scC14 = -1.0 / 87178291200
	scC16 = 1.0 / 20922789888000
	scC18 = -1.0 / 6402373705728000
)

// scSinCos64 is the plain-Go body of Sin (shift 0, signMask 1<<63) and Cos
// (shift 1, signMask 0), the reference for the SIMD bodies, which compute
// the same operations in the same order and so give the same bits.
func scSinCos64(x float64, shift, signMask uint64) float64 {
	ax := math.Abs(x)
	var q uint64
	var y0, y1 float64
	switch {
	case ax < scHuge64:
		q, y0, y1 = scReduce(ax)
	case ax <= math.MaxFloat64:
		q, y0, y1 = scReduceLarge(ax)
	default:
		return scSpecial64(x)
	}
	q += shift
	var v float64
	if q&1 == 0 {
		v = scKernelSin(y0, y1)
	} else {
		v = scKernelCos(y0, y1)
	}
	sign := (q&2)<<62 ^ math.Float64bits(x)&signMask
	return math.Float64frombits(math.Float64bits(v) ^ sign)
}

// scSpecial64 is sin and cos of ±Inf or NaN.
func scSpecial64(x float64) float64 {
	b := math.Float64bits(x)
	if b&^(1<<63) == 0x7ff0000000000000 {
		return math.Float64frombits(scInfNaN64)
	}
	return math.Float64frombits(b | scQuiet64)
}

// scReduce is the Cody-Waite reduction of 0 <= ax < scHuge64: it returns
// the quadrant n (its low bits; only n mod 4 is used) and r = y0 + y1 =
// ax - n·π/2, |y1| <= ulp(y0)/2. The conversions to float64 keep the
// compiler from fusing a product whose rounding the next step assumes.
func scReduce(ax float64) (q uint64, y0, y1 float64) {
	k := math.FMA(ax, scInvPio2, scToInt)
	n := k - scToInt
	r1 := math.FMA(n, -scPio2A, ax) // exact
	p := float64(n * scPio2B)
	npe := math.FMA(n, -scPio2B, p) // -(n·B - p), the rounding of p
	// Two-sum of r1 - p: s + e exactly.
	s := r1 - p
	bb := s - r1
	e := (r1 - (s - bb)) - (p + bb)
	lo := math.FMA(n, -scPio2C, e+npe)
	y0 = s + lo
	y1 = (s - y0) + lo
	return math.Float64bits(k), y0, y1
}

// scKernelSin is sin(y0 + y1) for |y0| <= π/4 (a hair more), |y1| <=
// ulp(y0)/2: y0 + s·y0³ in double-double (s = -1/6), then the Taylor tail
// and y1·cos(y0) ≈ y1·(1 - y0²/2) in float64, added once at the end.
func scKernelSin(y0, y1 float64) float64 {
	z := y0 * y0
	ze := math.FMA(y0, y0, -z) // y0² = z + ze
	x3 := z * y0
	x3e := math.FMA(z, y0, -x3) + float64(ze*y0) // y0³ ≈ x3 + x3e
	c := float64(x3 * scSixthHi)
	ce := math.FMA(x3, scSixthHi, -c) + (float64(x3e*scSixthHi) + float64(x3*scSixthLo))
	s := y0 + c
	e := c - (s - y0) // |c| < |y0|/9: s + e = y0 + c exactly
	p := math.FMA(z, scS17, scS15)
	p = math.FMA(z, p, scS13)
	p = math.FMA(z, p, scS11)
	p = math.FMA(z, p, scS9)
	p = math.FMA(z, p, scS7)
	p = math.FMA(z, p, scS5)
	t := float64(x3 * z) // y0⁵
	tail := (e + ce) + float64(y1*math.FMA(z, -0.5, 1))
	return s + math.FMA(t, p, tail)
}

// scKernelCos is cos(y0 + y1) for |y0| <= π/4 (a hair more), |y1| <=
// ulp(y0)/2: 1 - y0²/2 + y0⁴/24 in double-double, then the Taylor tail and
// -y1·sin(y0) ≈ -y1·y0·(1 - y0²/6) in float64, added once at the end.
func scKernelCos(y0, y1 float64) float64 {
	z := y0 * y0
	ze := math.FMA(y0, y0, -z)
	h := 0.5 * z
	he := 0.5 * ze
	w := 1 - h
	we := (1 - w) - h // 1 - h = w + we exactly
	z2 := z * z
	z2e := math.FMA(z, z, -z2) + float64((z+z)*ze) // y0⁴ ≈ z2 + z2e
	c := float64(z2 * scC24Hi)
	ce := math.FMA(z2, scC24Hi, -c) + (float64(z2e*scC24Hi) + float64(z2*scC24Lo))
	s := w + c
	e := (w - s) + c // |c| < |w|/40
	p := math.FMA(z, scC18, scC16)
	p = math.FMA(z, p, scC14)
	p = math.FMA(z, p, scC12)
	p = math.FMA(z, p, scC10)
	p = math.FMA(z, p, scC8)
	p = math.FMA(z, p, scC6)
	t := float64(z2 * z) // y0⁶
	corr := float64(float64(y0*y1) * math.FMA(z, -1.0/6, 1))
	tail := ((e + (we - he)) + ce) - corr
	return s + math.FMA(t, p, tail)
}

// scReduceLarge is Payne-Hanek reduction by π/2 for finite ax >= 2^20·π/2
// (used from scHuge64 up), in 64-bit integer arithmetic, as kernels/libm.go
// does it: ax = m·2^e with m the 53-bit significand, and only a window of
// 192 bits of 2/π matters, since the bits above it add multiples of 8 to
// ax·2/π and those below add under 2^-125. The product's top 3 bits are n
// mod 8, the next 125 its fraction f, rounded to f in [-1/2, 1/2] and
// carried to the double-double r = f·π/2. The closest a float64 comes to a
// multiple of π/2 leaves f about 2^-62, so r keeps over 60 good bits.
func scReduceLarge(ax float64) (q uint64, y0, y1 float64) {
	const (
		pio2Hi = 1.5707963267948966e+00 // 0x3FF921FB_54442D18
		pio2Lo = 6.123233995736766e-17  // 0x3C91A626_33145C07
	)
	b := math.Float64bits(ax)
	m := b&(1<<52-1) | 1<<52
	e := int(b>>52&0x7ff) - 1023 - 52
	// scFourOverPi is 4/π; 2/π's digits are the same, one bit later.
	digit, shift := uint(e+60)/64, uint(e+60)%64
	z0 := scFourOverPi[digit]<<shift | scFourOverPi[digit+1]>>(64-shift)
	z1 := scFourOverPi[digit+1]<<shift | scFourOverPi[digit+2]>>(64-shift)
	z2 := scFourOverPi[digit+2]<<shift | scFourOverPi[digit+3]>>(64-shift)
	z2hi, _ := bits.Mul64(z2, m)
	z1hi, z1lo := bits.Mul64(z1, m)
	lo, c := bits.Add64(z1lo, z2hi, 0)
	hi := z0*m + z1hi + c

	q = hi >> 61
	fHi, fLo := hi<<3|lo>>61, lo<<3 // f = fHi:fLo / 2^128
	neg := fHi>>63 != 0
	if neg { // f >= 1/2: take n+1 and |f-1| = 2^128 - fHi:fLo
		q++
		var borrow uint64
		fLo, borrow = bits.Sub64(0, fLo, 0)
		fHi, _ = bits.Sub64(0, fHi, borrow)
	}
	scale := -128
	if fHi == 0 { // unreachable for float64 arguments; kept for safety
		fHi, fLo, scale = fLo, 0, scale-64
	}
	lz := uint(bits.LeadingZeros64(fHi))
	fHi, fLo = fHi<<lz|fLo>>(64-lz), fLo<<lz
	scale -= int(lz)
	// f = a + d: the top 53 bits exactly, then the next 64 rounded.
	pow2 := func(e int) float64 { return math.Float64frombits(uint64(e+1023) << 52) }
	a := float64(fHi>>11) * pow2(scale+64+11)
	d := float64((fHi&0x7ff)<<53|fLo>>11) * pow2(scale+11)
	rh := a * pio2Hi
	rl := math.FMA(a, pio2Hi, -rh) + (float64(a*pio2Lo) + float64(d*pio2Hi))
	y0 = rh + rl
	y1 = rl - (y0 - rh)
	if neg {
		y0, y1 = -y0, -y1
	}
	return q, y0, y1
}

// scFourOverPi holds the bits of 4/π = Σ scFourOverPi[i]·2^(-64i): 1280
// bits, enough for the exponent of the largest float64 (checked in the
// tests against a math/big π).
var scFourOverPi = [...]uint64{
	0x0000000000000001,
	0x45f306dc9c882a53,
	0xf84eafa3ea69bb81,
	0xb6c52b3278872083,
	0xfca2c757bd778ac3,
	0x6e48dc74849ba5c0,
	0x0c925dd413a32439,
	0xfc3bd63962534e7d,
	0xd1046bea5d768909,
	0xd338e04d68befc82,
	0x7323ac7306a673e9,
	0x3908bf177bf25076,
	0x3ff12fffbc0b301f,
	0xde5e2316b414da3e,
	0xda6cfd9e4f96136e,
	0x9e8c7ecd3cbfd45a,
	0xea4f758fd7cbe2f6,
	0x7a0e73ef14a525d4,
	0xd7f6bf623f1aba10,
	0xac06608df8f6d757,
}

// float32: computed in float64 with a reduction by π and one polynomial.
//
// sin: x = n·π + r, sin(x) = (-1)^n·sin(r); cos: x = (n + 1/2)·π + r,
// cos(x) = -(-1)^n·sin(r); |r| <= π/2 (a hair more) either way. Below
// scHuge32, n comes from the magic-number rounding k = x/π + scToInt (cos:
// fl(x/π - 1/2) + scToInt + 1), so that k - scToInt - shift is n and the
// last bit of k is the parity of n + shift, which says whether to negate.
// The reduction subtracts m·π (m = n, or n + 1/2 for cos) with π in two
// float64 pieces by FMA: the first exactly (for |x| >= 1, x and m·A are
// multiples of 2^-52 and the difference is below 2; below 1 nothing
// cancels), the second rounding only its own result. The pieces leave out
// m·3.1e-33; the closest a float32 in [1, scHuge32) comes to a multiple
// of π/2 is 2.0e-9 (x = 2.1999385e+10; a scan of all of them), so r keeps
// a relative error below 2^-46 (1.2e-14) besides the second step's
// rounding, and is exact for sin of |x| < π/2. |x/π - n| is 1/2 plus
// under 2^-14 (the rounding of 1/π and, for cos, of x/π - 1/2), so |r| <=
// π/2 + 2.2e-4. sin(r) = r·(1 + r²·P(r²)) with P of degree 4, the Remez
// fit of sincos_tables_gen.go, relative error scPolyErr32 (2.8e-11,
// 2^-35): rounding to float32 then misses the correctly rounded result
// for at most about 2.4 arguments in 10^4 (random arguments of a few
// turns; 6 and 7.5 in 10^5 of all float32s below scHuge32, most of them
// tiny, for sin and cos) and is never off by more than 1/2 ulp plus
// 2^-11 ulp (0.50046 measured over all of them). A degree-13 fit (4e-13)
// misses under 1 in 10^5 but costs an FMA more; degree 9 (Remez: 6.9e-9)
// would miss several in 100. From scHuge32 up the float64 body runs and
// its result is rounded.

//go:generate go run sincos_tables_gen.go

const (
	scHuge32 = 0x1p40
	scInvPi  = 0.3183098861837907 // 0x3FD45F30_6DC9C883, 1/π
	scPiA    = fnPiHi             // π rounded (funcs_tables.go)
	scPiB    = fnPiLo             // π - scPiA rounded, > 0
)

// scSinCos32 is the plain-Go body of Sin32 (shift 0) and Cos32 (shift 1),
// the reference for the SIMD bodies. It works on the signed x: the
// formulas above hold for negative x too. For x = -0 (sin), m = +0 and
// every product m·(-piece) is -0 (scPiB > 0), so r and sin(r) = r·(1 + ...)
// stay -0.
func scSinCos32(x float32, shift uint64) float32 {
	xd := float64(x)
	if !(math.Abs(xd) < scHuge32) {
		b := math.Float32bits(x)
		switch {
		case b&^(1<<31) == 0x7f800000:
			return math.Float32frombits(scInfNaN32)
		case b&^(1<<31) > 0x7f800000:
			return math.Float32frombits(scNaN32)
		}
		if shift == scCosShift {
			return float32(scSinCos64(xd, scCosShift, scCosSign))
		}
		return float32(scSinCos64(xd, scSinShift, scSinSign))
	}
	var k, m float64
	if shift == scCosShift {
		k = math.FMA(xd, scInvPi, -0.5) + (scToInt + 1)
		m = (k - (scToInt + 1)) + 0.5
	} else {
		k = math.FMA(xd, scInvPi, scToInt)
		m = k - scToInt
	}
	r := math.FMA(m, -scPiA, xd)
	r = math.FMA(m, -scPiB, r)
	v := scPolySin32(r)
	// Negate for odd n (sin) or even n (cos): the parity of k.
	sign := math.Float64bits(k) << 63
	return float32(math.Float64frombits(math.Float64bits(v) ^ sign))
}

// scPolySin32 is sin(r) for |r| <= π/2 + 0.02 with a relative error below
// scPolyErr32 and the rounding of its operations.
func scPolySin32(r float64) float64 {
	z := r * r
	p := math.FMA(z, scF11, scF9)
	p = math.FMA(z, p, scF7)
	p = math.FMA(z, p, scF5)
	p = math.FMA(z, p, scF3)
	return r * math.FMA(z, p, 1)
}
