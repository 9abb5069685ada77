package gemm

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

// FuzzGemm runs Gemm and Parallel at every SIMD level on products of up to
// 48×48×48 with any non-negative strides of A and B (0 broadcasts, strides
// smaller than the other dimension make rows or columns overlap), every C
// layout, 1–4 workers, either precision, and NaN or ±Inf dropped into the
// operands; C starts NaN inside guard bands. The result must be the triple
// loop's within the γₖ bound, NaN and Inf exactly where the loop gives them,
// no element outside C written and A and B unchanged (checkGemmRef).
func FuzzGemm(f *testing.F) {
	f.Add(uint64(1), uint8(5), uint8(7), uint8(3), uint8(0), uint8(0), uint8(0), uint8(1), uint8(0), false)
	f.Add(uint64(2), uint8(33), uint8(17), uint8(48), uint8(1), uint8(2), uint8(3), uint8(2), uint8(1), true)
	f.Add(uint64(3), uint8(1), uint8(40), uint8(9), uint8(7), uint8(8), uint8(4), uint8(3), uint8(9), false)
	f.Add(uint64(4), uint8(16), uint8(12), uint8(0), uint8(12), uint8(30), uint8(2), uint8(4), uint8(2), true)
	f.Add(uint64(5), uint8(9), uint8(1), uint8(20), uint8(200), uint8(77), uint8(1), uint8(0), uint8(5), false)
	f.Fuzz(func(t *testing.T, seed uint64, m8, n8, k8, la8, lb8, lc8, workers8, specials uint8, single bool) {
		m, n, k := int(m8)%49, int(n8)%49, int(k8)%49
		g := gemmCase{
			m: m, n: n, k: k,
			la:      fuzzLayout(la8),
			lb:      fuzzLayout(lb8),
			lc:      gemmLayouts[int(lc8)%len(gemmLayouts)],
			workers: int(workers8) % 5,
		}
		cpu.Each(func(cpu.Level) {
			rnd := rand.New(rand.NewPCG(seed, 11))
			if single {
				checkGemmRef[float32](t, g, fuzzGemmRef[float32](rnd, g, int(specials)))
			} else {
				checkGemmRef[float64](t, g, fuzzGemmRef[float64](rnd, g, int(specials)))
			}
		})
	})
}

// fuzzLayout is one of the named layouts and broadcasts, or (from 16 on)
// arbitrary small strides, overlapping ones included.
func fuzzLayout(sel uint8) layout {
	named := append(gemmLayouts[:len(gemmLayouts):len(gemmLayouts)], rowBroadcast, colBroadcast)
	if int(sel) < 16 {
		return named[int(sel)%len(named)]
	}
	rs, cs := int(sel)%7, int(sel)/7%7
	return layout{"fuzz", func(r, c int) (int, int, int) {
		if r == 0 || c == 0 {
			return rs, cs, 0
		}
		return rs, cs, (r-1)*rs + (c-1)*cs + 1
	}}
}

// fuzzGemmRef draws operands in [-8, 8) (small, so no finite sum overflows),
// rounded to T, with up to specials%8 NaN/±Inf placed at random, reads them
// back through g's layouts (overlapping strides keep the last write) and
// computes the triple loop.
func fuzzGemmRef[T float32 | float64](rnd *rand.Rand, g gemmCase, specials int) gemmRef {
	a := make([]float64, g.m*g.k)
	b := make([]float64, g.k*g.n)
	for _, v := range [][]float64{a, b} {
		for i := range v {
			v[i] = float64(T(rnd.Float64()*16 - 8))
		}
	}
	odd := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0}
	for range specials % 8 {
		v := a
		if rnd.IntN(2) == 1 {
			v = b
		}
		if len(v) > 0 {
			v[rnd.IntN(len(v))] = odd[rnd.IntN(len(odd))]
		}
	}
	r := gemmRef{a: throughLayout(a, g.m, g.k, g.la), b: throughLayout(b, g.k, g.n, g.lb)}
	r.want, r.abs = naiveGemm(g.m, g.n, g.k, r.a, g.k, 1, r.b, g.n, 1)
	return r
}
