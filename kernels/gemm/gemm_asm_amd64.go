//go:build goexperiment.simd && amd64

package gemm

import "unsafe"

// The AVX2 micro-kernels are in assembly (gemm_amd64.s): Go's vector FMA
// overwrites a multiplicand and its register allocator spills beyond eight
// accumulators, which held a 4×8 tile to about a third of the FMA units'
// throughput. In assembly a 6-row tile fills twelve of the sixteen ymm
// registers, A is packed as plain scalars and broadcast straight from memory,
// and each FMA accumulates in place.

// gemmMicroAVX2F64 is the 6×8 float64 micro-kernel of gemmKernel.micro, using AVX2 and FMA.
// It needs kc >= 1, which gemmBlocked guarantees.
func gemmMicroAVX2F64(kc int, a, b, c []float64, ldc int, add bool) {
	// The assembly reads and writes without bounds checks; one check of each
	// far end per tile keeps a packing mistake from touching foreign memory.
	_ = a[kc*6-1]
	_ = b[kc*8-1]
	_ = c[5*ldc+7]
	gemmKernelAVX2F64asm(kc, &a[0], &b[0], &c[0], ldc, add)
}

// gemmMicroAVX2F32 is the 6×16 float32 micro-kernel of gemmKernel.micro, using AVX2 and FMA.
// It needs kc >= 1, which gemmBlocked guarantees.
func gemmMicroAVX2F32(kc int, a, b, c []float32, ldc int, add bool) {
	_ = a[kc*6-1]
	_ = b[kc*16-1]
	_ = c[5*ldc+15]
	gemmKernelAVX2F32asm(kc, &a[0], &b[0], &c[0], ldc, add)
}

// gemmKernelAVX2F64asm computes, for i < 6 and j < 8, with a, b and c read as
// arrays from the given elements on,
//
//	t := 0
//	for p := range kc { t += a[p*6+i] * b[p*8+j] }
//	if add { c[i*ldc+j] += t } else { c[i*ldc+j] = t }
//
// summing each t with fused multiply-adds.
//
//go:noescape
func gemmKernelAVX2F64asm(kc int, a, b, c *float64, ldc int, add bool)

// gemmKernelAVX2F32asm computes, for i < 6 and j < 16, with a, b and c read as
// arrays from the given elements on,
//
//	t := 0
//	for p := range kc { t += a[p*6+i] * b[p*16+j] }
//	if add { c[i*ldc+j] += t } else { c[i*ldc+j] = t }
//
// summing each t with fused multiply-adds.
//
//go:noescape
func gemmKernelAVX2F32asm(kc int, a, b, c *float32, ldc int, add bool)

// gemmDirectAVX2F64 is the 6×8 float64 direct kernel of gemmKernel.direct:
// it reads A and B where they lie, A with any strides and B by rows.
// It needs kc >= 1.
func gemmDirectAVX2F64(kc int, a []float64, rsa, csa int, b []float64, rsb int, c []float64, ldc int) {
	// One check of each far end per tile, as in gemmMicroAVX2F64.
	_ = a[5*rsa+(kc-1)*csa]
	_ = b[(kc-1)*rsb+7]
	_ = c[5*ldc+7]
	gemmDirectAVX2F64asm(kc, &a[0], 8*rsa, 8*csa, &b[0], 8*rsb, &c[0], ldc)
}

// gemmDirectAVX2F32 is the 6×16 float32 direct kernel of gemmKernel.direct.
func gemmDirectAVX2F32(kc int, a []float32, rsa, csa int, b []float32, rsb int, c []float32, ldc int) {
	_ = a[5*rsa+(kc-1)*csa]
	_ = b[(kc-1)*rsb+15]
	_ = c[5*ldc+15]
	gemmDirectAVX2F32asm(kc, &a[0], 4*rsa, 4*csa, &b[0], 4*rsb, &c[0], ldc)
}

// gemmDirectAVX2F64asm computes, for i < 6 and j < 8, with a, b and c read
// as arrays from the given elements on and strides in bytes,
//
//	t := 0
//	for p := range kc { t += a[(i*ars+p*aks)/8] * b[(p*bks)/8+j] }
//	c[i*ldc+j] = t
//
// summing each t with fused multiply-adds.
//
//go:noescape
func gemmDirectAVX2F64asm(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int)

