package dispatch

import (
	"gonp/kernels/gemm"
)

// MatMul computes out = a @ b for operands of one float dtype and equal
// rank r >= 2: the last two axes are the matrices (a m×k, b k×n, out m×n)
// and the leading r-2 axes, which must be equal in all three, index a stack
// of products. Broadcasting is the caller's: a batch axis that NumPy would
// broadcast arrives with stride 0, and a 1-D operand arrives as a 1×k or k×1
// matrix. Any non-negative strides (transposed, Fortran-order, sliced) are
// read in place; the kernel packs what it needs. out must not overlap a or b
// (Python copies overlapping operands first, as NumPy does).
//
// Stacks of small products run in parallel over the stack, each product on
// one goroutine; a lone product, or a short stack of large ones, runs each
// product on all workers in turn.
func MatMul(a, b, out Array, workers int, cancel *int32) error {
	if err := out.check("out"); err != nil {
		return err
	}
	r := len(out.Shape)
	if r < 2 {
		return valueErrorf("matmul output must be at least 2-D, got %d-D", r)
	}
	for _, in := range []Array{a, b} {
		if err := in.check("input"); err != nil {
			return err
		}
		if in.DType != out.DType {
			return typeErrorf("matmul input dtype %v does not match output dtype %v", in.DType, out.DType)
		}
		if len(in.Shape) != r {
			return valueErrorf("matmul operands must have the output's %d dimensions here, got %d-D", r, len(in.Shape))
		}
	}
	// gemm panics on a negative stride; Python copies reversed views first,
	// and any other caller gets a ValueError rather than a panic.
	for _, arr := range []Array{a, b, out} {
		if arr.Size() == 0 {
			clear(arr.Strides) // never used to address memory: any value is fine
		}
		for _, s := range arr.Strides {
			if s < 0 {
				return valueErrorf("matmul: negative strides are not supported here")
			}
		}
	}
	for d := range r - 2 {
		if a.Shape[d] != out.Shape[d] || b.Shape[d] != out.Shape[d] {
			return valueErrorf("matmul: batch dimensions %v, %v and out %v differ", a.Shape[:r-2], b.Shape[:r-2], out.Shape[:r-2])
		}
	}
	m, k, n := a.Shape[r-2], a.Shape[r-1], b.Shape[r-1]
	if b.Shape[r-2] != k {
		return valueErrorf("matmul: Input operand 1 has a mismatch in its core dimension 0 (size %d is different from %d)", b.Shape[r-2], k)
	}
	if out.Shape[r-2] != m || out.Shape[r-1] != n {
		return valueErrorf("matmul: out has shape %v, expected matrices of (%d, %d)", out.Shape, m, n)
	}
	switch out.DType {
	case Float32:
		matmul[float32](a, b, out, m, n, k, workers, cancel)
	case Float64:
		matmul[float64](a, b, out, m, n, k, workers, cancel)
	default:
		return typeErrorf("matmul is implemented for float32 and float64, not %v", out.DType)
	}
	return cancelled(cancel)
}

// matmulBatchMin is the m·n·k from which a stack no longer than four products
// per worker runs each product on every worker instead of one product per
// worker.
const matmulBatchMin = 256 * 256 * 256

