package distance

import (
	"math"

	"gonp/kernels/vmath"
)

// Params holds the arguments of the metrics beyond the points.
type Params struct {
	// P is Minkowski's order: 1, 2 and +Inf give Cityblock, Euclidean and
	// Chebyshev; any other value (zero and negative too, as scipy) the
	// general (Σ |a-b|^p)^(1/p).
	P float64
	// W is the weight vector (length d, non-negative) or nil; for SEuclidean
	// it holds the variances V.
	W []float64
	// VI is Mahalanobis's d×d inverse covariance, row-major, read by
	// Mahalanobis only.
	VI []float64
	// Scratch is 2·d elements a call may write (Mahalanobis,
	// JensenShannon); CdistPairs and
	// PdistPairs provide it.
	Scratch []float64
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
	case Mahalanobis:
		if len(prm.VI) < d*d {
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
	case Mahalanobis:
		return mahalanobis(a, b, prm.VI[:len(a)*len(a)], prm.Scratch)
	case JensenShannon:
		return jensenShannon(a, b, prm.Scratch)
	case Hamming:
		if w == nil {
			num := 0.0
			for k, x := range a {
				num += b2f(x != b[k])
			}
			return num / float64(len(a))
		}
		num, den := 0.0, 0.0
		for k, x := range a {
			num += w[k] * b2f(x != b[k])
			den += w[k]
		}
		return num / den
	case Jaccard:
		num, den := 0.0, 0.0
		for k, x := range a {
			wk := weight(w, k)
			nx, ny := x != 0, b[k] != 0
			den += wk * b2f(nx || ny)
			num += wk * b2f(nx != ny)
		}
		if den == 0 {
			return 0
		}
		return num / den
	case Dice:
		if w == nil {
			// SciPy's unweighted dice is arithmetic: c_TT = Σ a·b,
			// c_TF = Σ a·(1-b), c_FT = Σ (1-a)·b, which are the counts for
			// 0/1 data.
			tt, tf, ft := 0.0, 0.0, 0.0
			for k, x := range a {
				y := b[k]
				tt += x * y
				tf += x * (1 - y)
				ft += (1 - x) * y
			}
			return (tf + ft) / (2*tt + tf + ft)
		}
		tt, ne := 0.0, 0.0
		for k, x := range a {
			tt += w[k] * b2f(x != 0 && b[k] != 0)
			ne += w[k] * b2f(x != b[k])
		}
		return ne / (2*tt + ne)
	case RogersTanimoto, RussellRao, SokalSneath, Yule:
		tt, tf, ft, ff := boolCounts(a, b, w)
		switch metric {
		case RogersTanimoto:
			r := 2 * (tf + ft)
			return r / (tt + ff + r)
		case RussellRao:
			n := tt + tf + ft + ff
			return (n - tt) / n
		case SokalSneath:
			r := 2 * (tf + ft)
			return r / (tt + r)
		default:
			r := 2 * tf * ft
			if r == 0 {
				return 0
			}
			return r / (tt*ff + r/2)
		}
	}
	panic(errDistMetric)
}

// weight is w[k], or 1 without weights.
func weight(w []float64, k int) float64 {
	if w == nil {
		return 1
	}
	return w[k]
}

// boolCounts are the (weighted) counts of the positions where a and b are
// nonzero and zero: both, a only, b only, neither.
func boolCounts(a, b, w []float64) (tt, tf, ft, ff float64) {
	// Without branches: random bits would mispredict half of them.
	var n float64
	for k, x := range a {
		wk := weight(w, k)
		fx, fy := b2f(x != 0), b2f(b[k] != 0)
		tt += wk * fx * fy
		tf += wk * fx
		ft += wk * fy
		n += wk
	}
	// tf and ft so far count every true of a and of b.
	tf -= tt
	ft -= tt
	return tt, tf, ft, n - tt - tf - ft
}

// b2f is 1 for true and 0 for false, without a branch.
func b2f(c bool) float64 {
	var i uint8
	if c {
		i = 1
	}
	return float64(i)
}

// mahalanobis is sqrt(uᵀ VI u) with u = a-b, the difference taken first as
// SciPy does; scratch holds 2·len(a) elements.
func mahalanobis(a, b, vi, scratch []float64) float64 {
	d := len(a)
	u, z := scratch[:d], scratch[d:2*d]
	for k, x := range a {
		u[k] = x - b[k]
	}
	return math.Sqrt(quadForm(vi[:d*d], u, z))
}

// quadFormGeneric is uᵀ VI u for the d×d row-major vi: z = VIᵀu built
// row by row of VI (z += u_i·VI[i,:], contiguous), then u·z. z is scratch.
func quadFormGeneric(vi, u, z []float64) float64 {
	d := len(u)
	clear(z[:d])
	for i, ui := range u {
		row := vi[i*d : i*d+d]
		zz := z[:len(row)]
		for j, v := range row {
			zz[j] += ui * v
		}
	}
	s := 0.0
	for j, uj := range u {
		s += uj * z[j]
	}
	return s
}

