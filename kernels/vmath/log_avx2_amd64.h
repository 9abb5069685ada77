// The float64 log step shared by the AVX2 loops of log and pow
// (log_avx2_amd64.s, pow_avx2_amd64.s).

// LOGSTEP4 is logHiLo on the bits of x in Y0 (four lanes): hi in Y7, lo
// in Y12. It reads the constants of logF64x4Asm from R8 and the table
// from R9, and writes Y0-Y14. In order: tmp = ix - logOff + 2^63 (Y2),
// 2i (Y3), kb = k + 2048 (Y4), z = ix - k<<52 (Y5), kd = float64(k)
// (Y4); the table's words a (Y7) and lclo (Y8), invc (Y9) and lchi (Y7)
// decoded from a; r = z*invc - 1 (Y9) and w = kd*ln2hi + lchi (Y7), both
// exact; hi = w + r (Y10) with its error e2 (Y12); r2 (Y13), r2lo (Y14),
// t = A2*r2 and hi += t (Y7) with its error e3 (Y10); p = A3 + A4 r +
// ... + A9 r^6 (Y0), r3 = r2*r (Y2); lo = e2 + e3 + lclo + kd*ln2lo +
// A2*r2lo + r3*p (Y12).
#define LOGSTEP4 \
	VPADDQ 64(R8), Y0, Y2; \
	VPSRLQ $44, Y2, Y3; \
	VPAND  96(R8), Y3, Y3; \
	VPSRLQ $52, Y2, Y4; \
	VPSLLQ $52, Y4, Y5; \
	VPSUBQ Y5, Y0, Y5; \
	VPADDQ 224(R8), Y5, Y5; \
	VPADDQ 256(R8), Y4, Y4; \
	VSUBPD 288(R8), Y4, Y4; \
	VPCMPEQQ   Y6, Y6, Y6; \
	VPXOR      Y7, Y7, Y7; \
	VGATHERQPD Y6, 0(R9)(Y3*8), Y7; \
	VPCMPEQQ   Y6, Y6, Y6; \
	VPXOR      Y8, Y8, Y8; \
	VGATHERQPD Y6, 8(R9)(Y3*8), Y8; \
	VPAND      160(R8), Y7, Y9; \
	VPXOR      Y9, Y7, Y7; \
	VPSLLQ     $45, Y9, Y9; \
	VPADDQ     192(R8), Y9, Y9; \
	VFMSUB213PD 128(R8), Y5, Y9; \
	VFMADD231PD 320(R8), Y4, Y7; \
	VADDPD Y9, Y7, Y10; \
	VSUBPD Y7, Y10, Y11; \
	VSUBPD Y11, Y10, Y12; \
	VSUBPD Y12, Y7, Y12; \
	VSUBPD Y11, Y9, Y11; \
	VADDPD Y11, Y12, Y12; \
	VMULPD      Y9, Y9, Y13; \
	VMOVAPD     Y13, Y14; \
	VFMSUB231PD Y9, Y9, Y14; \
	VMULPD      352(R8), Y13, Y11; \
	VADDPD      Y11, Y10, Y7; \
	VSUBPD      Y10, Y7, Y10; \
	VSUBPD      Y10, Y11, Y10; \
	VMOVUPD     416(R8), Y0; \
	VFMADD213PD 384(R8), Y9, Y0; \
	VMOVUPD     480(R8), Y2; \
	VFMADD213PD 448(R8), Y9, Y2; \
	VMOVUPD     544(R8), Y3; \
	VFMADD213PD 512(R8), Y9, Y3; \
	VFMADD231PD Y2, Y13, Y0; \
	VFMADD231PD 576(R8), Y13, Y3; \
	VMULPD      Y13, Y13, Y2; \
	VFMADD231PD Y3, Y2, Y0; \
	VMULPD      Y9, Y13, Y2; \
	VADDPD      Y10, Y12, Y12; \
	VADDPD      Y8, Y12, Y12; \
	VFMADD231PD 608(R8), Y4, Y12; \
	VFMADD231PD 352(R8), Y14, Y12; \
	VFMADD231PD Y0, Y2, Y12;
