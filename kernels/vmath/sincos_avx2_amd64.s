//go:build goexperiment.simd && amd64

#include "textflag.h"

// func sinCos32F64x4Asm(dst, x *float32, i, n int, c *[scAsmConsts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of Sin32 and Cos32: scSinCos32's path for |x| <
// scHuge32 on four float64 lanes a vector, its operations in its order
// (each rounds as there), two vectors a step where n - i allows, their
// operations interleaved; c holds the constants of sinCos32F64x8Asm, four
// copies each. It does x[i:n] (n - i a multiple of 4) and returns n, or
// the index of the first vector with a lane outside |x| < scHuge32 (NaN
// included), which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n, R8 c, R9 shift; Y0-Y4 the first
// vector's values, Y8-Y12 the second's; Y13-Y15 constants.

// SC4_K is k (the magic-number rounding of x/π) and m = n (sin) or n + 1/2
// (cos) from x, for shift 0 (SC4_KSIN) and 1 (SC4_KCOS).
#define SC4_KSIN(x, k, m) \
	VMOVAPD     Y14, k; \
	VFMADD231PD Y15, x, k; \
	VSUBPD      Y14, k, m

#define SC4_KCOS(x, k, m) \
	VMOVUPD     96(R8), k; \
	VFMADD231PD Y15, x, k; \
	VADDPD      Y14, k, k; \
	VSUBPD      Y14, k, m; \
	VADDPD      128(R8), m, m

// SC4_REST2 is the rest on two vectors: r = x - m·π in x, z = r², p =
// r·(1 + z·P(z)), negated where k is odd, rounded to float32 in xp.
#define SC4_REST2(x, k, m, z, p, xp, x2, k2, m2, z2, p2, xp2) \
	VFMADD231PD 192(R8), m, x; \
	VFMADD231PD 192(R8), m2, x2; \
	VFMADD231PD 224(R8), m, x; \
	VFMADD231PD 224(R8), m2, x2; \
	VMULPD      x, x, z; \
	VMULPD      x2, x2, z2; \
	VMOVUPD     256(R8), p; \
	VMOVUPD     256(R8), p2; \
	VFMADD213PD 288(R8), z, p; \
	VFMADD213PD 288(R8), z2, p2; \
	VFMADD213PD 320(R8), z, p; \
	VFMADD213PD 320(R8), z2, p2; \
	VFMADD213PD 352(R8), z, p; \
	VFMADD213PD 352(R8), z2, p2; \
	VFMADD213PD 384(R8), z, p; \
	VFMADD213PD 384(R8), z2, p2; \
	VFMADD213PD Y13, z, p; \
	VFMADD213PD Y13, z2, p2; \
	VMULPD      p, x, p; \
	VMULPD      p2, x2, p2; \
	VPSLLQ      $63, k, k; \
	VPSLLQ      $63, k2, k2; \
	VPXOR       k, p, p; \
	VPXOR       k2, p2, p2; \
	VCVTPD2PSY  p, xp; \
	VCVTPD2PSY  p2, xp2

// SC4_REST is SC4_REST2 on one vector.
#define SC4_REST(x, k, m, z, p, xp) \
	VFMADD231PD 192(R8), m, x; \
	VFMADD231PD 224(R8), m, x; \
	VMULPD      x, x, z; \
	VMOVUPD     256(R8), p; \
	VFMADD213PD 288(R8), z, p; \
	VFMADD213PD 320(R8), z, p; \
	VFMADD213PD 352(R8), z, p; \
	VFMADD213PD 384(R8), z, p; \
	VFMADD213PD Y13, z, p; \
	VMULPD      p, x, p; \
	VPSLLQ      $63, k, k; \
	VPXOR       k, p, p; \
	VCVTPD2PSY  p, xp

TEXT ·sinCos32F64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VMOVUPD 416(R8), Y13 // 1.0
	VMOVUPD 160(R8), Y14 // scToInt + shift
	VMOVUPD 64(R8), Y15  // scInvPi
	MOVQ    448(R8), R9  // shift

pairs:
	LEAQ 8(AX), R10
	CMPQ R10, CX
	JGT  single

	// Every lane |x| < scHuge32 (false for NaN), else one at a time.
	VMOVUPS  (SI)(AX*4), Y0
	VPAND    0(R8), Y0, Y0
	VMOVUPD  32(R8), Y1
	VPCMPGTD Y0, Y1, Y1
	VMOVMSKPS Y1, R11
	CMPQ     R11, $0xff
	JNE      single

	VCVTPS2PD (SI)(AX*4), Y0
	VCVTPS2PD 16(SI)(AX*4), Y8
	TESTQ     R9, R9
	JNZ       pairsCos
	SC4_KSIN(Y0, Y1, Y2)
	SC4_KSIN(Y8, Y9, Y10)
	JMP       pairsRest

pairsCos:
	SC4_KCOS(Y0, Y1, Y2)
	SC4_KCOS(Y8, Y9, Y10)

pairsRest:
	SC4_REST2(Y0, Y1, Y2, Y3, Y4, X4, Y8, Y9, Y10, Y11, Y12, X12)
	TESTQ   R13, R13
	JNZ     pairsNT
	VMOVUPS X4, (DI)(AX*4)
	VMOVUPS X12, 16(DI)(AX*4)
	ADDQ    $8, AX
	JMP     pairs

pairsNT:
	VMOVNTPS X4, (DI)(AX*4) // streaming: dst is aligned
	VMOVNTPS X12, 16(DI)(AX*4)
	ADDQ     $8, AX
	JMP      pairs

single:
	CMPQ AX, CX
	JGE  done
	VMOVUPS  (SI)(AX*4), X0
	VPAND    0(R8), X0, X0
	VMOVUPD  32(R8), X1
	VPCMPGTD X0, X1, X1
	VMOVMSKPS X1, R11
	CMPQ     R11, $0xf
	JNE      done

	VCVTPS2PD (SI)(AX*4), Y0
	TESTQ     R9, R9
	JNZ       singleCos
	SC4_KSIN(Y0, Y1, Y2)
	JMP       singleRest

singleCos:
	SC4_KCOS(Y0, Y1, Y2)

singleRest:
	SC4_REST(Y0, Y1, Y2, Y3, Y4, X4)
	TESTQ   R13, R13
	JNZ     singleNT
	VMOVUPS X4, (DI)(AX*4)
	ADDQ    $4, AX
	JMP     pairs

singleNT:
	VMOVNTPS X4, (DI)(AX*4)
	ADDQ     $4, AX
	JMP      pairs

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
