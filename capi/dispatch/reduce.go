package dispatch

import (
	"fmt"
	"math"
	"unsafe"

	"gonp/kernels"
	"gonp/parallel"
)

// ReduceOp selects a reduction. Python reads the codes from the library;
// capi/gonp.h spells them too, and a test checks that it agrees.
type ReduceOp int32

// The reductions.
const (
	Sum  ReduceOp = 0
	Mean ReduceOp = 1
	Var  ReduceOp = 2
	Std  ReduceOp = 3
	Min  ReduceOp = 4
	Max  ReduceOp = 5
)

// String returns the reduction's NumPy name, such as "sum".
func (op ReduceOp) String() string {
	if op >= Sum && op <= Max {
		return [...]string{"sum", "mean", "var", "std", "min", "max"}[op]
	}
	return fmt.Sprintf("ReduceOp(%d)", int32(op))
}

// Block sizes fix the summation tree. They depend on the input's shape only,
// never on the worker count, which is what makes reductions bit-identical
// for any number of threads.
const (
	// reduceBlock is the elements per block of a reduction to one value.
	reduceBlock = 1 << 14
	// leafRows is the most rows a column accumulator adds one after another
	// before results are combined pairwise, as NumPy's pairwise sum does.
	leafRows = 128
	// rowBlockElems sets how many elements a block of rows holds in a
	// reduction over rows of a contiguous kept axis.
	rowBlockElems = 1 << 15
	// columnGrain is the fewest columns a pool chunk gets when columns are split.
	columnGrain = 256

	// reduceTileBytes bounds the column partials one leaf of rows adds
	// into (see reduceInto).
	reduceTileBytes = 64 << 10
)

// reducer describes one reduction on element type T with partial results A.
//
// A shifted reducer (moments) works on x - about, where about is one value
// per reduced slice (its first element when finite): all partials of a slice
// then hold means relative to the same point, so merging them loses nothing
// to a large common offset. Other reducers ignore about.
type reducer[T kernels.Number, A any] struct {
	shifted bool
	// run reduces n elements at x[off], x[off+inc], ...
	run func(x []T, n, inc, off int, about float64) A
	// merge combines two partials, left before right.
	merge func(a, b A) A
	// rows overwrites dst[j] with the reduction of rows×len(dst) elements
	// x[off + r*ld + j] (the kept axis is contiguous).
	rows func(dst []A, x []T, rows, ld, off int, about []float64)
}

// Reduce reduces x over its last nreduce axes into out, whose shape is the
// other axes of x (Python moves the reduced axes last, as views). Every
// reduced slice must be non-empty: Python serves empty ones through NumPy.
// ddof is used by Var and Std.
func Reduce(op ReduceOp, x Array, nreduce int, out Array, ddof float64, workers int, cancel *int32) error {
	if !isNumeric(x.DType) {
		return typeErrorf("unsupported dtype %v", x.DType)
	}
	nk, rcount, err := checkReduction(x, nreduce, out)
	if err != nil {
		return err
	}
	if rcount == 0 {
		return nil
	}
	if !AcceptsResult(op, x.DType, out.DType) {
		return typeErrorf("%v reduction of %v gives %v, not %v", op, x.DType, ResultDType(op, x.DType), out.DType)
	}
	switch x.DType {
	case Float32:
		return reduceTyped[float32](op, x, nk, out, ddof, rcount, workers, cancel)
	case Float64:
		return reduceTyped[float64](op, x, nk, out, ddof, rcount, workers, cancel)
	case Int32:
		return reduceTyped[int32](op, x, nk, out, ddof, rcount, workers, cancel)
	case Int64:
		return reduceTyped[int64](op, x, nk, out, ddof, rcount, workers, cancel)
	}
	return typeErrorf("unsupported dtype %v", x.DType)
}

