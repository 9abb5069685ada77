package kernels

import (
	"math"
	"math/bits"
)

// This file holds sin, cos and pow accurate to within an ulp, the
// algorithms of fdlibm (as kept in FreeBSD's msun). NumPy calls glibc's
// libm, which is below an ulp too; math.Sin and math.Cos (Cephes
// polynomials, Cody-Waite reduction by π/4 in three pieces) are off by more
// than an ulp on about 1% of arguments and by thousands of ulps near
// multiples of π/2 for large x, and math.Pow by several ulps on a large
// share of arguments. The functions here need only float64 arithmetic
// rounded to nearest; where the compiler fuses a multiply and an add
// (arm64, amd64 at GOAMD64=v3), the products whose rounding matters are
// exact, so the results do not change.

// sinAccurate is sin(x) as fdlibm computes it: reduction to r = y0+y1 in
// [-π/4, π/4] with x = r + n·π/2 (remPio2), then the odd polynomial of
// kernelSin or the even one of kernelCos, each with its correction for y1.
// Measured against a math/big reference (libm_test.go, and once on 200,000
// further arguments, random over the whole range and next to multiples of
// π/2): at most 0.78 ulp, correctly rounded on about 98% of arguments.
// sin(±0) = ±0, sin(±Inf) = sin(NaN) = NaN.
func sinAccurate(x float64) float64 {
	hi := uint32(math.Float64bits(x)>>32) & 0x7fffffff
	switch {
	case hi <= 0x3fe921fb: // |x| <= π/4 or a little above
		if hi < 0x3e500000 { // |x| < 2^-26: sin(x) rounds to x
			return x
		}
		return kernelSin(x, 0)
	case hi >= 0x7ff00000: // Inf or NaN
		return math.NaN()
	}
	n, y0, y1 := remPio2(x)
	switch n & 3 {
	case 0:
		return kernelSin(y0, y1)
	case 1:
		return kernelCos(y0, y1)
	case 2:
		return -kernelSin(y0, y1)
	default:
		return -kernelCos(y0, y1)
	}
}

// cosAccurate is cos(x) as fdlibm computes it; see sinAccurate. Measured
// the same way: at most 0.75 ulp. cos(±0) = 1, cos(±Inf) = cos(NaN) = NaN.
func cosAccurate(x float64) float64 {
	hi := uint32(math.Float64bits(x)>>32) & 0x7fffffff
	switch {
	case hi <= 0x3fe921fb:
		if hi < 0x3e46a09e { // |x| < 2^-27·√2: cos(x) rounds to 1
			return 1
		}
		return kernelCos(x, 0)
	case hi >= 0x7ff00000:
		return math.NaN()
	}
	n, y0, y1 := remPio2(x)
	switch n & 3 {
	case 0:
		return kernelCos(y0, y1)
	case 1:
		return -kernelSin(y0, y1)
	case 2:
		return -kernelCos(y0, y1)
	default:
		return kernelSin(y0, y1)
	}
}

// kernelSin is fdlibm's __kernel_sin: sin(x+y) for |x| <= π/4 (a little
// beyond is fine) and |y| <= ulp(x)/2, y the tail of the reduced argument.
// sin(x) = x + x³·(S1 + x²·R(x²)) with a degree-6 minimax polynomial whose
// error is below 2^-58 relative; the tail enters as cos(x)·y ≈ y - x²·y/2.
func kernelSin(x, y float64) float64 {
	const (
		s1 = -1.66666666666666324348e-01 // 0xBFC55555_55555549
		s2 = 8.33333333332248946124e-03  // 0x3F811111_1110F8A6
		s3 = -1.98412698298579493134e-04 // 0xBF2A01A0_19C161D5
		s4 = 2.75573137070700676789e-06  // 0x3EC71DE3_57B1FE7D
		s5 = -2.50507602534068634195e-08 // 0xBE5AE5E6_8A2B9CEB
		s6 = 1.58969099521155010221e-10  // 0x3DE5D93A_5ACFD57C
	)
	z := x * x
	w := z * z
	r := s2 + z*(s3+z*s4) + z*w*(s5+z*s6)
	v := z * x
	if y == 0 {
		return x + v*(s1+z*r)
	}
	return x - ((z*(0.5*y-v*r) - y) - v*s1)
}

