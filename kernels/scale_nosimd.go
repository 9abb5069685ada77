//go:build !goexperiment.simd || !amd64

package kernels

// Without SIMD the affine transforms take their plain-Go bodies; the
// contracts are those of scale.go.

func scaleSubDivF64(dst, x []float64, sub, div float64) { scaleSubDivGeneric(dst, x, sub, div) }
func scaleSubDivF32(dst, x []float32, sub, div float32) { scaleSubDivGeneric(dst, x, sub, div) }

func scaleSubDivRowsF64(dst, x []float64, rows, cols, ldDst, ldX int, sub, div []float64) {
	scaleSubDivRowsGeneric(dst, x, rows, cols, ldDst, ldX, sub, div)
}

func scaleSubDivRowsF32(dst, x []float32, rows, cols, ldDst, ldX int, sub, div []float64) {
	scaleSubDivRowsGeneric(dst, x, rows, cols, ldDst, ldX, sub, div)
}
