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
	VMOVUPD     96(R8), Y1
	VFMADD231PD 64(R8), Y0, Y1 // x*InvLn2N + shift
	VSUBPD      96(R8), Y1, Y2
	VMULPD      160(R8), Y2, Y3  // t = kd*NegLn2loN
	VFMADD132PD 128(R8), Y0, Y2  // rh = kd*NegLn2hiN + x
	VADDPD      Y3, Y2, Y4       // r = rh + t
	VSUBPD      Y4, Y2, Y2
	VADDPD      Y3, Y2, Y3       // d = (rh - r) + t

	EXPTAIL4E(R9, R11)

	TESTQ R13, R13
	JNZ   expF64x4Asm_nt
	VMOVUPD Y12, (DI)(AX*8)
expF64x4Asm_stored:
	ADDQ    $4, AX
	JMP     loop
expF64x4Asm_nt:
	VMOVNTPD Y12, (DI)(AX*8) // streaming: dst is aligned
	JMP expF64x4Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func exp32F32x8Asm(dst, x *float32, i, n int, c *[exp32ShortConsts][8]uint32, nt bool) int
//
// The AVX2+FMA loop of float32 exp: exp32Short on eight float32 lanes a
// step, the scalar body's operations in its order, the eight-entry
// tables read by VPERMPS from memory, the constants read from c (eight
// copies each) as memory operands. It does x[i:n] (n - i a multiple of
// 8) and returns n, or the index of the first vector with a lane outside
// [exp32ShortLo, exp32ShortHi] (NaN included), which the caller does
// with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c; Y0-Y8.
TEXT ·exp32F32x8Asm(SB), NOSPLIT, $0-56
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

	// Every lane exp32ShortLo <= x <= exp32ShortHi (false for NaN).
	VCMPPS    $0x1d, 0(R8), Y0, Y1
	VCMPPS    $0x12, 32(R8), Y0, Y2
	VANDPS    Y2, Y1, Y1
	VMOVMSKPS Y1, R10
	CMPQ      R10, $255
	JNE       done32

	VMULPS       64(R8), Y0, Y1 // z = x*InvLn2N
	VADDPS       96(R8), Y1, Y1 // zs = z + shift; its bits are nb
	VSUBPS       96(R8), Y1, Y2 // n = zs - shift
	VMOVAPS      Y0, Y3
	VFNMADD231PS 128(R8), Y2, Y3 // r = x - n*Ln2hiN
	VFNMADD231PS 160(R8), Y2, Y3 // r -= n*Ln2loN
	VMULPS       Y3, Y3, Y4      // r2
	VMOVUPS      288(R8), Y5
	VFMADD213PS  256(R8), Y3, Y5 // q = r*C5 + C4
	VFMADD213PS  224(R8), Y3, Y5 // q = r*q + C3
	VFMADD213PS  192(R8), Y3, Y5 // q = r*q + C2
	VFMADD213PS  Y3, Y4, Y5      // p = r2*q + r
	VPERMPS      ·exp32TabHi(SB), Y1, Y6 // hi
	VPERMPS      ·exp32TabLo(SB), Y1, Y7 // lo
	VFMADD231PS  Y5, Y6, Y7      // u = hi*p + lo
	VADDPS       Y7, Y6, Y6      // y = hi + u
	VPSLLD       $20, Y1, Y8
	VPAND        320(R8), Y8, Y8 // k<<23
	VPADDD       Y8, Y6, Y6

	TESTQ R13, R13
	JNZ   exp32F32x8Asm_nt
	VMOVUPS Y6, (DI)(AX*4)
exp32F32x8Asm_stored:
	ADDQ $8, AX
	JMP  loop32
exp32F32x8Asm_nt:
	VMOVNTPS Y6, (DI)(AX*4) // streaming: dst is aligned
	JMP exp32F32x8Asm_stored

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
