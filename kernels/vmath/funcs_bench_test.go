package vmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkFuncs runs every function of funcs on 4096 float64 (and
// float32) elements beside a loop over Go's math function; b.SetBytes
// counts the bytes read and written.
func BenchmarkFuncs(b *testing.B) {
	type bench struct {
		name   string
		lo, hi float64
		f64    func(dst, x []float64)
		f32    func(dst, x []float32)
		gomath func(float64) float64
	}
	for _, c := range []bench{
		{"expm1", -5, 5, Expm1, Expm1F32, math.Expm1},
		{"log1p", -0.9, 100, Log1p, Log1pF32, math.Log1p},
		{"log10", 1e-3, 1e6, Log10, Log10F32, math.Log10},
		{"sinh", -20, 20, Sinh, SinhF32, math.Sinh},
		{"cosh", -20, 20, Cosh, CoshF32, math.Cosh},
		{"tanh", -5, 5, Tanh, TanhF32, math.Tanh},
		{"asinh", -100, 100, Asinh, AsinhF32, math.Asinh},
		{"acosh", 1, 100, Acosh, AcoshF32, math.Acosh},
		{"atanh", -0.99, 0.99, Atanh, AtanhF32, math.Atanh},
		{"atan", -10, 10, Atan, AtanF32, math.Atan},
		{"asin", -1, 1, Asin, AsinF32, math.Asin},
		{"acos", -1, 1, Acos, AcosF32, math.Acos},
		{"tan", -100, 100, Tan, TanF32, math.Tan},
	} {
		x := expBenchData64(c.lo, c.hi)
		x32 := expBenchData32(c.lo, c.hi)
		d := make([]float64, len(x))
		d32 := make([]float32, len(x))
		b.Run(c.name+"/f64", func(b *testing.B) {
			b.SetBytes(int64(16 * len(x)))
			for b.Loop() {
				c.f64(d, x)
			}
		})
		b.Run(c.name+"/f32", func(b *testing.B) {
			b.SetBytes(int64(8 * len(x)))
			for b.Loop() {
				c.f32(d32, x32)
			}
		})
		b.Run(c.name+"/gomath", func(b *testing.B) {
			b.SetBytes(int64(16 * len(x)))
			for b.Loop() {
				for i, v := range x {
					d[i] = c.gomath(v)
				}
			}
		})
	}
	rng := rand.New(rand.NewPCG(3, 3))
	y, x := make([]float64, expBenchN), make([]float64, expBenchN)
	y32, x32 := make([]float32, expBenchN), make([]float32, expBenchN)
	for i := range y {
		y[i], x[i] = rng.Float64()*4-2, rng.Float64()*4-2
		y32[i], x32[i] = float32(y[i]), float32(x[i])
	}
	d, d32 := make([]float64, expBenchN), make([]float32, expBenchN)
	b.Run("atan2/f64", func(b *testing.B) {
		b.SetBytes(24 * expBenchN)
		for b.Loop() {
			Atan2(d, y, x)
		}
	})
	b.Run("atan2/f32", func(b *testing.B) {
		b.SetBytes(12 * expBenchN)
		for b.Loop() {
			Atan2F32(d32, y32, x32)
		}
	})
	b.Run("atan2/gomath", func(b *testing.B) {
		b.SetBytes(24 * expBenchN)
		for b.Loop() {
			for i := range y {
				d[i] = math.Atan2(y[i], x[i])
			}
		}
	})
}
