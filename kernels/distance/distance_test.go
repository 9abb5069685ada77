package distance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonp/kernels/cpu"
)

var distMetrics = []Metric{Euclidean, SqEuclidean, Cityblock, Chebyshev, Cosine}

// refDist is the naive definition of each metric in float64, written from
// scipy's C loops: Chebyshev's comparison skips NaN terms, Cosine divides by
// the product of the two norms and clips the quotient to [-1, 1].
func refDist(metric Metric, x, y []float64) float64 {
	var s, xx, yy float64
	for p := range x {
		t := x[p] - y[p]
		switch metric {
		case Euclidean, SqEuclidean:
			s += t * t
		case Cityblock:
			s += math.Abs(t)
		case Chebyshev:
			if math.Abs(t) > s {
				s = math.Abs(t)
			}
		case Cosine:
			s += x[p] * y[p]
			xx += x[p] * x[p]
			yy += y[p] * y[p]
		}
	}
	switch metric {
	case Euclidean:
		return math.Sqrt(s)
	case Cosine:
		c := s / (math.Sqrt(xx) * math.Sqrt(yy))
		if math.Abs(c) > 1 {
			c = math.Copysign(1, c)
		}
		return 1 - c
	}
	return s
}

// distLayout places an n×d matrix in memory in one of the ways a NumPy view
// can: the returned slice starts at the first element and runs into a NaN
// guard band, so a read outside the view poisons a result, and every gap the
// view skips holds NaN too.
type distLayout int

const (
	distRowMajor distLayout = iota
	distColMajor
	distStrided   // every other column of every third row of a larger matrix
	distBroadcast // one row repeated: row stride 0
	distNumLayouts
)

func (l distLayout) String() string {
	return [...]string{"C", "F", "strided", "bcast"}[l]
}

const distGuard = 5

// distLayOut returns the buffer (guards included), the view into it and the
// strides of matrix m (row-major, n×d) in layout l. For distBroadcast only
// row 0 of m is stored, and m's other rows are overwritten with it.
func distLayOut[T Float](m []float64, n, d int, l distLayout) (buf, view []T, rs, cs int) {
	var size int
	switch l {
	case distRowMajor:
		rs, cs, size = d, 1, n*d
	case distColMajor:
		rs, cs, size = 1, n, n*d
	case distStrided:
		rs, cs, size = 3*(2*d+1), 2, 3*(2*d+1)*n
	case distBroadcast:
		rs, cs, size = 0, 1, d
		for i := 1; i < n; i++ {
			copy(m[i*d:(i+1)*d], m[:d])
		}
	}
	buf = make([]T, distGuard+size+distGuard)
	for k := range buf {
		buf[k] = T(math.NaN())
	}
	view = buf[distGuard:]
	for i := range n {
		for p := range d {
			view[i*rs+p*cs] = T(m[i*d+p])
		}
	}
	return buf, view, rs, cs
}

// distRoundTo gives back m's values as type T sees them, so the reference works
// on exactly the numbers the kernel reads.
func distRoundTo[T Float](m []float64) {
	for k, v := range m {
		m[k] = float64(T(v))
	}
}

func distRandMatrix(r *rand.Rand, n, d int) []float64 {
	m := make([]float64, n*d)
	for k := range m {
		m[k] = r.NormFloat64() * 3
	}
	return m
}

// distGuardValue is the sentinel in output guard bands and gaps: a NaN with a
// payload no kernel produces, so "untouched" is a bit comparison.
func distGuardValue[O Float]() O {
	var o O
	if _, ok := any(o).(float32); ok {
		return O(math.Float32frombits(0x7fc0_1234))
	}
	return O(math.Float64frombits(0x7ff8_0000_0000_1234))
}

func distIsGuard[O Float](v O) bool {
	switch x := any(v).(type) {
	case float32:
		return math.Float32bits(x) == 0x7fc0_1234
	case float64:
		return math.Float64bits(x) == 0x7ff8_0000_0000_1234
	}
	return false
}

