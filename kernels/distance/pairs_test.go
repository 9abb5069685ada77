package distance

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refPair is each metric's definition in float64, written from scipy's
// formulas one term at a time (w nil: unit weights; SEuclidean: w is V).
func refPair(metric Metric, p float64, w, x, y []float64) float64 {
	wt := func(k int) float64 {
		if w == nil {
			return 1
		}
		return w[k]
	}
	switch metric {
	case Euclidean:
		// SciPy's weighted euclidean is minkowski p=2: w·|x-y|^2.
		s := 0.0
		for k := range x {
			s += wt(k) * math.Pow(math.Abs(x[k]-y[k]), 2)
		}
		return math.Sqrt(s)
	case SqEuclidean:
		s := 0.0
		for k := range x {
			s += wt(k) * (x[k] - y[k]) * (x[k] - y[k])
		}
		return s
	case Cityblock:
		return refPair(Minkowski, 1, w, x, y)
	case Chebyshev:
		return refPair(Minkowski, math.Inf(1), w, x, y)
	case Minkowski:
		if math.IsInf(p, 1) {
			m := 0.0
			for k := range x {
				if d := math.Abs(x[k] - y[k]); wt(k) > 0 && d > m {
					m = d
				}
			}
			return m
		}
		s := 0.0
		for k := range x {
			s += wt(k) * math.Pow(math.Abs(x[k]-y[k]), p)
		}
		return math.Pow(s, 1/p)
	case SEuclidean:
		s := 0.0
		for k := range x {
			s += (x[k] - y[k]) * (x[k] - y[k]) / w[k]
		}
		return math.Sqrt(s)
	case Cosine, Correlation:
		mx, my := 0.0, 0.0
		if metric == Correlation {
			for k := range x {
				mx += x[k]
				my += y[k]
			}
			mx /= float64(len(x))
			my /= float64(len(y))
		}
		var xy, xx, yy float64
		for k := range x {
			a, b := x[k]-mx, y[k]-my
			xy += wt(k) * a * b
			xx += wt(k) * a * a
			yy += wt(k) * b * b
		}
		return 1 - max(-1, min(1, xy/(math.Sqrt(xx)*math.Sqrt(yy))))
	case BrayCurtis:
		var n, d float64
		for k := range x {
			n += wt(k) * math.Abs(x[k]-y[k])
			d += wt(k) * math.Abs(x[k]+y[k])
		}
		return n / d
	case Canberra:
		s := 0.0
		for k := range x {
			if d := math.Abs(x[k]) + math.Abs(y[k]); d != 0 {
				s += wt(k) * math.Abs(x[k]-y[k]) / d
			}
		}
		return s
	}
	panic("refPair: metric")
}

type pairCase struct {
	metric Metric
	p      float64
	weight bool
}

func pairCases() []pairCase {
	var cs []pairCase
	for _, m := range []Metric{Euclidean, SqEuclidean, Cityblock, Chebyshev, Cosine, BrayCurtis, Canberra} {
		cs = append(cs, pairCase{m, 2, true})
	}
	for _, m := range []Metric{SEuclidean, Correlation, BrayCurtis, Canberra} {
		cs = append(cs, pairCase{m, 2, false})
	}
	for _, p := range []float64{1, 2, 3, 4, 7, 0.5, math.Inf(1), 0, -1.5, -2} {
		cs = append(cs, pairCase{Minkowski, p, false}, pairCase{Minkowski, p, true})
	}
	return cs
}

func (c pairCase) String() string { return fmt.Sprintf("%v/p=%v/w=%v", c.metric, c.p, c.weight) }

func closePair(got, want float64, tol float64) bool {
	if math.IsNaN(want) || math.IsInf(want, 0) {
		return math.IsNaN(got) && math.IsNaN(want) || got == want
	}
	return math.Abs(got-want) <= tol*max(math.Abs(want), 1e-300) || math.Abs(got-want) <= 1e-14
}

