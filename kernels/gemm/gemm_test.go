package gemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// layout places a rows×cols matrix in a slice.
type layout struct {
	name string
	// strides returns the row and column strides and the slice length.
	strides func(rows, cols int) (rs, cs, n int)
}

var gemmLayouts = []layout{
	{"row", func(r, c int) (int, int, int) { return c, 1, r * c }},
	{"col", func(r, c int) (int, int, int) { return 1, r, r * c }},
	{"rowpad", func(r, c int) (int, int, int) { return 2*c + 3, 1, r * (2*c + 3) }},
	{"strided", func(r, c int) (int, int, int) { return 3 * c, 3, r * 3 * c }},
	{"colstrided", func(r, c int) (int, int, int) { return 2, 2*r + 1, c * (2*r + 1) }},
}

// Broadcast layouts repeat one row (stride 0 down the rows) or one column.
var (
	rowBroadcast = layout{"rowbcast", func(r, c int) (int, int, int) { return 0, 1, c }}
	colBroadcast = layout{"colbcast", func(r, c int) (int, int, int) { return 1, 0, r }}
)

const gemmGuard = 7 // elements of NaN guard band on each side of every slice

// guarded returns a slice of n random values surrounded by NaN guard bands,
// and the inner slice. Zero-stride slots outside the matrix stay NaN too.
func guarded[T float32 | float64](n int) (outer, inner []T) {
	outer = make([]T, n+2*gemmGuard)
	for i := range outer {
		outer[i] = T(math.NaN())
	}
	inner = outer[gemmGuard : gemmGuard+n]
	return outer, inner
}

// naiveGemm is the reference: a triple loop summing in float64. It also
// returns Σ|a||b| per element, which bounds the rounding error of any order
// of summation.
func naiveGemm[T float32 | float64](m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int) (c, abs []float64) {
	c = make([]float64, m*n)
	abs = make([]float64, m*n)
	for i := range m {
		for j := range n {
			var s, sa float64
			for p := range k {
				x, y := float64(a[i*rsa+p*csa]), float64(b[p*rsb+j*csb])
				s += x * y
				sa += math.Abs(x * y)
			}
			c[i*n+j] = s
			abs[i*n+j] = sa
		}
	}
	return c, abs
}

// gemmTol is the allowed error of one element of C per unit of Σ|a||b|:
// the classic γₖ bound with some slack.
func gemmTol[T float32 | float64](k int) float64 {
	var zero T
	eps := 1.0 / (1 << 52)
	if _, ok := any(zero).(float32); ok {
		eps = 1.0 / (1 << 23)
	}
	return 2 * eps * float64(k+2)
}

type gemmCase struct {
	m, n, k int
	la, lb  layout
	lc      layout
	workers int // 0 calls Gemm, else Parallel with this many workers
}

func (g gemmCase) String() string {
	return fmt.Sprintf("%dx%dx%d/A%s/B%s/C%s/w%d", g.m, g.n, g.k, g.la.name, g.lb.name, g.lc.name, g.workers)
}

// gemmRef is one shape's operands, logical row-major, and the naive result.
type gemmRef struct {
	a, b      []float64 // m×k and k×n, already rounded to the element type
	want, abs []float64
}

// newGemmRef draws random operands for an m×n×k product and computes the
// reference once, so every level and layout of that shape checks against it.
func newGemmRef[T float32 | float64](rnd *rand.Rand, m, n, k int) gemmRef {
	r := gemmRef{a: make([]float64, m*k), b: make([]float64, k*n)}
	for i := range r.a {
		r.a[i] = float64(T(rnd.Float64()*2 - 1))
	}
	for i := range r.b {
		r.b[i] = float64(T(rnd.Float64()*2 - 1))
	}
	r.want, r.abs = naiveGemm(m, n, k, r.a, k, 1, r.b, n, 1)
	return r
}

// placeMatrix writes the row-major rows×cols values v into x at strides rs, cs.
func placeMatrix[T float32 | float64](x []T, v []float64, rows, cols, rs, cs int) {
	for i := range rows {
		for j := range cols {
			x[i*rs+j*cs] = T(v[i*cols+j])
		}
	}
}

