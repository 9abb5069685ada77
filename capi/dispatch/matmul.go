package dispatch

import (
	"gonp/kernels"
	"gonp/parallel"
)

// gemmTile is the side of the square-ish C tiles that pool chunks compute
// when there are too few row blocks to keep every worker busy.
const (
	gemmRowBlock = 64
	gemmColBlock = 256
)

// MatMul computes out = a @ b for 2-D operands of one float dtype: a is m×k,
// b is k×n, out is m×n. Any strides (transposed, Fortran-order, sliced) are
// read in place; the kernel packs what it needs. out must not overlap a or b
// (Python copies overlapping operands first, as NumPy does).
func MatMul(a, b, out Array, workers int) error {
	if err := out.check("out"); err != nil {
		return err
	}
	for _, in := range []Array{a, b} {
		if err := in.check("input"); err != nil {
			return err
		}
		if in.DType != out.DType {
			return typeErrorf("matmul input dtype %v does not match output dtype %v", in.DType, out.DType)
		}
		if len(in.Shape) != 2 {
			return valueErrorf("matmul operands must be 2-D here, got %d-D", len(in.Shape))
		}
	}
	if len(out.Shape) != 2 {
		return valueErrorf("matmul output must be 2-D, got %d-D", len(out.Shape))
	}
	// kernels.Gemm panics on a negative stride; Python copies reversed views
	// first, and any other caller gets a ValueError rather than a panic.
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
	m, k, n := a.Shape[0], a.Shape[1], b.Shape[1]
	if b.Shape[0] != k {
		return valueErrorf("matmul: Input operand 1 has a mismatch in its core dimension 0 (size %d is different from %d)", b.Shape[0], k)
	}
	if out.Shape[0] != m || out.Shape[1] != n {
		return valueErrorf("matmul: out has shape %v, expected (%d, %d)", out.Shape, m, n)
	}
	switch out.DType {
	case Float32:
		matmul[float32](a, b, out, m, n, k, workers)
	case Float64:
		matmul[float64](a, b, out, m, n, k, workers)
	default:
		return typeErrorf("matmul is implemented for float32 and float64, not %v", out.DType)
	}
	return nil
}

func matmul[T float32 | float64](a, b, out Array, m, n, k, workers int) {
	if m == 0 || n == 0 {
		return
	}
	va, vb, vc := viewOf[T](a), viewOf[T](b), viewOf[T](out)
	var emptyA, emptyB []T
	if k == 0 {
		// Nothing to read; Gemm still zeroes C.
		va.buf, vb.buf, va.off, vb.off = emptyA, emptyB, 0, 0
	}
	rsa, csa := va.strides[0], va.strides[1]
	rsb, csb := vb.strides[0], vb.strides[1]
	rsc, csc := vc.strides[0], vc.strides[1]
	// Tiles: row blocks of C, and column blocks too when C has few rows.
	colBlock := n
	if m < 4*gemmRowBlock && n >= 2*gemmColBlock {
		colBlock = gemmColBlock
	}
	rowBlock := gemmRowBlock
	if w := workers; w <= 0 || w > 1 {
		// Enough row blocks for balance, but large enough to reuse packed B.
		nw := parallel.Workers()
		if w > 0 {
			nw = w
		}
		rowBlock = max(gemmRowBlock, (m+4*nw-1)/(4*nw))
	}
	rowTiles := (m + rowBlock - 1) / rowBlock
	colTiles := (n + colBlock - 1) / colBlock
	parallel.For(workers, rowTiles*colTiles, 1, func(lo, hi int) {
		for t := lo; t < hi; t++ {
			i0, j0 := (t/colTiles)*rowBlock, (t%colTiles)*colBlock
			mi, nj := min(rowBlock, m-i0), min(colBlock, n-j0)
			var as, bs []T
			if k > 0 {
				as = va.buf[va.off+i0*rsa:]
				bs = vb.buf[vb.off+j0*csb:]
			}
			kernels.Gemm(mi, nj, k, as, rsa, csa, bs, rsb, csb, vc.buf[vc.off+i0*rsc+j0*csc:], rsc, csc)
		}
	})
}
