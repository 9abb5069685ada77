//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "exp_amd64.h"

// func powF64x4Asm(dst, x, y *float64, i, n int, c *[powAVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float64 pow: powF64's fast case on four lanes a
// step (powLogMul, powExp), the scalar body's operations in its order,
// the constants read from c (powAVX2Const, four copies each). It does i
// up to n (n - i a multiple of 4) and returns n, or the index of the
// first vector with a lane outside the fast case (x not positive, normal
// and finite, y log x NaN or outside (expLow, expBound)), which the
// caller does with the scalar body. AVX2 has no 64-bit arithmetic shift:
// k comes from ix - logOff + 2^63 by a logical shift, less 2048, and
// float64(k) from the bits of k + 2048 + 0x1.8p52.
//
// Registers: SI x, BX y, DI dst, AX i, CX n, R8 c, R9 the log table,
// R11 and R12 exp's tables, R14 the constants of EXPTAIL4 (exp_amd64.h);
// Y0-Y15.
TEXT ·powF64x4Asm(SB), NOSPLIT, $0-64
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ i+24(FP), AX
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), R8
	MOVBQZX nt+48(FP), R13
	LEAQ ·logTab(SB), R9
	LEAQ ·expTabScale(SB), R11
	LEAQ ·expTabTail(SB), R12
	LEAQ 800(R8), R14 // EXPTAIL4's constants

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0

	// x in [2^-1022, MaxFloat64].
	VCMPPD    $0x1d, 0(R8), Y0, Y2
	VCMPPD    $0x12, 32(R8), Y0, Y3
	VANDPD    Y3, Y2, Y2
	VMOVMSKPD Y2, R10
	CMPQ      R10, $15
	JNE       done

	// tmp = ix - logOff + 2^63 (Y2), 2i (Y3), kb = k + 2048 (Y4), z (Y5),
	// kd (Y4); the table's words a (Y6) and lclo (Y7); lchi (Y6) and
	// invc (Y8) from a; r = z*invc - 1 (Y8), w = kd*ln2hi + lchi (Y6),
	// s = kd*ln2lo + lclo (Y7).
	VPADDQ 64(R8), Y0, Y2
	VPSRLQ $44, Y2, Y3
	VPAND  96(R8), Y3, Y3
	VPSRLQ $52, Y2, Y4
	VPSLLQ $52, Y4, Y5
	VPSUBQ Y5, Y0, Y5
	VPADDQ 128(R8), Y5, Y5
	VPADDQ 160(R8), Y4, Y4
	VSUBPD 192(R8), Y4, Y4
	VPCMPEQQ    Y8, Y8, Y8
	VPXOR       Y6, Y6, Y6
	VGATHERQPD  Y8, 0(R9)(Y3*8), Y6
	VPCMPEQQ    Y8, Y8, Y8
	VPXOR       Y7, Y7, Y7
	VGATHERQPD  Y8, 8(R9)(Y3*8), Y7
	VPAND       224(R8), Y6, Y8
	VPXOR       Y8, Y6, Y6
	VPSLLQ      $45, Y8, Y8
	VPADDQ      256(R8), Y8, Y8
	VFMSUB213PD 288(R8), Y5, Y8
	VFMADD231PD 320(R8), Y4, Y6
	VFMADD231PD 352(R8), Y4, Y7

	// h0 = w + r (Y0), e2 (Y6); ar = A2*r, ar2 (Y2), lo3 (Y1), ar3 (Y3);
	// h1 = h0 + ar2 (Y4), e3 (Y0).
	VADDPD      Y8, Y6, Y0
	VSUBPD      Y0, Y6, Y6
	VADDPD      Y8, Y6, Y6
	VMULPD      384(R8), Y8, Y1
	VMULPD      Y8, Y1, Y2
	VFMSUB213PD Y2, Y8, Y1
	VMULPD      Y8, Y2, Y3
	VADDPD      Y2, Y0, Y4
	VSUBPD      Y4, Y0, Y0
	VADDPD      Y2, Y0, Y0

	// Q (Y11) from q01 (Y9) and q23 (Y10); s += e2, lo3, e3; l = ar3*Q
	// + s (Y7); hi = h1 + l (Y0), lo (Y4).
	VMOVUPD     448(R8), Y9
	VFMADD213PD 416(R8), Y8, Y9
	VMOVUPD     512(R8), Y10
	VFMADD213PD 480(R8), Y8, Y10
	VADDPD      544(R8), Y8, Y11
	VFMADD231PD 576(R8), Y2, Y11
	VFMADD213PD Y10, Y2, Y11
	VFMADD213PD Y9, Y2, Y11
	VADDPD      Y6, Y7, Y7
	VADDPD      Y1, Y7, Y7
	VADDPD      Y0, Y7, Y7
	VFMADD231PD Y11, Y3, Y7
	VADDPD      Y7, Y4, Y0
	VSUBPD      Y0, Y4, Y4
	VADDPD      Y7, Y4, Y4

	// ehi = y*hi (Y3), elo = y*hi - ehi + y*lo (Y0).
	VMOVUPD     (BX)(AX*8), Y1
	VMULPD      Y0, Y1, Y3
	VFMSUB213PD Y3, Y1, Y0
	VFMADD231PD Y1, Y4, Y0

	// Every lane expLow < ehi < expBound.
	VCMPPD    $0x1e, 608(R8), Y3, Y4
	VCMPPD    $0x11, 640(R8), Y3, Y5
	VANDPD    Y5, Y4, Y4
	VMOVMSKPD Y4, R10
	CMPQ      R10, $15
	JNE       done

	// powExp(ehi, elo): ki = ehi*InvLn2N + shift (Y1), kd (Y2), rh (Y3),
	// r = kd*NegLn2loN + rh (Y4), d = kd*NegLn2loN + (rh - r) + elo (Y3).
	VMOVUPD     704(R8), Y1
	VFMADD231PD 672(R8), Y3, Y1
	VSUBPD      704(R8), Y1, Y2
	VFMADD231PD 736(R8), Y2, Y3
	VMOVAPD     Y3, Y4
	VFMADD231PD 768(R8), Y2, Y4
	VSUBPD      Y4, Y3, Y3
	VFMADD231PD 768(R8), Y2, Y3
	VADDPD      Y0, Y3, Y3

	EXPTAIL4(R11, R12)

	TESTQ R13, R13
	JNZ   powF64x4Asm_nt
	VMOVUPD Y12, (DI)(AX*8)
