package dispatch

import (
	"gonp/kernels/distance"
)

// distanceParams validates the arguments of the parameterised metrics and
// returns them as the kernels take them. w is a float64 vector of d weights
// (the variances for SEuclidean, VI's d*d elements row by row for
// Mahalanobis), or of length 0 for none.
func distanceParams(metric distance.Metric, p float64, w Array, d int) (distance.Params, error) {
	prm := distance.Params{P: p}
	if metric < distance.Euclidean || metric > distance.LastMetric {
		return prm, valueErrorf("unknown metric code %d", int32(metric))
	}
	if err := w.check("w"); err != nil {
		return prm, err
	}
	if len(w.Shape) != 1 || w.DType != Float64 {
		return prm, typeErrorf("w must be a float64 vector")
	}
	if metric == distance.Mahalanobis {
		// w carries VI, d×d row-major.
		if w.Shape[0] != d*d {
			return prm, valueErrorf("VI must be a %d×%d matrix, got %d elements", d, d, w.Shape[0])
		}
		v := viewOf[float64](w)
		prm.VI = make([]float64, d*d)
		for k := range prm.VI {
			prm.VI[k] = v.buf[v.off+k*v.strides[0]]
		}
		prm.P = 2
		return prm, nil
	}
	if w.Shape[0] != 0 || metric == distance.SEuclidean {
		if w.Shape[0] != d {
			return prm, valueErrorf("Weights must have same size as input vector. %d vs. %d", w.Shape[0], d)
		}
		v := viewOf[float64](w)
		prm.W = make([]float64, d)
		for k := range d {
			x := v.buf[v.off+k*v.strides[0]]
			if x < 0 && metric != distance.SEuclidean {
				return prm, valueErrorf("Input weights should be all non-negative")
			}
			prm.W[k] = x
		}
	}
	if metric != distance.Minkowski {
		prm.P = 2
	}
	return prm, nil
}

// centeredRows returns the rows of x (n×d) less their means, as a
// contiguous float64 n×d matrix: Correlation is Cosine of these rows, as
// scipy computes it, and the tiled Cosine kernel then does the pairs.
func centeredRows(x Array, workers int, cancel *int32) []float64 {
	n, d := x.Shape[0], x.Shape[1]
	means := rowMeans(x, workers, cancel)
	c := make([]float64, n*d)
	if n == 0 || d == 0 {
		return c
	}
	if x.DType == Float32 {
		centerInto[float32](x, means, c, workers, cancel)
	} else {
		centerInto[float64](x, means, c, workers, cancel)
	}
	return c
}

func centerInto[T distance.Float](x Array, means, c []float64, workers int, cancel *int32) {
	v := viewOf[T](x)
	d := x.Shape[1]
	rs, cs := v.strides[0], v.strides[1]
	forEach(cancel, workers, len(means), max(1, distanceGrainPairs/d), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			o := v.off + i*rs
			for p := range d {
				c[i*d+p] = float64(v.buf[o+p*cs]) - means[i]
			}
		}
	})
}

func cdistCentered[O distance.Float](ca, cb []float64, ma, mb, d int, out Array, workers int, cancel *int32) {
	if ma == 0 || mb == 0 {
		return
	}
	vo := viewOf[O](out)
	grain := max(1, distanceGrainPairs/(mb*max(d, 1)))
	forEach(cancel, workers, ma, grain, func(lo, hi int) {
		distance.Cdist(distance.Cosine, hi-lo, mb, d, ca[lo*d:], d, 1, cb, d, 1,
			vo.buf[vo.off+lo*vo.strides[0]:], vo.strides[0], vo.strides[1])
	})
}

func pdistCentered[O distance.Float](c []float64, m, d int, out Array, workers int, cancel *int32) {
	if m < 2 {
		return
	}
	vo := viewOf[O](out)
	grain := max(1, distanceGrainPairs/(m*max(d, 1)))
	forEach(cancel, workers, m-1, grain, func(lo, hi int) {
		distance.PdistRows(distance.Cosine, m, d, c, d, 1, lo, hi, vo.buf)
	})
}

