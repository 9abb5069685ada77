//go:build goexperiment.simd && amd64

#include "textflag.h"

// The AVX2 distance tile kernels. Each keeps a 6-row × 8-lane tile of
// accumulators in twelve ymm registers (Y4–Y15) and walks a run of packed B
// blocks, one block per tile. Per step p it loads the block's 8 lanes of B
// into Y0–Y1, broadcasts each of the tile's six A elements into Y2 and forms
// the differences a−b in Y3 and Y2, so all sixteen registers are in use and
// none spills. Twelve independent accumulation chains cover the latency of
// the FMA or add that ends each chain, which eight chains could not.
//
// Each accumulator sees the steps p = 0, 1, ..., d−1 one after another and
// nothing else, so a distance is summed in the same order as the reference
// loop, whatever the tile shape or lane; unrolling repeats steps and never
// splits the sum. Only the fused multiply-add, which rounds (a−b)² and the
// sum once where plain Go rounds twice, can move the last bit against the
// generic path.
//
// Registers: SI d, DI packed A tile, AX A cursor, BX B cursor (blocks lie
// back to back, so it never rewinds), CX steps left, R9 blocks left, DX
// current block's column in res, R8 row stride of res in bytes, R10 row of
// res being stored.

// absMask<> clears the sign bit: |x| in one logic operation, NaN kept.
DATA absMask<>+0(SB)/8, $0x7fffffffffffffff
DATA absMask<>+8(SB)/8, $0x7fffffffffffffff
DATA absMask<>+16(SB)/8, $0x7fffffffffffffff
DATA absMask<>+24(SB)/8, $0x7fffffffffffffff
GLOBL absMask<>(SB), RODATA|NOPTR, $32

// Loads the arguments shared by every kernel; w becomes bytes.
#define PROLOGUE \
	MOVQ d+0(FP), SI; \
	MOVQ blocks+8(FP), R9; \
	MOVQ at+16(FP), DI; \
	MOVQ bp+24(FP), BX; \
	MOVQ res+32(FP), DX; \
	MOVQ w+40(FP), R8; \
	SHLQ $3, R8

#define ZERO_ACC \
	VXORPD Y4, Y4, Y4; \
	VXORPD Y5, Y5, Y5; \
	VXORPD Y6, Y6, Y6; \
	VXORPD Y7, Y7, Y7; \
	VXORPD Y8, Y8, Y8; \
	VXORPD Y9, Y9, Y9; \
	VXORPD Y10, Y10, Y10; \
	VXORPD Y11, Y11, Y11; \
	VXORPD Y12, Y12, Y12; \
	VXORPD Y13, Y13, Y13; \
	VXORPD Y14, Y14, Y14; \
	VXORPD Y15, Y15, Y15

// Writes the tile's six rows of 8 lanes at DX, R8 bytes apart, and moves DX
// to the next block's columns.
#define STORE_TILE \
	MOVQ    DX, R10; \
	VMOVUPD Y4, (R10); \
	VMOVUPD Y5, 32(R10); \
	ADDQ    R8, R10; \
	VMOVUPD Y6, (R10); \
	VMOVUPD Y7, 32(R10); \
	ADDQ    R8, R10; \
	VMOVUPD Y8, (R10); \
	VMOVUPD Y9, 32(R10); \
	ADDQ    R8, R10; \
	VMOVUPD Y10, (R10); \
	VMOVUPD Y11, 32(R10); \
	ADDQ    R8, R10; \
	VMOVUPD Y12, (R10); \
	VMOVUPD Y13, 32(R10); \
	ADDQ    R8, R10; \
	VMOVUPD Y14, (R10); \
	VMOVUPD Y15, 32(R10); \
	ADDQ    $64, DX

// The differences of A row element aoff(AX) against both B vectors: Y3 gets
// a−b for lanes 0–3, Y2 for lanes 4–7.
#define DIFF(aoff) \
	VBROADCASTSD (aoff)(AX), Y2; \
	VSUBPD       Y0, Y2, Y3; \
	VSUBPD       Y1, Y2, Y2

