package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkMomentsRows is the column statistics of a contiguous rows×cols
// block (StandardScaler's fit on 1e6×10 is this, split over threads).
func BenchmarkMomentsRows(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, cols := range []int{10, 16} {
		const rows = 1 << 16
		x := make([]float64, rows*cols)
		for i := range x {
			x[i] = r.NormFloat64()
		}
		out := make([]Moments, cols)
		b.Run(fmt.Sprintf("%dx%d", rows, cols), func(b *testing.B) {
			b.SetBytes(int64(8 * len(x)))
			for b.Loop() {
				MomentsRows(out, x, rows, cols, cols)
			}
		})
	}
}
