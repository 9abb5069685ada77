package distance

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkCdistPairs times the one-pair-at-a-time metrics on 0/1 data
// (the boolean metrics' usual input) and on positive data.
func BenchmarkCdistPairs(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	const m, d = 500, 32
	x, y := make([]float64, m*d), make([]float64, m*d)
	for k := range x {
		x[k], y[k] = float64(r.IntN(2)), float64(r.IntN(2))
	}
	vi := make([]float64, d*d)
	for k := 0; k < d; k++ {
		vi[k*d+k] = 1
	}
	out := make([]float64, m*m)
	for _, metric := range []Metric{Hamming, Jaccard, Dice, Yule, Mahalanobis, JensenShannon, Canberra} {
		b.Run(fmt.Sprint(metric), func(b *testing.B) {
			prm := Params{VI: vi}
			for b.Loop() {
				CdistPairs(metric, prm, m, m, d, x, d, 1, y, d, 1, out, m, 1)
			}
			b.ReportMetric(float64(m*m)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mpairs/s")
		})
	}
}
