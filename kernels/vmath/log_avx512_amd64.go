//go:build goexperiment.simd && amd64

package vmath

import "math"

// The AVX-512 bodies of log are assembly loops (log_avx512_amd64.s; the
// float64 step is in log_avx512_amd64.h, which pow's loop shares): the
// scalar bodies' operations on eight float64 lanes with the constants in
// registers, float64 log's three 16-entry tables in register pairs read by
// VPERMI2PD, float32 log's eight-entry table in two registers. float64:
// 0.77 ns per element against 1.7 for the AVX2 loop (1.55 for the
// previous AVX-512 loop, which gathered from a 128-entry table); float32
// 0.59 against 1.3. One thread, 4096 elements in cache, Zen 4.

// logVecF64x8 is Log on the leading whole vectors of x: the assembly
// loop (log_avx512_amd64.s) does runs of vectors whose lanes are all
// positive, normal and finite, and the scalar body each other vector.
func logVecF64x8(dst, x []float64, nt bool) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = logF64x8Asm(&dst[0], &x[0], i, n, &logShortConst, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = logF64(x[j])
		}
	}
	return n
}

// logAsmConsts is the length of logAsmConst.
const logAsmConsts = 17

// logAsmConst holds the constants of pow's log step (LOGSTEP in
// log_avx512_amd64.h, logHiLo), in its order.
var logAsmConst = [logAsmConsts]uint64{
	0x0010000000000000, 0x7ff0000000000000 - 0x0010000000000000, logOff, logN - 1,
	math.Float64bits(1), math.Float64bits(logLn2hi), math.Float64bits(logA2),
	math.Float64bits(logA8), math.Float64bits(logA7), math.Float64bits(logA6),
	math.Float64bits(logA5), math.Float64bits(logA4), math.Float64bits(logA3),
	math.Float64bits(logLn2lo), math.Float64bits(logA9), logCodeMask, logInvcBase,
}

// logShortConsts is the length of logShortConst.
const logShortConsts = 17

// logShortConst holds logF64x8Asm's constants, in its order.
var logShortConst = [logShortConsts]uint64{
	0x0010000000000000, 0x7ff0000000000000 - 0x0010000000000000, log16Off,
	math.Float64bits(1), math.Float64bits(logLn2hi), math.Float64bits(logLn2lo),
	math.Float64bits(logB2), math.Float64bits(logB3), math.Float64bits(logB4),
	math.Float64bits(logB5), math.Float64bits(logB6), math.Float64bits(logB7),
	math.Float64bits(logB8), math.Float64bits(logB9), math.Float64bits(logB10),
	math.Float64bits(logB11), math.Float64bits(logB12),
}

// logF64x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns n,
// or the index of the first vector with a lane that is not positive,
// normal and finite.
//
//go:noescape
func logF64x8Asm(dst, x *float64, i, n int, c *[logShortConsts]uint64, nt bool) int

// logVecF32x8 is Log32 on the leading whole vectors of x: the assembly
// loop (log_avx512_amd64.s) does runs of vectors whose lanes are all
// positive and finite, and the scalar body each other vector.
func logVecF32x8(dst, x []float32, nt bool) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = log32F64x8Asm(&dst[0], &x[0], i, n, &log32AsmConst, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = logF32(x[j])
		}
	}
	return n
}

// log32AsmConsts is the length of log32AsmConst.
const log32AsmConsts = 11

// log32AsmConst holds the assembly loop's constants, in its order.
var log32AsmConst = [log32AsmConsts]uint64{
	1, math.Float64bits(math.MaxFloat32) - 1, log32TabOff, math.Float64bits(1),
	math.Float64bits(log32C2), math.Float64bits(log32C3), math.Float64bits(log32C4),
	math.Float64bits(log32C5), math.Float64bits(log32C6), math.Float64bits(log32C7),
	math.Float64bits(log32Ln2),
}

// log32F64x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns
// n, or the index of the first vector with a lane that is not positive
// and finite.
//
//go:noescape
func log32F64x8Asm(dst, x *float32, i, n int, c *[log32AsmConsts]uint64, nt bool) int
