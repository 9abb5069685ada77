//go:build goexperiment.simd && amd64

#include "textflag.h"

// Code generated from gemm_direct_f64_amd64.s by singlePrecision; DO NOT EDIT.
// (single_precision_test.go; go generate ./kernels/gemm/ rewrites it.)

// The direct kernels compute the same 6-row tiles from A and B as they lie
// in memory, for products too small to repay packing. Element (i, p) of A is
// at AX + i·R11 + p·R10 (R12 = AX + 3·R11 walks rows 3–5), row p of B at
// BX + p·R13; strides are in bytes. Rows of B must hold a whole tile width.

#define DSTEP_F32 \
	VMOVUPS      (BX), Y0; \
	VMOVUPS      32(BX), Y1; \
	VBROADCASTSS (AX), Y2; \
	VFMADD231PS  Y0, Y2, Y4; \
	VFMADD231PS  Y1, Y2, Y5; \
	VBROADCASTSS (AX)(R11*1), Y3; \
	VFMADD231PS  Y0, Y3, Y6; \
	VFMADD231PS  Y1, Y3, Y7; \
	VBROADCASTSS (AX)(R11*2), Y2; \
	VFMADD231PS  Y0, Y2, Y8; \
	VFMADD231PS  Y1, Y2, Y9; \
	VBROADCASTSS (R12), Y3; \
	VFMADD231PS  Y0, Y3, Y10; \
	VFMADD231PS  Y1, Y3, Y11; \
	VBROADCASTSS (R12)(R11*1), Y2; \
	VFMADD231PS  Y0, Y2, Y12; \
	VFMADD231PS  Y1, Y2, Y13; \
	VBROADCASTSS (R12)(R11*2), Y3; \
	VFMADD231PS  Y0, Y3, Y14; \
	VFMADD231PS  Y1, Y3, Y15; \
	ADDQ         R10, AX; \
	ADDQ         R10, R12; \
	ADDQ         R13, BX

// Stores one row of the tile from accumulators lo and hi, then moves DX to
// the next row (R8 bytes on).
#define OVERWRITE_ROW(lo, hi) \
	VMOVUPS lo, (DX); \
	VMOVUPS hi, 32(DX); \
	ADDQ    R8, DX

#define DPROLOGUE \
	MOVQ   kc+0(FP), CX; \
	MOVQ   a+8(FP), AX; \
	MOVQ   ars+16(FP), R11; \
	MOVQ   aks+24(FP), R10; \
	MOVQ   b+32(FP), BX; \
	MOVQ   bks+40(FP), R13; \
	MOVQ   c+48(FP), DX; \
	MOVQ   ldc+56(FP), R8; \
	LEAQ   (AX)(R11*2), R12; \
	ADDQ   R11, R12; \
	VXORPS Y4, Y4, Y4; \
	VXORPS Y5, Y5, Y5; \
	VXORPS Y6, Y6, Y6; \
	VXORPS Y7, Y7, Y7; \
	VXORPS Y8, Y8, Y8; \
	VXORPS Y9, Y9, Y9; \
	VXORPS Y10, Y10, Y10; \
	VXORPS Y11, Y11, Y11; \
	VXORPS Y12, Y12, Y12; \
	VXORPS Y13, Y13, Y13; \
	VXORPS Y14, Y14, Y14; \
	VXORPS Y15, Y15, Y15

// func gemmDirectAVX2F32asm(kc int, a *float32, ars, aks int, b *float32, bks int, c *float32, ldc int)
TEXT ·gemmDirectAVX2F32asm(SB), NOSPLIT, $0-64
	DPROLOGUE
	SHLQ $2, R8

d32loop:
	DSTEP_F32
	DECQ CX
	JNZ  d32loop

	OVERWRITE_ROW(Y4, Y5)
	OVERWRITE_ROW(Y6, Y7)
	OVERWRITE_ROW(Y8, Y9)
	OVERWRITE_ROW(Y10, Y11)
	OVERWRITE_ROW(Y12, Y13)
	OVERWRITE_ROW(Y14, Y15)
	VZEROUPPER
	RET
