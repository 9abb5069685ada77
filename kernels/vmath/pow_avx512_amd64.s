//go:build goexperiment.simd && amd64

#include "textflag.h"

// func pow32F64x8Asm(dst, x, y *float32, i, n int, c *[pow32AsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float32 pow: powF32's fast case on eight float64
// lanes a step (pow32Log, the product with y, exp32Core), the scalar
// body's operations in its order. It does i up to n (n - i a multiple of
// 8) and returns n, or the index of the first vector with a lane outside
// the fast case (x not positive and finite, |y| > MaxFloat32 or NaN,
// |y log x| > exp32Bound), which the caller does with the scalar body.
//
// Registers: SI x, BX y, DI dst, AX i, CX n, R8 the constants (the
// polynomials' coefficients are read from there by broadcast); Z20-Z31
// constants, Z16-Z19 pow32Log's tables, Z0-Z12 the step's values.
TEXT ·pow32F64x8Asm(SB), NOSPLIT, $0-64
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ i+24(FP), AX
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), R8
	MOVBQZX nt+48(FP), R13

	VPBROADCASTQ 0(R8), Z31  // 1 (bits)
	VPBROADCASTQ 8(R8), Z30  // bits of MaxFloat32 less 1
	VPBROADCASTQ 16(R8), Z29 // |x| mask
	VPBROADCASTQ 24(R8), Z28 // MaxFloat32
	VPBROADCASTQ 32(R8), Z27 // pow32Off
	VPBROADCASTQ 40(R8), Z26 // 1.0
	VPBROADCASTQ 48(R8), Z25 // log32Ln2
	VPBROADCASTQ 56(R8), Z24 // exp32Bound
	VPBROADCASTQ 64(R8), Z23 // exp32InvLn2N
	VPBROADCASTQ 72(R8), Z22 // expShift
	VPBROADCASTQ 80(R8), Z21 // exp32NegLn2N
	VMOVDQU64    ·expTabScale(SB), Z20
	VMOVDQU64    ·pow32InvC(SB), Z16
	VMOVDQU64    ·pow32InvC+64(SB), Z17
	VMOVDQU64    ·pow32LogC(SB), Z18
	VMOVDQU64    ·pow32LogC+64(SB), Z19

	// 88(R8)...: pow32C2..pow32C7, then exp32C2..exp32C5.

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

	// pow32Log: tmp = ix - pow32Off (Z2), k = tmp >> 52 (arithmetic; kd
	// Z3), z = ix - k<<52 (Z4), i = tmp >> 48 (low four bits, Z5 and Z6);
	// invc and -log(invc) from the tables in Z16-Z19 by VPERMI2PD; r (Z4),
	// kc = kd*Ln2 - log(invc) (Z6), r2 (Z7), log x = kc + r + r2*Q(r) (Z8).
	VPSUBQ           Z27, Z0, Z2
	VPSRAQ           $52, Z2, Z3
	VPSLLQ           $52, Z3, Z4
	VPSUBQ           Z4, Z0, Z4
	VCVTQQ2PD        Z3, Z3
	VPSRLQ           $48, Z2, Z5
	VMOVDQA64        Z5, Z6
	VPERMI2PD        Z17, Z16, Z5
	VPERMI2PD        Z19, Z18, Z6
	VFMSUB213PD      Z26, Z5, Z4      // r = z*invc - 1
	VFMADD231PD      Z25, Z3, Z6      // kc
	VMULPD           Z4, Z4, Z7       // r2
	VBROADCASTSD     96(R8), Z8
	VFMADD213PD.BCST 88(R8), Z4, Z8   // q01 = r*C3 + C2
	VBROADCASTSD     112(R8), Z9
	VFMADD213PD.BCST 104(R8), Z4, Z9  // q23 = r*C5 + C4
	VBROADCASTSD     128(R8), Z10
	VFMADD213PD.BCST 120(R8), Z4, Z10 // q45 = r*C7 + C6
	VFMADD213PD      Z9, Z7, Z10      // r2*q45 + q23
	VFMADD213PD      Z8, Z7, Z10      // q
	VFMADD213PD      Z4, Z7, Z10      // r2*q + r
	VADDPD           Z10, Z6, Z8      // log x

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
	VBROADCASTSD     144(R8), Z5
	VFMADD213PD.BCST 136(R8), Z3, Z5 // a = r*C3 + C2
	VBROADCASTSD     160(R8), Z6
	VFMADD213PD.BCST 152(R8), Z3, Z6 // b = r*C5 + C4
	VFMADD231PD      Z6, Z4, Z5      // q = r2*b + a
	VFMADD213PD      Z3, Z4, Z5      // p = r2*q + r
	VPERMQ           Z20, Z2, Z7     // expTabScale[ki % 8]
	VPSLLQ           $49, Z2, Z8
	VPADDQ           Z8, Z7, Z7      // scale
	VFMADD213PD      Z7, Z7, Z5      // scale*p + scale
	VCVTPD2PS        Z5, Y5
	TESTQ R13, R13
	JNZ   pow32F64x8Asm_nt
	VMOVUPS Y5, (DI)(AX*4)
