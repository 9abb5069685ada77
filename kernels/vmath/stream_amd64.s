//go:build goexperiment.simd && amd64

#include "textflag.h"

// func streamHead64(p *float64) int
//
// The number of float64 from p to the next 64-byte boundary (0 to 7), or
// -1 if p is not 8-byte aligned.
TEXT ·streamHead64(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), AX
	MOVQ $-1, BX
	TESTQ $7, AX
	JNZ  head64done
	NEGQ AX
	ANDQ $63, AX
	SHRQ $3, AX
	MOVQ AX, BX
head64done:
	MOVQ BX, ret+8(FP)
	RET

// func streamHead32(p *float32) int
//
// streamHead64 for float32 (0 to 15, or -1 if p is not 4-byte aligned).
TEXT ·streamHead32(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), AX
	MOVQ $-1, BX
	TESTQ $3, AX
	JNZ  head32done
	NEGQ AX
	ANDQ $63, AX
	SHRQ $2, AX
	MOVQ AX, BX
head32done:
	MOVQ BX, ret+8(FP)
	RET

// func streamFence()
TEXT ·streamFence(SB), NOSPLIT, $0-0
	SFENCE
	RET

// The streaming square and add loops (stream_ops.go): n elements, dst
// 64-byte aligned, n a whole number of 64-byte lines.

// func streamSquare64(dst, x *float64, n int)
//
// One 64-byte line a step: two 32-byte loads, two multiplies, two
// non-temporal stores (AVX2 registers, so that it serves both levels).
TEXT ·streamSquare64(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	SHLQ $3, CX
	XORQ AX, AX

streamSquare64_loop:
	CMPQ AX, CX
	JGE  streamSquare64_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VMULPD Y0, Y0, Y0
	VMULPD Y1, Y1, Y1
	VMOVNTPD Y0, (DI)(AX*1)
	VMOVNTPD Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamSquare64_loop

streamSquare64_done:
	VZEROUPPER
	RET

// func streamSquare32(dst, x *float32, n int)
//
// One 64-byte line a step: two 32-byte loads, two multiplies, two
// non-temporal stores (AVX2 registers, so that it serves both levels).
TEXT ·streamSquare32(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	SHLQ $2, CX
	XORQ AX, AX

streamSquare32_loop:
	CMPQ AX, CX
	JGE  streamSquare32_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VMULPS Y0, Y0, Y0
	VMULPS Y1, Y1, Y1
	VMOVNTPD Y0, (DI)(AX*1)
	VMOVNTPD Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamSquare32_loop

streamSquare32_done:
	VZEROUPPER
	RET

// func streamAdd64(dst, x, y *float64, n int)
//
// One 64-byte line a step, as the square loops.
TEXT ·streamAdd64(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ n+24(FP), CX
	SHLQ $3, CX
	XORQ AX, AX

streamAdd64_loop:
	CMPQ AX, CX
	JGE  streamAdd64_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VADDPD (BX)(AX*1), Y0, Y0
	VADDPD 32(BX)(AX*1), Y1, Y1
	VMOVNTPD Y0, (DI)(AX*1)
	VMOVNTPD Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamAdd64_loop

streamAdd64_done:
	VZEROUPPER
	RET

// func streamAdd32(dst, x, y *float32, n int)
//
// One 64-byte line a step, as the square loops.
TEXT ·streamAdd32(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), BX
	MOVQ n+24(FP), CX
	SHLQ $2, CX
	XORQ AX, AX

streamAdd32_loop:
	CMPQ AX, CX
	JGE  streamAdd32_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VADDPS (BX)(AX*1), Y0, Y0
	VADDPS 32(BX)(AX*1), Y1, Y1
	VMOVNTPD Y0, (DI)(AX*1)
	VMOVNTPD Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamAdd32_loop

streamAdd32_done:
	VZEROUPPER
	RET

// func streamCopy64(dst, x *float64, n int)
//
// One 64-byte line a step: two 32-byte loads, two non-temporal stores.
TEXT ·streamCopy64(SB), NOSPLIT, $0-24
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	SHLQ $3, CX
	XORQ AX, AX

streamCopy64_loop:
	CMPQ AX, CX
	JGE  streamCopy64_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VMOVNTPD Y0, (DI)(AX*1)
	VMOVNTPD Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamCopy64_loop

streamCopy64_done:
	VZEROUPPER
	RET

// func streamSubDiv64(dst, x *float64, n int, sub, div float64)
//
// One 64-byte line a step: (x - sub) / div, as the square loops.
TEXT ·streamSubDiv64(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSD sub+24(FP), Y2
	VBROADCASTSD div+32(FP), Y3
	SHLQ $3, CX
	XORQ AX, AX

streamSubDiv64_loop:
	CMPQ AX, CX
	JGE  streamSubDiv64_done
	VMOVUPD (SI)(AX*1), Y0
	VMOVUPD 32(SI)(AX*1), Y1
	VSUBPD Y2, Y0, Y0
	VSUBPD Y2, Y1, Y1
	VDIVPD Y3, Y0, Y0
	VDIVPD Y3, Y1, Y1
	VMOVNTPD Y0, (DI)(AX*1)
	VMOVNTPD Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamSubDiv64_loop

streamSubDiv64_done:
	VZEROUPPER
	RET

// func streamSubDiv32(dst, x *float32, n int, sub, div float32)
//
// streamSubDiv64 for float32.
TEXT ·streamSubDiv32(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ x+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS sub+24(FP), Y2
	VBROADCASTSS div+28(FP), Y3
	SHLQ $2, CX
	XORQ AX, AX

streamSubDiv32_loop:
	CMPQ AX, CX
	JGE  streamSubDiv32_done
	VMOVUPS (SI)(AX*1), Y0
	VMOVUPS 32(SI)(AX*1), Y1
	VSUBPS Y2, Y0, Y0
	VSUBPS Y2, Y1, Y1
	VDIVPS Y3, Y0, Y0
	VDIVPS Y3, Y1, Y1
	VMOVNTPS Y0, (DI)(AX*1)
	VMOVNTPS Y1, 32(DI)(AX*1)
	ADDQ $64, AX
	JMP  streamSubDiv32_loop

streamSubDiv32_done:
	VZEROUPPER
	RET
