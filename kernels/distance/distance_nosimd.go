//go:build !goexperiment.simd || !amd64

package distance

import "gonp/kernels/cpu"

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