// checkGemm runs Gemm on one case with guard bands and NaN-filled C, and
// compares with the naive loop.
func checkGemm[T float32 | float64](t *testing.T, rnd *rand.Rand, g gemmCase) {
	t.Helper()
	a := make([]float64, g.m*g.k)
	b := make([]float64, g.k*g.n)
	for i := range a {
		a[i] = float64(T(rnd.Float64()*2 - 1))
	}
	for i := range b {
		b[i] = float64(T(rnd.Float64()*2 - 1))
	}
	// A broadcast layout keeps one row or column of the values: the
	// reference multiplies what the layout holds.
	a = throughLayout(a, g.m, g.k, g.la)
	b = throughLayout(b, g.k, g.n, g.lb)
	ref := gemmRef{a: a, b: b}
	ref.want, ref.abs = naiveGemm(g.m, g.n, g.k, a, g.k, 1, b, g.n, 1)
	checkGemmRef[T](t, g, ref)
}

// throughLayout places row-major values with layout l and reads them back.
func throughLayout(v []float64, rows, cols int, l layout) []float64 {
	rs, cs, n := l.strides(rows, cols)
	x := make([]float64, n)
	placeMatrix(x, v, rows, cols, rs, cs)
	out := make([]float64, len(v))
	for i := range rows {
		for j := range cols {
			out[i*cols+j] = x[i*rs+j*cs]
		}
	}
	return out
}

