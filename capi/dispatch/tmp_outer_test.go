package dispatch

import (
	"math/rand/v2"
	"testing"

	"gonp/kernels/expr"
)

func BenchmarkTmpOuter(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const m = 5000
	x, y, out := randFloats(rng, m), randFloats(rng, m), make([]float64, 1)
	code := []int64{
		int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
		int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
		int64(expr.OpMul), int64(expr.Float64), 2, 0, 1, 0,
		int64(expr.OpExp), int64(expr.Float64), 3, 2, 0, 0,
	}
	ins := []Array{arrayOf(x, 0, []int{m, m}, []int{1, 0}), arrayOf(y, 0, []int{m, m}, []int{0, 1})}
	o := arrayOf(out, 0, []int{}, []int{})
	for b.Loop() {
		if err := Evaluate(code, nil, ins, o, []int{m, m}, ExprSum, 3, 0, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}
