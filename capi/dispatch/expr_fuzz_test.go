package dispatch

import (
	"math"
	"testing"

	"gonp/kernels/expr"
)

// fuzzBytes hands out the fuzzer's bytes one decision at a time; past the
// end every decision is 0.
type fuzzBytes []byte

func (b *fuzzBytes) next() byte {
	if len(*b) == 0 {
		return 0
	}
	v := (*b)[0]
	*b = (*b)[1:]
	return v
}

// n returns a number in [0, k).
func (b *fuzzBytes) n(k int) int { return int(b.next()) % k }

// value returns an operand element: mostly ordinary numbers, sometimes a
// NaN, an infinity, a signed zero or a large magnitude.
func (b *fuzzBytes) value() float64 {
	switch v := b.next(); {
	case v < 8:
		return []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1e300, -1e300, 0.5}[v]
	default:
		return float64(int(v)-128) / 16
	}
}

// fuzzExprs are the programs FuzzEvaluate runs, with the scalar each computes
// from one element of a and b (products rounded before they are added, as
// the interpreter and NumPy do).
var fuzzExprs = []struct {
	code []int64
	ref  func(x, y, c float64) float64
}{
	{ // c*a + 3*b: progAXPY with the constants c and 3
		code: progAXPY,
		ref:  func(x, y, c float64) float64 { return float64(c*x) + float64(3*y) },
	},
	{ // where(a > c, a, b)
		code: []int64{
			int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
			int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
			int64(expr.OpConst), int64(expr.Float64), 2, 0, 0, 0,
			int64(expr.OpGT), int64(expr.Float64), 3, 0, 2, 0,
			int64(expr.OpWhere), int64(expr.Float64), 4, 3, 0, 1,
		},
		ref: func(x, y, c float64) float64 {
			if x > c {
				return x
			}
			return y
		},
	},
	{ // sqrt(a*a + b*b) / c
		code: []int64{
			int64(expr.OpLoad), int64(expr.Float64), 0, 0, 0, 0,
			int64(expr.OpLoad), int64(expr.Float64), 1, 1, 0, 0,
			int64(expr.OpConst), int64(expr.Float64), 2, 0, 0, 0,
			int64(expr.OpMul), int64(expr.Float64), 3, 0, 0, 0,
			int64(expr.OpMul), int64(expr.Float64), 4, 1, 1, 0,
			int64(expr.OpAdd), int64(expr.Float64), 5, 3, 4, 0,
			int64(expr.OpSqrt), int64(expr.Float64), 6, 5, 0, 0,
			int64(expr.OpDiv), int64(expr.Float64), 7, 6, 2, 0,
		},
		ref: func(x, y, c float64) float64 { return math.Sqrt(float64(x*x)+float64(y*y)) / c },
	},
}

// fuzzOperand lays out an operand of the broadcast shape: per axis it is
// broadcast (length 1), read forward or reversed, with a step of 1 or 2.
// It returns the array and the element at each index of shape.
func fuzzOperand(b *fuzzBytes, shape []int) (Array, func(idx []int) float64) {
	nd := len(shape)
	own := make([]int, nd)
	step := make([]int, nd)
	rev := make([]bool, nd)
	for k := range shape {
		own[k] = shape[k]
		if b.n(4) == 0 {
			own[k] = 1
		}
		step[k] = 1 + b.n(2)
		rev[k] = b.n(3) == 0
	}
	// Element strides, innermost axis first, in a buffer of exactly the
	// reach of the view plus a guard at each end.
	strides := make([]int, nd)
	span := 1
	for k := nd - 1; k >= 0; k-- {
		strides[k] = span * step[k]
		span *= max(own[k], 1) * step[k]
	}
	const guard = 3
	buf := make([]float64, span+2*guard)
	for i := range buf {
		buf[i] = b.value()
	}
	off := guard
	for k := range shape {
		if rev[k] && own[k] > 1 {
			off += (own[k] - 1) * strides[k]
			strides[k] = -strides[k]
		}
	}
	a := arrayOf(buf, off, own, strides)
	at := func(idx []int) float64 {
		p := off
		for k, i := range idx {
			if own[k] > 1 {
				p += i * strides[k]
			}
		}
		return buf[p]
	}
	return a, at
}

