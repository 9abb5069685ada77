//go:build goexperiment.simd && amd64

#include "textflag.h"

// The AVX2 GEMM micro-kernels. Each keeps a 6-row tile of C in twelve ymm
// accumulators (Y4–Y15); per k step it loads one row of the packed B panel
// into Y0–Y1 and broadcasts the six elements of A, alternating Y2 and Y3 so
// consecutive broadcasts do not wait on each other. VFMADD231 adds into the
// accumulator in place, so no register is copied and none spills: 12 FMAs
// against 8 loads per step keep both FMA pipes of the core busy.
//
// Registers: AX packed A, BX packed B, CX k steps left, DX row of C,
// R8 row stride of C in bytes, R9 scratch.

// One k step of the 6×8 float64 tile; A advances 48 bytes, B 64 per step.
#define STEP_F64(aoff, boff) \
	VMOVUPD      (boff)(BX), Y0; \
	VMOVUPD      (boff+32)(BX), Y1; \
	VBROADCASTSD (aoff)(AX), Y2; \
	VFMADD231PD  Y0, Y2, Y4; \
	VFMADD231PD  Y1, Y2, Y5; \
	VBROADCASTSD (aoff+8)(AX), Y3; \
	VFMADD231PD  Y0, Y3, Y6; \
	VFMADD231PD  Y1, Y3, Y7; \
	VBROADCASTSD (aoff+16)(AX), Y2; \
	VFMADD231PD  Y0, Y2, Y8; \
	VFMADD231PD  Y1, Y2, Y9; \
	VBROADCASTSD (aoff+24)(AX), Y3; \
	VFMADD231PD  Y0, Y3, Y10; \
	VFMADD231PD  Y1, Y3, Y11; \
	VBROADCASTSD (aoff+32)(AX), Y2; \
	VFMADD231PD  Y0, Y2, Y12; \
	VFMADD231PD  Y1, Y2, Y13; \
	VBROADCASTSD (aoff+40)(AX), Y3; \
	VFMADD231PD  Y0, Y3, Y14; \
	VFMADD231PD  Y1, Y3, Y15

// One k step of the 6×16 float32 tile; A advances 24 bytes, B 64 per step.
#define STEP_F32(aoff, boff) \
	VMOVUPS      (boff)(BX), Y0; \
	VMOVUPS      (boff+32)(BX), Y1; \
	VBROADCASTSS (aoff)(AX), Y2; \
	VFMADD231PS  Y0, Y2, Y4; \
	VFMADD231PS  Y1, Y2, Y5; \
	VBROADCASTSS (aoff+4)(AX), Y3; \
	VFMADD231PS  Y0, Y3, Y6; \
	VFMADD231PS  Y1, Y3, Y7; \
	VBROADCASTSS (aoff+8)(AX), Y2; \
	VFMADD231PS  Y0, Y2, Y8; \
	VFMADD231PS  Y1, Y2, Y9; \
	VBROADCASTSS (aoff+12)(AX), Y3; \
	VFMADD231PS  Y0, Y3, Y10; \
	VFMADD231PS  Y1, Y3, Y11; \
	VBROADCASTSS (aoff+16)(AX), Y2; \
	VFMADD231PS  Y0, Y2, Y12; \
	VFMADD231PS  Y1, Y2, Y13; \
	VBROADCASTSS (aoff+20)(AX), Y3; \
	VFMADD231PS  Y0, Y3, Y14; \
	VFMADD231PS  Y1, Y3, Y15

// Loads the arguments, zeroes the accumulators and asks for the six rows of
// C, which are needed only at the end, so their misses overlap the k loop.
// A tile row is 64 bytes, two cache lines when C is not aligned.
#define PROLOGUE \
	MOVQ kc+0(FP), CX; \
	MOVQ a+8(FP), AX; \
	MOVQ b+16(FP), BX; \
	MOVQ c+24(FP), DX; \
	MOVQ ldc+32(FP), R8; \
	MOVQ DX, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 (R9); \
	PREFETCHT0 63(R9); \
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

