package dispatch

import (
	"gonp/kernels"
)

// SubDiv computes out = (x - sub) / div elementwise, the second pass of
// normalize and standardize. sub and div are float64 statistics already
// broadcast to x's shape (stride 0 along the reduced axes); x and out share
// shape and a float dtype. Dividing (not multiplying by a reciprocal) keeps
// NumPy's values, including the nan/inf of a zero divisor.
func SubDiv(x, sub, div, out Array, workers int, cancel *int32) error {
	if err := checkOperands(out, x); err != nil {
		return err
	}
	for _, s := range []Array{sub, div} {
		if err := s.check("statistics"); err != nil {
			return err
		}
		if s.DType != Float64 {
			return typeErrorf("statistics must be float64, not %v", s.DType)
		}
		if !sameShape(s.Shape, out.Shape) {
			return valueErrorf("statistics shape %v does not match %v", s.Shape, out.Shape)
		}
	}
	switch out.DType {
	case Float32:
		subDiv[float32](x, sub, div, out, workers, cancel)
	case Float64:
		subDiv[float64](x, sub, div, out, workers, cancel)
	default:
		return typeErrorf("normalization is implemented for float32 and float64, not %v", out.DType)
	}
	return cancelled(cancel)
}

func subDiv[T kernels.Float](x, sub, div, out Array, workers int, cancel *int32) {
	if out.Size() == 0 {
		return
	}
	vo, vx := viewOf[T](out), viewOf[T](x)
	vs, vd := viewOf[float64](sub), viewOf[float64](div)
	l := newLayout(out.Shape, 4,
		[maxOperands][]int{vo.strides, vx.strides, vs.strides, vd.strides},
		[maxOperands]int{vo.off, vx.off, vs.off, vd.off})
	so, sx, ss, sd := l.innerStride(0), l.innerStride(1), l.innerStride(2), l.innerStride(3)
	if nd := len(l.shape); nd == 2 && so == 1 && sx == 1 && ss == 1 && sd == 1 &&
		l.strides[2][0] == 0 && l.strides[3][0] == 0 && l.strides[0][0] > 0 && l.strides[1][0] > 0 {
		// Per-column statistics on a row-major block (standardize's usual
		// case): whole row blocks per kernel call, not one call per row.
		rows, cols := l.shape[0], l.shape[1]
		ldo, ldx := l.strides[0][0], l.strides[1][0]
		sub, div := vs.buf[l.base[2]:l.base[2]+cols], vd.buf[l.base[3]:l.base[3]+cols]
		forEach(cancel, workers, rows, max(1, elementwiseGrain/cols), func(lo, hi int) {
			kernels.SubDivRows(vo.buf[l.base[0]+lo*ldo:], vx.buf[l.base[1]+lo*ldx:], hi-lo, cols, ldo, ldx, sub, div)
		})
		return
	}
	forEach(cancel, workers, l.size(), elementwiseGrain, func(lo, hi int) {
		l.walk(lo, hi, func(offs [maxOperands]int, n int) {
			o, ox, os, od := offs[0], offs[1], offs[2], offs[3]
			switch {
			case ss == 0 && sd == 0 && so == 1 && sx == 1:
				kernels.SubDiv(vo.buf[o:o+n], vx.buf[ox:ox+n], vs.buf[os], vd.buf[od])
			case ss == 0 && sd == 0:
				kernels.SubDivInc(vo.buf, vx.buf, n, so, sx, o, ox, vs.buf[os], vd.buf[od])
			case ss == 1 && sd == 1 && so == 1 && sx == 1:
				kernels.SubDivRows(vo.buf[o:o+n], vx.buf[ox:ox+n], 1, n, n, n, vs.buf[os:os+n], vd.buf[od:od+n])
			default:
				for i := 0; i < n; i++ {
					one := vo.buf[o+i*so : o+i*so+1]
					kernels.SubDiv(one, vx.buf[ox+i*sx:ox+i*sx+1], vs.buf[os+i*ss], vd.buf[od+i*sd])
				}
			}
		})
	})
}