// FuzzEvaluate runs fixed programs over operands broadcast, strided and
// reversed every way an n-d view allows, elementwise into a C, Fortran or
// reversed out, or reduced (sum, min, max) over any subset of the axes, on
// 1-3 workers, and compares every element with the program's scalar form.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{1, 5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	f.Add([]byte{3, 4, 3, 2, 1, 0, 2, 1, 1, 0, 0, 200, 7, 30, 90, 2, 1, 3})
	f.Add([]byte{2, 6, 6, 6, 2, 1, 2, 0, 1, 2, 3, 1, 200, 100, 50, 25})
	f.Fuzz(func(t *testing.T, data []byte) {
		b := fuzzBytes(data)
		nd := 1 + b.n(3)
		shape := make([]int, nd)
		for k := range shape {
			shape[k] = b.n(7)
		}
		prog := fuzzExprs[b.n(len(fuzzExprs))]
		c := b.value()
		workers := 1 + b.n(3)
		red := []ExprReduce{ExprNone, ExprNone, ExprSum, ExprMin, ExprMax}[b.n(5)]
		xa, x := fuzzOperand(&b, shape)
		ya, y := fuzzOperand(&b, shape)
		value := func(idx []int) float64 { return prog.ref(x(idx), y(idx), c) }

		if red == ExprNone {
			// out: C order, Fortran order, or C order with every axis reversed.
			size := 1
			for _, s := range shape {
				size *= s
			}
			layout := b.n(3)
			strides := make([]int, nd)
			span := 1
			for k := range nd {
				kk := nd - 1 - k // C: innermost last
				if layout == 1 {
					kk = k // Fortran: innermost first
				}
				strides[kk] = span
				span *= max(shape[kk], 1)
			}
			off := 0
			if layout == 2 && size > 0 {
				for k := range strides {
					off += (shape[k] - 1) * strides[k]
					strides[k] = -strides[k]
				}
			}
			out := make([]float64, max(size, 1))
			o := arrayOf(out, off, shape, strides)
			if err := Evaluate(prog.code, []float64{c, 3}, []Array{xa, ya}, o, shape, ExprNone, 0, 0, workers, nil); err != nil {
				t.Fatalf("shape %v: %v", shape, err)
			}
			forEachIndex(shape, func(idx []int) {
				p := off
				for k, i := range idx {
					p += i * strides[k]
				}
				got, want := out[p], value(idx)
				if math.Float64bits(got) != math.Float64bits(want) && !(got != got && want != want) {
					t.Fatalf("shape %v idx %v: got %v want %v", shape, idx, got, want)
				}
			})
			return
		}

		var mask uint64
		var kept []int
		empty := false
		for k := range shape {
			if b.n(2) == 0 {
				mask |= 1 << k
				empty = empty || shape[k] == 0
			} else {
				kept = append(kept, shape[k])
			}
		}
		nk := 1
		for _, s := range kept {
			nk *= s
		}
		out := make([]float64, max(nk, 1))
		ostr := make([]int, len(kept))
		for k, span := len(kept)-1, 1; k >= 0; k-- {
			ostr[k] = span // NumPy's C-order strides, 0 past an empty axis
			span *= kept[k]
		}
		err := Evaluate(prog.code, []float64{c, 3}, []Array{xa, ya}, arrayOf(out, 0, kept, ostr), shape, red, mask, 0, workers, nil)
		if empty && red != ExprSum && nk > 0 {
			if err == nil {
				t.Fatalf("shape %v mask %b: %v of an empty axis gave no error", shape, mask, red)
			}
			return
		}
		if err != nil {
			t.Fatalf("shape %v mask %b: %v", shape, mask, err)
		}
		// The reference, in C order of the full index: per kept element the
		// sum (and the sum of magnitudes, which bounds its rounding error),
		// or the min/max with NaN propagating.
		want := make([]float64, len(out))
		abs := make([]float64, len(out))
		seen := make([]bool, len(out))
		forEachIndex(shape, func(idx []int) {
			p, j := 0, 0
			for k, i := range idx {
				if mask>>k&1 == 0 {
					p += i * ostr[j]
					j++
				}
			}
			v := value(idx)
			switch {
			case red == ExprSum:
				want[p] += v
				abs[p] += math.Abs(v)
			case !seen[p] || want[p] != want[p]:
				if !seen[p] {
					want[p] = v
				}
			case v != v, red == ExprMin && v < want[p], red == ExprMax && v > want[p]:
				want[p] = v
			}
			seen[p] = true
		})
		count := 1
		for k := range shape {
			if mask>>k&1 != 0 {
				count *= shape[k]
			}
		}
		for p := range nk {
			got, w := out[p], want[p]
			switch {
			case red != ExprSum:
				if got != w && !(got != got && w != w) {
					t.Fatalf("shape %v mask %b %v: element %d got %v want %v", shape, mask, red, p, got, w)
				}
			case math.IsInf(abs[p], 0):
				// An infinity among the terms, or partial sums that may
				// overflow in one order and not another: no bound applies.
			case w != w:
				if got == got {
					t.Fatalf("shape %v mask %b sum: element %d got %v want NaN", shape, mask, p, got)
				}
			case math.Abs(got-w) > 2.3e-16*float64(count)*abs[p]:
				// Any order of count additions is within count·eps·Σ|x|.
				t.Fatalf("shape %v mask %b sum: element %d got %v want %v", shape, mask, p, got, w)
			}
		}
	})
}
