//go:build goexperiment.simd && amd64

#include "textflag.h"

// func exp32F64x8Asm(dst, x *float32, i, n int, c *[exp32AsmConsts]uint64) int
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
TEXT ·exp32F64x8Asm(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8

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
	VMOVUPS     Y5, (DI)(AX*4)
	ADDQ        $8, AX
	JMP         loop

done:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET
