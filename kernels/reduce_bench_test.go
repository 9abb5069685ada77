package kernels

import (
	"fmt"
	"testing"
)

// Benchmarks per Level; b.SetBytes counts bytes read (and written for
// SubDiv), so -bench prints bandwidth. Run briefly, e.g.
//
//	GOEXPERIMENT=simd go test -run '^$' -bench 'Sum|Moments|SubDiv|Min' -benchtime 20x ./kernels/

// rbEachLevel runs f as one sub-benchmark per Level.
func rbEachLevel(b *testing.B, f func(b *testing.B)) {
	atEachLevel(func(l Level) { b.Run(l.String(), f) })
}

func rbData[T Float](n int) []T {
	x := make([]T, n)
	gen := rtRandom[T](1)
	for i := range x {
		x[i] = gen(i)
	}
	return x
}

var rbSink float64

func benchSum[T Float](b *testing.B, name string) {
	for _, n := range []int{1_000_000, 10_000_000} {
		x := rbData[T](n)
		b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
			rbEachLevel(b, func(b *testing.B) {
				b.SetBytes(int64(n) * int64(sizeOf[T]()))
				for b.Loop() {
					rbSink += Sum(x)
				}
			})
		})
	}
}

func sizeOf[T Number]() int {
	var z T
	switch any(z).(type) {
	case float32, int32:
		return 4
	}
	return 8
}

func BenchmarkSum(b *testing.B) {
	benchSum[float64](b, "float64")
	benchSum[float32](b, "float32")
}

func benchMoments[T Float](b *testing.B, name string) {
	for _, n := range []int{1_000_000, 10_000_000} {
		x := rbData[T](n)
		b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
			rbEachLevel(b, func(b *testing.B) {
				b.SetBytes(int64(n) * int64(sizeOf[T]()))
				for b.Loop() {
					rbSink += MomentsOf(x).M2
				}
			})
		})
	}
}

func BenchmarkMomentsOf(b *testing.B) {
	benchMoments[float64](b, "float64")
	benchMoments[float32](b, "float32")
}

func BenchmarkMinMax(b *testing.B) {
	x := rbData[float64](1_000_000)
	y := rbData[float32](1_000_000)
	b.Run("float64/n=1000000", func(b *testing.B) {
		rbEachLevel(b, func(b *testing.B) {
			b.SetBytes(8 * int64(len(x)))
			for b.Loop() {
				rbSink += Min(x)
			}
		})
	})
	b.Run("float32/n=1000000", func(b *testing.B) {
		rbEachLevel(b, func(b *testing.B) {
			b.SetBytes(4 * int64(len(y)))
			for b.Loop() {
				rbSink += float64(Max(y))
			}
		})
	})
}

// BenchmarkSumRows sums the columns of a whole matrix in 128-row blocks,
// each into its own zeroed accumulator, as the parallel reduction does.
func BenchmarkSumRows(b *testing.B) {
	for _, sh := range [][2]int{{1_000_000, 2}, {100_000, 64}} {
		rows, cols := sh[0], sh[1]
		x := rbData[float64](rows * cols)
		acc := make([]float64, cols)
		b.Run(fmt.Sprintf("float64/%dx%d", rows, cols), func(b *testing.B) {
			rbEachLevel(b, func(b *testing.B) {
				b.SetBytes(8 * int64(len(x)))
				for b.Loop() {
					for r0 := 0; r0 < rows; r0 += 128 {
						clear(acc)
						r := min(128, rows-r0)
						SumRows(acc, x[r0*cols:], r, cols, cols)
					}
				}
			})
		})
	}
}

func benchSubDiv[T Float](b *testing.B, name string) {
	n := 1_000_000
	x := rbData[T](n)
	dst := make([]T, n)
	b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
		rbEachLevel(b, func(b *testing.B) {
			b.SetBytes(2 * int64(n) * int64(sizeOf[T]()))
			for b.Loop() {
				SubDiv(dst, x, 0.5, 1.5)
			}
		})
	})
}

func BenchmarkSubDiv(b *testing.B) {
	benchSubDiv[float64](b, "float64")
	benchSubDiv[float32](b, "float32")
}

// BenchmarkAddRowSums is the pairwise sums of 4096 rows of 8 to 40
// elements (in cache) per Level: the AVX-512 and AVX2 bodies against the
// plain loop of the generic level.
func BenchmarkAddRowSums(b *testing.B) {
	for _, cols := range []int{8, 16, 24, 40} {
		const rows = 4096
		x := rbData[float64](rows * cols)
		sums := make([]float64, rows)
		b.Run(fmt.Sprintf("cols=%d", cols), func(b *testing.B) {
			rbEachLevel(b, func(b *testing.B) {
				b.SetBytes(int64(8 * len(x)))
				for b.Loop() {
					AddRowSums(sums, x, cols)
				}
			})
		})
	}
}
