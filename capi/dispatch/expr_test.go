package dispatch

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/expr"
)

// progExpAB is exp(x*y) in float64 over operands 0 and 1.
var progExpAB = []int64{
	int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
	int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
	int64(expr.OpMul), int64(expr.Float64), 2, 0, 1, 0,
	int64(expr.OpExp), int64(expr.Float64), 3, 2, 0, 0,
}

func randFloats(rng *rand.Rand, n int) []float64 {
	v := make([]float64, n)
	for k := range v {
		v[k] = rng.Float64()*2 - 1
	}
	return v
}

func TestEvaluateBroadcastStrided(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const rows, cols = 37, 1500
	col := randFloats(rng, 2*rows) // read with stride 2 as a column
	row := randFloats(rng, cols)   // read reversed as a row
	for _, workers := range []int{1, 3} {
		out := make([]float64, cols*rows) // Fortran order
		x := arrayOf(col, 0, []int{rows, 1}, []int{2, 0})
		y := arrayOf(row, cols-1, []int{cols}, []int{-1})
		o := arrayOf(out, 0, []int{rows, cols}, []int{1, rows})
		if err := Evaluate(progExpAB, []float64{0}, []Array{x, y}, o, []int{rows, cols}, ExprNone, 0, 0, workers, nil); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				want := math.Exp(col[2*i] * row[cols-1-j])
				if got := out[i+j*rows]; math.Abs(got-want) > 4e-16*want {
					t.Fatalf("workers %d (%d,%d): got %v want %v", workers, i, j, got, want)
				}
			}
		}
	}
}

func TestEvaluateReduceOuterProduct(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const m, n = 300, 70000 // more than exprChunk per row
	a, b := randFloats(rng, m), randFloats(rng, n)
	x := arrayOf(a, 0, []int{m, 1}, []int{1, 0})
	y := arrayOf(b, 0, []int{1, n}, []int{0, 1})
	var first []float64
	for _, workers := range []int{1, 2, 3, 8} {
		for _, mask := range []uint64{3, 1, 2} {
			kept := 1
			if mask&1 == 0 {
				kept = m
			} else if mask&2 == 0 {
				kept = n
			}
			out := make([]float64, kept)
			o := arrayOf(out, 0, []int{kept}, []int{1})
			if err := Evaluate(progExpAB, []float64{0}, []Array{x, y}, o, []int{m, n}, ExprSum, mask, 0, workers, nil); err != nil {
				t.Fatal(err)
			}
			if mask == 3 {
				want := 0.0
				for _, u := range a {
					for _, v := range b {
						want += math.Exp(u * v)
					}
				}
				if math.Abs(out[0]-want) > 1e-12*want {
					t.Fatalf("sum: got %v want %v", out[0], want)
				}
				if first == nil {
					first = out
				} else if math.Float64bits(first[0]) != math.Float64bits(out[0]) {
					t.Fatalf("workers %d: %v differs from %v", workers, out[0], first[0])
				}
			} else {
				k := rng.IntN(kept)
				want := 0.0
				if mask == 2 {
					for _, v := range b {
						want += math.Exp(a[k] * v)
					}
				} else {
					for _, u := range a {
						want += math.Exp(u * b[k])
					}
				}
				if math.Abs(out[k]-want) > 1e-12*want {
					t.Fatalf("mask %d output %d: got %v want %v", mask, k, out[k], want)
				}
			}
		}
	}
}

