package dispatch

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonp/kernels/distance"
	"gonp/parallel"
)

var metrics = []distance.Metric{distance.Euclidean, distance.SqEuclidean, distance.Cityblock, distance.Chebyshev, distance.Cosine}

// naiveDistance is scipy's definition, in float64.
func naiveDistance(metric distance.Metric, a, b []float64) float64 {
	var s, dot, na, nb float64
	for p := range a {
		d := a[p] - b[p]
		switch metric {
		case distance.Euclidean, distance.SqEuclidean:
			s += d * d
		case distance.Cityblock:
			s += math.Abs(d)
		case distance.Chebyshev:
			s = max(s, math.Abs(d))
		case distance.Cosine:
			dot += a[p] * b[p]
			na += a[p] * a[p]
			nb += b[p] * b[p]
		}
	}
	switch metric {
	case distance.Euclidean:
		return math.Sqrt(s)
	case distance.Cosine:
		c := dot / (math.Sqrt(na) * math.Sqrt(nb))
		return 1 - max(-1, min(1, c))
	}
	return s
}

func rowsOf[T distance.Float](o operand[T]) [][]float64 {
	rows := make([][]float64, o.shape[0])
	for i := range rows {
		rows[i] = make([]float64, o.shape[1])
		for p := range rows[i] {
			rows[i][p] = float64(o.buf[o.at([]int{i, p})])
		}
	}
	return rows
}

// distanceTolerance: sums run in float64 for both input types; the output
// rounds once to O.
func distanceTolerance[O distance.Float](want float64) float64 {
	if dtypeOf[O]() == Float32 {
		return 1e-6*math.Abs(want) + 1e-6
	}
	return 1e-12*math.Abs(want) + 1e-12
}

func testCdist[T, O distance.Float](t *testing.T, rng *rand.Rand) {
	for _, s := range [][3]int{{1, 1, 1}, {3, 4, 5}, {9, 7, 3}, {5, 6, 0}, {0, 3, 2}, {4, 0, 2}} {
		ma, mb, d := s[0], s[1], s[2]
		for _, metric := range metrics {
			la, lb := matrixLayouts[rng.IntN(len(matrixLayouts))], matrixLayouts[rng.IntN(len(matrixLayouts))]
			lo := []string{"C", "F", "strided"}[rng.IntN(3)]
			a := newOperand[T]([]int{ma, d}, matrixStrides(la, ma, d), 0)
			b := newOperand[T]([]int{mb, d}, matrixStrides(lb, mb, d), 0)
			fillRandom(rng, a.buf)
			fillRandom(rng, b.buf)
			if ma > 0 && mb > 0 {
				// An identical pair: exactly 0 apart.
				for p := 0; p < d; p++ {
					b.buf[b.at([]int{0, p})] = a.buf[a.at([]int{0, p})]
				}
			}
			aOrig, bOrig := slices.Clone(a.buf), slices.Clone(b.buf)
			out := newOperand([]int{ma, mb}, matrixStrides(lo, ma, mb), sentinel[O]())
			w := workerCounts[rng.IntN(len(workerCounts))]
			name := fmt.Sprintf("cdist %v %v→%v (%d×%d %s, %d×%d %s) into %s, workers %d",
				metric, dtypeOf[T](), dtypeOf[O](), ma, d, la, mb, d, lb, lo, w)
			if err := Cdist(metric, a.array(), b.array(), out.array(), w, nil); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			ra, rb := rowsOf(a), rowsOf(b)
			for i := range ra {
				for j := range rb {
					want := naiveDistance(metric, ra[i], rb[j])
					got := float64(out.buf[out.at([]int{i, j})])
					if !near(got, want, 1, distanceTolerance[O](want)) {
						t.Errorf("%s: out[%d, %d] = %v, want %v", name, i, j, got, want)
					}
				}
			}
			checkGuards(t, out, sentinel[O](), name)
			if !slices.Equal(a.buf, aOrig) || !slices.Equal(b.buf, bOrig) {
				t.Errorf("%s: an input changed", name)
			}
		}
	}
}

