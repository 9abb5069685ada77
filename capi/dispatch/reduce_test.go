package dispatch

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"gonp/kernels"
)

var reduceOps = []ReduceOp{Sum, Mean, Var, Std, Min, Max}

// reduceOpName names op for test messages.
// reduceView is x with the axes in reduced moved last, as Python passes it,
// and the kept and reduced shapes.
type reduceView struct {
	shape, strides    []int // of the permuted view, in elements
	kept, reduced     []int // shapes
	keptIdx, redIdx   []int // original axes
	nreduce           int
	keptSize, redSize int
}

func newReduceView(shape, strides []int, mask int) reduceView {
	var v reduceView
	for k := range shape {
		if mask&(1<<k) == 0 {
			v.keptIdx = append(v.keptIdx, k)
		}
	}
	for k := range shape {
		if mask&(1<<k) != 0 {
			v.redIdx = append(v.redIdx, k)
		}
	}
	perm := append(slices.Clone(v.keptIdx), v.redIdx...)
	v.shape, v.strides = permuted(shape, strides, perm)
	v.nreduce = len(v.redIdx)
	nk := len(shape) - v.nreduce
	v.kept, v.reduced = v.shape[:nk], v.shape[nk:]
	v.keptSize, v.redSize = sizeOf(v.kept), sizeOf(v.reduced)
	return v
}

// slices returns, for every kept index in C order, the buffer positions of
// its reduced elements in C order.
func (v reduceView) slices(off int) [][]int {
	nk := len(v.kept)
	var all [][]int
	forEachIndex(v.kept, func(kidx []int) {
		base := off
		for k, i := range kidx {
			base += i * v.strides[k]
		}
		var pos []int
		forEachIndex(v.reduced, func(ridx []int) {
			p := base
			for k, i := range ridx {
				p += i * v.strides[nk+k]
			}
			pos = append(pos, p)
		})
		all = append(all, pos)
	})
	return all
}

// reduceResult runs Reduce into a fresh guarded output of dtype O with the
// given strides and returns its elements in C order of the kept shape.
func reduceResult[O kernels.Number](t *testing.T, op ReduceOp, x Array, v reduceView, outStrides []int, ddof float64, workers int, name string) ([]O, error) {
	t.Helper()
	out := newOperand(v.kept, outStrides, sentinel[O]())
	if err := Reduce(op, x, v.nreduce, out.array(), ddof, workers, nil); err != nil {
		return nil, err
	}
	checkGuards(t, out, sentinel[O](), name)
	var res []O
	forEachIndex(v.kept, func(idx []int) { res = append(res, out.buf[out.at(idx)]) })
	return res, nil
}

// reduceAs runs reduceResult for the output dtype out and converts the
// results to float64 (floats, and ints for min and max) and int64 (ints).
func reduceAs(t *testing.T, out DType, op ReduceOp, x Array, v reduceView, outStrides []int, ddof float64, workers int, name string) ([]float64, []int64, error) {
	t.Helper()
	switch out {
	case Float32:
		r, err := reduceResult[float32](t, op, x, v, outStrides, ddof, workers, name)
		return toFloat64(r), nil, err
	case Float64:
		r, err := reduceResult[float64](t, op, x, v, outStrides, ddof, workers, name)
		return r, nil, err
	case Int32:
		r, err := reduceResult[int32](t, op, x, v, outStrides, ddof, workers, name)
		return toFloat64(r), toInt64(r), err
	case Int64:
		r, err := reduceResult[int64](t, op, x, v, outStrides, ddof, workers, name)
		return toFloat64(r), r, err
	}
	t.Fatalf("%s: no output of dtype %v", name, out)
	return nil, nil, nil
}

func toFloat64[T kernels.Number](x []T) []float64 {
	r := make([]float64, len(x))
	for i, v := range x {
		r[i] = float64(v)
	}
	return r
}

func toInt64[T kernels.Number](x []T) []int64 {
	r := make([]int64, len(x))
	for i, v := range x {
		r[i] = int64(v)
	}
	return r
}

// reference is what NumPy computes for one reduced slice, in exact or
// two-pass float64 arithmetic, with the scale its error is measured against.
type reference struct {
	want  float64
	scale float64 // error allowed is tol·scale
	exact bool    // min, max: compare bits
}

