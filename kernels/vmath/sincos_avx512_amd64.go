//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX-512 body of Sin32 and Cos32: scSinCos32x4 (sincos_avx2_amd64.go)
// on 8 float64 lanes, the same operations in the same order. It measures
// faster than the AVX2 body, where the float64 bodies do not (half as many
// instructions per element, while the float64 kernels are no faster on
// 512-bit vectors on this class of CPU, which splits them in two).

func scBc8(v float64) archsimd.Float64x8 { return archsimd.BroadcastFloat64x8(v) }

// scSinCos32x8 does the leading whole groups of 8 of dst and x, each
// widened to float64, and returns how many elements that is.
func scSinCos32x8(dst, x []float32, shift uint64) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	half := 0.5 * float64(shift)
	halfV, negHalfV := scBc8(half), scBc8(-half)
	parityV := scBc8(scToInt + float64(shift))
	absV := archsimd.BroadcastInt64x8(math.MaxInt64)
	for i := 0; i < n; i += lanes {
		xv := archsimd.LoadFloat32x8Slice(x[i:]).ConvertToFloat64()
		ok := xv.AsInt64x8().And(absV).AsFloat64x8().Less(scBc8(scHuge32)).ToBits()

		nf := xv.MulAdd(scBc8(scInvPi), negHalfV).RoundToEvenScaled(0)
		m := nf.Add(halfV)
		r := m.MulAdd(scBc8(-scPiA), xv)
		r = m.MulAdd(scBc8(-scPiB), r)
		r = m.MulAdd(scBc8(-scPiC), r)

		z := r.Mul(r)
		p := z.MulAdd(scBc8(scF13), scBc8(scF11))
		p = z.MulAdd(p, scBc8(scF9))
		p = z.MulAdd(p, scBc8(scF7))
		p = z.MulAdd(p, scBc8(scF5))
		p = z.MulAdd(p, scBc8(scF3))
		v := r.Mul(z.MulAdd(p, scBc8(1)))

		sign := nf.Add(parityV).AsInt64x8().ShiftAllLeft(63)
		v32 := v.AsInt64x8().Xor(sign).AsFloat64x8().ConvertToFloat32()

		if ok != 1<<lanes-1 {
			var out [lanes]float32
			v32.Store(&out)
			for j := range lanes {
				if ok&(1<<j) == 0 {
					out[j] = scSinCos32(x[i+j], shift)
				}
			}
			copy(dst[i:i+lanes], out[:])
			continue
		}
		v32.StoreSlice(dst[i:])
	}
	return n
}