// closeDist reports whether got matches the float64 reference want: NaN
// matches NaN, infinities match exactly, float64 agrees within 1e-13
// relative (1e-13 absolute for Cosine, whose 1 - c cancels), float32 within
// its rounding of want.
func closeDist[O Float](metric Metric, got O, want float64) bool {
	g := float64(got)
	var o O
	tol := 1e-13
	if _, ok := any(o).(float32); ok {
		want = float64(float32(want)) // may overflow to ±Inf
		tol = 2e-7
	}
	if math.IsNaN(want) || math.IsInf(want, 0) {
		return math.IsNaN(g) && math.IsNaN(want) || g == want
	}
	if metric == Cosine {
		return math.Abs(g-want) <= tol*max(1, math.Abs(want))
	}
	return math.Abs(g-want) <= tol*math.Abs(want)
}

var distSizes = []int{0, 1, 2, 3, 7, 17, 64, 65}

type distShape struct{ ma, mb, d int }

// distShapes crosses every size with every other (ma != mb), plus shapes that
// span several packed chunks of B rows.
func distShapes() []distShape {
	var sh []distShape
	for _, ma := range distSizes {
		for _, mb := range distSizes {
			if ma == mb {
				continue
			}
			for _, d := range distSizes {
				sh = append(sh, distShape{ma, mb, d})
			}
		}
	}
	return append(sh, distShape{300, 21, 3}, distShape{261, 9, 130}, distShape{5, 40, 1100})
}

// checkCdist runs Cdist on A and B (row-major float64 values, already
// representable in T) laid out as la and lb, into an output laid out as lo,
// and checks every result, the guards and that the inputs are unchanged.
func checkCdist[T Float, O Float](t *testing.T, metric Metric, sh distShape, am, bm []float64, la, lb, lo distLayout) {
	t.Helper()
	ma, mb, d := sh.ma, sh.mb, sh.d
	abuf, a, rsa, csa := distLayOut[T](am, ma, d, la)
	bbuf, b, rsb, csb := distLayOut[T](bm, mb, d, lb)
	aWas, bWas := slices.Clone(abuf), slices.Clone(bbuf)

	var rso, cso, size int
	switch lo {
	case distColMajor:
		rso, cso, size = 1, ma, ma*mb
	case distStrided:
		rso, cso, size = 2*mb+3, 2, (2*mb+3)*ma
	default:
		rso, cso, size = mb, 1, ma*mb
	}
	obuf := make([]O, distGuard+size+distGuard)
	for k := range obuf {
		obuf[k] = distGuardValue[O]()
	}
	out := obuf[distGuard : distGuard+size]

	Cdist(metric, ma, mb, d, a, rsa, csa, b, rsb, csb, out, rso, cso)

	written := make([]bool, len(obuf))
	for i := range ma {
		for j := range mb {
			k := distGuard + i*rso + j*cso
			written[k] = true
			want := refDist(metric, am[i*d:(i+1)*d], bm[j*d:(j+1)*d])
			if got := obuf[k]; !closeDist(metric, got, want) {
				t.Fatalf("%v %v A=%v B=%v out=%v: (%d,%d) = %v, want %v", metric, sh, la, lb, lo, i, j, got, want)
			}
		}
	}
	for k, v := range obuf {
		if !written[k] && !distIsGuard(v) {
			t.Fatalf("%v %v A=%v B=%v out=%v: wrote %v at buffer index %d outside the output", metric, sh, la, lb, lo, v, k)
		}
	}
	if !distSameBits(abuf, aWas) || !distSameBits(bbuf, bWas) {
		t.Fatalf("%v %v: input changed", metric, sh)
	}
}

func distSameBits[T Float](x, y []T) bool {
	for k := range x {
		if math.Float64bits(float64(x[k])) != math.Float64bits(float64(y[k])) {
			return false
		}
	}
	return true
}