func testPairsTypes[T Float, O Float](t *testing.T, tol float64) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, c := range pairCases() {
		for _, sh := range []distShape{{1, 1, 1}, {5, 7, 3}, {17, 9, 64}, {3, 4, 0}, {0, 5, 2}, {6, 0, 2}} {
			for la := range distNumLayouts {
				am, bm := distRandMatrix(r, sh.ma, sh.d), distRandMatrix(r, sh.mb, sh.d)
				if sh.ma > 1 && sh.d > 1 {
					am[sh.d+1] = math.NaN() // row 1
					for p := range sh.d {
						am[p] = 0 // row 0 is zero
					}
				}
				var w []float64
				if c.weight || c.metric == SEuclidean {
					w = make([]float64, sh.d)
					for k := range w {
						w[k] = r.Float64() + 0.05
					}
					if sh.d > 1 && c.metric != SEuclidean {
						w[1] = 0
					}
				}
				checkPairs[T, O](t, c, sh, am, bm, w, la, tol)
			}
		}
	}
}

// checkPairs runs CdistPairs of A (ma×d) against B (mb×d) and PdistPairs
// of A, for the values am and bm (row-major, rounded to T here) in layout la
// (B in the next one), with weights w, and compares each result in O with
// refPair within tol relative.
func checkPairs[T Float, O Float](t *testing.T, c pairCase, sh distShape, am, bm, w []float64, la distLayout, tol float64) {
	t.Helper()
	distRoundTo[T](am)
	distRoundTo[T](bm)
	_, a, rsa, csa := distLayOut[T](am, sh.ma, sh.d, la)
	_, b, rsb, csb := distLayOut[T](bm, sh.mb, sh.d, (la+1)%distNumLayouts)
	prm := Params{P: c.p, W: w}
	if c.metric == Correlation {
		prm.MeanA, prm.MeanB = make([]float64, sh.ma), make([]float64, sh.mb)
		RowMeans(sh.ma, sh.d, a, rsa, csa, prm.MeanA)
		RowMeans(sh.mb, sh.d, b, rsb, csb, prm.MeanB)
	}
	var zero O
	_, isF32 := any(zero).(float32)
	check := func(what string, i, j int, got O, x, y []float64) {
		want := refPair(c.metric, c.p, w, x, y)
		if isF32 {
			want = float64(float32(want))
		}
		if !closePair(float64(got), want, tol) {
			t.Fatalf("%s %v %v %v: (%d,%d) = %v, want %v", what, c, sh, la, i, j, got, want)
		}
	}
	out := make([]O, sh.ma*sh.mb)
	CdistPairs(c.metric, prm, sh.ma, sh.mb, sh.d, a, rsa, csa, b, rsb, csb, out, sh.mb, 1)
	for i := range sh.ma {
		for j := range sh.mb {
			check("cdist", i, j, out[i*sh.mb+j], am[i*sh.d:(i+1)*sh.d], bm[j*sh.d:(j+1)*sh.d])
		}
	}
	if sh.ma < 2 {
		return
	}
	prm.MeanB = nil
	cond := make([]O, sh.ma*(sh.ma-1)/2)
	PdistPairs(c.metric, prm, sh.ma, sh.d, a, rsa, csa, 0, sh.ma-1, cond)
	k := 0
	for i := range sh.ma {
		for j := i + 1; j < sh.ma; j++ {
			check("pdist", i, j, cond[k], am[i*sh.d:(i+1)*sh.d], am[j*sh.d:(j+1)*sh.d])
			k++
		}
	}
}

func TestPairsFloat64(t *testing.T) {
	forEachLevel(t, func(t *testing.T) { testPairsTypes[float64, float64](t, 1e-13) })
}
func TestPairsFloat32(t *testing.T) {
	forEachLevel(t, func(t *testing.T) { testPairsTypes[float32, float32](t, 2e-7) })
}
func TestPairsF32ToF64(t *testing.T) { testPairsTypes[float32, float64](t, 1e-13) }

