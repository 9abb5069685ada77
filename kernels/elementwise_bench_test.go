package kernels

import (
	"fmt"
	"testing"
)

// The benchmarks report bandwidth over the bytes each call reads and
// writes, per level, beside a naive loop, e.g.
//
//	GOEXPERIMENT=simd go test -run '^$' -bench 'Elementwise/square' ./kernels/

var ewBenchSizes = []int{1e3, 1e6, 1e7}

func BenchmarkElementwise(b *testing.B) {
	benchEW[float64](b, "float64")
	benchEW[float32](b, "float32")
}

func benchEW[T Number](b *testing.B, typ string) {
	for _, n := range ewBenchSizes {
		x, y, dst := make([]T, n), make([]T, n), make([]T, n)
		for i := range x {
			x[i] = T(i%1000+500) / 1000
			y[i] = T(i%777) / 777
		}
		size := int64(n) * int64(ewSize[T]())
		run := func(name string, bytes int64, f func()) {
			b.Run(fmt.Sprintf("%s/%s/%d", name, typ, n), func(b *testing.B) {
				b.SetBytes(bytes)
				for b.Loop() {
					f()
				}
			})
		}
		run("square/naive", 2*size, func() {
			for i, v := range x {
				dst[i] = v * v
			}
		})
		run("add/naive", 3*size, func() {
			for i := range dst {
				dst[i] = x[i] + y[i]
			}
		})
		forLevelsB(b, func(lvl string) {
			run("square/"+lvl, 2*size, func() { Unary(OpSquare, dst, x) })
			run("add/"+lvl, 3*size, func() { Binary(OpAdd, dst, x, y) })
			if lvl == "generic" { // exp has no SIMD body: one level is enough
				run("exp/"+lvl, 2*size, func() { Unary(OpExp, dst, x) })
			}
		})
	}
}

func ewSize[T Number]() int {
	switch any(T(0)).(type) {
	case float32, int32:
		return 4
	}
	return 8
}

func forLevelsB(b *testing.B, f func(lvl string)) {
	atEachLevel(func(l Level) { f(l.String()) })
}

// BenchmarkElementwiseOffset runs square and add at 1e5 float64 (in L2)
// with the operands at a cache-line boundary and 16 bytes past one, where
// NumPy puts large arrays.
func BenchmarkElementwiseOffset(b *testing.B) {
	const n = 100_000
	xb, db := make([]float64, n+16), make([]float64, n+16)
	for i := range xb {
		xb[i] = float64(i%1000) / 7
	}
	for _, off := range []int{0, 2} {
		x, d := ewAt(xb, off, n), ewAt(db, off, n)
		b.Run(fmt.Sprintf("square/off=%d", off), func(b *testing.B) {
			b.SetBytes(16 * n)
			for b.Loop() {
				Unary(OpSquare, d, x)
			}
		})
		b.Run(fmt.Sprintf("add/off=%d", off), func(b *testing.B) {
			b.SetBytes(24 * n)
			for b.Loop() {
				Binary(OpAdd, d, x, x)
			}
		})
	}
}