func testCdistTypes[T Float, O Float](t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	forEachLevel(t, func(t *testing.T) {
		for _, sh := range distShapes() {
			for _, metric := range distMetrics {
				for la := range distNumLayouts {
					lb := (la + 1) % distNumLayouts
					lo := (la + 2) % distNumLayouts
					am, bm := distRandMatrix(r, sh.ma, sh.d), distRandMatrix(r, sh.mb, sh.d)
					distRoundTo[T](am)
					distRoundTo[T](bm)
					checkCdist[T, O](t, metric, sh, am, bm, la, lb, lo)
				}
			}
		}
	})
}

func TestCdistFloat64(t *testing.T)          { testCdistTypes[float64, float64](t) }
func TestCdistFloat32(t *testing.T)          { testCdistTypes[float32, float32](t) }
func TestCdistFloat32ToFloat64(t *testing.T) { testCdistTypes[float32, float64](t) }
func TestCdistFloat64ToFloat32(t *testing.T) { testCdistTypes[float64, float32](t) }

// distSpecial holds rows whose distances scipy 1.17.1 computed (cdist of the
// matrix with itself): zeros, NaN, ±Inf, underflow and overflow.
var distSpecial = [][]float64{
	{0, 0}, {1, 2}, {math.NaN(), 1}, {math.Inf(1), 1}, {1, math.NaN()},
	{math.Inf(-1), 0}, {3, 6}, {1e-300, 0}, {1e300, 1e300}, {-2, 0.5},
}

var (
	distNaN = math.NaN()
	distInf = math.Inf(1)
)