// checkReduction validates x, the number of reduced (last) axes and the
// outputs, which must have x's other axes as their shape. It returns the
// number of kept axes and the size of each reduced slice, or 0 if there is
// nothing to write (every output is empty).
func checkReduction(x Array, nreduce int, outs ...Array) (nk, rcount int, err error) {
	if err := x.check("input"); err != nil {
		return 0, 0, err
	}
	nk = len(x.Shape) - nreduce
	if nreduce < 0 || nk < 0 {
		return 0, 0, valueErrorf("cannot reduce %d axes of a %d-dimensional array", nreduce, len(x.Shape))
	}
	for _, o := range outs {
		if err := o.check("out"); err != nil {
			return 0, 0, err
		}
		if !sameShape(x.Shape[:nk], o.Shape) {
			return 0, 0, valueErrorf("out shape %v does not match the reduced shape %v", o.Shape, x.Shape[:nk])
		}
	}
	if outs[0].Size() == 0 {
		return nk, 0, nil
	}
	rcount = 1
	for _, s := range x.Shape[nk:] {
		rcount *= s
	}
	if rcount == 0 {
		return 0, 0, valueErrorf("zero-size reduction")
	}
	return nk, rcount, nil
}

func isFloat(d DType) bool { return d == Float32 || d == Float64 }

// isNumeric reports whether d is one of the dtypes the reductions and
// statistics compute (bool is Evaluate's alone), checked first, as an
// unknown dtype code is.
func isNumeric(d DType) bool { return isFloat(d) || d == Int32 || d == Int64 }

// ResultDType is NumPy's result dtype for a reduction of in with no dtype=
// given. It and AcceptsResult are the one statement of the reductions' dtype
// rules: Python reads them from the library (gonp_codes) rather than
// restating them.
func ResultDType(op ReduceOp, in DType) DType {
	switch {
	case op == Min || op == Max:
		return in
	case isFloat(in):
		return in
	case op == Sum:
		return Int64
	}
	return Float64
}

// AcceptsResult reports whether the Go reduction of in computes a result of
// dtype out as NumPy does with dtype=out: NumPy's default, or float64 for a
// float32 sum, mean, var or std (gonp accumulates float32 in float64 anyway,
// so asking for float64 costs nothing). Other requests are NumPy's to serve.
func AcceptsResult(op ReduceOp, in, out DType) bool {
	if out == ResultDType(op, in) {
		return true
	}
	return isFloat(in) && out == Float64 && op != Min && op != Max
}

func reduceTyped[T kernels.Number](op ReduceOp, x Array, nk int, out Array, ddof float64, rcount, workers int, cancel *int32) error {
	n := float64(rcount)
	switch op {
	case Sum, Mean:
		scale := 1.0 // a sum is a mean with divisor 1, which is exact
		if op == Mean {
			scale = n
		}
		var zero T
		switch any(zero).(type) {
		case int64:
			if op == Mean {
				// NumPy accumulates an integer mean in float64. An int64
				// sum wraps for values near the int64 limits (the mean of
				// 4 × 2**62 would come out 0), so take the float64 mean
				// of the moments instead (out is float64: Reduce checked).
				// int32 sums cannot wrap in int64.
				vo := viewOf[float64](out)
				reduceInto(momentsReducer[T](), x, nk, out, workers, cancel, func(off int, m kernels.Moments, about float64) {
					vo.buf[off] = m.Mean + about
				}, nil)
				return cancelled(cancel)
			}
			return runReduceInt(sumReducer[T, int64](), x, nk, out, workers, cancel)
		case int32:
			if op == Mean {
				return runReduce(sumReducer[T, int64](), x, nk, out, workers, cancel, func(a int64) float64 { return float64(a) / n })
			}
			return runReduceInt(sumReducer[T, int64](), x, nk, out, workers, cancel)
		}
		return runReduceScaled(sumReducer[T, float64](), x, nk, out, workers, cancel, scale)
	case Var, Std:
		if shortRowVar(x, nk, out, ddof, op == Std, workers, cancel) {
			return cancelled(cancel)
		}
		return runReduce(momentsReducer[T](), x, nk, out, workers, cancel, func(m kernels.Moments) float64 {
			v := m.M2 / (m.N - ddof)
			if m.N-ddof <= 0 {
				v = math.Inf(1)
				if m.M2 == 0 || math.IsNaN(m.M2) {
					v = math.NaN()
				}
			}
			if op == Std {
				return math.Sqrt(v)
			}
			return v
		})
	case Min, Max:
		return runReduceSame(extremeReducer[T](op == Max), x, nk, out, workers, cancel)
	}
	return valueErrorf("unknown reduction %d", op)
}

