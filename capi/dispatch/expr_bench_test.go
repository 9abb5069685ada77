package dispatch

import (
	"math/rand/v2"
	"testing"

	"gonp/kernels/expr"
)

// progAXPY is 2*a + 3*b in float64 (constants 2 and 3 passed apart).
var progAXPY = []int64{
	int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
	int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
	int64(expr.OpConst), int64(expr.Float64), 2, 0, 0, 0,
	int64(expr.OpConst), int64(expr.Float64), 3, 1, 0, 0,
	int64(expr.OpMul), int64(expr.Float64), 4, 2, 0, 0,
	int64(expr.OpMul), int64(expr.Float64), 5, 3, 1, 0,
	int64(expr.OpAdd), int64(expr.Float64), 6, 4, 5, 0,
}

// BenchmarkEvaluateAXPY is 2*a + 3*b on 1e6 float64 elements.
func BenchmarkEvaluateAXPY(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 1 << 20
	x, y, out := randFloats(rng, n), randFloats(rng, n), make([]float64, n)
	code := progAXPY
	ins := []Array{arrayOf(x, 0, []int{n}, []int{1}), arrayOf(y, 0, []int{n}, []int{1})}
	o := arrayOf(out, 0, []int{n}, []int{1})
	b.SetBytes(3 * 8 * n)
	for i := 0; i < b.N; i++ {
		if err := Evaluate(code, []float64{2, 3}, ins, o, []int{n}, ExprNone, 0, 0, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateRowSums is sum((a - b)**2, axis=1) on 1<<17 rows of 8.
func BenchmarkEvaluateRowSums(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const rows, cols = 1 << 17, 8
	x, y, out := randFloats(rng, rows*cols), randFloats(rng, rows*cols), make([]float64, rows)
	code := []int64{
		int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
		int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
		int64(expr.OpSub), int64(expr.Float64), 2, 0, 1, 0,
		int64(expr.OpMul), int64(expr.Float64), 3, 2, 2, 0,
	}
	ins := []Array{arrayOf(x, 0, []int{rows, cols}, []int{cols, 1}), arrayOf(y, 0, []int{rows, cols}, []int{cols, 1})}
	o := arrayOf(out, 0, []int{rows}, []int{1})
	b.SetBytes(2 * 8 * rows * cols)
	for i := 0; i < b.N; i++ {
		if err := Evaluate(code, nil, ins, o, []int{rows, cols}, ExprSum, 2, 0, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateSmall is 2*a + 3*b on 100 float64 elements: the cost of
// one call beyond its arithmetic.
func BenchmarkEvaluateSmall(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 3))
	const n = 100
	x, y, out := randFloats(rng, n), randFloats(rng, n), make([]float64, n)
	code := progAXPY
	ins := []Array{arrayOf(x, 0, []int{n}, []int{1}), arrayOf(y, 0, []int{n}, []int{1})}
	o := arrayOf(out, 0, []int{n}, []int{1})
	b.ReportAllocs()
	for b.Loop() {
		if err := Evaluate(code, []float64{2, 3}, ins, o, []int{n}, ExprNone, 0, 0, 2, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvaluateSinCos is sin(a)**2 + cos(b)**2 on 1e5 float64 elements
// (below the threaded size: one worker).
func BenchmarkEvaluateSinCos(b *testing.B) {
	rng := rand.New(rand.NewPCG(2, 2))
	const n = 100000
	x, y, out := randFloats(rng, n), randFloats(rng, n), make([]float64, n)
	code := []int64{
		int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
		int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
		int64(expr.OpConst), int64(expr.Float64), 2, 0, 0, 0,
		int64(expr.OpSin), int64(expr.Float64), 3, 0, 0, 0,
		int64(expr.OpPow), int64(expr.Float64), 4, 3, 2, 0,
		int64(expr.OpCos), int64(expr.Float64), 5, 1, 0, 0,
		int64(expr.OpPow), int64(expr.Float64), 6, 5, 2, 0,
		int64(expr.OpAdd), int64(expr.Float64), 7, 4, 6, 0,
	}
	ins := []Array{arrayOf(x, 0, []int{n}, []int{1}), arrayOf(y, 0, []int{n}, []int{1})}
	o := arrayOf(out, 0, []int{n}, []int{1})
	b.SetBytes(3 * 8 * n)
	for i := 0; i < b.N; i++ {
		if err := Evaluate(code, []float64{2}, ins, o, []int{n}, ExprNone, 0, 0, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
}