// scipySpecial is scipy.spatial.distance.cdist(distSpecial, distSpecial, metric).
var scipySpecial = map[Metric][][]float64{
	Euclidean:   {{0.0, 2.23606797749979, distNaN, distInf, distNaN, distInf, 6.708203932499369, 0.0, distInf, 2.0615528128088303}, {2.23606797749979, 0.0, distNaN, distInf, distNaN, distInf, 4.47213595499958, 2.23606797749979, distInf, 3.3541019662496847}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distInf, distInf, distNaN, distNaN, distNaN, distInf, distInf, distInf, distInf, distInf}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distInf, distInf, distNaN, distInf, distNaN, distNaN, distInf, distInf, distInf, distInf}, {6.708203932499369, 4.47213595499958, distNaN, distInf, distNaN, distInf, 0.0, 6.708203932499369, distInf, 7.433034373659253}, {0.0, 2.23606797749979, distNaN, distInf, distNaN, distInf, 6.708203932499369, 0.0, distInf, 2.0615528128088303}, {distInf, distInf, distNaN, distInf, distNaN, distInf, distInf, distInf, 0.0, distInf}, {2.0615528128088303, 3.3541019662496847, distNaN, distInf, distNaN, distInf, 7.433034373659253, 2.0615528128088303, distInf, 0.0}},
	SqEuclidean: {{0.0, 5.0, distNaN, distInf, distNaN, distInf, 45.0, 0.0, distInf, 4.25}, {5.0, 0.0, distNaN, distInf, distNaN, distInf, 20.0, 5.0, distInf, 11.25}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distInf, distInf, distNaN, distNaN, distNaN, distInf, distInf, distInf, distInf, distInf}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distInf, distInf, distNaN, distInf, distNaN, distNaN, distInf, distInf, distInf, distInf}, {45.0, 20.0, distNaN, distInf, distNaN, distInf, 0.0, 45.0, distInf, 55.25}, {0.0, 5.0, distNaN, distInf, distNaN, distInf, 45.0, 0.0, distInf, 4.25}, {distInf, distInf, distNaN, distInf, distNaN, distInf, distInf, distInf, 0.0, distInf}, {4.25, 11.25, distNaN, distInf, distNaN, distInf, 55.25, 4.25, distInf, 0.0}},
	Cityblock:   {{0.0, 3.0, distNaN, distInf, distNaN, distInf, 9.0, 1e-300, 2e+300, 2.5}, {3.0, 0.0, distNaN, distInf, distNaN, distInf, 6.0, 3.0, 2e+300, 4.5}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distInf, distInf, distNaN, distNaN, distNaN, distInf, distInf, distInf, distInf, distInf}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distInf, distInf, distNaN, distInf, distNaN, distNaN, distInf, distInf, distInf, distInf}, {9.0, 6.0, distNaN, distInf, distNaN, distInf, 0.0, 9.0, 2e+300, 10.5}, {1e-300, 3.0, distNaN, distInf, distNaN, distInf, 9.0, 0.0, 2e+300, 2.5}, {2e+300, 2e+300, distNaN, distInf, distNaN, distInf, 2e+300, 2e+300, 0.0, 2e+300}, {2.5, 4.5, distNaN, distInf, distNaN, distInf, 10.5, 2.5, 2e+300, 0.0}},
	Chebyshev:   {{0.0, 2.0, 1.0, distInf, 1.0, distInf, 6.0, 1e-300, 1e+300, 2.0}, {2.0, 0.0, 1.0, distInf, 0.0, distInf, 4.0, 2.0, 1e+300, 3.0}, {1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 5.0, 1.0, 1e+300, 0.5}, {distInf, distInf, 0.0, 0.0, distInf, distInf, distInf, distInf, distInf, distInf}, {1.0, 0.0, 0.0, distInf, 0.0, distInf, 2.0, 1.0, 1e+300, 3.0}, {distInf, distInf, 1.0, distInf, distInf, 0.0, distInf, distInf, distInf, distInf}, {6.0, 4.0, 5.0, distInf, 2.0, distInf, 0.0, 6.0, 1e+300, 5.5}, {1e-300, 2.0, 1.0, distInf, 1.0, distInf, 6.0, 0.0, 1e+300, 2.0}, {1e+300, 1e+300, 1e+300, distInf, 1e+300, distInf, 1e+300, 1e+300, 0.0, 1e+300}, {2.0, 3.0, 0.5, distInf, 3.0, distInf, 5.5, 2.0, 1e+300, 0.0}},
	Cosine:      {{distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distNaN, 2.220446049250313e-16, distNaN, distNaN, distNaN, distNaN, 1.1102230246251565e-16, 0.0, 1.0, 1.2169304578186562}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN, distNaN}, {distNaN, 1.1102230246251565e-16, distNaN, distNaN, distNaN, distNaN, 1.1102230246251565e-16, 0.0, 1.0, 1.2169304578186562}, {distNaN, 0.0, distNaN, distNaN, distNaN, distNaN, 0.0, distNaN, distNaN, 2.0}, {distNaN, 1.0, distNaN, distNaN, distNaN, distNaN, 1.0, distNaN, distNaN, 1.0}, {distNaN, 1.2169304578186562, distNaN, distNaN, distNaN, distNaN, 1.2169304578186562, 2.0, 1.0, 0.0}},
}

func distSame(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return got == want || math.Abs(got-want) <= 1e-15*math.Abs(want)
}

// TestDistMatchesScipy checks the special cases against scipy's own output,
// in both Cdist and PdistRows, so the NaN, Inf, zero-vector and clipping
// rules are scipy's and not just the reference loop's.
func TestDistMatchesScipy(t *testing.T) {
	n, d := len(distSpecial), 2
	x := slices.Concat(distSpecial...)
	forEachLevel(t, func(t *testing.T) {
		for _, metric := range distMetrics {
			want := scipySpecial[metric]
			out := make([]float64, n*n)
			Cdist(metric, n, n, d, x, d, 1, x, d, 1, out, n, 1)
			cond := make([]float64, n*(n-1)/2)
			PdistRows(metric, n, d, x, d, 1, 0, n, cond)
			k := 0
			for i := range n {
				for j := range n {
					if got := out[i*n+j]; !distSame(got, want[i][j]) {
						t.Errorf("cdist %v %v vs %v = %v, scipy %v", metric, distSpecial[i], distSpecial[j], got, want[i][j])
					}
					if j > i {
						if got := cond[k]; !distSame(got, want[i][j]) {
							t.Errorf("pdist %v %v vs %v = %v, scipy %v", metric, distSpecial[i], distSpecial[j], got, want[i][j])
						}
						k++
					}
				}
			}
		}
	})
}

