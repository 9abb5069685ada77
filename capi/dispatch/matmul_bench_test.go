package dispatch

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkMatMulBatched times stacks of products through MatMul in both
// precisions, e.g.
//
//	GOEXPERIMENT=simd go test -run '^$' -bench MatMulBatched ./capi/dispatch/
func BenchmarkMatMulBatched(b *testing.B) {
	benchMatMulBatched[float64](b, "f64")
	benchMatMulBatched[float32](b, "f32")
}

func benchMatMulBatched[T float32 | float64](b *testing.B, name string) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range []struct{ batch, m, k, n int }{{1000, 64, 64, 64}, {8, 512, 512, 512}} {
		a := newOperand[T]([]int{s.batch, s.m, s.k}, []int{s.m * s.k, s.k, 1}, 0)
		// The second stack is one matrix broadcast over the batch when its
		// batch stride is 0.
		bs := s.k * s.n
		if s.batch == 8 {
			bs = 0
		}
		bb := newOperand[T]([]int{s.batch, s.k, s.n}, []int{bs, s.n, 1}, 0)
		c := newOperand[T]([]int{s.batch, s.m, s.n}, []int{s.m * s.n, s.n, 1}, 0)
		fillRandom(rng, a.buf)
		fillRandom(rng, bb.buf)
		for _, w := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/%dx%dx%dx%d/w%d", name, s.batch, s.m, s.k, s.n, w), func(b *testing.B) {
				for b.Loop() {
					if err := MatMul(a.array(), bb.array(), c.array(), w, nil); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(2*float64(s.batch*s.m*s.k*s.n)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
