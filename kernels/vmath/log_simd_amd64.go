//go:build goexperiment.simd && amd64

package vmath

import "math"

// The AVX2+FMA bodies of log are assembly loops (log_avx2_amd64.s): the
// scalar bodies' operations on four float64 lanes (eight float32 lanes for Log32), in
// their order, float64 log's tables read by VGATHERQPD, float32 log's by
// VPERMPS and VBLENDVPS, the constants read as memory operands. float64:
// 1.7 ns per element (2.4 for the previous loop, on logHiLo). AVX2 has no
// 64-bit arithmetic shift, so k comes from ix - off + 2^63 by a logical
// shift, less 2048, and float64(k) from the bits of k + 2048 + 0x1.8p52.

// logVecF64 is Log on the leading whole vectors of x: the assembly loop
// (log_avx2_amd64.s) does runs of vectors whose lanes are all positive,
// normal and finite, and the scalar body each other vector.
func logVecF64(dst, x []float64, nt bool) int {
	const lanes = 4
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = logF64x4Asm(&dst[0], &x[0], i, n, &logShortAVX2Const, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = logF64(x[j])
		}
	}
	return n
}

// logShortAVX2Consts is the number of constants of logF64x4Asm.
const logShortAVX2Consts = 21

// logShortAVX2Const holds logF64x4Asm's constants, in its order, four
// copies of each (the loop reads them as 256-bit memory operands).
var logShortAVX2Const = func() (c [logShortAVX2Consts][4]uint64) {
	const magic = 0x1.8p52
	v := [logShortAVX2Consts]uint64{
		math.Float64bits(0x1p-1022), math.Float64bits(math.MaxFloat64), 1<<63 - log16Off, 15,
		1 << 63, math.Float64bits(magic), math.Float64bits(magic + 2048),
		math.Float64bits(1), math.Float64bits(logLn2hi), math.Float64bits(logLn2lo),
		math.Float64bits(logB2), math.Float64bits(logB3), math.Float64bits(logB4),
		math.Float64bits(logB5), math.Float64bits(logB6), math.Float64bits(logB7),
		math.Float64bits(logB8), math.Float64bits(logB9), math.Float64bits(logB10),
		math.Float64bits(logB11), math.Float64bits(logB12),
	}
	for j, b := range v {
		c[j] = [4]uint64{b, b, b, b}
	}
	return c
}()

// logF64x4Asm does x[i:n] into dst (n - i a multiple of 4) and returns n,
// or the index of the first vector with a lane that is not positive,
// normal and finite.
//
//go:noescape
func logF64x4Asm(dst, x *float64, i, n int, c *[logShortAVX2Consts][4]uint64, nt bool) int

// logVecF32 is Log32 on the leading whole vectors of eight: the assembly
// loop (log_avx2_amd64.s) does runs of vectors whose lanes are all
// positive, normal and finite, and the scalar body each other vector.
func logVecF32(dst, x []float32, nt bool) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = log32F32x8Asm(&dst[0], &x[0], i, n, &log32LaneAVX2Const, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = logF32(x[j])
		}
	}
	return n
}

// log32LaneAVX2Const holds log32F32x8Asm's constants, in its order, eight
// copies of each: log32LaneConst with the range check's two bounds
// (0x007fffff and +Inf's bits, compared as signed integers) first.
var log32LaneAVX2Const = func() (c [log32LaneConsts][8]uint32) {
	v := log32LaneConst
	v[0], v[1] = 0x007fffff, 0x7f800000
	for j, b := range v {
		for k := range c[j] {
			c[j][k] = b
		}
	}
	return c
}()

// log32F32x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns
// n, or the index of the first vector with a lane that is not positive,
// normal and finite.
//
//go:noescape
func log32F32x8Asm(dst, x *float32, i, n int, c *[log32LaneConsts][8]uint32, nt bool) int
