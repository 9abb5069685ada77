//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "log_avx512_amd64.h"
#include "exp_amd64.h"

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

// func powF64x8Asm(dst, x, y *float64, i, n int, c *[powAsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float64 pow: powF64's fast case on eight lanes a
// step (logHiLo as LOGSTEP, the product with y in extra precision,
// powExp), the scalar body's operations in its order. It does i up to n
// (n - i a multiple of 8) and returns n, or the index of the first vector
// with a lane outside the fast case (x not positive, normal and finite,
// y zero, infinite or NaN, y log x outside (expLow, expBound)), which the
// caller does with the scalar body.
//
// Registers: SI x, BX y, DI dst, AX i, CX n, R8 the constants (log's in
// Z17-Z31 as in logF64x8Asm, exp's read by broadcast, and R14 those of
// EXPTAIL8 in exp_amd64.h), R9 the log table;
// Z0-Z16 the step's values.
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
	LEAQ ·expTail8Const(SB), R14 // EXPTAIL8's constants

	VPBROADCASTQ 0(R8), Z31   // 2^-1022 (bits)
	VPBROADCASTQ 8(R8), Z30   // bits of +Inf less those of 2^-1022
	VPBROADCASTQ 16(R8), Z29  // logOff
	VPBROADCASTQ 24(R8), Z28  // logN - 1
	VPBROADCASTQ 32(R8), Z27  // 1.0
	VPBROADCASTQ 40(R8), Z26  // logLn2hi
	VPBROADCASTQ 48(R8), Z25  // logA2
	VPBROADCASTQ 56(R8), Z24  // logA8
	VPBROADCASTQ 64(R8), Z23  // logA7
	VPBROADCASTQ 72(R8), Z22  // logA6
	VPBROADCASTQ 80(R8), Z21  // logA5
	VPBROADCASTQ 88(R8), Z20  // logA4
	VPBROADCASTQ 96(R8), Z19  // logA3
	VPBROADCASTQ 120(R8), Z18 // logCodeMask
	VPBROADCASTQ 128(R8), Z17 // logInvcBase

	// 136(R8)...: |y| mask, MaxFloat64, expLow, expBound, expInvLn2N,
	// expShift, expNegLn2hiN, expNegLn2loN.

powloop:
	CMPQ AX, CX
	JGE  powdone
	VMOVUPD (SI)(AX*8), Z0

	// x positive, normal and finite; |y| <= MaxFloat64; y != 0.
	VPSUBQ      Z31, Z0, Z1
	VPCMPUQ     $1, Z30, Z1, K1
	VMOVUPD     (BX)(AX*8), Z2
	VPANDQ.BCST 136(R8), Z2, Z2
	VCMPPD.BCST $2, 144(R8), Z2, K1, K1
	VPTESTMQ    Z2, Z2, K1, K1
	KORTESTB    K1, K1
	JCC         powdone

	LOGSTEP

	// h = hi + lo (Z1), l = lo - (h - hi) (Z2); ehi = y*h (Z0),
	// elo = y*h - ehi + y*l (Z2).
	VMOVUPD     (BX)(AX*8), Z16
	VADDPD      Z11, Z10, Z1
	VSUBPD      Z10, Z1, Z2
	VSUBPD      Z2, Z11, Z2
	VMULPD      Z1, Z16, Z0
	VFMSUB213PD Z0, Z16, Z1
	VFMADD213PD Z1, Z16, Z2

	// Every lane expLow < ehi < expBound.
	VCMPPD.BCST $0x1e, 152(R8), Z0, K2
	VCMPPD.BCST $0x11, 160(R8), Z0, K2, K2
	KORTESTB    K2, K2
	JCC         powdone

	// powExp(ehi, elo): ki (Z1), kd (Z5), r (Z4) and d + elo (Z3).
	VMULPD.BCST      168(R8), Z0, Z1
	VADDPD.BCST      176(R8), Z1, Z1
	VSUBPD.BCST      176(R8), Z1, Z5
	VMULPD.BCST      192(R8), Z5, Z6 // t = kd*NegLn2loN
	VFMADD132PD.BCST 184(R8), Z0, Z5 // rh = kd*NegLn2hiN + ehi
	VADDPD           Z6, Z5, Z4      // r = rh + t
	VSUBPD           Z4, Z5, Z5
	VADDPD           Z6, Z5, Z3      // d = (rh - r) + t
	VADDPD           Z2, Z3, Z3      // d + elo

	EXPTAIL8(VBROADCASTSD, VFMADD213PD.BCST, VADDPD.BCST, 0(R14), 8(R14), 16(R14), 24(R14), 32(R14), 40(R14), 48(R14), 56(R14), 64(R14), ·expTabScale(SB), ·expTabTail(SB))

	TESTQ R13, R13
	JNZ   powF64x8Asm_nt
	VMOVUPD Z14, (DI)(AX*8)
powF64x8Asm_stored:
	ADDQ    $8, AX
	JMP     powloop
powF64x8Asm_nt:
	VMOVNTPD Z14, (DI)(AX*8) // streaming: dst is aligned
	JMP powF64x8Asm_stored

powdone:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