// sumReducer adds in A: float64 for float input, int64 (wrapping like
// NumPy's) for int input.
func sumReducer[T kernels.Number, A float64 | int64]() reducer[T, A] {
	return reducer[T, A]{
		run: func(x []T, n, inc, off int, _ float64) A {
			switch xs := any(x).(type) {
			case []float32:
				return A(floatSum(xs, n, inc, off))
			case []float64:
				return A(floatSum(xs, n, inc, off))
			case []int32:
				return A(intSum(xs, n, inc, off))
			case []int64:
				return A(intSum(xs, n, inc, off))
			}
			panic("dispatch: sum of an unknown element type")
		},
		merge: func(a, b A) A { return a + b },
		rows: func(dst []A, x []T, rows, ld, off int, _ []float64) {
			clear(dst)
			switch xs := any(x).(type) {
			case []float32:
				kernels.SumRows(any(dst).([]float64), xs[off:], rows, len(dst), ld)
			case []float64:
				kernels.SumRows(any(dst).([]float64), xs[off:], rows, len(dst), ld)
			case []int32:
				kernels.SumRowsInt(any(dst).([]int64), xs[off:], rows, len(dst), ld)
			case []int64:
				kernels.SumRowsInt(any(dst).([]int64), xs[off:], rows, len(dst), ld)
			}
		},
	}
}

// floatSum is the sum of x[off], x[off+inc], ... (n elements) in float64.
func floatSum[F kernels.Float](x []F, n, inc, off int) float64 {
	if inc == 1 {
		return kernels.Sum(x[off : off+n])
	}
	return kernels.SumInc(x, n, inc, off)
}

// intSum is floatSum for ints, in wrapping int64.
func intSum[I int32 | int64](x []I, n, inc, off int) int64 {
	if inc == 1 {
		return kernels.SumInt(x[off : off+n])
	}
	return kernels.SumIntInc(x, n, inc, off)
}

func momentsReducer[T kernels.Number]() reducer[T, kernels.Moments] {
	return reducer[T, kernels.Moments]{
		shifted: true,
		run: func(x []T, n, inc, off int, about float64) kernels.Moments {
			if inc == 1 {
				return kernels.MomentsOfAbout(x[off:off+n], about)
			}
			return kernels.MomentsOfIncAbout(x, n, inc, off, about)
		},
		merge: func(a, b kernels.Moments) kernels.Moments { return a.Merge(b) },
		rows: func(dst []kernels.Moments, x []T, rows, ld, off int, about []float64) {
			kernels.MomentsRowsAbout(dst, x[off:], rows, len(dst), ld, about)
		},
	}
}

func isNaN[T kernels.Number](v T) bool { return v != v }