func rowMeans(x Array, workers int, cancel *int32) []float64 {
	n := x.Shape[0]
	means := make([]float64, n)
	if n == 0 {
		return means
	}
	if x.DType == Float32 {
		rowMeansOf[float32](x, means, workers, cancel)
	} else {
		rowMeansOf[float64](x, means, workers, cancel)
	}
	return means
}

func rowMeansOf[T distance.Float](x Array, means []float64, workers int, cancel *int32) {
	v := viewOf[T](x)
	d := x.Shape[1]
	buf := v.buf
	if len(buf) > 0 {
		buf = buf[v.off:]
	}
	grain := max(1, distanceGrainPairs/max(d, 1))
	forEach(cancel, workers, len(means), grain, func(lo, hi int) {
		var rows []T
		if d > 0 {
			rows = buf[lo*v.strides[0]:]
		}
		distance.RowMeans(hi-lo, d, rows, v.strides[0], v.strides[1], means[lo:hi])
	})
}

// CdistParams is Cdist for every metric, with Minkowski's order p and a
// weight (or, for SEuclidean, variance) vector w of length d or 0.
func CdistParams(metric distance.Metric, p float64, w Array, xa, xb, out Array, workers int, cancel *int32) error {
	for _, q := range []struct {
		name string
		a    Array
	}{{"XA", xa}, {"XB", xb}, {"out", out}} {
		if err := checkPoints(q.name, q.a); err != nil {
			return err
		}
	}
	if xa.DType != xb.DType {
		return typeErrorf("XA and XB dtypes differ: %v and %v", xa.DType, xb.DType)
	}
	if xa.Shape[1] != xb.Shape[1] {
		return valueErrorf("XA and XB must have the same number of columns (got %d and %d)", xa.Shape[1], xb.Shape[1])
	}
	if out.Shape[0] != xa.Shape[0] || out.Shape[1] != xb.Shape[0] {
		return valueErrorf("out has shape %v, expected (%d, %d)", out.Shape, xa.Shape[0], xb.Shape[0])
	}
	if err := checkScratch(xa.Shape[1]); err != nil {
		return err
	}
	prm, err := distanceParams(metric, p, w, xa.Shape[1])
	if err != nil {
		return err
	}
	if !distance.Paired(metric, prm.W) {
		return Cdist(metric, xa, xb, out, workers, cancel)
	}
	if distance.CountMetric(metric) && prm.W == nil && cdistCounts(metric, xa, xb, out, workers, cancel) {
		return cancelled(cancel)
	}
	if metric == distance.Correlation {
		ca, cb := centeredRows(xa, workers, cancel), centeredRows(xb, workers, cancel)
		if out.DType == Float32 {
			cdistCentered[float32](ca, cb, xa.Shape[0], xb.Shape[0], xa.Shape[1], out, workers, cancel)
		} else {
			cdistCentered[float64](ca, cb, xa.Shape[0], xb.Shape[0], xa.Shape[1], out, workers, cancel)
		}
		return cancelled(cancel)
	}
	switch {
	case xa.DType == Float32 && out.DType == Float32:
		cdistPairs[float32, float32](metric, prm, xa, xb, out, workers, cancel)
	case xa.DType == Float32 && out.DType == Float64:
		cdistPairs[float32, float64](metric, prm, xa, xb, out, workers, cancel)
	case xa.DType == Float64 && out.DType == Float32:
		cdistPairs[float64, float32](metric, prm, xa, xb, out, workers, cancel)
	default:
		cdistPairs[float64, float64](metric, prm, xa, xb, out, workers, cancel)
	}
	return cancelled(cancel)
}