// acc += (a−b)², fused.
#define ROW_SQ(aoff, lo, hi) \
	DIFF(aoff); \
	VFMADD231PD Y3, Y3, lo; \
	VFMADD231PD Y2, Y2, hi

// acc += |a−b|.
#define ROW_ABS(aoff, lo, hi) \
	DIFF(aoff); \
	VANDPD absMask<>(SB), Y3, Y3; \
	VANDPD absMask<>(SB), Y2, Y2; \
	VADDPD Y3, lo, lo; \
	VADDPD Y2, hi, hi

// acc = |a−b| > acc ? |a−b| : acc. MAXPD returns its second source (acc)
// unless the first is greater, and a NaN compares false, so a NaN term is
// skipped exactly as scipy's chebyshev skips it; acc itself is never NaN.
#define ROW_MAX(aoff, lo, hi) \
	DIFF(aoff); \
	VANDPD absMask<>(SB), Y3, Y3; \
	VANDPD absMask<>(SB), Y2, Y2; \
	VMAXPD lo, Y3, lo; \
	VMAXPD hi, Y2, hi

// One step p of the 6×8 tile; A advances 48 bytes, B 64.
#define STEP_SQ(aoff, boff) \
	VMOVUPD (boff)(BX), Y0; \
	VMOVUPD (boff+32)(BX), Y1; \
	ROW_SQ(aoff+0, Y4, Y5); \
	ROW_SQ(aoff+8, Y6, Y7); \
	ROW_SQ(aoff+16, Y8, Y9); \
	ROW_SQ(aoff+24, Y10, Y11); \
	ROW_SQ(aoff+32, Y12, Y13); \
	ROW_SQ(aoff+40, Y14, Y15)

// One step p of the 6×8 tile; A advances 48 bytes, B 64.
#define STEP_ABS(aoff, boff) \
	VMOVUPD (boff)(BX), Y0; \
	VMOVUPD (boff+32)(BX), Y1; \
	ROW_ABS(aoff+0, Y4, Y5); \
	ROW_ABS(aoff+8, Y6, Y7); \
	ROW_ABS(aoff+16, Y8, Y9); \
	ROW_ABS(aoff+24, Y10, Y11); \
	ROW_ABS(aoff+32, Y12, Y13); \
	ROW_ABS(aoff+40, Y14, Y15)

// One step p of the 6×8 tile; A advances 48 bytes, B 64.
#define STEP_MAX(aoff, boff) \
	VMOVUPD (boff)(BX), Y0; \
	VMOVUPD (boff+32)(BX), Y1; \
	ROW_MAX(aoff+0, Y4, Y5); \
	ROW_MAX(aoff+8, Y6, Y7); \
	ROW_MAX(aoff+16, Y8, Y9); \
	ROW_MAX(aoff+24, Y10, Y11); \
	ROW_MAX(aoff+32, Y12, Y13); \
	ROW_MAX(aoff+40, Y14, Y15)

// Square roots of one stored row of a finished tile, in place at (R11); R11
// moves to the next row.
#define ROOT_ROW \
	VSQRTPD (R11), Y3; \
	VMOVUPD Y3, (R11); \
	VSQRTPD 32(R11), Y3; \
	VMOVUPD Y3, 32(R11); \
	ADDQ    R8, R11

// func distSqAVX2asm(d, blocks int, at, bp, res *float64, w int, root bool)
//
// With root, a block's sums are stored as they are and their square roots
// are taken during the next block's loop, one row of the tile per four
// steps: the divider then works beside the FMA pipes instead of after
// them, which on Zen 4 took the roots' cost (a fifth of 4000×64 euclidean)
// off the critical path. R11 points at the next stored row awaiting its
// root and R12 counts those rows.
TEXT ·distSqAVX2asm(SB), NOSPLIT, $0-49
	PROLOGUE
	XORQ  R12, R12
	TESTQ R9, R9
	JZ    sqdone

sqblock:
	ZERO_ACC
	MOVQ DI, AX

	// Four steps per iteration, then a pending row's roots.
	MOVQ SI, CX
	SHRQ $2, CX
	JZ   sqtail

