package kernels

import (
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// mtRef returns the triple of x from exact arithmetic: the mean and
// Σ(x - mean)² in 256-bit big.Float, rounded once at the end.
func mtRef[T Number](x []T) Moments {
	n := len(x)
	if n == 0 {
		return Moments{}
	}
	const prec = 256
	sum := new(big.Float).SetPrec(prec)
	for _, v := range x {
		sum.Add(sum, new(big.Float).SetPrec(prec).SetFloat64(float64(v)))
	}
	mean := new(big.Float).SetPrec(prec).Quo(sum, new(big.Float).SetPrec(prec).SetInt64(int64(n)))
	m2 := new(big.Float).SetPrec(prec)
	d := new(big.Float).SetPrec(prec)
	for _, v := range x {
		d.Sub(new(big.Float).SetPrec(prec).SetFloat64(float64(v)), mean)
		m2.Add(m2, d.Mul(d, d))
	}
	mf, _ := mean.Float64()
	qf, _ := m2.Float64()
	return Moments{N: float64(n), Mean: mf, M2: qf}
}

// mtClose fails t unless got matches want: N exactly, the mean within rel of
// the data's scale, M2 within rel relative.
func mtClose(t *testing.T, what string, got, want Moments, scale, rel float64) {
	t.Helper()
	if got.N != want.N {
		t.Fatalf("%s: N=%v want %v", what, got.N, want.N)
	}
	if math.Abs(got.Mean-want.Mean) > rel*scale {
		t.Fatalf("%s: Mean=%v want %v", what, got.Mean, want.Mean)
	}
	if math.Abs(got.M2-want.M2) > rel*want.M2 {
		t.Fatalf("%s: M2=%v want %v (rel err %g)", what, got.M2, want.M2, math.Abs(got.M2-want.M2)/want.M2)
	}
}

func mtScale[T Number](x []T) float64 {
	s := 0.0
	for _, v := range x {
		s = max(s, math.Abs(float64(v)))
	}
	return s
}

func testMomentsOfType[T Number](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, n := range rtSizes {
			if n > 2049 && testing.Short() {
				continue
			}
			x, whole := rtGuarded(n, rtRandom[T](uint64(n)+11))
			orig := slices.Clone(whole)
			want := mtRef(x)
			got := MomentsOf(x)
			mtClose(t, "MomentsOf", got, want, mtScale(x), 1e-13)
			if !rtSameBits(orig, whole) {
				t.Fatalf("n=%d: input changed", n)
			}
			for _, inc := range []int{2, -1, -3} {
				m := n / rtAbs(inc)
				ix := 0
				if inc < 0 {
					ix = (m - 1) * -inc
				}
				ref := make([]T, m)
				for i := range ref {
					ref[i] = x[ix+i*inc]
				}
				mtClose(t, "MomentsOfInc", MomentsOfInc(x, m, inc, ix), mtRef(ref), mtScale(ref), 1e-13)
			}
		}
	})
}

func TestMomentsOf(t *testing.T) {
	t.Run("float64", testMomentsOfType[float64])
	t.Run("float32", testMomentsOfType[float32])
	t.Run("int32", testMomentsOfType[int32])
	t.Run("int64", testMomentsOfType[int64])
}

// TestMomentsHugeOffset: data 1e9 + noise of order 1 is where the textbook
// Σx² − n·mean² formula loses every digit; the two-pass leaves and the
// merge keep ~1e-10 relative accuracy of the variance.
func TestMomentsHugeOffset(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, 100_003)
	for i := range x {
		x[i] = 1e9 + rng.NormFloat64()
	}
	want := mtRef(x)
	forEachLevel(t, func(t *testing.T) {
		got := MomentsOf(x)
		if rel := math.Abs(got.M2-want.M2) / want.M2; rel > 1e-10 {
			t.Fatalf("M2=%v want %v, rel err %g", got.M2, want.M2, rel)
		}
		if rel := math.Abs(got.Mean-want.Mean) / want.Mean; rel > 1e-15 {
			t.Fatalf("Mean=%v want %v, rel err %g", got.Mean, want.Mean, rel)
		}
		// The same through blocks merged pairwise, as the parallel reduction
		// does. Each block's mean carries an absolute error of about
		// eps·1e9, which every merge multiplies by the gap between means, so
		// the blocks are of a realistic size for the pool (8192).
		got = mtMergePairwise(x, 8192)
		if rel := math.Abs(got.M2-want.M2) / want.M2; rel > 1e-10 {
			t.Fatalf("merged M2=%v want %v, rel err %g", got.M2, want.M2, rel)
		}
	})
}

// mtMergePairwise merges the triples of x's blocks pairwise, as the
// parallel reduction combines them.
func mtMergePairwise(x []float64, block int) Moments {
	var parts []Moments
	for i := 0; i < len(x); i += block {
		parts = append(parts, MomentsOf(x[i:min(i+block, len(x))]))
	}
	for len(parts) > 1 {
		var next []Moments
		for i := 0; i+1 < len(parts); i += 2 {
			next = append(next, parts[i].Merge(parts[i+1]))
		}
		if len(parts)%2 == 1 {
			next = append(next, parts[len(parts)-1])
		}
		parts = next
	}
	return parts[0]
}

