//go:build goexperiment.simd

package kernels

import (
	"simd/archsimd"
	"unsafe"
)

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

// momRowsFlat is momentsRowsAbout for a contiguous float32 or float64 block
// (ld == cols) on AVX2 and above, for the narrow blocks that the column tiles
// of momentsRowsAbout serve poorly (a 10-column block there is one tile of 8
// and one of 2, each a scalar loop of that length per row). It reads the
// block as one flat run whose column pattern repeats every
// p = lcm(4, cols) elements, keeps p accumulators in 4-lane vectors, and
// folds each column's p/cols lanes at the end, in lane order. Row chunks of
// momRowChunk take the same two passes as the scalar path; a chunk whose
// size is not a whole number of periods takes the scalar path. It returns
// false, having done nothing, when the level or the period does not fit.
func momRowsFlat[T float32 | float64](out []Moments, x []T, rows, cols int, shift []float64) bool {
	if ActiveLevel() < AVX2 || cols == 0 || cols > momPeriodMax {
		return false
	}
	p := cols * 4 / gcd(cols, 4)
	if p > momPeriodMax {
		return false
	}
	if len(out) < cols {
		panic(redShortOut)
	}
	out = out[:cols]
	clear(out)
	var shiftP, meanP, acc, sq [momPeriodMax]float64
	var colOf [momPeriodMax]int // k % cols, without a division per use
	for k, c := 0, 0; k < p; k++ {
		colOf[k] = c
		shiftP[k] = shift[c]
		if c++; c == cols {
			c = 0
		}
	}
	var sum, s, q [momPeriodMax]float64
	for r0 := 0; r0 < rows; r0 += momRowChunk {
		r1 := min(r0+momRowChunk, rows)
		n := (r1 - r0) * cols
		if n%p != 0 {
			var part [momPeriodMax]Moments
			for j0 := 0; j0 < cols; j0 += momTile {
				w := min(momTile, cols-j0)
				momentsRowsAbout(part[j0:j0+w], x[r0*cols+j0:], r1-r0, w, cols, shift[j0:j0+w])
			}
			for k := range out {
				out[k] = out[k].Merge(part[k])
			}
			continue
		}
		chunk := x[r0*cols : r0*cols+n]
		momFlatSum(acc[:p], chunk, shiftP[:p])
		m := float64(r1 - r0)
		clear(sum[:cols])
		for k := range p {
			sum[colOf[k]] += acc[k]
		}
		for k := range cols {
			meanP[k] = sum[k] / m
		}
		for k := cols; k < p; k++ {
			meanP[k] = meanP[colOf[k]]
		}
		momFlatDev(acc[:p], sq[:p], chunk, shiftP[:p], meanP[:p])
		clear(s[:cols])
		clear(q[:cols])
		for k := range p {
			s[colOf[k]] += acc[k]
			q[colOf[k]] += sq[k]
		}
		for k := range out {
			out[k] = out[k].Merge(momFinish(m, sum[k]/m, s[k], q[k]))
		}
	}
	return true
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// momFlatSum sets acc[k] to Σ_i (x[i*p+k] - shift[k]) for len(x)/p periods,
// p = len(acc), a multiple of 4 up to 32, float32 x widened exactly. It is
// the pass that brings the chunk in from memory, so it walks x in order, one
// period at a time, with each of the period's (up to eight) 4-lane slots in a
// register of its own.
func momFlatSum[T float32 | float64](acc []float64, x []T, shift []float64) {
	p := len(acc)
	periods := len(x) / p
	if periods > 0 {
		_ = x[periods*p-1]
	}
	_ = shift[p-1]
	switch xs := any(x).(type) {
	case []float64:
		momFlatSumAVX2(unsafe.SliceData(xs), periods, p/4, &shift[0], &acc[0])
	case []float32:
		momFlatSumF32AVX2(unsafe.SliceData(xs), periods, p/4, &shift[0], &acc[0])
	}
}

// momFlatDev sets s[k] and q[k] to the sums of d and d² over the periods of
// x, d = (x[i*p+k] - shift[k]) - mean[k], d² by fused multiply-add: per
// 4-lane slot of the period, one pass down the slot's column of periods in
// four interleaved chains (the chunk is in L1 after momFlatSum).
func momFlatDev[T float32 | float64](s, q []float64, x []T, shift, mean []float64) {
	p := len(s)
	periods := len(x) / p
	if periods == 0 {
		clear(s)
		clear(q)
		return
	}
	_ = x[periods*p-1]
	_, _, _ = shift[p-1], mean[p-1], q[p-1]
	for v := 0; v+4 <= p; v += 4 {
		switch xs := any(x).(type) {
		case []float64:
			momSlotDevAVX2(&xs[v], periods, 8*p, &shift[v], &mean[v], &s[v], &q[v])
		case []float32:
			momSlotDevF32AVX2(&xs[v], periods, 4*p, &shift[v], &mean[v], &s[v], &q[v])
		}
	}
}

// momRowsTile8 is momentsRowsAbout for a tile of momTile (8) columns with
// a lane per column: the plain loops' additions, divisions and products in
// the same order (the square and its sum apart, not fused), so the same
// bits, without a bounds check and a scalar operation per element. float32
// rows are widened a chunk at a time into float64 scratch first (the plain
// loops widen each element the same way). It reports whether it ran (AVX2
// or better, float32 or float64).
func momRowsTile8[T Number](out []Moments, x []T, rows, ld int, shift []float64) bool {
	lvl := ActiveLevel()
	switch any(x).(type) {
	case []float64, []float32:
	default:
		return false
	}
	if lvl < AVX2 {
		return false
	}
	chunk := func(x []float64, rows, ld int, mean, s, q *[momTile]float64) {
		if lvl == AVX512 {
			momTile8ChunkX8(x, rows, ld, shift, mean, s, q)
		} else {
			momTile8ChunkX4(x, rows, ld, shift, mean, s, q)
		}
	}
	out, shift = out[:momTile], shift[:momTile]
	clear(out)
	var wide [momRowChunk * momTile]float64
	for r0 := 0; r0 < rows; r0 += momRowChunk {
		r1 := min(r0+momRowChunk, rows)
		var mean, s, q [momTile]float64
		switch xs := any(x).(type) {
		case []float64:
			chunk(xs[r0*ld:], r1-r0, ld, &mean, &s, &q)
		case []float32:
			momWiden8(lvl, wide[:(r1-r0)*momTile], xs[r0*ld:], ld)
			chunk(wide[:], r1-r0, momTile, &mean, &s, &q)
		}
		m := float64(r1 - r0)
		for k := range out {
			out[k] = out[k].Merge(momFinish(m, mean[k], s[k], q[k]))
		}
	}
	return true
}

// momWiden8 converts len(w)/8 rows of 8 float32 (ld apart) to float64,
// one row after another into w.
func momWiden8(lvl Level, w []float64, x []float32, ld int) {
	for r := 0; r < len(w)/momTile; r++ {
		row, d := x[r*ld:r*ld+momTile], w[r*momTile:(r+1)*momTile]
		if lvl == AVX512 {
			archsimd.LoadFloat32x8Slice(row).ConvertToFloat64().StoreSlice(d)
		} else {
			archsimd.LoadFloat32x4Slice(row[0:4]).ConvertToFloat64().StoreSlice(d[0:4])
			archsimd.LoadFloat32x4Slice(row[4:8]).ConvertToFloat64().StoreSlice(d[4:8])
		}
	}
	archsimd.ClearAVXUpperBits()
}

// momTile8ChunkX8 computes, for rows rows of 8 columns (ld apart), each
// column's mean of x - shift and the sums of the deviations from it and of
// their squares, in one AVX-512 lane per column.
func momTile8ChunkX8(x []float64, rows, ld int, shift []float64, mean, s, q *[momTile]float64) {
	sh := archsimd.LoadFloat64x8Slice(shift)
	var a archsimd.Float64x8
	for r := 0; r < rows; r++ {
		a = a.Add(archsimd.LoadFloat64x8Slice(x[r*ld : r*ld+momTile]).Sub(sh))
	}
	mv := a.Div(archsimd.BroadcastFloat64x8(float64(rows)))
	var sv, qv archsimd.Float64x8
	for r := 0; r < rows; r++ {
		d := archsimd.LoadFloat64x8Slice(x[r*ld : r*ld+momTile]).Sub(sh).Sub(mv)
		sv = sv.Add(d)
		qv = qv.Add(d.Mul(d))
	}
	mv.StoreSlice(mean[:])
	sv.StoreSlice(s[:])
	qv.StoreSlice(q[:])
	archsimd.ClearAVXUpperBits()
}

// momTile8ChunkX4 is momTile8ChunkX8 in two AVX2 vectors per row.
func momTile8ChunkX4(x []float64, rows, ld int, shift []float64, mean, s, q *[momTile]float64) {
	sh0 := archsimd.LoadFloat64x4Slice(shift[0:4])
	sh1 := archsimd.LoadFloat64x4Slice(shift[4:8])
	var a0, a1 archsimd.Float64x4
	for r := 0; r < rows; r++ {
		row := x[r*ld : r*ld+momTile]
		a0 = a0.Add(archsimd.LoadFloat64x4Slice(row[0:4]).Sub(sh0))
		a1 = a1.Add(archsimd.LoadFloat64x4Slice(row[4:8]).Sub(sh1))
	}
	bm := archsimd.BroadcastFloat64x4(float64(rows))
	m0, m1 := a0.Div(bm), a1.Div(bm)
	var s0, s1, q0, q1 archsimd.Float64x4
	for r := 0; r < rows; r++ {
		row := x[r*ld : r*ld+momTile]
		d0 := archsimd.LoadFloat64x4Slice(row[0:4]).Sub(sh0).Sub(m0)
		d1 := archsimd.LoadFloat64x4Slice(row[4:8]).Sub(sh1).Sub(m1)
		s0, s1 = s0.Add(d0), s1.Add(d1)
		q0, q1 = q0.Add(d0.Mul(d0)), q1.Add(d1.Mul(d1))
	}
	m0.StoreSlice(mean[0:4])
	m1.StoreSlice(mean[4:8])
	s0.StoreSlice(s[0:4])
	s1.StoreSlice(s[4:8])
	q0.StoreSlice(q[0:4])
	q1.StoreSlice(q[4:8])
	archsimd.ClearAVXUpperBits()
}
