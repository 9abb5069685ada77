//go:build !goexperiment.simd || !amd64

package kernels

// Without SIMD MomentsOf takes its plain-Go leaf; the contract is that of
// moments.go.

func momOfF64(x []float64, k float64) Moments { return momPairwise(x, k, momLeafGeneric[float64]) }
func momOfF32(x []float32, k float64) Moments { return momPairwise(x, k, momLeafGeneric[float32]) }

// momRowsFlat has no plain-Go body: the column tiles serve every block.
func momRowsFlat[T float32 | float64](out []Moments, x []T, rows, cols int, shift []float64) bool {
	return false
}

// momRowsTile8 has no plain-Go body: momentsRowsAbout's loops serve.
func momRowsTile8[T Number](out []Moments, x []T, rows, ld int, shift []float64) bool {
	return false
}
