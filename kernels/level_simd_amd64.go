//go:build goexperiment.simd && amd64

package kernels

import "simd/archsimd"

func detectLevel() Level {
	switch {
	case archsimd.X86.AVX512():
		return AVX512
	case archsimd.X86.AVX2() && archsimd.X86.FMA():
		return AVX2
	}
	return Generic
}
