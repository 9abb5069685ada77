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

// func log32F64x4Asm(dst, x *float32, i, n int, c *[log32AVX2Consts][4]uint64) int
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
TEXT ·log32F64x4Asm(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
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
	VMOVUPS     X7, (DI)(AX*4)
	ADDQ        $4, AX
	JMP         loop32

done32:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET
