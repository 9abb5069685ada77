//go:build goexperiment.simd && amd64

#include "textflag.h"

// The AVX-512 loop of float64 log: logShort on eight lanes a step, the
// scalar body's operations in its order (each add, multiply and FMA
// rounds as there, so every lane gives the scalar body's bits), with the
// three 16-entry tables in register pairs read by VPERMI2PD and the
// constants in registers (logB11 and logB12 read by broadcast).
//
// func logF64x8Asm(dst, x *float64, i, n int, c *[logShortConsts]uint64, nt bool) int
//
// It does x[i:n] (n - i a multiple of 8) and returns n, or the index of
// the first vector with a lane that is not positive, normal and finite,
// which the caller does with the scalar body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n, R8 the constants; Z11-Z31
// constants and tables, Z0-Z10 the step's values.
TEXT ·logF64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTQ 0(R8), Z31  // 2^-1022 (bits)
	VPBROADCASTQ 8(R8), Z30  // bits of +Inf less those of 2^-1022
	VPBROADCASTQ 16(R8), Z29 // log16Off
	VPBROADCASTQ 24(R8), Z28 // 1.0
	VPBROADCASTQ 32(R8), Z27 // logLn2hi
	VPBROADCASTQ 40(R8), Z26 // logLn2lo
	VMOVDQU64    ·log16InvC(SB), Z25
	VMOVDQU64    ·log16InvC+64(SB), Z24
	VMOVDQU64    ·log16LogCHi(SB), Z23
	VMOVDQU64    ·log16LogCHi+64(SB), Z22
	VMOVDQU64    ·log16LogCLo(SB), Z21
	VMOVDQU64    ·log16LogCLo+64(SB), Z20
	VPBROADCASTQ 48(R8), Z19 // logB2
	VPBROADCASTQ 56(R8), Z18 // logB3
	VPBROADCASTQ 64(R8), Z17 // logB4
	VPBROADCASTQ 72(R8), Z16 // logB5
	VPBROADCASTQ 80(R8), Z15 // logB6
	VPBROADCASTQ 88(R8), Z14 // logB7
	VPBROADCASTQ 96(R8), Z13 // logB8
	VPBROADCASTQ 104(R8), Z12 // logB9
	VPBROADCASTQ 112(R8), Z11 // logB10

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Z0

	// Every lane positive, normal and finite: ix - 2^-1022 < Inf - 2^-1022.
	VPSUBQ   Z31, Z0, Z1
	VPCMPUQ  $1, Z30, Z1, K1
	KORTESTB K1, K1
	JCC      done

	// tmp = ix - log16Off (Z1), i = tmp >> 48 (Z2: VPERMI2PD reads its
	// low four bits), k = tmp >> 52 (arithmetic), z = ix - k<<52 (Z4),
	// kd = float64(k) (Z3); invc (Z5), lchi (Z6), lclo (Z2).
	VPSUBQ    Z29, Z0, Z1
	VPSRLQ    $48, Z1, Z2
	VPSRAQ    $52, Z1, Z3
	VPSLLQ    $52, Z3, Z4
	VPSUBQ    Z4, Z0, Z4
	VCVTQQ2PD Z3, Z3
	VMOVDQA64 Z2, Z5
	VPERMI2PD Z24, Z25, Z5
	VMOVDQA64 Z2, Z6
	VPERMI2PD Z22, Z23, Z6
	VPERMI2PD Z20, Z21, Z2

	// r = z*invc - 1 (Z5), w = kd*ln2hi + lchi (Z6), hi = w + r (Z7),
	// e = (w - hi) + r (Z8), lo = kd*ln2lo + lclo + e (Z2), r2 (Z9).
	VFMSUB213PD Z28, Z4, Z5
	VFMADD231PD Z27, Z3, Z6
	VADDPD      Z5, Z6, Z7
	VSUBPD      Z7, Z6, Z8
	VADDPD      Z5, Z8, Z8
	VFMADD231PD Z26, Z3, Z2
	VADDPD      Z8, Z2, Z2
	VMULPD      Z5, Z5, Z9

	// p = B2 + B3 r + ... + B12 r^10 by Estrin's scheme (Z0); lo += r2*p;
	// hi + lo.
	VMOVAPD          Z18, Z0
	VFMADD213PD      Z19, Z5, Z0 // q23
	VMOVAPD          Z16, Z1
	VFMADD213PD      Z17, Z5, Z1 // q45
	VMOVAPD          Z14, Z3
	VFMADD213PD      Z15, Z5, Z3 // q67
	VMOVAPD          Z12, Z4
	VFMADD213PD      Z13, Z5, Z4 // q89
	VMOVAPD          Z11, Z6
	VFMADD231PD.BCST 120(R8), Z5, Z6 // q1011
	VFMADD231PD      Z1, Z9, Z0 // q25
	VFMADD231PD      Z4, Z9, Z3 // q69
	VFMADD231PD.BCST 128(R8), Z9, Z6 // q1012
	VMULPD           Z9, Z9, Z1 // r4
	VFMADD231PD      Z3, Z1, Z0
	VMULPD           Z1, Z1, Z4 // r8
	VFMADD231PD      Z6, Z4, Z0
	VFMADD231PD      Z0, Z9, Z2
	VADDPD           Z2, Z7, Z7

	TESTQ R13, R13
	JNZ   logF64x8Asm_nt
	VMOVUPD Z7, (DI)(AX*8)
	JMP   logF64x8Asm_stored
