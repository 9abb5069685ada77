//go:build !(goexperiment.simd && amd64)

package kernels

// gemmSIMDLevels reports no SIMD levels: this build has no archsimd.
func gemmSIMDLevels() []gemmLevel { return nil }
