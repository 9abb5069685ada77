//go:build !(goexperiment.simd && amd64)

package gemm

// gemmSIMDLevels reports no SIMD levels: this build has no archsimd.
func gemmSIMDLevels() []gemmLevel { return nil }
