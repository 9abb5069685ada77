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
logF64x8Asm_stored:
	ADDQ    $8, AX
	JMP     loop
logF64x8Asm_nt:
	VMOVNTPD Z7, (DI)(AX*8) // streaming: dst is aligned
	JMP logF64x8Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET

// func log32F32x16Asm(dst, x *float32, i, n int, c *[log32LaneConsts]uint32, nt bool) int
//
// The AVX-512 loop of float32 log: log32Lane on sixteen float32 lanes a
// step, the scalar body's operations in its order (each float32 add,
// multiply and FMA rounds as there), the three tables in registers read
// by VPERMPS. It does x[i:n] (n - i a multiple of 16) and returns n, or
// the index of the first vector with a lane that is not positive, normal
// and finite, which the caller does with the scalar body.
//
// Registers: SI x, DI dst, AX i, CX n; Z18-Z31 constants and tables,
// Z0-Z11 the step's values.
TEXT ·log32F32x16Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ i+16(FP), AX
	MOVQ n+24(FP), CX
	MOVQ c+32(FP), R8
	MOVBQZX nt+40(FP), R13

	VPBROADCASTD 0(R8), Z31  // bits of the least normal float32
	VPBROADCASTD 4(R8), Z30  // bits of +Inf less those
	VPBROADCASTD 8(R8), Z29  // log32LaneOff
	VPBROADCASTD 12(R8), Z28 // 1.0
	VPBROADCASTD 16(R8), Z27 // log32LaneLn2hi
	VPBROADCASTD 20(R8), Z26 // log32LaneLn2lo
	VPBROADCASTD 24(R8), Z25 // log32LaneC2
	VPBROADCASTD 28(R8), Z24 // log32LaneC3
	VPBROADCASTD 32(R8), Z23 // log32LaneC4
	VPBROADCASTD 36(R8), Z22 // log32LaneC5
	VPBROADCASTD 40(R8), Z21 // log32LaneC6
	VMOVDQU32    ·log32InvCf(SB), Z20
	VMOVDQU32    ·log32LogCHif(SB), Z19
	VMOVDQU32    ·log32LogCLof(SB), Z18

loop32:
	CMPQ AX, CX
	JGE  done32
	VMOVUPS (SI)(AX*4), Z0

	// Every lane positive, normal and finite.
	VPSUBD   Z31, Z0, Z1
	VPCMPUD  $1, Z30, Z1, K1
	KORTESTW K1, K1
	JCC      done32

	// tmp = ix - off (Z1), i = tmp >> 19 (Z2: VPERMPS reads its low
	// four bits), k = tmp >> 23 (arithmetic), z = ix - k<<23 (Z4),
	// kf = float32(k) (Z3); invc (Z5), lchi (Z6), lclo (Z7).
	VPSUBD    Z29, Z0, Z1
	VPSRLD    $19, Z1, Z2
	VPSRAD    $23, Z1, Z3
	VPSLLD    $23, Z3, Z4
	VPSUBD    Z4, Z0, Z4
	VCVTDQ2PS Z3, Z3
	VPERMPS   Z20, Z2, Z5
	VPERMPS   Z19, Z2, Z6
	VPERMPS   Z18, Z2, Z7

	// r = z*invc - 1 (Z5), w = kf*ln2hi + lchi (Z6), hi = w + r (Z8),
	// e = (w - hi) + r (Z9), lo = kf*ln2lo + lclo + e (Z7), r2 (Z10).
	VFMSUB213PS Z28, Z4, Z5
	VFMADD231PS Z27, Z3, Z6
	VADDPS      Z5, Z6, Z8
	VSUBPS      Z8, Z6, Z9
	VADDPS      Z5, Z9, Z9
	VFMADD231PS Z26, Z3, Z7
	VADDPS      Z9, Z7, Z7
	VMULPS      Z5, Z5, Z10

	// p = C2 + C3 r + ... + C6 r^4 (Z11); lo += r2*p; hi + lo.
	VMOVAPS     Z21, Z11
	VFMADD213PS Z22, Z5, Z11
	VFMADD213PS Z23, Z5, Z11
	VFMADD213PS Z24, Z5, Z11
	VFMADD213PS Z25, Z5, Z11
	VFMADD231PS Z11, Z10, Z7
	VADDPS      Z7, Z8, Z8

	TESTQ R13, R13
	JNZ   log32F32x16Asm_nt
	VMOVUPS Z8, (DI)(AX*4)
log32F32x16Asm_stored:
	ADDQ $16, AX
	JMP  loop32
log32F32x16Asm_nt:
	VMOVNTPS Z8, (DI)(AX*4) // streaming: dst is aligned
	JMP log32F32x16Asm_stored

done32:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
