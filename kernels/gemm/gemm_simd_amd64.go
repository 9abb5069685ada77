//go:build goexperiment.simd && amd64

package gemm

import (
	"gonp/kernels/cpu"
	"simd/archsimd"
)

// The SIMD levels. The AVX2 kernels are in assembly (gemm_asm_amd64.go) and
// broadcast A from plain packed scalars. Their blocks follow BLIS's Haswell
// choice: a kc×nr panel of B fits L1 beside the streamed A panel, an mc×kc
// block of A fits half of L2, and a kc×nc block of B fits L3.
//
// The AVX-512 kernels use archsimd, whose vector FMA overwrites a
// multiplicand, so a broadcast element of A that feeds several FMAs costs a
// register copy; loading it already broadcast from the packed A (bcast copies
// per element) avoids the scalar load and shuffle a broadcast would otherwise
// cost. Their tiles keep every accumulator in a register with room left for
// the loads, and the k loop is unrolled twice so the loop's own bookkeeping is
// paid once per two steps.
var (
	gemmAVX2F64   = gemmKernel[float64]{mr: 6, nr: 8, bcast: 1, mc: 72, kc: 256, nc: 4080, micro: gemmMicroAVX2F64}
	gemmAVX2F32   = gemmKernel[float32]{mr: 6, nr: 16, bcast: 1, mc: 144, kc: 256, nc: 4080, micro: gemmMicroAVX2F32}
	gemmAVX512F64 = gemmKernel[float64]{mr: 6, nr: 16, bcast: 8, mc: 48, kc: 128, nc: 2048, micro: gemmMicroAVX512F64}
	gemmAVX512F32 = gemmKernel[float32]{mr: 6, nr: 32, bcast: 16, mc: 48, kc: 128, nc: 2048, micro: gemmMicroAVX512F32}
)

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

