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
