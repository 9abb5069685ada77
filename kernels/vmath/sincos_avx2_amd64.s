//go:build goexperiment.simd && amd64

#include "textflag.h"

// func sinCos32F64x4Asm(dst, x *float32, i, n int, c *[scAsmConsts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of Sin32 and Cos32: scSinCos32's path for |x| <
// scHuge32 on four float64 lanes a step, its operations in its order
// (each rounds as there); c holds the constants of sinCos32F64x8Asm, four
// copies each. It does x[i:n] (n - i a multiple of 4) and returns n, or
// the index of the first vector with a lane outside |x| < scHuge32 (NaN
// included), which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c; Y0-Y7.
TEXT ·sinCos32F64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

loop:
	CMPQ AX, CX
	JGE  done
	VCVTPS2PD (SI)(AX*4), Y0

	// Every lane |x| < scHuge32.
	VANDPD    0(R8), Y0, Y1
	VCMPPD    $0x11, 32(R8), Y1, Y1
	VMOVMSKPD Y1, R10
	CMPQ      R10, $15
	JNE       done

	// n = RoundToEven(x/π - h) (Y2), m = n + h (Y3), r = x - m·π (Y4).
	VMOVUPD     96(R8), Y2
	VFMADD231PD 64(R8), Y0, Y2
	VROUNDPD    $0, Y2, Y2
	VADDPD      128(R8), Y2, Y3
	VMOVAPD     Y0, Y4
	VFMADD231PD 160(R8), Y3, Y4
	VFMADD231PD 192(R8), Y3, Y4
	VFMADD231PD 224(R8), Y3, Y4

	// sin(r) = r*(1 + z*P(z)), z = r^2 (Y5).
	VMULPD      Y4, Y4, Y5
	VMOVUPD     256(R8), Y6
	VFMADD213PD 288(R8), Y5, Y6
	VFMADD213PD 320(R8), Y5, Y6
	VFMADD213PD 352(R8), Y5, Y6
	VFMADD213PD 384(R8), Y5, Y6
	VFMADD213PD 416(R8), Y5, Y6
	VFMADD213PD 448(R8), Y5, Y6
	VMULPD      Y6, Y4, Y6

	// Negate where n + shift is odd.
	VADDPD     480(R8), Y2, Y7
	VPSLLQ     $63, Y7, Y7
	VPXOR      Y7, Y6, Y6
	VCVTPD2PSY Y6, X6
	TESTQ R13, R13
	JNZ   sinCos32F64x4Asm_nt
	VMOVUPS X6, (DI)(AX*4)
sinCos32F64x4Asm_stored:
	ADDQ       $4, AX
	JMP        loop
sinCos32F64x4Asm_nt:
	VMOVNTPS X6, (DI)(AX*4) // streaming: dst is aligned
	JMP sinCos32F64x4Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