// exactSum returns the sum of vals rounded once (exact in big.Float for
// short slices, Neumaier-compensated for long ones, whose error is far below
// any tolerance used here) and the sum of magnitudes.
func exactSum(vals []float64) (sum, sumAbs float64) {
	for _, v := range vals {
		sumAbs += math.Abs(v)
	}
	if len(vals) <= 64 {
		acc := new(big.Float).SetPrec(2048)
		for _, v := range vals {
			acc.Add(acc, new(big.Float).SetFloat64(v))
		}
		sum, _ = acc.Float64()
		return sum, sumAbs
	}
	c := 0.0
	for _, v := range vals {
		t := sum + v
		if math.Abs(sum) >= math.Abs(v) {
			c += (sum - t) + v
		} else {
			c += (v - t) + sum
		}
		sum = t
	}
	return sum + c, sumAbs
}

func referenceOf(op ReduceOp, vals []float64, ddof float64) reference {
	n := float64(len(vals))
	hasNaN := slices.ContainsFunc(vals, math.IsNaN)
	switch op {
	case Min, Max:
		if hasNaN {
			return reference{want: math.NaN(), exact: true}
		}
		if op == Min {
			return reference{want: slices.Min(vals), exact: true}
		}
		return reference{want: slices.Max(vals), exact: true}
	}
	if hasNaN {
		return reference{want: math.NaN()}
	}
	sum, sumAbs := exactSum(vals)
	switch op {
	case Sum:
		return reference{want: sum, scale: sumAbs}
	case Mean:
		return reference{want: sum / n, scale: sumAbs / n}
	}
	// Two passes about the first element, so equal values give exactly 0
	// and a large common offset costs nothing.
	shifted := make([]float64, len(vals))
	for i, v := range vals {
		shifted[i] = v - vals[0]
	}
	dsum, _ := exactSum(shifted)
	mean := dsum / n
	m2, sq := 0.0, 0.0
	for i, d := range shifted {
		m2 += (d - mean) * (d - mean)
		sq += vals[i] * vals[i]
	}
	if n-ddof <= 0 {
		if slices.Min(vals) == slices.Max(vals) {
			return reference{want: math.NaN()}
		}
		return reference{want: math.Inf(1)}
	}
	variance, scale := m2/(n-ddof), sq/(n-ddof)
	if op == Std {
		return reference{want: math.Sqrt(variance), scale: math.Sqrt(scale)}
	}
	return reference{want: variance, scale: scale}
}

// check compares got with r: exactly for min and max, else within
// rounding to the output dtype plus tol·scale.
func (r reference) check(got float64, out DType, tol float64) bool {
	if r.exact {
		return sameBits(got, r.want) || (got == r.want)
	}
	eps := 0.0
	if out == Float32 {
		eps = 0x1p-23 * math.Abs(r.want)
		if r.want != 0 && math.Abs(r.want) < 1e-30 {
			eps = 1e-38 // float32 subnormals
		}
	}
	if math.IsNaN(r.want) || math.IsInf(r.want, 0) {
		return near(got, r.want, 0, 0)
	}
	return math.Abs(got-r.want) <= eps+tol*r.scale
}

// reduceTolerance is the relative error allowed against the scale of a
// reference: sums run in float64 whatever the input.
const reduceTolerance = 1e-13

