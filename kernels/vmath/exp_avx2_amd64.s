//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "exp_amd64.h"

// func expF64x4Asm(dst, x *float64, i, n int, c *[expAVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float64 exp: expF64's fast path on four lanes a
// step, the scalar body's operations in its order (each rounds as
// there), the eight-entry table read by VGATHERQPD, the constants read
// from c (four copies each) as memory operands. It does x[i:n] (n - i a
// multiple of 4) and returns n, or the index of the first vector with a
// lane outside expLow < x < expBound (NaN included), which the caller
// does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c, R9 and R11 the tables,
// R14 the tail's constants (exp_amd64.h); Y0-Y13.
TEXT ·expF64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13
	LEAQ ·expTabScale(SB), R9
	LEAQ ·expTabTail(SB), R11
	LEAQ 192(R8), R14 // EXPTAIL4's constants

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0

	// Every lane expLow < x < expBound.
	VCMPPD    $0x1e, 0(R8), Y0, Y1
	VCMPPD    $0x11, 32(R8), Y0, Y2
	VANDPD    Y2, Y1, Y1
	VMOVMSKPD Y1, R10
	CMPQ      R10, $15
	JNE       done

	// ki (Y1), kd (Y2); r (Y4) and d (Y3).
	VMULPD      64(R8), Y0, Y1
	VADDPD      96(R8), Y1, Y1
	VSUBPD      96(R8), Y1, Y2
	VMULPD      160(R8), Y2, Y3  // t = kd*NegLn2loN
	VFMADD132PD 128(R8), Y0, Y2  // rh = kd*NegLn2hiN + x
	VADDPD      Y3, Y2, Y4       // r = rh + t
	VSUBPD      Y4, Y2, Y2
	VADDPD      Y3, Y2, Y3       // d = (rh - r) + t

	EXPTAIL4(R9, R11)

	TESTQ R13, R13
	JNZ   expF64x4Asm_nt
	VMOVUPD Y12, (DI)(AX*8)
	JMP   expF64x4Asm_stored
expF64x4Asm_nt:
	VMOVNTPD Y12, (DI)(AX*8) // streaming: dst is aligned
expF64x4Asm_stored:
	ADDQ    $4, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func exp32F64x4Asm(dst, x *float32, i, n int, c *[exp32AVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float32 exp: exp32Core on four float64 lanes a
// step, the scalar body's operations in its order, the scale table read
// by VGATHERQPD, the constants read from c (four copies each). It does
// x[i:n] (n - i a multiple of 4) and returns n, or the index of the first
// vector with a lane outside |x| <= exp32Bound (NaN included), which the
// caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c, R9 the table; Y0-Y10.
TEXT ·exp32F64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13
	LEAQ ·expTabScale(SB), R9

loop32:
	CMPQ AX, CX
	JGE  done32
	VCVTPS2PD (SI)(AX*4), Y0

	// Every lane |x| <= exp32Bound.
	VANDPD    0(R8), Y0, Y1
	VCMPPD    $0x12, 32(R8), Y1, Y1
	VMOVMSKPD Y1, R10
	CMPQ      R10, $15
	JNE       done32

	VMULPD      64(R8), Y0, Y2   // z = x*InvLn2N
	VADDPD      96(R8), Y2, Y2   // kd = z + shift; its bits are ki
	VSUBPD      96(R8), Y2, Y3   // kd -= shift
	VFMADD132PD 128(R8), Y0, Y3  // r = kd*NegLn2N + x
	VMULPD      Y3, Y3, Y4       // r2
	VMOVUPD     192(R8), Y5
	VFMADD213PD 160(R8), Y3, Y5  // a = r*C3 + C2
	VMOVUPD     256(R8), Y6
	VFMADD213PD 224(R8), Y3, Y6  // b = r*C5 + C4
	VFMADD231PD Y6, Y4, Y5       // q = r2*b + a
	VFMADD213PD Y3, Y4, Y5       // p = r2*q + r
	VPAND       288(R8), Y2, Y7
	VPCMPEQQ    Y9, Y9, Y9
	VPXOR       Y8, Y8, Y8
	VGATHERQPD  Y9, 0(R9)(Y7*8), Y8 // expTabScale[ki % 8]
	VPSLLQ      $49, Y2, Y10
	VPADDQ      Y10, Y8, Y8      // scale
	VFMADD213PD Y8, Y8, Y5       // scale*p + scale
	VCVTPD2PSY  Y5, X5
	TESTQ R13, R13
	JNZ   exp32F64x4Asm_nt
	VMOVUPS X5, (DI)(AX*4)
	JMP   exp32F64x4Asm_stored
exp32F64x4Asm_nt:
	VMOVNTPS X5, (DI)(AX*4) // streaming: dst is aligned
exp32F64x4Asm_stored:
	ADDQ        $4, AX
	JMP         loop32

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