// kernelCos is fdlibm's __kernel_cos: cos(x+y) for |x| <= π/4 and |y| <=
// ulp(x)/2. cos(x) = 1 - x²/2 + x⁴·C(x²); 1 - x²/2 is formed as w plus its
// rounding error so that the result keeps its last bit, and the tail
// enters as -sin(x)·y ≈ -x·y.
func kernelCos(x, y float64) float64 {
	const (
		c1 = 4.16666666666666019037e-02  // 0x3FA55555_5555554C
		c2 = -1.38888888888741095749e-03 // 0xBF56C16C_16C15177
		c3 = 2.48015872894767294178e-05  // 0x3EFA01A0_19CB1590
		c4 = -2.75573143513906633035e-07 // 0xBE927E4F_809C52AD
		c5 = 2.08757232129817482790e-09  // 0x3E21EE9E_BDB4B1C4
		c6 = -1.13596475577881948265e-11 // 0xBDA8FAE9_BE8838D4
	)
	z := x * x
	w := z * z
	r := z*(c1+z*(c2+z*c3)) + w*w*(c4+z*(c5+z*c6))
	hz := 0.5 * z
	w = 1 - hz
	return w + (((1 - w) - hz) + (z*r - x*y))
}

// remPio2Medium bounds the arguments remPio2 reduces with π/2 in pieces:
// below it n < 2^20 and n times a 33-bit piece of π/2 is exact.
const remPio2Medium = 0x1p20 * (math.Pi / 2)

// remPio2 is fdlibm's __ieee754_rem_pio2 for finite x with |x| > π/4: it
// returns n and r = y0+y1 (|y1| <= ulp(y0)/2) with x = n·π/2 + r and
// |r| <= π/4 or a hair more. Below remPio2Medium it subtracts n·π/2 with
// π/2 split in three 33-bit pieces, adding a piece only when the leading
// bits cancel (the result's exponent falls more than 16, then 49, below
// x's): n·π/2 is then good to 85, 118 or 151 bits of x, which leaves y0+y1
// accurate beyond 53 bits even in the worst cancellation a float64 reaches.
// Above it, remPio2Large.
func remPio2(x float64) (n int, y0, y1 float64) {
	if math.Abs(x) >= remPio2Medium {
		return remPio2Large(x)
	}
	const (
		invPio2 = 6.36619772367581382433e-01 // 0x3FE45F30_6DC9C883, 2/π
		pio2_1  = 1.57079632673412561417e+00 // 0x3FF921FB_54400000, first 33 bits of π/2
		pio2_1t = 6.07710050650619224932e-11 // 0x3DD0B461_1A626331, π/2 - pio2_1
		pio2_2  = 6.07710050630396597660e-11 // 0x3DD0B461_1A600000, second 33 bits
		pio2_2t = 2.02226624879595063154e-21 // 0x3BA3198A_2E037073, π/2 - pio2_1 - pio2_2
		pio2_3  = 2.02226624871116645580e-21 // 0x3BA3198A_2E000000, third 33 bits
		pio2_3t = 8.47842766036889956997e-32 // 0x397B839A_252049C1, what remains
		toInt   = 0x1.8p52                   // adding and subtracting it rounds to an integer
	)
	expOf := func(v float64) int { return int(math.Float64bits(v)>>52) & 0x7ff }
	fn := (x*invPio2 + toInt) - toInt
	n = int(fn)
	r := x - fn*pio2_1
	w := fn * pio2_1t // r - w is now good to about 85 bits
	ex := expOf(x)
	y0 = r - w
	if ex-expOf(y0) > 16 { // cancellation: take the next 33 bits, good to 118
		t := r
		w = fn * pio2_2
		r = t - w
		w = fn*pio2_2t - ((t - r) - w)
		y0 = r - w
		if ex-expOf(y0) > 49 { // and the last, good to 151: enough for any float64
			t = r
			w = fn * pio2_3
			r = t - w
			w = fn*pio2_3t - ((t - r) - w)
			y0 = r - w
		}
	}
	y1 = (r - y0) - w
	return n, y0, y1
}

