package parallel

import (
	"fmt"
	"math"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkForDispatch measures what For costs beyond its bodies. With
// empty bodies the caller usually finishes both chunks before the helper it
// asked for wakes up; with busy bodies (spin: about 1µs of work per chunk)
// both goroutines run a chunk, and the cost over the serial/spin time halved
// is the real hand-off: wake a worker, run, wait for it.
func BenchmarkForDispatch(b *testing.B) {
	empty := func(lo, hi int) {}
	busy := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			sink.Add(spin(spinIters))
		}
	}
	for _, c := range []struct {
		name             string
		workers, n, gran int
		body             func(lo, hi int)
	}{
		{"empty/serial", 1, 2, 1, empty},
		{"empty/workers=2/chunks=2", 2, 2, 1, empty},
		{"empty/workers=4/chunks=4", 4, 4, 1, empty},
		{"empty/workers=4/chunks=16", 4, 64, 4, empty},
		{"spin/serial", 1, 2, 1, busy},
		{"spin/workers=2/chunks=2", 2, 2, 1, busy},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				For(c.workers, c.n, c.gran, c.body)
			}
		})
	}
}

// spinIters makes spin take about a microsecond.
const spinIters = 400

var sink atomic.Uint64

// spin is serial integer work the compiler cannot drop or vectorize.
//
//go:noinline
func spin(n int) uint64 {
	x := uint64(n)
	for range n {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}

// BenchmarkReduceDispatch is the Reduce counterpart of BenchmarkForDispatch:
// four one-element blocks on four workers.
func BenchmarkReduceDispatch(b *testing.B) {
	part := func(lo, hi int) float64 { return float64(hi - lo) }
	add := func(a, b float64) float64 { return a + b }
	b.ReportAllocs()
	for b.Loop() {
		Reduce(4, 4, 1, part, add)
	}
}

// BenchmarkForAxpy runs a memory-bound loop (y += a*x: 24 bytes moved per
// element) so that the reported bandwidth shows how far the pool gets toward
// the memory system's limit.
func BenchmarkForAxpy(b *testing.B) {
	for _, n := range []int{1e6, 1e7} {
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = float64(i)
		}
		for _, workers := range workerCounts() {
			b.Run(fmt.Sprintf("n=%.0e/workers=%d", float64(n), workers), func(b *testing.B) {
				b.SetBytes(int64(24 * n))
				for b.Loop() {
					For(workers, n, 1<<14, func(lo, hi int) {
						axpy(1.5, x[lo:hi], y[lo:hi])
					})
				}
			})
		}
	}
}

// BenchmarkReduceSum is a memory-bound reduction (8 bytes read per element).
func BenchmarkReduceSum(b *testing.B) {
	for _, n := range []int{1e6, 1e7} {
		x := make([]float64, n)
		for _, workers := range workerCounts() {
			b.Run(fmt.Sprintf("n=%.0e/workers=%d", float64(n), workers), func(b *testing.B) {
				b.SetBytes(int64(8 * n))
				for b.Loop() {
					Reduce(workers, n, 1<<14, func(lo, hi int) float64 {
						return sum4(x[lo:hi])
					}, func(a, b float64) float64 { return a + b })
				}
			})
		}
	}
}

func axpy(a float64, x, y []float64) {
	for i, v := range x {
		y[i] += a * v
	}
}

// workerCounts is one worker, two, and the default if that is more.
func workerCounts() []int {
	return slices.Compact(slices.Sorted(slices.Values([]int{1, 2, Workers()})))
}

// sum4 keeps four sums so that the loop waits on memory, not on the latency
// of one chain of additions.
func sum4(x []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i]
		s1 += x[i+1]
		s2 += x[i+2]
		s3 += x[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// BenchmarkWake measures how long a helper takes to start on a call: the two
// chunks of a two-worker For each record when they start and wait (at most
// a millisecond) for the other, so the gap between the two start times is
// the wake-up latency that a caller pays on a short call. back-to-back
// calls, and calls after a gap shorter than the GONP_SPIN window (1 ms by
// default), find the helper spinning; after a longer gap the helper is
// parked and must be woken through the scheduler.
// wake-ns is the median over the loop's calls; ns/op includes the body's
// waiting, not the gap.
func BenchmarkWake(b *testing.B) {
	for _, gap := range []time.Duration{0, 20 * time.Microsecond, 500 * time.Microsecond, 5 * time.Millisecond} {
		name := "back-to-back"
		if gap > 0 {
			name = fmt.Sprintf("gap=%v", gap)
		}
		b.Run(name, func(b *testing.B) {
			var starts [2]atomic.Int64
			body := func(lo, hi int) {
				now := time.Now().UnixNano()
				starts[lo].Store(now)
				for starts[1-lo].Load() == 0 && time.Now().UnixNano()-now < int64(time.Millisecond) {
				}
			}
			For(2, 2, 1, body) // start the helper
			var lat []float64
			for b.Loop() {
				if gap > 0 {
					// The caller busy elsewhere, as a Python thread is
					// between calls (time.Sleep would park it, and the
					// timer's wake-up run it on the helper's P).
					b.StopTimer()
					for end := time.Now().Add(gap); time.Now().Before(end); {
					}
					b.StartTimer()
				}
				starts[0].Store(0)
				starts[1].Store(0)
				For(2, 2, 1, body)
				d := starts[1].Load() - starts[0].Load()
				lat = append(lat, math.Abs(float64(d)))
			}
			slices.Sort(lat)
			b.ReportMetric(lat[len(lat)/2], "wake-ns")
		})
	}
}
