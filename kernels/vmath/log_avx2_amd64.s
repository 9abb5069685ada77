//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "log_avx2_amd64.h"

// func logF64x4Asm(dst, x *float64, i, n int, c *[logAVX2Consts][4]uint64) int
//
// The AVX2+FMA loop of float64 log: logHiLo on four lanes a step, the
// scalar body's operations in its order (each rounds as there), the
// table read by two VGATHERQPD, the constants read from c (four copies
// each) as memory operands. AVX2 has no 64-bit arithmetic shift: k comes
// from tmp = ix - logOff + 2^63 by a logical shift, less 2048, as in
// logHiLoF64x4. It does x[i:n] (n - i a multiple of 4) and returns n, or
// the index of the first vector with a lane that is not positive, normal
// and finite, which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c, R9 the table; Y0-Y14.
TEXT ·logF64x4Asm(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	LEAQ ·logTab(SB), R9

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0

	// Every lane 2^-1022 <= x <= MaxFloat64.
	VCMPPD    $0x1d, 0(R8), Y0, Y1
	VCMPPD    $0x12, 32(R8), Y0, Y2
	VANDPD    Y2, Y1, Y1
	VMOVMSKPD Y1, R10
	CMPQ      R10, $15
	JNE       done

	LOGSTEP4

	VADDPD  Y12, Y7, Y7
	VMOVUPD Y7, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET
