//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "exp_amd64.h"

// func exp32F32x16Asm(dst, x *float32, i, n int, c *[exp32ShortConsts]uint32, nt bool) int
//
// The AVX-512 loop of float32 exp: exp32Short on sixteen float32 lanes a
// step, the scalar body's operations in its order (each float32 add,
// multiply and FMA rounds as there), the tables in two registers read by
// VPERMPS. It does x[i:n] (n - i a multiple of 16) and returns n, or the
// index of the first vector with a lane outside [exp32ShortLo,
// exp32ShortHi] (NaN included), which the caller does with the scalar
// body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n; Z20-Z31 constants, Z0-Z8 the
// step's values.
TEXT ·exp32F32x16Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTD 0(R8), Z31  // exp32ShortLo
	VPBROADCASTD 4(R8), Z30  // exp32ShortHi
	VPBROADCASTD 8(R8), Z29  // exp32fInvLn2N
	VPBROADCASTD 12(R8), Z28 // exp32fShift
	VPBROADCASTD 16(R8), Z27 // exp32fLn2hiN
	VPBROADCASTD 20(R8), Z26 // exp32fLn2loN
	VPBROADCASTD 24(R8), Z25 // exp32fC2
	VPBROADCASTD 28(R8), Z24 // exp32fC3
	VPBROADCASTD 32(R8), Z23 // exp32fC4
	VPBROADCASTD 36(R8), Z22 // exp32fC5
	VPBROADCASTD 40(R8), Z21 // exp32fScaleMask
	VMOVDQU32    ·exp32TabHi(SB), Z20
	VMOVDQU32    ·exp32TabLo(SB), Z19

loop32:
	CMPQ AX, CX
	JGE  done32
	VMOVUPS (SI)(AX*4), Z0

	// Every lane exp32ShortLo <= x <= exp32ShortHi (false for NaN).
	VCMPPS   $0x1d, Z31, Z0, K1
	VCMPPS   $0x12, Z30, Z0, K1, K1
	KORTESTW K1, K1
	JCC      done32

	VMULPS       Z29, Z0, Z1 // z = x*InvLn2N
	VADDPS       Z28, Z1, Z1 // zs = z + shift; its bits are nb
	VSUBPS       Z28, Z1, Z2 // n = zs - shift
	VMOVAPS      Z0, Z3
	VFNMADD231PS Z27, Z2, Z3 // r = x - n*Ln2hiN
	VFNMADD231PS Z26, Z2, Z3 // r -= n*Ln2loN
	VMULPS       Z3, Z3, Z4  // r2
	VMOVAPS      Z22, Z5
	VFMADD213PS  Z23, Z3, Z5 // q = r*C5 + C4
	VFMADD213PS  Z24, Z3, Z5 // q = r*q + C3
	VFMADD213PS  Z25, Z3, Z5 // q = r*q + C2
	VFMADD213PS  Z3, Z4, Z5  // p = r2*q + r
	VPERMPS      Z20, Z1, Z6 // hi
	VPERMPS      Z19, Z1, Z7 // lo
	VFMADD231PS  Z5, Z6, Z7  // u = hi*p + lo
	VADDPS       Z7, Z6, Z6  // y = hi + u
	VPSLLD       $20, Z1, Z8
	VPANDD       Z21, Z8, Z8 // k<<23
	VPADDD       Z8, Z6, Z6

	TESTQ R13, R13
	JNZ   exp32F32x16Asm_nt
	VMOVUPS Z6, (DI)(AX*4)
exp32F32x16Asm_stored:
	ADDQ $16, AX
	JMP  loop32
exp32F32x16Asm_nt:
	VMOVNTPS Z6, (DI)(AX*4) // streaming: dst is aligned
	JMP exp32F32x16Asm_stored

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func expF64x8Asm(dst, x *float64, i, n int, c *[expAsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float64 exp: expF64's fast path on eight lanes a
// step, the scalar body's operations in its order, the eight-entry tables
// in two registers read by VPERMQ (EXPTAIL8E, exp_amd64.h). It does
// x[i:n] (n - i a multiple of 8) and returns n, or the index of the first vector with a lane outside
// expLow < x < expBound (NaN included), which the caller does with the
// scalar body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n; Z15-Z16 and Z18-Z31 constants,
// Z0-Z14 the step's values.
TEXT ·expF64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTQ 0(R8), Z31  // expLow
	VPBROADCASTQ 8(R8), Z30  // expBound
	VPBROADCASTQ 16(R8), Z29 // expInvLn2N
	VPBROADCASTQ 24(R8), Z28 // expShift
	VPBROADCASTQ 32(R8), Z27 // expNegLn2hiN
	VPBROADCASTQ 40(R8), Z26 // expNegLn2loN
	VPBROADCASTQ 48(R8), Z25 // 1.0
	VPBROADCASTQ 56(R8), Z24 // expM2
	VPBROADCASTQ 64(R8), Z23 // expM3
	VPBROADCASTQ 72(R8), Z22 // expM4
	VPBROADCASTQ 80(R8), Z21 // expM5
	VPBROADCASTQ 88(R8), Z20 // expM6
	VPBROADCASTQ 96(R8), Z19 // expM7
	VPBROADCASTQ 104(R8), Z18 // expM8
	VMOVDQU64    ·expTabScale(SB), Z16
	VMOVDQU64    ·expTabTail(SB), Z15

exploop:
	CMPQ AX, CX
	JGE  expdone
	VMOVUPD (SI)(AX*8), Z0

	// Every lane expLow < x < expBound.
	VCMPPD   $0x1e, Z31, Z0, K1
	VCMPPD   $0x11, Z30, Z0, K1, K1
	KORTESTB K1, K1
	JCC      expdone

	// kd (Z2), ki (Z1); r (Z4) and d (Z3).
	VMOVAPD     Z0, Z1
	VFMADD213PD Z28, Z29, Z1 // x*InvLn2N + shift
	VSUBPD      Z28, Z1, Z2
	VMULPD      Z26, Z2, Z3 // t = kd*NegLn2loN
	VFMADD213PD Z0, Z27, Z2 // rh = kd*NegLn2hiN + x
	VADDPD      Z3, Z2, Z4  // r = rh + t
	VSUBPD      Z4, Z2, Z2
	VADDPD      Z3, Z2, Z3  // d = (rh - r) + t

	EXPTAIL8E(Z25, Z24, Z23, Z22, Z21, Z20, Z19, Z18, Z16, Z15)

	TESTQ R13, R13
	JNZ   expF64x8Asm_nt
	VMOVUPD Z14, (DI)(AX*8)
expF64x8Asm_stored:
	ADDQ    $8, AX
	JMP     exploop
expF64x8Asm_nt:
	VMOVNTPD Z14, (DI)(AX*8) // streaming: dst is aligned
	JMP expF64x8Asm_stored

expdone:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