pow32F64x8Asm_stored:
	ADDQ             $8, AX
	JMP              loop
pow32F64x8Asm_nt:
	VMOVNTPS Y5, (DI)(AX*4) // streaming: dst is aligned
	JMP pow32F64x8Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET

// The float64 pow step on eight lanes, powLogMul and powExp of pow.go
// (the scalar body's operations in its order), in phases that the loop
// below interleaves over two vectors, so that each vector's long chain
// of dependent operations overlaps the other's. Each phase takes the
// vector's twelve registers v0 ... v11 (Z0-Z11 or Z12-Z23), its
// operands' offset off, its mask ok (the lanes in the fast case) and the
// two gather masks g1, g2. Constants: Z24-Z31 (see powF64x8Asm), the
// others read by broadcast from R8 (powAsmConst); the log table in R9,
// 0xff in R11.

// POWL1: x (v0), ok = x positive, normal and finite, tmp = ix - logOff
// (v1), the table index 2i (v2), kd (v3), z = ix - k<<52 (v4).
#define POWL1(off, v0, v1, v2, v3, v4, ok) \
	VMOVUPD   off(SI)(AX*8), v0; \
	VPSUBQ    Z31, v0, v1; \
	VPCMPUQ   $1, Z30, v1, ok; \
	VPSUBQ    Z29, v0, v1; \
	VPSRLQ    $44, v1, v2; \
	VPANDQ    Z28, v2, v2; \
	VPSRAQ    $52, v1, v3; \
	VPSLLQ    $52, v3, v4; \
	VPSUBQ    v4, v0, v4; \
	VCVTQQ2PD v3, v3

// POWL2: the table's two words, a (v5) and lclo (v6), by VGATHERQPD
// (their destinations zeroed and masks set by KMOVB, so that they wait
// on nothing).
#define POWL2(v2, v5, v6, g1, g2) \
	VPXORQ     v5, v5, v5; \
	KMOVB      R11, g1; \
	VGATHERQPD 0(R9)(v2*8), g1, v5; \
	VPXORQ     v6, v6, v6; \
	KMOVB      R11, g2; \
	VGATHERQPD 8(R9)(v2*8), g2, v6

// POWL3: invc decoded into v7 and lchi into v5; r = z*invc - 1 (v7),
// w = kd*ln2hi + lchi (v5), s = kd*ln2lo + lclo (v6).
#define POWL3(v3, v4, v5, v6, v7) \
	VPANDQ           Z27, v5, v7; \
	VPXORQ           v7, v5, v5; \
	VPSLLQ           $45, v7, v7; \
	VPADDQ           Z26, v7, v7; \
	VFMSUB213PD      Z25, v4, v7; \
	VFMADD231PD      Z24, v3, v5; \
	VFMADD231PD.BCST 64(R8), v3, v6

// POWL4: h0 = w + r (v0), e2 (v5); ar = A2*r, ar2 = ar*r (v2), lo3 =
// ar*r - ar2 (v1), ar3 = ar2*r (v3); h1 = h0 + ar2 (v4), e3 (v0).
#define POWL4(v0, v1, v2, v3, v4, v5, v7) \
	VADDPD      v7, v5, v0; \
	VSUBPD      v0, v5, v5; \
	VADDPD      v7, v5, v5; \
	VMULPD.BCST 72(R8), v7, v1; \
	VMULPD      v7, v1, v2; \
	VFMSUB213PD v2, v7, v1; \
	VMULPD      v7, v2, v3; \
	VADDPD      v2, v0, v4; \
	VSUBPD      v4, v0, v0; \
	VADDPD      v2, v0, v0

