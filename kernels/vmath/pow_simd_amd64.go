//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX2+FMA bodies of pow, lane by lane the scalar fast case: positive
// normal finite x, finite nonzero y and |y*log x| below the exp bound; a
// vector with any other lane is done by the scalar body.

// powVecF64 is Pow, PowScalar or ScalarPow (after mode) on the leading
// whole vectors; s is the scalar operand.
func powVecF64(dst, x, y []float64, s float64, mode int) int {
	const lanes = 4
	n := len(dst) &^ (lanes - 1)
	sv := archsimd.BroadcastFloat64x4(s)
	for i := 0; i < n; i += lanes {
		var xv, yv archsimd.Float64x4
		switch mode {
		case powArrays:
			xv, yv = archsimd.LoadFloat64x4Slice(x[i:]), archsimd.LoadFloat64x4Slice(y[i:])
		case powScalarY:
			xv, yv = archsimd.LoadFloat64x4Slice(x[i:]), sv
		default:
			xv, yv = sv, archsimd.LoadFloat64x4Slice(y[i:])
		}
		if r, ok := powF64x4(xv, yv); ok {
			r.StoreSlice(dst[i:])
			continue
		}
		for j := i; j < i+lanes; j++ {
			switch mode {
			case powArrays:
				dst[j] = powF64(x[j], y[j])
			case powScalarY:
				dst[j] = powF64(x[j], s)
			default:
				dst[j] = powF64(s, y[j])
			}
		}
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// powF64x4 is powMain on four lanes, or false if a lane is not in the
// fast case.
func powF64x4(xv, yv archsimd.Float64x4) (archsimd.Float64x4, bool) {
	abs := archsimd.BroadcastUint64x4(math.MaxInt64)
	ok := xv.GreaterEqual(archsimd.BroadcastFloat64x4(0x1p-1022)).
		And(xv.LessEqual(archsimd.BroadcastFloat64x4(math.MaxFloat64))).
		And(yv.AsUint64x4().And(abs).AsFloat64x4().LessEqual(archsimd.BroadcastFloat64x4(math.MaxFloat64))).
		And(yv.NotEqual(archsimd.BroadcastFloat64x4(0)))
	if ok.ToBits() != 0xf {
		return xv, false
	}
	lh, ll := logHiLoF64x4(xv.AsUint64x4())
	h := lh.Add(ll)
	l := ll.Sub(h.Sub(lh))
	ehi := yv.Mul(h)
	elo := yv.MulAdd(h, ehi.AsUint64x4().Xor(archsimd.BroadcastUint64x4(1<<63)).AsFloat64x4())
	elo = yv.MulAdd(l, elo)
	if ehi.Greater(archsimd.BroadcastFloat64x4(expLow)).And(ehi.Less(archsimd.BroadcastFloat64x4(expBound))).ToBits() != 0xf {
		return xv, false
	}
	shift := archsimd.BroadcastFloat64x4(expShift)
	kd := ehi.Mul(archsimd.BroadcastFloat64x4(expInvLn2N)).Add(shift)
	ki := kd.AsUint64x4()
	kd = kd.Sub(shift)
	r := kd.MulAdd(archsimd.BroadcastFloat64x4(expNegLn2hiN), ehi)
	t := kd.Mul(archsimd.BroadcastFloat64x4(expNegLn2loN))
	rl := r.Add(t)
	d := r.Sub(rl).Add(t)
	return expTailF64x4(rl, d.Add(elo), ki), true
}

// powVecF32 is Pow32, PowScalar32 or ScalarPow32 (after mode) on the
// leading whole vectors, in float64 lanes.
func powVecF32(dst, x, y []float32, s float32, mode int) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	sv := archsimd.BroadcastFloat32x8(s)
	for i := 0; i < n; i += lanes {
		var xv, yv archsimd.Float32x8
		switch mode {
		case powArrays:
			xv, yv = archsimd.LoadFloat32x8Slice(x[i:]), archsimd.LoadFloat32x8Slice(y[i:])
		case powScalarY:
			xv, yv = archsimd.LoadFloat32x8Slice(x[i:]), sv
		default:
			xv, yv = sv, archsimd.LoadFloat32x8Slice(y[i:])
		}
		rlo, ok1 := pow32F64x4(xv.GetLo().ConvertToFloat64(), yv.GetLo().ConvertToFloat64())
		rhi, ok2 := pow32F64x4(xv.GetHi().ConvertToFloat64(), yv.GetHi().ConvertToFloat64())
		if ok1 && ok2 {
			xv.SetLo(rlo.ConvertToFloat32()).SetHi(rhi.ConvertToFloat32()).StoreSlice(dst[i:])
			continue
		}
		for j := i; j < i+lanes; j++ {
			switch mode {
			case powArrays:
				dst[j] = powF32(x[j], y[j])
			case powScalarY:
				dst[j] = powF32(x[j], s)
			default:
				dst[j] = powF32(s, y[j])
			}
		}
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// pow32F64x4 is powF32's fast case on four float64 lanes, or false if a
// lane is not in it.
func pow32F64x4(xv, yv archsimd.Float64x4) (archsimd.Float64x4, bool) {
	abs := archsimd.BroadcastUint64x4(math.MaxInt64)
	maxF := archsimd.BroadcastFloat64x4(math.MaxFloat32)
	ok := xv.Greater(archsimd.BroadcastFloat64x4(0)).
		And(xv.LessEqual(maxF)).
		And(yv.AsUint64x4().And(abs).AsFloat64x4().LessEqual(maxF))
	if ok.ToBits() != 0xf {
		return xv, false
	}
	t := yv.Mul(log32CoreF64x4(xv))
	if t.AsUint64x4().And(abs).AsFloat64x4().LessEqual(archsimd.BroadcastFloat64x4(exp32Bound)).ToBits() != 0xf {
		return xv, false
	}
	return exp32CoreF64x4(t), true
}
