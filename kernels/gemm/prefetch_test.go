package gemm

import (
	"math"
	"slices"
	"testing"
)

// TestPrefetch calls Prefetch on every layout it handles and several it
// does not (strided, zero strides, short slices, empty), at the edges of its
// slice, and checks that it neither faults nor changes anything.
func TestPrefetch(t *testing.T) {
	x := make([]float64, 5000)
	for i := range x {
		x[i] = float64(i) - 0.5
	}
	x[17] = math.NaN()
	want := slices.Clone(x)
	y := make([]float32, 5000)
	for i := range y {
		y[i] = float32(i)
	}
	want32 := slices.Clone(y)
	cases := []struct{ rows, cols, rs, cs, off int }{
		{64, 64, 64, 1, 0},       // contiguous rows
		{64, 64, 1, 64, 0},       // contiguous columns
		{10, 7, 70, 1, 3},        // padded rows
		{7, 10, 1, 70, 5},        // padded columns
		{1, 1, 0, 0, len(x) - 1}, // last element alone
		{3, 9, 3, 3, 0},          // strided both ways: skipped
		{5, 5, 0, 1, 0},          // broadcast row
		{5, 5, 1, 0, 0},          // broadcast column
		{100, 100, 100, 1, 0},    // longer than the slice: skipped
		{0, 5, 5, 1, 0},          // empty
		{5, 0, 5, 1, 0},          // empty
		{2, 3, -4, 1, 10},        // negative stride: skipped
	}
	for _, c := range cases {
		Prefetch(c.rows, c.cols, x[c.off:], c.rs, c.cs)
		Prefetch(c.rows, c.cols, y[c.off:], c.rs, c.cs)
	}
	Prefetch[float64](1, 1, nil, 1, 1)
	for i := range x {
		if math.Float64bits(x[i]) != math.Float64bits(want[i]) || y[i] != want32[i] {
			t.Fatalf("Prefetch changed element %d", i)
		}
	}
}
