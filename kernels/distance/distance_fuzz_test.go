package distance

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/cpu"
)

// FuzzCdist runs Cdist and PdistRows for the tiled metrics at every SIMD
// level on up to 40×40 rows of up to 80 dimensions, in C, Fortran, strided
// and broadcast layouts, for each input/output type pair, with NaN, ±Inf,
// zeros and huge values dropped in and PdistRows split at a random row.
// Every result must match the float64 definition (refDist, written from
// SciPy's loops), nothing outside the output may be written and the inputs
// must be unchanged (checkCdist, checkPdist).
func FuzzCdist(f *testing.F) {
	f.Add(uint64(1), uint8(0), uint8(5), uint8(7), uint8(3), uint8(0), uint8(0), uint8(0), uint8(0), uint8(0), uint8(2))
	f.Add(uint64(2), uint8(4), uint8(17), uint8(1), uint8(65), uint8(1), uint8(2), uint8(1), uint8(1), uint8(3), uint8(9))
	f.Add(uint64(3), uint8(3), uint8(40), uint8(33), uint8(8), uint8(2), uint8(3), uint8(2), uint8(2), uint8(7), uint8(0))
	f.Add(uint64(4), uint8(1), uint8(0), uint8(3), uint8(0), uint8(3), uint8(1), uint8(0), uint8(3), uint8(1), uint8(1))
	f.Add(uint64(5), uint8(2), uint8(9), uint8(9), uint8(80), uint8(0), uint8(3), uint8(1), uint8(0), uint8(12), uint8(4))
	f.Fuzz(func(t *testing.T, seed uint64, metric8, ma8, mb8, d8, la8, lb8, lo8, types8, specials8, cut8 uint8) {
		metric := distMetrics[int(metric8)%len(distMetrics)]
		sh := distShape{int(ma8) % 41, int(mb8) % 41, int(d8) % 81}
		la, lb := distLayout(la8)%distNumLayouts, distLayout(lb8)%distNumLayouts
		lo := distLayout(lo8 % 3) // outputs: C, Fortran or strided
		cpu.Each(func(cpu.Level) {
			r := rand.New(rand.NewPCG(seed, 3))
			am := fuzzDistMatrix(r, sh.ma, sh.d, int(specials8))
			bm := fuzzDistMatrix(r, sh.mb, sh.d, int(specials8)/3)
			cuts := []int{0}
			if sh.ma > 0 {
				cuts = []int{int(cut8) % (sh.ma + 1)}
			}
			switch types8 % 4 {
			case 0:
				fuzzDistTypes[float64, float64](t, metric, sh, am, bm, la, lb, lo, cuts)
			case 1:
				fuzzDistTypes[float32, float32](t, metric, sh, am, bm, la, lb, lo, cuts)
			case 2:
				fuzzDistTypes[float32, float64](t, metric, sh, am, bm, la, lb, lo, cuts)
			case 3:
				fuzzDistTypes[float64, float32](t, metric, sh, am, bm, la, lb, lo, cuts)
			}
		})
	})
}

func fuzzDistTypes[T Float, O Float](t *testing.T, metric Metric, sh distShape, am, bm []float64, la, lb, lo distLayout, cuts []int) {
	a, b := append([]float64(nil), am...), append([]float64(nil), bm...)
	distRoundTo[T](a)
	distRoundTo[T](b)
	checkCdist[T, O](t, metric, sh, a, b, la, lb, lo)
	checkPdist[T, O](t, metric, sh.ma, sh.d, a, la, cuts)
}

// fuzzDistMatrix is a random n×d matrix (row-major) with specials%16 of its
// elements replaced by NaN, ±Inf, 0 or a value whose square overflows, and,
// when specials is odd, its first row copied into its last (equal rows).
func fuzzDistMatrix(r *rand.Rand, n, d, specials int) []float64 {
	m := distRandMatrix(r, n, d)
	if len(m) == 0 {
		return m
	}
	odd := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, 1e300, -3e200}
	for range specials % 16 {
		m[r.IntN(len(m))] = odd[r.IntN(len(odd))]
	}
	if specials%2 == 1 && n > 1 {
		copy(m[(n-1)*d:], m[:d])
	}
	return m
}

// FuzzCdistPairs runs CdistPairs and PdistPairs (the metrics beyond the tiled
// five, and weighted ones) at every SIMD level on up to 12×12 rows of up to
// 40 dimensions, in every layout, with NaN, ±Inf, zeros and huge values
// dropped in, against each metric's float64 definition (refPair).
func FuzzCdistPairs(f *testing.F) {
	f.Add(uint64(1), uint8(0), uint8(3), uint8(4), uint8(5), uint8(0), uint8(0), false)
	f.Add(uint64(2), uint8(13), uint8(7), uint8(1), uint8(33), uint8(1), uint8(5), true)
	f.Add(uint64(3), uint8(22), uint8(1), uint8(9), uint8(2), uint8(2), uint8(2), false)
	f.Add(uint64(4), uint8(30), uint8(12), uint8(12), uint8(0), uint8(3), uint8(9), true)
	cases := pairCases()
	f.Fuzz(func(t *testing.T, seed uint64, case8, ma8, mb8, d8, layout8, specials8 uint8, single bool) {
		c := cases[int(case8)%len(cases)]
		sh := distShape{int(ma8) % 13, int(mb8) % 13, int(d8) % 41}
		la := distLayout(layout8) % distNumLayouts
		cpu.Each(func(cpu.Level) {
			r := rand.New(rand.NewPCG(seed, 5))
			am := fuzzDistMatrix(r, sh.ma, sh.d, int(specials8))
			bm := fuzzDistMatrix(r, sh.mb, sh.d, int(specials8)/3)
			var w []float64
			if c.weight || c.metric == SEuclidean {
				w = make([]float64, sh.d)
				for k := range w {
					w[k] = r.Float64() + 0.05
					if c.metric != SEuclidean && r.IntN(5) == 0 {
						w[k] = 0
					}
				}
			}
			if single {
				checkPairs[float32, float32](t, c, sh, am, bm, w, la, 2e-7)
			} else {
				checkPairs[float64, float64](t, c, sh, am, bm, w, la, 1e-13)
			}
		})
	})
}
