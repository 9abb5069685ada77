//go:build goexperiment.simd && amd64

#include "textflag.h"
#include "log_avx2_amd64.h"

// func powF64x4Asm(dst, x, y *float64, i, n int, c *[powAVX2Consts][4]uint64) int
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
// R11 and R12 exp's tables; Y0-Y15.
TEXT ·powF64x4Asm(SB), NOSPLIT, $0-56
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ i+24(FP), AX
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), R8
	LEAQ ·logTab(SB), R9
	LEAQ ·expTabScale(SB), R11
	LEAQ ·expTabTail(SB), R12

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

	// powExp(ehi, elo): ki (Y1), kd (Y2), r (Y5), d + elo (Y4).
	VMULPD      736(R8), Y3, Y1
	VADDPD      768(R8), Y1, Y1
	VSUBPD      768(R8), Y1, Y2
	VMULPD      832(R8), Y2, Y4  // t = kd*NegLn2loN
	VFMADD132PD 800(R8), Y3, Y2  // rh = kd*NegLn2hiN + ehi
	VADDPD      Y4, Y2, Y5       // r = rh + t
	VSUBPD      Y5, Y2, Y2
	VADDPD      Y4, Y2, Y4       // d = (rh - r) + t
	VADDPD      Y0, Y4, Y4       // d + elo

	// expTail: scale (Y7), tail (Y8).
	VPAND      864(R8), Y1, Y6
	VPCMPEQQ   Y15, Y15, Y15
	VPXOR      Y7, Y7, Y7
	VGATHERQPD Y15, 0(R11)(Y6*8), Y7
	VPCMPEQQ   Y15, Y15, Y15
	VPXOR      Y8, Y8, Y8
	VGATHERQPD Y15, 0(R12)(Y6*8), Y8
	VPSLLQ     $49, Y1, Y9
	VPADDQ     Y9, Y7, Y7

	// u = r^2*expPoly(r) + tail (Y8).
	VMULPD      Y5, Y5, Y9         // r2
	VMULPD      Y9, Y9, Y10        // r4
	VMOVUPD     928(R8), Y11
	VFMADD213PD 896(R8), Y5, Y11   // q23
	VMOVUPD     992(R8), Y12
	VFMADD213PD 960(R8), Y5, Y12   // q45
	VMOVUPD     1056(R8), Y13
	VFMADD213PD 1024(R8), Y5, Y13  // q67
	VMOVUPD     1120(R8), Y14
	VFMADD213PD 1088(R8), Y5, Y14  // q89
	VFMADD231PD Y12, Y9, Y11       // q25
	VFMADD231PD Y14, Y9, Y13       // q69
	VFMADD231PD Y13, Y10, Y11      // q
	VFMADD231PD Y11, Y9, Y8        // u

	// y1 = 1 + r (Y12), e1 = (1 - y1) + r, v = e1 + (d*(r+u) + d) + u
	// (Y13); scale*y1 + scale*v.
	VADDPD      128(R8), Y5, Y12
	VMOVUPD     128(R8), Y13
	VSUBPD      Y12, Y13, Y13
	VADDPD      Y5, Y13, Y13
	VADDPD      Y8, Y5, Y14
	VFMADD213PD Y4, Y4, Y14
	VADDPD      Y14, Y13, Y13
	VADDPD      Y8, Y13, Y13
	VMULPD      Y13, Y7, Y13
	VFMADD231PD Y12, Y7, Y13

	VMOVUPD Y13, (DI)(AX*8)
	ADDQ    $4, AX
	JMP     loop

done:
	VZEROUPPER
	MOVQ AX, ret+48(FP)
	RET
