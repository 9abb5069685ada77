package vmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestVectorDrivers checks the loops that hand runs of vectors to the SIMD
// bodies and the rest to the scalar bodies: every length up to 70, every
// start offset of the slices modulo 8, and special values (NaN, ±Inf, ±0,
// negatives, subnormals, out-of-range arguments) at scattered positions,
// so that a body stops and restarts mid-slice. Each result must carry the
// scalar body's bits, at every level, in place too.
func TestVectorDrivers(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	specials64 := []float64{
		math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), -2.5,
		5e-324, 1e-310, 0x1p-1022, math.MaxFloat64, 800, -800, 1e300,
	}
	specials32 := []float32{
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0,
		float32(math.Copysign(0, -1)), -2.5, 1e-45, 1e-40, math.MaxFloat32, 120, -120, 3e10,
	}
	// fill returns n values of kind (what a function's fast path takes),
	// with a special value at about one position in nine.
	fill64 := func(n int, lo, hi float64) []float64 {
		x := make([]float64, n)
		for i := range x {
			x[i] = lo + rng.Float64()*(hi-lo)
			if rng.IntN(9) == 0 {
				x[i] = specials64[rng.IntN(len(specials64))]
			}
		}
		return x
	}
	fill32 := func(n int, lo, hi float64) []float32 {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(lo + rng.Float64()*(hi-lo))
			if rng.IntN(9) == 0 {
				x[i] = specials32[rng.IntN(len(specials32))]
			}
		}
		return x
	}
	type case64 struct {
		name   string
		lo, hi float64
		vec    func(dst, x []float64)
		scalar func(float64) float64
	}
	cases64 := []case64{
		{"Exp", -700, 700, Exp, expF64},
		{"Log", 1e-300, 1e300, Log, logF64},
		{"PowScalar 2.5", 1e-3, 1e3, func(d, x []float64) { PowScalar(d, x, 2.5) }, func(v float64) float64 { return powF64(v, 2.5) }},
		{"ScalarPow 1.7", -30, 30, func(d, x []float64) { ScalarPow(d, 1.7, x) }, func(v float64) float64 { return powF64(1.7, v) }},
	}
	type case32 struct {
		name   string
		lo, hi float64
		vec    func(dst, x []float32)
		scalar func(float32) float32
	}
	cases32 := []case32{
		{"Exp32", -100, 100, Exp32, expF32},
		{"Log32", 1e-30, 1e30, Log32, logF32},
		{"Sin32", -100, 100, Sin32, func(v float32) float32 { return scSinCos32(v, scSinShift) }},
		{"Cos32", -100, 100, Cos32, func(v float32) float32 { return scSinCos32(v, scCosShift) }},
		{"PowScalar32 2.5", 1e-3, 1e3, func(d, x []float32) { PowScalar32(d, x, 2.5) }, func(v float32) float32 { return powF32(v, 2.5) }},
		{"ScalarPow32 1.7", -30, 30, func(d, x []float32) { ScalarPow32(d, 1.7, x) }, func(v float32) float32 { return powF32(1.7, v) }},
	}
	expEachLevel(t, func(t *testing.T) {
		for n := 0; n <= 70; n++ {
			off := n % 8
			for _, c := range cases64 {
				buf := fill64(n+off, c.lo, c.hi)
				x := buf[off:]
				got := make([]float64, n+off)[off:]
				c.vec(got, x)
				for i, v := range x {
					expSame64(t, c.name, v, got[i], c.scalar(v))
				}
				in := append([]float64(nil), x...)
				c.vec(x, x) // in place
				for i, v := range in {
					expSame64(t, c.name+" in place", v, x[i], c.scalar(v))
				}
			}
			for _, c := range cases32 {
				buf := fill32(n+off, c.lo, c.hi)
				x := buf[off:]
				got := make([]float32, n+off)[off:]
				c.vec(got, x)
				for i, v := range x {
					expSame32(t, c.name, v, got[i], c.scalar(v))
				}
				in := append([]float32(nil), x...)
				c.vec(x, x)
				for i, v := range in {
					expSame32(t, c.name+" in place", v, x[i], c.scalar(v))
				}
			}
			// Pow and Pow32 on two slices.
			x, y := fill64(n, 1e-3, 1e3), fill64(n, -3, 3)
			got := make([]float64, n)
			Pow(got, x, y)
			for i := range x {
				expSame64(t, "Pow", x[i], got[i], powF64(x[i], y[i]))
			}
			x32, y32 := fill32(n, 1e-3, 1e3), fill32(n, -3, 3)
			got32 := make([]float32, n)
			Pow32(got32, x32, y32)
			for i := range x32 {
				expSame32(t, "Pow32", x32[i], got32[i], powF32(x32[i], y32[i]))
			}
		}
	})
}