sqloop4:
	STEP_SQ(0, 0)
	STEP_SQ(48, 64)
	STEP_SQ(96, 128)
	STEP_SQ(144, 192)
	ADDQ  $192, AX
	ADDQ  $256, BX
	TESTQ R12, R12
	JZ    sqnopend
	ROOT_ROW
	DECQ  R12

sqnopend:
	DECQ CX
	JNZ  sqloop4

sqtail:
	MOVQ SI, CX
	ANDQ $3, CX
	JZ   sqflush

sqloop1:
	STEP_SQ(0, 0)
	ADDQ $48, AX
	ADDQ $64, BX
	DECQ CX
	JNZ  sqloop1

sqflush:
	// Rows of the previous block still awaiting their roots.
	TESTQ R12, R12
	JZ    sqstore

sqflushloop:
	ROOT_ROW
	DECQ R12
	JNZ  sqflushloop

sqstore:
	MOVQ DX, R11
	STORE_TILE
	CMPB root+48(FP), $0
	JEQ  sqnext
	MOVQ $6, R12

sqnext:
	DECQ R9
	JNZ  sqblock

	// The last block's roots.
	TESTQ R12, R12
	JZ    sqdone

sqlastloop:
	ROOT_ROW
	DECQ R12
	JNZ  sqlastloop

sqdone:
	VZEROUPPER
	RET

// func distAbsAVX2asm(d, blocks int, at, bp, res *float64, w int)
TEXT ·distAbsAVX2asm(SB), NOSPLIT, $0-48
	PROLOGUE
	TESTQ R9, R9
	JZ    absdone

absblock:
	ZERO_ACC
	MOVQ DI, AX

	// Two steps per iteration halve the loop's bookkeeping.
	MOVQ SI, CX
	SHRQ $1, CX
	JZ   abstail

absloop2:
	STEP_ABS(0, 0)
	STEP_ABS(48, 64)
	ADDQ $96, AX
	ADDQ $128, BX
	DECQ CX
	JNZ  absloop2

abstail:
	TESTQ $1, SI
	JZ    absstore
	STEP_ABS(0, 0)
	ADDQ  $64, BX

absstore:
	STORE_TILE
	DECQ R9
	JNZ  absblock

absdone:
	VZEROUPPER
	RET

// func distMaxAVX2asm(d, blocks int, at, bp, res *float64, w int)
TEXT ·distMaxAVX2asm(SB), NOSPLIT, $0-48
	PROLOGUE
	TESTQ R9, R9
	JZ    maxdone

maxblock:
	ZERO_ACC
	MOVQ DI, AX

	// Two steps per iteration halve the loop's bookkeeping.
	MOVQ SI, CX
	SHRQ $1, CX
	JZ   maxtail

maxloop2:
	STEP_MAX(0, 0)
	STEP_MAX(48, 64)
	ADDQ $96, AX
	ADDQ $128, BX
	DECQ CX
	JNZ  maxloop2

maxtail:
	TESTQ $1, SI
	JZ    maxstore
	STEP_MAX(0, 0)
	ADDQ  $64, BX

maxstore:
	STORE_TILE
	DECQ R9
	JNZ  maxblock

maxdone:
	VZEROUPPER
	RET

// The float32 screening tile of Knn: six rows of A against sixteen lanes of
// B, in the same twelve accumulators, with single-precision vectors that
// hold eight lanes each. A advances 24 bytes a step, B 64.
#define ROW_SQS(aoff, lo, hi) \
	VBROADCASTSS (aoff)(AX), Y2; \
	VSUBPS       Y0, Y2, Y3; \
	VSUBPS       Y1, Y2, Y2; \
	VFMADD231PS  Y3, Y3, lo; \
	VFMADD231PS  Y2, Y2, hi

#define STEP_SQS(aoff, boff) \
	VMOVUPS (boff)(BX), Y0; \
	VMOVUPS (boff+32)(BX), Y1; \
	ROW_SQS(aoff+0, Y4, Y5); \
	ROW_SQS(aoff+4, Y6, Y7); \
	ROW_SQS(aoff+8, Y8, Y9); \
	ROW_SQS(aoff+12, Y10, Y11); \
	ROW_SQS(aoff+16, Y12, Y13); \
	ROW_SQS(aoff+20, Y14, Y15)

