//go:build goexperiment.simd

package kernels

import "simd/archsimd"

// SIMD leaves of MomentsOf: the mean comes from the same level's pairwise
// sum, and the deviations are accumulated in vector lanes with a fused
// multiply-add for Σd², so results differ from the generic path only in the
// last bits.

func momOfF64(x []float64) Moments {
	switch ActiveLevel() {
	case AVX512:
		return momPairwise(x, momLeafF64AVX512)
	case AVX2:
		return momPairwise(x, momLeafF64AVX2)
	}
	return momPairwise(x, momLeafGeneric[float64])
}

func momOfF32(x []float32) Moments {
	switch ActiveLevel() {
	case AVX512:
		return momPairwise(x, momLeafF32AVX512)
	case AVX2:
		return momPairwise(x, momLeafF32AVX2)
	}
	return momPairwise(x, momLeafGeneric[float32])
}

// momLanes4 folds two 4-lane accumulators into one scalar.
func momLanes4(a, b archsimd.Float64x4) float64 {
	var r [4]float64
	a.Add(b).Store(&r)
	return (r[0] + r[1]) + (r[2] + r[3])
}

// momLanes8 folds two 8-lane accumulators into one scalar.
func momLanes8(a, b archsimd.Float64x8) float64 {
	var r [8]float64
	a.Add(b).Store(&r)
	return redFold8(&r)
}

func momLeafF64AVX2(x []float64) Moments {
	n := len(x)
	mean := redSumF64AVX2(x) / float64(n)
	mv := archsimd.BroadcastFloat64x4(mean)
	var s0, s1, q0, q1 archsimd.Float64x4
	i := 0
	for ; i <= n-8; i += 8 {
		b := x[i : i+8 : i+8]
		d0 := archsimd.LoadFloat64x4Slice(b[0:4]).Sub(mv)
		d1 := archsimd.LoadFloat64x4Slice(b[4:8]).Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s, q := momLanes4(s0, s1), momLanes4(q0, q1)
	for _, v := range x[i:] {
		d := v - mean
		s += d
		q += d * d
	}
	return momFinish(float64(n), mean, s, q)
}

func momLeafF32AVX2(x []float32) Moments {
	n := len(x)
	mean := redSumF32AVX2(x) / float64(n)
	mv := archsimd.BroadcastFloat64x4(mean)
	var s0, s1, q0, q1 archsimd.Float64x4
	i := 0
	for ; i <= n-8; i += 8 {
		b := x[i : i+8 : i+8]
		d0 := archsimd.LoadFloat32x4Slice(b[0:4]).ConvertToFloat64().Sub(mv)
		d1 := archsimd.LoadFloat32x4Slice(b[4:8]).ConvertToFloat64().Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s, q := momLanes4(s0, s1), momLanes4(q0, q1)
	for _, v := range x[i:] {
		d := float64(v) - mean
		s += d
		q += d * d
	}
	return momFinish(float64(n), mean, s, q)
}

func momLeafF64AVX512(x []float64) Moments {
	n := len(x)
	mean := redSumF64AVX512(x) / float64(n)
	mv := archsimd.BroadcastFloat64x8(mean)
	var s0, s1, q0, q1 archsimd.Float64x8
	i := 0
	for ; i <= n-16; i += 16 {
		b := x[i : i+16 : i+16]
		d0 := archsimd.LoadFloat64x8Slice(b[0:8]).Sub(mv)
		d1 := archsimd.LoadFloat64x8Slice(b[8:16]).Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s, q := momLanes8(s0, s1), momLanes8(q0, q1)
	for _, v := range x[i:] {
		d := v - mean
		s += d
		q += d * d
	}
	return momFinish(float64(n), mean, s, q)
}

func momLeafF32AVX512(x []float32) Moments {
	n := len(x)
	mean := redSumF32AVX512(x) / float64(n)
	mv := archsimd.BroadcastFloat64x8(mean)
	var s0, s1, q0, q1 archsimd.Float64x8
	i := 0
	for ; i <= n-16; i += 16 {
		b := x[i : i+16 : i+16]
		d0 := archsimd.LoadFloat32x8Slice(b[0:8]).ConvertToFloat64().Sub(mv)
		d1 := archsimd.LoadFloat32x8Slice(b[8:16]).ConvertToFloat64().Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s, q := momLanes8(s0, s1), momLanes8(q0, q1)
	for _, v := range x[i:] {
		d := float64(v) - mean
		s += d
		q += d * d
	}
	return momFinish(float64(n), mean, s, q)
}
