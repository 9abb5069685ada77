//go:build goexperiment.simd && amd64

package gemm

import (
	"gonp/kernels/cpu"
)

// The SIMD levels. The AVX2 kernels are in assembly (gemm_asm_amd64.go) and
// broadcast A from plain packed scalars. Their blocks follow BLIS's Haswell
// choice: a kc×nr panel of B fits L1 beside the streamed A panel, an mc×kc
// block of A fits half of L2, and a kc×nc block of B fits L3.
//
// There is no AVX-512 level: on Zen 4, which executes 512-bit FMAs as two
// 256-bit halves, archsimd AVX-512 tiles (6×16 f64, 6×32 f32) reached an
// eighth of the AVX2 assembly's speed, so at level AVX512 Gemm runs AVX2.
var (
	gemmAVX2F64 = gemmKernel[float64]{mr: 6, nr: 8, mc: 72, kc: 256, nc: 4080, micro: gemmMicroAVX2F64, direct: gemmDirectAVX2F64}
	gemmAVX2F32 = gemmKernel[float32]{mr: 6, nr: 16, mc: 144, kc: 256, nc: 4080, micro: gemmMicroAVX2F32, direct: gemmDirectAVX2F32}
)

// gemmSIMDLevels lists the SIMD levels this CPU supports, best first.
func gemmSIMDLevels() []gemmLevel {
	var levels []gemmLevel
	if cpu.Hardware() >= cpu.AVX2 {
		levels = append(levels, gemmLevel{name: "avx2", level: cpu.AVX2, k64: &gemmAVX2F64, k32: &gemmAVX2F32})
	}
	return levels
}
