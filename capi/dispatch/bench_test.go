package dispatch

import (
	"fmt"
	"testing"

	"gonp/kernels"
)

// BenchmarkUnarySquare is the elementwise path end to end: descriptor
// checks, layout, pool and kernel, for 1e6 float64 in and out.
func BenchmarkUnarySquare(b *testing.B) {
	const n = 1_000_000
	x, out := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	xa := arrayOf(x, 0, []int{n}, []int{1})
	oa := arrayOf(out, 0, []int{n}, []int{1})
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.SetBytes(2 * 8 * n)
			for b.Loop() {
				if err := Unary(kernels.OpSquare, xa, oa, w, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReduceSumAxis0 is np.sum(x, axis=0) of a C-order (1e6, 8)
// float64 array: the row-accumulation path.
func BenchmarkReduceSumAxis0(b *testing.B) {
	const rows, cols = 1_000_000, 8
	x := make([]float64, rows*cols)
	for i := range x {
		x[i] = float64(i % 13)
	}
	out := make([]float64, cols)
	// Reduced axis last, as Python passes it: the transposed view.
	xa := arrayOf(x, 0, []int{cols, rows}, []int{1, cols})
	oa := arrayOf(out, 0, []int{cols}, []int{1})
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.SetBytes(8 * rows * cols)
			for b.Loop() {
				if err := Reduce(Sum, xa, 1, oa, 0, w, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMeanVarAxis0 is StandardScaler's fit: the column statistics of a
// C-contiguous 1e6×10 float64 block.
func BenchmarkMeanVarAxis0(b *testing.B) {
	const rows, cols = 1_000_000, 10
	x := make([]float64, rows*cols)
	for i := range x {
		x[i] = float64(i%13) + 0.25
	}
	mean, vr := make([]float64, cols), make([]float64, cols)
	xa := arrayOf(x, 0, []int{cols, rows}, []int{1, cols})
	ma, va := arrayOf(mean, 0, []int{cols}, []int{1}), arrayOf(vr, 0, []int{cols}, []int{1})
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("workers=%d", w), func(b *testing.B) {
			b.SetBytes(8 * rows * cols)
			for b.Loop() {
				if err := MeanVar(xa, 1, ma, va, 0, w, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNormalize is normalize(x) of 1e6 float64 (in cache on most
// CPUs) in its two calls: the whole-array statistics, then (x - mean) / std
// into a second array.
func BenchmarkNormalize(b *testing.B) {
	const n = 1_000_000
	x, out := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(i%13) + 0.25
	}
	mean, vr := []float64{0}, []float64{0}
	xa, oa := arrayOf(x, 0, []int{n}, []int{1}), arrayOf(out, 0, []int{n}, []int{1})
	ma, va := arrayOf(mean, 0, []int{}, []int{}), arrayOf(vr, 0, []int{}, []int{})
	sa, da := arrayOf(mean, 0, []int{n}, []int{0}), arrayOf(vr, 0, []int{n}, []int{0})
	for _, w := range []int{1, 0} {
		b.Run(fmt.Sprintf("stats/workers=%d", w), func(b *testing.B) {
			b.SetBytes(8 * n)
			for b.Loop() {
				if err := MeanVar(xa, 1, ma, va, 0, w, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("apply/workers=%d", w), func(b *testing.B) {
			vr[0] = 2
			b.SetBytes(16 * n)
			for b.Loop() {
				if err := SubDiv(xa, sa, da, oa, w, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