// gemmDirectAVX2F32asm is gemmDirectAVX2F64asm for a 6×16 float32 tile
// (element strides of 4 bytes).
//
//go:noescape
func gemmDirectAVX2F32asm(kc int, a *float32, ars, aks int, b *float32, bks int, c *float32, ldc int)

// gemmMicroAVX512F64 is the 6×32 float64 micro-kernel of gemmKernel.micro,
// using AVX-512F. It needs kc >= 1, which gemmBlocked guarantees.
func gemmMicroAVX512F64(kc int, a, b, c []float64, ldc int, add bool) {
	// One check of each far end per tile, as in gemmMicroAVX2F64.
	_ = a[kc*6-1]
	_ = b[kc*32-1]
	_ = c[5*ldc+31]
	gemmKernelAVX512F64asm(kc, &a[0], &b[0], &c[0], ldc, add)
}

// gemmMicroAVX512F32 is the 6×64 float32 micro-kernel of gemmKernel.micro,
// using AVX-512F. It needs kc >= 1.
func gemmMicroAVX512F32(kc int, a, b, c []float32, ldc int, add bool) {
	_ = a[kc*6-1]
	_ = b[kc*64-1]
	_ = c[5*ldc+63]
	gemmKernelAVX512F32asm(kc, &a[0], &b[0], &c[0], ldc, add)
}

// gemmKernelAVX512F64asm computes, for i < 6 and j < 32, with a, b and c
// read as arrays from the given elements on,
//
//	t := 0
//	for p := range kc { t += a[p*6+i] * b[p*32+j] }
//	if add { c[i*ldc+j] += t } else { c[i*ldc+j] = t }
//
// summing each t with fused multiply-adds.
//
//go:noescape
func gemmKernelAVX512F64asm(kc int, a, b, c *float64, ldc int, add bool)

// gemmKernelAVX512F32asm is gemmKernelAVX512F64asm for a 6×64 float32 tile:
// t sums a[p*6+i] * b[p*64+j] for i < 6 and j < 64.
//
//go:noescape
func gemmKernelAVX512F32asm(kc int, a, b, c *float32, ldc int, add bool)

// prefetchRows issues a prefetch into L2 for every cache line of rows runs
// of rowBytes bytes, stride bytes apart, from p on.
func prefetchRows(p unsafe.Pointer, rowBytes, rows, stride int) {
	prefetchRowsAsm((*byte)(p), rowBytes, rows, stride)
}

//go:noescape
func prefetchRowsAsm(p *byte, rowBytes, rows, stride int)

// gemmDirectAVX512F64 is the 6×16 float64 direct kernel of
// gemmKernel.direct, using AVX-512F. It needs kc >= 1.
func gemmDirectAVX512F64(kc int, a []float64, rsa, csa int, b []float64, rsb int, c []float64, ldc int) {
	// One check of each far end per tile, as in gemmMicroAVX2F64.
	_ = a[5*rsa+(kc-1)*csa]
	_ = b[(kc-1)*rsb+15]
	_ = c[5*ldc+15]
	gemmDirectAVX512F64asm(kc, &a[0], 8*rsa, 8*csa, &b[0], 8*rsb, &c[0], ldc)
}

// gemmDirectAVX512F32 is the 6×32 float32 direct kernel of
// gemmKernel.direct, using AVX-512F. It needs kc >= 1.
func gemmDirectAVX512F32(kc int, a []float32, rsa, csa int, b []float32, rsb int, c []float32, ldc int) {
	_ = a[5*rsa+(kc-1)*csa]
	_ = b[(kc-1)*rsb+31]
	_ = c[5*ldc+31]
	gemmDirectAVX512F32asm(kc, &a[0], 4*rsa, 4*csa, &b[0], 4*rsb, &c[0], ldc)
}

// gemmDirectAVX512F64asm is gemmDirectAVX2F64asm for a 6×16 float64 tile.
//
//go:noescape
func gemmDirectAVX512F64asm(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int)

// gemmDirectAVX512F32asm is gemmDirectAVX2F64asm for a 6×32 float32 tile
// (element strides of 4 bytes).
//
//go:noescape
func gemmDirectAVX512F32asm(kc int, a *float32, ars, aks int, b *float32, bks int, c *float32, ldc int)
