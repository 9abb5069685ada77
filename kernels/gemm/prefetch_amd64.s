//go:build goexperiment.simd && amd64

#include "textflag.h"

// func prefetchRowsAsm(p *byte, rowBytes, rows, stride int)
//
// Issues PREFETCHT0 for every 64-byte line of rows runs of rowBytes bytes,
// stride bytes apart, from p on. A prefetch never faults, and it changes
// nothing but the caches.
TEXT ·prefetchRowsAsm(SB), NOSPLIT, $0-32
	MOVQ p+0(FP), AX
	MOVQ rowBytes+8(FP), BX
	MOVQ rows+16(FP), CX
	MOVQ stride+24(FP), DX
	TESTQ CX, CX
	JLE  done

row:
	// Lines from the first byte's line to the last byte's line.
	MOVQ AX, SI
	ANDQ $-64, SI
	LEAQ -1(AX)(BX*1), DI

line:
	PREFETCHT0 (SI)
	ADDQ $64, SI
	CMPQ SI, DI
	JLE  line

	ADDQ DX, AX
	DECQ CX
	JNZ  row

done:
	RET