func cdistPairs[T, O distance.Float](metric distance.Metric, prm distance.Params, xa, xb, out Array, workers int, cancel *int32) {
	ma, mb, d := xa.Shape[0], xb.Shape[0], xa.Shape[1]
	if ma == 0 || mb == 0 {
		return
	}
	va, vb, vo := viewOf[T](xa), viewOf[T](xb), viewOf[O](out)
	rsa, csa := va.strides[0], va.strides[1]
	grain := max(1, distanceGrainPairs/(mb*max(d, 1)))
	forEach(cancel, workers, ma, grain, func(lo, hi int) {
		var a []T
		if len(va.buf) > 0 {
			a = va.buf[va.off+lo*rsa:]
		}
		b := vb.buf
		if len(b) > 0 {
			b = b[vb.off:]
		}
		q := prm
		if q.MeanA != nil {
			q.MeanA = q.MeanA[lo:hi]
		}
		distance.CdistPairs(metric, q, hi-lo, mb, d, a, rsa, csa, b, vb.strides[0], vb.strides[1],
			vo.buf[vo.off+lo*vo.strides[0]:], vo.strides[0], vo.strides[1])
	})
}

// PdistParams is Pdist for every metric, with p and w as in CdistParams.
func PdistParams(metric distance.Metric, p float64, w Array, x, out Array, workers int, cancel *int32) error {
	if err := checkPoints("X", x); err != nil {
		return err
	}
	if err := out.check("out"); err != nil {
		return err
	}
	m := x.Shape[0]
	if len(out.Shape) != 1 || out.Shape[0] != m*(m-1)/2 || (out.Shape[0] > 1 && out.Strides[0] != out.DType.ItemSize()) {
		return valueErrorf("out must be a contiguous vector of %d elements", m*(m-1)/2)
	}
	if out.DType != Float32 && out.DType != Float64 {
		return typeErrorf("out dtype %v is not float32 or float64", out.DType)
	}
	if err := checkScratch(x.Shape[1]); err != nil {
		return err
	}
	prm, err := distanceParams(metric, p, w, x.Shape[1])
	if err != nil {
		return err
	}
	if !distance.Paired(metric, prm.W) {
		return Pdist(metric, x, out, workers, cancel)
	}
	if distance.CountMetric(metric) && prm.W == nil && pdistCounts(metric, x, out, workers, cancel) {
		return cancelled(cancel)
	}
	if metric == distance.Correlation {
		c := centeredRows(x, workers, cancel)
		if out.DType == Float32 {
			pdistCentered[float32](c, m, x.Shape[1], out, workers, cancel)
		} else {
			pdistCentered[float64](c, m, x.Shape[1], out, workers, cancel)
		}
		return cancelled(cancel)
	}
	switch {
	case x.DType == Float32 && out.DType == Float32:
		pdistPairs[float32, float32](metric, prm, x, out, workers, cancel)
	case x.DType == Float32 && out.DType == Float64:
		pdistPairs[float32, float64](metric, prm, x, out, workers, cancel)
	case x.DType == Float64 && out.DType == Float32:
		pdistPairs[float64, float32](metric, prm, x, out, workers, cancel)
	default:
		pdistPairs[float64, float64](metric, prm, x, out, workers, cancel)
	}
	return cancelled(cancel)
}

func pdistPairs[T, O distance.Float](metric distance.Metric, prm distance.Params, x, out Array, workers int, cancel *int32) {
	m, d := x.Shape[0], x.Shape[1]
	if m < 2 {
		return
	}
	vx, vo := viewOf[T](x), viewOf[O](out)
	xs := vx.buf
	if len(xs) > 0 {
		xs = xs[vx.off:]
	}
	grain := max(1, distanceGrainPairs/(m*max(d, 1)))
	forEach(cancel, workers, m-1, grain, func(lo, hi int) {
		distance.PdistPairs(metric, prm, m, d, xs, vx.strides[0], vx.strides[1], lo, hi, vo.buf)
	})
}
