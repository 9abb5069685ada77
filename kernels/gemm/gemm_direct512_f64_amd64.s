//go:build goexperiment.simd && amd64

#include "textflag.h"

// The float32 twin of this file, gemm_direct512_f32_amd64.s, is generated
// from it (go generate; TestSinglePrecisionCurrent checks it is current).

// The AVX-512 direct kernel for float64: a 6×16 tile (two zmm registers a
// row, 128 bytes) computed from A and B as they lie in memory, as the AVX2
// direct kernels do (gemm_direct_f64_amd64.s), in half the instructions.
// Element (i, p) of A is at AX + i·R11 + p·R10 (R12 = AX + 3·R11 walks rows
// 3–5), row p of B at BX + p·R13; strides are in bytes. The twelve
// accumulators are Z8–Z19; B's row goes to Z0–Z1, A's broadcasts to Z2–Z3.

#define DSTEP512_F64 \
	VMOVUPD (BX), Z0; \
	VMOVUPD 64(BX), Z1; \
	VBROADCASTSD (AX), Z2; \
	VFMADD231PD Z0, Z2, Z8; \
	VFMADD231PD Z1, Z2, Z9; \
	VBROADCASTSD (AX)(R11*1), Z3; \
	VFMADD231PD Z0, Z3, Z10; \
	VFMADD231PD Z1, Z3, Z11; \
	VBROADCASTSD (AX)(R11*2), Z2; \
	VFMADD231PD Z0, Z2, Z12; \
	VFMADD231PD Z1, Z2, Z13; \
	VBROADCASTSD (R12), Z3; \
	VFMADD231PD Z0, Z3, Z14; \
	VFMADD231PD Z1, Z3, Z15; \
	VBROADCASTSD (R12)(R11*1), Z2; \
	VFMADD231PD Z0, Z2, Z16; \
	VFMADD231PD Z1, Z2, Z17; \
	VBROADCASTSD (R12)(R11*2), Z3; \
	VFMADD231PD Z0, Z3, Z18; \
	VFMADD231PD Z1, Z3, Z19; \
	ADDQ R10, AX; \
	ADDQ R10, R12; \
	ADDQ R13, BX

// func gemmDirectAVX512F64asm(kc int, a *float64, ars, aks int, b *float64, bks int, c *float64, ldc int)
TEXT ·gemmDirectAVX512F64asm(SB), NOSPLIT, $0-64
	MOVQ kc+0(FP), CX
	MOVQ a+8(FP), AX
	MOVQ ars+16(FP), R11
	MOVQ aks+24(FP), R10
	MOVQ b+32(FP), BX
	MOVQ bks+40(FP), R13
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R8
	SHLQ $3, R8
	LEAQ (AX)(R11*2), R12
	ADDQ R11, R12
	VPXORQ Z8, Z8, Z8
	VPXORQ Z9, Z9, Z9
	VPXORQ Z10, Z10, Z10
	VPXORQ Z11, Z11, Z11
	VPXORQ Z12, Z12, Z12
	VPXORQ Z13, Z13, Z13
	VPXORQ Z14, Z14, Z14
	VPXORQ Z15, Z15, Z15
	VPXORQ Z16, Z16, Z16
	VPXORQ Z17, Z17, Z17
	VPXORQ Z18, Z18, Z18
	VPXORQ Z19, Z19, Z19

	// Two k steps per iteration, then the odd one.
	MOVQ CX, R9
	SHRQ $1, R9
	JZ   d64tail

d64loop2:
	DSTEP512_F64
	DSTEP512_F64
	DECQ R9
	JNZ  d64loop2

d64tail:
	ANDQ $1, CX
	JZ   d64store
	DSTEP512_F64

d64store:
	VMOVUPS Z8, (DX)
	VMOVUPS Z9, 64(DX)
	ADDQ    R8, DX
	VMOVUPS Z10, (DX)
	VMOVUPS Z11, 64(DX)
	ADDQ    R8, DX
	VMOVUPS Z12, (DX)
	VMOVUPS Z13, 64(DX)
	ADDQ    R8, DX
	VMOVUPS Z14, (DX)
	VMOVUPS Z15, 64(DX)
	ADDQ    R8, DX
	VMOVUPS Z16, (DX)
	VMOVUPS Z17, 64(DX)
	ADDQ    R8, DX
	VMOVUPS Z18, (DX)
	VMOVUPS Z19, 64(DX)
	VZEROUPPER
	RET
