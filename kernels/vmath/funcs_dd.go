package vmath

import "math"

//go:generate go run funcs_tables_gen.go

// Double-double helpers of the functions built on exp, log and the
// atan reduction: a value is hi + lo with |lo| well below ulp(hi).

// fnTwoSum returns s + e = a + b exactly.
func fnTwoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fnMul returns p + e = a * b exactly.
func fnMul(a, b float64) (p, e float64) {
	p = a * b
	return p, math.FMA(a, b, -p)
}

// fnDiv returns (ah + al) / (bh + bl) as qh + ql, to about 2^-100.
func fnDiv(ah, al, bh, bl float64) (qh, ql float64) {
	qh = ah / bh
	r := math.FMA(-qh, bh, ah)
	r += al
	r = math.FMA(-qh, bl, r)
	return qh, r / bh
}

// fnSqrt returns sqrt(h + l) as sh + sl for h >= 0.
func fnSqrt(h, l float64) (sh, sl float64) {
	if h == 0 {
		return 0, 0
	}
	sh = math.Sqrt(h)
	return sh, (math.FMA(-sh, sh, h) + l) / (2 * sh)
}

// fnCheck panics with the package's message unless the lengths agree.
func fnCheck(a, b int) {
	if a != b {
		panic(expErrLength)
	}
}

// fnQuiet64 is the NaN x quieted, sign and payload kept, as NumPy's
// float64 loops return a NaN argument.
func fnQuiet64(x float64) float64 {
	return math.Float64frombits(math.Float64bits(x) | scQuiet64)
}

// fnQuiet32 is fnQuiet64 for float32, as NumPy's float32 loops do.
func fnQuiet32(x float32) float32 {
	return math.Float32frombits(math.Float32bits(x) | 1<<22)
}

// fnMap64 and fnMap32 apply a scalar body to every element.
func fnMap64(dst, x []float64, f func(float64) float64) {
	fnCheck(len(dst), len(x))
	for i, v := range x {
		dst[i] = f(v)
	}
}

func fnMap32(dst, x []float32, f func(float32) float32) {
	fnCheck(len(dst), len(x))
	for i, v := range x {
		dst[i] = f(v)
	}
}

// fnMap32Via is the float32 loop of most functions: a NaN quieted,
// anything else through the float64 body and rounded once. It converts
// a block at a time: a conversion between float32 and float64 inside the
// loop of the body ties each element to the previous one (CVTSS2SD
// merges into its destination register), which halves the throughput.
func fnMap32Via(dst, x []float32, f func(float64) float64) {
	fnMap32NaN(dst, x, f, 0)
}

// fnMap32NaN is fnMap32Via with every NaN giving the NaN of bits nan, or
// the argument quieted where nan is 0.
func fnMap32NaN(dst, x []float32, f func(float64) float64, nan uint32) {
	fnCheck(len(dst), len(x))
	var buf [64]float64
	for i := 0; i < len(x); i += len(buf) {
		xs := x[i:min(i+len(buf), len(x))]
		ds := dst[i : i+len(xs)]
		b := buf[:len(xs)]
		for j, v := range xs {
			b[j] = float64(v)
		}
		for j, v := range b {
			b[j] = f(v)
		}
		for j, v := range xs {
			switch {
			case v == v:
				ds[j] = float32(b[j])
			case nan != 0:
				ds[j] = math.Float32frombits(nan)
			default:
				ds[j] = fnQuiet32(v)
			}
		}
	}
}
