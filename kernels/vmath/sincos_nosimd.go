//go:build !goexperiment.simd || !amd64

package vmath

import "gonp/kernels/cpu"

// scSinCos64Vec runs the SIMD body for Sin or Cos on the leading whole
// vectors and returns how many elements it did; without SIMD, none.
func scSinCos64Vec(lvl cpu.Level, dst, x []float64, shift, signMask uint64) int { return 0 }

// scSinCos32Vec is scSinCos64Vec for Sin32 and Cos32.
func scSinCos32Vec(lvl cpu.Level, dst, x []float32, shift uint64, nt bool) int { return 0 }
