//go:build goexperiment.simd && amd64

package gemm

import (
	"gonp/kernels/cpu"
)

// The SIMD levels. The AVX2 kernels are in assembly (gemm_asm_amd64.go) and
// broadcast A from plain packed scalars. Their blocks follow BLIS's Haswell
// choice: a kc×nr panel of B fits L1 beside the streamed A panel, an mc×kc
// block of A fits half of L2, and a kc×nc block of B fits L3. The mc and nc
// below are for a 256 KiB L2; init sets both from the caches that the
// system reports (fitCaches), as L2 ranges from 256 KiB to 2 MiB a core.
//
// The AVX-512 kernels (gemm_avx512_amd64.s) are four zmm registers wide, so
// a tile row is 256 bytes in either precision and a kc×nr panel of B is
// kc/4 KiB, from L2 rather than L1; the 24 accumulators halve the loads per
// FMA, which more than pays for that. Products small enough for the direct
// kernels take narrower ones (gemm_direct512_*_amd64.s).
var (
	gemmAVX2F64 = gemmKernel[float64]{mr: 6, nr: 8, mc: 72, kc: 256, nc: 4080, micro: gemmMicroAVX2F64, direct: gemmDirectAVX2F64}
	gemmAVX2F32 = gemmKernel[float32]{mr: 6, nr: 16, mc: 144, kc: 256, nc: 4080, micro: gemmMicroAVX2F32, direct: gemmDirectAVX2F32}

	gemmAVX512F64 = gemmKernel[float64]{mr: 6, nr: 32, mc: 120, kc: 256, nc: 4096, micro: gemmMicroAVX512F64, small: &gemmAVX512DirectF64}
	gemmAVX512F32 = gemmKernel[float32]{mr: 6, nr: 64, mc: 240, kc: 256, nc: 4096, micro: gemmMicroAVX512F32, small: &gemmAVX512DirectF32}

	// The AVX-512 direct kernels are two zmm registers wide (6×16 f64,
	// 6×32 f32); the columns left over from their tiles go to AVX2's.
	gemmAVX512DirectF64 = gemmKernel[float64]{mr: 6, nr: 16, mc: 72, kc: 256, nc: 4080, direct: gemmDirectAVX512F64, small: &gemmAVX2F64}
	gemmAVX512DirectF32 = gemmKernel[float32]{mr: 6, nr: 32, mc: 144, kc: 256, nc: 4080, direct: gemmDirectAVX512F32, small: &gemmAVX2F32}
)

func init() {
	l2, l3 := cacheSizes("/sys/devices/system/cpu/cpu0/cache")
	fitCaches(&gemmAVX2F64, l2, l3)
	fitCaches(&gemmAVX2F32, l2, l3)
	fitCaches(&gemmAVX512F64, l2, l3)
	fitCaches(&gemmAVX512F32, l2, l3)
}

// gemmSIMDLevels lists the SIMD levels this CPU supports, best first.
func gemmSIMDLevels() []gemmLevel {
	var levels []gemmLevel
	if cpu.Hardware() >= cpu.AVX512 {
		levels = append(levels, gemmLevel{name: "avx512", level: cpu.AVX512, k64: &gemmAVX512F64, k32: &gemmAVX512F32})
	}
	if cpu.Hardware() >= cpu.AVX2 {
		levels = append(levels, gemmLevel{name: "avx2", level: cpu.AVX2, k64: &gemmAVX2F64, k32: &gemmAVX2F32})
	}
	return levels
}