func testReduceAllAxes[T kernels.Number](t *testing.T, rng *rand.Rand) {
	isF := dtypeOf[T]() == Float32 || dtypeOf[T]() == Float64
	for trial := 0; trial < 24; trial++ {
		nd := 1 + trial%4
		shape := randomShape(rng, nd, 1, 5)
		x := newOperand[T](shape, randomStrides(rng, shape, anyLayout, true), 0)
		fillRandom(rng, x.buf)
		if isF && trial%5 == 4 {
			x.buf[x.at(make([]int, nd))] = T(math.NaN())
		}
		orig := slices.Clone(x.buf)
		for mask := 0; mask < 1<<nd; mask++ {
			v := newReduceView(shape, x.strides, mask)
			xa := arrayOf(x.buf, x.off, v.shape, v.strides)
			groups := v.slices(x.off)
			for _, op := range reduceOps {
				out := ResultDType(op, dtypeOf[T]())
				if AcceptsResult(op, dtypeOf[T](), Float64) && rng.IntN(2) == 0 {
					out = Float64 // float32 input, accumulated in float64 anyway
				}
				ddof := 0.0
				if op == Var || op == Std {
					ddof = []float64{0, 1, float64(v.redSize), float64(v.redSize) + 0.5}[rng.IntN(4)]
				}
				w := workerCounts[rng.IntN(len(workerCounts))]
				name := fmt.Sprintf("%v %v of shape %v strides %v over axes %v into %v, ddof %v, workers %d",
					op, dtypeOf[T](), shape, x.strides, v.redIdx, out, ddof, w)
				got, gotInt, err := reduceAs(t, out, op, xa, v, randomStrides(rng, v.kept, anyLayout, false), ddof, w, name)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				for i, pos := range groups {
					if !isF && op == Sum {
						var want int64
						for _, p := range pos {
							want += int64(x.buf[p])
						}
						if gotInt[i] != want {
							t.Errorf("%s: kept element %d: got %d, want %d", name, i, gotInt[i], want)
						}
						continue
					}
					vals := make([]float64, len(pos))
					for j, p := range pos {
						vals[j] = float64(x.buf[p])
					}
					ref := referenceOf(op, vals, ddof)
					if !ref.check(got[i], out, reduceTolerance) {
						t.Errorf("%s: kept element %d: got %v, want %v (scale %g)", name, i, got[i], ref.want, ref.scale)
					}
				}
			}
		}
		if !slices.EqualFunc(x.buf, orig, same) {
			t.Fatalf("%v: input changed", dtypeOf[T]())
		}
	}
}

func TestReduceAllAxes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	t.Run("float32", func(t *testing.T) { testReduceAllAxes[float32](t, rng) })
	t.Run("float64", func(t *testing.T) { testReduceAllAxes[float64](t, rng) })
	t.Run("int32", func(t *testing.T) { testReduceAllAxes[int32](t, rng) })
	t.Run("int64", func(t *testing.T) { testReduceAllAxes[int64](t, rng) })
}

// largeReduction is a reduction big enough for the pool to split, naming the
// code path of reduceInto it takes.
type largeReduction struct {
	path    string
	shape   []int // of the view passed, reduced axes last
	strides []int // in elements
	nreduce int
}

// largeReductions reach every branch of reduceInto with more than one block.
func largeReductions() []largeReduction {
	return []largeReduction{
		{"full reduction", []int{300_000}, []int{1}, 1},
		{"full reduction, strided 2-D", []int{600, 250}, []int{1, 601}, 2},
		// (20000, 3) C-order, axis 0: the kept axis is contiguous, rows add up.
		{"row accumulation", []int{3, 20_000}, []int{1, 3}, 1},
		// (500, 600) C-order, axis 0: row accumulation split by blocks of
		// rows (1-2 workers) or by columns (too few blocks for 3 or more).
		{"row accumulation by columns", []int{600, 500}, []int{1, 600}, 1},
		// (3000, 600): blocks of rows enough for up to 12 workers.
		{"row accumulation by blocks of rows", []int{600, 3000}, []int{1, 600}, 1},
		// (40, 9000): rows wider than a tile, split by columns in tiles.
		{"row accumulation by column tiles", []int{9000, 40}, []int{1, 9000}, 1},
		// (3, 20000) C-order, axis 1: each kept element reduces its own row.
		{"inner", []int{3, 20_000}, []int{20_000, 1}, 1},
		// (3, 100000), axis 1: few kept elements, each split among workers.
		{"inner, split slices", []int{3, 100_000}, []int{100_000, 1}, 1},
		// (8000, 40), axis 1: many small slices split by kept element.
		{"many slices", []int{8000, 40}, []int{40, 1}, 1},
		// (20000, 3)[::-1], axis 0: reversed rows are reduced one by one.
		{"reversed rows", []int{3, 20_000}, []int{1, -3}, 1},
		// A broadcast (stride 0) reduced axis.
		{"broadcast rows", []int{3, 20_000}, []int{1, 0}, 1},
	}
}

