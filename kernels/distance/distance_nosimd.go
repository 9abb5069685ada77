//go:build !goexperiment.simd || !amd64

package distance

import (
	"math"

	"gonp/kernels/cpu"
)

// distLanes is how many B rows one packed block holds at level lvl.
func distLanes(lvl cpu.Level) int { return 8 }

// distRow computes one tile of A rows against a chunk of packed B blocks at
// level lvl; see distRowGeneric for the contract. Without SIMD every level
// runs the plain-Go body.
func distRow(lvl cpu.Level, metric Metric, d, nb, blocks int, at, bp, na, nbn, res []float64, w int) {
	distRowGeneric(metric, d, nb, blocks, at, bp, na, nbn, res, w)
}

// distLevel is the level metric runs at when lvl is active: without SIMD,
// lvl itself.
func distLevel(lvl cpu.Level, _ Metric) cpu.Level { return lvl }

// quadForm is uᵀ VI u (see quadFormGeneric); z is scratch.
func quadForm(vi, u, z []float64) float64 { return quadFormGeneric(vi, u, z) }

// screenLevel reports whether Knn screens candidates in float32 at level
// lvl: never without the assembly tile its exact distances must match.
func screenLevel(cpu.Level) bool { return false }

// screenTile is screenTileGeneric.
func screenTile(d, blocks int, at, bp, thr []float32, masks []uint16) uint64 {
	return screenTileGeneric(d, blocks, at, bp, thr, masks)
}

// sqChain4 sets out[c] to the squared distance of a[c] and b[c] (d
// elements) as the exact tile of the levels that screen sums it: fused
// multiply-adds in the order of the elements. Only the screen calls it.
func sqChain4(d int, a, b *[4][]float64, out *[4]float64) {
	for c := range 4 {
		var t float64
		for p := range d {
			u := a[c][p] - b[c][p]
			t = math.FMA(u, u, t)
		}
		out[c] = t
	}
}

// screenTileBF16 is screenBF16Generic.
func screenTileBF16(dp, blocks int, at, bp []uint32, nb2, thr []float32, masks []uint16) uint64 {
	return screenBF16Generic(dp, blocks, at, bp, nb2, thr, masks)
}
