//go:build goexperiment.simd && amd64

#include "textflag.h"

// func logF64x4Asm(dst, x *float64, i, n int, c *[logShortAVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float64 log: logShort on four lanes a step, the
// scalar body's operations in its order (each rounds as there), the
// three 16-entry tables read by VGATHERQPD, the constants read from c
// (four copies each) as memory operands. AVX2 has no 64-bit arithmetic
// shift: k comes from tmp = ix - log16Off + 2^63 by a logical shift, as
// k + 2048, and float64(k) from the bits of k + 2048 + 0x1.8p52. It does
// x[i:n] (n - i a multiple of 4) and returns n, or the index of the
// first vector with a lane that is not positive, normal and finite,
// which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c, R9-R11 the tables; Y0-Y12.
TEXT ·logF64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13
	LEAQ ·log16InvC(SB), R9
	LEAQ ·log16LogCHi(SB), R10
	LEAQ ·log16LogCLo(SB), R11

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0

	// Every lane 2^-1022 <= x <= MaxFloat64.
	VCMPPD    $0x1d, 0(R8), Y0, Y1
	VCMPPD    $0x12, 32(R8), Y0, Y2
	VANDPD    Y2, Y1, Y1
	VMOVMSKPD Y1, R12
	CMPQ      R12, $15
	JNE       done

	// tmp + 2^63 (Y2), i (Y3), k + 2048 (Y4), z = ix - k<<52 (Y5), kd
	// (Y4); invc (Y7), lchi (Y8), lclo (Y9).
	VPADDQ 64(R8), Y0, Y2
	VPSRLQ $48, Y2, Y3
	VPAND  96(R8), Y3, Y3
	VPSRLQ $52, Y2, Y4
	VPSLLQ $52, Y4, Y5
	VPSUBQ Y5, Y0, Y5
	VPADDQ 128(R8), Y5, Y5
	VPADDQ 160(R8), Y4, Y4
	VSUBPD 192(R8), Y4, Y4
	VPCMPEQQ   Y6, Y6, Y6
	VPXOR      Y7, Y7, Y7
	VGATHERQPD Y6, 0(R9)(Y3*8), Y7
	VPCMPEQQ   Y6, Y6, Y6
	VPXOR      Y8, Y8, Y8
	VGATHERQPD Y6, 0(R10)(Y3*8), Y8
	VPCMPEQQ   Y6, Y6, Y6
	VPXOR      Y9, Y9, Y9
	VGATHERQPD Y6, 0(R11)(Y3*8), Y9

	// r = z*invc - 1 (Y7), w = kd*ln2hi + lchi (Y8), hi = w + r (Y10),
	// e = (w - hi) + r (Y11), lo = kd*ln2lo + lclo + e (Y9), r2 (Y12).
	VFMSUB213PD 224(R8), Y5, Y7
	VFMADD231PD 256(R8), Y4, Y8
	VADDPD      Y7, Y8, Y10
	VSUBPD      Y10, Y8, Y11
	VADDPD      Y7, Y11, Y11
	VFMADD231PD 288(R8), Y4, Y9
	VADDPD      Y11, Y9, Y9
	VMULPD      Y7, Y7, Y12

	// p = B2 + B3 r + ... + B12 r^10 by Estrin's scheme (Y0); lo +=
	// r2*p; hi + lo.
	VMOVUPD     352(R8), Y0
	VFMADD213PD 320(R8), Y7, Y0
	VMOVUPD     416(R8), Y1
	VFMADD213PD 384(R8), Y7, Y1
	VMOVUPD     480(R8), Y2
	VFMADD213PD 448(R8), Y7, Y2
	VMOVUPD     544(R8), Y3
	VFMADD213PD 512(R8), Y7, Y3
	VMOVUPD     608(R8), Y4
	VFMADD213PD 576(R8), Y7, Y4
	VFMADD231PD Y1, Y12, Y0
	VFMADD231PD Y3, Y12, Y2
	VFMADD231PD 640(R8), Y12, Y4
	VMULPD      Y12, Y12, Y1
	VFMADD231PD Y2, Y1, Y0
	VMULPD      Y1, Y1, Y3
	VFMADD231PD Y4, Y3, Y0
	VFMADD231PD Y0, Y12, Y9
	VADDPD      Y9, Y10, Y10

	TESTQ R13, R13
	JNZ   logF64x4Asm_nt
	VMOVUPD Y10, (DI)(AX*8)
