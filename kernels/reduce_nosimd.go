//go:build !goexperiment.simd || !amd64

package kernels

// Without SIMD every reduction takes its plain-Go body; the contracts are
// those of reduce.go.

func redSumF64(x []float64) float64 { return redSumPairwise(x) }
func redSumF32(x []float32) float64 { return redSumPairwise(x) }

func redMinF64(x []float64) float64 { return redMinGeneric(x) }
func redMinF32(x []float32) float32 { return redMinGeneric(x) }
func redMaxF64(x []float64) float64 { return redMaxGeneric(x) }
func redMaxF32(x []float32) float32 { return redMaxGeneric(x) }

func redSumRowsF64(acc []float64, x []float64, rows, cols, ld int) {
	redSumRowsGeneric(acc, x, rows, cols, ld)
}
func redSumRowsF32(acc []float64, x []float32, rows, cols, ld int) {
	redSumRowsGeneric(acc, x, rows, cols, ld)
}
func redMinRowsF64(acc, x []float64, rows, cols, ld int) { redMinRowsGeneric(acc, x, rows, cols, ld) }
func redMinRowsF32(acc, x []float32, rows, cols, ld int) { redMinRowsGeneric(acc, x, rows, cols, ld) }
func redMaxRowsF64(acc, x []float64, rows, cols, ld int) { redMaxRowsGeneric(acc, x, rows, cols, ld) }
func redMaxRowsF32(acc, x []float32, rows, cols, ld int) { redMaxRowsGeneric(acc, x, rows, cols, ld) }

func redAddRowSums8(sums, x []float64, cols int) int { return 0 }