// checkGemmRef is checkGemm against a reference computed beforehand.
func checkGemmRef[T float32 | float64](t *testing.T, g gemmCase, ref gemmRef) {
	t.Helper()
	rsa, csa, na := g.la.strides(g.m, g.k)
	rsb, csb, nb := g.lb.strides(g.k, g.n)
	rsc, csc, nc := g.lc.strides(g.m, g.n)
	ao, a := guarded[T](na)
	bo, b := guarded[T](nb)
	co, c := guarded[T](nc) // C starts all NaN: Gemm must not read it
	placeMatrix(a, ref.a, g.m, g.k, rsa, csa)
	placeMatrix(b, ref.b, g.k, g.n, rsb, csb)
	a0, b0 := slices.Clone(ao), slices.Clone(bo)

	if g.workers == 0 {
		Gemm(g.m, g.n, g.k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
	} else {
		Parallel(g.workers, g.m, g.n, g.k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
	}

	if !gemmSameBits(ao, a0) {
		t.Fatalf("%v: A changed", g)
	}
	if !gemmSameBits(bo, b0) {
		t.Fatalf("%v: B changed", g)
	}
	want, abs := ref.want, ref.abs
	tol := gemmTol[T](g.k)
	written := make([]bool, len(co))
	for i := range g.m {
		for j := range g.n {
			idx := i*rsc + j*csc
			written[gemmGuard+idx] = true
			got := float64(c[idx])
			if w := want[i*g.n+j]; math.IsNaN(w) || math.IsInf(w, 0) {
				// NaN or Inf entered the sum: what a triple loop gives.
				if !sameSpecial(got, w) {
					t.Fatalf("%v: C[%d,%d] = %v, want %v", g, i, j, got, w)
				}
				continue
			}
			if d := math.Abs(got - want[i*g.n+j]); !(d <= tol*abs[i*g.n+j]) {
				t.Fatalf("%v: C[%d,%d] = %v, want %v (|diff| %g > %g)", g, i, j, got, want[i*g.n+j], d, tol*abs[i*g.n+j])
			}
		}
	}
	for i, v := range co {
		if !written[i] && !math.IsNaN(float64(v)) {
			t.Fatalf("%v: stray write at offset %d of C's buffer: %v", g, i-gemmGuard, v)
		}
	}
}

func gemmSameBits[T float32 | float64](x, y []T) bool {
	for i := range x {
		if math.Float64bits(float64(x[i])) != math.Float64bits(float64(y[i])) {
			return false
		}
	}
	return true
}

func gemmShapes() [][3]int {
	dims := []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 33}
	var s [][3]int
	for _, m := range dims {
		for _, n := range dims {
			for _, k := range []int{0, 1, 7, 13, 33} {
				s = append(s, [3]int{m, n, k})
			}
		}
	}
	// Shapes that cross the mc, kc and nc block edges of every level.
	return append(s,
		[3]int{257, 257, 257}, [3]int{65, 300, 129}, [3]int{49, 17, 513},
		[3]int{130, 2050, 3}, [3]int{3, 2050, 260}, [3]int{100, 70, 300},
		// Direct kernels' wide tiles, then narrow ones, then a ragged tail;
		// then k over one block (direct up to two), B narrower than a tile.
		[3]int{20, 29, 40}, [3]int{13, 53, 33}, [3]int{400, 61, 20},
		[3]int{40, 9, 512}, [3]int{31, 45, 400},
	)
}

func testGemmShapes[T float32 | float64](t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	refs := make([]gemmRef, len(gemmShapes()))
	for i, s := range gemmShapes() {
		refs[i] = newGemmRef[T](rnd, s[0], s[1], s[2])
	}
	forEachLevel(t, func(t *testing.T) {
		for si, s := range gemmShapes() {
			big := s[0]*s[1]*s[2] > 50000
			for ia, la := range gemmLayouts {
				for ib, lb := range gemmLayouts {
					for ic, lc := range gemmLayouts {
						// Large shapes get a sample of the layout combinations.
						if big && (ia+ib+ic)%4 != 0 {
							continue
						}
						checkGemmRef[T](t, gemmCase{s[0], s[1], s[2], la, lb, lc, 0}, refs[si])
					}
				}
			}
		}
	})
}

func TestGemmShapes64(t *testing.T) { testGemmShapes[float64](t) }
func TestGemmShapes32(t *testing.T) { testGemmShapes[float32](t) }

func TestGemmBroadcast(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	forEachLevel(t, func(t *testing.T) {
		for _, s := range [][3]int{{5, 9, 7}, {33, 17, 13}, {70, 40, 300}} {
			for _, la := range []layout{gemmLayouts[0], rowBroadcast, colBroadcast} {
				for _, lb := range []layout{gemmLayouts[1], rowBroadcast, colBroadcast} {
					checkGemm[float64](t, rnd, gemmCase{s[0], s[1], s[2], la, lb, gemmLayouts[0], 0})
					checkGemm[float32](t, rnd, gemmCase{s[0], s[1], s[2], la, lb, gemmLayouts[1], 0})
				}
			}
		}
	})
}

func TestGemmTallSkinny(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the 10000x100x100 products take seconds on the plain-Go path")
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	forEachLevel(t, func(t *testing.T) {
		checkGemm[float64](t, rnd, gemmCase{10000, 100, 100, gemmLayouts[0], gemmLayouts[0], gemmLayouts[0], 0})
		checkGemm[float32](t, rnd, gemmCase{10000, 100, 100, gemmLayouts[1], gemmLayouts[0], gemmLayouts[1], 0})
	})
}

// TestGemmGonum compares with gonum's Dgemm and Sgemm on transposed and
// non-transposed operands, the way BLAS callers pass them.
func TestGemmGonum(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	var impl gonum.Implementation
	forEachLevel(t, func(t *testing.T) {
		for _, s := range [][3]int{{1, 1, 1}, {7, 13, 33}, {33, 7, 13}, {257, 129, 65}, {100, 300, 260}} {
			m, n, k := s[0], s[1], s[2]
			for _, ta := range []blas.Transpose{blas.NoTrans, blas.Trans} {
				for _, tb := range []blas.Transpose{blas.NoTrans, blas.Trans} {
					name := fmt.Sprintf("%v/%c%c", s, ta, tb)
					// A stored as m×k (lda = k) or, transposed, as k×m (lda = m).
					a64 := make([]float64, m*k)
					b64 := make([]float64, k*n)
					for i := range a64 {
						a64[i] = rnd.NormFloat64()
					}
					for i := range b64 {
						b64[i] = rnd.NormFloat64()
					}
					lda, rsa, csa := k, k, 1
					if ta == blas.Trans {
						lda, rsa, csa = m, 1, m
					}
					ldb, rsb, csb := n, n, 1
					if tb == blas.Trans {
						ldb, rsb, csb = k, 1, k
					}
					want := make([]float64, m*n)
					impl.Dgemm(ta, tb, m, n, k, 1, a64, lda, b64, ldb, 0, want, n)
					got := make([]float64, m*n)
					Gemm(m, n, k, a64, rsa, csa, b64, rsb, csb, got, n, 1)
					compareGonum(t, name+"/d", got, want, gemmTol[float64](k)*10)

					a32, b32 := toF32(a64), toF32(b64)
					want32 := make([]float32, m*n)
					impl.Sgemm(ta, tb, m, n, k, 1, a32, lda, b32, ldb, 0, want32, n)
					got32 := make([]float32, m*n)
					Gemm(m, n, k, a32, rsa, csa, b32, rsb, csb, got32, n, 1)
					compareGonum(t, name+"/s", got32, want32, gemmTol[float32](k)*10)
				}
			}
		}
	})
}

func toF32(x []float64) []float32 {
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = float32(v)
	}
	return y
}