func matmul[T float32 | float64](a, b, out Array, m, n, k, workers int, cancel *int32) {
	r := len(out.Shape)
	batch := 1
	for _, d := range out.Shape[:r-2] {
		batch *= d
	}
	if batch == 0 || m == 0 || n == 0 {
		return
	}
	va, vb, vc := viewOf[T](a), viewOf[T](b), viewOf[T](out)
	rsa, csa := va.strides[r-2], va.strides[r-1]
	rsb, csb := vb.strides[r-2], vb.strides[r-1]
	rsc, csc := vc.strides[r-2], vc.strides[r-1]
	// offsets returns where product t of the stack (in C order of the batch
	// axes) starts in each buffer.
	offsets := func(t int) (oa, ob, oc int) {
		oa, ob, oc = va.off, vb.off, vc.off
		for d := r - 3; d >= 0; d-- {
			i := t % out.Shape[d]
			t /= out.Shape[d]
			oa += i * va.strides[d]
			ob += i * vb.strides[d]
			oc += i * vc.strides[d]
		}
		return oa, ob, oc
	}
	// one computes product t of the stack on w workers.
	one := func(t, w int) {
		oa, ob, oc := offsets(t)
		var as, bs []T
		if k > 0 {
			// With k == 0 nothing is read (the operands may be empty); Gemm
			// still zeroes C.
			as, bs = va.buf[oa:], vb.buf[ob:]
		}
		gemm.ParallelCancel(w, cancel, m, n, k, as, rsa, csa, bs, rsb, csb, vc.buf[oc:], rsc, csc)
	}
	// prefetch starts loading the operands and output of product t, so that
	// a stack of small products, each read once, does not wait on memory
	// product by product: the loads overlap the product before.
	prefetch := func(t int) {
		if t >= batch || k == 0 {
			return
		}
		oa, ob, oc := offsets(t)
		gemm.Prefetch(m, k, va.buf[oa:], rsa, csa)
		gemm.Prefetch(k, n, vb.buf[ob:], rsb, csb)
		gemm.Prefetch(m, n, vc.buf[oc:], rsc, csc)
	}
	workers = callWorkers(workers)
	if batch > 1 && broadcastBatch(out.Shape, vb.strides) {
		// One b for every product, and a and out stepping over whole
		// blocks of m rows: the stack is one product of batch·m rows, b
		// packed once and the rows shared among the workers.
		ra, okA := stackedRows(out.Shape, va.strides, m)
		rc, okC := stackedRows(out.Shape, vc.strides, m)
		if okA && okC {
			var as, bs []T
			if k > 0 {
				as, bs = va.buf[va.off:], vb.buf[vb.off:]
			}
			gemm.ParallelCancel(workers, cancel, batch*m, n, k, as, ra, csa, bs, rsb, csb, vc.buf[vc.off:], rc, csc)
			return
		}
	}
	if batch == 1 || workers == 1 || (batch < 4*workers && m*n*k >= matmulBatchMin) {
		for t := 0; t < batch && !stopped(cancel); t++ {
			if batch > 1 && m*n*k < matmulBatchMin {
				prefetch(t + 1)
			}
			one(t, workers)
		}
		return
	}
	// About 64³ multiply-adds per chunk at least, so that tiny products are
	// handed out in groups.
	grain := max(1, 64*64*64/max(1, m*n*k))
	forEach(cancel, workers, batch, grain, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			if t+1 < hi {
				prefetch(t + 1)
			}
			one(t, 1)
		}
	})
}

// broadcastBatch reports whether every batch axis (all but the last two) of
// a stack with these shape and strides repeats one matrix: length 1 or
// stride 0.
func broadcastBatch(shape, strides []int) bool {
	for d := range len(shape) - 2 {
		if shape[d] != 1 && strides[d] != 0 {
			return false
		}
	}
	return true
}

// stackedRows reports whether the batch axes of a stack of matrices of m
// rows (strides in elements) step over whole blocks of rows a common row
// stride apart, so that the stack is one matrix of batch·m rows, and
// returns that row stride. A matrix of one row takes the row stride from
// the innermost batch axis longer than 1.
func stackedRows(shape, strides []int, m int) (int, bool) {
	r := len(shape)
	rs, known := strides[r-2], m > 1
	rows := m // rows one step of axis d spans
	for d := r - 3; d >= 0; d-- {
		if shape[d] == 1 {
			continue
		}
		if !known {
			rs, known = strides[d], true // rows is 1 here
		}
		if strides[d] != rows*rs {
			return 0, false
		}
		rows *= shape[d]
	}
	return rs, true
}
