//go:build !goexperiment.simd || !amd64

package kernels

// Without SIMD MomentsOf takes its plain-Go leaf; the contract is that of
// moments.go.

func momOfF64(x []float64, k float64) Moments { return momPairwise(x, k, momLeafGeneric[float64]) }
func momOfF32(x []float32, k float64) Moments { return momPairwise(x, k, momLeafGeneric[float32]) }