func extremeReducer[T kernels.Number](max bool) reducer[T, T] {
	r := reducer[T, T]{}
	if max {
		r.run = func(x []T, n, inc, off int, _ float64) T {
			if inc == 1 {
				return kernels.Max(x[off : off+n])
			}
			return kernels.MaxInc(x, n, inc, off)
		}
		r.merge = func(a, b T) T {
			if isNaN(a) || a >= b {
				return a
			}
			return b
		}
	} else {
		r.run = func(x []T, n, inc, off int, _ float64) T {
			if inc == 1 {
				return kernels.Min(x[off : off+n])
			}
			return kernels.MinInc(x, n, inc, off)
		}
		r.merge = func(a, b T) T {
			if isNaN(a) || a <= b {
				return a
			}
			return b
		}
	}
	r.rows = func(dst []T, x []T, rows, ld, off int, _ []float64) {
		copy(dst, x[off:off+len(dst)])
		if rows > 1 {
			if max {
				kernels.MaxRows(dst, x[off+ld:], rows-1, len(dst), ld)
			} else {
				kernels.MinRows(dst, x[off+ld:], rows-1, len(dst), ld)
			}
		}
	}
	return r
}

// runReduce reduces into a float output through finish.
func runReduce[T kernels.Number, A any](r reducer[T, A], x Array, nk int, out Array, workers int, cancel *int32, finish func(A) float64) error {
	switch out.DType {
	case Float32:
		vo := viewOf[float32](out)
		reduceInto(r, x, nk, out, workers, cancel, func(off int, a A, _ float64) { vo.buf[off] = float32(finish(a)) },
			func(off0, step int, vals []A, _ []float64) {
				for j, a := range vals {
					vo.buf[off0+j*step] = float32(finish(a))
				}
			})
	case Float64:
		vo := viewOf[float64](out)
		reduceInto(r, x, nk, out, workers, cancel, func(off int, a A, _ float64) { vo.buf[off] = finish(a) },
			func(off0, step int, vals []A, _ []float64) {
				for j, a := range vals {
					vo.buf[off0+j*step] = finish(a)
				}
			})
	default:
		return typeErrorf("float reduction into %v", out.DType)
	}
	return cancelled(cancel)
}

// runReduceScaled is runReduce of a float64 sum divided by scale (1 for
// a sum, the count for a mean), with the division written out rather than
// called per element: on 1e6 outputs the call cost as much as the sum.
func runReduceScaled[T kernels.Number](r reducer[T, float64], x Array, nk int, out Array, workers int, cancel *int32, scale float64) error {
	switch out.DType {
	case Float32:
		vo := viewOf[float32](out)
		// a + 0: NumPy's add.reduce starts from +0, so a sum of -0 alone
		// is +0 (a column's partials start from +0 already).
		reduceInto(r, x, nk, out, workers, cancel, func(off int, a float64, _ float64) { vo.buf[off] = float32((a + 0) / scale) },
			func(off0, step int, vals []float64, _ []float64) {
				for j, a := range vals {
					vo.buf[off0+j*step] = float32(a / scale)
				}
			})
	case Float64:
		if shortRowSums(x, nk, out, workers, cancel, scale) {
			return cancelled(cancel)
		}
		vo := viewOf[float64](out)
		reduceInto(r, x, nk, out, workers, cancel, func(off int, a float64, _ float64) { vo.buf[off] = (a + 0) / scale },
			func(off0, step int, vals []float64, _ []float64) {
				if step == 1 && scale == 1 {
					copy(vo.buf[off0:off0+len(vals)], vals)
					return
				}
				for j, a := range vals {
					vo.buf[off0+j*step] = a / scale
				}
			})
	default:
		return typeErrorf("float reduction into %v", out.DType)
	}
	return cancelled(cancel)
}