func testPdist[T, O distance.Float](t *testing.T, rng *rand.Rand) {
	for _, s := range [][2]int{{0, 3}, {1, 3}, {2, 1}, {6, 4}, {11, 7}, {5, 0}} {
		m, d := s[0], s[1]
		for _, metric := range metrics {
			lx := matrixLayouts[rng.IntN(len(matrixLayouts))]
			x := newOperand[T]([]int{m, d}, matrixStrides(lx, m, d), 0)
			fillRandom(rng, x.buf)
			np := m * (m - 1) / 2
			out := newOperand([]int{np}, []int{1}, sentinel[O]())
			w := workerCounts[rng.IntN(len(workerCounts))]
			name := fmt.Sprintf("pdist %v %v→%v (%d×%d %s), workers %d", metric, dtypeOf[T](), dtypeOf[O](), m, d, lx, w)
			if err := Pdist(metric, x.array(), out.array(), w, nil); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			rows := rowsOf(x)
			k := 0
			for i := 0; i < m; i++ {
				for j := i + 1; j < m; j++ {
					want := naiveDistance(metric, rows[i], rows[j])
					got := float64(out.buf[out.off+k])
					if !near(got, want, 1, distanceTolerance[O](want)) {
						t.Errorf("%s: pair (%d, %d) = %v, want %v", name, i, j, got, want)
					}
					k++
				}
			}
			checkGuards(t, out, sentinel[O](), name)
		}
	}
}

func TestCdist(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	t.Run("float64", func(t *testing.T) { testCdist[float64, float64](t, rng) })
	t.Run("float32", func(t *testing.T) { testCdist[float32, float32](t, rng) })
	t.Run("float32→float64", func(t *testing.T) { testCdist[float32, float64](t, rng) })
	t.Run("float64→float32", func(t *testing.T) { testCdist[float64, float32](t, rng) })
}

func TestPdist(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	t.Run("float64", func(t *testing.T) { testPdist[float64, float64](t, rng) })
	t.Run("float32", func(t *testing.T) { testPdist[float32, float32](t, rng) })
	t.Run("float32→float64", func(t *testing.T) { testPdist[float32, float64](t, rng) })
	t.Run("float64→float32", func(t *testing.T) { testPdist[float64, float32](t, rng) })
}

func TestDistanceErrors(t *testing.T) {
	a := arrayOf(make([]float64, 6), 0, []int{2, 3}, []int{3, 1})
	b4 := arrayOf(make([]float64, 8), 0, []int{2, 4}, []int{4, 1})
	out := arrayOf(make([]float64, 4), 0, []int{2, 2}, []int{2, 1})
	vec := arrayOf(make([]float64, 3), 0, []int{3}, []int{1})
	a32 := arrayOf(make([]float32, 6), 0, []int{2, 3}, []int{3, 1})
	i32 := arrayOf(make([]int32, 6), 0, []int{2, 3}, []int{3, 1})
	rev := arrayOf(make([]float64, 6), 3, []int{2, 3}, []int{-3, 1})
	eu := distance.Euclidean
	wantCode(t, Cdist(eu, a, b4, out, 1, nil), ValueError, "cdist with mismatched columns")
	wantCode(t, Cdist(eu, vec, a, out, 1, nil), ValueError, "cdist of a 1-D XA")
	wantCode(t, Cdist(eu, a, a, vec, 1, nil), ValueError, "cdist into a 1-D out")
	wantCode(t, Cdist(eu, a, a, arrayOf(make([]float64, 6), 0, []int{2, 3}, []int{3, 1}), 1, nil), ValueError, "cdist into the wrong shape")
	wantCode(t, Cdist(eu, a, a32, out, 1, nil), TypeError, "cdist of mixed dtypes")
	wantCode(t, Cdist(eu, i32, i32, out, 1, nil), TypeError, "cdist of int32")
	wantCode(t, Cdist(eu, rev, a, out, 1, nil), ValueError, "cdist of reversed rows")
	wantCode(t, Pdist(eu, vec, arrayOf(make([]float64, 3), 0, []int{3}, []int{1}), 1, nil), ValueError, "pdist of a 1-D X")
	wantCode(t, Pdist(eu, a, arrayOf(make([]float64, 2), 0, []int{2}, []int{1}), 1, nil), ValueError, "pdist into the wrong length")
	x3 := arrayOf(make([]float64, 9), 0, []int{3, 3}, []int{3, 1})
	wantCode(t, Pdist(eu, x3, arrayOf(make([]float64, 6), 0, []int{3}, []int{2}), 1, nil), ValueError, "pdist into a strided out")
	wantCode(t, Pdist(eu, x3, arrayOf(make([]int64, 3), 0, []int{3}, []int{1}), 1, nil), TypeError, "pdist into int64")
	wantCode(t, Pdist(eu, i32, arrayOf(make([]float64, 1), 0, []int{1}, []int{1}), 1, nil), TypeError, "pdist of int32")
}