// TestReduceDeterministic checks every path against the reference and that
// the result has the same bits for any worker count.
func TestReduceDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, c := range largeReductions() {
		x := newOperand[float64](c.shape, c.strides, 0)
		for i := range x.buf {
			x.buf[i] = 1e3 + rng.NormFloat64()
		}
		x32 := newOperand[float32](c.shape, c.strides, 0)
		for i := range x32.buf {
			x32.buf[i] = float32(x.buf[i])
		}
		nk := len(c.shape) - c.nreduce
		v := reduceView{shape: c.shape, strides: c.strides, kept: c.shape[:nk], reduced: c.shape[nk:], nreduce: c.nreduce}
		v.keptSize, v.redSize = sizeOf(v.kept), sizeOf(v.reduced)
		groups := v.slices(x.off)
		outStrides := randomStrides(rng, v.kept, cOrder, false)
		for _, op := range reduceOps {
			refs := make([]reference, len(groups))
			for i, pos := range groups {
				vals := make([]float64, len(pos))
				for j, p := range pos {
					vals[j] = x.buf[p]
				}
				refs[i] = referenceOf(op, vals, 1)
			}
			for _, dt := range []DType{Float64, Float32} {
				xa := x.array()
				if dt == Float32 {
					xa = x32.array()
				}
				var first []float64
				for _, w := range []int{1, 2, 3, 8, 64} {
					name := fmt.Sprintf("%s: %v of %v %v strides %v, workers %d", c.path, op, dt, c.shape, c.strides, w)
					got, _, err := reduceAs(t, dt, op, xa, v, outStrides, 1, w, name)
					if err != nil {
						t.Fatalf("%s: %v", name, err)
					}
					if first == nil {
						first = got
						if dt == Float32 {
							continue // the float32 data differ from the reference's
						}
						for i, r := range refs {
							if !r.check(got[i], dt, reduceTolerance) {
								t.Errorf("%s: kept element %d: got %v, want %v", name, i, got[i], r.want)
							}
						}
						continue
					}
					if !slices.EqualFunc(got, first, sameBits) {
						t.Errorf("%s: result differs from the one with 1 worker", name)
					}
				}
			}
		}
	}
}

func TestReduceNaN(t *testing.T) {
	for _, c := range largeReductions()[2:5] {
		x := newOperand[float64](c.shape, c.strides, 1)
		for i := range x.buf {
			x.buf[i] = float64(i % 7)
		}
		// One NaN in the middle of the last kept element's slice.
		nk := len(c.shape) - c.nreduce
		v := reduceView{shape: c.shape, strides: c.strides, kept: c.shape[:nk], reduced: c.shape[nk:], nreduce: c.nreduce}
		groups := v.slices(x.off)
		last := groups[len(groups)-1]
		x.buf[last[len(last)/2]] = math.NaN()
		for _, op := range reduceOps {
			got, _, err := reduceAs(t, Float64, op, x.array(), v, []int{1}, 0, 3, c.path)
			if err != nil {
				t.Fatal(err)
			}
			for i, g := range got {
				if wantNaN := i == len(got)-1; math.IsNaN(g) != wantNaN {
					t.Errorf("%s: %v kept element %d = %v, NaN expected: %v", c.path, op, i, g, wantNaN)
				}
			}
		}
	}
}

func TestReduceIntSums(t *testing.T) {
	// int32 sums beyond int32's range are exact in int64.
	n := 100_000
	x32 := make([]int32, n)
	for i := range x32 {
		x32[i] = math.MaxInt32 - int32(i%3)
	}
	var want int64
	for _, v := range x32 {
		want += int64(v)
	}
	out := []int64{0}
	for _, w := range []int{1, 3} {
		if err := Reduce(Sum, arrayOf(x32, 0, []int{n}, []int{1}), 1, arrayOf(out, 0, nil, nil), 0, w, nil); err != nil {
			t.Fatal(err)
		}
		if out[0] != want {
			t.Errorf("int32 sum, workers %d: %d, want %d", w, out[0], want)
		}
	}
	// int64 sums wrap around as NumPy's do, in every path.
	x64 := make([]int64, 2*n)
	for i := range x64 {
		x64[i] = math.MaxInt64 - int64(i%5)*(1<<40)
	}
	for _, c := range []struct {
		shape, strides []int
	}{{[]int{2 * n}, []int{1}}, {[]int{2, n}, []int{1, 2}}, {[]int{2, n}, []int{n, 1}}} {
		nk := len(c.shape) - 1
		v := reduceView{shape: c.shape, strides: c.strides, kept: c.shape[:nk], reduced: c.shape[nk:], nreduce: 1}
		x := operand[int64]{buf: x64, shape: c.shape, strides: c.strides}
		groups := v.slices(0)
		_, got, err := reduceAs(t, Int64, Sum, x.array(), v, []int{1}[:nk], 0, 3, "int64 sum")
		if err != nil {
			t.Fatal(err)
		}
		for i, pos := range groups {
			var want int64
			for _, p := range pos {
				want += x64[p]
			}
			if got[i] != want {
				t.Errorf("int64 sum of %v strides %v, kept element %d: %d, want %d (wrapped)", c.shape, c.strides, i, got[i], want)
			}
		}
	}
}

