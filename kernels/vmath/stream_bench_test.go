package vmath

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// benchChunks calls f on chunks of [0, n) of 1<<15 elements, shared by
// GOMAXPROCS goroutines, as gonp's pool cuts a large call.
func benchChunks(n int, f func(lo, hi int)) {
	const chunk = 1 << 15
	var next sync.Mutex
	pos := 0
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				next.Lock()
				lo := pos
				pos += chunk
				next.Unlock()
				if lo >= n {
					return
				}
				f(lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
}

// BenchmarkLarge runs exp, log, pow(x, 2.5), sin and cos on 1e7 elements
// (beyond the last-level cache) with streaming stores and with plain
// stores (streamMinBytes raised above the size), sub-benchmarks side by
// side, in chunks on GOMAXPROCS goroutines (-cpu 2: two threads);
// b.SetBytes counts the input and the output.
func BenchmarkLarge(b *testing.B) { benchLarge(b, false) }

// BenchmarkLargeInterleaved is BenchmarkLarge with the two stores timed
// in alternation within one sub-benchmark (see benchLarge).
func BenchmarkLargeInterleaved(b *testing.B) { benchLarge(b, true) }

func benchLarge(b *testing.B, interleaved bool) {
	const n = 10_000_000
	x64, d64 := make([]float64, n), make([]float64, n)
	x32, d32 := make([]float32, n), make([]float32, n)
	e64, e32 := make([]float64, n), make([]float32, n)
	for i := range x64 {
		x64[i] = 1e-3 + float64(i%100000)*1e-2 // log, pow, sin, cos
		x32[i] = float32(x64[i])
		e64[i] = -80 + float64(i%100000)*16e-4 // exp
		e32[i] = float32(e64[i])
	}
	cases := []struct {
		name string
		f64  func()
		f32  func()
	}{
		{"exp", func() { benchChunks(n, func(lo, hi int) { Exp(d64[lo:hi], e64[lo:hi]) }) },
			func() { benchChunks(n, func(lo, hi int) { Exp32(d32[lo:hi], e32[lo:hi]) }) }},
		{"log", func() { benchChunks(n, func(lo, hi int) { Log(d64[lo:hi], x64[lo:hi]) }) },
			func() { benchChunks(n, func(lo, hi int) { Log32(d32[lo:hi], x32[lo:hi]) }) }},
		{"pow", func() { benchChunks(n, func(lo, hi int) { PowScalar(d64[lo:hi], x64[lo:hi], 2.5) }) },
			func() { benchChunks(n, func(lo, hi int) { PowScalar32(d32[lo:hi], x32[lo:hi], 2.5) }) }},
		{"sin", func() { benchChunks(n, func(lo, hi int) { Sin(d64[lo:hi], x64[lo:hi]) }) },
			func() { benchChunks(n, func(lo, hi int) { Sin32(d32[lo:hi], x32[lo:hi]) }) }},
		{"cos", func() { benchChunks(n, func(lo, hi int) { Cos(d64[lo:hi], x64[lo:hi]) }) },
			func() { benchChunks(n, func(lo, hi int) { Cos32(d32[lo:hi], x32[lo:hi]) }) }},
	}
	defer func(v int) { streamMinBytes = v }(streamMinBytes)
	if interleaved {
		// One sub-benchmark per case and dtype; each iteration times one
		// streaming call and one plain call in turn, and the medians are
		// reported (ms-stream, ms-plain): load from other processes hits
		// both alike.
		for _, c := range cases {
			for _, dt := range []string{"f64", "f32"} {
				f := c.f64
				if dt == "f32" {
					f = c.f32
				}
				b.Run(c.name+"/"+dt, func(b *testing.B) {
					var ts, tp []float64
					for b.Loop() {
						for _, stream := range []bool{true, false} {
							streamMinBytes = 16 << 20
							if !stream {
								streamMinBytes = 1 << 40
							}
							t0 := time.Now()
							f()
							ms := float64(time.Since(t0).Microseconds()) / 1e3
							if stream {
								ts = append(ts, ms)
							} else {
								tp = append(tp, ms)
							}
						}
					}
					slices.Sort(ts)
					slices.Sort(tp)
					b.ReportMetric(ts[len(ts)/2], "ms-stream")
					b.ReportMetric(tp[len(tp)/2], "ms-plain")
				})
			}
		}
		return
	}
	for _, c := range cases {
		for _, stream := range []bool{true, false} {
			streamMinBytes = 16 << 20
			if !stream {
				streamMinBytes = 1 << 40
			}
			b.Run(fmt.Sprintf("%s/f64/stream=%v", c.name, stream), func(b *testing.B) {
				b.SetBytes(16 * n)
				for b.Loop() {
					c.f64()
				}
			})
			b.Run(fmt.Sprintf("%s/f32/stream=%v", c.name, stream), func(b *testing.B) {
				b.SetBytes(8 * n)
				for b.Loop() {
					c.f32()
				}
			})
		}
	}
}