func compareGonum[T float32 | float64](t *testing.T, name string, got, want []T, tol float64) {
	t.Helper()
	for i := range got {
		if d := math.Abs(float64(got[i] - want[i])); !(d <= tol*math.Max(1, math.Abs(float64(want[i])))) {
			t.Fatalf("%s: element %d = %v, gonum %v", name, i, got[i], want[i])
		}
	}
}

// TestGemmNaNInf puts NaN, +Inf and -Inf into A and B, including against
// zeros, and expects exactly what a triple loop gives: NaN where a NaN or
// Inf·0 or Inf-Inf enters the sum, ±Inf where only one sign of Inf does.
func TestGemmNaNInf(t *testing.T) {
	specials := []float64{math.NaN(), math.Inf(1), math.Inf(-1)}
	forEachLevel(t, func(t *testing.T) {
		for _, s := range [][3]int{{1, 1, 1}, {5, 9, 3}, {13, 33, 17}, {70, 40, 300}} {
			m, n, k := s[0], s[1], s[2]
			rnd := rand.New(rand.NewPCG(uint64(m), uint64(k)))
			a := make([]float64, m*k)
			b := make([]float64, k*n)
			for i := range a {
				a[i] = float64(rnd.IntN(3) - 1) // many exact zeros
			}
			for i := range b {
				b[i] = float64(rnd.IntN(3) - 1)
			}
			for range 1 + m*k/50 {
				a[rnd.IntN(len(a))] = specials[rnd.IntN(3)]
			}
			for range 1 + k*n/50 {
				b[rnd.IntN(len(b))] = specials[rnd.IntN(3)]
			}
			want, _ := naiveGemm(m, n, k, a, k, 1, b, n, 1)
			got := make([]float64, m*n)
			Gemm(m, n, k, a, k, 1, b, n, 1, got, n, 1)
			got32 := make([]float32, m*n)
			Gemm(m, n, k, toF32(a), k, 1, toF32(b), n, 1, got32, n, 1)
			for i := range want {
				// Finite parts are small integers, so sums are exact in any order.
				if !sameSpecial(got[i], want[i]) || !sameSpecial(float64(got32[i]), want[i]) {
					t.Fatalf("%v: element %d = %v (f32 %v), want %v", s, i, got[i], got32[i], want[i])
				}
			}
		}
	})
}

func sameSpecial(x, y float64) bool {
	if math.IsNaN(y) {
		return math.IsNaN(x)
	}
	return x == y
}

// TestGemmZeroK checks that k == 0 zeroes C, NaN included, and touches
// nothing else.
func TestGemmZeroK(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	forEachLevel(t, func(t *testing.T) {
		checkGemm[float64](t, rnd, gemmCase{5, 7, 0, gemmLayouts[0], gemmLayouts[0], gemmLayouts[3], 0})
		Gemm[float64](3, 3, 0, nil, 0, 0, nil, 0, 0, make([]float64, 9), 3, 1)
		Gemm[float32](0, 0, 0, nil, 0, 0, nil, 0, 0, nil, 0, 0)
	})
}