// Row mask: bit l set where lane l of the row's sum is not greater than
// the row's threshold at toff(R11) (NaN included), stored as a uint16 at
// moff(DX) and or-ed into R13.
#define MASK_ROW(toff, moff, lo, hi) \
	VBROADCASTSS (toff)(R11), Y2; \
	VCMPPS       $0x1a, Y2, lo, Y3; \
	VCMPPS       $0x1a, Y2, hi, Y2; \
	VMOVMSKPS    Y3, R10; \
	VMOVMSKPS    Y2, R12; \
	SHLQ         $8, R12; \
	ORQ          R12, R10; \
	MOVW         R10, (moff)(DX); \
	ORQ          R10, R13

// func distSqF32AVX2asm(d, blocks int, at, bp, thr *float32, masks *uint16) uint64
TEXT ·distSqF32AVX2asm(SB), NOSPLIT, $0-56
	MOVQ d+0(FP), SI
	MOVQ blocks+8(FP), R9
	MOVQ at+16(FP), DI
	MOVQ bp+24(FP), BX
	MOVQ thr+32(FP), R11
	MOVQ masks+40(FP), DX
	XORQ R13, R13
	TESTQ R9, R9
	JZ    sfdone

sfblock:
	ZERO_ACC
	MOVQ DI, AX
	MOVQ SI, CX
	SHRQ $1, CX
	JZ   sftail

sfloop2:
	STEP_SQS(0, 0)
	STEP_SQS(24, 64)
	ADDQ $48, AX
	ADDQ $128, BX
	DECQ CX
	JNZ  sfloop2

sftail:
	TESTQ $1, SI
	JZ    sfmask
	STEP_SQS(0, 0)
	ADDQ  $64, BX

sfmask:
	MASK_ROW(0, 0, Y4, Y5)
	MASK_ROW(4, 2, Y6, Y7)
	MASK_ROW(8, 4, Y8, Y9)
	MASK_ROW(12, 6, Y10, Y11)
	MASK_ROW(16, 8, Y12, Y13)
	MASK_ROW(20, 10, Y14, Y15)
	ADDQ $12, DX
	DECQ R9
	JNZ  sfblock

sfdone:
	VZEROUPPER
	MOVQ R13, ret+48(FP)
	RET

// One step p of a chain: u = a - b, acc = u*u + acc, rounded once.
#define CHAIN(pa, pb, acc) \
	VMOVSD      (pa)(DI*1), X0; \
	VSUBSD      (pb)(DI*1), X0, X0; \
	VFMADD231SD X0, X0, acc

// func sqChain4AVX2asm(d int, rows *[8]*float64, out *[4]float64)
TEXT ·sqChain4AVX2asm(SB), NOSPLIT, $0-24
	MOVQ   d+0(FP), SI
	MOVQ   rows+8(FP), R12
	MOVQ   out+16(FP), R13
	MOVQ   0(R12), AX
	MOVQ   8(R12), BX
	MOVQ   16(R12), CX
	MOVQ   24(R12), DX
	MOVQ   32(R12), R8
	MOVQ   40(R12), R9
	MOVQ   48(R12), R10
	MOVQ   56(R12), R11
	VXORPD X4, X4, X4
	VXORPD X5, X5, X5
	VXORPD X6, X6, X6
	VXORPD X7, X7, X7
	XORQ   DI, DI
	TESTQ  SI, SI
	JZ     chaindone

chainloop:
	CHAIN(AX, R8, X4)
	CHAIN(BX, R9, X5)
	CHAIN(CX, R10, X6)
	CHAIN(DX, R11, X7)
	ADDQ $8, DI
	DECQ SI
	JNZ  chainloop

chaindone:
	VMOVSD X4, 0(R13)
	VMOVSD X5, 8(R13)
	VMOVSD X6, 16(R13)
	VMOVSD X7, 24(R13)
	RET
