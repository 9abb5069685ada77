//go:build goexperiment.simd && amd64

#include "textflag.h"

// The AVX-512 loop of float64 log: logHiLo on eight lanes a step, the
// scalar body's operations in its order (each add, multiply and FMA
// rounds as there, so every lane gives the scalar body's bits), with the
// table read by three VGATHERQPD and the constants kept in registers.
//
// func logF64x8Asm(dst, x *float64, i, n int, c *[logAsmConsts]uint64) int
//
// It does x[i:n] (n - i a multiple of 8) and returns n, or the index of
// the first vector with a lane that is not positive, normal and finite,
// which the caller does with the scalar body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n, R9 the table.
// Z18-Z31 constants; Z0-Z17 the step's values.
TEXT ·logF64x8Asm(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	LEAQ ·logTab(SB), R9

	VPBROADCASTQ 0(R8), Z31  // 2^-1022 (bits)
	VPBROADCASTQ 8(R8), Z30  // bits of +Inf less those of 2^-1022
	VPBROADCASTQ 16(R8), Z29 // logOff
	VPBROADCASTQ 24(R8), Z28 // logN - 1
	VPBROADCASTQ 32(R8), Z27 // 1.0
	VPBROADCASTQ 40(R8), Z26 // logLn2hi
	VPBROADCASTQ 48(R8), Z25 // logA2
	VPBROADCASTQ 56(R8), Z24 // logA8
	VPBROADCASTQ 64(R8), Z23 // logA7
	VPBROADCASTQ 72(R8), Z22 // logA6
	VPBROADCASTQ 80(R8), Z21 // logA5
	VPBROADCASTQ 88(R8), Z20 // logA4
	VPBROADCASTQ 96(R8), Z19 // logA3
	VPBROADCASTQ 104(R8), Z18 // logLn2lo

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Z0

	// Every lane positive, normal and finite: ix - 2^-1022 < Inf - 2^-1022.
	VPSUBQ   Z31, Z0, Z1
	VPCMPUQ  $1, Z30, Z1, K1
	KORTESTB K1, K1
	JCC      done

	// tmp = ix - logOff; i = 3*((tmp >> 45) % logN); k = tmp >> 52
	// (arithmetic); z = ix - k<<52; kd = float64(k).
	VPSUBQ    Z29, Z0, Z2
	VPSRLQ    $45, Z2, Z3
	VPANDQ    Z28, Z3, Z3
	VPSLLQ    $1, Z3, Z1
	VPADDQ    Z1, Z3, Z3
	VPSRAQ    $52, Z2, Z4
	VPSLLQ    $52, Z4, Z5
	VPSUBQ    Z5, Z0, Z5
	VCVTQQ2PD Z4, Z4

	// invc (Z6), lchi (Z7), lclo (Z8).
	KXNORB     K2, K2, K2
	VGATHERQPD 0(R9)(Z3*8), K2, Z6
	KXNORB     K3, K3, K3
	VGATHERQPD 8(R9)(Z3*8), K3, Z7
	KXNORB     K4, K4, K4
	VGATHERQPD 16(R9)(Z3*8), K4, Z8

	// r = z*invc - 1 = rhi (Z10) + rlo (Z11), exactly.
	VMULPD      Z6, Z5, Z9  // ph
	VFMSUB213PD Z9, Z5, Z6  // pl = z*invc - ph
	VSUBPD      Z27, Z9, Z9 // d = ph - 1
	VADDPD      Z6, Z9, Z10 // rhi = d + pl
	VSUBPD      Z9, Z10, Z11
	VSUBPD      Z11, Z6, Z11 // rlo = pl - (rhi - d)

	// w = a + lchi (Z13), a = kd*ln2hi, with error e1 (Z15).
	VMULPD Z26, Z4, Z12
	VADDPD Z7, Z12, Z13
	VSUBPD Z12, Z13, Z14 // bb = w - a
	VSUBPD Z14, Z13, Z15
	VSUBPD Z15, Z12, Z15 // a - (w - bb)
	VSUBPD Z14, Z7, Z14  // lchi - bb
	VADDPD Z14, Z15, Z15

	// hi = w + rhi (Z12), with error e2 (Z7).
	VADDPD Z10, Z13, Z12
	VSUBPD Z13, Z12, Z14 // bb = hi - w
	VSUBPD Z14, Z12, Z7
	VSUBPD Z7, Z13, Z7   // w - (hi - bb)
	VSUBPD Z14, Z10, Z14 // rhi - bb
	VADDPD Z14, Z7, Z7

	// r2 = rhi^2 (Z13); t = A2*r2; hi += t (Z9), with error e3 (Z12).
	VMULPD Z10, Z10, Z13
	VMULPD Z25, Z13, Z14
	VADDPD Z14, Z12, Z9
	VSUBPD Z12, Z9, Z12
	VSUBPD Z12, Z14, Z12

	// r2lo = rhi*rhi - r2 (Z14).
	VMOVAPD     Z13, Z14
	VFMSUB231PD Z10, Z10, Z14

	// p = A3 + A4 r + ... + A8 r^5 (Z6), r3 = r2*rhi (Z16).
	VMOVAPD     Z23, Z16
	VFMADD231PD Z24, Z10, Z16 // p78
	VMOVAPD     Z21, Z17
	VFMADD231PD Z22, Z10, Z17 // p56
	VMOVAPD     Z19, Z6
	VFMADD231PD Z20, Z10, Z6  // p34
	VFMADD231PD Z16, Z13, Z17 // p58
	VFMADD231PD Z17, Z13, Z6  // p
	VMULPD      Z10, Z13, Z16

	// lo = (((e1 + e2 + e3 + rlo + lclo) + kd*ln2lo) + A2*r2lo - rhi*rlo) + r3*p.
	VADDPD       Z7, Z15, Z15
	VADDPD       Z12, Z15, Z15
	VADDPD       Z11, Z15, Z15
	VADDPD       Z8, Z15, Z15
	VFMADD231PD  Z18, Z4, Z15
	VFMADD231PD  Z25, Z14, Z15
	VFNMADD231PD Z11, Z10, Z15
	VFMADD231PD  Z6, Z16, Z15

	VADDPD  Z15, Z9, Z9
	VMOVUPD Z9, (DI)(AX*8)
	ADDQ    $8, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET

// func log32F64x8Asm(dst, x *float32, i, n int, c *[log32AsmConsts]uint64) int
//
// The AVX-512 loop of float32 log: log32Short on eight float64 lanes a
// step, the scalar body's operations in its order, 1/c_i and log c_i in
// two registers read by VPERMQ. It does x[i:n] (n - i a multiple of 8)
// and returns n, or the index of the first vector with a lane that is not
// positive and finite, which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n; Z19-Z31 constants, Z0-Z12 the
// step's values.
TEXT ·log32F64x8Asm(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8

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
	VMOVUPS     Y7, (DI)(AX*4)
	ADDQ        $8, AX
	JMP         loop32

done32:
	VZEROUPPER
	MOVQ AX, ret+40(FP)
	RET