func TestEvaluateMoments(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	v := randFloats(rng, 50000)
	load := []int64{int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0}
	x := arrayOf(v, 0, []int{len(v)}, []int{1})
	mean, m2 := 0.0, 0.0
	for _, e := range v {
		mean += e
	}
	mean /= float64(len(v))
	for _, e := range v {
		m2 += (e - mean) * (e - mean)
	}
	for red, want := range map[ExprReduce]float64{ExprMean: mean, ExprVar: m2 / float64(len(v)-1), ExprStd: math.Sqrt(m2 / float64(len(v)-1))} {
		out := make([]float64, 1)
		if err := Evaluate(load, nil, []Array{x}, arrayOf(out, 0, nil, nil), []int{len(v)}, red, 1, 1, 2, nil); err != nil {
			t.Fatal(err)
		}
		if math.Abs(out[0]-want) > 1e-13*math.Abs(want)+1e-17 {
			t.Errorf("%v: got %v want %v", red, out[0], want)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	a := make([]float64, 10)
	x := arrayOf(a, 0, []int{10}, []int{1})
	o := arrayOf(make([]float64, 10), 0, []int{10}, []int{1})
	wantCode(t, Evaluate(progExpAB, nil, []Array{x, arrayOf(a, 0, []int{3}, []int{1})}, o, []int{10}, ExprNone, 0, 0, 1, nil), ValueError, "no broadcast")
	wantCode(t, Evaluate(progExpAB[:6], nil, []Array{arrayOf([]int64{1}, 0, nil, nil)}, o, []int{10}, ExprNone, 0, 0, 1, nil), ValueError, "load of the wrong dtype")
	wantCode(t, Evaluate(progExpAB, []float64{0}, []Array{x, x}, o, []int{10}, ExprMin, 1, 0, 1, nil), ValueError, "out of the wrong size")
	empty := arrayOf(a, 0, []int{0}, []int{1})
	wantCode(t, Evaluate(progExpAB, nil, []Array{empty, empty}, arrayOf(a, 0, nil, nil), []int{0}, ExprMax, 1, 0, 1, nil), ValueError, "max of nothing")
	pow := []int64{
		int64(expr.OpLoad), int64(expr.Int64), 0, 0, 0, 0,
		int64(expr.OpPow), int64(expr.Int64), 1, 0, 0, 0,
	}
	neg := []int64{2, -1, 3}
	out := make([]int64, 3)
	wantCode(t, Evaluate(pow, nil, []Array{arrayOf(neg, 0, []int{3}, []int{1})}, arrayOf(out, 0, []int{3}, []int{1}), []int{3}, ExprNone, 0, 0, 1, nil), ValueError, "negative power")
}

// Programs are cached by code, constants and operand dtypes: a call that
// differs in any of them gets its own program, and the cache starts afresh
// when full without changing any result.
func TestEvaluateProgramCache(t *testing.T) {
	code := []int64{
		int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
		int64(expr.OpConst), int64(expr.Float64), 1, 0, 0, 0,
		int64(expr.OpMul), int64(expr.Float64), 2, 0, 1, 0,
	}
	x := []float64{1, 2, 3, 4, 5}
	out := make([]float64, len(x))
	in := []Array{arrayOf(x, 0, []int{len(x)}, []int{1})}
	o := arrayOf(out, 0, []int{len(x)}, []int{1})
	for k := range progCacheMax + 10 {
		c := float64(k%(progCacheMax+3)) + 0.5
		if err := Evaluate(code, []float64{c}, in, o, []int{len(x)}, ExprNone, 0, 0, 1, nil); err != nil {
			t.Fatal(err)
		}
		for i, v := range x {
			if out[i] != v*c {
				t.Fatalf("call %d: element %d = %v, want %v", k, i, out[i], v*c)
			}
		}
		if len(progCache) > progCacheMax {
			t.Fatalf("call %d: %d programs cached", k, len(progCache))
		}
	}
	// The same code and constants on float32 operands: another program.
	x32, out32 := []float32{1.5, 2.5}, make([]float32, 2)
	in32 := []Array{arrayOf(x32, 0, []int{2}, []int{1})}
	code32 := append([]int64(nil), code...)
	for pc := 0; pc < len(code32); pc += expr.InstrWidth {
		code32[pc+1] = int64(expr.Float32)
	}
	if err := Evaluate(code32, []float64{2}, in32, arrayOf(out32, 0, []int{2}, []int{1}), []int{2}, ExprNone, 0, 0, 1, nil); err != nil {
		t.Fatal(err)
	}
	if out32[0] != 3 || out32[1] != 5 {
		t.Fatalf("float32: got %v", out32)
	}
}

// TestEvaluateOutPaths checks the three ways a block reaches out against
// plain arithmetic, bit for bit: computed straight into a contiguous
// float64 out (in place on an input too), streamed out with non-temporal
// stores (a float64 out past vmath's streaming size, not in place), and
// stored element by element (strided and float32 outs), with blocks cut
// short at the ends of uneven chunks.
func TestEvaluateOutPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const big = 3<<20 + 13 // 24 MiB of float64: past the 16 MiB streaming size
	x, y := randFloats(rng, big), randFloats(rng, big)
	want := make([]float64, big)
	for k := range want {
		want[k] = 2*x[k] + 3*y[k]
	}
	check := func(what string, got func(k int) float64, n int) {
		t.Helper()
		for k := range n {
			if g := got(k); math.Float64bits(g) != math.Float64bits(want[k]) {
				t.Fatalf("%s: element %d: got %v, want %v", what, k, g, want[k])
			}
		}
	}
	for _, workers := range []int{1, 3} {
		for _, n := range []int{1, 700, 100001, big} {
			ins := []Array{arrayOf(x, 0, []int{n}, []int{1}), arrayOf(y, 0, []int{n}, []int{1})}
			out := make([]float64, n)
			if err := Evaluate(progAXPY, []float64{2, 3}, ins, arrayOf(out, 0, []int{n}, []int{1}), []int{n}, ExprNone, 0, 0, workers, nil); err != nil {
				t.Fatal(err)
			}
			check("contiguous", func(k int) float64 { return out[k] }, n)
			// In place: out is operand 0 itself.
			xc := append([]float64(nil), x[:n]...)
			in := []Array{arrayOf(xc, 0, []int{n}, []int{1}), arrayOf(y, 0, []int{n}, []int{1})}
			if err := Evaluate(progAXPY, []float64{2, 3}, in, arrayOf(xc, 0, []int{n}, []int{1}), []int{n}, ExprNone, 0, 0, workers, nil); err != nil {
				t.Fatal(err)
			}
			check("in place", func(k int) float64 { return xc[k] }, n)
			// Every other element of a longer out.
			wide := make([]float64, 2*n)
			if err := Evaluate(progAXPY, []float64{2, 3}, ins, arrayOf(wide, 0, []int{n}, []int{2}), []int{n}, ExprNone, 0, 0, workers, nil); err != nil {
				t.Fatal(err)
			}
			check("strided", func(k int) float64 { return wide[2*k] }, n)
			for k := range n {
				if wide[2*k+1] != 0 {
					t.Fatalf("strided: wrote element %d between", 2*k+1)
				}
			}
		}
	}
}

// progMulAB is x*y in float64 over operands 0 and 1.
var progMulAB = []int64{
	int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
	int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
	int64(expr.OpMul), int64(expr.Float64), 2, 0, 1, 0,
}

// TestEvaluateReduceOuter checks reductions over leading axes (sum(x * y,
// axis=0) with x C-ordered, y a broadcast row), which evalReduceOuter reads
// in memory order: every reduction against a plain loop per output, and
// the same bits for any worker count; a Fortran-ordered x keeps
// evalReduce's order.
func TestEvaluateReduceOuter(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, kept := range []int{2, 3, 8, 100, 256} {
		rows := 40000
		if kept >= 100 {
			rows = 1500
		}
		xs := randFloats(rng, rows*kept)
		ys := randFloats(rng, kept)
		xs[rows/2*kept+kept-1] = math.NaN()
		for _, fortran := range []bool{false, true} {
			x := arrayOf(xs, 0, []int{rows, kept}, []int{kept, 1})
			if fortran {
				x = arrayOf(xs, 0, []int{rows, kept}, []int{1, rows})
			}
			y := arrayOf(ys, 0, []int{rows, kept}, []int{0, 1})
			xv := func(i, j int) float64 {
				if fortran {
					return xs[i+j*rows]
				}
				return xs[i*kept+j]
			}
			strides := [][]int{x.Strides, y.Strides}
			if got := outerReduce([]int{rows, kept}, strides, []int{0}, []int{1}, kept, rows); got == fortran {
				t.Fatalf("kept %d fortran %v: outerReduce = %v", kept, fortran, got)
			}
			for _, red := range []ExprReduce{ExprSum, ExprMin, ExprMax, ExprMean, ExprVar, ExprProd} {
				var first []float64
				for _, workers := range []int{1, 2, 3, 8} {
					out := make([]float64, kept)
					o := arrayOf(out, 0, []int{kept}, []int{1})
					if err := Evaluate(progMulAB, nil, []Array{x, y}, o, []int{rows, kept}, red, 1, 0, workers, nil); err != nil {
						t.Fatal(err)
					}
					if first == nil {
						first = out
						for j := range kept {
							checkOuter(t, red, rows, func(i int) float64 { return xv(i, j) * ys[j] }, out[j])
						}
						continue
					}
					for j := range out {
						if math.Float64bits(out[j]) != math.Float64bits(first[j]) {
							t.Fatalf("kept %d %v workers %d output %d: %v differs from %v", kept, red, workers, j, out[j], first[j])
						}
					}
				}
			}
		}
	}
}

// checkOuter compares one output of TestEvaluateReduceOuter with a plain
// loop over its rows values v(0), v(1), ...: min and max exactly, the
// others to a tolerance; NaN wherever a value is NaN (prod aside, whose
// product of 40000 values in (-1, 1) underflows).
func checkOuter(t *testing.T, red ExprReduce, rows int, v func(int) float64, got float64) {
	t.Helper()
	sum, prod, lo, hi, abs := 0.0, 1.0, math.Inf(1), math.Inf(-1), 0.0
	nan := false
	for i := range rows {
		e := v(i)
		nan = nan || e != e
		sum += e
		abs += math.Abs(e)
		prod *= e
		lo, hi = math.Min(lo, e), math.Max(hi, e)
	}
	mean := sum / float64(rows)
	m2 := 0.0
	for i := range rows {
		m2 += (v(i) - mean) * (v(i) - mean)
	}
	want, tol := 0.0, 0.0
	switch red {
	case ExprSum:
		want, tol = sum, 1e-13*abs
	case ExprMin:
		want = lo
	case ExprMax:
		want = hi
	case ExprMean:
		want, tol = mean, 1e-13*abs/float64(rows)
	case ExprVar:
		want, tol = m2/float64(rows), 1e-12*m2/float64(rows)
	case ExprProd:
		want, tol = prod, 1e-12*math.Abs(prod)
	}
	if nan && red != ExprProd || want != want {
		if got == got {
			t.Fatalf("%v: got %v, want NaN", red, got)
		}
		return
	}
	if math.Abs(got-want) > tol || got != got {
		t.Fatalf("%v: got %v, want %v", red, got, want)
	}
}

// TestEvaluateUniformBlocks checks blocks whose operand is one broadcast
// value (a column operand, handed to the program as a scalar) against the
// same expression on that operand written out in full, bit for bit: +, -,
// *, / with the broadcast operand on either side, an exp after it, and
// NaN, infinities and signed zeros on both sides.
func TestEvaluateUniformBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const rows, cols = 9, 1500 // blocks of 512 within a row, and across rows
	col := randFloats(rng, rows)
	col[2], col[3], col[4] = math.NaN(), math.Inf(-1), math.Copysign(0, -1)
	full := make([]float64, rows*cols)
	for i := range full {
		full[i] = col[i/cols]
	}
	y := randFloats(rng, rows*cols)
	y[5], y[cols+7], y[3*cols+9] = math.NaN(), 0, math.Inf(1)
	for _, op := range []expr.Op{expr.OpAdd, expr.OpSub, expr.OpMul, expr.OpDiv} {
		for _, left := range []bool{true, false} {
			a, b := int64(0), int64(1)
			if !left {
				a, b = 1, 0
			}
			code := []int64{
				int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
				int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
				int64(op), int64(expr.Float64), 2, a, b, 0,
				int64(expr.OpExp), int64(expr.Float64), 3, 2, 0, 0,
				int64(expr.OpAdd), int64(expr.Float64), 4, 3, 2, 0,
			}
			run := func(x Array, workers int) []float64 {
				out := make([]float64, rows*cols)
				if err := Evaluate(code, nil, []Array{x, arrayOf(y, 0, []int{rows, cols}, []int{cols, 1})}, arrayOf(out, 0, []int{rows, cols}, []int{cols, 1}), []int{rows, cols}, ExprNone, 0, 0, workers, nil); err != nil {
					t.Fatal(err)
				}
				return out
			}
			want := run(arrayOf(full, 0, []int{rows, cols}, []int{cols, 1}), 1)
			for _, w := range []int{1, 3} {
				got := run(arrayOf(col, 0, []int{rows, cols}, []int{1, 0}), w)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%v left=%v workers %d element %d: %v (%#x), want %v (%#x)", op, left, w, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
					}
				}
			}
		}
	}
}