// remPio2Large is Payne-Hanek reduction by π/2 for finite |x| >=
// remPio2Medium, in 64-bit integer arithmetic: x = m·2^e with m the 53-bit
// significand, and only a window of 192 bits of 2/π matters: the bits
// above it add multiples of 8 to x·2/π, those below add under 2^-125. The
// product's top 3 bits are n mod 8 and the next 125 its fraction f, rounded
// to f in [-1/2, 1/2] and carried to the double-double r = f·π/2. The closest a float64 comes to a multiple of π/2 leaves f
// about 2^-62, so r keeps over 60 good bits, and sin(r) ≈ r needs no more.
func remPio2Large(x float64) (n int, y0, y1 float64) {
	const (
		pio2Hi = 1.5707963267948966e+00 // 0x3FF921FB_54442D18, π/2 rounded
		pio2Lo = 6.123233995736766e-17  // 0x3C91A626_33145C07, π/2 - pio2Hi
	)
	b := math.Float64bits(x)
	m := b&(1<<52-1) | 1<<52
	e := int(b>>52&0x7ff) - 1023 - 52
	// fourOverPi is 4/π; 2/π's digits are the same, starting one bit later.
	digit, shift := uint(e+60)/64, uint(e+60)%64
	z0 := fourOverPi[digit]<<shift | fourOverPi[digit+1]>>(64-shift)
	z1 := fourOverPi[digit+1]<<shift | fourOverPi[digit+2]>>(64-shift)
	z2 := fourOverPi[digit+2]<<shift | fourOverPi[digit+3]>>(64-shift)
	z2hi, _ := bits.Mul64(z2, m)
	z1hi, z1lo := bits.Mul64(z1, m)
	lo, c := bits.Add64(z1lo, z2hi, 0)
	hi := z0*m + z1hi + c

	q := hi >> 61
	fHi, fLo := hi<<3|lo>>61, lo<<3 // f = fHi:fLo / 2^128
	neg := fHi>>63 != 0
	if neg { // f >= 1/2: take n+1 and |f-1| = 2^128 - fHi:fLo
		q++
		var borrow uint64
		fLo, borrow = bits.Sub64(0, fLo, 0)
		fHi, _ = bits.Sub64(0, fHi, borrow)
	}
	scale := -128
	if fHi == 0 { // unreachable for float64 x; kept for safety
		fHi, fLo, scale = fLo, 0, scale-64
	}
	lz := uint(bits.LeadingZeros64(fHi))
	fHi, fLo = fHi<<lz|fLo>>(64-lz), fLo<<lz
	scale -= int(lz)
	// f = a + d: the top 53 bits exactly, then the next 64 rounded. The
	// scales stay within 2^-250..2^-50, normal numbers.
	pow2 := func(e int) float64 { return math.Float64frombits(uint64(e+1023) << 52) }
	a := float64(fHi>>11) * pow2(scale+64+11)
	d := float64((fHi&0x7ff)<<53|fLo>>11) * pow2(scale+11)
	rh := a * pio2Hi
	rl := math.FMA(a, pio2Hi, -rh) + (a*pio2Lo + d*pio2Hi)
	y0 = rh + rl
	y1 = rl - (y0 - rh)
	if neg {
		y0, y1 = -y0, -y1
	}
	n = int(q & 7)
	if x < 0 {
		n, y0, y1 = -n, -y0, -y1
	}
	return n, y0, y1
}

