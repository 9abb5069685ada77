//go:build goexperiment.simd && amd64

package vmath

import "math"

// The AVX2+FMA bodies of pow are assembly loops (pow_avx2_amd64.s): the
// scalar fast case (positive normal finite x, y*log x within exp's fast
// range) on four float64 lanes, in the scalar body's order; a vector
// with any other lane is left to the scalar body. float64: 4.8 ns per
// element (5.9 for the loop on logHiLo it replaces, 7.2 for those
// operations written with archsimd), float32 2.5 against 4.0 (one
// thread, 4096 elements in cache, Zen 4, interleaved runs).

// powVecF64 is Pow, PowScalar or ScalarPow (after mode) on the leading
// whole vectors: the assembly loop (pow_avx2_amd64.s) does runs of
// vectors in powF64's fast case, and the scalar body each other vector.
// A scalar operand is read from a block filled with it.
func powVecF64(dst, x, y []float64, s float64, mode int, nt bool) int {
	const lanes = 4
	n := len(dst) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	if mode == powArrays {
		powF64x4Run(dst[:n], x[:n], y[:n], nt)
		return n
	}
	var block [powBlock]float64
	for j := range block {
		block[j] = s
	}
	for lo := 0; lo < n; lo += powBlock {
		hi := min(lo+powBlock, n)
		if mode == powScalarY {
			powF64x4Run(dst[lo:hi], x[lo:hi], block[:hi-lo], nt)
		} else {
			powF64x4Run(dst[lo:hi], block[:hi-lo], y[lo:hi], nt)
		}
	}
	return n
}

// powF64x4Run does Pow on equal lengths, a multiple of 4.
func powF64x4Run(dst, x, y []float64, nt bool) {
	const lanes = 4
	n := len(dst)
	x, y = x[:n], y[:n]
	for i := 0; i < n; i += lanes {
		if i = powF64x4Asm(&dst[0], &x[0], &y[0], i, n, &powAVX2Const, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = powF64(x[j], y[j])
		}
	}
}

// powAVX2Consts is the number of constants of powF64x4Asm.
const powAVX2Consts = 35

// powAVX2Const holds powF64x4Asm's constants, in its order, four copies
// of each: the tests of x, log's (powLogMul), exp's (powExp), then the
// block EXPTAIL4 reads: the table index mask, 1.0, expC2 ... expC9.
var powAVX2Const = func() (c [powAVX2Consts][4]uint64) {
	const magic = 0x1.8p52
	v := [powAVX2Consts]uint64{
		math.Float64bits(0x1p-1022), math.Float64bits(math.MaxFloat64), 1<<63 - logOff, 2 * (logN - 1),
		1 << 63, math.Float64bits(magic), math.Float64bits(magic + 2048), logCodeMask,
		logInvcBase, math.Float64bits(1), math.Float64bits(logLn2hi), math.Float64bits(logLn2lo),
		math.Float64bits(logA2), math.Float64bits(powQ0), math.Float64bits(powQ1),
		math.Float64bits(powQ2), math.Float64bits(powQ3), math.Float64bits(powQ4),
		math.Float64bits(powQ6), math.Float64bits(expLow), math.Float64bits(expBound),
		math.Float64bits(expInvLn2N), math.Float64bits(expShift),
		math.Float64bits(expNegLn2hiN), math.Float64bits(expNegLn2loN),
		expN - 1, math.Float64bits(1),
		math.Float64bits(expC2), math.Float64bits(expC3), math.Float64bits(expC4),
		math.Float64bits(expC5), math.Float64bits(expC6), math.Float64bits(expC7),
		math.Float64bits(expC8), math.Float64bits(expC9),
	}
	for j, b := range v {
		c[j] = [4]uint64{b, b, b, b}
	}
	return c
}()

// powF64x4Asm does i up to n into dst (n - i a multiple of 4) and returns
// n, or the index of the first vector with a lane outside powF64's fast
// case.
//
//go:noescape
func powF64x4Asm(dst, x, y *float64, i, n int, c *[powAVX2Consts][4]uint64, nt bool) int

// powVecF32 is Pow32, PowScalar32 or ScalarPow32 (after mode) on the
// leading whole vectors: the assembly loop (pow_avx2_amd64.s) does runs
// of vectors in powF32's fast case, and the scalar body each other
// vector. A scalar operand is read from a block filled with it.
func powVecF32(dst, x, y []float32, s float32, mode int, nt bool) int {
	const lanes = 4
	n := len(dst) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	if mode == powArrays {
		pow32F64x4Run(dst[:n], x[:n], y[:n], nt)
		return n
	}
	var block [pow32Block]float32
	for j := range block {
		block[j] = s
	}
	for lo := 0; lo < n; lo += pow32Block {
		hi := min(lo+pow32Block, n)
		if mode == powScalarY {
			pow32F64x4Run(dst[lo:hi], x[lo:hi], block[:hi-lo], nt)
		} else {
			pow32F64x4Run(dst[lo:hi], block[:hi-lo], y[lo:hi], nt)
		}
	}
	return n
}

// pow32F64x4Run does Pow32 on equal lengths, a multiple of 4.
func pow32F64x4Run(dst, x, y []float32, nt bool) {
	const lanes = 4
	n := len(dst)
	x, y = x[:n], y[:n]
	for i := 0; i < n; i += lanes {
		if i = pow32F64x4Asm(&dst[0], &x[0], &y[0], i, n, &pow32AVX2Const, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = powF32(x[j], y[j])
		}
	}
}

// pow32AVX2Consts is the number of constants of pow32F64x4Asm.
const pow32AVX2Consts = 24

// pow32AVX2Const holds pow32F64x4Asm's constants, in its order, four
// copies of each.
var pow32AVX2Const = func() (c [pow32AVX2Consts][4]uint64) {
	const magic = 0x1.8p52
	v := [pow32AVX2Consts]uint64{
		math.Float64bits(math.MaxFloat32), math.MaxInt64, 1<<63 - pow32Off, 1 << 63,
		math.Float64bits(magic), math.Float64bits(magic + 2048), math.Float64bits(1),
		math.Float64bits(pow32C2), math.Float64bits(pow32C3), math.Float64bits(pow32C4),
		math.Float64bits(pow32C5), math.Float64bits(pow32C6), math.Float64bits(pow32C7),
		math.Float64bits(log32Ln2),
		math.Float64bits(exp32Bound), math.Float64bits(exp32InvLn2N), math.Float64bits(expShift),
		math.Float64bits(exp32NegLn2N), math.Float64bits(exp32C2), math.Float64bits(exp32C3),
		math.Float64bits(exp32C4), math.Float64bits(exp32C5), expN - 1, 15,
	}
	for j, b := range v {
		c[j] = [4]uint64{b, b, b, b}
	}
	return c
}()

// pow32F64x4Asm does i up to n into dst (n - i a multiple of 4) and
// returns n, or the index of the first vector with a lane outside
// powF32's fast case.
//
//go:noescape
func pow32F64x4Asm(dst, x, y *float32, i, n int, c *[pow32AVX2Consts][4]uint64, nt bool) int
