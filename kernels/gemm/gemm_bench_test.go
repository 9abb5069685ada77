package gemm

import (
	"fmt"
	"gonp/kernels/cpu"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

var gemmBenchShapes = [][3]int{{2000, 2000, 2000}, {500, 500, 500}, {10000, 100, 100}, {128, 128, 128}, {64, 64, 64}}

func gemmBenchData[T float32 | float64](m, n, k int) (a, b, c []T) {
	rnd := rand.New(rand.NewPCG(1, 1))
	a = make([]T, m*k)
	b = make([]T, k*n)
	c = make([]T, m*n)
	for i := range a {
		a[i] = T(rnd.Float64())
	}
	for i := range b {
		b[i] = T(rnd.Float64())
	}
	return a, b, c
}

func reportGFLOPS(b *testing.B, m, n, k int) {
	b.ReportMetric(2*float64(m)*float64(n)*float64(k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func benchGemm[T float32 | float64](b *testing.B) {
	cpu.Each(func(l cpu.Level) {
		for _, s := range gemmBenchShapes {
			m, n, k := s[0], s[1], s[2]
			b.Run(fmt.Sprintf("%s/%dx%dx%d", l, m, n, k), func(b *testing.B) {
				x, y, z := gemmBenchData[T](m, n, k)
				for b.Loop() {
					Gemm(m, n, k, x, k, 1, y, n, 1, z, n, 1)
				}
				reportGFLOPS(b, m, n, k)
			})
		}
	})
}

func BenchmarkGemm64(b *testing.B) { benchGemm[float64](b) }
func BenchmarkGemm32(b *testing.B) { benchGemm[float32](b) }

// BenchmarkGemmGonum runs gonum's pure-Go Dgemm and Sgemm on the same
// shapes. gonum starts its own goroutines for large products; run with
// -cpu 1 for a single-threaded comparison.
func BenchmarkGemmGonum(b *testing.B) {
	var impl gonum.Implementation
	for _, s := range gemmBenchShapes {
		m, n, k := s[0], s[1], s[2]
		b.Run(fmt.Sprintf("Dgemm/%dx%dx%d", m, n, k), func(b *testing.B) {
			x, y, z := gemmBenchData[float64](m, n, k)
			for b.Loop() {
				impl.Dgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, x, k, y, n, 0, z, n)
			}
			reportGFLOPS(b, m, n, k)
		})
		b.Run(fmt.Sprintf("Sgemm/%dx%dx%d", m, n, k), func(b *testing.B) {
			x, y, z := gemmBenchData[float32](m, n, k)
			for b.Loop() {
				impl.Sgemm(blas.NoTrans, blas.NoTrans, m, n, k, 1, x, k, y, n, 0, z, n)
			}
			reportGFLOPS(b, m, n, k)
		})
	}
}

// BenchmarkGemmParallel runs Parallel on 1 and 2 workers in both
// precisions, for the scaling from one thread to two, e.g.
//
//	GOEXPERIMENT=simd go test -run '^$' -bench 'GemmParallel' ./kernels/gemm/
//
// On a machine shared with other busy processes, two workers cannot show
// their speed-up; compare -cpu 1 runs there.
func BenchmarkGemmParallel(b *testing.B) {
	benchGemmParallel[float64](b, "f64")
	benchGemmParallel[float32](b, "f32")
}

func benchGemmParallel[T float32 | float64](b *testing.B, name string) {
	for _, s := range [][3]int{{500, 500, 500}, {2000, 2000, 2000}, {10000, 100, 100}, {64, 64, 64}} {
		m, n, k := s[0], s[1], s[2]
		x, y, z := gemmBenchData[T](m, n, k)
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/%dx%dx%d/w%d", name, m, n, k, w), func(b *testing.B) {
				for b.Loop() {
					Parallel(w, m, n, k, x, k, 1, y, n, 1, z, n, 1)
				}
				reportGFLOPS(b, m, n, k)
			})
		}
	}
}

// BenchmarkGemmLockedCaller is Parallel on 2 workers from a goroutine
// locked to its thread, as a cgo caller's is, with 30 µs between calls (as
// between calls from Python): it reports the median and the 90th
// percentile of a call, where a caller that parks or yields waits for a
// futex wake-up of its thread.
//
//	GOEXPERIMENT=simd go test -run '^$' -bench GemmLockedCaller -benchtime 200x ./kernels/gemm/
func BenchmarkGemmLockedCaller(b *testing.B) {
	const m, n, k = 500, 500, 500
	x, y, z := gemmBenchData[float64](m, n, k)
	ts := make([]time.Duration, 0, b.N)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		for range b.N {
			s := time.Now()
			Parallel(2, m, n, k, x, k, 1, y, n, 1, z, n, 1)
			ts = append(ts, time.Since(s))
			for g := time.Now(); time.Since(g) < 30*time.Microsecond; {
			}
		}
	}()
	<-done
	slices.Sort(ts)
	b.ReportMetric(float64(ts[len(ts)/2].Microseconds()), "p50-us")
	b.ReportMetric(float64(ts[len(ts)*9/10].Microseconds()), "p90-us")
}
