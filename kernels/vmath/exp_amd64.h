// The float64 exp tails of the assembly loops (exp_avx2_amd64.s,
// exp_avx512_amd64.s, pow_avx2_amd64.s), after the reduction, each the
// scalar body's operations in its order: EXPTAIL4 is pow's (expTail and
// expRebuild of exp.go), EXPTAIL4E and EXPTAIL8E exp's own (expTailE).
// pow's AVX-512 loop has its tail in phases of its own.
//
// EXPTAIL4 and EXPTAIL4E read a block of constants at R14: the table
// index mask expN - 1, 1.0, then the polynomial's coefficients (expC2 ...
// expC9 for EXPTAIL4, expM2 ... expM8 for EXPTAIL4E), four copies each.

// EXPSCALE4 is the tails' first step on four lanes: scale (Y6) and tail
// (Y7) for ki (the bits of k + expShift) in Y1, from the tables at ts and
// tt (expTabScale and expTabTail, read by VGATHERQPD). It writes Y5-Y8.
#define EXPSCALE4(ts, tt) \
	VPAND      0(R14), Y1, Y5; \
	VPCMPEQQ   Y8, Y8, Y8; \
	VPXOR      Y6, Y6, Y6; \
	VGATHERQPD Y8, 0(ts)(Y5*8), Y6; \
	VPCMPEQQ   Y8, Y8, Y8; \
	VPXOR      Y7, Y7, Y7; \
	VGATHERQPD Y8, 0(tt)(Y5*8), Y7; \
	VPSLLQ     $49, Y1, Y8; \
	VPADDQ     Y8, Y6, Y6

// EXPTAIL4 is expTail on four lanes: ki (the bits of k + expShift) in
// Y1, r in Y4, d in Y3; the result in Y12. ts and tt hold the addresses
// of expTabScale and expTabTail (read by VGATHERQPD). It writes Y5-Y13.
// In order: scale (Y6) and tail (Y7) from the tables, u = r^2*expPoly(r)
// + tail (Y7), y1 = 1 + r (Y11), e1 = (1 - y1) + r, v = e1 + (d*(r+u) +
// d) + u (Y12), scale*y1 + scale*v.
#define EXPTAIL4(ts, tt) \
	EXPSCALE4(ts, tt); \
	VMULPD      Y4, Y4, Y8; \
	VMULPD      Y8, Y8, Y9; \
	VMOVUPD     96(R14), Y10; \
	VFMADD213PD 64(R14), Y4, Y10; \
	VMOVUPD     160(R14), Y11; \
	VFMADD213PD 128(R14), Y4, Y11; \
	VMOVUPD     224(R14), Y12; \
	VFMADD213PD 192(R14), Y4, Y12; \
	VMOVUPD     288(R14), Y13; \
	VFMADD213PD 256(R14), Y4, Y13; \
	VFMADD231PD Y11, Y8, Y10; \
	VFMADD231PD Y13, Y8, Y12; \
	VFMADD231PD Y12, Y9, Y10; \
	VFMADD231PD Y10, Y8, Y7; \
	VADDPD      32(R14), Y4, Y11; \
	VMOVUPD     32(R14), Y12; \
	VSUBPD      Y11, Y12, Y12; \
	VADDPD      Y4, Y12, Y12; \
	VADDPD      Y7, Y4, Y13; \
	VFMADD213PD Y3, Y3, Y13; \
	VADDPD      Y13, Y12, Y12; \
	VADDPD      Y7, Y12, Y12; \
	VMULPD      Y12, Y6, Y12; \
	VFMADD231PD Y11, Y6, Y12

// EXPTAIL4E and EXPTAIL8E are expTailE (exp.go), exp's own tail, on four
// and eight lanes: d joins the table's tail, the polynomial is expPolyH,
// and d*(r + u) is left out. In order: scale, tail + d, u =
// r^2*expPolyH(r) + (tail + d), y1 = 1 + r, e1 = (1 - y1) + r, scale*y1 +
// scale*(e1 + u). EXPTAIL4E has EXPTAIL4's inputs and output. EXPTAIL8E
// takes ki in Z1, r in Z4 and d in Z3, 1.0 and expM2 ... expM8 and the
// eight-entry tables ts and tt in registers; the result in Z14. It writes
// Z5-Z14.
#define EXPTAIL4E(ts, tt) \
	EXPSCALE4(ts, tt); \
	VADDPD     Y3, Y7, Y7; \
	VMULPD      Y4, Y4, Y8; \
	VMOVUPD     256(R14), Y10; \
	VFMADD213PD 224(R14), Y4, Y10; \
	VFMADD213PD 192(R14), Y4, Y10; \
	VFMADD213PD 160(R14), Y4, Y10; \
	VFMADD213PD 128(R14), Y4, Y10; \
	VFMADD213PD 96(R14), Y4, Y10; \
	VFMADD213PD 64(R14), Y4, Y10; \
	VFMADD231PD Y10, Y8, Y7; \
	VADDPD      32(R14), Y4, Y11; \
	VMOVUPD     32(R14), Y12; \
	VSUBPD      Y11, Y12, Y12; \
	VADDPD      Y4, Y12, Y12; \
	VADDPD      Y7, Y12, Y12; \
	VMULPD      Y12, Y6, Y12; \
	VFMADD231PD Y11, Y6, Y12

#define EXPTAIL8E(one, m2, m3, m4, m5, m6, m7, m8, ts, tt) \
	VPERMQ ts, Z1, Z5; \
	VPERMQ tt, Z1, Z6; \
	VPSLLQ $49, Z1, Z7; \
	VPADDQ Z7, Z5, Z5; \
	VADDPD Z3, Z6, Z6; \
	VMULPD      Z4, Z4, Z7; \
	VMOVUPD     m8, Z9; \
	VFMADD213PD m7, Z4, Z9; \
	VFMADD213PD m6, Z4, Z9; \
	VFMADD213PD m5, Z4, Z9; \
	VFMADD213PD m4, Z4, Z9; \
	VFMADD213PD m3, Z4, Z9; \
	VFMADD213PD m2, Z4, Z9; \
	VFMADD231PD Z9, Z7, Z6; \
	VADDPD      one, Z4, Z13; \
	VMOVUPD     one, Z14; \
	VSUBPD      Z13, Z14, Z14; \
	VADDPD      Z4, Z14, Z14; \
	VADDPD      Z6, Z14, Z14; \
	VMULPD      Z14, Z5, Z14; \
	VFMADD231PD Z13, Z5, Z14
