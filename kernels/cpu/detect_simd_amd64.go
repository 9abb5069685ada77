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

// cpuid executes CPUID with the given leaf and sub-leaf.
func cpuid(leaf, sub uint32) (eax, ebx, ecx, edx uint32)

// detectBF16 reports AVX512_BF16 (CPUID leaf 7, sub-leaf 1, EAX bit 5) on a
// CPU and OS with AVX-512; archsimd does not report it.
func detectBF16() bool {
	if !archsimd.X86.AVX512() {
		return false
	}
	if maxLeaf, _, _, _ := cpuid(0, 0); maxLeaf < 7 {
		return false
	}
	if maxSub, _, _, _ := cpuid(7, 0); maxSub < 1 {
		return false
	}
	eax, _, _, _ := cpuid(7, 1)
	return eax&(1<<5) != 0
}
