package dispatch

import (
	"gonp/kernels/distance"
	"gonp/kernels/gemm"
)

// countRows is how many rows of XA one block of the count products holds.
const countRows = 256

// indicator returns the rows of x (n×d) as a contiguous float64 n×d matrix
// and each row's sum, or ok false if some element is not 0 or 1. On 0/1
// data every boolean metric is a function of the four counts of positions
// (distance.FromCounts), and the count of positions where two rows are
// both 1 is their dot product: exact in float64 for any d below 2^53.
func indicator(x Array) (rows, sums []float64, ok bool) {
	n, d := x.Shape[0], x.Shape[1]
	rows, sums = make([]float64, n*d), make([]float64, n)
	if n == 0 || d == 0 {
		return rows, sums, true
	}
	if x.DType == Float32 {
		return rows, sums, indicatorOf[float32](x, rows, sums)
	}
	return rows, sums, indicatorOf[float64](x, rows, sums)
}

func indicatorOf[T distance.Float](x Array, rows, sums []float64) bool {
	v := viewOf[T](x)
	d := x.Shape[1]
	for i := range sums {
		s := 0.0
		for p := range d {
			e := float64(v.buf[v.off+i*v.strides[0]+p*v.strides[1]])
			if e != 0 && e != 1 {
				return false
			}
			rows[i*d+p] = e
			s += e
		}
		sums[i] = s
	}
	return true
}

// cdistCounts computes a boolean metric without weights on 0/1 data from
// the count products, a block of XA rows at a time; false (nothing
// written) if the data are not all 0 or 1.
func cdistCounts(metric distance.Metric, xa, xb, out Array, workers int, cancel *int32) bool {
	a, sa, ok := indicator(xa)
	if !ok {
		return false
	}
	b, sb, ok := indicator(xb)
	if !ok {
		return false
	}
	ma, mb, d := xa.Shape[0], xb.Shape[0], xa.Shape[1]
	if ma == 0 || mb == 0 {
		return true
	}
	if out.DType == Float32 {
		countsInto[float32](metric, a, sa, b, sb, ma, mb, d, out, workers, cancel)
	} else {
		countsInto[float64](metric, a, sa, b, sb, ma, mb, d, out, workers, cancel)
	}
	return true
}

func countsInto[O distance.Float](metric distance.Metric, a, sa, b, sb []float64, ma, mb, d int, out Array, workers int, cancel *int32) {
	vo := viewOf[O](out)
	n := float64(d)
	forEach(cancel, workers, (ma+countRows-1)/countRows, 1, func(lo, hi int) {
		tt := make([]float64, countRows*mb)
		for blk := lo; blk < hi; blk++ {
			i0 := blk * countRows
			rows := min(countRows, ma-i0)
			// tt[r, j] = Σ_p a[i0+r, p]·b[j, p]: B read transposed in place.
			gemm.Gemm(rows, mb, d, a[i0*d:], d, 1, b, 1, d, tt, mb, 1)
			for r := range rows {
				i := i0 + r
				o := vo.off + i*vo.strides[0]
				for j := range mb {
					c := tt[r*mb+j]
					tf, ft := sa[i]-c, sb[j]-c
					vo.buf[o+j*vo.strides[1]] = O(distance.FromCounts(metric, c, tf, ft, n-c-tf-ft))
				}
			}
		}
	})
}

// pdistCounts is cdistCounts for pdist's condensed output.
func pdistCounts(metric distance.Metric, x, out Array, workers int, cancel *int32) bool {
	a, sa, ok := indicator(x)
	if !ok {
		return false
	}
	m, d := x.Shape[0], x.Shape[1]
	if m < 2 {
		return true
	}
	if out.DType == Float32 {
		condensedCountsInto[float32](metric, a, sa, m, d, out, workers, cancel)
	} else {
		condensedCountsInto[float64](metric, a, sa, m, d, out, workers, cancel)
	}
	return true
}

func condensedCountsInto[O distance.Float](metric distance.Metric, a, sa []float64, m, d int, out Array, workers int, cancel *int32) {
	vo := viewOf[O](out)
	dst := vo.buf[vo.off:]
	n := float64(d)
	forEach(cancel, workers, (m+countRows-1)/countRows, 1, func(lo, hi int) {
		tt := make([]float64, countRows*m)
		for blk := lo; blk < hi; blk++ {
			i0 := blk * countRows
			rows := min(countRows, m-i0)
			// Only the rows j > i0 are needed: the product starts there.
			j0 := i0 + 1
			if j0 >= m {
				continue
			}
			w := m - j0
			gemm.Gemm(rows, w, d, a[i0*d:], d, 1, a[j0*d:], 1, d, tt, w, 1)
			for r := range rows {
				i := i0 + r
				base := m*i - i*(i+1)/2 - i - 1 // + j: the condensed index of (i, j)
				for j := i + 1; j < m; j++ {
					c := tt[r*w+j-j0]
					tf, ft := sa[i]-c, sa[j]-c
					dst[base+j] = O(distance.FromCounts(metric, c, tf, ft, n-c-tf-ft))
				}
			}
		}
	})
}
