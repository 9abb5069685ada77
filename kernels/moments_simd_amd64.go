//go:build goexperiment.simd

package kernels

import "simd/archsimd"

// SIMD leaves of MomentsOf, with the generic leaf's two passes over x - k:
// the shifted sum in 8 (AVX2) or 16 (AVX-512) lanes, then the deviations
// with a fused multiply-add for Σd², so results differ from the generic path
// only in the last bits. Each pass is its own function that ends its vector
// section with ClearAVXUpperBits, so no vector value is live across it and
// the scalar folding after it runs at full speed.

func momOfF64(x []float64, k float64) Moments {
	switch ActiveLevel() {
	case AVX512:
		return momPairwise(x, k, momLeafF64AVX512)
	case AVX2:
		return momPairwise(x, k, momLeafF64AVX2)
	}
	return momPairwise(x, k, momLeafGeneric[float64])
}

func momOfF32(x []float32, k float64) Moments {
	switch ActiveLevel() {
	case AVX512:
		return momPairwise(x, k, momLeafF32AVX512)
	case AVX2:
		return momPairwise(x, k, momLeafF32AVX2)
	}
	return momPairwise(x, k, momLeafGeneric[float32])
}

// momFold4 stores two 4-lane accumulators and folds the 8 lanes.
func momFold4(a, b archsimd.Float64x4) float64 {
	var r [8]float64
	a.StoreSlice(r[0:4])
	b.StoreSlice(r[4:8])
	archsimd.ClearAVXUpperBits()
	return redFold8(&r)
}

// momFold8 adds two 8-lane accumulators and folds the 8 lanes.
func momFold8(a, b archsimd.Float64x8) float64 {
	var r [8]float64
	a.Add(b).Store(&r)
	archsimd.ClearAVXUpperBits()
	return redFold8(&r)
}

func momLeafF64AVX2(x []float64, k float64) Moments {
	mean := momShiftedSumF64AVX2(x, k) / float64(len(x))
	s, q := momDevF64AVX2(x, k, mean)
	return momFinish(float64(len(x)), mean, s, q)
}

func momLeafF32AVX2(x []float32, k float64) Moments {
	mean := momShiftedSumF32AVX2(x, k) / float64(len(x))
	s, q := momDevF32AVX2(x, k, mean)
	return momFinish(float64(len(x)), mean, s, q)
}

func momLeafF64AVX512(x []float64, k float64) Moments {
	mean := momShiftedSumF64AVX512(x, k) / float64(len(x))
	s, q := momDevF64AVX512(x, k, mean)
	return momFinish(float64(len(x)), mean, s, q)
}

func momLeafF32AVX512(x []float32, k float64) Moments {
	mean := momShiftedSumF32AVX512(x, k) / float64(len(x))
	s, q := momDevF32AVX512(x, k, mean)
	return momFinish(float64(len(x)), mean, s, q)
}

// momShiftedSumF64AVX2 returns Σ (x[i] - k) in lanes.
func momShiftedSumF64AVX2(x []float64, k float64) float64 {
	kv := archsimd.BroadcastFloat64x4(k)
	var a0, a1 archsimd.Float64x4
	i := 0
	for ; i <= len(x)-8; i += 8 {
		b := x[i : i+8 : i+8]
		a0 = a0.Add(archsimd.LoadFloat64x4Slice(b[0:4]).Sub(kv))
		a1 = a1.Add(archsimd.LoadFloat64x4Slice(b[4:8]).Sub(kv))
	}
	sum := momFold4(a0, a1)
	for _, v := range x[i:] {
		sum += v - k
	}
	return sum
}