// shortRowSums does runReduceScaled's float64 sum (or mean) over the last
// axis where it is shorter than 16 and x and out are C-contiguous: rows
// that follow each other, summed by one kernels.AddRowSums call a chunk
// of rows into out. reduceInto reduces each row as a slice of its
// own, at about 20 ns a row of closures and dispatch, which was most of
// sum(x, axis=1) on 1e6x8. The bits are reduceInto's: below 16 elements
// kernels.Sum is the pairwise sum AddRowSums does at every level. It
// reports whether it ran.
func shortRowSums(x Array, nk int, out Array, workers int, cancel *int32, scale float64) bool {
	xs, os, cols, ok := shortRows(x, nk, out)
	if !ok {
		return false
	}
	rows := len(os)
	forEach(cancel, workers, rows, max(1, reduceBlock/cols), func(lo, hi int) {
		o := os[lo:hi]
		// NumPy's add.reduce starts from its identity, +0: a row of -0
		// sums to +0, every other sum is unchanged.
		clear(o)
		kernels.AddRowSums(o, xs[lo*cols:hi*cols], cols)
		if scale != 1 {
			for i := range o {
				o[i] /= scale
			}
		}
	})
	return true
}

// shortRowVar does Var and Std of float64 over a last axis shorter than
// 16 where x and out are C-contiguous and ddof < the row length, as
// NumPy's _var computes them: each row's mean its pairwise sum divided by
// the count, then the pairwise sum of the squared deviations divided by
// count - ddof (and its square root for Std), giving NumPy's bits.
// A chunk of rows takes two kernels.AddRowSums calls and one pass of
// deviations through scratch; the moments reducer took a call and its
// closures per row (std over 1e6x8: about 30 ns a row on 2 workers). It
// reports whether it ran.
func shortRowVar(x Array, nk int, out Array, ddof float64, std bool, workers int, cancel *int32) bool {
	xs, os, cols, ok := shortRows(x, nk, out)
	if !ok || out.DType != Float64 || !(float64(cols)-ddof > 0) {
		return false
	}
	rows := len(os)
	n, div := float64(cols), float64(cols)-ddof
	grain := max(1, reduceBlock/cols)
	forEach(cancel, workers, rows, grain, func(lo, hi int) {
		sq := make([]float64, 0, grain*cols)
		means := make([]float64, 0, grain)
		for r0 := lo; r0 < hi; r0 += grain {
			r1 := min(r0+grain, hi)
			blk := xs[r0*cols : r1*cols]
			m := means[:r1-r0]
			clear(m) // +0, add.reduce's identity, as in shortRowSums
			kernels.AddRowSums(m, blk, cols)
			d := sq[:len(blk)]
			for i := range m {
				mi := m[i] / n
				row := blk[i*cols : (i+1)*cols]
				dr := d[i*cols : (i+1)*cols]
				for j, v := range row {
					dv := v - mi
					dr[j] = dv * dv
				}
			}
			o := os[r0:r1]
			clear(o)
			kernels.AddRowSums(o, d, cols)
			for i := range o {
				v := o[i] / div
				if std {
					v = math.Sqrt(v)
				}
				o[i] = v
			}
		}
	})
	return true
}

// shortRows returns, for a float64 x reduced over its last axis (nk kept
// axes) where that axis is shorter than 16 and x and out are C-contiguous,
// x's elements, out's, and the row length; ok is false otherwise.
func shortRows(x Array, nk int, out Array) (xs, os []float64, cols int, ok bool) {
	if x.DType != Float64 || nk != len(x.Shape)-1 || nk < 1 {
		return nil, nil, 0, false
	}
	cols = x.Shape[nk]
	rows := out.Size()
	if cols < 1 || cols >= 16 || rows*cols != x.Size() || rows == 0 {
		return nil, nil, 0, false
	}
	vx, vo := viewOf[float64](x), viewOf[float64](out)
	if !cContiguous(vx.shape, vx.strides) || !cContiguous(vo.shape, vo.strides) {
		return nil, nil, 0, false
	}
	return vx.buf[vx.off : vx.off+rows*cols], vo.buf[vo.off : vo.off+rows], cols, true
}

// cContiguous reports whether element strides describe C order with no
// gaps (axes of length 1 aside).
func cContiguous(shape, strides []int) bool {
	want := 1
	for k := len(shape) - 1; k >= 0; k-- {
		if shape[k] == 1 {
			continue
		}
		if strides[k] != want {
			return false
		}
		want *= shape[k]
	}
	return true
}

func runReduceInt[T kernels.Number](r reducer[T, int64], x Array, nk int, out Array, workers int, cancel *int32) error {
	vo := viewOf[int64](out)
	reduceInto(r, x, nk, out, workers, cancel, func(off int, a int64, _ float64) { vo.buf[off] = a },
		func(off0, step int, vals []int64, _ []float64) {
			for j, a := range vals {
				vo.buf[off0+j*step] = a
			}
		})
	return cancelled(cancel)
}

func runReduceSame[T kernels.Number](r reducer[T, T], x Array, nk int, out Array, workers int, cancel *int32) error {
	vo := viewOf[T](out)
	reduceInto(r, x, nk, out, workers, cancel, func(off int, a T, _ float64) { vo.buf[off] = a },
		func(off0, step int, vals []T, _ []float64) {
			for j, a := range vals {
				vo.buf[off0+j*step] = a
			}
		})
	return cancelled(cancel)
}

// pairwise combines a stream of partials as a balanced binary tree, like a
// binary counter: equal-sized groups merge as soon as both exist. Error then
// grows with the log of the number of partials, not linearly.
type pairwise[A any] struct {
	merge  func(a, b A) A
	vals   []A
	counts []int
}

func (p *pairwise[A]) push(a A) {
	c := 1
	for len(p.counts) > 0 && p.counts[len(p.counts)-1] == c {
		top := len(p.vals) - 1
		a = p.merge(p.vals[top], a)
		c *= 2
		p.vals, p.counts = p.vals[:top], p.counts[:top]
	}
	p.vals = append(p.vals, a)
	p.counts = append(p.counts, c)
}

func (p *pairwise[A]) result() A {
	a := p.vals[len(p.vals)-1]
	for i := len(p.vals) - 2; i >= 0; i-- {
		a = p.merge(p.vals[i], a)
	}
	return a
}