logF64x8Asm_nt:
	VMOVNTPD Z7, (DI)(AX*8) // streaming: dst is aligned
logF64x8Asm_stored:
	ADDQ    $8, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func log32F64x8Asm(dst, x *float32, i, n int, c *[log32AsmConsts]uint64, nt bool) int
//
// The AVX-512 loop of float32 log: log32Short on eight float64 lanes a
// step, the scalar body's operations in its order, 1/c_i and log c_i in
// two registers read by VPERMQ. It does x[i:n] (n - i a multiple of 8)
// and returns n, or the index of the first vector with a lane that is not
// positive and finite, which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n; Z19-Z31 constants, Z0-Z12 the
// step's values.
TEXT ·log32F64x8Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTQ 0(R8), Z31  // 1 (bits)
	VPBROADCASTQ 8(R8), Z30  // bits of MaxFloat32 less 1
	VPBROADCASTQ 16(R8), Z29 // log32TabOff
	VPBROADCASTQ 24(R8), Z28 // 1.0
	VPBROADCASTQ 32(R8), Z27 // log32C2
	VPBROADCASTQ 40(R8), Z26 // log32C3
	VPBROADCASTQ 48(R8), Z25 // log32C4
	VPBROADCASTQ 56(R8), Z24 // log32C5
	VPBROADCASTQ 64(R8), Z23 // log32C6
	VPBROADCASTQ 72(R8), Z22 // log32C7
	VPBROADCASTQ 80(R8), Z21 // log32Ln2
	VMOVDQU64    ·log32InvC(SB), Z20
	VMOVDQU64    ·log32LogC(SB), Z19

loop32:
	CMPQ AX, CX
	JGE  done32
	VCVTPS2PD (SI)(AX*4), Z0

	// Every lane positive and finite: ix - 1 < bits(MaxFloat32).
	VPSUBQ   Z31, Z0, Z1
	VPCMPUQ  $1, Z30, Z1, K1
	KORTESTB K1, K1
	JCC      done32

	// tmp = ix - TabOff; i = (tmp >> 49) % 8; k = tmp >> 52
	// (arithmetic); z = ix - k<<52; kd = float64(k).
	VPSUBQ    Z29, Z0, Z2
	VPSRLQ    $49, Z2, Z3
	VPSRAQ    $52, Z2, Z4
	VPSLLQ    $52, Z4, Z5
	VPSUBQ    Z5, Z0, Z5
	VCVTQQ2PD Z4, Z4
	VPERMQ    Z20, Z3, Z6 // 1/c_i
	VPERMQ    Z19, Z3, Z7 // log c_i

	VFMSUB213PD Z28, Z5, Z6  // r = z*invc - 1
	VMULPD      Z6, Z6, Z8   // r2
	VMULPD      Z8, Z8, Z9   // r4
	VMOVAPD     Z26, Z10
	VFMADD213PD Z27, Z6, Z10 // a = r*C3 + C2
	VMOVAPD     Z24, Z11
	VFMADD213PD Z25, Z6, Z11 // b = r*C5 + C4
	VMOVAPD     Z22, Z12
	VFMADD213PD Z23, Z6, Z12 // c = r*C7 + C6
	VFMADD231PD Z11, Z8, Z10 // q = r2*b + a
	VFMADD231PD Z12, Z9, Z10 // q = r4*c + q
	VFMADD213PD Z6, Z8, Z10  // p = r2*q + r
	VADDPD      Z10, Z7, Z7  // log c_i + p
	VFMADD231PD Z21, Z4, Z7  // kd*Ln2 + that
	VCVTPD2PS   Z7, Y7
	TESTQ R13, R13
	JNZ   log32F64x8Asm_nt
	VMOVUPS Y7, (DI)(AX*4)
	JMP   log32F64x8Asm_stored
log32F64x8Asm_nt:
	VMOVNTPS Y7, (DI)(AX*4) // streaming: dst is aligned
log32F64x8Asm_stored:
	ADDQ        $8, AX
	JMP         loop32

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
