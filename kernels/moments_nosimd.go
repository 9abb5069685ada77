//go:build !goexperiment.simd || !amd64

package kernels

// Without SIMD MomentsOf takes its plain-Go leaf; the contract is that of
// moments.go.

func momOfF64(x []float64) Moments { return momPairwise(x, momLeafGeneric[float64]) }
func momOfF32(x []float32) Moments { return momPairwise(x, momLeafGeneric[float32]) }
