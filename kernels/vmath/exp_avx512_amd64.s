//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "exp_amd64.h"

// func exp32F64x8Asm(dst, x *float32, i, n int, c *[exp32AsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float32 exp: exp32Core on eight float64 lanes a
// step, the scalar body's operations in its order (each rounds as
// there), the scale table in one register read by VPERMQ. It does
// x[i:n] (n - i a multiple of 8) and returns n, or the index of the
// first vector with a lane outside |x| <= exp32Bound (NaN included),
// which the caller does with the scalar body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n; Z22-Z31 constants, Z0-Z8 the
// step's values.
TEXT ·exp32F64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTQ 0(R8), Z31  // |x| mask
	VPBROADCASTQ 8(R8), Z30  // exp32Bound
	VPBROADCASTQ 16(R8), Z29 // exp32InvLn2N
	VPBROADCASTQ 24(R8), Z28 // expShift
	VPBROADCASTQ 32(R8), Z27 // exp32NegLn2N
	VPBROADCASTQ 40(R8), Z26 // exp32C2
	VPBROADCASTQ 48(R8), Z25 // exp32C3
	VPBROADCASTQ 56(R8), Z24 // exp32C4
	VPBROADCASTQ 64(R8), Z23 // exp32C5
	VMOVDQU64    ·expTabScale(SB), Z22

loop:
	CMPQ AX, CX
	JGE  done
	VCVTPS2PD (SI)(AX*4), Z0

	// Every lane |x| <= exp32Bound (false for NaN).
	VANDPD   Z31, Z0, Z1
	VCMPPD   $2, Z30, Z1, K1
	KORTESTB K1, K1
	JCC      done

	VMULPD      Z29, Z0, Z2  // z = x*InvLn2N
	VADDPD      Z28, Z2, Z2  // kd = z + shift; its bits are ki
	VSUBPD      Z28, Z2, Z3  // kd -= shift
	VFMADD213PD Z0, Z27, Z3  // r = kd*NegLn2N + x
	VMULPD      Z3, Z3, Z4   // r2
	VMOVAPD     Z25, Z5
	VFMADD213PD Z26, Z3, Z5  // a = r*C3 + C2
	VMOVAPD     Z23, Z6
	VFMADD213PD Z24, Z3, Z6  // b = r*C5 + C4
	VFMADD231PD Z6, Z4, Z5   // q = r2*b + a
	VFMADD213PD Z3, Z4, Z5   // p = r2*q + r
	VPERMQ      Z22, Z2, Z7  // expTabScale[ki % 8]
	VPSLLQ      $49, Z2, Z8
	VPADDQ      Z8, Z7, Z7   // scale = tab + ki<<49
	VFMADD213PD Z7, Z7, Z5   // scale*p + scale
	VCVTPD2PS   Z5, Y5
	TESTQ R13, R13
	JNZ   exp32F64x8Asm_nt
	VMOVUPS Y5, (DI)(AX*4)
	JMP   exp32F64x8Asm_stored
exp32F64x8Asm_nt:
	VMOVNTPS Y5, (DI)(AX*4) // streaming: dst is aligned
exp32F64x8Asm_stored:
	ADDQ        $8, AX
	JMP         loop

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func expF64x8Asm(dst, x *float64, i, n int, c *[expAsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float64 exp: expF64's fast path on eight lanes a
// step, the scalar body's operations in its order, the eight-entry table
// in two registers read by VPERMQ (EXPTAIL8, exp_amd64.h, shared with
// pow).
// It does x[i:n] (n - i a multiple of
// 8) and returns n, or the index of the first vector with a lane outside
// expLow < x < expBound (NaN included), which the caller does with the
// scalar body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n; Z15-Z31 constants, Z0-Z14 the
// step's values.
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
	VPBROADCASTQ 56(R8), Z24 // expC2
	VPBROADCASTQ 64(R8), Z23 // expC3
	VPBROADCASTQ 72(R8), Z22 // expC4
	VPBROADCASTQ 80(R8), Z21 // expC5
	VPBROADCASTQ 88(R8), Z20 // expC6
	VPBROADCASTQ 96(R8), Z19 // expC7
	VPBROADCASTQ 104(R8), Z18 // expC8
	VPBROADCASTQ 112(R8), Z17 // expC9
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
	VMULPD      Z29, Z0, Z1
	VADDPD      Z28, Z1, Z1
	VSUBPD      Z28, Z1, Z2
	VMULPD      Z26, Z2, Z3 // t = kd*NegLn2loN
	VFMADD213PD Z0, Z27, Z2 // rh = kd*NegLn2hiN + x
	VADDPD      Z3, Z2, Z4  // r = rh + t
	VSUBPD      Z4, Z2, Z2
	VADDPD      Z3, Z2, Z3  // d = (rh - r) + t

	EXPTAIL8(VMOVUPD, VFMADD213PD, VADDPD, Z25, Z24, Z23, Z22, Z21, Z20, Z19, Z18, Z17, Z16, Z15)

	TESTQ R13, R13
	JNZ   expF64x8Asm_nt
	VMOVUPD Z14, (DI)(AX*8)
	JMP   expF64x8Asm_stored
expF64x8Asm_nt:
	VMOVNTPD Z14, (DI)(AX*8) // streaming: dst is aligned
expF64x8Asm_stored:
	ADDQ    $8, AX
	JMP     exploop

expdone:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
