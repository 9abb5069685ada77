package vmath

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

// The benchmarks run each function at every level on arguments uniform in
// [-100, 100] (the Cody-Waite path), beside a loop over math.Sin; b.SetBytes
// counts the bytes read and written.

var scBenchSizes = []int{1000, 100_000}

func scBenchArgs(n int) []float64 {
	rng := rand.New(rand.NewPCG(9, 9))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = (rng.Float64()*2 - 1) * 100
	}
	return xs
}

func scBenchLevels(b *testing.B, f func(b *testing.B)) {
	defer cpu.Set(cpu.Active())
	for _, l := range cpu.Levels() {
		cpu.Set(l)
		b.Run(l.String(), f)
	}
}

func BenchmarkSinCos(b *testing.B) {
	for _, n := range scBenchSizes {
		xs := scBenchArgs(n)
		xs32 := scTo32(xs)
		dst := make([]float64, n)
		dst32 := make([]float32, n)
		for _, fn := range scFuncs {
			b.Run(fmt.Sprintf("%s/f64/n=%d", fn.name, n), func(b *testing.B) {
				scBenchLevels(b, func(b *testing.B) {
					b.SetBytes(int64(16 * n))
					for b.Loop() {
						fn.f64(dst, xs)
					}
				})
			})
			b.Run(fmt.Sprintf("%s/f32/n=%d", fn.name, n), func(b *testing.B) {
				scBenchLevels(b, func(b *testing.B) {
					b.SetBytes(int64(8 * n))
					for b.Loop() {
						fn.f32(dst32, xs32)
					}
				})
			})
		}
		b.Run(fmt.Sprintf("math.Sin/f64/n=%d", n), func(b *testing.B) {
			b.SetBytes(int64(16 * n))
			for b.Loop() {
				for i, v := range xs {
					dst[i] = math.Sin(v)
				}
			}
		})
	}
}
