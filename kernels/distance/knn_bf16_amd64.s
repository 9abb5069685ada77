//go:build goexperiment.simd && amd64

#include "textflag.h"

// Knn's bfloat16 screening tile (knn_bf16.go): six rows of A against 64
// lanes of B (four 16-lane blocks, one zmm each), 24 zmm accumulators of
// dot products formed by VDPBF16PS, two bfloat16 products per float32
// lane and step. The Go assembler has no AVX512_BF16 mnemonics, so
// VDPBF16PS is spelled out in bytes.

// DPBF16(src2, src1, dst) is VDPBF16PS Z<src2>, Z<src1>, Z<dst> in Go's
// operand order: each float32 lane of Z<dst> gains the two products of the
// bfloat16 pairs in the same lane of Z<src1> and Z<src2>. Register numbers
// 0-31. EVEX.512.F3.0F38.W0 52 /r with register operands: P0 holds the
// inverted R, X (bit 4 of r/m), B (bit 3 of r/m) and R' bits and map 0F38;
// P1 the inverted vvvv and pp = F3; P2 L'L = 512 and the inverted V'.
#define DPBF16(src2, src1, dst) \
	BYTE $0x62; \
	BYTE $((((31-(dst))>>3)&1)<<7 | (((31-(src2))>>4)&1)<<6 | (((31-(src2))>>3)&1)<<5 | (((31-(dst))>>4)&1)<<4 | 2); \
	BYTE $((((31-(src1))&15)<<3) | 6); \
	BYTE $(0x40 | (((31-(src1))>>4)&1)<<3); \
	BYTE $0x52; \
	BYTE $(0xC0 | ((dst)&7)<<3 | ((src2)&7))

// ZERO6 clears six accumulators.
#define ZERO6(a, b, c, d, e, f) \
	VPXORD a, a, a; \
	VPXORD b, b, b; \
	VPXORD c, c, c; \
	VPXORD d, d, d; \
	VPXORD e, e, e; \
	VPXORD f, f, f

// One A row's pair at aoff(AX), broadcast to Z28, against the four blocks
// in Z24-Z27, into accumulators a0-a3.
#define ROW4(aoff, a0, a1, a2, a3) \
	VPBROADCASTD aoff(AX), Z28; \
	DPBF16(24, 28, a0); \
	DPBF16(25, 28, a1); \
	DPBF16(26, 28, a2); \
	DPBF16(27, 28, a3)

#define ROW1(aoff, a0) \
	VPBROADCASTD aoff(AX), Z28; \
	DPBF16(24, 28, a0)

// Row r of block k: acc = nb2 - 2·acc (nb2 in Z29, -2 in Z30), compared
// with the row's threshold at toff(R11); bit l of the uint16 at moff(DX)
// is set where lane l is not greater (NaN included), and or-ed into R13.
#define MASK(acc, toff, moff) \
	VFMADD213PS  Z29, Z30, acc; \
	VBROADCASTSS toff(R11), Z31; \
	VCMPPS       $0x1a, Z31, acc, K1; \
	KMOVW        K1, R10; \
	MOVW         R10, moff(DX); \
	ORQ          R10, R13

// Block k (0-3) of a group: its nb2 lanes from R8, its six row masks.
#define MASKS4(k, a0, a1, a2, a3, a4, a5) \
	VMOVUPS (k*64)(R8), Z29; \
	MASK(a0, 0, (k*12+0)); \
	MASK(a1, 4, (k*12+2)); \
	MASK(a2, 8, (k*12+4)); \
	MASK(a3, 12, (k*12+6)); \
	MASK(a4, 16, (k*12+8)); \
	MASK(a5, 20, (k*12+10))

// func screenBF16AVX512asm(dp, blocks int, at, bp *uint32, nb2, thr *float32, masks *uint16) uint64
TEXT ·screenBF16AVX512asm(SB), NOSPLIT, $0-64
	MOVQ dp+0(FP), SI
	MOVQ blocks+8(FP), R9
	MOVQ at+16(FP), DI
	MOVQ bp+24(FP), BX
	MOVQ nb2+32(FP), R8
	MOVQ thr+40(FP), R11
	MOVQ masks+48(FP), DX
	XORQ R13, R13
	MOVQ SI, R14
	SHLQ $6, R14            // one block's bytes: dp pairs of 16 lanes
	LEAQ (R14)(R14*2), R12  // three blocks'
	MOVL $0xc0000000, R10   // -2.0
	VPBROADCASTD R10, Z30
	CMPQ R9, $4
	JLT  one

group:
	ZERO6(Z0, Z1, Z2, Z3, Z4, Z5)
	ZERO6(Z6, Z7, Z8, Z9, Z10, Z11)
	ZERO6(Z12, Z13, Z14, Z15, Z16, Z17)
	ZERO6(Z18, Z19, Z20, Z21, Z22, Z23)
	MOVQ   DI, AX
	MOVQ   BX, CX
	MOVQ   SI, R10

gstep:
	VMOVDQU32 (CX), Z24
	VMOVDQU32 (CX)(R14*1), Z25
	VMOVDQU32 (CX)(R14*2), Z26
	VMOVDQU32 (CX)(R12*1), Z27
	ROW4(0, 0, 1, 2, 3)
	ROW4(4, 4, 5, 6, 7)
	ROW4(8, 8, 9, 10, 11)
	ROW4(12, 12, 13, 14, 15)
	ROW4(16, 16, 17, 18, 19)
	ROW4(20, 20, 21, 22, 23)
	ADDQ      $24, AX
	ADDQ      $64, CX
	DECQ      R10
	JNZ       gstep

	MASKS4(0, Z0, Z4, Z8, Z12, Z16, Z20)
	MASKS4(1, Z1, Z5, Z9, Z13, Z17, Z21)
	MASKS4(2, Z2, Z6, Z10, Z14, Z18, Z22)
	MASKS4(3, Z3, Z7, Z11, Z15, Z19, Z23)
	LEAQ (BX)(R14*4), BX
	ADDQ $256, R8
	ADDQ $48, DX
	SUBQ $4, R9
	CMPQ R9, $4
	JGE  group

one:
	TESTQ R9, R9
	JZ    done

oblock:
	ZERO6(Z0, Z1, Z2, Z3, Z4, Z5)
	MOVQ   DI, AX
	MOVQ   BX, CX
	MOVQ   SI, R10

ostep:
	VMOVDQU32 (CX), Z24
	ROW1(0, 0)
	ROW1(4, 1)
	ROW1(8, 2)
	ROW1(12, 3)
	ROW1(16, 4)
	ROW1(20, 5)
	ADDQ      $24, AX
	ADDQ      $64, CX
	DECQ      R10
	JNZ       ostep

	MASKS4(0, Z0, Z1, Z2, Z3, Z4, Z5)
	ADDQ R14, BX
	ADDQ $64, R8
	ADDQ $12, DX
	DECQ R9
	JNZ  oblock

done:
	VZEROUPPER
	MOVQ R13, ret+56(FP)
	RET