// gemmMicroAVX512F64 is the 6×16 float64 micro-kernel of gemmKernel.micro, using AVX-512.
func gemmMicroAVX512F64(kc int, a, b, c []float64, ldc int, add bool) {
	var c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51 archsimd.Float64x8
	a = a[:kc*48]
	b = b[:kc*16]
	for len(a) >= 96 && len(b) >= 32 {
		ap := (*[96]float64)(a)
		bp := (*[32]float64)(b)
		{
			b0 := archsimd.LoadFloat64x8((*[8]float64)(bp[0:8]))
			b1 := archsimd.LoadFloat64x8((*[8]float64)(bp[8:16]))
			a0 := archsimd.LoadFloat64x8((*[8]float64)(ap[0:8]))
			c00 = a0.MulAdd(b0, c00)
			c01 = a0.MulAdd(b1, c01)
			a1 := archsimd.LoadFloat64x8((*[8]float64)(ap[8:16]))
			c10 = a1.MulAdd(b0, c10)
			c11 = a1.MulAdd(b1, c11)
			a2 := archsimd.LoadFloat64x8((*[8]float64)(ap[16:24]))
			c20 = a2.MulAdd(b0, c20)
			c21 = a2.MulAdd(b1, c21)
			a3 := archsimd.LoadFloat64x8((*[8]float64)(ap[24:32]))
			c30 = a3.MulAdd(b0, c30)
			c31 = a3.MulAdd(b1, c31)
			a4 := archsimd.LoadFloat64x8((*[8]float64)(ap[32:40]))
			c40 = a4.MulAdd(b0, c40)
			c41 = a4.MulAdd(b1, c41)
			a5 := archsimd.LoadFloat64x8((*[8]float64)(ap[40:48]))
			c50 = a5.MulAdd(b0, c50)
			c51 = a5.MulAdd(b1, c51)
		}
		{
			b0 := archsimd.LoadFloat64x8((*[8]float64)(bp[16:24]))
			b1 := archsimd.LoadFloat64x8((*[8]float64)(bp[24:32]))
			a0 := archsimd.LoadFloat64x8((*[8]float64)(ap[48:56]))
			c00 = a0.MulAdd(b0, c00)
			c01 = a0.MulAdd(b1, c01)
			a1 := archsimd.LoadFloat64x8((*[8]float64)(ap[56:64]))
			c10 = a1.MulAdd(b0, c10)
			c11 = a1.MulAdd(b1, c11)
			a2 := archsimd.LoadFloat64x8((*[8]float64)(ap[64:72]))
			c20 = a2.MulAdd(b0, c20)
			c21 = a2.MulAdd(b1, c21)
			a3 := archsimd.LoadFloat64x8((*[8]float64)(ap[72:80]))
			c30 = a3.MulAdd(b0, c30)
			c31 = a3.MulAdd(b1, c31)
			a4 := archsimd.LoadFloat64x8((*[8]float64)(ap[80:88]))
			c40 = a4.MulAdd(b0, c40)
			c41 = a4.MulAdd(b1, c41)
			a5 := archsimd.LoadFloat64x8((*[8]float64)(ap[88:96]))
			c50 = a5.MulAdd(b0, c50)
			c51 = a5.MulAdd(b1, c51)
		}
		a = a[96:]
		b = b[32:]
	}
	if len(a) >= 48 && len(b) >= 16 {
		ap := (*[48]float64)(a)
		bp := (*[16]float64)(b)
		b0 := archsimd.LoadFloat64x8((*[8]float64)(bp[0:8]))
		b1 := archsimd.LoadFloat64x8((*[8]float64)(bp[8:16]))
		a0 := archsimd.LoadFloat64x8((*[8]float64)(ap[0:8]))
		c00 = a0.MulAdd(b0, c00)
		c01 = a0.MulAdd(b1, c01)
		a1 := archsimd.LoadFloat64x8((*[8]float64)(ap[8:16]))
		c10 = a1.MulAdd(b0, c10)
		c11 = a1.MulAdd(b1, c11)
		a2 := archsimd.LoadFloat64x8((*[8]float64)(ap[16:24]))
		c20 = a2.MulAdd(b0, c20)
		c21 = a2.MulAdd(b1, c21)
		a3 := archsimd.LoadFloat64x8((*[8]float64)(ap[24:32]))
		c30 = a3.MulAdd(b0, c30)
		c31 = a3.MulAdd(b1, c31)
		a4 := archsimd.LoadFloat64x8((*[8]float64)(ap[32:40]))
		c40 = a4.MulAdd(b0, c40)
		c41 = a4.MulAdd(b1, c41)
		a5 := archsimd.LoadFloat64x8((*[8]float64)(ap[40:48]))
		c50 = a5.MulAdd(b0, c50)
		c51 = a5.MulAdd(b1, c51)
	}
	r0 := c[0:]
	r1 := c[ldc:]
	r2 := c[2*ldc:]
	r3 := c[3*ldc:]
	r4 := c[4*ldc:]
	r5 := c[5*ldc:]
	if add {
		c00 = c00.Add(archsimd.LoadFloat64x8((*[8]float64)(r0[0:8])))
		c01 = c01.Add(archsimd.LoadFloat64x8((*[8]float64)(r0[8:16])))
		c10 = c10.Add(archsimd.LoadFloat64x8((*[8]float64)(r1[0:8])))
		c11 = c11.Add(archsimd.LoadFloat64x8((*[8]float64)(r1[8:16])))
		c20 = c20.Add(archsimd.LoadFloat64x8((*[8]float64)(r2[0:8])))
		c21 = c21.Add(archsimd.LoadFloat64x8((*[8]float64)(r2[8:16])))
		c30 = c30.Add(archsimd.LoadFloat64x8((*[8]float64)(r3[0:8])))
		c31 = c31.Add(archsimd.LoadFloat64x8((*[8]float64)(r3[8:16])))
		c40 = c40.Add(archsimd.LoadFloat64x8((*[8]float64)(r4[0:8])))
		c41 = c41.Add(archsimd.LoadFloat64x8((*[8]float64)(r4[8:16])))
		c50 = c50.Add(archsimd.LoadFloat64x8((*[8]float64)(r5[0:8])))
		c51 = c51.Add(archsimd.LoadFloat64x8((*[8]float64)(r5[8:16])))
	}
	c00.Store((*[8]float64)(r0[0:8]))
	c01.Store((*[8]float64)(r0[8:16]))
	c10.Store((*[8]float64)(r1[0:8]))
	c11.Store((*[8]float64)(r1[8:16]))
	c20.Store((*[8]float64)(r2[0:8]))
	c21.Store((*[8]float64)(r2[8:16]))
	c30.Store((*[8]float64)(r3[0:8]))
	c31.Store((*[8]float64)(r3[8:16]))
	c40.Store((*[8]float64)(r4[0:8]))
	c41.Store((*[8]float64)(r4[8:16]))
	c50.Store((*[8]float64)(r5[0:8]))
	c51.Store((*[8]float64)(r5[8:16]))
	archsimd.ClearAVXUpperBits() // the caller continues in scalar SSE code
}