logF64x4Asm_stored:
	ADDQ    $4, AX
	JMP     loop
logF64x4Asm_nt:
	VMOVNTPD Y10, (DI)(AX*8) // streaming: dst is aligned
	JMP logF64x4Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func log32F32x8Asm(dst, x *float32, i, n int, c *[log32LaneConsts][8]uint32, nt bool) int
//
// The AVX2+FMA loop of float32 log: log32Lane on eight float32 lanes a
// step, the scalar body's operations in its order, each 16-entry table
// read by two VPERMPS (entries 0-7 and 8-15) and a VBLENDVPS on bit 3 of
// the index, the constants read from c (eight copies each). It does
// x[i:n] (n - i a multiple of 8) and returns n, or the index of the first
// vector with a lane that is not positive, normal and finite, which the
// caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c; Y0-Y12.
TEXT ·log32F32x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

loop32:
	CMPQ AX, CX
	JGE  done32
	VMOVUPS (SI)(AX*4), Y0

	// Every lane positive, normal and finite: 0x007fffff < ix < +Inf's
	// bits, as signed integers.
	VPCMPGTD  0(R8), Y0, Y1
	VMOVDQU   32(R8), Y2
	VPCMPGTD  Y0, Y2, Y2
	VPAND     Y2, Y1, Y1
	VMOVMSKPS Y1, R10
	CMPQ      R10, $255
	JNE       done32

	// tmp (Y1), i (Y2), k (Y3), z (Y4), kf (Y3); bit 3 of i in the sign
	// bit (Y12); invc (Y5), lchi (Y6), lclo (Y7).
	VPSUBD    64(R8), Y0, Y1
	VPSRLD    $19, Y1, Y2
	VPSRAD    $23, Y1, Y3
	VPSLLD    $23, Y3, Y4
	VPSUBD    Y4, Y0, Y4
	VCVTDQ2PS Y3, Y3
	VPSLLD    $28, Y2, Y12
	VPERMPS   ·log32InvCf(SB), Y2, Y5
	VPERMPS   ·log32InvCf+32(SB), Y2, Y8
	VBLENDVPS Y12, Y8, Y5, Y5
	VPERMPS   ·log32LogCHif(SB), Y2, Y6
	VPERMPS   ·log32LogCHif+32(SB), Y2, Y8
	VBLENDVPS Y12, Y8, Y6, Y6
	VPERMPS   ·log32LogCLof(SB), Y2, Y7
	VPERMPS   ·log32LogCLof+32(SB), Y2, Y8
	VBLENDVPS Y12, Y8, Y7, Y7

	// r (Y5), w (Y6), hi (Y8), e (Y9), lo (Y7), r2 (Y10).
	VFMSUB213PS 96(R8), Y4, Y5
	VFMADD231PS 128(R8), Y3, Y6
	VADDPS      Y5, Y6, Y8
	VSUBPS      Y8, Y6, Y9
	VADDPS      Y5, Y9, Y9
	VFMADD231PS 160(R8), Y3, Y7
	VADDPS      Y9, Y7, Y7
	VMULPS      Y5, Y5, Y10

	// p (Y11); lo += r2*p; hi + lo.
	VMOVUPS     320(R8), Y11
	VFMADD213PS 288(R8), Y5, Y11
	VFMADD213PS 256(R8), Y5, Y11
	VFMADD213PS 224(R8), Y5, Y11
	VFMADD213PS 192(R8), Y5, Y11
	VFMADD231PS Y11, Y10, Y7
	VADDPS      Y7, Y8, Y8

	TESTQ R13, R13
	JNZ   log32F32x8Asm_nt
	VMOVUPS Y8, (DI)(AX*4)
log32F32x8Asm_stored:
	ADDQ $8, AX
	JMP  loop32
log32F32x8Asm_nt:
	VMOVNTPS Y8, (DI)(AX*4) // streaming: dst is aligned
	JMP log32F32x8Asm_stored

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