// momDevF64AVX2 returns Σd and Σd² for d = (x[i] - k) - mean.
func momDevF64AVX2(x []float64, k, mean float64) (s, q float64) {
	kv, mv := archsimd.BroadcastFloat64x4(k), archsimd.BroadcastFloat64x4(mean)
	var s0, s1, q0, q1 archsimd.Float64x4
	i := 0
	for ; i <= len(x)-8; i += 8 {
		b := x[i : i+8 : i+8]
		d0 := archsimd.LoadFloat64x4Slice(b[0:4]).Sub(kv).Sub(mv)
		d1 := archsimd.LoadFloat64x4Slice(b[4:8]).Sub(kv).Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s = momFold4(s0, s1)
	q = momFold4(q0, q1)
	for _, v := range x[i:] {
		d := (v - k) - mean
		s += d
		q += d * d
	}
	return s, q
}

// momShiftedSumF32AVX2 returns Σ (x[i] - k) in lanes.
func momShiftedSumF32AVX2(x []float32, k float64) float64 {
	kv := archsimd.BroadcastFloat64x4(k)
	var a0, a1 archsimd.Float64x4
	i := 0
	for ; i <= len(x)-8; i += 8 {
		b := x[i : i+8 : i+8]
		a0 = a0.Add(archsimd.LoadFloat32x4Slice(b[0:4]).ConvertToFloat64().Sub(kv))
		a1 = a1.Add(archsimd.LoadFloat32x4Slice(b[4:8]).ConvertToFloat64().Sub(kv))
	}
	sum := momFold4(a0, a1)
	for _, v := range x[i:] {
		sum += float64(v) - k
	}
	return sum
}

// momDevF32AVX2 returns Σd and Σd² for d = (x[i] - k) - mean.
func momDevF32AVX2(x []float32, k, mean float64) (s, q float64) {
	kv, mv := archsimd.BroadcastFloat64x4(k), archsimd.BroadcastFloat64x4(mean)
	var s0, s1, q0, q1 archsimd.Float64x4
	i := 0
	for ; i <= len(x)-8; i += 8 {
		b := x[i : i+8 : i+8]
		d0 := archsimd.LoadFloat32x4Slice(b[0:4]).ConvertToFloat64().Sub(kv).Sub(mv)
		d1 := archsimd.LoadFloat32x4Slice(b[4:8]).ConvertToFloat64().Sub(kv).Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s = momFold4(s0, s1)
	q = momFold4(q0, q1)
	for _, v := range x[i:] {
		d := (float64(v) - k) - mean
		s += d
		q += d * d
	}
	return s, q
}

// momShiftedSumF64AVX512 returns Σ (x[i] - k) in lanes.
func momShiftedSumF64AVX512(x []float64, k float64) float64 {
	kv := archsimd.BroadcastFloat64x8(k)
	var a0, a1 archsimd.Float64x8
	i := 0
	for ; i <= len(x)-16; i += 16 {
		b := x[i : i+16 : i+16]
		a0 = a0.Add(archsimd.LoadFloat64x8Slice(b[0:8]).Sub(kv))
		a1 = a1.Add(archsimd.LoadFloat64x8Slice(b[8:16]).Sub(kv))
	}
	sum := momFold8(a0, a1)
	for _, v := range x[i:] {
		sum += v - k
	}
	return sum
}

// momDevF64AVX512 returns Σd and Σd² for d = (x[i] - k) - mean.
func momDevF64AVX512(x []float64, k, mean float64) (s, q float64) {
	kv, mv := archsimd.BroadcastFloat64x8(k), archsimd.BroadcastFloat64x8(mean)
	var s0, s1, q0, q1 archsimd.Float64x8
	i := 0
	for ; i <= len(x)-16; i += 16 {
		b := x[i : i+16 : i+16]
		d0 := archsimd.LoadFloat64x8Slice(b[0:8]).Sub(kv).Sub(mv)
		d1 := archsimd.LoadFloat64x8Slice(b[8:16]).Sub(kv).Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s = momFold8(s0, s1)
	q = momFold8(q0, q1)
	for _, v := range x[i:] {
		d := (v - k) - mean
		s += d
		q += d * d
	}
	return s, q
}

// momShiftedSumF32AVX512 returns Σ (x[i] - k) in lanes.
func momShiftedSumF32AVX512(x []float32, k float64) float64 {
	kv := archsimd.BroadcastFloat64x8(k)
	var a0, a1 archsimd.Float64x8
	i := 0
	for ; i <= len(x)-16; i += 16 {
		b := x[i : i+16 : i+16]
		a0 = a0.Add(archsimd.LoadFloat32x8Slice(b[0:8]).ConvertToFloat64().Sub(kv))
		a1 = a1.Add(archsimd.LoadFloat32x8Slice(b[8:16]).ConvertToFloat64().Sub(kv))
	}
	sum := momFold8(a0, a1)
	for _, v := range x[i:] {
		sum += float64(v) - k
	}
	return sum
}

// momDevF32AVX512 returns Σd and Σd² for d = (x[i] - k) - mean.
func momDevF32AVX512(x []float32, k, mean float64) (s, q float64) {
	kv, mv := archsimd.BroadcastFloat64x8(k), archsimd.BroadcastFloat64x8(mean)
	var s0, s1, q0, q1 archsimd.Float64x8
	i := 0
	for ; i <= len(x)-16; i += 16 {
		b := x[i : i+16 : i+16]
		d0 := archsimd.LoadFloat32x8Slice(b[0:8]).ConvertToFloat64().Sub(kv).Sub(mv)
		d1 := archsimd.LoadFloat32x8Slice(b[8:16]).ConvertToFloat64().Sub(kv).Sub(mv)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = d0.MulAdd(d0, q0), d1.MulAdd(d1, q1)
	}
	s = momFold8(s0, s1)
	q = momFold8(q0, q1)
	for _, v := range x[i:] {
		d := (float64(v) - k) - mean
		s += d
		q += d * d
	}
	return s, q
}
