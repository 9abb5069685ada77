package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

// TestSelectVec checks the float64 comparisons and where, at every SIMD
// level, against the plain loops (comparisons) and a per-element select
// (where), bit for bit, on lengths around the vector width and a whole
// block, with NaN, ±Inf, ±0 and equal pairs among the values.
func TestSelectVec(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	special := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -1, 5e-324}
	value := func() float64 {
		if rng.IntN(3) == 0 {
			return special[rng.IntN(len(special))]
		}
		return float64(rng.IntN(7) - 3)
	}
	lengths := []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 64, 70, BlockSize}
	cpu.Each(func(l cpu.Level) {
		for _, n := range lengths {
			x, y, c := make([]float64, n), make([]float64, n), make([]int64, n)
			for k := range x {
				x[k], y[k] = value(), value()
				c[k] = int64(rng.IntN(3)) - 1 // -1, 0 or 1: any non-zero selects x
			}
			for _, op := range []Op{OpLT, OpLE, OpGT, OpGE, OpEQ, OpNE} {
				got, want := make([]int64, n), make([]int64, n)
				compareFloat(op, got, x, y)
				compare(op, want, x, y)
				for k := range got {
					if got[k] != want[k] {
						t.Fatalf("%v, n=%d: %v(%v, %v) = %d, want %d", l, n, op, x[k], y[k], got[k], want[k])
					}
				}
			}
			d := make([]float64, n)
			floatWhere(d, c, x, y)
			for k := range d {
				want := y[k]
				if c[k] != 0 {
					want = x[k]
				}
				if math.Float64bits(d[k]) != math.Float64bits(want) {
					t.Fatalf("%v, n=%d: where(%d, %v, %v) = %v, want %v", l, n, c[k], x[k], y[k], d[k], want)
				}
			}
		}
	})
}
