package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSquareAddLargeOutputs runs Unary square and Binary add on chunks of
// outputs larger than half the last-level cache, which vmath writes with
// non-temporal stores (chunks of a large buffer keep its capacity), and on
// the same chunks in place; every element must be x*x or x+y bit for bit,
// and nothing outside the chunk may change, at every level.
func TestSquareAddLargeOutputs(t *testing.T) {
	const n = 5 << 20 // 40 MiB of float64, 20 MiB of float32
	rng := rand.New(rand.NewPCG(41, 42))
	x, y := make([]float64, n), make([]float64, n)
	x32, y32 := make([]float32, n), make([]float32, n)
	for i := range x {
		x[i], y[i] = rng.NormFloat64()*1e3, rng.NormFloat64()
		x32[i], y32[i] = float32(x[i]), float32(y[i])
	}
	d, d32 := make([]float64, n), make([]float32, n)
	forEachLevel(t, func(t *testing.T) {
		for _, op := range []string{"square", "add"} {
			for i := range d {
				d[i], d32[i] = -7, -7
			}
			lo, hi := 3, n/2+5 // an unaligned chunk of the buffer
			if op == "square" {
				Unary(OpSquare, d[lo:hi], x[lo:hi])
				Unary(OpSquare, d32[lo:hi], x32[lo:hi])
			} else {
				Binary(OpAdd, d[lo:hi], x[lo:hi], y[lo:hi])
				Binary(OpAdd, d32[lo:hi], x32[lo:hi], y32[lo:hi])
			}
			for i := range d {
				w, w32 := -7.0, float32(-7)
				if i >= lo && i < hi {
					if op == "square" {
						w, w32 = x[i]*x[i], x32[i]*x32[i]
					} else {
						w, w32 = x[i]+y[i], x32[i]+y32[i]
					}
				}
				if math.Float64bits(d[i]) != math.Float64bits(w) || math.Float32bits(d32[i]) != math.Float32bits(w32) {
					t.Fatalf("%s: element %d = %v, %v, want %v, %v", op, i, d[i], d32[i], w, w32)
				}
			}
		}
		// In place (no streaming): the same values.
		in := append([]float64(nil), x[:n/4]...)
		Unary(OpSquare, in, in)
		Binary(OpAdd, in, in, y[:n/4])
		for i, v := range in {
			if w := float64(x[i]*x[i]) + y[i]; math.Float64bits(v) != math.Float64bits(w) {
				t.Fatalf("in place: element %d = %v, want %v", i, v, w)
			}
		}
	})
}
