//go:build goexperiment.simd && amd64

#include "textflag.h"

// AVX-512 loops of the float64 comparisons and where (select_amd64.go):
// n, a multiple of 8, elements from index 0, eight a step.

// CMPLOOP sets d[k] to 1 where x[k] pred y[k] holds, else 0; pred is the
// VCMPPD predicate.
#define CMPLOOP(pred) \
	MOVQ d+0(FP), DI; \
	MOVQ x+8(FP), SI; \
	MOVQ y+16(FP), DX; \
	MOVQ n+24(FP), CX; \
	XORQ AX, AX; \
	MOVQ $1, R8; \
	VPBROADCASTQ R8, Z4; \
loop: \
	CMPQ AX, CX; \
	JGE  done; \
	VMOVUPD (SI)(AX*8), Z0; \
	VCMPPD  pred, (DX)(AX*8), Z0, K1; \
	VMOVDQA64.Z Z4, K1, Z1; \
	VMOVDQU64 Z1, (DI)(AX*8); \
	ADDQ $8, AX; \
	JMP  loop; \
done: \
	VZEROUPPER; \
	RET

// func ltF64x8(d *int64, x, y *float64, n int)
TEXT ·ltF64x8(SB), NOSPLIT, $0-32
	CMPLOOP($0x11) // LT_OQ: false for NaN

// func leF64x8(d *int64, x, y *float64, n int)
TEXT ·leF64x8(SB), NOSPLIT, $0-32
	CMPLOOP($0x12) // LE_OQ

// func gtF64x8(d *int64, x, y *float64, n int)
TEXT ·gtF64x8(SB), NOSPLIT, $0-32
	CMPLOOP($0x1e) // GT_OQ

// func geF64x8(d *int64, x, y *float64, n int)
TEXT ·geF64x8(SB), NOSPLIT, $0-32
	CMPLOOP($0x1d) // GE_OQ

// func eqF64x8(d *int64, x, y *float64, n int)
TEXT ·eqF64x8(SB), NOSPLIT, $0-32
	CMPLOOP($0x00) // EQ_OQ

// func neF64x8(d *int64, x, y *float64, n int)
TEXT ·neF64x8(SB), NOSPLIT, $0-32
	CMPLOOP($0x04) // NEQ_UQ: true for NaN, as NumPy's !=

// func whereF64x8(d *float64, c *int64, x, y *float64, n int)
//
// d[k] = x[k] where c[k] != 0, else y[k]: y loaded whole, x over it under
// the mask of c, so each result is one of the two inputs' bits.
TEXT ·whereF64x8(SB), NOSPLIT, $0-40
	MOVQ d+0(FP), DI
	MOVQ c+8(FP), SI
	MOVQ x+16(FP), BX
	MOVQ y+24(FP), DX
	MOVQ n+32(FP), CX
	XORQ AX, AX

wloop:
	CMPQ AX, CX
	JGE  wdone
	VMOVDQU64 (SI)(AX*8), Z0
	VPTESTMQ  Z0, Z0, K1
	VMOVUPD   (DX)(AX*8), Z1
	VMOVUPD   (BX)(AX*8), K1, Z1
	VMOVUPD   Z1, (DI)(AX*8)
	ADDQ      $8, AX
	JMP       wloop

wdone:
	VZEROUPPER
	RET