// Stores one row of the tile from accumulators lo and hi, adding C first
// when ADD, then moves DX to the next row.
#define STORE_ROW(VADD, lo, hi) \
	VADD    (DX), lo, lo; \
	VADD    32(DX), hi, hi; \
	VMOVUPS lo, (DX); \
	VMOVUPS hi, 32(DX); \
	ADDQ    R8, DX

#define OVERWRITE_ROW(lo, hi) \
	VMOVUPS lo, (DX); \
	VMOVUPS hi, 32(DX); \
	ADDQ    R8, DX

// func gemmKernelAVX2F64asm(kc int, a, b, c *float64, ldc int, add bool)
TEXT ·gemmKernelAVX2F64asm(SB), NOSPLIT, $0-41
	PROLOGUE
	SHLQ $3, R8

	// Four k steps per iteration pay the loop's bookkeeping once per 48 FMAs.
	MOVQ CX, R9
	SHRQ $2, R9
	JZ   f64tail

f64loop4:
	// Packed A streams in from L2 while B's panel stays in L1; asking for A
	// a few steps ahead hides what the hardware prefetcher misses.
	PREFETCHT0 384(AX)
	STEP_F64(0, 0)
	STEP_F64(48, 64)
	PREFETCHT0 448(AX)
	STEP_F64(96, 128)
	STEP_F64(144, 192)
	ADDQ $192, AX
	ADDQ $256, BX
	DECQ R9
	JNZ  f64loop4

f64tail:
	ANDQ $3, CX
	JZ   f64store

f64loop1:
	STEP_F64(0, 0)
	ADDQ $48, AX
	ADDQ $64, BX
	DECQ CX
	JNZ  f64loop1

f64store:
	CMPB add+40(FP), $0
	JEQ  f64overwrite
	STORE_ROW(VADDPD, Y4, Y5)
	STORE_ROW(VADDPD, Y6, Y7)
	STORE_ROW(VADDPD, Y8, Y9)
	STORE_ROW(VADDPD, Y10, Y11)
	STORE_ROW(VADDPD, Y12, Y13)
	STORE_ROW(VADDPD, Y14, Y15)
	VZEROUPPER
	RET

f64overwrite:
	OVERWRITE_ROW(Y4, Y5)
	OVERWRITE_ROW(Y6, Y7)
	OVERWRITE_ROW(Y8, Y9)
	OVERWRITE_ROW(Y10, Y11)
	OVERWRITE_ROW(Y12, Y13)
	OVERWRITE_ROW(Y14, Y15)
	VZEROUPPER
	RET

// func gemmKernelAVX2F32asm(kc int, a, b, c *float32, ldc int, add bool)
TEXT ·gemmKernelAVX2F32asm(SB), NOSPLIT, $0-41
	PROLOGUE
	SHLQ $2, R8

	MOVQ CX, R9
	SHRQ $2, R9
	JZ   f32tail

f32loop4:
	PREFETCHT0 192(AX)
	STEP_F32(0, 0)
	STEP_F32(24, 64)
	STEP_F32(48, 128)
	STEP_F32(72, 192)
	ADDQ $96, AX
	ADDQ $256, BX
	DECQ R9
	JNZ  f32loop4

f32tail:
	ANDQ $3, CX
	JZ   f32store

f32loop1:
	STEP_F32(0, 0)
	ADDQ $24, AX
	ADDQ $64, BX
	DECQ CX
	JNZ  f32loop1

f32store:
	CMPB add+40(FP), $0
	JEQ  f32overwrite
	STORE_ROW(VADDPS, Y4, Y5)
	STORE_ROW(VADDPS, Y6, Y7)
	STORE_ROW(VADDPS, Y8, Y9)
	STORE_ROW(VADDPS, Y10, Y11)
	STORE_ROW(VADDPS, Y12, Y13)
	STORE_ROW(VADDPS, Y14, Y15)
	VZEROUPPER
	RET

f32overwrite:
	OVERWRITE_ROW(Y4, Y5)
	OVERWRITE_ROW(Y6, Y7)
	OVERWRITE_ROW(Y8, Y9)
	OVERWRITE_ROW(Y10, Y11)
	OVERWRITE_ROW(Y12, Y13)
	OVERWRITE_ROW(Y14, Y15)
	VZEROUPPER
	RET
