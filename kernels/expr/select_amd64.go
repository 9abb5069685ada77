//go:build goexperiment.simd && amd64

package expr

import "gonp/kernels/cpu"

// The float64 comparisons and where on AVX-512 (select_amd64.s): a
// comparison or where of a 512-element block took 290 and 510 ns as the
// plain loops of loops.go, where(a > 0.5, a, b) 880 ns a block in all,
// and 133 ns with these (Zen 4, go test -bench 'RunBlock|Float'
// ./kernels/expr/); n is a multiple of 8.

//go:noescape
func ltF64x8(d *int64, x, y *float64, n int)

//go:noescape
func leF64x8(d *int64, x, y *float64, n int)

//go:noescape
func gtF64x8(d *int64, x, y *float64, n int)

//go:noescape
func geF64x8(d *int64, x, y *float64, n int)

//go:noescape
func eqF64x8(d *int64, x, y *float64, n int)

//go:noescape
func neF64x8(d *int64, x, y *float64, n int)

//go:noescape
func whereF64x8(d *float64, c *int64, x, y *float64, n int)

// compareVec does the leading multiple of 8 elements of compare on
// float64 and returns how many it did (0 below AVX-512).
func compareVec(op Op, d []int64, x, y []float64) int {
	n := len(d) &^ 7
	if n == 0 || cpu.Active() < cpu.AVX512 {
		return 0
	}
	x, y = x[:n], y[:n]
	switch op {
	case OpLT:
		ltF64x8(&d[0], &x[0], &y[0], n)
	case OpLE:
		leF64x8(&d[0], &x[0], &y[0], n)
	case OpGT:
		gtF64x8(&d[0], &x[0], &y[0], n)
	case OpGE:
		geF64x8(&d[0], &x[0], &y[0], n)
	case OpEQ:
		eqF64x8(&d[0], &x[0], &y[0], n)
	case OpNE:
		neF64x8(&d[0], &x[0], &y[0], n)
	default:
		return 0
	}
	return n
}

// whereVec does the leading multiple of 8 elements of floatWhere and
// returns how many it did (0 below AVX-512).
func whereVec(d []float64, c []int64, x, y []float64) int {
	n := len(d) &^ 7
	if n == 0 || cpu.Active() < cpu.AVX512 {
		return 0
	}
	c, x, y = c[:n], x[:n], y[:n]
	whereF64x8(&d[0], &c[0], &x[0], &y[0], n)
	return n
}
