package gemm

import (
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// ParallelCancel with a flag set before the call computes nothing; with a
// flag that stays 0 it gives Parallel's result bit for bit; with a flag set
// during the call it returns, and a following call gives the full result.
func TestParallelCancel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, c := range []struct{ workers, m, n, k int }{
		{1, 300, 300, 300}, // serial, packed
		{4, 300, 300, 300}, // shared blocks of B
		{4, 8, 2000, 300},  // split by columns
		{1, 6001, 100, 90}, // direct, serial
		{4, 6001, 100, 90}, // direct, rows shared out
	} {
		a := make([]float64, c.m*c.k)
		b := make([]float64, c.k*c.n)
		for i := range a {
			a[i] = rng.Float64() - 0.5
		}
		for i := range b {
			b[i] = rng.Float64() - 0.5
		}
		want := make([]float64, c.m*c.n)
		Parallel(c.workers, c.m, c.n, c.k, a, c.k, 1, b, c.n, 1, want, c.n, 1)

		got := make([]float64, c.m*c.n)
		for i := range got {
			got[i] = math.NaN()
		}
		set := int32(1)
		ParallelCancel(c.workers, &set, c.m, c.n, c.k, a, c.k, 1, b, c.n, 1, got, c.n, 1)
		for i, v := range got {
			if !math.IsNaN(v) {
				t.Fatalf("%+v: C[%d] written by a call cancelled before it started", c, i)
			}
		}

		var unset int32
		ParallelCancel(c.workers, &unset, c.m, c.n, c.k, a, c.k, 1, b, c.n, 1, got, c.n, 1)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%+v: C[%d] = %v with an unset flag, want %v", c, i, got[i], want[i])
			}
		}

		var flag int32
		timer := time.AfterFunc(50*time.Microsecond, func() { atomic.StoreInt32(&flag, 1) })
		ParallelCancel(c.workers, &flag, c.m, c.n, c.k, a, c.k, 1, b, c.n, 1, got, c.n, 1)
		timer.Stop()
		clear(got)
		ParallelCancel(c.workers, nil, c.m, c.n, c.k, a, c.k, 1, b, c.n, 1, got, c.n, 1)
		for i := range want {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
				t.Fatalf("%+v after a cancel: C[%d] = %v, want %v", c, i, got[i], want[i])
			}
		}
	}
}
