//go:build goexperiment.simd && amd64

#include "textflag.h"

// func pow32F64x8Asm(dst, x, y *float32, i, n int, c *[pow32AsmConsts]uint64) int
//
// The AVX-512 loop of float32 pow: powF32's fast case on eight float64
// lanes a step (log32Core, the product with y, exp32Core), the scalar
// body's operations in its order. It does i up to n (n - i a multiple of
// 8) and returns n, or the index of the first vector with a lane outside
// the fast case (x not positive and finite, |y| > MaxFloat32 or NaN,
// |y log x| > exp32Bound), which the caller does with the scalar body.
//
// Registers: SI x, BX y, DI dst, AX i, CX n, R8 the constants (the
// polynomials' coefficients are read from there by broadcast); Z20-Z31
// constants, Z0-Z12 the step's values.
TEXT ·pow32F64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ i+24(FP), AX
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), R8

	VPBROADCASTQ 0(R8), Z31  // 1 (bits)
	VPBROADCASTQ 8(R8), Z30  // bits of MaxFloat32 less 1
	VPBROADCASTQ 16(R8), Z29 // |x| mask
	VPBROADCASTQ 24(R8), Z28 // MaxFloat32
	VPBROADCASTQ 32(R8), Z27 // log32Off
	VPBROADCASTQ 40(R8), Z26 // 1.0
	VPBROADCASTQ 48(R8), Z25 // log32Ln2
	VPBROADCASTQ 56(R8), Z24 // exp32Bound
	VPBROADCASTQ 64(R8), Z23 // exp32InvLn2N
	VPBROADCASTQ 72(R8), Z22 // expShift
	VPBROADCASTQ 80(R8), Z21 // exp32NegLn2N
	VMOVDQU64    ·expTabScale(SB), Z20

	// 88(R8)...: log32Coef[0..7], then exp32C2..exp32C5.

loop:
	CMPQ AX, CX
	JGE  done
	VCVTPS2PD (SI)(AX*4), Z0 // xd
	VCVTPS2PD (BX)(AX*4), Z1 // yd

	// xd positive and finite (ix - 1 < bits(MaxFloat32)), |yd| <= MaxFloat32.
	VPSUBQ   Z31, Z0, Z2
	VPCMPUQ  $1, Z30, Z2, K1
	VANDPD   Z29, Z1, Z3
	VCMPPD   $2, Z28, Z3, K1, K1
	KORTESTB K1, K1
	JCC      done

	// log32Core: k = (ix - log32Off) >> 52 (arithmetic), m = ix - k<<52,
	// s = (m-1)/(m+1), log m = 2s + 2s*s2*Q(s2).
	VPSUBQ    Z27, Z0, Z2
	VPSRAQ    $52, Z2, Z2
	VPSLLQ    $52, Z2, Z3
	VPSUBQ    Z3, Z0, Z3
	VCVTQQ2PD Z2, Z2      // kd
	VSUBPD    Z26, Z3, Z4 // f = m - 1
	VADDPD    Z26, Z3, Z5 // m + 1
	VDIVPD    Z5, Z4, Z4  // s
	VMULPD    Z4, Z4, Z5  // s2
	VMULPD    Z5, Z5, Z6  // s4
	VMULPD    Z6, Z6, Z7  // s8

	VBROADCASTSD     96(R8), Z8
	VFMADD213PD.BCST 88(R8), Z5, Z8   // b01
	VBROADCASTSD     112(R8), Z9
	VFMADD213PD.BCST 104(R8), Z5, Z9  // b23
	VBROADCASTSD     128(R8), Z10
	VFMADD213PD.BCST 120(R8), Z5, Z10 // b45
	VBROADCASTSD     144(R8), Z11
	VFMADD213PD.BCST 136(R8), Z5, Z11 // b67
	VFMADD231PD      Z9, Z6, Z8       // b03 = s4*b23 + b01
	VFMADD231PD      Z11, Z6, Z10     // b47 = s4*b67 + b45
	VFMADD231PD      Z10, Z7, Z8      // q = s8*b47 + b03
	VADDPD           Z4, Z4, Z9       // t = s + s
	VMULPD           Z5, Z9, Z10      // t*s2
	VFMADD213PD      Z9, Z10, Z8      // lm = (t*s2)*q + t
	VFMADD231PD      Z25, Z2, Z8      // kd*Ln2 + lm

	// e = yd*log x; every lane |e| <= exp32Bound.
	VMULPD   Z8, Z1, Z0
	VANDPD   Z29, Z0, Z3
	VCMPPD   $2, Z24, Z3, K2
	KORTESTB K2, K2
	JCC      done

	// exp32Core(e).
	VMULPD           Z23, Z0, Z2  // z = e*InvLn2N
	VADDPD           Z22, Z2, Z2  // kd = z + shift; its bits are ki
	VSUBPD           Z22, Z2, Z3  // kd -= shift
	VFMADD213PD      Z0, Z21, Z3  // r = kd*NegLn2N + e
	VMULPD           Z3, Z3, Z4   // r2
	VBROADCASTSD     160(R8), Z5
	VFMADD213PD.BCST 152(R8), Z3, Z5 // a = r*C3 + C2
	VBROADCASTSD     176(R8), Z6
	VFMADD213PD.BCST 168(R8), Z3, Z6 // b = r*C5 + C4
	VFMADD231PD      Z6, Z4, Z5      // q = r2*b + a
	VFMADD213PD      Z3, Z4, Z5      // p = r2*q + r
	VPERMQ           Z20, Z2, Z7     // expTabScale[ki % 8]
	VPSLLQ           $49, Z2, Z8
	VPADDQ           Z8, Z7, Z7      // scale
	VFMADD213PD      Z7, Z7, Z5      // scale*p + scale
	VCVTPD2PS        Z5, Y5
	VMOVUPS          Y5, (DI)(AX*4)
	ADDQ             $8, AX
	JMP              loop

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
