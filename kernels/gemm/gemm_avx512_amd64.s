//go:build goexperiment.simd && amd64

#include "textflag.h"

// The AVX-512 GEMM micro-kernels. Each keeps a 6-row tile of C, four zmm
// registers wide (6×32 float64 or 6×64 float32), in the 24 accumulators
// Z8–Z31; per k step it loads one 256-byte row of the packed B panel into
// Z0–Z3 and broadcasts the six elements of A, alternating Z4 and Z5. Per
// step that is 24 FMAs against 10 loads, half the instructions of the AVX2
// kernel for the same work, which on Zen 4 (512-bit FMAs issued as two
// 256-bit halves) is what keeps the FMA pipes fed.
//
// Registers: AX packed A, BX packed B, CX k steps left, DX row of C,
// R8 row stride of C in bytes, R9 scratch.

// One k step of the 6×32 float64 tile; A advances 48 bytes, B 256 per step.
#define STEP512_F64(aoff, boff) \
	VMOVUPD (boff)(BX), Z0; \
	VMOVUPD (boff+64)(BX), Z1; \
	VMOVUPD (boff+128)(BX), Z2; \
	VMOVUPD (boff+192)(BX), Z3; \
	VBROADCASTSD (aoff)(AX), Z4; \
	VFMADD231PD Z0, Z4, Z8; \
	VFMADD231PD Z1, Z4, Z9; \
	VFMADD231PD Z2, Z4, Z10; \
	VFMADD231PD Z3, Z4, Z11; \
	VBROADCASTSD (aoff+8)(AX), Z5; \
	VFMADD231PD Z0, Z5, Z12; \
	VFMADD231PD Z1, Z5, Z13; \
	VFMADD231PD Z2, Z5, Z14; \
	VFMADD231PD Z3, Z5, Z15; \
	VBROADCASTSD (aoff+16)(AX), Z4; \
	VFMADD231PD Z0, Z4, Z16; \
	VFMADD231PD Z1, Z4, Z17; \
	VFMADD231PD Z2, Z4, Z18; \
	VFMADD231PD Z3, Z4, Z19; \
	VBROADCASTSD (aoff+24)(AX), Z5; \
	VFMADD231PD Z0, Z5, Z20; \
	VFMADD231PD Z1, Z5, Z21; \
	VFMADD231PD Z2, Z5, Z22; \
	VFMADD231PD Z3, Z5, Z23; \
	VBROADCASTSD (aoff+32)(AX), Z4; \
	VFMADD231PD Z0, Z4, Z24; \
	VFMADD231PD Z1, Z4, Z25; \
	VFMADD231PD Z2, Z4, Z26; \
	VFMADD231PD Z3, Z4, Z27; \
	VBROADCASTSD (aoff+40)(AX), Z5; \
	VFMADD231PD Z0, Z5, Z28; \
	VFMADD231PD Z1, Z5, Z29; \
	VFMADD231PD Z2, Z5, Z30; \
	VFMADD231PD Z3, Z5, Z31

// One k step of the 6×64 float32 tile; A advances 24 bytes, B 256 per step.
#define STEP512_F32(aoff, boff) \
	VMOVUPS (boff)(BX), Z0; \
	VMOVUPS (boff+64)(BX), Z1; \
	VMOVUPS (boff+128)(BX), Z2; \
	VMOVUPS (boff+192)(BX), Z3; \
	VBROADCASTSS (aoff)(AX), Z4; \
	VFMADD231PS Z0, Z4, Z8; \
	VFMADD231PS Z1, Z4, Z9; \
	VFMADD231PS Z2, Z4, Z10; \
	VFMADD231PS Z3, Z4, Z11; \
	VBROADCASTSS (aoff+4)(AX), Z5; \
	VFMADD231PS Z0, Z5, Z12; \
	VFMADD231PS Z1, Z5, Z13; \
	VFMADD231PS Z2, Z5, Z14; \
	VFMADD231PS Z3, Z5, Z15; \
	VBROADCASTSS (aoff+8)(AX), Z4; \
	VFMADD231PS Z0, Z4, Z16; \
	VFMADD231PS Z1, Z4, Z17; \
	VFMADD231PS Z2, Z4, Z18; \
	VFMADD231PS Z3, Z4, Z19; \
	VBROADCASTSS (aoff+12)(AX), Z5; \
	VFMADD231PS Z0, Z5, Z20; \
	VFMADD231PS Z1, Z5, Z21; \
	VFMADD231PS Z2, Z5, Z22; \
	VFMADD231PS Z3, Z5, Z23; \
	VBROADCASTSS (aoff+16)(AX), Z4; \
	VFMADD231PS Z0, Z4, Z24; \
	VFMADD231PS Z1, Z4, Z25; \
	VFMADD231PS Z2, Z4, Z26; \
	VFMADD231PS Z3, Z4, Z27; \
	VBROADCASTSS (aoff+20)(AX), Z5; \
	VFMADD231PS Z0, Z5, Z28; \
	VFMADD231PS Z1, Z5, Z29; \
	VFMADD231PS Z2, Z5, Z30; \
	VFMADD231PS Z3, Z5, Z31