// TestDistZeroDims checks d == 0: scipy gives 0 for every metric but Cosine,
// which is 0/0 = NaN.
func TestDistZeroDims(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, metric := range distMetrics {
			out := []float64{-1, -1, -1, -1, -1, -1}
			Cdist(metric, 2, 3, 0, []float64(nil), 0, 0, []float64(nil), 0, 0, out, 3, 1)
			cond := []float32{-1, -1, -1}
			PdistRows(metric, 3, 0, []float32(nil), 0, 0, 0, 3, cond)
			for k, v := range out {
				if metric == Cosine && !math.IsNaN(v) || metric != Cosine && v != 0 {
					t.Errorf("%v d=0: out[%d] = %v", metric, k, v)
				}
			}
			for k, v := range cond {
				if metric == Cosine && !math.IsNaN(float64(v)) || metric != Cosine && v != 0 {
					t.Errorf("%v d=0: pdist[%d] = %v", metric, k, v)
				}
			}
		}
	})
}

// TestDistIdenticalRows checks the point of the difference formulation:
// equal rows are exactly 0 apart, however large the values.
func TestDistIdenticalRows(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	forEachLevel(t, func(t *testing.T) {
		for _, d := range []int{1, 2, 7, 64, 65} {
			m := 19
			x := distRandMatrix(r, m, d)
			for k := range x {
				x[k] = x[k]*1e6 + 1e9
			}
			out := make([]float64, m*m)
			for _, metric := range []Metric{Euclidean, SqEuclidean, Cityblock, Chebyshev} {
				Cdist(metric, m, m, d, x, d, 1, x, d, 1, out, m, 1)
				for i := range m {
					if out[i*m+i] != 0 {
						t.Fatalf("%v d=%d: row %d against itself = %v", metric, d, i, out[i*m+i])
					}
				}
			}
			Cdist(Cosine, m, m, d, x, d, 1, x, d, 1, out, m, 1)
			for i := range m {
				if v := out[i*m+i]; v < 0 || v > 1e-14 {
					t.Fatalf("cosine d=%d: row %d against itself = %v", d, i, v)
				}
			}
		}
	})
}

// checkPdist checks PdistRows over the whole range and over a split of it
// into pieces, which must agree bit for bit and cover every entry once.
func checkPdist[T Float, O Float](t *testing.T, metric Metric, m, d int, xm []float64, lx distLayout, cuts []int) {
	t.Helper()
	xbuf, x, rs, cs := distLayOut[T](xm, m, d, lx)
	xWas := slices.Clone(xbuf)
	n := m * (m - 1) / 2
	whole := make([]O, distGuard+n+distGuard)
	split := make([]O, len(whole))
	for k := range whole {
		whole[k], split[k] = distGuardValue[O](), distGuardValue[O]()
	}
	PdistRows(metric, m, d, x, rs, cs, 0, m, whole[distGuard:distGuard+n])
	bounds := append(append([]int{0}, cuts...), m)
	for k := 1; k < len(bounds); k++ {
		PdistRows(metric, m, d, x, rs, cs, bounds[k-1], bounds[k], split[distGuard:distGuard+n])
	}
	k := distGuard
	for i := range m {
		for j := i + 1; j < m; j++ {
			want := refDist(metric, xm[i*d:(i+1)*d], xm[j*d:(j+1)*d])
			if !closeDist(metric, whole[k], want) {
				t.Fatalf("%v m=%d d=%d %v: (%d,%d) = %v, want %v", metric, m, d, lx, i, j, whole[k], want)
			}
			// Bit for bit, but a NaN's sign and payload depend on which
			// operand of a tile the NaN came from: any NaN matches.
			sameNaN := split[k] != split[k] && whole[k] != whole[k]
			if !sameNaN && math.Float64bits(float64(split[k])) != math.Float64bits(float64(whole[k])) {
				t.Fatalf("%v m=%d d=%d cuts %v: (%d,%d) split %v, whole %v", metric, m, d, cuts, i, j, split[k], whole[k])
			}
			k++
		}
	}
	for _, g := range [][]O{whole[:distGuard], whole[distGuard+n:], split[:distGuard], split[distGuard+n:]} {
		for _, v := range g {
			if !distIsGuard(v) {
				t.Fatalf("%v m=%d d=%d: guard band overwritten", metric, m, d)
			}
		}
	}
	if !distSameBits(xbuf, xWas) {
		t.Fatalf("%v m=%d d=%d: input changed", metric, m, d)
	}
}

