//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX2+FMA bodies of exp. Each runs the scalar body's operations on
// four float64 lanes and returns how many elements it did; a vector with
// a lane outside the fast range is done by the scalar body. AVX-512 takes
// these bodies too.

// expVecF64 is Exp on the leading whole vectors of x.
func expVecF64(dst, x []float64) int {
	const lanes = 4
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	low := archsimd.BroadcastFloat64x4(expLow)
	bound := archsimd.BroadcastFloat64x4(expBound)
	for i := 0; i < n; i += lanes {
		v := archsimd.LoadFloat64x4Slice(x[i:])
		if v.Greater(low).And(v.Less(bound)).ToBits() != 0xf {
			for j := i; j < i+lanes; j++ {
				dst[j] = expF64(x[j])
			}
			continue
		}
		expF64x4(v).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// expF64x4 is expF64's fast path on four lanes, expLow < x < expBound.
func expF64x4(v archsimd.Float64x4) archsimd.Float64x4 {
	shift := archsimd.BroadcastFloat64x4(expShift)
	kd := v.Mul(archsimd.BroadcastFloat64x4(expInvLn2N)).Add(shift)
	ki := kd.AsUint64x4()
	kd = kd.Sub(shift)
	r := kd.MulAdd(archsimd.BroadcastFloat64x4(expNegLn2hiN), v)
	t := kd.Mul(archsimd.BroadcastFloat64x4(expNegLn2loN))
	rl := r.Add(t)
	d := r.Sub(rl).Add(t)
	return expTailF64x4(rl, d, ki)
}

// expTailF64x4 is expTail on four lanes.
func expTailF64x4(r, d archsimd.Float64x4, ki archsimd.Uint64x4) archsimd.Float64x4 {
	sb, tl := expLookup(ki)
	sbits := sb.Add(ki.ShiftAllLeft(52 - expBits))
	tail := tl.AsFloat64x4()
	r2 := r.Mul(r)
	r4 := r2.Mul(r2)
	q23 := r.MulAdd(archsimd.BroadcastFloat64x4(expC3), archsimd.BroadcastFloat64x4(expC2))
	q45 := r.MulAdd(archsimd.BroadcastFloat64x4(expC5), archsimd.BroadcastFloat64x4(expC4))
	q67 := r.MulAdd(archsimd.BroadcastFloat64x4(expC7), archsimd.BroadcastFloat64x4(expC6))
	q89 := r.MulAdd(archsimd.BroadcastFloat64x4(expC9), archsimd.BroadcastFloat64x4(expC8))
	q25 := r2.MulAdd(q45, q23)
	q69 := r2.MulAdd(q89, q67)
	q := r4.MulAdd(q69, q25)
	u := r2.MulAdd(q, tail)
	scale := sbits.AsFloat64x4()
	one := archsimd.BroadcastFloat64x4(1)
	y1 := one.Add(r)
	e1 := one.Sub(y1).Add(r)
	v := e1.Add(d.MulAdd(r.Add(u), d))
	v = v.Add(u)
	return scale.MulAdd(y1, scale.Mul(v))
}

// expVecF32 is Exp32 on the leading whole vectors of x, in float64 lanes.
func expVecF32(dst, x []float32) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	abs := archsimd.BroadcastUint64x4(math.MaxInt64)
	bound := archsimd.BroadcastFloat64x4(exp32Bound)
	for i := 0; i < n; i += lanes {
		v := archsimd.LoadFloat32x8Slice(x[i:])
		lo := v.GetLo().ConvertToFloat64()
		hi := v.GetHi().ConvertToFloat64()
		okLo := lo.AsUint64x4().And(abs).AsFloat64x4().LessEqual(bound).ToBits()
		okHi := hi.AsUint64x4().And(abs).AsFloat64x4().LessEqual(bound).ToBits()
		if okLo&okHi != 0xf {
			for j := i; j < i+lanes; j++ {
				dst[j] = expF32(x[j])
			}
			continue
		}
		rlo := exp32CoreF64x4(lo).ConvertToFloat32()
		rhi := exp32CoreF64x4(hi).ConvertToFloat32()
		v.SetLo(rlo).SetHi(rhi).StoreSlice(dst[i:])
	}
	archsimd.ClearAVXUpperBits()
	return n
}

// exp32CoreF64x4 is exp32Core on four lanes.
func exp32CoreF64x4(v archsimd.Float64x4) archsimd.Float64x4 {
	shift := archsimd.BroadcastFloat64x4(expShift)
	kd := v.Mul(archsimd.BroadcastFloat64x4(exp32InvLn2N)).Add(shift)
	ki := kd.AsUint64x4()
	kd = kd.Sub(shift)
	r := kd.MulAdd(archsimd.BroadcastFloat64x4(exp32NegLn2N), v)
	r2 := r.Mul(r)
	a := r.MulAdd(archsimd.BroadcastFloat64x4(exp32C3), archsimd.BroadcastFloat64x4(exp32C2))
	b := r.MulAdd(archsimd.BroadcastFloat64x4(exp32C5), archsimd.BroadcastFloat64x4(exp32C4))
	q := r2.MulAdd(b, a)
	p := r2.MulAdd(q, r)
	scale := expLookupScale(ki).Add(ki.ShiftAllLeft(exp32ScaleBits)).AsFloat64x4()
	return scale.MulAdd(p, scale)
}

// expLookupScale is expLookup's scale bits alone.
func expLookupScale(ki archsimd.Uint64x4) archsimd.Uint64x4 {
	j := ki.And(archsimd.BroadcastUint64x4(3)).ShiftAllLeft(1)
	idx := j.Add(j.ShiftAllLeft(32)).Add(archsimd.BroadcastUint64x4(1 << 32)).AsUint32x8()
	high := ki.And(archsimd.BroadcastUint64x4(4)).Equal(archsimd.BroadcastUint64x4(4))
	s0 := archsimd.LoadUint64x4Slice(expTabScale[0:4]).AsUint32x8().Permute(idx).AsUint64x4()
	s1 := archsimd.LoadUint64x4Slice(expTabScale[4:8]).AsUint32x8().Permute(idx).AsUint64x4()
	return s1.Merge(s0, high)
}

// expLookup returns the table's scale bits and tails for the indices
// ki mod 8, from registers: VPERMD picks each lane's pair of 32-bit
// halves from entries 0-3 and from entries 4-7, and a blend on bit 2
// chooses between them.
func expLookup(ki archsimd.Uint64x4) (sb, tl archsimd.Uint64x4) {
	j := ki.And(archsimd.BroadcastUint64x4(3)).ShiftAllLeft(1)
	idx := j.Add(j.ShiftAllLeft(32)).Add(archsimd.BroadcastUint64x4(1 << 32)).AsUint32x8()
	high := ki.And(archsimd.BroadcastUint64x4(4)).Equal(archsimd.BroadcastUint64x4(4))
	s0 := archsimd.LoadUint64x4Slice(expTabScale[0:4]).AsUint32x8().Permute(idx).AsUint64x4()
	s1 := archsimd.LoadUint64x4Slice(expTabScale[4:8]).AsUint32x8().Permute(idx).AsUint64x4()
	t0 := archsimd.LoadUint64x4Slice(expTabTail[0:4]).AsUint32x8().Permute(idx).AsUint64x4()
	t1 := archsimd.LoadUint64x4Slice(expTabTail[4:8]).AsUint32x8().Permute(idx).AsUint64x4()
	return s1.Merge(s0, high), t1.Merge(t0, high)
}
