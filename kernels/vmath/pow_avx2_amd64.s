//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "log_avx2_amd64.h"
#include "exp_amd64.h"

// func powF64x4Asm(dst, x, y *float64, i, n int, c *[powAVX2Consts][4]uint64, nt bool) int
//
// The AVX2+FMA loop of float64 pow: powF64's fast case on four lanes a
// step (logHiLo as LOGSTEP4, the product with y in extra precision,
// powExp), the scalar body's operations in its order. c holds log's
// constants (logAVX2Const) then exp's, four copies each. It does i up to
// n (n - i a multiple of 4) and returns n, or the index of the first
// vector with a lane outside the fast case, which the caller does with
// the scalar body.
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
	LEAQ 864(R8), R14 // EXPTAIL4's constants

loop:
	CMPQ AX, CX
	JGE  done
	VMOVUPD (SI)(AX*8), Y0
	VMOVUPD (BX)(AX*8), Y1

	// x in [2^-1022, MaxFloat64]; |y| <= MaxFloat64; y != 0.
	VCMPPD    $0x1d, 0(R8), Y0, Y2
	VCMPPD    $0x12, 32(R8), Y0, Y3
	VANDPD    Y3, Y2, Y2
	VANDPD    640(R8), Y1, Y3
	VCMPPD    $0x12, 32(R8), Y3, Y4
	VANDPD    Y4, Y2, Y2
	VXORPD    Y5, Y5, Y5
	VCMPPD    $0x0c, Y5, Y1, Y4
	VANDPD    Y4, Y2, Y2
	VMOVMSKPD Y2, R10
	CMPQ      R10, $15
	JNE       done

	LOGSTEP4

	// h = hi + lo (Y0), l = lo - (h - hi) (Y2); ehi = y*h (Y3),
	// elo = y*h - ehi + y*l (Y0).
	VMOVUPD     (BX)(AX*8), Y1
	VADDPD      Y12, Y7, Y0
	VSUBPD      Y7, Y0, Y2
	VSUBPD      Y2, Y12, Y2
	VMULPD      Y0, Y1, Y3
	VFMSUB213PD Y3, Y1, Y0
	VFMADD231PD Y2, Y1, Y0

	// Every lane expLow < ehi < expBound.
	VCMPPD    $0x1e, 672(R8), Y3, Y4
	VCMPPD    $0x11, 704(R8), Y3, Y5
	VANDPD    Y5, Y4, Y4
	VMOVMSKPD Y4, R10
	CMPQ      R10, $15
	JNE       done

	// powExp(ehi, elo): ki (Y1), kd (Y2), r (Y4), d + elo (Y3).
	VMULPD      736(R8), Y3, Y1
	VADDPD      768(R8), Y1, Y1
	VSUBPD      768(R8), Y1, Y2
	VMULPD      832(R8), Y2, Y5  // t = kd*NegLn2loN
	VFMADD132PD 800(R8), Y3, Y2  // rh = kd*NegLn2hiN + ehi
	VADDPD      Y5, Y2, Y4       // r = rh + t
	VSUBPD      Y4, Y2, Y2
	VADDPD      Y5, Y2, Y3       // d = (rh - r) + t
	VADDPD      Y0, Y3, Y3       // d + elo

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