// TestReduceInt64Mean checks the mean of int64 values whose sum does not fit
// in int64: NumPy accumulates the mean in float64, so it does not wrap.
func TestReduceInt64Mean(t *testing.T) {
	n := 1000
	x := make([]int64, 2*n)
	for i := range x {
		x[i] = math.MaxInt64/2 + int64(i)
	}
	for _, c := range []struct {
		shape, strides []int
	}{{[]int{2 * n}, []int{1}}, {[]int{2, n}, []int{1, 2}}, {[]int{2, n}, []int{n, 1}}} {
		nk := len(c.shape) - 1
		v := reduceView{shape: c.shape, strides: c.strides, kept: c.shape[:nk], reduced: c.shape[nk:], nreduce: 1}
		groups := v.slices(0)
		got, _, err := reduceAs(t, Float64, Mean, arrayOf(x, 0, c.shape, c.strides), v, []int{1}[:nk], 0, 2, "int64 mean")
		if err != nil {
			t.Fatal(err)
		}
		for i, pos := range groups {
			acc := new(big.Float).SetPrec(256)
			for _, p := range pos {
				acc.Add(acc, new(big.Float).SetInt64(x[p]))
			}
			acc.Quo(acc, big.NewFloat(float64(len(pos))))
			want, _ := acc.Float64()
			if math.Abs(got[i]-want) > 1e-12*math.Abs(want) {
				t.Errorf("int64 mean of %v strides %v, kept element %d: %v, want %v", c.shape, c.strides, i, got[i], want)
			}
		}
	}
}

func TestReduceErrors(t *testing.T) {
	buf := make([]float64, 12)
	x := arrayOf(buf, 0, []int{3, 4}, []int{4, 1})
	out3 := arrayOf(make([]float64, 3), 0, []int{3}, []int{1})
	out4 := arrayOf(make([]float64, 4), 0, []int{4}, []int{1})

	wantCode(t, Reduce(Sum, x, 1, out4, 0, 1, nil), ValueError, "out of the wrong shape")
	wantCode(t, Reduce(Sum, x, 2, out3, 0, 1, nil), ValueError, "out of the wrong rank")
	wantCode(t, Reduce(Sum, x, 3, out3, 0, 1, nil), ValueError, "more reduced axes than dimensions")
	wantCode(t, Reduce(Sum, x, -1, out3, 0, 1, nil), ValueError, "negative axis count")
	empty := arrayOf(buf, 0, []int{3, 0}, []int{4, 1})
	wantCode(t, Reduce(Sum, empty, 1, out3, 0, 1, nil), ValueError, "zero-size reduction")
	wantCode(t, Reduce(Max, empty, 1, out3, 0, 1, nil), ValueError, "zero-size max")
	// An empty result needs no reduction at all.
	emptyKept := arrayOf(buf, 0, []int{0, 4}, []int{4, 1})
	if err := Reduce(Sum, emptyKept, 1, arrayOf(buf, 0, []int{0}, []int{1}), 0, 1, nil); err != nil {
		t.Errorf("empty result: %v", err)
	}

	i32 := arrayOf(make([]int32, 12), 0, []int{3, 4}, []int{4, 1})
	outI32 := arrayOf(make([]int32, 3), 0, []int{3}, []int{1})
	outI64 := arrayOf(make([]int64, 3), 0, []int{3}, []int{1})
	outF32 := arrayOf(make([]float32, 3), 0, []int{3}, []int{1})
	wantCode(t, Reduce(Sum, i32, 1, outI32, 0, 1, nil), TypeError, "int32 sum into int32")
	wantCode(t, Reduce(Mean, i32, 1, outI64, 0, 1, nil), TypeError, "int32 mean into int64")
	wantCode(t, Reduce(Mean, i32, 1, outF32, 0, 1, nil), TypeError, "int32 mean into float32")
	wantCode(t, Reduce(Max, x, 1, outF32, 0, 1, nil), TypeError, "float64 max into float32")
	wantCode(t, Reduce(Max, i32, 1, outI64, 0, 1, nil), TypeError, "int32 max into int64")
	wantCode(t, Reduce(ReduceOp(42), x, 1, out3, 0, 1, nil), ValueError, "unknown reduction")
	if err := Reduce(Sum, i32, 1, outI64, 0, 1, nil); err != nil {
		t.Errorf("int32 sum into int64: %v", err)
	}
	wantCode(t, Reduce(Var, x, 1, outF32, 0, 1, nil), TypeError, "float64 var into float32")
	x32 := arrayOf(make([]float32, 12), 0, []int{3, 4}, []int{4, 1})
	if err := Reduce(Var, x32, 1, out3, 0, 1, nil); err != nil {
		t.Errorf("float32 var into float64: %v", err)
	}
}