// jensenShannon is SciPy's Jensen-Shannon distance (natural log): +Inf when
// an element is negative or a vector sums to 0. scratch holds 4·len(a)
// elements.
func jensenShannon(a, b, scratch []float64) float64 {
	d := len(a)
	sa, okA := probSum(a)
	sb, okB := probSum(b[:d])
	if !okA || !okB {
		return math.Inf(1)
	}
	p, q := scratch[2*d:3*d], scratch[3*d:4*d]
	for k, x := range a {
		p[k], q[k] = x/sa, b[k]/sb
	}
	return jsProb(p, q, scratch[:2*d])
}

// probSum is the sum of x, and false if an element is negative or the sum
// is 0 (the Jensen-Shannon distance is then +Inf).
func probSum(x []float64) (float64, bool) {
	s := 0.0
	for _, v := range x {
		if v < 0 {
			return 0, false
		}
		s += v
	}
	return s, s != 0
}

// probRows returns the rows of X (n×d) each divided by its sum, as
// jensenShannon divides them, and whether each row is a valid one.
func probRows[T Float](x []T, n, d, rs, cs int) ([]float64, []bool) {
	p, ok := make([]float64, n*d), make([]bool, n)
	for i := range n {
		row := rowOf(x, i, d, rs, cs, p[i*d:(i+1)*d])
		s, valid := probSum(row)
		ok[i] = valid
		dst := p[i*d : (i+1)*d]
		for k, v := range row {
			dst[k] = v / s
		}
	}
	return p, ok
}

// jsProb is the Jensen-Shannon distance of the normalized p and q. The
// 2·len(p) logarithms of the ratios p/m and q/m are taken together, in
// SIMD where the CPU has it (kernels/vmath, within 1 ulp); scratch holds
// 2·len(p) elements.
func jsProb(p, q, scratch []float64) float64 {
	d := len(p)
	q = q[:d]
	lp, lq := scratch[:d], scratch[d:2*d]
	for k, pk := range p {
		qk := q[k]
		m := (pk + qk) / 2
		// A zero p (or q) contributes nothing; its ratio 1 has log 0.
		lp[k], lq[k] = 1, 1
		if pk > 0 {
			lp[k] = pk / m
		}
		if qk > 0 {
			lq[k] = qk / m
		}
	}
	vmath.Log(scratch[:2*d], scratch[:2*d])
	s := 0.0
	for k, pk := range p {
		if pk > 0 {
			s += pk * lp[k]
		}
		if q[k] > 0 {
			s += q[k] * lq[k]
		}
	}
	return math.Sqrt(s / 2)
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
	prm.Scratch = make([]float64, 4*d)
	if metric == JensenShannon {
		// Each row divided by its sum once, not once per pair.
		pa, okA := probRows(a, ma, d, rsa, csa)
		pb, okB := probRows(b, mb, d, rsb, csb)
		for i := range ma {
			for j := range mb {
				v := math.Inf(1)
				if okA[i] && okB[j] {
					v = jsProb(pa[i*d:(i+1)*d], pb[j*d:(j+1)*d], prm.Scratch)
				}
				out[i*rso+j*cso] = O(v)
			}
		}
		return
	}
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
	prm.Scratch = make([]float64, 4*d)
	if metric == JensenShannon {
		px, ok := probRows(x, m, d, rsx, csx)
		for i := i0; i < i1; i++ {
			o := m*i - i*(i+1)/2 - i - 1
			for j := i + 1; j < m; j++ {
				v := math.Inf(1)
				if ok[i] && ok[j] {
					v = jsProb(px[i*d:(i+1)*d], px[j*d:(j+1)*d], prm.Scratch)
				}
				out[o+j] = O(v)
			}
		}
		return
	}
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

// CountMetric reports whether metric is one of the boolean metrics that
// FromCounts finishes: on 0/1 data (and unit weights) each depends on the
// four counts of positions only.
func CountMetric(metric Metric) bool {
	return metric >= Hamming && metric <= Yule
}

// FromCounts is the distance of two 0/1 vectors of a boolean metric from
// the counts of positions where both are 1 (tt), only the first (tf), only
// the second (ft) and neither (ff); it equals pairDist on such vectors. It
// panics if metric is not a CountMetric.
func FromCounts(metric Metric, tt, tf, ft, ff float64) float64 {
	switch metric {
	case Hamming:
		return (tf + ft) / (tt + tf + ft + ff)
	case Jaccard:
		if den := tt + tf + ft; den != 0 {
			return (tf + ft) / den
		}
		return 0
	case Dice:
		return (tf + ft) / (2*tt + tf + ft)
	case RogersTanimoto:
		r := 2 * (tf + ft)
		return r / (tt + ff + r)
	case RussellRao:
		n := tt + tf + ft + ff
		return (n - tt) / n
	case SokalSneath:
		r := 2 * (tf + ft)
		return r / (tt + r)
	case Yule:
		r := 2 * tf * ft
		if r == 0 {
			return 0
		}
		return r / (tt*ff + r/2)
	}
	panic(errDistMetric)
}
