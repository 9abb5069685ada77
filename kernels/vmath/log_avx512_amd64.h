// The float64 log step shared by the AVX-512 loops of log and pow
// (log_avx512_amd64.s, pow_avx512_amd64.s).

// LOGSTEP is logHiLo on the bits of x in Z0: hi in Z10, lo in Z11. It
// takes the constants of logF64x8Asm (registers Z17-Z31 and the
// broadcasts from R8), the table in R9 and 0xff in R11 (the gather
// masks, set by KMOVB so that they wait on nothing; the gathers'
// destinations are zeroed first, so that they wait on nothing either: a
// gather merges into its destination), and writes Z1-Z16, K2, K3.
// In order: tmp = ix - logOff, i = 2*((tmp >> 45) % logN), k = tmp >> 52
// (arithmetic), z = ix - k<<52 (Z5), kd = float64(k) (Z4); the table's
// two words (Z6, and lclo in Z8), invc (Z7) and lchi (Z6) decoded from
// the first; r = z*invc - 1 (Z7) and w = kd*ln2hi + lchi (Z6), both
// exact; hi = w + r (Z9) with its error e2 (Z11); r2 (Z12), r2lo (Z13),
// t = A2*r2 and hi += t (Z10) with its error e3 (Z9); p = A3 + A4 r +
// ... + A9 r^6 (Z14), r3 = r2*r (Z15); lo = e2 + e3 + lclo + kd*ln2lo +
// A2*r2lo + r3*p (Z11).
#define LOGSTEP \
	VPSUBQ    Z29, Z0, Z2; \
	VPSRLQ    $45, Z2, Z3; \
	VPANDQ    Z28, Z3, Z3; \
	VPADDQ    Z3, Z3, Z3; \
	VPSRAQ    $52, Z2, Z4; \
	VPSLLQ    $52, Z4, Z5; \
	VPSUBQ    Z5, Z0, Z5; \
	VCVTQQ2PD Z4, Z4; \
	VPXORQ     Z6, Z6, Z6; \
	KMOVB      R11, K2; \
	VGATHERQPD 0(R9)(Z3*8), K2, Z6; \
	VPXORQ     Z8, Z8, Z8; \
	KMOVB      R11, K3; \
	VGATHERQPD 8(R9)(Z3*8), K3, Z8; \
	VPANDQ     Z18, Z6, Z7; \
	VPXORQ     Z7, Z6, Z6; \
	VPSLLQ     $45, Z7, Z7; \
	VPADDQ     Z17, Z7, Z7; \
	VFMSUB213PD Z27, Z5, Z7; \
	VFMADD231PD Z26, Z4, Z6; \
	VADDPD Z7, Z6, Z9; \
	VSUBPD Z6, Z9, Z10; \
	VSUBPD Z10, Z9, Z11; \
	VSUBPD Z11, Z6, Z11; \
	VSUBPD Z10, Z7, Z10; \
	VADDPD Z10, Z11, Z11; \
	VMULPD      Z7, Z7, Z12; \
	VMOVAPD     Z12, Z13; \
	VFMSUB231PD Z7, Z7, Z13; \
	VMULPD      Z25, Z12, Z14; \
	VADDPD      Z14, Z9, Z10; \
	VSUBPD      Z9, Z10, Z9; \
	VSUBPD      Z9, Z14, Z9; \
	VMOVAPD          Z19, Z14; \
	VFMADD231PD      Z20, Z7, Z14; \
	VMOVAPD          Z21, Z15; \
	VFMADD231PD      Z22, Z7, Z15; \
	VMOVAPD          Z23, Z16; \
	VFMADD231PD      Z24, Z7, Z16; \
	VFMADD231PD      Z15, Z12, Z14; \
	VFMADD231PD.BCST 112(R8), Z12, Z16; \
	VMULPD           Z12, Z12, Z15; \
	VFMADD231PD      Z16, Z15, Z14; \
	VMULPD           Z7, Z12, Z15; \
	VADDPD           Z9, Z11, Z11; \
	VADDPD           Z8, Z11, Z11; \
	VFMADD231PD.BCST 104(R8), Z4, Z11; \
	VFMADD231PD      Z25, Z13, Z11; \
	VFMADD231PD      Z14, Z15, Z11;