// TestKernelPanicSurfaces checks that a panic inside a kernel, on the caller
// or on a pool worker, comes back to the caller as a *parallel.PanicError
// (which the exports turn into an error code) instead of killing the process.
// An unknown metric is the one kernel panic reachable with valid memory.
func TestKernelPanicSurfaces(t *testing.T) {
	const ma, mb, d = 64, 64, 300 // a grain of 1 row: the pool splits the rows
	a := arrayOf(make([]float64, ma*d), 0, []int{ma, d}, []int{d, 1})
	b := arrayOf(make([]float64, mb*d), 0, []int{mb, d}, []int{d, 1})
	out := arrayOf(make([]float64, ma*mb), 0, []int{ma, mb}, []int{mb, 1})
	for _, w := range []int{1, 4} {
		func() {
			defer func() {
				r := recover()
				pe, ok := r.(*parallel.PanicError)
				if !ok {
					t.Fatalf("workers %d: recovered %T %v, want a *parallel.PanicError", w, r, r)
				}
				var s string
				if err, isErr := pe.Value.(error); isErr {
					s = err.Error()
				} else {
					s = fmt.Sprint(pe.Value)
				}
				if s != "kernels: unknown distance metric" || len(pe.Stack) == 0 {
					t.Errorf("workers %d: panic value %q, stack %d bytes", w, s, len(pe.Stack))
				}
				if errors.Unwrap(pe) != nil {
					t.Errorf("workers %d: a string panic unwrapped to %v", w, errors.Unwrap(pe))
				}
			}()
			_ = Cdist(distance.Metric(99), a, b, out, w, nil)
			t.Errorf("workers %d: Cdist with an unknown metric returned", w)
		}()
	}
	// The pool still works afterwards.
	if err := Cdist(distance.Euclidean, a, b, out, 4, nil); err != nil {
		t.Fatal(err)
	}
}

// Rows so long that a worker's scratch would pass maxDistScratch give a
// MemoryError before anything is allocated or written, on every entry point.
// Broadcast rows (stride 0) make such shapes from a one-element buffer.
func TestDistanceScratchTooLarge(t *testing.T) {
	d := 1 << 28
	for distance.ScratchBytes(d) <= maxDistScratch {
		d *= 2
	}
	x := arrayOf(make([]float32, 1), 0, []int{2, d}, []int{0, 0})
	outBuf, condBuf := []float64{-1, -1, -1, -1}, []float64{-1}
	out := arrayOf(outBuf, 0, []int{2, 2}, []int{2, 1})
	cond := arrayOf(condBuf, 0, []int{1}, []int{1})
	noW := arrayOf([]float64{}, 0, []int{0}, []int{1})
	wantCode(t, Cdist(distance.Euclidean, x, x, out, 2, nil), MemoryError, "Cdist")
	wantCode(t, Pdist(distance.Euclidean, x, cond, 2, nil), MemoryError, "Pdist")
	wantCode(t, CdistParams(distance.Minkowski, 3, noW, x, x, out, 2, nil), MemoryError, "CdistParams")
	wantCode(t, PdistParams(distance.Minkowski, 3, noW, x, cond, 2, nil), MemoryError, "PdistParams")
	for _, v := range append(outBuf, condBuf...) {
		if v != -1 {
			t.Fatalf("out was written: %v", v)
		}
	}
	if err := checkScratch(1 << 10); err != nil {
		t.Fatalf("short rows refused: %v", err)
	}
}

// Empty operands (no rows, or rows of no elements) may come with negative
// strides from reversed views; nothing is read, and the result is SciPy's.
func TestDistanceEmptyReversed(t *testing.T) {
	buf := make([]float64, 1)
	rowsOfNothing := arrayOf(buf, 0, []int{1, 0}, []int{-1, -1})
	two := arrayOf(buf, 0, []int{2, 0}, []int{0, -1})
	outBuf := []float64{-1, -1}
	out := arrayOf(outBuf, 0, []int{1, 2}, []int{2, 1})
	if err := Cdist(distance.Euclidean, rowsOfNothing, two, out, 2, nil); err != nil {
		t.Fatalf("Cdist: %v", err)
	}
	if outBuf[0] != 0 || outBuf[1] != 0 {
		t.Fatalf("Cdist of rows of no elements: %v, want zeros", outBuf)
	}
	cond := arrayOf([]float64{-1}, 0, []int{1}, []int{1})
	if err := Pdist(distance.Euclidean, two, cond, 2, nil); err != nil {
		t.Fatalf("Pdist: %v", err)
	}
}
