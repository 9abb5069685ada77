package distance

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestCdistPacked checks that Cdist over row ranges of A sharing one packed
// B writes what one Cdist call writes, bit for bit, for every tiled metric
// and float32 and float64 input, with B spanning several chunks and a
// partial last block, and that a B packed for another shape is refused.
func TestCdistPacked(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(43, 44))
		for _, sh := range []struct{ ma, mb, d int }{{23, 1100, 24}, {9, 77, 3}, {40, 13, 64}} {
			a, b := make([]float64, sh.ma*sh.d), make([]float64, sh.mb*sh.d)
			for p := range a {
				a[p] = r.NormFloat64()
			}
			for p := range b {
				b[p] = r.NormFloat64()
			}
			b[5] = math.NaN()
			for _, metric := range distMetrics {
				checkCdistPacked[float64](t, metric, sh.ma, sh.mb, sh.d, a, b)
				checkCdistPacked[float32](t, metric, sh.ma, sh.mb, sh.d, a, b)
			}
		}
		if pb := PackCdistB(Euclidean, 100, 4, make([]float64, 400), 4, 1, 100); pb != nil {
			t.Errorf("PackCdistB ignored maxBytes")
		}
		pb := PackCdistB(Euclidean, 100, 4, make([]float64, 400), 4, 1, 1<<20)
		defer func() {
			if msg := recover(); msg != errDistPacked {
				t.Errorf("CdistPacked with another shape: panic %v, want %q", msg, errDistPacked)
			}
		}()
		CdistPacked(pb, Euclidean, 1, 99, 4, make([]float64, 4), 4, 1, make([]float64, 396), 4, 1, make([]float64, 99), 99, 1)
	})
}

func checkCdistPacked[T Float](t *testing.T, metric Metric, ma, mb, d int, a64, b64 []float64) {
	t.Helper()
	a, b := make([]T, len(a64)), make([]T, len(b64))
	for p := range a64 {
		a[p] = T(a64[p])
	}
	for p := range b64 {
		b[p] = T(b64[p])
	}
	want := make([]float64, ma*mb)
	Cdist(metric, ma, mb, d, a, d, 1, b, d, 1, want, mb, 1)
	pb := PackCdistB(metric, mb, d, b, d, 1, 1<<30)
	if pb == nil {
		t.Fatalf("%v: PackCdistB returned nil", metric)
	}
	got := make([]float64, ma*mb)
	for lo := 0; lo < ma; lo += 7 {
		hi := min(lo+7, ma)
		CdistPacked(pb, metric, hi-lo, mb, d, a[lo*d:], d, 1, b, d, 1, got[lo*mb:], mb, 1)
	}
	for p := range want {
		if !sameBits(got[p], want[p]) {
			t.Fatalf("%v %T %dx%d vs %d: element %d = %v, want %v", metric, a[0], ma, d, mb, p, got[p], want[p])
		}
	}
}
