//go:build goexperiment.simd && amd64

#include "textflag.h"

// func sinCos32F64x8Asm(dst, x *float32, i, n int, c *[scAsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of Sin32 and Cos32: scSinCos32's path for |x| <
// scHuge32 on eight float64 lanes a step, its operations in its order
// (each rounds as there); c holds the constants, those of the shift
// (sin or cos) among them. It does x[i:n] (n - i a multiple of 8) and
// returns n, or the index of the first vector with a lane outside |x| <
// scHuge32 (NaN included), which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n; Z16-Z31 constants, Z0-Z7 the
// step's values. (Two vectors a step measured no faster.)
TEXT ·sinCos32F64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTQ 0(R8), Z31   // |x| mask
	VPBROADCASTQ 8(R8), Z30   // scHuge32
	VPBROADCASTQ 16(R8), Z29  // scInvPi
	VPBROADCASTQ 24(R8), Z28  // -h
	VPBROADCASTQ 32(R8), Z27  // h
	VPBROADCASTQ 40(R8), Z26  // -scPiA
	VPBROADCASTQ 48(R8), Z25  // -scPiB
	VPBROADCASTQ 56(R8), Z24  // -scPiC
	VPBROADCASTQ 64(R8), Z23  // scF13
	VPBROADCASTQ 72(R8), Z22  // scF11
	VPBROADCASTQ 80(R8), Z21  // scF9
	VPBROADCASTQ 88(R8), Z20  // scF7
	VPBROADCASTQ 96(R8), Z19  // scF5
	VPBROADCASTQ 104(R8), Z18 // scF3
	VPBROADCASTQ 112(R8), Z17 // 1.0
	VPBROADCASTQ 120(R8), Z16 // scToInt + shift

loop:
	CMPQ AX, CX
	JGE  done
	VCVTPS2PD (SI)(AX*4), Z0

	// Every lane |x| < scHuge32 (false for NaN).
	VANDPD   Z31, Z0, Z1
	VCMPPD   $1, Z30, Z1, K1
	KORTESTB K1, K1
	JCC      done

	// n = RoundToEven(x/π - h) (Z2), m = n + h (Z3), r = x - m·π (Z4).
	VMOVAPD     Z28, Z2
	VFMADD231PD Z29, Z0, Z2
	VRNDSCALEPD $0, Z2, Z2
	VADDPD      Z27, Z2, Z3
	VMOVAPD     Z0, Z4
	VFMADD231PD Z26, Z3, Z4
	VFMADD231PD Z25, Z3, Z4
	VFMADD231PD Z24, Z3, Z4

	// sin(r) = r*(1 + z*P(z)), z = r^2 (Z5).
	VMULPD      Z4, Z4, Z5
	VMOVAPD     Z23, Z6
	VFMADD213PD Z22, Z5, Z6
	VFMADD213PD Z21, Z5, Z6
	VFMADD213PD Z20, Z5, Z6
	VFMADD213PD Z19, Z5, Z6
	VFMADD213PD Z18, Z5, Z6
	VFMADD213PD Z17, Z5, Z6
	VMULPD      Z6, Z4, Z6

	// Negate where n + shift is odd.
	VADDPD    Z16, Z2, Z7
	VPSLLQ    $63, Z7, Z7
	VPXORQ    Z7, Z6, Z6
	VCVTPD2PS Z6, Y6
	TESTQ R13, R13
	JNZ   sinCos32F64x8Asm_nt
	VMOVUPS Y6, (DI)(AX*4)
sinCos32F64x8Asm_stored:
	ADDQ      $8, AX
	JMP       loop
sinCos32F64x8Asm_nt:
	VMOVNTPS Y6, (DI)(AX*4) // streaming: dst is aligned
	JMP sinCos32F64x8Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
