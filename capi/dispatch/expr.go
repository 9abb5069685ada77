package dispatch

import (
	le "encoding/binary"
	"errors"
	"math"
	"sync"
	"unsafe"

	"gonp/kernels"
	"gonp/kernels/expr"
	"gonp/kernels/vmath"
)

// ExprReduce names the reduction an evaluated expression ends with.
type ExprReduce int32

// The outer reductions of Evaluate (ExprNone: elementwise).
const (
	ExprNone ExprReduce = iota
	ExprSum
	ExprProd
	ExprMin
	ExprMax
	ExprMean
	ExprVar
	ExprStd
)

var exprReduceNames = [...]string{"none", "sum", "prod", "min", "max", "mean", "var", "std"}

func (r ExprReduce) String() string {
	if r >= 0 && int(r) < len(exprReduceNames) {
		return exprReduceNames[r]
	}
	return "reduce(?)"
}

// ExprReduceResult returns the dtype NumPy gives reduction r of values of
// dtype d (sum and prod of integers and bools: int64; mean, var and std of
// them: float64).
func ExprReduceResult(r ExprReduce, d DType) DType {
	switch r {
	case ExprSum, ExprProd:
		if d == Int32 || d == Bool {
			return Int64
		}
	case ExprMean, ExprVar, ExprStd:
		if !isFloat(d) {
			return Float64
		}
	}
	return d
}

// exprChunk is the fixed unit of a reduction: partial results cover
// exprChunk elements of one output (or whole outputs, when an output reduces
// fewer), wherever the pool's chunks fall, so a reduction gives the same
// bits for any thread count.
const exprChunk = 1 << 14

// exprGrain is the fewest elements a pool chunk of an elementwise
// evaluation gets.
const exprGrain = 1 << 14

// exprOperand is one array of an evaluation, broadcast to the iteration shape.
type exprOperand struct {
	dt   DType
	base unsafe.Pointer // element (0,...,0)
	size int
	st   []int // element strides over the iteration exprSpace (after coalescing)
}

// Evaluate runs a compiled expression (code and consts, see kernels/expr)
// over ins broadcast to shape. With red == ExprNone, out has shape and
// receives the result (any gonp dtype: the result is converted as NumPy's
// astype does; Python checks the casting rule). Otherwise the axes whose bit
// is set in mask are reduced and out is a C-contiguous array of the kept
// axes' elements, of dtype ExprReduceResult(red, result).
func Evaluate(code []int64, consts []float64, ins []Array, out Array, shape []int, red ExprReduce, mask uint64, ddof float64, workers int, cancel *int32) error {
	if err := out.check("out"); err != nil {
		return err
	}
	dts := make([]expr.DType, len(ins))
	for k, in := range ins {
		if err := in.check("input"); err != nil {
			return err
		}
		dts[k] = expr.DType(in.DType)
	}
	prog, err := compileCached(code, consts, dts)
	if err != nil {
		return valueErrorf("%v", err)
	}
	for _, s := range shape {
		if s < 0 {
			return valueErrorf("negative dimension %d", s)
		}
	}
	if len(shape) > 64 {
		return valueErrorf("%d dimensions", len(shape))
	}
	// Broadcast each input: right-aligned, length-1 axes get stride 0.
	nd := len(shape)
	strides := make([][]int, len(ins)+1)
	for k, in := range ins {
		off := nd - len(in.Shape)
		if off < 0 {
			return valueErrorf("exprOperand %d has more dimensions than the result", k)
		}
		st := make([]int, nd)
		es := in.DType.ItemSize()
		for j, n := range in.Shape {
			switch {
			case n == shape[off+j]:
				if n > 1 {
					st[off+j] = in.Strides[j] / es
				}
			case n == 1:
			default:
				return valueErrorf("operands could not be broadcast together: exprOperand %d has shape %v, result %v", k, in.Shape, shape)
			}
		}
		strides[k] = st
	}
	resultDT := DType(prog.Result())
	if red == ExprNone {
		if !sameShape(out.Shape, shape) {
			return valueErrorf("out has shape %v, the result %v", out.Shape, shape)
		}
		st := make([]int, nd)
		for j := range shape {
			st[j] = out.Strides[j] / out.DType.ItemSize()
		}
		strides[len(ins)] = st
		return evalElementwise(prog, ins, out, shape, strides, workers, cancel)
	}
	if red < ExprSum || red > ExprStd {
		return valueErrorf("unknown reduction %d", red)
	}
	if want := ExprReduceResult(red, resultDT); out.DType != want {
		return typeErrorf("%v of %v gives %v, out is %v", red, resultDT, want, out.DType)
	}
	kept, rsize := 1, 1
	for j, n := range shape {
		if mask>>uint(j)&1 != 0 {
			rsize *= n
		} else {
			kept *= n
		}
	}
	if out.Size() != kept || !contiguous(out) {
		return valueErrorf("out must be C-contiguous with %d elements", kept)
	}
	if rsize == 0 && kept > 0 && (red == ExprMin || red == ExprMax) {
		return valueErrorf("zero-size array to reduction operation %s which has no identity", map[ExprReduce]string{ExprMin: "minimum", ExprMax: "maximum"}[red])
	}
	return evalReduce(prog, ins, out, shape, strides[:len(ins)], red, mask, ddof, workers, cancel)
}

// exprSpace is an iteration exprSpace shared by several operands, coalesced.
type exprSpace struct {
	shape []int
	ops   []exprOperand
}

// coalesce drops length-1 axes of order (axes of shape, outermost first) and
// merges neighbours wherever every exprOperand allows it.
func exprCoalesce(shape []int, order []int, strides [][]int) (outShape []int, outStrides [][]int) {
	outStrides = make([][]int, len(strides))
	for _, k := range order {
		if shape[k] == 1 {
			continue
		}
		if n := len(outShape); n > 0 {
			ok := true
			for o := range strides {
				if outStrides[o][n-1] != strides[o][k]*shape[k] {
					ok = false
					break
				}
			}
			if ok {
				outShape[n-1] *= shape[k]
				for o := range strides {
					outStrides[o][n-1] = strides[o][k]
				}
				continue
			}
		}
		outShape = append(outShape, shape[k])
		for o := range strides {
			outStrides[o] = append(outStrides[o], strides[o][k])
		}
	}
	return outShape, outStrides
}

// reduceSpace is the iteration space of a reduction's operands ins over
// shape, its axes coalesced in order (a 0-d space as one element).
func reduceSpace(shape, order []int, strides [][]int, ins []Array) *exprSpace {
	cs, cst := exprCoalesce(shape, order, strides)
	if len(cs) == 0 {
		cs = []int{1}
	}
	sp := &exprSpace{shape: cs, ops: make([]exprOperand, len(ins))}
	for k, in := range ins {
		st := cst[k]
		if len(st) == 0 {
			st = []int{0}
		}
		sp.ops[k] = makeOperand(in, st)
	}
	return sp
}

func makeOperand(a Array, st []int) exprOperand {
	return exprOperand{dt: a.DType, base: a.Data, size: a.DType.ItemSize(), st: st}
}

// exprSegs is one block's pieces of innermost runs: piece p covers block
// elements [pos[p], pos[p]+n[p]) and starts at element offsets offs[o][p].
type exprSegs struct {
	pos, n []int
	offs   [][]int
}

// exprCursor walks a exprSpace in C order.
type exprCursor struct {
	sp   *exprSpace
	idx  []int
	offs []int
}

func newCursor(sp *exprSpace) *exprCursor {
	return &exprCursor{sp: sp, idx: make([]int, len(sp.shape)), offs: make([]int, len(sp.ops))}
}

func (c *exprCursor) seek(lin int) {
	nd := len(c.sp.shape)
	for k := nd - 1; k >= 0; k-- {
		c.idx[k] = lin % c.sp.shape[k]
		lin /= c.sp.shape[k]
	}
	for o, op := range c.sp.ops {
		off := 0
		for k := 0; k < nd; k++ {
			off += c.idx[k] * op.st[k]
		}
		c.offs[o] = off
	}
}

// take cuts the next n elements into pieces of innermost runs, advancing.
func (c *exprCursor) take(n int, s *exprSegs) {
	s.pos, s.n = s.pos[:0], s.n[:0]
	for o := range s.offs {
		s.offs[o] = s.offs[o][:0]
	}
	sh := c.sp.shape
	in := len(sh) - 1
	pos := 0
	for pos < n {
		m := min(sh[in]-c.idx[in], n-pos)
		s.pos = append(s.pos, pos)
		s.n = append(s.n, m)
		for o := range c.sp.ops {
			s.offs[o] = append(s.offs[o], c.offs[o])
		}
		pos += m
		for o, op := range c.sp.ops {
			c.offs[o] += m * op.st[in]
		}
		c.idx[in] += m
		for k := in; k > 0 && c.idx[k] == sh[k]; k-- {
			for o, op := range c.sp.ops {
				c.offs[o] += op.st[k-1] - sh[k]*op.st[k]
			}
			c.idx[k] = 0
			c.idx[k-1]++
		}
	}
}

func newSegs(nops int) *exprSegs {
	return &exprSegs{offs: make([][]int, nops)}
}

func at[T any](base unsafe.Pointer, off, size int) *T {
	return (*T)(unsafe.Add(base, off*size))
}

// loadInto fills f (float operands) or i (the others) from operand o over
// the block's pieces, or returns the operand's memory itself when the block
// is one contiguous run of float64 or int64, or one float element when the
// block is one broadcast value.
func loadInto(op *exprOperand, o int, s *exprSegs, f []float64, iv []int64) ([]float64, []int64) {
	in := len(op.st) - 1
	st := op.st[in]
	if f != nil && len(s.pos) == 1 && st == 0 && s.n[0] > 1 {
		// The whole block is one broadcast value (a row of a column
		// operand): hand it over as one element, which the program takes
		// as a scalar operand of arithmetic (expr.Loader).
		switch op.dt {
		case Float64:
			return unsafe.Slice(at[float64](op.base, s.offs[o][0], 8), 1), nil
		case Float32:
			f[0] = float64(*at[float32](op.base, s.offs[o][0], 4))
			return f[:1], nil
		}
	}
	if len(s.pos) == 1 && (st == 1 || s.n[0] == 1) {
		switch {
		case op.dt == Float64 && f != nil:
			return unsafe.Slice(at[float64](op.base, s.offs[o][0], 8), s.n[0]), nil
		case op.dt == Int64 && iv != nil:
			return nil, unsafe.Slice(at[int64](op.base, s.offs[o][0], 8), s.n[0])
		}
	}
	for p, pos := range s.pos {
		n, off := s.n[p], s.offs[o][p]
		if st == 1 || n == 1 {
			if f != nil {
				loadRun(op, off, n, f[pos:pos+n], nil)
			} else {
				loadRun(op, off, n, nil, iv[pos:pos+n])
			}
			continue
		}
		if st == 0 {
			// A broadcast (stride-0) run: one value, filled by doubling
			// copies (an element-by-element loop took a third of
			// sum(exp(A * B)) with A a column).
			var v float64
			var w int64
			switch op.dt {
			case Float64:
				v = *at[float64](op.base, off, 8)
			case Float32:
				v = float64(*at[float32](op.base, off, 4))
			case Int64:
				w = *at[int64](op.base, off, 8)
			case Int32:
				w = int64(*at[int32](op.base, off, 4))
			case Bool:
				w = b2i(*at[byte](op.base, off, 1) != 0)
			}
			if f != nil {
				fillSame(f[pos:pos+n], v)
			} else {
				fillSame(iv[pos:pos+n], w)
			}
			continue
		}
		switch op.dt {
		case Float64:
			for k := 0; k < n; k++ {
				f[pos+k] = *at[float64](op.base, off+k*st, 8)
			}
		case Float32:
			for k := 0; k < n; k++ {
				f[pos+k] = float64(*at[float32](op.base, off+k*st, 4))
			}
		case Int64:
			for k := 0; k < n; k++ {
				iv[pos+k] = *at[int64](op.base, off+k*st, 8)
			}
		case Int32:
			for k := 0; k < n; k++ {
				iv[pos+k] = int64(*at[int32](op.base, off+k*st, 4))
			}
		case Bool:
			for k := 0; k < n; k++ {
				iv[pos+k] = b2i(*at[byte](op.base, off+k*st, 1) != 0)
			}
		}
	}
	return nil, nil
}

// fillSame sets every element of d to v, by doubling copies.
func fillSame[T float64 | int64](d []T, v T) {
	if len(d) == 0 {
		return
	}
	d[0] = v
	for k := 1; k < len(d); k *= 2 {
		copy(d[k:], d[:k])
	}
}