// POWL5: Q (v10) from q01 (v8) and q23 (v9); s += e2, lo3, e3; l =
// ar3*Q + s (v6); hi = h1 + l (v0), lo (v4).
#define POWL5(v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10) \
	VBROADCASTSD     88(R8), v8; \
	VFMADD213PD.BCST 80(R8), v7, v8; \
	VBROADCASTSD     104(R8), v9; \
	VFMADD213PD.BCST 96(R8), v7, v9; \
	VADDPD.BCST      112(R8), v7, v10; \
	VFMADD231PD.BCST 120(R8), v2, v10; \
	VFMADD213PD      v9, v2, v10; \
	VFMADD213PD      v8, v2, v10; \
	VADDPD           v5, v6, v6; \
	VADDPD           v1, v6, v6; \
	VADDPD           v0, v6, v6; \
	VFMADD231PD      v10, v3, v6; \
	VADDPD           v6, v4, v0; \
	VSUBPD           v0, v4, v4; \
	VADDPD           v6, v4, v4

// POWP: ehi = y*hi (v2), elo = y*hi - ehi + y*lo (v0); ok keeps the
// lanes with expLow < ehi < expBound.
#define POWP(off, v0, v1, v2, v4, ok) \
	VMOVUPD     off(BX)(AX*8), v1; \
	VMULPD      v0, v1, v2; \
	VFMSUB213PD v2, v1, v0; \
	VFMADD231PD v1, v4, v0; \
	VCMPPD.BCST $0x1e, 128(R8), v2, ok, ok; \
	VCMPPD.BCST $0x11, 136(R8), v2, ok, ok

// POWE: ki (v1) = ehi*InvLn2N + shift, kd (v3), rh = kd*NegLn2hiN + ehi
// (v2), r = kd*NegLn2loN + rh (v4), d = kd*NegLn2loN + (rh - r) + elo
// (v3).
#define POWE(v0, v1, v2, v3, v4) \
	VBROADCASTSD     152(R8), v1; \
	VFMADD231PD.BCST 144(R8), v2, v1; \
	VSUBPD.BCST      152(R8), v1, v3; \
	VFMADD231PD.BCST 160(R8), v3, v2; \
	VMOVAPD          v2, v4; \
	VFMADD231PD.BCST 168(R8), v3, v4; \
	VSUBPD           v4, v2, v2; \
	VFMADD231PD.BCST 168(R8), v3, v2; \
	VADDPD           v0, v2, v3

// POWT1: scale (v5) and tail (v6) from the tables by VPERMQ; r2 (v7),
// r4 (v8), q23 (v9), q45 (v10), q67 (v11), q89 (v0).
#define POWT1(v0, v1, v4, v5, v6, v7, v8, v9, v10, v11) \
	VPERMQ           ·expTabScale(SB), v1, v5; \
	VPERMQ           ·expTabTail(SB), v1, v6; \
	VPSLLQ           $49, v1, v7; \
	VPADDQ           v7, v5, v5; \
	VMULPD           v4, v4, v7; \
	VMULPD           v7, v7, v8; \
	VBROADCASTSD     184(R8), v9; \
	VFMADD213PD.BCST 176(R8), v4, v9; \
	VBROADCASTSD     200(R8), v10; \
	VFMADD213PD.BCST 192(R8), v4, v10; \
	VBROADCASTSD     216(R8), v11; \
	VFMADD213PD.BCST 208(R8), v4, v11; \
	VBROADCASTSD     232(R8), v0; \
	VFMADD213PD.BCST 224(R8), v4, v0

// POWT2: u = r2*P + tail (v6), y1 = 1 + r (v10), e1 (v11), v = e1 +
// (d*(r+u) + d) + u, the result scale*y1 + scale*v (v11).
#define POWT2(v0, v3, v4, v5, v6, v7, v8, v9, v10, v11) \
	VFMADD231PD v10, v7, v9; \
	VFMADD231PD v0, v7, v11; \
	VFMADD231PD v11, v8, v9; \
	VFMADD231PD v9, v7, v6; \
	VADDPD      Z25, v4, v10; \
	VMOVAPD     Z25, v11; \
	VSUBPD      v10, v11, v11; \
	VADDPD      v4, v11, v11; \
	VADDPD      v6, v4, v7; \
	VFMADD213PD v3, v3, v7; \
	VADDPD      v7, v11, v11; \
	VADDPD      v6, v11, v11; \
	VMULPD      v11, v5, v11; \
	VFMADD231PD v10, v5, v11


