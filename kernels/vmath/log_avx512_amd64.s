//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "log_avx512_amd64.h"

// The AVX-512 loop of float64 log: logHiLo on eight lanes a step, the
// scalar body's operations in its order (each add, multiply and FMA
// rounds as there, so every lane gives the scalar body's bits), with the
// table read by two VGATHERQPD and the constants kept in registers.
//
// func logF64x8Asm(dst, x *float64, i, n int, c *[logAsmConsts]uint64) int
//
// It does x[i:n] (n - i a multiple of 8) and returns n, or the index of
// the first vector with a lane that is not positive, normal and finite,
// which the caller does with the scalar body before calling again.
//
// Registers: SI x, DI dst, AX i, CX n, R8 the constants (logA9 and
// logLn2lo are read from there by broadcast), R9 the table; Z17-Z31
// constants, Z0-Z16 the step's values.
TEXT ·logF64x8Asm(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	LEAQ ·logTab(SB), R9
	MOVL $0xff, R11

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

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Z0

	// Every lane positive, normal and finite: ix - 2^-1022 < Inf - 2^-1022.
	VPSUBQ   Z31, Z0, Z1
	VPCMPUQ  $1, Z30, Z1, K1
	KORTESTB K1, K1
	JCC      done

	LOGSTEP

	VADDPD  Z11, Z10, Z10
	VMOVUPD Z10, (DI)(AX*8)
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
