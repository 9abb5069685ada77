//go:build goexperiment.simd && amd64

#include "textflag.h"

// func sinCos32F64x8Asm(dst, x *float32, i, n int, c *[scAsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of Sin32 and Cos32: scSinCos32's path for |x| <
// scHuge32 on eight float64 lanes a vector, its operations in its order
// (each rounds as there), two vectors a step where n - i allows, their
// operations interleaved so that the long dependency chain of one
// overlaps the other's. c holds the constants (scAsmConst), those of the
// shift (sin or cos) among them. It does x[i:n] (n - i a multiple of 8)
// and returns n, or the index of the first vector with a lane outside |x|
// < scHuge32 (NaN included), which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R9 shift; Z18-Z31 constants;
// Z0-Z5 the first vector's values, Z8-Z12 the second's.

// SC8_K is k (the magic-number rounding of x/π) and m = n (sin) or n + 1/2
// (cos) from x, for shift 0 (SC8_KSIN) and 1 (SC8_KCOS).
#define SC8_KSIN(x, k, m) \
	VMOVAPD     Z29, k; \
	VFMADD231PD Z30, x, k; \
	VSUBPD      Z29, k, m

#define SC8_KCOS(x, k, m) \
	VMOVAPD     Z28, k; \
	VFMADD231PD Z30, x, k; \
	VADDPD      Z29, k, k; \
	VSUBPD      Z29, k, m; \
	VADDPD      Z27, m, m

// SC8_REST2 is the rest on two vectors: r = x - m·π in x, z = r², p =
// r·(1 + z·P(z)), negated where k is odd, rounded to float32 in yp.
#define SC8_REST2(x, k, m, z, p, yp, x2, k2, m2, z2, p2, yp2) \
	VFMADD231PD Z26, m, x; \
	VFMADD231PD Z26, m2, x2; \
	VFMADD231PD Z25, m, x; \
	VFMADD231PD Z25, m2, x2; \
	VMULPD      x, x, z; \
	VMULPD      x2, x2, z2; \
	VMOVAPD     Z24, p; \
	VMOVAPD     Z24, p2; \
	VFMADD213PD Z23, z, p; \
	VFMADD213PD Z23, z2, p2; \
	VFMADD213PD Z22, z, p; \
	VFMADD213PD Z22, z2, p2; \
	VFMADD213PD Z21, z, p; \
	VFMADD213PD Z21, z2, p2; \
	VFMADD213PD Z20, z, p; \
	VFMADD213PD Z20, z2, p2; \
	VFMADD213PD Z31, z, p; \
	VFMADD213PD Z31, z2, p2; \
	VMULPD      p, x, p; \
	VMULPD      p2, x2, p2; \
	VPSLLQ      $63, k, k; \
	VPSLLQ      $63, k2, k2; \
	VPXORQ      k, p, p; \
	VPXORQ      k2, p2, p2; \
	VCVTPD2PS   p, yp; \
	VCVTPD2PS   p2, yp2

// SC8_REST is SC8_REST2 on one vector.
#define SC8_REST(x, k, m, z, p, yp) \
	VFMADD231PD Z26, m, x; \
	VFMADD231PD Z25, m, x; \
	VMULPD      x, x, z; \
	VMOVAPD     Z24, p; \
	VFMADD213PD Z23, z, p; \
	VFMADD213PD Z22, z, p; \
	VFMADD213PD Z21, z, p; \
	VFMADD213PD Z20, z, p; \
	VFMADD213PD Z31, z, p; \
	VMULPD      p, x, p; \
	VPSLLQ      $63, k, k; \
	VPXORQ      k, p, p; \
	VCVTPD2PS   p, yp

TEXT ·sinCos32F64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTQ 0(R8), Z19   // |x| mask, float32 lanes
	VPBROADCASTQ 8(R8), Z18   // scHuge32, float32 lanes
	VPBROADCASTQ 16(R8), Z30  // scInvPi
	VPBROADCASTQ 24(R8), Z28  // -1/2 (cos)
	VPBROADCASTQ 32(R8), Z27  // 1/2 (cos)
	VPBROADCASTQ 40(R8), Z29  // scToInt + shift
	VPBROADCASTQ 48(R8), Z26  // -scPiA
	VPBROADCASTQ 56(R8), Z25  // -scPiB
	VPBROADCASTQ 64(R8), Z24  // scF11
	VPBROADCASTQ 72(R8), Z23  // scF9
	VPBROADCASTQ 80(R8), Z22  // scF7
	VPBROADCASTQ 88(R8), Z21  // scF5
	VPBROADCASTQ 96(R8), Z20  // scF3
	VPBROADCASTQ 104(R8), Z31 // 1.0
	MOVQ         112(R8), R9  // shift

pairs:
	LEAQ 16(AX), R10
	CMPQ R10, CX
	JGT  single

	// Every lane |x| < scHuge32 (false for NaN), else one at a time.
	VPANDD   (SI)(AX*4), Z19, Z5
	VPCMPUD  $1, Z18, Z5, K1
	KORTESTW K1, K1
	JCC      single

	VCVTPS2PD (SI)(AX*4), Z0
	VCVTPS2PD 32(SI)(AX*4), Z8
	TESTQ     R9, R9
	JNZ       pairsCos
	SC8_KSIN(Z0, Z1, Z2)
	SC8_KSIN(Z8, Z9, Z10)
	JMP       pairsRest

pairsCos:
	SC8_KCOS(Z0, Z1, Z2)
	SC8_KCOS(Z8, Z9, Z10)

pairsRest:
	SC8_REST2(Z0, Z1, Z2, Z3, Z4, Y4, Z8, Z9, Z10, Z11, Z12, Y12)
	TESTQ   R13, R13
	JNZ     pairsNT
	VMOVUPS Y4, (DI)(AX*4)
	VMOVUPS Y12, 32(DI)(AX*4)
	ADDQ    $16, AX
	JMP     pairs

pairsNT:
	VMOVNTPS Y4, (DI)(AX*4) // streaming: dst is aligned
	VMOVNTPS Y12, 32(DI)(AX*4)
	ADDQ     $16, AX
	JMP      pairs

single:
	CMPQ AX, CX
	JGE  done
	VPANDD   (SI)(AX*4), Y19, Y5
	VPCMPUD  $1, Y18, Y5, K1
	KORTESTB K1, K1
	JCC      done

	VCVTPS2PD (SI)(AX*4), Z0
	TESTQ     R9, R9
	JNZ       singleCos
	SC8_KSIN(Z0, Z1, Z2)
	JMP       singleRest

singleCos:
	SC8_KCOS(Z0, Z1, Z2)

singleRest:
	SC8_REST(Z0, Z1, Z2, Z3, Z4, Y4)
	TESTQ   R13, R13
	JNZ     singleNT
	VMOVUPS Y4, (DI)(AX*4)
	ADDQ    $8, AX
	JMP     pairs

singleNT:
	VMOVNTPS Y4, (DI)(AX*4)
	ADDQ     $8, AX
	JMP      pairs

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