func TestGemmPanics(t *testing.T) {
	a := make([]float64, 12)
	for _, tc := range []struct {
		name, msg string
		f         func()
	}{
		{"neg m", errGemmNegSize, func() { Gemm(-1, 2, 2, a, 2, 1, a, 2, 1, a, 2, 1) }},
		{"neg stride", errGemmNegStr, func() { Gemm(2, 2, 2, a, -2, 1, a, 2, 1, a, 2, 1) }},
		{"short a", errGemmShortA, func() { Gemm(4, 2, 4, a, 4, 1, a, 2, 1, a, 2, 1) }},
		{"short b", errGemmShortB, func() { Gemm(2, 4, 4, a, 4, 1, a, 4, 1, a, 4, 1) }},
		{"short c", errGemmShortC, func() { Gemm(4, 4, 1, a, 1, 1, a, 4, 1, a, 4, 1) }},
		{"short c k=0", errGemmShortC, func() { Gemm[float64](4, 4, 0, nil, 0, 0, nil, 0, 0, a, 4, 1) }},
	} {
		func() {
			defer func() {
				r := recover()
				if s, _ := r.(string); s != tc.msg || !strings.HasPrefix(s, "kernels: ") {
					t.Errorf("%s: panic %v, want %q", tc.name, r, tc.msg)
				}
			}()
			tc.f()
		}()
	}
}

// TestGemmConcurrent runs Gemm from many goroutines on disjoint row blocks of
// one C, as the pool does, and expects the serial result bit for bit.
func TestGemmConcurrent(t *testing.T) {
	const m, n, k, rows = 96, 80, 150, 12
	rnd := rand.New(rand.NewPCG(11, 12))
	a := make([]float64, m*k)
	b := make([]float64, k*n)
	for i := range a {
		a[i] = rnd.NormFloat64()
	}
	for i := range b {
		b[i] = rnd.NormFloat64()
	}
	want := make([]float64, m*n)
	Gemm(m, n, k, a, k, 1, b, n, 1, want, n, 1)
	for rep := range 4 {
		got := make([]float64, m*n)
		var wg sync.WaitGroup
		for i0 := 0; i0 < m; i0 += rows {
			wg.Go(func() {
				Gemm(rows, n, k, a[i0*k:], k, 1, b, n, 1, got[i0*n:], n, 1)
			})
		}
		wg.Wait()
		if !gemmSameBits(got, want) {
			t.Fatalf("rep %d: concurrent result differs from serial", rep)
		}
	}
}

func TestGemmLevel(t *testing.T) {
	switch GemmLevel() {
	case "avx512", "avx2", "generic":
	default:
		t.Fatalf("GemmLevel() = %q", GemmLevel())
	}
	if gemmLevels[len(gemmLevels)-1].name != "generic" {
		t.Fatal("generic level missing")
	}
	t.Logf("levels: %v", func() (s []string) {
		for _, l := range gemmLevels {
			s = append(s, l.name)
		}
		return s
	}())
}

func TestGemmAllocs(t *testing.T) {
	a := make([]float64, 64*64)
	c := make([]float64, 64*64)
	Gemm(64, 64, 64, a, 64, 1, a, 64, 1, c, 64, 1)
	if n := testing.AllocsPerRun(20, func() { Gemm(64, 64, 64, a, 64, 1, a, 64, 1, c, 64, 1) }); n > 0.5 {
		t.Errorf("Gemm allocates %v times per call", n)
	}
}

// TestGemmOnePassBits checks that the two ways Parallel shares a packed
// product out, gemmOnePass (all of B packed in one fork) and gemmShared
// (a fork per block of k, taken where all of B would be too large), give
// C bit for bit as one goroutine does, on shapes of one to several blocks
// of k and on transposed and strided operands, with NaN and Inf in A.
func TestGemmOnePassBits(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	shapes := [][3]int{{257, 257, 257}, {500, 37, 260}, {97, 130, 800}, {64, 300, 513}}
	defer func(v int) { gemmOnePassBBytes = v }(gemmOnePassBBytes)
	forEachLevel(t, func(t *testing.T) {
		for _, sh := range shapes {
			m, n, k := sh[0], sh[1], sh[2]
			for _, lay := range [][3]int{{0, 0, 0}, {1, 3, 0}, {2, 1, 0}} {
				la, lb, lc := gemmLayouts[lay[0]], gemmLayouts[lay[1]], gemmLayouts[lay[2]]
				rsa, csa, na := la.strides(m, k)
				rsb, csb, nb := lb.strides(k, n)
				rsc, csc, nc := lc.strides(m, n)
				a, b := make([]float64, na), make([]float64, nb)
				for i := range a {
					a[i] = rnd.NormFloat64()
				}
				for i := range b {
					b[i] = rnd.NormFloat64()
				}
				a[rsa*(m/2)+csa*(k-1)] = math.NaN()
				a[rsa*(m-1)] = math.Inf(1)
				want := make([]float64, nc)
				gemmOnePassBBytes = 16 << 20
				Parallel(1, m, n, k, a, rsa, csa, b, rsb, csb, want, rsc, csc)
				for _, w := range []int{2, 3, 8} {
					for _, limit := range []int{16 << 20, 0} {
						gemmOnePassBBytes = limit
						got := make([]float64, nc)
						Parallel(w, m, n, k, a, rsa, csa, b, rsb, csb, got, rsc, csc)
						for i := range want {
							if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("%dx%dx%d %s·%s→%s, %d workers, one-pass limit %d: c[%d] = %v, one goroutine %v",
									m, n, k, la.name, lb.name, lc.name, w, limit, i, got[i], want[i])
							}
						}
					}
				}
			}
		}
	})
}

