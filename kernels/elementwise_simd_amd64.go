//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

// unaryVec runs the SIMD body of op at lvl on the leading whole vectors of
// dst and x and returns how many elements it did; plain Go does the rest.
// Only the exact types float64, float32, int64 and int32 have SIMD bodies;
// types defined on them take plain Go.
func unaryVec[T Number](lvl Level, op UnaryOp, dst, x []T) int {
	if lvl == Generic {
		return 0
	}
	n := unaryVecBody(lvl, op, dst, x)
	// Scalar SSE code after 256/512-bit code with dirty upper halves pays a
	// state-transition penalty on every instruction on some CPUs.
	archsimd.ClearAVXUpperBits()
	return n
}

func unaryVecBody[T Number](lvl Level, op UnaryOp, dst, x []T) int {
	switch d := any(dst).(type) {
	case []float64:
		if lvl >= AVX512 {
			return unaryF64x8(op, d, any(x).([]float64))
		}
		return unaryF64x4(op, d, any(x).([]float64))
	case []float32:
		if lvl >= AVX512 {
			return unaryF32x16(op, d, any(x).([]float32))
		}
		return unaryF32x8(op, d, any(x).([]float32))
	case []int64:
		if lvl >= AVX512 {
			return unaryI64x8(op, d, any(x).([]int64))
		}
		return unaryI64x4(op, d, any(x).([]int64))
	case []int32:
		if lvl >= AVX512 {
			return unaryI32x16(op, d, any(x).([]int32))
		}
		return unaryI32x8(op, d, any(x).([]int32))
	}
	return 0
}

// binaryVec runs the SIMD body of op at lvl on the leading whole vectors
// and returns how many elements it did; plain Go does the rest. x or y is
// nil where mode makes it the scalar s.
func binaryVec[T Number](lvl Level, op BinaryOp, mode ewMode, dst, x, y []T, s T) int {
	if lvl == Generic {
		return 0
	}
	n := binaryVecBody(lvl, op, mode, dst, x, y, s)
	archsimd.ClearAVXUpperBits()
	return n
}

func binaryVecBody[T Number](lvl Level, op BinaryOp, mode ewMode, dst, x, y []T, s T) int {
	switch d := any(dst).(type) {
	case []float64:
		xs, ys, ss := any(x).([]float64), any(y).([]float64), any(s).(float64)
		if lvl >= AVX512 {
			return binaryF64x8(op, mode, d, xs, ys, ss)
		}
		return binaryF64x4(op, mode, d, xs, ys, ss)
	case []float32:
		xs, ys, ss := any(x).([]float32), any(y).([]float32), any(s).(float32)
		if lvl >= AVX512 {
			return binaryF32x16(op, mode, d, xs, ys, ss)
		}
		return binaryF32x8(op, mode, d, xs, ys, ss)
	case []int64:
		xs, ys, ss := any(x).([]int64), any(y).([]int64), any(s).(int64)
		if lvl >= AVX512 {
			return binaryI64x8(op, mode, d, xs, ys, ss)
		}
		return binaryI64x4(op, mode, d, xs, ys, ss)
	case []int32:
		xs, ys, ss := any(x).([]int32), any(y).([]int32), any(s).(int32)
		if lvl >= AVX512 {
			return binaryI32x16(op, mode, d, xs, ys, ss)
		}
		return binaryI32x8(op, mode, d, xs, ys, ss)
	}
	return 0
}

// arithVVF64 runs the assembly loop of op (add, subtract, multiply or
// divide) at the active level on the leading whole vectors and returns
// how many elements it did (ArithF64).
func arithVVF64(op BinaryOp, dst, x, y []float64) int {
	switch ActiveLevel() {
	case AVX512:
		return binaryVVF64x8(op, dst, x, y)
	case AVX2:
		return binaryVVF64x4(op, dst, x, y)
	}
	return 0
}

// arithVSF64 is arithVVF64 with the right operand s broadcast.
func arithVSF64(op BinaryOp, dst, x []float64, s float64) int {
	switch ActiveLevel() {
	case AVX512:
		return binaryVSF64x8(op, dst, x, s)
	case AVX2:
		return binaryVSF64x4(op, dst, x, s)
	}
	return 0
}
