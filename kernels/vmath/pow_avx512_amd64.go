//go:build goexperiment.simd && amd64

package vmath

import "math"

// The AVX-512 bodies of pow are assembly loops (pow_avx512_amd64.s).
// float64: powF64's fast case (powLogMul, powExp) on two vectors of
// eight lanes a step, interleaved phase by phase so that the two long
// dependency chains overlap; log's table read by VGATHERQPD, exp's by
// VPERMQ, the other constants by broadcast: 2.45 ns per element against
// 3.2 for the one-vector loop on logHiLo it replaces (PowScalar, 4096
// elements, one thread, Zen 4, median of alternating runs). float32:
// powF32's fast case on eight float64 lanes, pow32Log's tables in
// registers (VPERMI2PD): 1.33 ns per element against 2.7-2.8 for the
// AVX2 loop, which reads them by VGATHERQPD (pow32Log's division-based
// predecessor: 1.55 and 2.6). One thread, 4096 elements in cache, Zen 4,
// minimum of interleaved runs.

// powVecF64x8 is Pow, PowScalar or ScalarPow (after mode) on the leading
// whole vectors: the assembly loop (pow_avx512_amd64.s) does runs of
// vectors in powF64's fast case, and the scalar body each other vector.
// A scalar operand is read from a block filled with it.
func powVecF64x8(dst, x, y []float64, s float64, mode int, nt bool) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	if mode == powArrays {
		powF64x8Run(dst[:n], x[:n], y[:n], nt)
		return n
	}
	var block [powBlock]float64
	for j := range block {
		block[j] = s
	}
	for lo := 0; lo < n; lo += powBlock {
		hi := min(lo+powBlock, n)
		if mode == powScalarY {
			powF64x8Run(dst[lo:hi], x[lo:hi], block[:hi-lo], nt)
		} else {
			powF64x8Run(dst[lo:hi], block[:hi-lo], y[lo:hi], nt)
		}
	}
	return n
}

// powBlock is the length of the block that holds a scalar operand.
const powBlock = 256

// powF64x8Run does Pow on equal lengths, a multiple of 8.
func powF64x8Run(dst, x, y []float64, nt bool) {
	const lanes = 8
	n := len(dst)
	x, y = x[:n], y[:n]
	for i := 0; i < n; i += lanes {
		if i = powF64x8Asm(&dst[0], &x[0], &y[0], i, n, &powAsmConst, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = powF64(x[j], y[j])
		}
	}
}

// powAsmConsts is the length of powAsmConst.
const powAsmConsts = 30

// powAsmConst holds the assembly loop's constants, in its order: the
// eight it keeps in registers, then those it reads by broadcast (log's,
// exp's reduction, expC2 ... expC9).
var powAsmConst = [powAsmConsts]uint64{
	0x0010000000000000, 0x7ff0000000000000 - 0x0010000000000000, logOff, 2 * (logN - 1),
	logCodeMask, logInvcBase, math.Float64bits(1), math.Float64bits(logLn2hi),
	math.Float64bits(logLn2lo), math.Float64bits(logA2),
	math.Float64bits(powQ0), math.Float64bits(powQ1), math.Float64bits(powQ2),
	math.Float64bits(powQ3), math.Float64bits(powQ4), math.Float64bits(powQ6),
	math.Float64bits(expLow), math.Float64bits(expBound),
	math.Float64bits(expInvLn2N), math.Float64bits(expShift),
	math.Float64bits(expNegLn2hiN), math.Float64bits(expNegLn2loN),
	math.Float64bits(expC2), math.Float64bits(expC3), math.Float64bits(expC4),
	math.Float64bits(expC5), math.Float64bits(expC6), math.Float64bits(expC7),
	math.Float64bits(expC8), math.Float64bits(expC9),
}

// powF64x8Asm does i up to n into dst (n - i a multiple of 8) and returns
// n, or the index of the first vector with a lane outside powF64's fast
// case.
//
//go:noescape
func powF64x8Asm(dst, x, y *float64, i, n int, c *[powAsmConsts]uint64, nt bool) int

// powVecF32x8 is Pow32, PowScalar32 or ScalarPow32 (after mode) on the
// leading whole vectors: the assembly loop (pow_avx512_amd64.s) does runs
// of vectors in powF32's fast case, and the scalar body each other
// vector. A scalar operand is read from a block filled with it.
func powVecF32x8(dst, x, y []float32, s float32, mode int, nt bool) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	if mode == powArrays {
		powF32x8Run(dst[:n], x[:n], y[:n], nt)
		return n
	}
	var block [pow32Block]float32
	for j := range block {
		block[j] = s
	}
	for lo := 0; lo < n; lo += pow32Block {
		hi := min(lo+pow32Block, n)
		if mode == powScalarY {
			powF32x8Run(dst[lo:hi], x[lo:hi], block[:hi-lo], nt)
		} else {
			powF32x8Run(dst[lo:hi], block[:hi-lo], y[lo:hi], nt)
		}
	}
	return n
}

// pow32Block is the length of the block that holds a scalar operand.
const pow32Block = 512

// powF32x8Run does Pow32 on equal lengths, a multiple of 8.
func powF32x8Run(dst, x, y []float32, nt bool) {
	const lanes = 8
	n := len(dst)
	x, y = x[:n], y[:n]
	for i := 0; i < n; i += lanes {
		if i = pow32F64x8Asm(&dst[0], &x[0], &y[0], i, n, &pow32AsmConst, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = powF32(x[j], y[j])
		}
	}
}

// pow32AsmConsts is the length of pow32AsmConst.
const pow32AsmConsts = 21

// pow32AsmConst holds the assembly loop's constants, in its order.
var pow32AsmConst = [pow32AsmConsts]uint64{
	1, math.Float64bits(math.MaxFloat32) - 1, math.MaxInt64, math.Float64bits(math.MaxFloat32),
	pow32Off, math.Float64bits(1), math.Float64bits(log32Ln2),
	math.Float64bits(exp32Bound), math.Float64bits(exp32InvLn2N), math.Float64bits(expShift),
	math.Float64bits(exp32NegLn2N),
	math.Float64bits(pow32C2), math.Float64bits(pow32C3), math.Float64bits(pow32C4),
	math.Float64bits(pow32C5), math.Float64bits(pow32C6), math.Float64bits(pow32C7),
	math.Float64bits(exp32C2), math.Float64bits(exp32C3), math.Float64bits(exp32C4),
	math.Float64bits(exp32C5),
}

// pow32F64x8Asm does i up to n into dst (n - i a multiple of 8) and
// returns n, or the index of the first vector with a lane outside
// powF32's fast case.
//
//go:noescape
func pow32F64x8Asm(dst, x, y *float32, i, n int, c *[pow32AsmConsts]uint64, nt bool) int
