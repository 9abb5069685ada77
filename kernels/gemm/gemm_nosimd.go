//go:build !(goexperiment.simd && amd64)

package gemm

import "unsafe"

// gemmSIMDLevels reports no SIMD levels: this build has no archsimd.
func gemmSIMDLevels() []gemmLevel { return nil }

// prefetchRows does nothing: this build has no assembly.
func prefetchRows(p unsafe.Pointer, rowBytes, rows, stride int) {}