// reduceInto runs reducer r over the reduced axes of x and hands each kept
// element's partial to put with the element's offset in out and the slice's
// about (0 unless r is shifted). putRun, where not nil, takes a run of them
// at once instead: the partials of kept elements off0, off0+step, ... and
// their abouts.
func reduceInto[T kernels.Number, A any](r reducer[T, A], x Array, nk int, out Array, workers int, cancel *int32, put func(off int, a A, about float64), putRun func(off0, step int, vals []A, about []float64)) {
	vx := viewOf[T](x)
	outStrides, outLo, _ := elementLayout(out)
	outBase := -outLo
	kept := newLayout(x.Shape[:nk], 2,
		[maxOperands][]int{outStrides, vx.strides[:nk]},
		[maxOperands]int{outBase, vx.off})
	red := newLayout(x.Shape[nk:], 1, [maxOperands][]int{vx.strides[nk:]}, [maxOperands]int{0})
	kcount, rcount := kept.size(), red.size()

	// aboutAt is the shift of the slice whose first element is at x offset
	// base: that element (the walk's first), when finite.
	firstOff := 0
	red.walk(0, 1, func(offs [maxOperands]int, n int) { firstOff = offs[0] })
	aboutAt := func(base int) float64 {
		if !r.shifted {
			return 0
		}
		return kernels.MomentShift(vx.buf[base+firstOff])
	}

	// reduceSlice reduces the reduced axes at x offset base, in blocks that
	// depend on rcount only, and puts the result at out offset o.
	// A slice that is one run of at most one block is a single call of
	// r.run: what the blocked walk below computes for it, without its
	// closures and merges, which cost far more than a short run itself
	// (sum over rows of 8 elements: 180 against 20 ns a row).
	oneRun := len(red.shape) == 1 && rcount <= reduceBlock
	reduceSlice := func(o, base, w int) {
		about := aboutAt(base)
		if oneRun {
			put(o, r.run(vx.buf, rcount, red.innerStride(0), base+firstOff, about), about)
			return
		}
		part := func(lo, hi int) A {
			if stopped(cancel) {
				var zero A // discarded: the call reports Cancelled
				return zero
			}
			p := pairwise[A]{merge: r.merge}
			red.walk(lo, hi, func(offs [maxOperands]int, n int) {
				p.push(r.run(vx.buf, n, red.innerStride(0), base+offs[0], about))
			})
			return p.result()
		}
		put(o, parallel.Reduce(w, rcount, reduceBlock, part, r.merge), about)
	}

	if kcount == 1 {
		kept.walk(0, 1, func(offs [maxOperands]int, n int) { reduceSlice(offs[0], offs[1], workers) })
		return
	}

	keptInner := len(kept.shape) - 1
	// Row accumulation needs the kept axis contiguous and rows that follow
	// one another forward without overlapping (not broadcast, not reversed).
	contiguousKept := len(kept.shape) == 1 && kept.strides[1][keptInner] == 1 && red.innerStride(0) >= kcount
	if !contiguousKept {
		// Each kept element reduces its own slice; the pool splits kept
		// elements, or the slice itself when there are too few of them.
		if kcount < 4*callWorkers(workers) && rcount >= 4*reduceBlock {
			kept.walk(0, kcount, func(offs [maxOperands]int, n int) {
				for j := 0; j < n; j++ {
					reduceSlice(offs[0]+j*kept.strides[0][keptInner], offs[1]+j*kept.strides[1][keptInner], workers)
				}
			})
			return
		}
		grain := max(1, reduceBlock/rcount)
		forEach(cancel, workers, kcount, grain, func(lo, hi int) {
			kept.walk(lo, hi, func(offs [maxOperands]int, n int) {
				for j := 0; j < n; j++ {
					reduceSlice(offs[0]+j*kept.strides[0][keptInner], offs[1]+j*kept.strides[1][keptInner], 1)
				}
			})
		})
		return
	}

	// The kept axis is contiguous: add whole rows into per-column partials.
	cols := kcount
	rowBlock := max(leafRows, rowBlockElems/cols)
	so := kept.strides[0][0]
	about := make([]float64, cols)
	if r.shifted {
		for j := range about {
			about[j] = aboutAt(vx.off + j)
		}
	}
	// rowsOf reduces columns [c0, c1) over rows [lo, hi). Vectors merged
	// away are reused for later leaves, so a block allocates about
	// log2(rows/leafRows) of them, not one per leaf; with spare (one
	// goroutine's list) they are also kept for its next tile.
	rowsOf := func(c0, c1 int, spare *[][]A) func(lo, hi int) []A {
		return func(lo, hi int) []A {
			if stopped(cancel) {
				return nil // discarded: the call reports Cancelled
			}
			var local [][]A
			free := &local
			if spare != nil {
				free = spare
			}
			p := pairwise[[]A]{merge: func(a, b []A) []A {
				for j := range a {
					a[j] = r.merge(a[j], b[j])
				}
				*free = append(*free, b)
				return a
			}}
			red.walk(lo, hi, func(offs [maxOperands]int, n int) {
				ld := red.innerStride(0)
				for r0 := 0; r0 < n; r0 += leafRows {
					nr := min(leafRows, n-r0)
					var dst []A
					if k := len(*free); k > 0 && cap((*free)[k-1]) >= c1-c0 {
						dst, *free = (*free)[k-1][:c1-c0], (*free)[:k-1]
					} else {
						dst = make([]A, c1-c0)
					}
					r.rows(dst, vx.buf, nr, ld, vx.off+c0+offs[0]+r0*ld, about[c0:c1])
					p.push(dst)
				}
			})
			return p.result()
		}
	}
	mergeCols := func(a, b []A) []A {
		if a == nil || b == nil { // a block skipped after a cancel
			return nil
		}
		for j := range a {
			a[j] = r.merge(a[j], b[j])
		}
		return a
	}
	emit := func(c0 int, vals []A) {
		if putRun != nil {
			putRun(outBase+c0*so, so, vals, about[c0:c0+len(vals)])
			return
		}
		for j, v := range vals {
			put(outBase+(c0+j)*so, v, about[c0+j])
		}
	}
	var zero A
	tile := max(columnGrain, reduceTileBytes/int(unsafe.Sizeof(zero)))
	if blocks := (rcount + rowBlock - 1) / rowBlock; cols >= 2*columnGrain && (cols > tile || blocks < 2*callWorkers(workers)) {
		// Rows whose partials pass a tile (64 KiB) are split by columns: a
		// chunk of columns is reduced a tile of them at a time, so that
		// the partials a leaf of rows adds into stay in L2 (the whole chunk's
		// partials, megabytes for 8 rows of 1e6, went to memory and back for
		// every row). The tile changes no column's order of additions:
		// rowBlock depends on cols and rcount only. Narrower rows, where
		// there are blocks of rows enough for two per worker, are split by
		// those blocks below, each goroutine reading whole rows: split by
		// columns, two goroutines each read half of every row, and
		// sum(x, axis=0) of 2000x4000 float64 took 6.7 ms on 2 workers
		// against 2.4 ms (10000x800: 4.9 against 2.9 ms).
		forEach(cancel, workers, cols, columnGrain, func(c0, c1 int) {
			var spare [][]A
			for t0 := c0; t0 < c1; t0 += tile {
				t1 := min(t0+tile, c1)
				vals := parallel.Reduce(1, rcount, rowBlock, rowsOf(t0, t1, &spare), mergeCols)
				emit(t0, vals)
				if vals != nil {
					spare = append(spare, vals)
				}
			}
		})
		return
	}
	emit(0, parallel.Reduce(workers, rcount, rowBlock, rowsOf(0, cols, nil), mergeCols))
}

