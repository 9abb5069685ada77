//go:build !goexperiment.simd || !amd64

package vmath

// Without SIMD the vector bodies do nothing and return 0: the scalar
// bodies do every element.

func expVecF64(dst, x []float64, nt bool) int { return 0 }
func expVecF32(dst, x []float32, nt bool) int { return 0 }

func expVecF64x8(dst, x []float64, nt bool) int { return 0 }
func expVecF32x8(dst, x []float32, nt bool) int { return 0 }
func logVecF64(dst, x []float64, nt bool) int   { return 0 }
func logVecF32(dst, x []float32, nt bool) int   { return 0 }
func logVecF64x8(dst, x []float64, nt bool) int { return 0 }
func logVecF32x8(dst, x []float32, nt bool) int { return 0 }

func powVecF64(dst, x, y []float64, s float64, mode int, nt bool) int { return 0 }
func powVecF32(dst, x, y []float32, s float32, mode int, nt bool) int { return 0 }

func powVecF64x8(dst, x, y []float64, s float64, mode int, nt bool) int { return 0 }
func powVecF32x8(dst, x, y []float32, s float32, mode int, nt bool) int { return 0 }