// Loads the arguments, zeroes the accumulators and asks for the six rows of
// C (four cache lines each), which are needed only at the end.
#define PROLOGUE512 \
	MOVQ kc+0(FP), CX; \
	MOVQ a+8(FP), AX; \
	MOVQ b+16(FP), BX; \
	MOVQ c+24(FP), DX; \
	MOVQ ldc+32(FP), R8; \
	MOVQ DX, R9; \
	PREFETCHT0 0(R9); \
	PREFETCHT0 64(R9); \
	PREFETCHT0 128(R9); \
	PREFETCHT0 192(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 0(R9); \
	PREFETCHT0 64(R9); \
	PREFETCHT0 128(R9); \
	PREFETCHT0 192(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 0(R9); \
	PREFETCHT0 64(R9); \
	PREFETCHT0 128(R9); \
	PREFETCHT0 192(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 0(R9); \
	PREFETCHT0 64(R9); \
	PREFETCHT0 128(R9); \
	PREFETCHT0 192(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 0(R9); \
	PREFETCHT0 64(R9); \
	PREFETCHT0 128(R9); \
	PREFETCHT0 192(R9); \
	ADDQ R8, R9; \
	PREFETCHT0 0(R9); \
	PREFETCHT0 64(R9); \
	PREFETCHT0 128(R9); \
	PREFETCHT0 192(R9); \
	VPXORQ Z8, Z8, Z8; \
	VPXORQ Z9, Z9, Z9; \
	VPXORQ Z10, Z10, Z10; \
	VPXORQ Z11, Z11, Z11; \
	VPXORQ Z12, Z12, Z12; \
	VPXORQ Z13, Z13, Z13; \
	VPXORQ Z14, Z14, Z14; \
	VPXORQ Z15, Z15, Z15; \
	VPXORQ Z16, Z16, Z16; \
	VPXORQ Z17, Z17, Z17; \
	VPXORQ Z18, Z18, Z18; \
	VPXORQ Z19, Z19, Z19; \
	VPXORQ Z20, Z20, Z20; \
	VPXORQ Z21, Z21, Z21; \
	VPXORQ Z22, Z22, Z22; \
	VPXORQ Z23, Z23, Z23; \
	VPXORQ Z24, Z24, Z24; \
	VPXORQ Z25, Z25, Z25; \
	VPXORQ Z26, Z26, Z26; \
	VPXORQ Z27, Z27, Z27; \
	VPXORQ Z28, Z28, Z28; \
	VPXORQ Z29, Z29, Z29; \
	VPXORQ Z30, Z30, Z30; \
	VPXORQ Z31, Z31, Z31

// Stores one row of the tile from four accumulators, adding C first, then
// moves DX to the next row.
#define ADD_ROW512(VADD, r0, r1, r2, r3) \
	VADD    (DX), r0, r0; \
	VADD    64(DX), r1, r1; \
	VADD    128(DX), r2, r2; \
	VADD    192(DX), r3, r3; \
	VMOVUPS r0, (DX); \
	VMOVUPS r1, 64(DX); \
	VMOVUPS r2, 128(DX); \
	VMOVUPS r3, 192(DX); \
	ADDQ    R8, DX

#define PUT_ROW512(r0, r1, r2, r3) \
	VMOVUPS r0, (DX); \
	VMOVUPS r1, 64(DX); \
	VMOVUPS r2, 128(DX); \
	VMOVUPS r3, 192(DX); \
	ADDQ    R8, DX

// func gemmKernelAVX512F64asm(kc int, a, b, c *float64, ldc int, add bool)
TEXT ·gemmKernelAVX512F64asm(SB), NOSPLIT, $0-41
	PROLOGUE512
	SHLQ $3, R8

	MOVQ CX, R9
	SHRQ $2, R9
	JZ   z64tail

z64loop4:
	PREFETCHT0 384(AX)
	STEP512_F64(0, 0)
	STEP512_F64(48, 256)
	PREFETCHT0 448(AX)
	STEP512_F64(96, 512)
	STEP512_F64(144, 768)
	ADDQ $192, AX
	ADDQ $1024, BX
	DECQ R9
	JNZ  z64loop4

z64tail:
	ANDQ $3, CX
	JZ   z64store

z64loop1:
	STEP512_F64(0, 0)
	ADDQ $48, AX
	ADDQ $256, BX
	DECQ CX
	JNZ  z64loop1

z64store:
	CMPB add+40(FP), $0
	JEQ  z64overwrite
	ADD_ROW512(VADDPD, Z8, Z9, Z10, Z11)
	ADD_ROW512(VADDPD, Z12, Z13, Z14, Z15)
	ADD_ROW512(VADDPD, Z16, Z17, Z18, Z19)
	ADD_ROW512(VADDPD, Z20, Z21, Z22, Z23)
	ADD_ROW512(VADDPD, Z24, Z25, Z26, Z27)
	ADD_ROW512(VADDPD, Z28, Z29, Z30, Z31)
	VZEROUPPER
	RET

z64overwrite:
	PUT_ROW512(Z8, Z9, Z10, Z11)
	PUT_ROW512(Z12, Z13, Z14, Z15)
	PUT_ROW512(Z16, Z17, Z18, Z19)
	PUT_ROW512(Z20, Z21, Z22, Z23)
	PUT_ROW512(Z24, Z25, Z26, Z27)
	PUT_ROW512(Z28, Z29, Z30, Z31)
	VZEROUPPER
	RET

// func gemmKernelAVX512F32asm(kc int, a, b, c *float32, ldc int, add bool)
TEXT ·gemmKernelAVX512F32asm(SB), NOSPLIT, $0-41
	PROLOGUE512
	SHLQ $2, R8

	MOVQ CX, R9
	SHRQ $2, R9
	JZ   z32tail

z32loop4:
	PREFETCHT0 192(AX)
	STEP512_F32(0, 0)
	STEP512_F32(24, 256)
	PREFETCHT0 256(AX)
	STEP512_F32(48, 512)
	STEP512_F32(72, 768)
	ADDQ $96, AX
	ADDQ $1024, BX
	DECQ R9
	JNZ  z32loop4

z32tail:
	ANDQ $3, CX
	JZ   z32store

z32loop1:
	STEP512_F32(0, 0)
	ADDQ $24, AX
	ADDQ $256, BX
	DECQ CX
	JNZ  z32loop1

z32store:
	CMPB add+40(FP), $0
	JEQ  z32overwrite
	ADD_ROW512(VADDPS, Z8, Z9, Z10, Z11)
	ADD_ROW512(VADDPS, Z12, Z13, Z14, Z15)
	ADD_ROW512(VADDPS, Z16, Z17, Z18, Z19)
	ADD_ROW512(VADDPS, Z20, Z21, Z22, Z23)
	ADD_ROW512(VADDPS, Z24, Z25, Z26, Z27)
	ADD_ROW512(VADDPS, Z28, Z29, Z30, Z31)
	VZEROUPPER
	RET

z32overwrite:
	PUT_ROW512(Z8, Z9, Z10, Z11)
	PUT_ROW512(Z12, Z13, Z14, Z15)
	PUT_ROW512(Z16, Z17, Z18, Z19)
	PUT_ROW512(Z20, Z21, Z22, Z23)
	PUT_ROW512(Z24, Z25, Z26, Z27)
	PUT_ROW512(Z28, Z29, Z30, Z31)
	VZEROUPPER
	RET