// TestReduceDdof pins NumPy's values at the edges of ddof.
func TestReduceDdof(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	xa := arrayOf(x, 0, []int{4}, []int{1})
	cases := []struct {
		op   ReduceOp
		ddof float64
		want float64
	}{
		{Var, 0, 1.25}, {Var, 1, 5.0 / 3}, {Std, 1, math.Sqrt(5.0 / 3)}, {Var, 3.5, 10},
		{Var, 4, math.Inf(1)}, {Var, 5, math.Inf(1)}, {Std, 4, math.Inf(1)},
	}
	for _, c := range cases {
		out := []float64{0}
		if err := Reduce(c.op, xa, 1, arrayOf(out, 0, nil, nil), c.ddof, 1, nil); err != nil {
			t.Fatal(err)
		}
		if math.Abs(out[0]-c.want) > 1e-15*math.Abs(c.want) && out[0] != c.want {
			t.Errorf("%v ddof %v: %v, want %v", c.op.String(), c.ddof, out[0], c.want)
		}
	}
	// One element, ddof 1: 0/0.
	out := []float64{0}
	if err := Reduce(Var, arrayOf(x, 0, []int{1}, []int{1}), 1, arrayOf(out, 0, nil, nil), 1, 1, nil); err != nil {
		t.Fatal(err)
	}
	if !math.IsNaN(out[0]) {
		t.Errorf("var of one element, ddof 1: %v, want NaN", out[0])
	}
}

// TestReduceVarLargeOffset checks that var keeps its accuracy on data with a
// large common offset in every path: partials are merged about one shift
// per slice.
func TestReduceVarLargeOffset(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, c := range largeReductions() {
		x := newOperand[float64](c.shape, c.strides, 0)
		for i := range x.buf {
			x.buf[i] = 1e9 + rng.NormFloat64()
		}
		nk := len(c.shape) - c.nreduce
		v := reduceView{shape: c.shape, strides: c.strides, kept: c.shape[:nk], reduced: c.shape[nk:], nreduce: c.nreduce}
		groups := v.slices(x.off)
		got, _, err := reduceAs(t, Float64, Var, x.array(), v, randomStrides(rng, v.kept, cOrder, false), 0, 3, c.path)
		if err != nil {
			t.Fatal(err)
		}
		for i, pos := range groups {
			vals := make([]float64, len(pos))
			for j, p := range pos {
				vals[j] = x.buf[p]
			}
			want := referenceOf(Var, vals, 0).want
			if math.Abs(got[i]-want) > 1e-9*want && !(want == 0 && got[i] == 0) {
				t.Errorf("%s: var of kept element %d: %v, want %v", c.path, i, got[i], want)
				break
			}
		}
	}
}

