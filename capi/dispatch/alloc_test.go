package dispatch

import (
	"testing"

	"gonp/kernels"
)

// The call path of a small elementwise operation allocates (almost) nothing:
// every allocation costs the caller of a 100-element call measurable time.
func TestSmallCallAllocations(t *testing.T) {
	const n = 100
	x, y, out := make([]float64, n), make([]float64, n), make([]float64, n)
	xa := arrayOf(x, 0, []int{n}, []int{1})
	ya := arrayOf(y, 0, []int{n}, []int{0}) // a broadcast scalar
	oa := arrayOf(out, 0, []int{n}, []int{1})
	x2 := arrayOf(make([]float64, 4*n), 0, []int{4, n}, []int{n, 1})
	o2 := arrayOf(make([]float64, 4*n), 0, []int{4, n}, []int{n, 1})
	cases := []struct {
		name string
		max  float64
		f    func() error
	}{
		{"unary", 0, func() error { return Unary(kernels.OpSquare, xa, oa, 2) }},
		{"unary2d", 0, func() error { return Unary(kernels.OpSquare, x2, o2, 2) }},
		{"binary", 0, func() error { return Binary(kernels.OpAdd, xa, ya, oa, 2) }},
	}
	for _, c := range cases {
		got := testing.AllocsPerRun(200, func() {
			if err := c.f(); err != nil {
				t.Fatal(err)
			}
		})
		t.Logf("%s: %.0f allocations per call", c.name, got)
		if got > c.max {
			t.Errorf("%s: %.0f allocations per call, want at most %.0f", c.name, got, c.max)
		}
	}
}

func BenchmarkSmallUnary(b *testing.B) {
	const n = 100
	xa := arrayOf(make([]float64, n), 0, []int{n}, []int{1})
	oa := arrayOf(make([]float64, n), 0, []int{n}, []int{1})
	b.ReportAllocs()
	for b.Loop() {
		if err := Unary(kernels.OpSquare, xa, oa, 2); err != nil {
			b.Fatal(err)
		}
	}
}
