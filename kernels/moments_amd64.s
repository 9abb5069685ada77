//go:build goexperiment.simd && amd64

#include "textflag.h"

// Clears the eight accumulators Y0-Y7.
#define ZERO_Y0_Y7 \
	VXORPD Y0, Y0, Y0; \
	VXORPD Y1, Y1, Y1; \
	VXORPD Y2, Y2, Y2; \
	VXORPD Y3, Y3, Y3; \
	VXORPD Y4, Y4, Y4; \
	VXORPD Y5, Y5, Y5; \
	VXORPD Y6, Y6, Y6; \
	VXORPD Y7, Y7, Y7

// Column statistics and the affine apply of a contiguous rows×cols float64
// block read as one flat run (moments_simd_amd64.go, scale_simd_amd64.go).
// The loops are in assembly because Go's vector code reloaded its pointers
// and accumulators from the stack on every iteration here, which held these
// memory-speed passes to about a tenth of what the vector units do.

// The arguments of the deviation loops: x in SI, periods in CX, the stride
// (bytes) in DX and 3x, 4x it in BX, R8; shift and mean in Y8, Y9.
#define DEV_PROLOGUE \
	MOVQ    x+0(FP), SI; \
	MOVQ    periods+8(FP), CX; \
	MOVQ    stride+16(FP), DX; \
	MOVQ    shift+24(FP), AX; \
	VMOVUPD (AX), Y8; \
	MOVQ    mean+32(FP), AX; \
	VMOVUPD (AX), Y9; \
	ZERO_Y0_Y7; \
	LEAQ    (DX)(DX*2), BX; \
	MOVQ    DX, R8; \
	SHLQ    $2, R8

// Four periods, one per chain.
#define DEV_FOUR \
	DEV_SLOT((SI), Y0, Y4); \
	DEV_SLOT((SI)(DX*1), Y1, Y5); \
	DEV_SLOT((SI)(DX*2), Y2, Y6); \
	DEV_SLOT((SI)(BX*1), Y3, Y7)

// Adds the chains (0+1) + (2+3) and stores s and q.
#define DEV_STORE \
	VADDPD  Y1, Y0, Y0; \
	VADDPD  Y3, Y2, Y2; \
	VADDPD  Y2, Y0, Y0; \
	VADDPD  Y5, Y4, Y4; \
	VADDPD  Y7, Y6, Y6; \
	VADDPD  Y6, Y4, Y4; \
	MOVQ    s+40(FP), DI; \
	VMOVUPD Y0, (DI); \
	MOVQ    q+48(FP), DI; \
	VMOVUPD Y4, (DI)

// Adds (x - shift) of slot k of the period at SI to accumulator acc;
// LOAD_SLOT, defined before each use, brings the slot's four values in as
// float64.
#define SUM_SLOT(k, acc) \
	LOAD_SLOT(k, Y8); \
	VSUBPD  (k*32)(AX), Y8, Y8; \
	VADDPD  Y8, acc, acc

// Ends the period after slot k when the period has k+1 slots.
#define LAST_SLOT(k) \
	CMPQ DX, $(k+1); \
	JEQ  sumnext

// One period: SUM_SLOT for slots 0.. while they last (DX slots).
#define PERIOD_SLOTS \
	SUM_SLOT(0, Y0); \
	LAST_SLOT(0); \
	SUM_SLOT(1, Y1); \
	LAST_SLOT(1); \
	SUM_SLOT(2, Y2); \
	LAST_SLOT(2); \
	SUM_SLOT(3, Y3); \
	LAST_SLOT(3); \
	SUM_SLOT(4, Y4); \
	LAST_SLOT(4); \
	SUM_SLOT(5, Y5); \
	LAST_SLOT(5); \
	SUM_SLOT(6, Y6); \
	LAST_SLOT(6); \
	SUM_SLOT(7, Y7)

// Stores the DX accumulators Y0.. to acc at DI.
#define STORE_SLOTS \
	VMOVUPD Y0, 0(DI); \
	CMPQ    DX, $1; \
	JEQ     sumret; \
	VMOVUPD Y1, 32(DI); \
	CMPQ    DX, $2; \
	JEQ     sumret; \
	VMOVUPD Y2, 64(DI); \
	CMPQ    DX, $3; \
	JEQ     sumret; \
	VMOVUPD Y3, 96(DI); \
	CMPQ    DX, $4; \
	JEQ     sumret; \
	VMOVUPD Y4, 128(DI); \
	CMPQ    DX, $5; \
	JEQ     sumret; \
	VMOVUPD Y5, 160(DI); \
	CMPQ    DX, $6; \
	JEQ     sumret; \
	VMOVUPD Y6, 192(DI); \
	CMPQ    DX, $7; \
	JEQ     sumret; \
	VMOVUPD Y7, 224(DI)

#define LOAD_SLOT(k, dst) VMOVUPD (k*32)(SI), dst

// func momFlatSumAVX2(x *float64, periods, slots int, shift, acc *float64)
//
// acc[0:4*slots] = Σ_{i<periods} (x[i*p : (i+1)*p] - shift[0:p]), p = 4*slots,
// 1 <= slots <= 8: one pass in memory order, each 4-lane slot of the period
// summed in its own register, in period order.
TEXT ·momFlatSumAVX2(SB), NOSPLIT, $0-40
	MOVQ   x+0(FP), SI
	MOVQ   periods+8(FP), CX
	MOVQ   slots+16(FP), DX
	MOVQ   shift+24(FP), AX
	MOVQ   acc+32(FP), DI
	MOVQ   DX, BX
	SHLQ   $5, BX // bytes per period
	ZERO_Y0_Y7
	TESTQ  CX, CX
	JEQ    sumdone

sumperiod:
	PERIOD_SLOTS