// TestReduceShortRows checks sums and means over a last axis shorter than
// 16 of C-ordered float64 (shortRowSums) against kernels.Sum of each row,
// bit for bit: every row length, row counts around the eight-row groups,
// signed zeros, NaN and infinities, on 1 and 3 workers; and that strided
// inputs and outputs, which take reduceInto, agree too.
func TestReduceShortRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	negZero := math.Copysign(0, -1)
	for cols := 1; cols < 16; cols++ {
		for _, rows := range []int{1, 7, 8, 9, 100, 5000} {
			x := make([]float64, rows*cols)
			for i := range x {
				x[i] = (rng.Float64()*2 - 1) * math.Ldexp(1, rng.IntN(30)-15)
			}
			for j := range cols { // a row of -0
				x[j] = negZero
			}
			if rows > 3 {
				x[2*cols] = math.NaN()
				x[3*cols+cols-1] = math.Inf(1)
			}
			for _, op := range []ReduceOp{Sum, Mean} {
				want := make([]float64, rows)
				for r := range want {
					// + 0: add.reduce's identity, so that a row of -0 sums to +0.
					want[r] = (kernels.Sum(x[r*cols:(r+1)*cols]) + 0) / map[ReduceOp]float64{Sum: 1, Mean: float64(cols)}[op]
				}
				for _, w := range []int{1, 3} {
					got := make([]float64, rows)
					in := arrayOf(x, 0, []int{rows, cols}, []int{cols, 1})
					if !shortRowSums(in, 1, arrayOf(got, 0, []int{rows}, []int{1}), w, nil, 1) {
						t.Fatalf("cols %d: shortRowSums did not take C-ordered rows", cols)
					}
					clear(got)
					if err := Reduce(op, in, 1, arrayOf(got, 0, []int{rows}, []int{1}), 0, w, nil); err != nil {
						t.Fatal(err)
					}
					// The same through reduceInto: a strided output.
					wide := make([]float64, 2*rows)
					if err := Reduce(op, in, 1, arrayOf(wide, 0, []int{rows}, []int{2}), 0, w, nil); err != nil {
						t.Fatal(err)
					}
					for r := range want {
						same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b }
						if !same(got[r], want[r]) || !same(wide[2*r], want[r]) {
							t.Fatalf("%v cols %d rows %d workers %d row %d: %v (strided %v), want %v", op, cols, rows, w, r, got[r], wide[2*r], want[r])
						}
					}
				}
			}
		}
	}
}

// TestReduceShortRowVar checks Var and Std over a last axis shorter than
// 16 of C-ordered float64 (shortRowVar) against NumPy's two passes written
// out per row (the pairwise sum over the count, then the pairwise sum of
// the squared deviations over count - ddof), bit for bit, on 1 and 3
// workers, with NaN and infinities; and that a ddof of the row length or
// more leaves it to the moments reducer.
func TestReduceShortRowVar(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	for cols := 1; cols < 16; cols++ {
		for _, rows := range []int{1, 7, 8, 9, 100, 5000} {
			x := make([]float64, rows*cols)
			for i := range x {
				x[i] = (rng.Float64()*2-1)*math.Ldexp(1, rng.IntN(30)-15) + float64(rng.IntN(5))
			}
			if rows > 3 {
				x[2*cols] = math.NaN()
				x[3*cols+cols-1] = math.Inf(1)
			}
			for _, ddof := range []float64{0, 1, 0.5} {
				if ddof >= float64(cols) {
					continue
				}
				for _, op := range []ReduceOp{Var, Std} {
					want := make([]float64, rows)
					sq := make([]float64, cols)
					for r := range want {
						row := x[r*cols : (r+1)*cols]
						m := kernels.SumPlain(row) / float64(cols)
						for j, v := range row {
							sq[j] = (v - m) * (v - m)
						}
						want[r] = kernels.SumPlain(sq) / (float64(cols) - ddof)
						if op == Std {
							want[r] = math.Sqrt(want[r])
						}
					}
					for _, w := range []int{1, 3} {
						got := make([]float64, rows)
						in := arrayOf(x, 0, []int{rows, cols}, []int{cols, 1})
						if err := Reduce(op, in, 1, arrayOf(got, 0, []int{rows}, []int{1}), ddof, w, nil); err != nil {
							t.Fatal(err)
						}
						for r := range want {
							if math.Float64bits(got[r]) != math.Float64bits(want[r]) && !(got[r] != got[r] && want[r] != want[r]) {
								t.Fatalf("%v cols %d rows %d ddof %v workers %d row %d: %v, want %v", op, cols, rows, ddof, w, r, got[r], want[r])
							}
						}
					}
				}
			}
		}
	}
	x := []float64{1, 2, 3, 4}
	if shortRowVar(arrayOf(x, 0, []int{2, 2}, []int{2, 1}), 1, arrayOf(make([]float64, 2), 0, []int{2}, []int{1}), 2, false, 1, nil) {
		t.Error("shortRowVar took ddof equal to the row length")
	}
	if shortRowVar(arrayOf(x, 0, []int{2, 2}, []int{1, 2}), 1, arrayOf(make([]float64, 2), 0, []int{2}, []int{1}), 0, false, 1, nil) {
		t.Error("shortRowVar took Fortran-ordered rows")
	}
}
