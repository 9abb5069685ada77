//go:build goexperiment.simd && amd64

package cpu

import "simd/archsimd"

// detectLevel picks AVX-512 wherever the CPU has it. A kernel family keeps an
// AVX-512 body only where it measured faster than its AVX2 body on AVX-512
// hardware; the others run their AVX2 body at this level.
func detectLevel() Level {
	switch {
	case archsimd.X86.AVX512() && archsimd.X86.FMA():
		return AVX512
	case archsimd.X86.AVX2() && archsimd.X86.FMA():
		return AVX2
	}
	return Generic
}