// TestPairsMatchTiled checks the unweighted five metrics of CdistPairs
// against the tiled Cdist at every level.
func TestPairsMatchTiled(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(9, 10))
		ma, mb, d := 13, 29, 37
		a, b := distRandMatrix(r, ma, d), distRandMatrix(r, mb, d)
		for _, m := range distMetrics {
			got, want := make([]float64, ma*mb), make([]float64, ma*mb)
			CdistPairs(m, Params{P: 2}, ma, mb, d, a, d, 1, b, d, 1, got, mb, 1)
			Cdist(m, ma, mb, d, a, d, 1, b, d, 1, want, mb, 1)
			for k := range got {
				if !closePair(got[k], want[k], 1e-13) {
					t.Fatalf("%v: %d: %v vs tiled %v", m, k, got[k], want[k])
				}
			}
		}
	})
}

// TestMinkowskiHighPrecision compares general-p Minkowski with a math/big
// sum of the float64 powers.
func TestMinkowskiHighPrecision(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	d := 500
	x, y := distRandMatrix(r, 1, d), distRandMatrix(r, 1, d)
	for _, p := range []float64{3, 4, 1.5} {
		s := new(big.Float).SetPrec(200)
		for k := range x {
			s.Add(s, new(big.Float).SetFloat64(math.Pow(math.Abs(x[k]-y[k]), p)))
		}
		sf, _ := s.Float64()
		want := math.Pow(sf, 1/p)
		out := []float64{0}
		CdistPairs(Minkowski, Params{P: p}, 1, 1, d, x, d, 1, y, d, 1, out, 1, 1)
		if math.Abs(out[0]-want) > 1e-14*want {
			t.Errorf("p=%v: %v, want %v", p, out[0], want)
		}
	}
}

func TestPairsPanics(t *testing.T) {
	x := make([]float64, 6)
	out := make([]float64, 4)
	for name, f := range map[string]func(){
		"metric":     func() { CdistPairs(Metric(99), Params{}, 2, 2, 3, x, 3, 1, x, 3, 1, out, 2, 1) },
		"short w":    func() { CdistPairs(Euclidean, Params{W: []float64{1}}, 2, 2, 3, x, 3, 1, x, 3, 1, out, 2, 1) },
		"no V":       func() { CdistPairs(SEuclidean, Params{}, 2, 2, 3, x, 3, 1, x, 3, 1, out, 2, 1) },
		"no means":   func() { CdistPairs(Correlation, Params{}, 2, 2, 3, x, 3, 1, x, 3, 1, out, 2, 1) },
		"short a":    func() { CdistPairs(Euclidean, Params{}, 3, 2, 3, x, 3, 1, x, 3, 1, out, 2, 1) },
		"short out":  func() { CdistPairs(Euclidean, Params{}, 2, 2, 3, x, 3, 1, x, 3, 1, out[:3], 2, 1) },
		"pdist span": func() { PdistPairs(Euclidean, Params{}, 2, 3, x, 3, 1, 0, 2, out) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// TestSetAndDivergenceMetrics checks the boolean metrics, Mahalanobis and
// Jensen-Shannon on vectors whose distances are worked out by hand.
func TestSetAndDivergenceMetrics(t *testing.T) {
	// a, b as sets: TT at 0, TF at 1, FT at 2 and 3, FF at 4.
	a := []float64{1, 2, 0, 0, 0}
	b := []float64{3, 0, 1, 1, 0}
	w := []float64{1, 2, 1, 1, 3}
	for _, c := range []struct {
		m    Metric
		w    []float64
		want float64
	}{
		{Hamming, nil, 4.0 / 5},             // positions 0-3 differ
		{Hamming, w, 5.0 / 8},               // (1+2+1+1) / 8
		{Jaccard, nil, 3.0 / 4},             // TF+FT over TT+TF+FT
		{Jaccard, w, 4.0 / 5},               // (2+1+1) / (1+2+1+1)
		{Dice, w, 5.0 / (2*1 + 5)},          // weighted: Σw[a≠b] / (2 c_TT + Σw[a≠b])
		{RogersTanimoto, nil, 6.0 / 8},      // R = 2·3, c_TT + c_FF = 2
		{RussellRao, w, (8.0 - 1) / 8},      // (Σw - c_TT) / Σw
		{SokalSneath, nil, 6.0 / 7},         // R / (c_TT + R)
		{Yule, nil, 4.0 / (1 + 2)},          // R = 2·1·2 = 4, c_TT c_FF = 1
		{Yule, []float64{1, 1, 0, 0, 1}, 0}, // no FT left: R = 0
	} {
		prm := Params{W: c.w}
		if got := pairDist(c.m, &prm, a, b, 0, 0); math.Abs(got-c.want) > 1e-15 {
			t.Errorf("%v w=%v: got %v, want %v", c.m, c.w, got, c.want)
		}
	}
	// Unweighted Dice is arithmetic, as SciPy's: on 0/1 data the counts.
	if got := pairDist(Dice, &Params{}, []float64{1, 1, 0, 0}, []float64{1, 0, 1, 0}, 0, 0); got != 2.0/4 {
		t.Errorf("dice 0/1: got %v, want 0.5", got)
	}
	// Mahalanobis with VI = diag(1, 4) and u = (3, 1): sqrt(3² + 4·1²).
	prm := Params{VI: []float64{1, 0, 0, 4}, Scratch: make([]float64, 4)}
	if got := pairDist(Mahalanobis, &prm, []float64{4, 1}, []float64{1, 0}, 0, 0); math.Abs(got-math.Sqrt(13)) > 1e-15 {
		t.Errorf("mahalanobis: got %v, want sqrt(13)", got)
	}
	// Jensen-Shannon of (1, 0) and (0, 1): m = (1/2, 1/2), each relative
	// entropy is log 2, so sqrt(log 2); scaling a vector changes nothing.
	if got := pairDist(JensenShannon, &Params{Scratch: make([]float64, 8)}, []float64{3, 0}, []float64{0, 1}, 0, 0); math.Abs(got-math.Sqrt(math.Ln2)) > 1e-15 {
		t.Errorf("jensenshannon: got %v, want sqrt(ln 2)", got)
	}
	for _, bad := range [][2][]float64{{{-1, 2}, {1, 1}}, {{0, 0}, {1, 1}}} {
		if got := pairDist(JensenShannon, &Params{Scratch: make([]float64, 8)}, bad[0], bad[1], 0, 0); !math.IsInf(got, 1) {
			t.Errorf("jensenshannon %v: got %v, want +Inf", bad, got)
		}
	}
}

// TestFromCountsMatchesPairs checks FromCounts against the pairwise
// definitions on random 0/1 vectors, all-zero ones included.
func TestFromCountsMatchesPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for trial := range 500 {
		d := 1 + r.IntN(9)
		a, b := make([]float64, d), make([]float64, d)
		for k := range d {
			if trial%7 != 0 {
				a[k] = float64(r.IntN(2))
			}
			b[k] = float64(r.IntN(2))
		}
		tt, tf, ft, ff := boolCounts(a, b, nil)
		for m := Hamming; m <= Yule; m++ {
			want := pairDist(m, &Params{}, a, b, 0, 0)
			if got := FromCounts(m, tt, tf, ft, ff); !sameBits(got, want) {
				t.Fatalf("%v %v %v: FromCounts %v, pairs %v", m, a, b, got, want)
			}
		}
	}
}

// TestQuadForm checks uᵀ VI u at every level and for widths around the
// SIMD blocks (4 and 16 columns) against a plain double loop.
func TestQuadForm(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(33, 34))
		for d := 1; d <= 41; d++ {
			vi, u := make([]float64, d*d), make([]float64, d)
			for k := range vi {
				vi[k] = r.NormFloat64()
			}
			for k := range u {
				u[k] = r.NormFloat64()
			}
			want, scale := 0.0, 0.0
			for i := range d {
				for j := range d {
					want += u[i] * vi[i*d+j] * u[j]
					scale += math.Abs(u[i] * vi[i*d+j] * u[j])
				}
			}
			got := quadForm(vi, u, make([]float64, d))
			if math.Abs(got-want) > 1e-14*scale {
				t.Fatalf("d=%d: got %v, want %v", d, got, want)
			}
		}
	})
}
