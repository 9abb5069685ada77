//go:build goexperiment.simd && amd64

package vmath

import "math"

// The AVX-512 bodies of exp are assembly loops (exp_avx512_amd64.s), the
// scalar bodies' operations on eight float64 lanes with the constants and
// the eight-entry table in registers: float64 0.74 ns per element against
// 1.5 for the AVX2 loop (1.16 for the archsimd AVX-512 body these loops
// replace, which rebuilt constants in the loop); float32 0.45 against
// 0.74 (0.61). One thread, 4096 elements in cache, Zen 4, minimum of
// interleaved runs.

// expVecF64x8 is Exp on the leading whole vectors of x: the assembly
// loop (exp_avx512_amd64.s) does runs of vectors whose lanes are all in
// expLow < x < expBound, and the scalar body each other vector.
func expVecF64x8(dst, x []float64, nt bool) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = expF64x8Asm(&dst[0], &x[0], i, n, &expAsmConst, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = expF64(x[j])
		}
	}
	return n
}

// expAsmConsts is the length of expAsmConst.
const expAsmConsts = 15

// expAsmConst holds the assembly loop's constants, in its order.
var expAsmConst = [expAsmConsts]uint64{
	math.Float64bits(expLow), math.Float64bits(expBound), math.Float64bits(expInvLn2N),
	math.Float64bits(expShift), math.Float64bits(expNegLn2hiN), math.Float64bits(expNegLn2loN),
	math.Float64bits(1), math.Float64bits(expC2), math.Float64bits(expC3),
	math.Float64bits(expC4), math.Float64bits(expC5), math.Float64bits(expC6),
	math.Float64bits(expC7), math.Float64bits(expC8), math.Float64bits(expC9),
}

// expF64x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns n,
// or the index of the first vector with a lane outside expLow < x <
// expBound.
//
//go:noescape
func expF64x8Asm(dst, x *float64, i, n int, c *[expAsmConsts]uint64, nt bool) int

// expVecF32x8 is Exp32 on the leading whole vectors of x: the assembly
// loop (exp_avx512_amd64.s) does runs of vectors whose lanes are all in
// |x| <= exp32Bound, and the scalar body each other vector.
func expVecF32x8(dst, x []float32, nt bool) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = exp32F64x8Asm(&dst[0], &x[0], i, n, &exp32AsmConst, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = expF32(x[j])
		}
	}
	return n
}

// exp32AsmConsts is the length of exp32AsmConst.
const exp32AsmConsts = 9

// exp32AsmConst holds the assembly loop's constants, in its order.
var exp32AsmConst = [exp32AsmConsts]uint64{
	math.MaxInt64, math.Float64bits(exp32Bound), math.Float64bits(exp32InvLn2N),
	math.Float64bits(expShift), math.Float64bits(exp32NegLn2N),
	math.Float64bits(exp32C2), math.Float64bits(exp32C3),
	math.Float64bits(exp32C4), math.Float64bits(exp32C5),
}

// exp32F64x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns
// n, or the index of the first vector with a lane outside |x| <=
// exp32Bound.
//
//go:noescape
func exp32F64x8Asm(dst, x *float32, i, n int, c *[exp32AsmConsts]uint64, nt bool) int
