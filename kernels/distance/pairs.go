package distance

import "math"

// Params holds the arguments of the metrics beyond the points.
type Params struct {
	// P is Minkowski's order: 1, 2 and +Inf give Cityblock, Euclidean and
	// Chebyshev; any other value (zero and negative too, as scipy) the
	// general (Σ |a-b|^p)^(1/p).
	P float64
	// W is the weight vector (length d, non-negative) or nil; for SEuclidean
	// it holds the variances V.
	W []float64
	// MeanA and MeanB are the row means of A and B (indexed by the row
	// numbers the call is given), read by Correlation only.
	MeanA, MeanB []float64
}

const errDistParams = "kernels: distance parameters do not fit the metric"

// Paired reports whether metric is computed one pair at a time by CdistPairs
// and PdistPairs: the metrics beyond the tiled five, and any metric with
// weights.
func Paired(metric Metric, w []float64) bool {
	return metric > Cosine || w != nil
}

func checkParams(metric Metric, prm Params, d, ma, mb int) {
	if metric < Euclidean || metric > LastMetric {
		panic(errDistMetric)
	}
	if prm.W != nil && len(prm.W) < d {
		panic(errDistParams)
	}
	switch metric {
	case SEuclidean:
		if len(prm.W) < d {
			panic(errDistParams)
		}
	case Correlation:
		if len(prm.MeanA) < ma || len(prm.MeanB) < mb {
			panic(errDistParams)
		}
	}
}

// rowOf returns row i of x (element p at x[i*rs+p*cs]) as float64 values:
// the row itself when it is already a contiguous float64 run, else buf filled.
func rowOf[T Float](x []T, i, d, rs, cs int, buf []float64) []float64 {
	if cs == 1 {
		if f, ok := any(x).([]float64); ok {
			return f[i*rs : i*rs+d]
		}
	}
	o := i * rs
	for p := range d {
		buf[p] = float64(x[o])
		o += cs
	}
	return buf[:d]
}

// pairDist is the distance between a and b (same length) under metric, in
// float64, with the semantics of scipy.spatial.distance. ma and mb are the
// rows' means (Correlation).
func pairDist(metric Metric, prm *Params, a, b []float64, ma, mb float64) float64 {
	w := prm.W
	if w != nil {
		w = w[:len(a)]
	}
	b = b[:len(a)]
	switch metric {
	case Euclidean:
		return math.Sqrt(sqSum(a, b, w, true))
	case SqEuclidean:
		return sqSum(a, b, w, false)
	case Cityblock:
		return absSum(a, b, w)
	case Chebyshev:
		return maxAbs(a, b, w)
	case Cosine:
		return cosineOf(a, b, w, 0, 0)
	case Correlation:
		return cosineOf(a, b, w, ma, mb)
	case Minkowski:
		switch p := prm.P; {
		case p == 1:
			return absSum(a, b, w)
		case p == 2:
			return math.Sqrt(sqSum(a, b, w, true))
		case math.IsInf(p, 1):
			return maxAbs(a, b, w)
		case p == math.Trunc(p) && p >= 3 && p <= 64:
			// Integer orders by repeated squaring: within a few ulps of
			// pow, at a fraction of its cost.
			n := uint(p)
			s := 0.0
			for k, x := range a {
				t := powUint(math.Abs(x-b[k]), n)
				if w != nil {
					t *= w[k]
				}
				s += t
			}
			return math.Pow(s, 1/p)
		default:
			s := 0.0
			if w == nil {
				for k, x := range a {
					s += math.Pow(math.Abs(x-b[k]), p)
				}
			} else {
				for k, x := range a {
					s += w[k] * math.Pow(math.Abs(x-b[k]), p)
				}
			}
			return math.Pow(s, 1/p)
		}
	case SEuclidean:
		s := 0.0
		for k, x := range a {
			t := x - b[k]
			s += t * t / w[k]
		}
		return math.Sqrt(s)
	case BrayCurtis:
		num, den := 0.0, 0.0
		if w == nil {
			for k, x := range a {
				num += math.Abs(x - b[k])
				den += math.Abs(x + b[k])
			}
		} else {
			for k, x := range a {
				num += w[k] * math.Abs(x-b[k])
				den += w[k] * math.Abs(x+b[k])
			}
		}
		return num / den
	case Canberra:
		s := 0.0
		for k, x := range a {
			den := math.Abs(x) + math.Abs(b[k])
			if den == 0 {
				den = 1 // |a-b| is 0 too: the term is 0
			}
			t := math.Abs(x-b[k]) / den
			if w != nil {
				t *= w[k]
			}
			s += t
		}
		return s
	}
	panic(errDistMetric)
}

// powUint is x**n for n >= 1 by repeated squaring.
func powUint(x float64, n uint) float64 {
	r := 1.0
	for {
		if n&1 != 0 {
			r *= x
		}
		n >>= 1
		if n == 0 {
			return r
		}
		x *= x
	}
}

// sqSum is Σ w·(a-b)², in SciPy's order of operations, which shows when a
// zero weight meets a difference whose square overflows: weighted euclidean
// (and minkowski p=2) take w·|a-b|², so 0·Inf gives NaN; weighted
// sqeuclidean takes (w·(a-b))·(a-b), so the term is 0 (squareFirst false).
func sqSum(a, b, w []float64, squareFirst bool) float64 {
	s := 0.0
	switch {
	case w == nil:
		for k, x := range a {
			t := x - b[k]
			s += t * t
		}
	case squareFirst:
		for k, x := range a {
			t := x - b[k]
			s += w[k] * (t * t)
		}
	default:
		for k, x := range a {
			t := x - b[k]
			s += w[k] * t * t
		}
	}
	return s
}

func absSum(a, b, w []float64) float64 {
	s := 0.0
	if w == nil {
		for k, x := range a {
			s += math.Abs(x - b[k])
		}
		return s
	}
	for k, x := range a {
		s += w[k] * math.Abs(x-b[k])
	}
	return s
}

// maxAbs is the largest |a-b| (over the positive weights when w is given);
// NaN differences fail the comparison and are skipped, as in scipy.
func maxAbs(a, b, w []float64) float64 {
	s := 0.0
	for k, x := range a {
		if w != nil && !(w[k] > 0) {
			continue
		}
		if t := math.Abs(x - b[k]); t > s {
			s = t
		}
	}
	return s
}

// cosineOf is 1 - cos of (a-ma) and (b-mb), weighted by w when given.
func cosineOf(a, b, w []float64, ma, mb float64) float64 {
	dot, na, nb := 0.0, 0.0, 0.0
	for k, x := range a {
		x -= ma
		y := b[k] - mb
		if w != nil {
			dot += w[k] * x * y
			na += w[k] * x * x
			nb += w[k] * y * y
			continue
		}
		dot += x * y
		na += x * x
		nb += y * y
	}
	return finishCosine(dot, math.Sqrt(na), math.Sqrt(nb))
}

// CdistPairs is Cdist for every metric and parameters (see Params), one pair
// of rows at a time in plain Go: out[i*rso + j*cso] = dist(A[i,:], B[j,:]),
// with A's element (i, p) at a[i*rsa+p*csa] and B's at b[j*rsb+p*csb].
//
// It panics if metric is unknown, the parameters do not fit it, a size or
// stride is negative, or a slice is too short for what it addresses.
func CdistPairs[T Float, O Float](metric Metric, prm Params, ma, mb, d int, a []T, rsa, csa int, b []T, rsb, csb int, out []O, rso, cso int) {
	if ma < 0 || mb < 0 || d < 0 {
		panic(errDistSize)
	}
	checkParams(metric, prm, d, ma, mb)
	checkDistMatrix(a, ma, d, rsa, csa, errDistShortA)
	checkDistMatrix(b, mb, d, rsb, csb, errDistShortB)
	checkDistMatrix(out, ma, mb, rso, cso, errDistShortO)
	if ma == 0 || mb == 0 {
		return
	}
	bufA, bufB := make([]float64, d), make([]float64, d)
	for i := range ma {
		ra := rowOf(a, i, d, rsa, csa, bufA)
		mA := 0.0
		if metric == Correlation {
			mA = prm.MeanA[i]
		}
		for j := range mb {
			rb := rowOf(b, j, d, rsb, csb, bufB)
			mB := 0.0
			if metric == Correlation {
				mB = prm.MeanB[j]
			}
			out[i*rso+j*cso] = O(pairDist(metric, &prm, ra, rb, mA, mB))
		}
	}
}

// PdistPairs is PdistRows for every metric and parameters: the condensed
// distances of rows i0 <= i < i1 of X (m×d) against every later row, into
// out at scipy's condensed positions. For Correlation, MeanA holds the
// means of all m rows (MeanB is not read).
func PdistPairs[T Float, O Float](metric Metric, prm Params, m, d int, x []T, rsx, csx int, i0, i1 int, out []O) {
	if m < 0 || d < 0 {
		panic(errDistSize)
	}
	prm.MeanB = prm.MeanA
	checkParams(metric, prm, d, m, m)
	checkDistMatrix(x, m, d, rsx, csx, errDistShortX)
	if i0 < 0 || i1 > max(m-1, 0) || i0 > i1 {
		panic(errDistRowSpan)
	}
	if len(out) < m*(m-1)/2 {
		panic(errDistShortO)
	}
	bufA, bufB := make([]float64, d), make([]float64, d)
	for i := i0; i < i1; i++ {
		ra := rowOf(x, i, d, rsx, csx, bufA)
		o := m*i - i*(i+1)/2 - i - 1
		mA := 0.0
		if metric == Correlation {
			mA = prm.MeanA[i]
		}
		for j := i + 1; j < m; j++ {
			rb := rowOf(x, j, d, rsx, csx, bufB)
			mB := 0.0
			if metric == Correlation {
				mB = prm.MeanA[j]
			}
			out[o+j] = O(pairDist(metric, &prm, ra, rb, mA, mB))
		}
	}
}

// RowMeans writes the mean of each row of X (n×d, element (i, p) at
// x[i*rs+p*cs]) into out[:n], summing in float64; NaN for d == 0.
func RowMeans[T Float](n, d int, x []T, rs, cs int, out []float64) {
	checkDistMatrix(x, n, d, rs, cs, errDistShortX)
	for i := range n {
		s := 0.0
		o := i * rs
		for range d {
			s += float64(x[o])
			o += cs
		}
		out[i] = s / float64(d)
	}
}
