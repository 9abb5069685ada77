//go:build !goexperiment.simd || !amd64

package kernels

// unaryVec runs the SIMD body of op at lvl on the leading whole vectors of
// dst and x and returns how many elements it did; without SIMD, none.
func unaryVec[T Number](lvl Level, op UnaryOp, dst, x []T) int { return 0 }

// binaryVec runs the SIMD body of op at lvl on the leading whole vectors
// and returns how many elements it did; without SIMD, none.
func binaryVec[T Number](lvl Level, op BinaryOp, mode ewMode, dst, x, y []T, s T) int {
	return 0
}

func arithVVF64(op BinaryOp, dst, x, y []float64) int { return 0 }
func arithVSF64(op BinaryOp, dst, x []float64, s float64) int {
	return 0
}