// loadRun loads n contiguous elements.
func loadRun(op *exprOperand, off, n int, f []float64, iv []int64) {
	p := unsafe.Add(op.base, off*op.size)
	switch op.dt {
	case Float64:
		copy(f, unsafe.Slice((*float64)(p), n))
	case Float32:
		for k, v := range unsafe.Slice((*float32)(p), n) {
			f[k] = float64(v)
		}
	case Int64:
		copy(iv, unsafe.Slice((*int64)(p), n))
	case Int32:
		for k, v := range unsafe.Slice((*int32)(p), n) {
			iv[k] = int64(v)
		}
	case Bool:
		for k, v := range unsafe.Slice((*byte)(p), n) {
			iv[k] = b2i(v != 0)
		}
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// store writes a block's result (f or iv) into exprOperand o.
// directOut is the block's destination as a float64 slice, where out is
// float64 and the block one contiguous run of it (as loadInto reads an
// operand in place), else nil: a program may then compute its result there.
func directOut(op *exprOperand, o int, s *exprSegs) []float64 {
	if op.dt != Float64 || len(s.pos) != 1 || (op.st[len(op.st)-1] != 1 && s.n[0] != 1) {
		return nil
	}
	return unsafe.Slice(at[float64](op.base, s.offs[o][0], 8), s.n[0])
}

func exprStore(op *exprOperand, o int, s *exprSegs, f []float64, iv []int64) {
	in := len(op.st) - 1
	st := op.st[in]
	for p, pos := range s.pos {
		n, off := s.n[p], s.offs[o][p]
		if f != nil && op.dt == Float64 && (st == 1 || n == 1) {
			copy(unsafe.Slice(at[float64](op.base, off, 8), n), f[pos:pos+n])
			continue
		}
		if f != nil {
			src := f[pos : pos+n]
			switch op.dt {
			case Float64:
				for k, v := range src {
					*at[float64](op.base, off+k*st, 8) = v
				}
			case Float32:
				for k, v := range src {
					*at[float32](op.base, off+k*st, 4) = float32(v)
				}
			case Int64:
				for k, v := range src {
					*at[int64](op.base, off+k*st, 8) = floatToInt64(v)
				}
			case Int32:
				for k, v := range src {
					*at[int32](op.base, off+k*st, 4) = int32(floatToInt64(v))
				}
			case Bool:
				for k, v := range src {
					*at[byte](op.base, off+k*st, 1) = byte(b2i(v != 0))
				}
			}
			continue
		}
		src := iv[pos : pos+n]
		switch op.dt {
		case Float64:
			for k, v := range src {
				*at[float64](op.base, off+k*st, 8) = float64(v)
			}
		case Float32:
			for k, v := range src {
				*at[float32](op.base, off+k*st, 4) = float32(v)
			}
		case Int64:
			for k, v := range src {
				*at[int64](op.base, off+k*st, 8) = v
			}
		case Int32:
			for k, v := range src {
				*at[int32](op.base, off+k*st, 4) = int32(v)
			}
		case Bool:
			for k, v := range src {
				*at[byte](op.base, off+k*st, 1) = byte(b2i(v != 0))
			}
		}
	}
}

func floatToInt64(v float64) int64 {
	if v != v || v >= 9.223372036854775807e18 || v < -9.223372036854775808e18 {
		return math.MinInt64
	}
	return int64(v)
}

// runErr turns an interpreter error into a ValueError.
func runErr(err error) error {
	var e *expr.Error
	if errors.As(err, &e) {
		return valueErrorf("%s", e.Msg)
	}
	return err
}

// exprFirstErr keeps the first error any worker reports.
type exprFirstErr struct {
	ch chan error
}

func newFirstErr() *exprFirstErr { return &exprFirstErr{ch: make(chan error, 1)} }

func (f *exprFirstErr) set(err error) {
	select {
	case f.ch <- err:
	default:
	}
}

func (f *exprFirstErr) get() error {
	select {
	case err := <-f.ch:
		return err
	default:
		return nil
	}
}

func evalElementwise(prog *expr.Program, ins []Array, out Array, shape []int, strides [][]int, workers int, cancel *int32) error {
	total := 1
	for _, n := range shape {
		total *= n
	}
	if total == 0 {
		return nil
	}
	// Outermost first by |out stride|, so a Fortran or transposed out is
	// written in memory order.
	ost := strides[len(ins)]
	order := make([]int, len(shape))
	for k := range order {
		order[k] = k
	}
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && abs(ost[order[j-1]]) < abs(ost[order[j]]); j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	cs, cst := exprCoalesce(shape, order, strides)
	if len(cs) == 0 {
		cs = []int{1}
		for o := range cst {
			cst[o] = []int{0}
		}
	}
	sp := &exprSpace{shape: cs, ops: make([]exprOperand, len(ins)+1)}
	for k, in := range ins {
		sp.ops[k] = makeOperand(in, cst[k])
	}
	sp.ops[len(ins)] = makeOperand(out, cst[len(ins)])
	fe := newFirstErr()
	// A float64 out too large for the cache is written with non-temporal
	// stores (a block is computed in the registers, then streamed out),
	// sparing the read of each line before it is overwritten; not in place,
	// where the lines are in the cache already. Other outs take each
	// block's result straight into out where it is one run of it.
	oo := &sp.ops[len(ins)]
	stream := oo.dt == Float64 && vmath.Streams(8*total)
	for k := range ins {
		stream = stream && sp.ops[k].base != oo.base
	}
	forEach(cancel, workers, total, exprGrain, func(lo, hi int) {
		m := prog.Acquire()
		defer prog.Release(m)
		c := newCursor(sp)
		c.seek(lo)
		s := newSegs(len(sp.ops))
		load := func(k int, f []float64, iv []int64) ([]float64, []int64) { return loadInto(&sp.ops[k], k, s, f, iv) }
		if stream {
			defer vmath.StreamFence()
		}
		for pos := lo; pos < hi; pos += expr.BlockSize {
			n := min(expr.BlockSize, hi-pos)
			c.take(n, s)
			into := directOut(oo, len(ins), s)
			var f []float64
			var iv []int64
			var err error
			if stream && into != nil {
				f, iv, err = prog.Run(m, n, load)
			} else {
				f, iv, err = prog.RunInto(m, n, load, into)
			}
			if err != nil {
				fe.set(runErr(err))
				return
			}
			switch {
			case len(f) > 0 && len(into) > 0 && &f[0] == &into[0]:
			case stream && into != nil && f != nil:
				vmath.CopyStream(into, f)
			default:
				exprStore(oo, len(ins), s, f, iv)
			}
		}
	})
	if err := fe.get(); err != nil {
		return err
	}
	return cancelled(cancel)
}

// exprAcc is a partial reduction.
type exprAcc struct {
	f   float64
	i   int64
	has bool
	m   kernels.Moments
}

// exprAccPool and exprSumPool keep the per-chunk scratch of evalReduce.
var (
	exprAccPool = sync.Pool{New: func() any { return new([]exprAcc) }}
	exprSumPool = sync.Pool{New: func() any { return new([]float64) }}
)

func evalReduce(prog *expr.Program, ins []Array, out Array, shape []int, strides [][]int, red ExprReduce, mask uint64, ddof float64, workers int, cancel *int32) error {
	// Kept axes outside, reduced axes inside, each group in its own order.
	var keptAxes, redAxes []int
	kept, rsize := 1, 1
	for j, n := range shape {
		if mask>>uint(j)&1 != 0 {
			redAxes = append(redAxes, j)
			rsize *= n
		} else {
			keptAxes = append(keptAxes, j)
			kept *= n
		}
	}
	if kept == 0 {
		return nil
	}
	isF := prog.Result().IsFloat()
	var accs []exprAcc
	if rsize == 0 {
		writeReduced(red, isF, make([]exprAcc, kept), out, 0, ddof)
		return nil
	}
	if outerReduce(shape, strides, redAxes, keptAxes, kept, rsize) {
		return evalReduceOuter(prog, ins, out, shape, strides, red, kept, rsize, ddof, workers, cancel)
	}
	// Merging across the kept/reduced boundary keeps the linear (C)
	// order, and an element's output is its linear index / rsize.
	sp := reduceSpace(shape, append(append([]int{}, keptAxes...), redAxes...), strides, ins)
	// Units: pieces of exprChunk elements of one output, or groups of
	// whole outputs.
	per, group := 1, 1
	if rsize >= exprChunk {
		per = (rsize + exprChunk - 1) / exprChunk
	} else {
		group = exprChunk / rsize
	}
	units := (kept*per + group - 1) / group
	// Outputs reduced in pieces keep each piece's partial result until
	// all are merged; a unit of whole outputs finishes them into out
	// itself, through scratch of one unit.
	var parts []exprAcc
	if per > 1 {
		parts = make([]exprAcc, kept*per)
		accs = make([]exprAcc, kept)
	}
	fastSum := isF && red == ExprSum && per == 1
	lastAxis := len(redAxes) == 1 && redAxes[0] == len(shape)-1
	fe := newFirstErr()
	forEach(cancel, workers, units, 1, func(u0, u1 int) {
		m := prog.Acquire()
		defer prog.Release(m)
		c := newCursor(sp)
		s := newSegs(len(sp.ops))
		load := func(k int, f []float64, iv []int64) ([]float64, []int64) { return loadInto(&sp.ops[k], k, s, f, iv) }
		var own []exprAcc
		// Many short float sums: plain float64 slots and the run loop
		// of sumRuns, without accumFloat's dispatch per output.
		var sums []float64
		var sumBuf *[]float64
		if fastSum {
			sumBuf = exprSumPool.Get().(*[]float64)
			if cap(*sumBuf) < group {
				*sumBuf = make([]float64, group)
			}
			*sumBuf = (*sumBuf)[:group]
			defer exprSumPool.Put(sumBuf)
		} else if per == 1 {
			// A call with a cancel flag cuts its units into hundreds of
			// chunks: the scratch comes from a pool, not one allocation each.
			buf := exprAccPool.Get().(*[]exprAcc)
			if cap(*buf) < group {
				*buf = make([]exprAcc, group)
			}
			own = (*buf)[:group]
			defer exprAccPool.Put(buf)
		}
		for u := u0; u < u1; u++ {
			var lo, hi int
			first := 0 // the output of slot 0
			slots := parts
			if per > 1 {
				row, piece := u/per, u%per
				lo = row*rsize + piece*exprChunk
				hi = row*rsize + min((piece+1)*exprChunk, rsize)
			} else {
				first = u * group
				lo = first * rsize
				hi = min((u+1)*group, kept) * rsize
				if fastSum {
					sums = (*sumBuf)[:hi/rsize-first]
					clear(sums)
				} else {
					slots = own[:hi/rsize-first]
					clear(slots)
				}
			}
			c.seek(lo)
			for pos := lo; pos < hi; pos += expr.BlockSize {
				n := min(expr.BlockSize, hi-pos)
				c.take(n, s)
				f, iv, err := prog.Run(m, n, load)
				if err != nil {
					fe.set(runErr(err))
					return
				}
				if sums != nil {
					sumRuns(sums, f[:n], pos/rsize-first, (pos/rsize+1)*rsize-pos, rsize, lastAxis)
					continue
				}
				// Split the block by output.
				for b := 0; b < n; {
					lin := pos + b
					row := lin / rsize
					e := min(n, (row+1)*rsize-pos)
					slot := row - first
					if per > 1 {
						slot = u
					}
					if isF {
						accumFloat(red, &slots[slot], f[b:e])
					} else {
						accumInt(red, &slots[slot], iv[b:e])
					}
					b = e
				}
			}
			switch {
			case sums != nil:
				writeSums(sums, out, first)
			case per == 1:
				writeReduced(red, isF, slots, out, first, ddof)
			}
		}
	})
	if err := fe.get(); err != nil {
		return err
	}
	if err := cancelled(cancel); err != nil {
		return err
	}
	if per == 1 {
		return nil
	}
	for row := range accs {
		accs[row] = mergeTree(red, isF, parts[row*per:(row+1)*per])
	}
	writeReduced(red, isF, accs, out, 0, ddof)
	return nil
}

// Outer reductions: the reduced axes lead (sum(x, axis=0) of a C-ordered
// x), so each output's elements lie a row apart in memory. evalReduce's
// order (each output's elements in turn) would read every line of the
// operands once per output in it; evalReduceOuter reads them in memory
// order instead, a unit of outerRows(kept, rsize) rows at a time with an
// accumulator per output, and merges the units' accumulators per output
// in a fixed tree: the same bits for any thread count.
const (
	outerMaxKept  = 256  // outputs, so that a unit's rows are many
	outerMaxUnits = 1024 // units, bounding the partial accumulators
)

// outerReduce reports whether evalReduce takes evalReduceOuter: the
// reduced axes lead, at most outerMaxKept outputs reduce at least two
// units' rows each, and no operand has a reduced axis whose stride is
// smaller than all its kept axes' strides (a Fortran-ordered operand,
// which evalReduce's order reads well).
func outerReduce(shape []int, strides [][]int, redAxes, keptAxes []int, kept, rsize int) bool {
	if kept > outerMaxKept || kept < 2 || rsize < 2*outerRows(kept, rsize) {
		return false
	}
	for j, a := range redAxes {
		if a != j {
			return false
		}
	}
	for _, st := range strides {
		minKept := math.MaxInt
		for _, a := range keptAxes {
			if shape[a] > 1 && st[a] != 0 {
				minKept = min(minKept, abs(st[a]))
			}
		}
		for _, a := range redAxes {
			if shape[a] > 1 && st[a] != 0 && abs(st[a]) < minKept {
				return false
			}
		}
	}
	return true
}

// outerRows is the number of rows (one element of each output) in a unit
// of evalReduceOuter: about exprChunk elements, more where the units
// would exceed outerMaxUnits. It depends on the shape alone.
func outerRows(kept, rsize int) int {
	rows := max(1, exprChunk/kept)
	return max(rows, (rsize+outerMaxUnits-1)/outerMaxUnits)
}

// evalReduceOuter is evalReduce where outerReduce holds: each block is
// split by output (element i of a unit's linear range belongs to output
// i % kept) into runs, each added to its output's accumulator by
// accumFloat or accumInt; units of outerRows rows; the partials merged
// per output by mergeTree.
func evalReduceOuter(prog *expr.Program, ins []Array, out Array, shape []int, strides [][]int, red ExprReduce, kept, rsize int, ddof float64, workers int, cancel *int32) error {
	order := make([]int, len(shape))
	for k := range order {
		order[k] = k
	}
	sp := reduceSpace(shape, order, strides, ins)
	isF := prog.Result().IsFloat()
	rows := outerRows(kept, rsize)
	units := (rsize + rows - 1) / rows
	parts := make([]exprAcc, kept*units) // output j's partials at j*units
	fe := newFirstErr()
	forEach(cancel, workers, units, 1, func(u0, u1 int) {
		m := prog.Acquire()
		defer prog.Release(m)
		c := newCursor(sp)
		s := newSegs(len(sp.ops))
		load := func(k int, f []float64, iv []int64) ([]float64, []int64) { return loadInto(&sp.ops[k], k, s, f, iv) }
		acc := make([]exprAcc, kept)
		runF := make([]float64, expr.BlockSize/kept+1)
		runI := make([]int64, expr.BlockSize/kept+1)
		for u := u0; u < u1; u++ {
			clear(acc)
			lo, hi := u*rows*kept, min((u+1)*rows, rsize)*kept
			c.seek(lo)
			for pos := lo; pos < hi; pos += expr.BlockSize {
				n := min(expr.BlockSize, hi-pos)
				c.take(n, s)
				f, iv, err := prog.Run(m, n, load)
				if err != nil {
					fe.set(runErr(err))
					return
				}
				j0 := pos % kept
				for j := range min(kept, n) {
					// Output (j0+j) % kept: block elements j, j+kept, ...
					o := (j0 + j) % kept
					r := 0
					if isF {
						for i := j; i < n; i += kept {
							runF[r] = f[i]
							r++
						}
						accumFloat(red, &acc[o], runF[:r])
					} else {
						for i := j; i < n; i += kept {
							runI[r] = iv[i]
							r++
						}
						accumInt(red, &acc[o], runI[:r])
					}
				}
			}
			for j := range acc {
				parts[j*units+u] = acc[j]
			}
		}
	})
	if err := fe.get(); err != nil {
		return err
	}
	if err := cancelled(cancel); err != nil {
		return err
	}
	accs := make([]exprAcc, kept)
	for j := range accs {
		accs[j] = mergeTree(red, isF, parts[j*units:(j+1)*units])
	}
	writeReduced(red, isF, accs, out, 0, ddof)
	return nil
}

// sumRuns adds the runs of f into sums[slot], sums[slot+1], ...: the
// first run is f's first e elements, each other run rsize elements (the
// last may be cut short), each added as accumFloat adds a run, or, if
// pairwise (the reduced axis is the last: NumPy sums each output's run
// with its pairwise_sum then), pairwise at any length.
func sumRuns(sums, f []float64, slot, e, rsize int, pairwise bool) {
	if pairwise && rsize < 64 && e == rsize {
		// Whole rows from the block's start: kernels' row sums, the same
		// pairwise sums in one call; a cut row at the end below.
		rows := len(f) / rsize
		kernels.AddRowSums(sums[slot:slot+rows], f[:rows*rsize], rsize)
		f, slot = f[rows*rsize:], slot+rows
	}
	for b := 0; b < len(f); slot++ {
		e = min(e, len(f))
		v := f[b:e]
		if pairwise && len(v) < 64 {
			sums[slot] += kernels.SumPlain(v)
		} else if len(v) >= 64 {
			sums[slot] += kernels.Sum(v)
		} else {
			s := 0.0
			for _, x := range v {
				s += x
			}
			sums[slot] += s
		}
		b, e = e, e+rsize
	}
}

// writeSums writes float sums to out from index first on, as
// writeReduced writes ExprSum's float results.
func writeSums(sums []float64, out Array, first int) {
	switch out.DType {
	case Float64:
		copy(unsafe.Slice(at[float64](out.Data, first, 8), len(sums)), sums)
	case Float32:
		d := unsafe.Slice(at[float32](out.Data, first, 4), len(sums))
		for k, v := range sums {
			d[k] = float32(v)
		}
	default:
		panic("gonp: a float sum into an output of another dtype")
	}
}

func accumFloat(red ExprReduce, a *exprAcc, v []float64) {
	switch red {
	case ExprSum:
		if len(v) >= 64 {
			// A long run (a whole block of one output): its vector sum,
			// pairwise as kernels' reductions and NumPy's contiguous sums;
			// one accumulator would wait on each addition's latency.
			a.f += kernels.Sum(v)
			return
		}
		// A short run per output (a reduced axis that is not innermost in
		// memory): in order, as NumPy adds along such an axis.
		s := 0.0
		for _, x := range v {
			s += x
		}
		a.f += s
	case ExprProd:
		if !a.has {
			a.f, a.has = 1, true
		}
		for _, x := range v {
			a.f *= x
		}
	case ExprMin, ExprMax:
		for _, x := range v {
			switch {
			case !a.has:
				a.f, a.has = x, true
			case a.f != a.f:
			case x != x:
				a.f = x
			case red == ExprMin && x < a.f, red == ExprMax && x > a.f:
				a.f = x
			}
		}
	default:
		a.m = a.m.Merge(kernels.MomentsOf(v))
	}
}

func accumInt(red ExprReduce, a *exprAcc, v []int64) {
	switch red {
	case ExprSum:
		for _, x := range v {
			a.i += x
		}
	case ExprProd:
		if !a.has {
			a.i, a.has = 1, true
		}
		for _, x := range v {
			a.i *= x
		}
	case ExprMin, ExprMax:
		for _, x := range v {
			switch {
			case !a.has:
				a.i, a.has = x, true
			case red == ExprMin && x < a.i, red == ExprMax && x > a.i:
				a.i = x
			}
		}
	default:
		f := make([]float64, len(v))
		for k, x := range v {
			f[k] = float64(x)
		}
		a.m = a.m.Merge(kernels.MomentsOf(f))
	}
}

// mergeTree combines an output's partials pairwise in a fixed tree.
func mergeTree(red ExprReduce, isF bool, p []exprAcc) exprAcc {
	switch len(p) {
	case 0:
		return exprAcc{}
	case 1:
		return p[0]
	}
	h := len(p) / 2
	return mergeAcc(red, isF, mergeTree(red, isF, p[:h]), mergeTree(red, isF, p[h:]))
}

func mergeAcc(red ExprReduce, isF bool, a, b exprAcc) exprAcc {
	switch red {
	case ExprSum:
		return exprAcc{f: a.f + b.f, i: a.i + b.i}
	case ExprProd:
		if !a.has {
			return b
		}
		if !b.has {
			return a
		}
		return exprAcc{f: a.f * b.f, i: a.i * b.i, has: true}
	case ExprMin, ExprMax:
		if !a.has {
			return b
		}
		if !b.has {
			return a
		}
		if isF {
			var dummy exprAcc = a
			accumFloat(red, &dummy, []float64{b.f})
			return dummy
		}
		dummy := a
		accumInt(red, &dummy, []int64{b.i})
		return dummy
	}
	return exprAcc{m: a.m.Merge(b.m)}
}

// writeReduced finishes the partial results accs of outputs first,
// first+1, ... (mean, var and std from their moments) into out, converted
// to its dtype.
func writeReduced(red ExprReduce, isF bool, accs []exprAcc, out Array, first int, ddof float64) {
	n := len(accs)
	val := func(a exprAcc) (float64, int64) {
		switch red {
		case ExprSum:
			return a.f, a.i
		case ExprProd:
			if !a.has {
				return 1, 1
			}
			return a.f, a.i
		case ExprMin, ExprMax:
			return a.f, a.i
		case ExprMean:
			if a.m.N == 0 {
				return math.NaN(), 0
			}
			return a.m.Mean, 0
		}
		v := a.m.M2 / math.Max(a.m.N-ddof, 0)
		if a.m.N == 0 {
			v = math.NaN()
		}
		if red == ExprStd {
			v = math.Sqrt(v)
		}
		return v, 0
	}
	floatOut := red >= ExprMean || isF
	for k, a := range accs[:n] {
		k += first
		f, i := val(a)
		switch out.DType {
		case Float64:
			if !floatOut {
				f = float64(i)
			}
			*at[float64](out.Data, k, 8) = f
		case Float32:
			if !floatOut {
				f = float64(i)
			}
			*at[float32](out.Data, k, 4) = float32(f)
		case Int64:
			*at[int64](out.Data, k, 8) = i
		case Int32:
			*at[int32](out.Data, k, 4) = int32(i)
		case Bool:
			*at[byte](out.Data, k, 1) = byte(b2i(i != 0))
		}
	}
}

// The compiled programs of recent calls, by their code, constants and
// operand dtypes: a program's Machines (its registers, constants filled)
// are then reused from call to call. At most progCacheMax are kept; the
// cache starts afresh beyond that, as Python's own cache of programs does.
var (
	progMu    sync.Mutex
	progCache = map[string]*expr.Program{}
)

const progCacheMax = 1024

// compileCached is expr.Compile through progCache.
func compileCached(code []int64, consts []float64, dts []expr.DType) (*expr.Program, error) {
	key := make([]byte, 0, 8*(len(code)+len(consts)+2)+len(dts))
	key = le.LittleEndian.AppendUint64(key, uint64(len(code)))
	for _, c := range code {
		key = le.LittleEndian.AppendUint64(key, uint64(c))
	}
	key = le.LittleEndian.AppendUint64(key, uint64(len(consts)))
	for _, c := range consts {
		key = le.LittleEndian.AppendUint64(key, math.Float64bits(c))
	}
	for _, d := range dts {
		key = append(key, byte(d))
	}
	progMu.Lock()
	prog, ok := progCache[string(key)]
	progMu.Unlock()
	if ok {
		return prog, nil
	}
	// The program keeps its code, constants and dtypes: give it copies, as
	// the caller's buffers are only lent for the call.
	prog, err := expr.Compile(append([]int64(nil), code...), append([]float64(nil), consts...), append([]expr.DType(nil), dts...))
	if err != nil {
		return nil, err
	}
	progMu.Lock()
	if len(progCache) >= progCacheMax {
		clear(progCache)
	}
	progCache[string(key)] = prog
	progMu.Unlock()
	return prog, nil
}