// fourOverPi holds the bits of 4/π = Σ fourOverPi[i]·2^(-64i): 1217 bits,
// enough for the exponent of the largest float64 (checked in libm_test.go).
var fourOverPi = [...]uint64{
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

// powAccurate is x**y as fdlibm's __ieee754_pow computes it: log2|x| in
// extra precision as t1+t2 (from the series in s = (x-1)/(x+1), or
// (x-1.5)/(x+1.5) above √(3/2), each product split so that its high part
// is exact), y·log2|x| = p_h+p_l in the same precision with y split in
// two, and 2^(p_h+p_l) by a rational approximation that keeps the
// reduction's error term. Measured against a math/big reference
// (libm_test.go, and once on 200,000 further arguments: random, integer y,
// x near 1 with huge y, results near overflow and underflow): at most 0.80
// ulp. Subnormal results are rounded twice, to 53 bits and then to the
// subnormal spacing, which stays within half that spacing plus a sliver.
//
// The special cases are C99's, as glibc (NumPy) has them: x**±0 = 1 and
// 1**y = 1 even for NaN; otherwise NaN in gives NaN; (-1)**±Inf = 1;
// |x|**+Inf is +Inf above 1 and +0 below, **-Inf the reverse; a negative
// x with a finite non-integer y gives NaN, with an odd integer y the sign
// of x; ±0**y is ±0 (odd y > 0), +0 (other y > 0), ±Inf (odd y < 0), +Inf
// (other y < 0); ±Inf follows as 1/±0; overflow gives ±Inf and underflow
// ±0.
func powAccurate(x, y float64) float64 {
	const (
		two53 = 0x1p53
		// (3/2)·(log(x) - 2s - (2/3)s³) = s⁴·(L1 + s²·(L2 + ...)), s = (x-1)/(x+1)
		l1 = 5.99999999999994648725e-01 // 0x3FE33333_33333303
		l2 = 4.28571428578550184252e-01 // 0x3FDB6DB6_DB6FABFF
		l3 = 3.33333329818377432918e-01 // 0x3FD55555_518F264D
		l4 = 2.72728123808534006489e-01 // 0x3FD17460_A91D4101
		l5 = 2.30660745775561754067e-01 // 0x3FCD864A_93C9DB65
		l6 = 2.06975017800338417784e-01 // 0x3FCA7E28_4A454EEF
		// e^r = 1 + 2r/(2 - R), R = r - r²·(P1 + r²·(P2 + ...)), as in e_exp.c
		p1 = 1.66666666666666019037e-01  // 0x3FC55555_5555553E
		p2 = -2.77777777770155933842e-03 // 0xBF66C16C_16BEBD93
		p3 = 6.61375632143793436117e-05  // 0x3F11566A_AF25DE2C
		p4 = -1.65339022054652515390e-06 // 0xBEBBBD41_C5D26BF1
		p5 = 4.13813679705723846039e-08  // 0x3E663769_72BEA4D0

		lg2   = 6.93147180559945286227e-01  // 0x3FE62E42_FEFA39EF, ln 2
		lg2H  = 6.93147182464599609375e-01  // 0x3FE62E43_00000000
		lg2L  = -1.90465429995776804525e-09 // 0xBE205C61_0CA86C39, ln 2 - lg2H
		ovt   = 8.0085662595372944372e-17   // 1024 - log2(MaxFloat64 + ulp/2)
		cp    = 9.61796693925975554329e-01  // 0x3FEEC709_DC3A03FD, 2/(3 ln 2)
		cpH   = 9.61796700954437255859e-01  // 0x3FEEC709_E0000000
		cpL   = -7.02846165095275826516e-09 // 0xBE3E2FE0_145B01F5, cp - cpH
		ivln2 = 1.44269504088896338700e+00  // 0x3FF71547_652B82FE, 1/ln 2
		ivlnH = 1.44269561767578125000e+00  // 0x3FF71548_00000000, its first 18 bits
		ivlnL = -5.76786817842640088546e-07 // 0xBEA35A8F_A03D1106, 1/ln 2 - ivlnH
	)
	// bp[k], and log2(bp[k]) = dpH[k] + dpL[k], for the two intervals.
	bp := [2]float64{1, 1.5}
	dpH := [2]float64{0, 5.84962487220764160156e-01} // 0x3FE2B803_40000000
	dpL := [2]float64{0, 1.35003920212974897128e-08} // 0x3E4CFDEB_43CFD006

	xb, yb := math.Float64bits(x), math.Float64bits(y)
	hx, lx := int32(xb>>32), uint32(xb)
	hy, ly := int32(yb>>32), uint32(yb)
	ix, iy := hx&0x7fffffff, hy&0x7fffffff

	if iy == 0 && ly == 0 {
		return 1
	}
	if hx == 0x3ff00000 && lx == 0 {
		return 1
	}
	if ix > 0x7ff00000 || ix == 0x7ff00000 && lx != 0 || iy > 0x7ff00000 || iy == 0x7ff00000 && ly != 0 {
		return x + y // NaN
	}

	// For x < 0: yIsInt is 0 if y is not an integer, 1 if odd, 2 if even.
	yIsInt := int32(0)
	if hx < 0 {
		switch {
		case iy >= 0x43400000: // |y| >= 2^53: even
			yIsInt = 2
		case iy >= 0x3ff00000:
			k := uint(iy>>20) - 0x3ff // unbiased exponent, 0..52
			if k > 20 {
				j := ly >> (52 - k)
				if j<<(52-k) == ly {
					yIsInt = 2 - int32(j&1)
				}
			} else if ly == 0 {
				j := iy >> (20 - k)
				if j<<(20-k) == iy {
					yIsInt = 2 - j&1
				}
			}
		}
	}

	if ly == 0 {
		switch {
		case iy == 0x7ff00000: // y = ±Inf
			switch {
			case ix == 0x3ff00000 && lx == 0: // (-1)**±Inf
				return 1
			case ix >= 0x3ff00000: // |x| > 1
				if hy >= 0 {
					return y
				}
				return 0
			default: // |x| < 1
				if hy < 0 {
					return -y
				}
				return 0
			}
		case iy == 0x3ff00000: // y = ±1
			if hy < 0 {
				return 1 / x
			}
			return x
		case hy == 0x40000000: // y = 2
			return x * x
		case hy == 0x3fe00000 && hx >= 0: // y = 0.5, x >= +0
			return math.Sqrt(x)
		}
	}

	ax := math.Abs(x)
	if lx == 0 && (ix == 0x7ff00000 || ix == 0 || ix == 0x3ff00000) { // ±0, ±Inf, -1
		z := ax
		if hy < 0 {
			z = 1 / z
		}
		if hx < 0 {
			if ix == 0x3ff00000 && yIsInt == 0 {
				return math.NaN() // (-1)**non-integer
			}
			if yIsInt == 1 {
				z = -z
			}
		}
		return z
	}

	if hx < 0 && yIsInt == 0 {
		return math.NaN() // (x<0)**non-integer
	}
	s := 1.0 // the sign of the result
	if hx < 0 && yIsInt == 1 {
		s = -1
	}

	// log2|x| = t1 + t2, t1 with 32 low zero bits.
	var t1, t2 float64
	if iy > 0x41e00000 { // |y| > 2^31
		if iy > 0x43f00000 { // |y| > 2^64: over- or underflows unless x == 1
			if ix <= 0x3fefffff {
				if hy < 0 {
					return math.Inf(1)
				}
				return 0
			}
			if hy > 0 {
				return math.Inf(1)
			}
			return 0
		}
		if ix < 0x3fefffff {
			if hy < 0 {
				return s * math.Inf(1)
			}
			return s * 0
		}
		if ix > 0x3ff00000 {
			if hy > 0 {
				return s * math.Inf(1)
			}
			return s * 0
		}
		// |x-1| < 2^-20: log(x) by x - x²/2 + x³/3 - x⁴/4 is enough.
		t := ax - 1 // exact, 20 trailing zero bits
		w := (t * t) * (0.5 - t*(1.0/3-t*0.25))
		// fdlibm splits 1/ln 2 after 24 bits, which leaves u inexact
		// (t has up to 33 bits) and costs up to hundreds of ulps once
		// multiplied by y; after 18 bits the product is exact.
		u := ivlnH * t
		v := t*ivlnL - w*ivln2
		t1 = clearLow(u + v)
		t2 = v - (t1 - u)
	} else {
		n := int32(0)
		if ix < 0x00100000 { // subnormal x: scale into the normal range
			ax *= two53
			n -= 53
			ix = int32(math.Float64bits(ax) >> 32)
		}
		n += ix>>20 - 0x3ff
		j := ix & 0x000fffff
		ix = j | 0x3ff00000 // ax scaled into [1, 2)
		var k int
		switch {
		case j <= 0x3988e: // below √(3/2)
			k = 0
		case j < 0xbb67a: // below √3
			k = 1
		default: // take ax/2 in [√3/2, 1) instead
			k = 0
			n++
			ix -= 0x00100000
		}
		ax = math.Float64frombits(uint64(ix)<<32 | math.Float64bits(ax)&0xffffffff)

		// ss = sH + sL = (ax - bp)/(ax + bp), sH with 32 low zero bits
		u := ax - bp[k]
		v := 1 / (ax + bp[k])
		ss := u * v
		sH := clearLow(ss)
		// tH = ax + bp rounded to its high word, tL the rest.
		tH := math.Float64frombits(uint64((ix>>1|0x20000000)+0x00080000+int32(k)<<18) << 32)
		tL := ax - (tH - bp[k])
		sL := v * ((u - sH*tH) - sH*tL)
		// log(ax/bp) = 2s + (2/3)s³ + s⁴·R(s²)
		s2 := ss * ss
		r := s2 * s2 * (l1 + s2*(l2+s2*(l3+s2*(l4+s2*(l5+s2*l6)))))
		r += sL * (sH + ss)
		s2 = sH * sH
		tH = clearLow(3 + s2 + r)
		tL = r - ((tH - 3) - s2)
		// u + v = ss·(3 + ss² + r)
		u = sH * tH
		v = sL*tH + tL*ss
		// 2/(3 ln 2)·(ss + ...) = pH + pL
		pH := clearLow(u + v)
		pL := v - (pH - u)
		zH := cpH * pH
		zL := cpL*pH + pL*cp + dpL[k]
		// log2(ax) = n + dpH + zH + zL
		t := float64(n)
		t1 = clearLow(((zH + zL) + dpH[k]) + t)
		t2 = zL - (((t1 - t) - dpH[k]) - zH)
	}

	// y·(t1+t2) = pH + pL, with y split as y1 + (y-y1).
	y1 := clearLow(y)
	pL := (y-y1)*t1 + y*t2
	pH := y1 * t1
	z := pL + pH
	zb := math.Float64bits(z)
	j, i := int32(zb>>32), uint32(zb)
	if j >= 0x40900000 { // z >= 1024
		if j-0x40900000 != 0 || i != 0 || pL+ovt > z-pH {
			return s * math.Inf(1)
		}
	} else if j&0x7fffffff >= 0x4090cc00 { // z <= -1075
		if uint32(j)-0xc090cc00 != 0 || i != 0 || pL <= z-pH {
			return s * 0
		}
	}

	// 2^(pH+pL) = 2^n · 2^(pH+pL-n), n the nearest integer when |z| > 1/2.
	ia := j & 0x7fffffff
	k := ia>>20 - 0x3ff
	n := int32(0)
	if ia > 0x3fe00000 {
		n = j + 0x00100000>>(k+1)
		k = (n&0x7fffffff)>>20 - 0x3ff // the exponent of n
		t := math.Float64frombits(uint64(uint32(n)&^(0x000fffff>>k)) << 32)
		n = (n&0x000fffff | 0x00100000) >> (20 - k)
		if j < 0 {
			n = -n
		}
		pH -= t
	}
	t := clearLow(pL + pH)
	u := t * lg2H
	v := (pL-(t-pH))*lg2 + t*lg2L
	z = u + v
	w := v - (z - u)
	t = z * z
	t1 = z - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
	r := (z*t1)/(t1-2) - (w + z*w)
	z = 1 - (r - z)
	j = int32(math.Float64bits(z)>>32) + n<<20
	if j>>20 <= 0 { // subnormal result
		z = math.Ldexp(z, int(n))
	} else {
		z = math.Float64frombits(uint64(uint32(j))<<32 | math.Float64bits(z)&0xffffffff)
	}
	return s * z
}

// clearLow zeroes the low 32 bits of v's significand, leaving a high part
// whose products with another such part are exact.
func clearLow(v float64) float64 {
	return math.Float64frombits(math.Float64bits(v) &^ 0xffffffff)
}