// TestSharedB checks gemmOnePass's shared packing of B against packB block
// by block: packed by the caller's own claims, packed privately when every
// unit of a block is claimed but not packed (another goroutine off its
// core), and only counted, without hanging, once cancelled.
func TestSharedB(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	const nr, kc, n, k = 8, 16, 37, 40 // blocks of 16, 16 and 8 rows; 5 panels
	b := make([]float64, k*n)
	for i := range b {
		b[i] = rnd.NormFloat64()
	}
	np := 40
	want := func(p int) []float64 {
		kb := min(kc, k-p*kc)
		w := make([]float64, kb*np)
		packB(w, kb, n, nr, b[p*kc*n:], n, 1)
		return w
	}
	sb := newSharedB(nr, kc, n, k, b, n, 1, nil, nil)
	for p := 0; p < sb.blocks; p++ {
		got, own := sb.block(p, nil, 0)
		if own != nil || !slices.Equal(got, want(p)) {
			t.Fatalf("block %d: packed %v (own %v), want %v", p, got, own, want(p))
		}
	}
	// Every unit of block 1 claimed by a goroutine that never packs it.
	sb = newSharedB(nr, kc, n, k, b, n, 1, nil, nil)
	sb.block(0, nil, 0)
	sb.next.Store(int64(2 * sb.perBlock))
	got, own := sb.block(1, make([]float64, 3), 5)
	if !slices.Equal(got, want(1)) || &own[0] != &got[0] {
		t.Fatalf("stalled block 1: got %v, want %v packed into own", got, want(1))
	}
	if got, _ := sb.block(2, nil, 5); !slices.Equal(got, want(2)) {
		t.Fatalf("block 2 after the stall: got %v, want %v", got, want(2))
	}
	cancel := int32(1)
	sb = newSharedB(nr, kc, n, k, b, n, 1, nil, &cancel)
	for p := 0; p < sb.blocks; p++ {
		sb.block(p, nil, 0)
	}
}

// TestGemmParallel checks Parallel on shapes that take each of its paths
// (one goroutine, rows shared out, columns shared out) and cross the block
// edges, at several worker counts, against the same references as Gemm.
func TestGemmParallel(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	shapes := [][3]int{
		{64, 64, 64}, {65, 300, 129}, {500, 37, 260}, {6, 2050, 70}, {257, 257, 257},
		{13, 9, 5000}, {1000, 17, 3}, {3, 700, 300}, {150, 4100, 5},
		{3001, 37, 20}, {1201, 100, 100}, // tall A, small B: direct, rows shared out
	}
	combos := [][3]int{{0, 0, 0}, {1, 1, 1}, {2, 3, 0}, {4, 1, 2}, {0, 4, 1}}
	forEachLevel(t, func(t *testing.T) {
		for _, s := range shapes {
			ref64 := newGemmRef[float64](rnd, s[0], s[1], s[2])
			ref32 := newGemmRef[float32](rnd, s[0], s[1], s[2])
			for _, w := range []int{2, 3, 5} {
				for _, c := range combos {
					g := gemmCase{s[0], s[1], s[2], gemmLayouts[c[0]], gemmLayouts[c[1]], gemmLayouts[c[2]], w}
					checkGemmRef[float64](t, g, ref64)
					checkGemmRef[float32](t, g, ref32)
				}
			}
		}
	})
}