sumnext:
	ADDQ BX, SI
	DECQ CX
	JNZ  sumperiod

sumdone:
	STORE_SLOTS

sumret:
	VZEROUPPER
	RET

#undef LOAD_SLOT
#define LOAD_SLOT(k, dst) VCVTPS2PD (k*16)(SI), dst

// func momFlatSumF32AVX2(x *float32, periods, slots int, shift, acc *float64)
//
// momFlatSumAVX2 of float32 x, each value widened to float64 exactly.
TEXT ·momFlatSumF32AVX2(SB), NOSPLIT, $0-40
	MOVQ   x+0(FP), SI
	MOVQ   periods+8(FP), CX
	MOVQ   slots+16(FP), DX
	MOVQ   shift+24(FP), AX
	MOVQ   acc+32(FP), DI
	MOVQ   DX, BX
	SHLQ   $4, BX // bytes per period
	ZERO_Y0_Y7
	TESTQ  CX, CX
	JEQ    sumdone

sumperiod:
	PERIOD_SLOTS

sumnext:
	ADDQ BX, SI
	DECQ CX
	JNZ  sumperiod

sumdone:
	STORE_SLOTS

sumret:
	VZEROUPPER
	RET

// Adds d = (x - shift) - mean to s and d*d to q (fused) for one period slot;
// LOAD_DEV, defined before each use, brings the slot in as float64.
#define DEV_SLOT(idx, s, q) \
	LOAD_DEV(idx, Y12); \
	VSUBPD      Y8, Y12, Y12; \
	VSUBPD      Y9, Y12, Y12; \
	VADDPD      Y12, s, s; \
	VFMADD231PD Y12, Y12, q

#define LOAD_DEV(idx, dst) VMOVUPD idx, dst

// func momSlotDevAVX2(x *float64, periods, stride int, shift, mean, s, q *float64)
//
// With d_i = (x[i*stride/8 : +4] - shift[0:4]) - mean[0:4], sets s[0:4] to
// Σ d_i and q[0:4] to Σ d_i², each in four interleaved chains added
// (0+1) + (2+3) at the end, d_i² by fused multiply-add. stride is in bytes.
TEXT ·momSlotDevAVX2(SB), NOSPLIT, $0-56
	DEV_PROLOGUE

dev4:
	CMPQ     CX, $4
	JLT      dev1
	DEV_FOUR
	ADDQ     R8, SI
	SUBQ     $4, CX
	JMP      dev4

dev1:
	TESTQ    CX, CX
	JEQ      devdone
	DEV_SLOT((SI), Y0, Y4)
	ADDQ     DX, SI
	DECQ     CX
	JMP      dev1

devdone:
	DEV_STORE
	VZEROUPPER
	RET

#undef LOAD_DEV
#define LOAD_DEV(idx, dst) VCVTPS2PD idx, dst

// func momSlotDevF32AVX2(x *float32, periods, stride int, shift, mean, s, q *float64)
//
// momSlotDevAVX2 of float32 x, each value widened to float64 exactly.
TEXT ·momSlotDevF32AVX2(SB), NOSPLIT, $0-56
	DEV_PROLOGUE

dev4:
	CMPQ     CX, $4
	JLT      dev1
	DEV_FOUR
	ADDQ     R8, SI
	SUBQ     $4, CX
	JMP      dev4

dev1:
	TESTQ    CX, CX
	JEQ      devdone
	DEV_SLOT((SI), Y0, Y4)
	ADDQ     DX, SI
	DECQ     CX
	JMP      dev1

devdone:
	DEV_STORE
	VZEROUPPER
	RET

// func subDivCyclicAVX2(dst, x *float64, n int, sub, div *float64, cols, j0 int)
//
// dst[i] = (x[i] - sub[c]) / div[c] for i < n (a multiple of 4), where
// c = (j0 + i) mod cols: sub and div hold cols+3 entries, the pattern
// followed by its first three again, so that four consecutive columns are one
// unaligned load from any start c < cols. Needs cols >= 4 and 0 <= j0 < cols.
TEXT ·subDivCyclicAVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ sub+24(FP), R9
	MOVQ div+32(FP), R11
	MOVQ cols+40(FP), R12
	MOVQ j0+48(FP), R10
	SHRQ $2, CX
	JZ   cycdone

cycloop:
	VMOVUPD (SI), Y0
	VSUBPD  (R9)(R10*8), Y0, Y0
	VDIVPD  (R11)(R10*8), Y0, Y0
	VMOVUPD Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $4, R10
	CMPQ    R10, R12
	JLT     cycnext
	SUBQ    R12, R10

cycnext:
	DECQ CX
	JNZ  cycloop

cycdone:
	VZEROUPPER
	RET

// func subDivCyclicF32AVX2(dst, x *float32, n int, sub, div *float32, period, j0 int)
//
// subDivCyclicAVX2 in float32, eight elements per step: sub and div hold
// period+7 entries (a period of at least 8 of the column pattern, then its
// first seven again), n is a multiple of 8, 0 <= j0 < period.
TEXT ·subDivCyclicF32AVX2(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	MOVQ sub+24(FP), R9
	MOVQ div+32(FP), R11
	MOVQ period+40(FP), R12
	MOVQ j0+48(FP), R10
	SHRQ $3, CX
	JZ   cyc32done

cyc32loop:
	VMOVUPS (SI), Y0
	VSUBPS  (R9)(R10*4), Y0, Y0
	VDIVPS  (R11)(R10*4), Y0, Y0
	VMOVUPS Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	ADDQ    $8, R10
	CMPQ    R10, R12
	JLT     cyc32next
	SUBQ    R12, R10

cyc32next:
	DECQ CX
	JNZ  cyc32loop

cyc32done:
	VZEROUPPER
	RET