// gemmMicroAVX512F32 is the 6×32 float32 micro-kernel of gemmKernel.micro, using AVX-512.
func gemmMicroAVX512F32(kc int, a, b, c []float32, ldc int, add bool) {
	var c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51 archsimd.Float32x16
	a = a[:kc*96]
	b = b[:kc*32]
	for len(a) >= 192 && len(b) >= 64 {
		ap := (*[192]float32)(a)
		bp := (*[64]float32)(b)
		{
			b0 := archsimd.LoadFloat32x16((*[16]float32)(bp[0:16]))
			b1 := archsimd.LoadFloat32x16((*[16]float32)(bp[16:32]))
			a0 := archsimd.LoadFloat32x16((*[16]float32)(ap[0:16]))
			c00 = a0.MulAdd(b0, c00)
			c01 = a0.MulAdd(b1, c01)
			a1 := archsimd.LoadFloat32x16((*[16]float32)(ap[16:32]))
			c10 = a1.MulAdd(b0, c10)
			c11 = a1.MulAdd(b1, c11)
			a2 := archsimd.LoadFloat32x16((*[16]float32)(ap[32:48]))
			c20 = a2.MulAdd(b0, c20)
			c21 = a2.MulAdd(b1, c21)
			a3 := archsimd.LoadFloat32x16((*[16]float32)(ap[48:64]))
			c30 = a3.MulAdd(b0, c30)
			c31 = a3.MulAdd(b1, c31)
			a4 := archsimd.LoadFloat32x16((*[16]float32)(ap[64:80]))
			c40 = a4.MulAdd(b0, c40)
			c41 = a4.MulAdd(b1, c41)
			a5 := archsimd.LoadFloat32x16((*[16]float32)(ap[80:96]))
			c50 = a5.MulAdd(b0, c50)
			c51 = a5.MulAdd(b1, c51)
		}
		{
			b0 := archsimd.LoadFloat32x16((*[16]float32)(bp[32:48]))
			b1 := archsimd.LoadFloat32x16((*[16]float32)(bp[48:64]))
			a0 := archsimd.LoadFloat32x16((*[16]float32)(ap[96:112]))
			c00 = a0.MulAdd(b0, c00)
			c01 = a0.MulAdd(b1, c01)
			a1 := archsimd.LoadFloat32x16((*[16]float32)(ap[112:128]))
			c10 = a1.MulAdd(b0, c10)
			c11 = a1.MulAdd(b1, c11)
			a2 := archsimd.LoadFloat32x16((*[16]float32)(ap[128:144]))
			c20 = a2.MulAdd(b0, c20)
			c21 = a2.MulAdd(b1, c21)
			a3 := archsimd.LoadFloat32x16((*[16]float32)(ap[144:160]))
			c30 = a3.MulAdd(b0, c30)
			c31 = a3.MulAdd(b1, c31)
			a4 := archsimd.LoadFloat32x16((*[16]float32)(ap[160:176]))
			c40 = a4.MulAdd(b0, c40)
			c41 = a4.MulAdd(b1, c41)
			a5 := archsimd.LoadFloat32x16((*[16]float32)(ap[176:192]))
			c50 = a5.MulAdd(b0, c50)
			c51 = a5.MulAdd(b1, c51)
		}
		a = a[192:]
		b = b[64:]
	}
	if len(a) >= 96 && len(b) >= 32 {
		ap := (*[96]float32)(a)
		bp := (*[32]float32)(b)
		b0 := archsimd.LoadFloat32x16((*[16]float32)(bp[0:16]))
		b1 := archsimd.LoadFloat32x16((*[16]float32)(bp[16:32]))
		a0 := archsimd.LoadFloat32x16((*[16]float32)(ap[0:16]))
		c00 = a0.MulAdd(b0, c00)
		c01 = a0.MulAdd(b1, c01)
		a1 := archsimd.LoadFloat32x16((*[16]float32)(ap[16:32]))
		c10 = a1.MulAdd(b0, c10)
		c11 = a1.MulAdd(b1, c11)
		a2 := archsimd.LoadFloat32x16((*[16]float32)(ap[32:48]))
		c20 = a2.MulAdd(b0, c20)
		c21 = a2.MulAdd(b1, c21)
		a3 := archsimd.LoadFloat32x16((*[16]float32)(ap[48:64]))
		c30 = a3.MulAdd(b0, c30)
		c31 = a3.MulAdd(b1, c31)
		a4 := archsimd.LoadFloat32x16((*[16]float32)(ap[64:80]))
		c40 = a4.MulAdd(b0, c40)
		c41 = a4.MulAdd(b1, c41)
		a5 := archsimd.LoadFloat32x16((*[16]float32)(ap[80:96]))
		c50 = a5.MulAdd(b0, c50)
		c51 = a5.MulAdd(b1, c51)
	}
	r0 := c[0:]
	r1 := c[ldc:]
	r2 := c[2*ldc:]
	r3 := c[3*ldc:]
	r4 := c[4*ldc:]
	r5 := c[5*ldc:]
	if add {
		c00 = c00.Add(archsimd.LoadFloat32x16((*[16]float32)(r0[0:16])))
		c01 = c01.Add(archsimd.LoadFloat32x16((*[16]float32)(r0[16:32])))
		c10 = c10.Add(archsimd.LoadFloat32x16((*[16]float32)(r1[0:16])))
		c11 = c11.Add(archsimd.LoadFloat32x16((*[16]float32)(r1[16:32])))
		c20 = c20.Add(archsimd.LoadFloat32x16((*[16]float32)(r2[0:16])))
		c21 = c21.Add(archsimd.LoadFloat32x16((*[16]float32)(r2[16:32])))
		c30 = c30.Add(archsimd.LoadFloat32x16((*[16]float32)(r3[0:16])))
		c31 = c31.Add(archsimd.LoadFloat32x16((*[16]float32)(r3[16:32])))
		c40 = c40.Add(archsimd.LoadFloat32x16((*[16]float32)(r4[0:16])))
		c41 = c41.Add(archsimd.LoadFloat32x16((*[16]float32)(r4[16:32])))
		c50 = c50.Add(archsimd.LoadFloat32x16((*[16]float32)(r5[0:16])))
		c51 = c51.Add(archsimd.LoadFloat32x16((*[16]float32)(r5[16:32])))
	}
	c00.Store((*[16]float32)(r0[0:16]))
	c01.Store((*[16]float32)(r0[16:32]))
	c10.Store((*[16]float32)(r1[0:16]))
	c11.Store((*[16]float32)(r1[16:32]))
	c20.Store((*[16]float32)(r2[0:16]))
	c21.Store((*[16]float32)(r2[16:32]))
	c30.Store((*[16]float32)(r3[0:16]))
	c31.Store((*[16]float32)(r3[16:32]))
	c40.Store((*[16]float32)(r4[0:16]))
	c41.Store((*[16]float32)(r4[16:32]))
	c50.Store((*[16]float32)(r5[0:16]))
	c51.Store((*[16]float32)(r5[16:32]))
	archsimd.ClearAVXUpperBits() // the caller continues in scalar SSE code
}
