package vmath

import "math"

// Tan sets dst[i] = tan(x[i]) within 1 ulp over the whole range: sin's
// reduction by π/2 (Cody-Waite, Payne-Hanek from 2^27), sin and cos of
// the remainder in double-double (sincos.go's kernels, kept in two
// parts), then their quotient, or minus the inverse quotient in odd
// quadrants. tan(±0) = ±0, ±Inf gives the NaN 0xfff8000000000000 and a
// NaN comes back quieted. dst and x must have equal lengths; dst may be x.
func Tan(dst, x []float64) { fnMap64(dst, x, tanF64) }

// TanF32 is Tan for float32, computed in float64 and rounded once; ±Inf
// gives 0xffc00000.
func TanF32(dst, x []float32) { fnMap32Via(dst, x, tanF64) }

// tanF64 is the scalar body of Tan.
func tanF64(x float64) float64 {
	ax := math.Abs(x)
	var q uint64
	var y0, y1 float64
	switch {
	case ax < 0x1p-27:
		return x
	case ax < scHuge64:
		q, y0, y1 = scReduce(ax)
	case ax <= math.MaxFloat64:
		q, y0, y1 = scReduceLarge(ax)
	default:
		return scSpecial64(x)
	}
	sh, sl := tanSinDD(y0, y1)
	ch, cl := tanCosDD(y0, y1)
	var th, tl float64
	if q&1 == 0 {
		th, tl = fnDiv(sh, sl, ch, cl)
	} else {
		th, tl = fnDiv(-ch, -cl, sh, sl)
	}
	r := th + tl
	if x < 0 {
		r = -r // tan is odd
	}
	return r
}

// tanSinDD is scKernelSin with its result left in two parts.
func tanSinDD(y0, y1 float64) (hi, lo float64) {
	z := y0 * y0
	ze := math.FMA(y0, y0, -z)
	x3 := z * y0
	x3e := math.FMA(z, y0, -x3) + float64(ze*y0)
	c := float64(x3 * scSixthHi)
	ce := math.FMA(x3, scSixthHi, -c) + (float64(x3e*scSixthHi) + float64(x3*scSixthLo))
	s := y0 + c
	e := c - (s - y0)
	p := math.FMA(z, scS17, scS15)
	p = math.FMA(z, p, scS13)
	p = math.FMA(z, p, scS11)
	p = math.FMA(z, p, scS9)
	p = math.FMA(z, p, scS7)
	p = math.FMA(z, p, scS5)
	t := float64(x3 * z)
	tail := (e + ce) + float64(y1*math.FMA(z, -0.5, 1))
	lo = math.FMA(t, p, tail)
	hi = s + lo
	return hi, lo - (hi - s)
}

// tanCosDD is scKernelCos with its result left in two parts.
func tanCosDD(y0, y1 float64) (hi, lo float64) {
	z := y0 * y0
	ze := math.FMA(y0, y0, -z)
	h := 0.5 * z
	he := 0.5 * ze
	w := 1 - h
	we := (1 - w) - h
	z2 := z * z
	z2e := math.FMA(z, z, -z2) + float64((z+z)*ze)
	c := float64(z2 * scC24Hi)
	ce := math.FMA(z2, scC24Hi, -c) + (float64(z2e*scC24Hi) + float64(z2*scC24Lo))
	s := w + c
	e := (w - s) + c
	p := math.FMA(z, scC18, scC16)
	p = math.FMA(z, p, scC14)
	p = math.FMA(z, p, scC12)
	p = math.FMA(z, p, scC10)
	p = math.FMA(z, p, scC8)
	p = math.FMA(z, p, scC6)
	t := float64(z2 * z)
	corr := float64(float64(y0*y1) * math.FMA(z, -1.0/6, 1))
	tail := ((e + (we - he)) + ce) - corr
	lo = math.FMA(t, p, tail)
	hi = s + lo
	return hi, lo - (hi - s)
}
