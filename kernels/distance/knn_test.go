package distance

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refKnn is the definition Knn meets: Cdist's matrix, each row sorted
// stably by (distance, NaN last), cut to k.
func refKnn(metric Metric, k, ma, mb, d int, a, b []float64) ([]float64, []int64) {
	full := make([]float64, ma*mb)
	Cdist(metric, ma, mb, d, a, d, 1, b, d, 1, full, mb, 1)
	dist, idx := make([]float64, ma*k), make([]int64, ma*k)
	for i := range ma {
		row := full[i*mb : (i+1)*mb]
		order := make([]int64, mb)
		for j := range order {
			order[j] = int64(j)
		}
		slices.SortStableFunc(order, func(x, y int64) int {
			switch {
			case before(row[x], row[y]):
				return -1
			case before(row[y], row[x]):
				return 1
			}
			return 0
		})
		for r := range k {
			dist[i*k+r], idx[i*k+r] = row[order[r]], order[r]
		}
	}
	return dist, idx
}

// sameBits reports whether two distances are the same float64 (NaN equal to NaN).
func sameBits(x, y float64) bool { return x == y || (x != x && y != y) }

func TestKnnMatchesSortedCdist(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(21, 22))
		for _, metric := range distMetrics {
			for _, sh := range []struct{ ma, mb, d, k int }{
				{1, 1, 1, 1}, {7, 5, 3, 5}, {13, 40, 4, 1}, {13, 40, 4, 7}, {9, 1100, 8, 10}, {30, 700, 64, 40}, {5, 33, 2, 33},
			} {
				for _, kind := range []string{"random", "ties", "nan"} {
					a, b := make([]float64, sh.ma*sh.d), make([]float64, sh.mb*sh.d)
					for p := range a {
						a[p] = r.NormFloat64()
					}
					for p := range b {
						b[p] = r.NormFloat64()
					}
					switch kind {
					case "ties": // few distinct values, and repeated rows
						for p := range a {
							a[p] = math.Round(a[p])
						}
						for p := range b {
							b[p] = math.Round(b[p])
						}
						for j := 1; j < sh.mb; j += 3 {
							copy(b[j*sh.d:(j+1)*sh.d], b[(j-1)*sh.d:j*sh.d])
						}
					case "nan":
						for j := 0; j < sh.mb; j += 4 {
							b[j*sh.d] = math.NaN()
						}
						a[0] = math.NaN()
					}
					wantD, wantI := refKnn(metric, sh.k, sh.ma, sh.mb, sh.d, a, b)
					gotD, gotI := make([]float64, sh.ma*sh.k), make([]int64, sh.ma*sh.k)
					Knn(metric, sh.k, sh.ma, sh.mb, sh.d, a, sh.d, 1, b, sh.d, 1, gotD, gotI)
					for p := range wantD {
						if gotI[p] != wantI[p] || !sameBits(gotD[p], wantD[p]) {
							t.Fatalf("%v %v %+v: entry %d: got (%v, %d), want (%v, %d)",
								metric, kind, sh, p, gotD[p], gotI[p], wantD[p], wantI[p])
						}
					}
				}
			}
		}
	})
}

func TestKnnLayoutsAndFloat32(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	const ma, mb, d, k = 11, 50, 5, 6
	a64, b64 := make([]float64, ma*d), make([]float64, mb*d)
	for p := range a64 {
		a64[p] = r.NormFloat64()
	}
	for p := range b64 {
		b64[p] = r.NormFloat64()
	}
	// Column-major A and B: element (i, p) at i + p*rows.
	aT, bT := make([]float64, ma*d), make([]float64, mb*d)
	for i := range ma {
		for p := range d {
			aT[i+p*ma] = a64[i*d+p]
		}
	}
	for j := range mb {
		for p := range d {
			bT[j+p*mb] = b64[j*d+p]
		}
	}
	a32, b32 := make([]float32, ma*d), make([]float32, mb*d)
	for p := range a64 {
		a32[p] = float32(a64[p])
	}
	for p := range b64 {
		b32[p] = float32(b64[p])
	}
	for _, metric := range distMetrics {
		wantD, wantI := refKnn(metric, k, ma, mb, d, a64, b64)
		gotD, gotI := make([]float64, ma*k), make([]int64, ma*k)
		Knn(metric, k, ma, mb, d, aT, 1, ma, bT, 1, mb, gotD, gotI)
		if !slices.Equal(gotD, wantD) || !slices.Equal(gotI, wantI) {
			t.Fatalf("%v column-major: got %v %v, want %v %v", metric, gotD, gotI, wantD, wantI)
		}
		// float32 input: the float64 distances of the float32 values.
		w32a, w32b := make([]float64, ma*d), make([]float64, mb*d)
		for p := range a32 {
			w32a[p] = float64(a32[p])
		}
		for p := range b32 {
			w32b[p] = float64(b32[p])
		}
		wantD, wantI = refKnn(metric, k, ma, mb, d, w32a, w32b)
		Knn(metric, k, ma, mb, d, a32, d, 1, b32, d, 1, gotD, gotI)
		if !slices.Equal(gotD, wantD) || !slices.Equal(gotI, wantI) {
			t.Fatalf("%v float32: got %v %v, want %v %v", metric, gotD, gotI, wantD, wantI)
		}
	}
}

func TestKnnEmptyAndPanics(t *testing.T) {
	Knn[float64](Euclidean, 0, 0, 0, 3, nil, 3, 1, nil, 3, 1, nil, nil)
	Knn[float64](Euclidean, 0, 4, 0, 3, make([]float64, 12), 3, 1, nil, 3, 1, nil, nil)
	Knn[float64](Euclidean, 2, 0, 5, 3, nil, 3, 1, make([]float64, 15), 3, 1, nil, nil)
	// d == 0: every distance is 0 (cosine: NaN), ties to the lower index.
	dist, idx := make([]float64, 6), make([]int64, 6)
	Knn[float64](Euclidean, 3, 2, 4, 0, nil, 0, 1, nil, 0, 1, dist, idx)
	if !slices.Equal(idx, []int64{0, 1, 2, 0, 1, 2}) || !slices.Equal(dist, make([]float64, 6)) {
		t.Fatalf("d == 0: got %v %v", dist, idx)
	}
	for _, c := range []struct {
		name string
		f    func()
		msg  string
	}{
		{"k > mb", func() {
			Knn(Euclidean, 3, 1, 2, 1, []float64{0}, 1, 1, []float64{0, 1}, 1, 1, make([]float64, 3), make([]int64, 3))
		}, errKnnK},
		{"k == 0", func() { Knn(Euclidean, 0, 1, 2, 1, []float64{0}, 1, 1, []float64{0, 1}, 1, 1, nil, nil) }, errKnnK},
		{"metric", func() {
			Knn(Canberra, 1, 1, 2, 1, []float64{0}, 1, 1, []float64{0, 1}, 1, 1, make([]float64, 1), make([]int64, 1))
		}, errDistMetric},
		{"short dist", func() {
			Knn(Euclidean, 2, 2, 2, 1, []float64{0, 1}, 1, 1, []float64{0, 1}, 1, 1, make([]float64, 3), make([]int64, 4))
		}, errKnnShortD},
		{"short idx", func() {
			Knn(Euclidean, 2, 2, 2, 1, []float64{0, 1}, 1, 1, []float64{0, 1}, 1, 1, make([]float64, 4), make([]int64, 3))
		}, errKnnShortI},
		{"short b", func() {
			Knn(Euclidean, 1, 1, 3, 1, []float64{0}, 1, 1, []float64{0, 1}, 1, 1, make([]float64, 1), make([]int64, 1))
		}, errDistShortB},
	} {
		func() {
			defer func() {
				if r := recover(); fmt.Sprint(r) != c.msg {
					t.Errorf("%s: panic %v, want %q", c.name, r, c.msg)
				}
			}()
			c.f()
		}()
	}
}

func BenchmarkKnn(b *testing.B) {
	r := rand.New(rand.NewPCG(25, 26))
	const m, d, k = 2000, 64, 10
	x, y := make([]float64, m*d), make([]float64, m*d)
	for p := range x {
		x[p], y[p] = r.NormFloat64(), r.NormFloat64()
	}
	dist, idx := make([]float64, m*k), make([]int64, m*k)
	for b.Loop() {
		Knn(Euclidean, k, m, m, d, x, d, 1, y, d, 1, dist, idx)
	}
	b.ReportMetric(float64(m)*float64(m)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpairs/s")
}

// BenchmarkKnnWide has many more B rows than one chunk holds, so nearly all
// candidates go through the float32 screen once the lists are full.
func BenchmarkKnnWide(b *testing.B) {
	r := rand.New(rand.NewPCG(27, 28))
	const ma, mb, d = 5000, 20000, 64
	x, y := make([]float64, ma*d), make([]float64, mb*d)
	for p := range x {
		x[p] = r.NormFloat64()
	}
	for p := range y {
		y[p] = r.NormFloat64()
	}
	for _, k := range []int{1, 10} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			dist, idx := make([]float64, ma*k), make([]int64, ma*k)
			for b.Loop() {
				Knn(Euclidean, k, ma, mb, d, x, d, 1, y, d, 1, dist, idx)
			}
			b.ReportMetric(float64(ma)*float64(mb)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpairs/s")
		})
		// As the dispatcher calls it: B packed once, A in chunks of 512 rows.
		b.Run(fmt.Sprintf("k=%d/packed", k), func(b *testing.B) {
			dist, idx := make([]float64, ma*k), make([]int64, ma*k)
			for b.Loop() {
				pb := PackScreened(Euclidean, mb, d, y, d, 1, 1<<30)
				for lo := 0; lo < ma; lo += 512 {
					hi := min(lo+512, ma)
					KnnPacked(pb, Euclidean, k, hi-lo, mb, d, x[lo*d:], d, 1, y, d, 1, dist[lo*k:hi*k], idx[lo*k:hi*k])
				}
			}
			b.ReportMetric(float64(ma)*float64(mb)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpairs/s")
		})
	}
}
