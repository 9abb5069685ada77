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
	JMP   logF64x4Asm_stored
logF64x4Asm_nt:
	VMOVNTPD Y10, (DI)(AX*8) // streaming: dst is aligned
logF64x4Asm_stored:
	ADDQ    $4, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func log32F64x4Asm(dst, x *float32, i, n int, c *[log32AVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float32 log: log32Short on four float64 lanes a
// step, the scalar body's operations in its order, 1/c_i and log c_i read
// by VGATHERQPD, the constants read from c (four copies each). It does
// x[i:n] (n - i a multiple of 4) and returns n, or the index of the first
// vector with a lane that is not positive and finite, which the caller
// does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c, R9 and R11 the tables;
// Y0-Y12.
TEXT ·log32F64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13
	LEAQ ·log32InvC(SB), R9
	LEAQ ·log32LogC(SB), R11

loop32:
	CMPQ AX, CX
	JGE  done32
	VCVTPS2PD (SI)(AX*4), Y0

	// Every lane 0 < x <= MaxFloat32.
	VXORPD    Y1, Y1, Y1
	VCMPPD    $0x1e, Y1, Y0, Y1
	VCMPPD    $0x12, 0(R8), Y0, Y2
	VANDPD    Y2, Y1, Y1
	VMOVMSKPD Y1, R10
	CMPQ      R10, $15
	JNE       done32

	// tmp = ix - log32TabOff + 2^63 (Y2); i (Y3); kb = k + 2048 (Y4);
	// z = ix - k<<52 (Y5); kd = float64(k) (Y4).
	VPADDQ 32(R8), Y0, Y2
	VPSRLQ $49, Y2, Y3
	VPAND  64(R8), Y3, Y3
	VPSRLQ $52, Y2, Y4
	VPSLLQ $52, Y4, Y5
	VPSUBQ Y5, Y0, Y5
	VPADDQ 96(R8), Y5, Y5
	VPADDQ 128(R8), Y4, Y4
	VSUBPD 160(R8), Y4, Y4

	// 1/c_i (Y6), log c_i (Y7).
	VPCMPEQQ   Y1, Y1, Y1
	VPXOR      Y6, Y6, Y6
	VGATHERQPD Y1, 0(R9)(Y3*8), Y6
	VPCMPEQQ   Y1, Y1, Y1
	VPXOR      Y7, Y7, Y7
	VGATHERQPD Y1, 0(R11)(Y3*8), Y7

	VFMSUB213PD 192(R8), Y5, Y6  // r = z*invc - 1
	VMULPD      Y6, Y6, Y8       // r2
	VMULPD      Y8, Y8, Y9       // r4
	VMOVUPD     256(R8), Y10
	VFMADD213PD 224(R8), Y6, Y10 // a = r*C3 + C2
	VMOVUPD     320(R8), Y11
	VFMADD213PD 288(R8), Y6, Y11 // b = r*C5 + C4
	VMOVUPD     384(R8), Y12
	VFMADD213PD 352(R8), Y6, Y12 // c = r*C7 + C6
	VFMADD231PD Y11, Y8, Y10     // q = r2*b + a
	VFMADD231PD Y12, Y9, Y10     // q = r4*c + q
	VFMADD213PD Y6, Y8, Y10      // p = r2*q + r
	VADDPD      Y10, Y7, Y7      // log c_i + p
	VFMADD231PD 416(R8), Y4, Y7  // kd*Ln2 + that
	VCVTPD2PSY  Y7, X7
	TESTQ R13, R13
	JNZ   log32F64x4Asm_nt
	VMOVUPS X7, (DI)(AX*4)
	JMP   log32F64x4Asm_stored
log32F64x4Asm_nt:
	VMOVNTPS X7, (DI)(AX*4) // streaming: dst is aligned
log32F64x4Asm_stored:
	ADDQ        $4, AX
	JMP         loop32

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