func testPdistTypes[T Float, O Float](t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	forEachLevel(t, func(t *testing.T) {
		var shapes [][2]int
		for _, m := range []int{0, 1, 2, 3, 7, 17, 64, 65, 300} {
			for _, d := range []int{0, 1, 2, 3, 17, 65} {
				shapes = append(shapes, [2]int{m, d})
			}
		}
		// Several chunks of packed rows: wide rows make the chunks narrow.
		shapes = append(shapes, [2]int{90, 800})
		for _, sh := range shapes {
			m, d := sh[0], sh[1]
			for _, metric := range distMetrics {
				lx := distLayout((m + d + int(metric)) % int(distNumLayouts))
				xm := distRandMatrix(r, m, d)
				distRoundTo[T](xm)
				cuts := []int{m / 3, m / 3, m/3 + 1, 2*m/3 + 2}
				for k := range cuts {
					cuts[k] = min(cuts[k], m)
				}
				checkPdist[T, O](t, metric, m, d, xm, lx, cuts)
			}
		}
	})
}

func TestPdistRowsFloat64(t *testing.T)          { testPdistTypes[float64, float64](t) }
func TestPdistRowsFloat32(t *testing.T)          { testPdistTypes[float32, float32](t) }
func TestPdistRowsFloat32ToFloat64(t *testing.T) { testPdistTypes[float32, float64](t) }

func TestDistPanics(t *testing.T) {
	x := make([]float64, 12)
	out := make([]float64, 9)
	cases := []struct {
		name, msg string
		f         func()
	}{
		{"metric", errDistMetric, func() { Cdist(Metric(9), 3, 3, 4, x, 4, 1, x, 4, 1, out, 3, 1) }},
		{"negative size", errDistSize, func() { Cdist(Euclidean, -1, 3, 4, x, 4, 1, x, 4, 1, out, 3, 1) }},
		{"negative stride", errDistStride, func() { Cdist(Euclidean, 3, 3, 4, x, -4, 1, x, 4, 1, out, 3, 1) }},
		{"short a", errDistShortA, func() { Cdist(Euclidean, 3, 3, 4, x[:11], 4, 1, x, 4, 1, out, 3, 1) }},
		{"short b", errDistShortB, func() { Cdist(Euclidean, 3, 3, 4, x, 4, 1, x, 5, 1, out, 3, 1) }},
		{"short out", errDistShortO, func() { Cdist(Euclidean, 3, 3, 4, x, 4, 1, x, 4, 1, out[:8], 3, 1) }},
		{"pdist metric", errDistMetric, func() { PdistRows(Metric(-1), 3, 4, x, 4, 1, 0, 3, out) }},
		{"pdist size", errDistSize, func() { PdistRows(Euclidean, 3, -4, x, 4, 1, 0, 3, out) }},
		{"pdist range", errDistRowSpan, func() { PdistRows(Euclidean, 3, 4, x, 4, 1, 2, 4, out) }},
		{"pdist reversed", errDistRowSpan, func() { PdistRows(Euclidean, 3, 4, x, 4, 1, 2, 1, out) }},
		{"pdist short x", errDistShortX, func() { PdistRows(Euclidean, 3, 4, x[:10], 4, 1, 0, 3, out) }},
		{"pdist short out", errDistShortO, func() { PdistRows(Euclidean, 3, 4, x, 4, 1, 0, 3, out[:2]) }},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if r := recover(); r != c.msg {
					t.Errorf("%s: panic %v, want %q", c.name, r, c.msg)
				}
			}()
			c.f()
		}()
	}
}

func TestMetricNames(t *testing.T) {
	for m := Euclidean; m <= LastMetric; m++ {
		if got, ok := ParseMetric(m.String()); !ok || got != m {
			t.Errorf("ParseMetric(%q) = %v, %v", m.String(), got, ok)
		}
	}
	if _, ok := ParseMetric("kulczynski1"); ok || !strings.Contains(Metric(42).String(), "unknown") {
		t.Error("unknown metric accepted")
	}
}

func TestDistNoGarbage(t *testing.T) {
	x := distRandMatrix(rand.New(rand.NewPCG(7, 8)), 40, 9)
	out := make([]float32, 40*40)
	cond := make([]float64, 40*39/2)
	Cdist(Cosine, 40, 40, 9, x, 9, 1, x, 9, 1, out, 40, 1)
	allocs := testing.AllocsPerRun(20, func() {
		Cdist(Cosine, 40, 40, 9, x, 9, 1, x, 9, 1, out, 40, 1)
		PdistRows(Euclidean, 40, 9, x, 9, 1, 0, 40, cond)
	})
	if allocs > 0 {
		t.Errorf("%v allocations per call, want 0", allocs)
	}
}

// benchCdist measures one metric on an m×d matrix against another, reporting
// distances per second and, for the sums, useful GFLOP/s (3 per element pair).
func benchCdist[T Float](b *testing.B, metric Metric, m, d int) {
	r := rand.New(rand.NewPCG(9, 10))
	x, y := make([]T, m*d), make([]T, m*d)
	for k := range x {
		x[k], y[k] = T(r.NormFloat64()), T(r.NormFloat64())
	}
	out := make([]float64, m*m)
	for b.Loop() {
		Cdist(metric, m, m, d, x, d, 1, y, d, 1, out, m, 1)
	}
	pairs := float64(m) * float64(m) * float64(b.N)
	b.ReportMetric(pairs/b.Elapsed().Seconds()/1e6, "Mpairs/s")
	b.ReportMetric(3*pairs*float64(d)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkCdist(b *testing.B) {
	for _, lvl := range cpu.Levels() {
		for _, sh := range []struct{ m, d int }{{1000, 2}, {4000, 64}} {
			for _, metric := range distMetrics {
				name := fmt.Sprintf("%v/%dx%d/%v", lvl, sh.m, sh.d, metric)
				b.Run(name+"/f64", func(b *testing.B) {
					defer cpu.Set(cpu.Set(lvl))
					benchCdist[float64](b, metric, sh.m, sh.d)
				})
				b.Run(name+"/f32", func(b *testing.B) {
					defer cpu.Set(cpu.Set(lvl))
					benchCdist[float32](b, metric, sh.m, sh.d)
				})
			}
		}
	}
}

func BenchmarkPdist(b *testing.B) {
	for _, lvl := range cpu.Levels() {
		for _, sh := range []struct{ m, d int }{{1000, 2}, {4000, 64}} {
			b.Run(fmt.Sprintf("%v/%dx%d/euclidean/f64", lvl, sh.m, sh.d), func(b *testing.B) {
				defer cpu.Set(cpu.Set(lvl))
				r := rand.New(rand.NewPCG(11, 12))
				x := make([]float64, sh.m*sh.d)
				for k := range x {
					x[k] = r.NormFloat64()
				}
				out := make([]float64, sh.m*(sh.m-1)/2)
				for b.Loop() {
					PdistRows(Euclidean, sh.m, sh.d, x, sh.d, 1, 0, sh.m, out)
				}
				b.ReportMetric(float64(len(out))*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpairs/s")
			})
		}
	}
}