// MeanVar computes the mean and the variance (divisor N - ddof) of x over
// its last nreduce axes in one pass, into float64 arrays of x's other axes:
// the statistics pass of normalize and standardize.
func MeanVar(x Array, nreduce int, meanOut, varOut Array, ddof float64, workers int, cancel *int32) error {
	if !isNumeric(x.DType) {
		return typeErrorf("unsupported dtype %v", x.DType)
	}
	nk, rcount, err := checkReduction(x, nreduce, meanOut, varOut)
	if err != nil {
		return err
	}
	for _, o := range []Array{meanOut, varOut} {
		if o.DType != Float64 {
			return typeErrorf("statistics outputs must be float64, not %v", o.DType)
		}
	}
	if rcount == 0 {
		return nil
	}
	// Both outputs share one layout, so the offset put receives for the mean
	// output is translated to the variance output's.
	if !sameStrides(meanOut, varOut) {
		return valueErrorf("mean and variance outputs must have the same strides")
	}
	vm, vv := viewOf[float64](meanOut), viewOf[float64](varOut)
	put := func(off int, m kernels.Moments, about float64) {
		vm.buf[off] = m.Mean + about
		vv.buf[off-vm.off+vv.off] = m.M2 / (m.N - ddof)
	}
	switch x.DType {
	case Float32:
		reduceInto(momentsReducer[float32](), x, nk, meanOut, workers, cancel, put, nil)
	case Float64:
		reduceInto(momentsReducer[float64](), x, nk, meanOut, workers, cancel, put, nil)
	case Int32:
		reduceInto(momentsReducer[int32](), x, nk, meanOut, workers, cancel, put, nil)
	case Int64:
		reduceInto(momentsReducer[int64](), x, nk, meanOut, workers, cancel, put, nil)
	default:
		return typeErrorf("unsupported dtype %v", x.DType)
	}
	return cancelled(cancel)
}

func sameStrides(a, b Array) bool { return sameShape(a.Strides, b.Strides) }