func TestMomentsMerge(t *testing.T) {
	x := make([]float64, 10_000)
	gen := rtRandom[float64](9)
	for i := range x {
		x[i] = gen(i) + 3
	}
	whole := MomentsOf(x)
	for _, block := range []int{1, 7, 128, 1000, 4999} {
		parts := []Moments{mtMergePairwise(x, block)}
		mtClose(t, "merged blocks", parts[0], whole, mtScale(x), 1e-13)
	}
	a := MomentsOf(x[:10])
	if a.Merge(Moments{}) != a || (Moments{}).Merge(a) != a {
		t.Fatal("Merge with an empty triple changed the other")
	}
	if (Moments{}).Merge(Moments{}) != (Moments{}) {
		t.Fatal("empty + empty")
	}
}

func TestMomentsSpecialValues(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, n := range []int{1, 5, 40, 3000} {
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(i)
			}
			x[n/2] = math.Inf(1)
			m := MomentsOf(x)
			if !math.IsInf(m.Mean, 1) || !math.IsNaN(m.M2) {
				t.Fatalf("n=%d with +Inf: %+v, want mean +Inf, M2 NaN (as np.mean/np.var)", n, m)
			}
			x[0] = math.NaN()
			if m := MomentsOf(x); !math.IsNaN(m.Mean) || !math.IsNaN(m.M2) {
				t.Fatalf("n=%d with NaN: %+v", n, m)
			}
		}
		if m := MomentsOf([]float32{}); m != (Moments{}) {
			t.Fatalf("empty: %+v", m)
		}
		if m := MomentsOf([]int32{7, 7, 7}); m != (Moments{N: 3, Mean: 7}) {
			t.Fatalf("constant: %+v", m)
		}
	})
}

func testMomentsRowsType[T Number](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, sh := range rtRowsShapes {
			rows, cols, ld := sh[0], sh[1], sh[1]+sh[2]
			n := 0
			if rows > 0 {
				n = (rows-1)*ld + cols
			}
			x, whole := rtGuarded(n, rtRandom[T](uint64(rows*31+cols)))
			orig := slices.Clone(whole)
			sentinel := Moments{N: -1, Mean: -1, M2: -1}
			outWhole := make([]Moments, cols+2)
			for i := range outWhole {
				outWhole[i] = sentinel
			}
			out := outWhole[1 : 1+cols]
			MomentsRows(out, x, rows, cols, ld)
			if outWhole[0] != sentinel || outWhole[cols+1] != sentinel {
				t.Fatalf("rows=%d cols=%d: wrote outside out", rows, cols)
			}
			for j := range out {
				col := make([]T, rows)
				for r := range col {
					col[r] = x[r*ld+j]
				}
				mtClose(t, "MomentsRows", out[j], mtRef(col), mtScale(col), 1e-13)
			}
			if !rtSameBits(orig, whole) {
				t.Fatalf("rows=%d cols=%d: input changed", rows, cols)
			}
		}
	})
}

func TestMomentsRows(t *testing.T) {
	t.Run("float64", testMomentsRowsType[float64])
	t.Run("float32", testMomentsRowsType[float32])
	t.Run("int64", testMomentsRowsType[int64])
	defer func() {
		if recover() == nil {
			t.Fatal("short out: no panic")
		}
	}()
	MomentsRows(make([]Moments, 1), make([]float64, 4), 2, 2, 2)
}

// TestMomentsRowsTileBits checks that the column tiles of MomentsRows and
// MomentsRowsAbout give the same bits at every level as at the generic
// one (the SIMD tile of 8 columns does the plain loops' operations in
// lanes), float64 and float32: widths past the flat-run limit, row strides
// wider than the row, row counts around the 128-row chunks, large offsets,
// NaN and Inf.
func TestMomentsRowsTileBits(t *testing.T) {
	t.Run("float64", testMomentsRowsTileBits[float64])
	t.Run("float32", testMomentsRowsTileBits[float32])
}

func testMomentsRowsTileBits[T float32 | float64](t *testing.T) {
	orig := ActiveLevel()
	defer SetLevel(orig)
	rng := rand.New(rand.NewPCG(71, 72))
	for _, sh := range [][3]int{{1, 8, 0}, {5, 40, 3}, {128, 80, 0}, {129, 80, 8}, {300, 33, 0}, {1000, 64, 1}} {
		rows, cols, ld := sh[0], sh[1], sh[1]+sh[2]
		x := make([]T, (rows-1)*ld+cols)
		for i := range x {
			x[i] = T(1e6 + rng.NormFloat64()*math.Ldexp(1, rng.IntN(20)-10))
		}
		if rows > 3 {
			x[2*ld+1] = T(math.NaN())
			x[3*ld+9%cols] = T(math.Inf(-1))
		}
		about := make([]float64, cols)
		for j := range about {
			about[j] = float64(x[j])
		}
		var want, wantAbout []Moments
		for _, l := range levels() {
			SetLevel(l)
			got, gotAbout := make([]Moments, cols), make([]Moments, cols)
			MomentsRows(got, x, rows, cols, ld)
			MomentsRowsAbout(gotAbout, x, rows, cols, ld, about)
			if want == nil {
				want, wantAbout = got, gotAbout
				continue
			}
			same := func(a, b Moments) bool {
				eq := func(u, v float64) bool { return math.Float64bits(u) == math.Float64bits(v) || u != u && v != v }
				return eq(a.N, b.N) && eq(a.Mean, b.Mean) && eq(a.M2, b.M2)
			}
			for j := range got {
				if !same(got[j], want[j]) || !same(gotAbout[j], wantAbout[j]) {
					t.Fatalf("%v rows %d cols %d ld %d column %d: %+v / %+v, generic %+v / %+v", l, rows, cols, ld, j, got[j], gotAbout[j], want[j], wantAbout[j])
				}
			}
		}
	}
}
