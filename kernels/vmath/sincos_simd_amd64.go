//go:build goexperiment.simd && amd64

package vmath

import (
	"simd/archsimd"

	"gonp/kernels/cpu"
)

// scSinCos64Vec runs the SIMD body of lvl for Sin or Cos on the leading
// whole vectors of dst and x and returns how many elements it did; the
// plain-Go body does the rest.
func scSinCos64Vec(lvl cpu.Level, dst, x []float64, shift, signMask uint64) int {
	var n int
	switch {
	case lvl >= cpu.AVX512:
		n = scSinCos64x8(dst, x, shift, signMask)
	case lvl >= cpu.AVX2:
		n = scSinCos64x4(dst, x, shift, signMask)
	default:
		return 0
	}
	// Scalar SSE code after 256/512-bit code with dirty upper halves pays
	// a state-transition penalty on some CPUs.
	archsimd.ClearAVXUpperBits()
	return n
}

// scSinCos32Vec is scSinCos64Vec for Sin32 and Cos32.
func scSinCos32Vec(lvl cpu.Level, dst, x []float32, shift uint64, nt bool) int {
	var n int
	switch {
	case lvl >= cpu.AVX512:
		n = scSinCos32x8(dst, x, shift, nt)
	case lvl >= cpu.AVX2:
		n = scSinCos32x4(dst, x, shift, nt)
	default:
		return 0
	}
	archsimd.ClearAVXUpperBits()
	return n
}