powF64x4Asm_stored:
	ADDQ    $4, AX
	JMP     loop
powF64x4Asm_nt:
	VMOVNTPD Y12, (DI)(AX*8) // streaming: dst is aligned
	JMP powF64x4Asm_stored

done:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET

// func pow32F64x4Asm(dst, x, y *float32, i, n int, c *[pow32AVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float32 pow: powF32's fast case on four float64
// lanes a step (pow32Log, the product with y, exp32Core), the scalar
// body's operations in its order, the constants read from c (four
// copies each). It does i up to n (n - i a multiple of 4) and returns n,
// or the index of the first vector with a lane outside the fast case,
// which the caller does with the scalar body.
//
// Registers: SI x, BX y, DI dst, AX i, CX n, R8 c, R9 exp's table,
// R11 and R12 pow32Log's; Y0-Y11.
TEXT ·pow32F64x4Asm(SB), NOSPLIT, $0-64
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ i+24(FP), AX
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), R8
	MOVBQZX nt+48(FP), R13
	LEAQ ·expTabScale(SB), R9
	LEAQ ·pow32InvC(SB), R11
	LEAQ ·pow32LogC(SB), R12

loop32:
	CMPQ AX, CX
	JGE  done32
	VCVTPS2PD (SI)(AX*4), Y0 // xd
	VCVTPS2PD (BX)(AX*4), Y1 // yd

	// 0 < xd <= MaxFloat32, |yd| <= MaxFloat32.
	VXORPD    Y2, Y2, Y2
	VCMPPD    $0x1e, Y2, Y0, Y2
	VCMPPD    $0x12, 0(R8), Y0, Y3
	VANDPD    Y3, Y2, Y2
	VANDPD    32(R8), Y1, Y3
	VCMPPD    $0x12, 0(R8), Y3, Y3
	VANDPD    Y3, Y2, Y2
	VMOVMSKPD Y2, R10
	CMPQ      R10, $15
	JNE       done32

	// pow32Log: tmp + 2^63 (Y2), kd (Y3), z (Y4), i (Y5); invc (Y7) and
	// -log(invc) (Y8) from the tables; r (Y4), kc = kd*Ln2 - log(invc)
	// (Y8), r2 (Y5), log x = kc + r + r2*Q(r) (Y8).
	VPADDQ      64(R8), Y0, Y2
	VPSRLQ      $52, Y2, Y3
	VPSLLQ      $52, Y3, Y4
	VPSUBQ      Y4, Y0, Y4
	VPADDQ      96(R8), Y4, Y4
	VPADDQ      128(R8), Y3, Y3
	VSUBPD      160(R8), Y3, Y3
	VPSRLQ      $48, Y2, Y5
	VPAND       736(R8), Y5, Y5
	VPCMPEQQ    Y6, Y6, Y6
	VPXOR       Y7, Y7, Y7
	VGATHERQPD  Y6, 0(R11)(Y5*8), Y7
	VPCMPEQQ    Y6, Y6, Y6
	VPXOR       Y8, Y8, Y8
	VGATHERQPD  Y6, 0(R12)(Y5*8), Y8
	VFMSUB213PD 192(R8), Y7, Y4  // r = z*invc - 1
	VFMADD231PD 416(R8), Y3, Y8  // kc
	VMULPD      Y4, Y4, Y5       // r2
	VMOVUPD     256(R8), Y9
	VFMADD213PD 224(R8), Y4, Y9  // q01 = r*C3 + C2
	VMOVUPD     320(R8), Y10
	VFMADD213PD 288(R8), Y4, Y10 // q23 = r*C5 + C4
	VMOVUPD     384(R8), Y11
	VFMADD213PD 352(R8), Y4, Y11 // q45 = r*C7 + C6
	VFMADD213PD Y10, Y5, Y11     // r2*q45 + q23
	VFMADD213PD Y9, Y5, Y11      // q
	VFMADD213PD Y4, Y5, Y11      // r2*q + r
	VADDPD      Y11, Y8, Y8      // log x

	// e = yd*log x (Y0); every lane |e| <= exp32Bound.
	VMULPD    Y8, Y1, Y0
	VANDPD    32(R8), Y0, Y3
	VCMPPD    $0x12, 448(R8), Y3, Y3
	VMOVMSKPD Y3, R10
	CMPQ      R10, $15
	JNE       done32

	// exp32Core(e).
	VMULPD      480(R8), Y0, Y2  // z = e*InvLn2N
	VADDPD      512(R8), Y2, Y2  // kd = z + shift; its bits are ki
	VSUBPD      512(R8), Y2, Y3  // kd -= shift
	VFMADD132PD 544(R8), Y0, Y3  // r = kd*NegLn2N + e
	VMULPD      Y3, Y3, Y4       // r2
	VMOVUPD     608(R8), Y5
	VFMADD213PD 576(R8), Y3, Y5  // a = r*C3 + C2
	VMOVUPD     672(R8), Y6
	VFMADD213PD 640(R8), Y3, Y6  // b = r*C5 + C4
	VFMADD231PD Y6, Y4, Y5       // q = r2*b + a
	VFMADD213PD Y3, Y4, Y5       // p = r2*q + r
	VPAND       704(R8), Y2, Y7
	VPCMPEQQ    Y9, Y9, Y9
	VPXOR       Y8, Y8, Y8
	VGATHERQPD  Y9, 0(R9)(Y7*8), Y8 // expTabScale[ki % 8]
	VPSLLQ      $49, Y2, Y10
	VPADDQ      Y10, Y8, Y8      // scale
	VFMADD213PD Y8, Y8, Y5       // scale*p + scale
	VCVTPD2PSY  Y5, X5
	TESTQ R13, R13
	JNZ   pow32F64x4Asm_nt
	VMOVUPS X5, (DI)(AX*4)
pow32F64x4Asm_stored:
	ADDQ        $4, AX
	JMP         loop32
pow32F64x4Asm_nt:
	VMOVNTPS X5, (DI)(AX*4) // streaming: dst is aligned
	JMP pow32F64x4Asm_stored

done32:
	VZEROUPPER
	MOVQ AX, ret+56(FP)
	RET
