package expr

import "math"

// hypotBlock sets dst[k] = sqrt(x[k]² + y[k]²) for k < len(dst), NumPy's
// hypot: no overflow or underflow in the squares (the operands are scaled
// by a power of two first), ±Inf in either operand gives +Inf even beside a
// NaN, otherwise a NaN gives that NaN, hypot(±0, ±0) = +0.
//
// The square root of the rounded sum is corrected by one Newton step whose
// residual h² - x² - y² is computed with FMAs (C. F. Borges, "An improved
// algorithm for hypot(a, b)", 2019), which leaves it within 0.5 ulp, and
// a subnormal result is rounded once (TestHypotAccuracy measures both
// against math/big). glibc's hypot, which NumPy calls, may round a
// subnormal result twice: there the two can differ by one unit.
func hypotBlock(dst, x, y []float64) {
	x = x[:len(dst)]
	y = y[:len(dst)]
	for k := range dst {
		dst[k] = hypotF64(x[k], y[k])
	}
}

// hypotF64 is the scalar body of hypotBlock.
func hypotF64(a, b float64) float64 {
	p, q := math.Abs(a), math.Abs(b)
	switch {
	case p > math.MaxFloat64 || q > math.MaxFloat64:
		return math.Inf(1)
	case p != p || q != q:
		return a + b // the NaN operand, as x86 propagates it
	}
	if p < q {
		p, q = q, p
	}
	// q below half an ulp of p's square's root adds nothing (also q == 0).
	if q <= p*0x1p-54 {
		return p
	}
	scale := 1.0
	switch {
	case p > 0x1p500:
		// q > p*2^-54 stays normal once scaled.
		p, q, scale = p*0x1p-600, q*0x1p-600, 0x1p600
	case p < 0x1p-500:
		p, q, scale = p*0x1p600, q*0x1p600, 0x1p-600
	}
	h := math.Sqrt(math.FMA(p, p, q*q))
	// Residual e = h² - p² - q², exact to its rounding: h*h - p*p is exact
	// by Sterbenz's lemma (p² ≤ h² ≤ 2p², near enough), the two FMAs give
	// the rounding errors of the squares.
	hsq, psq := float64(h*h), float64(p*p)
	e := math.FMA(-q, q, hsq-psq) + math.FMA(h, h, -hsq) - math.FMA(p, p, -psq)
	c := -e / (2 * h)
	if t := h * scale; t < 0x1p-1022 {
		// A subnormal result: scaling h + c, once rounded, would round it
		// a second time. Round h itself into place, then add what that
		// rounding and c leave (h - t*2^600 is exact), rounded in units of
		// t's last place.
		return t + (float64(h-t*0x1p600)+c)*scale
	}
	return (h + c) * scale
}
