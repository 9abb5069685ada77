//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX-512 body of float64 exp: the AVX2 body on eight lanes, with the
// eight-entry table looked up by one VPERMQ each. Measured on Zen 4 it
// takes about 0.7 of the AVX2 body's time. float32 exp's AVX-512 body is
// an assembly loop (exp_avx512_amd64.s) on eight float64 lanes, 0.47 ns
// per element against 0.65 for its archsimd form (which rebuilds
// constants in the loop). log has AVX-512 assembly loops too
// (log_avx512_amd64.s), and pow an AVX-512 body (pow_avx512_amd64.go).
// Timings: one thread, 4096 elements in cache, Zen 4.

// expVecF64x8 is Exp on the leading whole vectors of x.
func expVecF64x8(dst, x []float64) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	low := archsimd.BroadcastFloat64x8(expLow)
	bound := archsimd.BroadcastFloat64x8(expBound)
	for i := 0; i < n; i += lanes {
		v := archsimd.LoadFloat64x8Slice(x[i:])
		if v.Greater(low).And(v.Less(bound)).ToBits() != 0xff {
			for j := i; j < i+lanes; j++ {
				dst[j] = expF64(x[j])
			}
			continue
		}
		expF64x8(v).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// expF64x8 is expF64's fast path on eight lanes, expLow < x < expBound.
func expF64x8(v archsimd.Float64x8) archsimd.Float64x8 {
	shift := archsimd.BroadcastFloat64x8(expShift)
	kd := v.Mul(archsimd.BroadcastFloat64x8(expInvLn2N)).Add(shift)
	ki := kd.AsUint64x8()
	kd = kd.Sub(shift)
	r := kd.MulAdd(archsimd.BroadcastFloat64x8(expNegLn2hiN), v)
	t := kd.Mul(archsimd.BroadcastFloat64x8(expNegLn2loN))
	rl := r.Add(t)
	d := r.Sub(rl).Add(t)
	return expTailF64x8(rl, d, ki)
}

// expTailF64x8 is expTail on eight lanes.
func expTailF64x8(r, d archsimd.Float64x8, ki archsimd.Uint64x8) archsimd.Float64x8 {
	sb, tl := expLookupX8(ki)
	sbits := sb.Add(ki.ShiftAllLeft(52 - expBits))
	tail := tl.AsFloat64x8()
	r2 := r.Mul(r)
	r4 := r2.Mul(r2)
	q23 := r.MulAdd(archsimd.BroadcastFloat64x8(expC3), archsimd.BroadcastFloat64x8(expC2))
	q45 := r.MulAdd(archsimd.BroadcastFloat64x8(expC5), archsimd.BroadcastFloat64x8(expC4))
	q67 := r.MulAdd(archsimd.BroadcastFloat64x8(expC7), archsimd.BroadcastFloat64x8(expC6))
	q89 := r.MulAdd(archsimd.BroadcastFloat64x8(expC9), archsimd.BroadcastFloat64x8(expC8))
	q25 := r2.MulAdd(q45, q23)
	q69 := r2.MulAdd(q89, q67)
	q := r4.MulAdd(q69, q25)
	u := r2.MulAdd(q, tail)
	scale := sbits.AsFloat64x8()
	one := archsimd.BroadcastFloat64x8(1)
	y1 := one.Add(r)
	e1 := one.Sub(y1).Add(r)
	v := e1.Add(d.MulAdd(r.Add(u), d))
	v = v.Add(u)
	return scale.MulAdd(y1, scale.Mul(v))
}

// expLookupX8 returns the table's scale bits and tails for the indices
// ki mod 8 (VPERMQ reads the low three bits of each index).
func expLookupX8(ki archsimd.Uint64x8) (sb, tl archsimd.Uint64x8) {
	return archsimd.LoadUint64x8Slice(expTabScale[:]).Permute(ki), archsimd.LoadUint64x8Slice(expTabTail[:]).Permute(ki)
}

// expVecF32x8 is Exp32 on the leading whole vectors of x: the assembly
// loop (exp_avx512_amd64.s) does runs of vectors whose lanes are all in
// |x| <= exp32Bound, and the scalar body each other vector.
func expVecF32x8(dst, x []float32) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = exp32F64x8Asm(&dst[0], &x[0], i, n, &exp32AsmConst); i == n {
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
func exp32F64x8Asm(dst, x *float32, i, n int, c *[exp32AsmConsts]uint64) int
