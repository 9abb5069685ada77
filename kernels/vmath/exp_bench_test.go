package vmath

import (
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

// The benchmarks run every function on 4096 elements (in L1/L2) at every
// cpu level; ns/op / 4096 is the cost per element.

const expBenchN = 4096

func expBenchLevels(b *testing.B, size int, f func()) {
	prev := cpu.Active()
	defer cpu.Set(prev)
	for _, l := range cpu.Levels() {
		cpu.Set(l)
		b.Run(l.String(), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				f()
			}
		})
	}
}

func expBenchData64(lo, hi float64) []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, expBenchN)
	for i := range x {
		x[i] = lo + rng.Float64()*(hi-lo)
	}
	return x
}

func expBenchData32(lo, hi float64) []float32 {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float32, expBenchN)
	for i := range x {
		x[i] = float32(lo + rng.Float64()*(hi-lo))
	}
	return x
}

func BenchmarkExp(b *testing.B) {
	x := expBenchData64(-700, 700)
	d := make([]float64, len(x))
	expBenchLevels(b, 16*len(x), func() { Exp(d, x) })
}

func BenchmarkExp32(b *testing.B) {
	x := expBenchData32(-80, 80)
	d := make([]float32, len(x))
	expBenchLevels(b, 8*len(x), func() { Exp32(d, x) })
}

func BenchmarkLog(b *testing.B) {
	x := expBenchData64(1e-3, 1e6)
	d := make([]float64, len(x))
	expBenchLevels(b, 16*len(x), func() { Log(d, x) })
}

func BenchmarkLog32(b *testing.B) {
	x := expBenchData32(1e-3, 1e6)
	d := make([]float32, len(x))
	expBenchLevels(b, 8*len(x), func() { Log32(d, x) })
}

func BenchmarkPowScalar(b *testing.B) {
	x := expBenchData64(1e-3, 100)
	d := make([]float64, len(x))
	expBenchLevels(b, 16*len(x), func() { PowScalar(d, x, 2.5) })
}

func BenchmarkPowScalar32(b *testing.B) {
	x := expBenchData32(1e-3, 100)
	d := make([]float32, len(x))
	expBenchLevels(b, 8*len(x), func() { PowScalar32(d, x, 2.5) })
}

func BenchmarkPow(b *testing.B) {
	x := expBenchData64(1e-3, 100)
	y := expBenchData64(-3, 3)
	d := make([]float64, len(x))
	expBenchLevels(b, 24*len(x), func() { Pow(d, x, y) })
}