// func powF64x8Asm(dst, x, y *float64, i, n int, c *[powAsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float64 pow: powF64's fast case (powLogMul,
// powExp) on two vectors of eight lanes a step, interleaved phase by
// phase, then on one vector where one is left. It does i up to n (n - i
// a multiple of 8) and returns n, or the index of the first vector with
// a lane outside the fast case (x not positive, normal and finite, y log
// x NaN or outside (expLow, expBound)), which the caller does with the
// scalar body. Every lane is computed before the test: the table index
// stays within the table whatever x is.
//
// Registers: SI x, BX y, DI dst, AX i, CX n, R8 the constants, R9 the
// log table, R11 0xff; Z0-Z11 and K1-K3 the first vector's, Z12-Z23 and
// K4-K6 the second's; Z24-Z31 constants.
TEXT ·powF64x8Asm(SB), NOSPLIT, $0-64
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ i+24(FP), AX
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), R8
	MOVBQZX nt+48(FP), R13
	LEAQ ·logTab(SB), R9
	MOVL $0xff, R11

	VPBROADCASTQ 0(R8), Z31  // 2^-1022 (bits)
	VPBROADCASTQ 8(R8), Z30  // bits of +Inf less those of 2^-1022
	VPBROADCASTQ 16(R8), Z29 // logOff
	VPBROADCASTQ 24(R8), Z28 // 2*(logN - 1)
	VPBROADCASTQ 32(R8), Z27 // logCodeMask
	VPBROADCASTQ 40(R8), Z26 // logInvcBase
	VPBROADCASTQ 48(R8), Z25 // 1.0
	VPBROADCASTQ 56(R8), Z24 // logLn2hi

pair:
	LEAQ 16(AX), DX
	CMPQ DX, CX
	JGT  single
	POWL1(0, Z0, Z1, Z2, Z3, Z4, K1)
	POWL1(64, Z12, Z13, Z14, Z15, Z16, K4)
	POWL2(Z2, Z5, Z6, K2, K3)
	POWL2(Z14, Z17, Z18, K5, K6)
	POWL3(Z3, Z4, Z5, Z6, Z7)
	POWL3(Z15, Z16, Z17, Z18, Z19)
	POWL4(Z0, Z1, Z2, Z3, Z4, Z5, Z7)
	POWL4(Z12, Z13, Z14, Z15, Z16, Z17, Z19)
	POWL5(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10)
	POWL5(Z12, Z13, Z14, Z15, Z16, Z17, Z18, Z19, Z20, Z21, Z22)
	POWP(0, Z0, Z1, Z2, Z4, K1)
	POWP(64, Z12, Z13, Z14, Z16, K4)
	POWE(Z0, Z1, Z2, Z3, Z4)
	POWE(Z12, Z13, Z14, Z15, Z16)
	POWT1(Z0, Z1, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11)
	POWT1(Z12, Z13, Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23)
	POWT2(Z0, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11)
	POWT2(Z12, Z15, Z16, Z17, Z18, Z19, Z20, Z21, Z22, Z23)
	KORTESTB K1, K1
	JCC      powdone
	TESTQ    R13, R13
	JNZ      pair_nt
	VMOVUPD  Z11, (DI)(AX*8)
	KORTESTB K4, K4
	JCC      second_out
	VMOVUPD  Z23, 64(DI)(AX*8)
	MOVQ     DX, AX
	JMP      pair

pair_nt:
	VMOVNTPD Z11, (DI)(AX*8) // streaming: dst is aligned
	KORTESTB K4, K4
	JCC      second_out
	VMOVNTPD Z23, 64(DI)(AX*8)
	MOVQ     DX, AX
	JMP      pair

second_out:
	ADDQ $8, AX
	JMP  powdone

single:
	CMPQ AX, CX
	JGE  powdone
	POWL1(0, Z0, Z1, Z2, Z3, Z4, K1)
	POWL2(Z2, Z5, Z6, K2, K3)
	POWL3(Z3, Z4, Z5, Z6, Z7)
	POWL4(Z0, Z1, Z2, Z3, Z4, Z5, Z7)
	POWL5(Z0, Z1, Z2, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10)
	POWP(0, Z0, Z1, Z2, Z4, K1)
	POWE(Z0, Z1, Z2, Z3, Z4)
	POWT1(Z0, Z1, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11)
	POWT2(Z0, Z3, Z4, Z5, Z6, Z7, Z8, Z9, Z10, Z11)
	KORTESTB K1, K1
	JCC      powdone
	TESTQ    R13, R13
	JNZ      single_nt
	VMOVUPD  Z11, (DI)(AX*8)
	ADDQ     $8, AX
	JMP      single

single_nt:
	VMOVNTPD Z11, (DI)(AX*8) // streaming: dst is aligned
	ADDQ     $8, AX
	JMP      single

powdone:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
