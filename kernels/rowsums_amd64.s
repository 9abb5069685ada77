//go:build goexperiment.simd && amd64

#include "textflag.h"

// Row sums of AddRowSums (reduce_simd_amd64.go) for rows whose length is a
// multiple of 8: per row, eight lanes r[j] = x[j] + x[8+j] + ... in order,
// then ((r0+r1) + (r2+r3)) + ((r4+r5) + (r6+r7)), NumPy's pairwise fold,
// for several rows at once by unpacking pairs of rows and adding, then
// exchanging 128-bit lanes and adding; each row's sum is added to its
// sums entry. No bounds checks: the caller checks the lengths.

// func rowSumsAVX512(sums, x *float64, rows, cols int)
// rows a multiple of 8, cols a multiple of 8 in [8, 64).
TEXT ·rowSumsAVX512(SB), NOSPLIT, $0-32
	MOVQ sums+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ rows+16(FP), CX
	MOVQ cols+24(FP), DX
	SHLQ $3, DX          // a row's bytes
	LEAQ (DX)(DX*2), R8  // three rows'
	MOVQ DX, R9
	SHLQ $3, R9          // eight rows'
	SHRQ $3, CX
	JZ   rows512_done

rows512_loop:
	// Rows A-H in Z0-Z7.
	LEAQ    (SI)(DX*4), R10
	VMOVUPD (SI), Z0
	VMOVUPD (SI)(DX*1), Z1
	VMOVUPD (SI)(DX*2), Z2
	VMOVUPD (SI)(R8*1), Z3
	VMOVUPD (R10), Z4
	VMOVUPD (R10)(DX*1), Z5
	VMOVUPD (R10)(DX*2), Z6
	VMOVUPD (R10)(R8*1), Z7
	MOVQ    $64, R11

	// The rows' later chunks of eight into their lanes (R11: the chunk's
	// byte offset).
rows512_chunk:
	CMPQ   R11, DX
	JGE    rows512_fold
	LEAQ   (SI)(R11*1), R12
	LEAQ   (R12)(DX*4), R13
	VADDPD (R12), Z0, Z0
	VADDPD (R12)(DX*1), Z1, Z1
	VADDPD (R12)(DX*2), Z2, Z2
	VADDPD (R12)(R8*1), Z3, Z3
	VADDPD (R13), Z4, Z4
	VADDPD (R13)(DX*1), Z5, Z5
	VADDPD (R13)(DX*2), Z6, Z6
	VADDPD (R13)(R8*1), Z7, Z7
	ADDQ   $64, R11
	JMP    rows512_chunk

rows512_fold:
	// Pairs of rows: lane k of AB holds [A(2k)+A(2k+1), B(2k)+B(2k+1)].
	VUNPCKLPD Z1, Z0, Z8
	VUNPCKHPD Z1, Z0, Z9
	VADDPD    Z9, Z8, Z8
	VUNPCKLPD Z3, Z2, Z10
	VUNPCKHPD Z3, Z2, Z11
	VADDPD    Z11, Z10, Z10
	VUNPCKLPD Z5, Z4, Z12
	VUNPCKHPD Z5, Z4, Z13
	VADDPD    Z13, Z12, Z12
	VUNPCKLPD Z7, Z6, Z14
	VUNPCKHPD Z7, Z6, Z15
	VADDPD    Z15, Z14, Z14

	// Even lanes plus odd lanes: ABCD holds [A(0..3), B(0..3)],
	// [A(4..7), B(4..7)], [C(0..3), D(0..3)], [C(4..7), D(4..7)].
	VSHUFF64X2 $0x88, Z10, Z8, Z0
	VSHUFF64X2 $0xDD, Z10, Z8, Z1
	VADDPD     Z1, Z0, Z0
	VSHUFF64X2 $0x88, Z14, Z12, Z2
	VSHUFF64X2 $0xDD, Z14, Z12, Z3
	VADDPD     Z3, Z2, Z2

	// Once more: [A, B, C, D, E, F, G, H].
	VSHUFF64X2 $0x88, Z2, Z0, Z4
	VSHUFF64X2 $0xDD, Z2, Z0, Z5
	VADDPD     Z5, Z4, Z4
	VADDPD     (DI), Z4, Z4
	VMOVUPD    Z4, (DI)

	ADDQ $64, DI
	ADDQ R9, SI
	DECQ CX
	JNZ  rows512_loop

rows512_done:
	VZEROUPPER
	RET

// func rowSumsAVX2(sums, x *float64, rows, cols int)
// rows a multiple of 4, cols a multiple of 8 in [8, 64).
TEXT ·rowSumsAVX2(SB), NOSPLIT, $0-32
	MOVQ sums+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ rows+16(FP), CX
	MOVQ cols+24(FP), DX
	SHLQ $3, DX          // a row's bytes
	LEAQ (DX)(DX*2), R8  // three rows'
	MOVQ DX, R9
	SHLQ $2, R9          // four rows'
	SHRQ $2, CX
	JZ   rows256_done

rows256_loop:
	// Rows A-D: low halves in Y0, Y2, Y4, Y6, high halves in Y1, Y3, Y5, Y7.
	VMOVUPD (SI), Y0
	VMOVUPD 32(SI), Y1
	VMOVUPD (SI)(DX*1), Y2
	VMOVUPD 32(SI)(DX*1), Y3
	VMOVUPD (SI)(DX*2), Y4
	VMOVUPD 32(SI)(DX*2), Y5
	VMOVUPD (SI)(R8*1), Y6
	VMOVUPD 32(SI)(R8*1), Y7
	MOVQ    $64, R11

rows256_chunk:
	CMPQ   R11, DX
	JGE    rows256_fold
	LEAQ   (SI)(R11*1), R12
	VADDPD (R12), Y0, Y0
	VADDPD 32(R12), Y1, Y1
	VADDPD (R12)(DX*1), Y2, Y2
	VADDPD 32(R12)(DX*1), Y3, Y3
	VADDPD (R12)(DX*2), Y4, Y4
	VADDPD 32(R12)(DX*2), Y5, Y5
	VADDPD (R12)(R8*1), Y6, Y6
	VADDPD 32(R12)(R8*1), Y7, Y7
	ADDQ   $64, R11
	JMP    rows256_chunk

rows256_fold:
	// Pairs of rows: ABlo = [A0+A1, B0+B1, A2+A3, B2+B3], ABhi the same
	// of lanes 4-7; CDlo, CDhi alike.
	VUNPCKLPD Y2, Y0, Y8
	VUNPCKHPD Y2, Y0, Y9
	VADDPD    Y9, Y8, Y8
	VUNPCKLPD Y3, Y1, Y9
	VUNPCKHPD Y3, Y1, Y10
	VADDPD    Y10, Y9, Y9
	VUNPCKLPD Y6, Y4, Y10
	VUNPCKHPD Y6, Y4, Y11
	VADDPD    Y11, Y10, Y10
	VUNPCKLPD Y7, Y5, Y11
	VUNPCKHPD Y7, Y5, Y12
	VADDPD    Y12, Y11, Y11

	// [A(0..3), B(0..3), C(0..3), D(0..3)] and the same of lanes 4-7,
	// then their sum.
	VPERM2F128 $0x20, Y10, Y8, Y0
	VPERM2F128 $0x31, Y10, Y8, Y1
	VADDPD     Y1, Y0, Y0
	VPERM2F128 $0x20, Y11, Y9, Y2
	VPERM2F128 $0x31, Y11, Y9, Y3
	VADDPD     Y3, Y2, Y2
	VADDPD     Y2, Y0, Y0
	VADDPD     (DI), Y0, Y0
	VMOVUPD    Y0, (DI)

	ADDQ $32, DI
	ADDQ R9, SI
	DECQ CX
	JNZ  rows256_loop

rows256_done:
	VZEROUPPER
	RET
