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
