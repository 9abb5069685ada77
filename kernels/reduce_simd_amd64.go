//go:build goexperiment.simd

package kernels

import (
	"math"
	"simd/archsimd"
	"sync/atomic"
	"unsafe"
)

// SIMD bodies of the reductions in reduce.go, chosen by ActiveLevel once
// per call. Every vector section ends with ClearAVXUpperBits (VZEROUPPER)
// before scalar code runs: without it the scalar SSE adds that fold lanes
// and finish tails wait on the dirty upper halves, which halved the speed
// of the sum. Each body keeps the contract of its plain-Go twin:
//   - sums keep the pairwise structure (split at the same points, leaves of
//     at most 128); the AVX2 leaf has the same 8 lanes as the generic one and
//     so the same result; the AVX-512 leaf has 16 lanes, folded pairwise.
//   - min/max return NaN when any element is NaN (tracked with a mask beside
//     the running minimum, since VMINPD alone would drop a NaN).
//   - column sums keep the row-by-row order per column, so they match the
//     generic path bit for bit.

func redSumF64(x []float64) float64 {
	switch ActiveLevel() {
	case AVX512:
		return redSumF64AVX512(x)
	case AVX2:
		return redSumF64AVX2(x)
	}
	return redSumPairwise(x)
}

func redSumF32(x []float32) float64 {
	switch ActiveLevel() {
	case AVX512:
		return redSumF32AVX512(x)
	case AVX2:
		return redSumF32AVX2(x)
	}
	return redSumPairwise(x)
}

// redFold8 adds eight lanes as a balanced tree, as the generic leaf does.
func redFold8(r *[8]float64) float64 {
	return ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
}

func redSumF64AVX2(x []float64) float64 {
	n := len(x)
	if n < 8 {
		return redSumPairwise(x)
	}
	if n <= redPairwiseBlock {
		a0 := archsimd.LoadFloat64x4Slice(x[0:4])
		a1 := archsimd.LoadFloat64x4Slice(x[4:8])
		i := 8
		for ; i <= n-8; i += 8 {
			b := x[i : i+8 : i+8]
			a0 = a0.Add(archsimd.LoadFloat64x4Slice(b[0:4]))
			a1 = a1.Add(archsimd.LoadFloat64x4Slice(b[4:8]))
		}
		var r [8]float64
		a0.StoreSlice(r[0:4])
		a1.StoreSlice(r[4:8])
		archsimd.ClearAVXUpperBits()
		s := redFold8(&r)
		for _, v := range x[i:] {
			s += v
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return redSumF64AVX2(x[:h]) + redSumF64AVX2(x[h:])
}

func redSumF32AVX2(x []float32) float64 {
	n := len(x)
	if n < 8 {
		return redSumPairwise(x)
	}
	if n <= redPairwiseBlock {
		a0 := archsimd.LoadFloat32x4Slice(x[0:4]).ConvertToFloat64()
		a1 := archsimd.LoadFloat32x4Slice(x[4:8]).ConvertToFloat64()
		i := 8
		for ; i <= n-8; i += 8 {
			b := x[i : i+8 : i+8]
			a0 = a0.Add(archsimd.LoadFloat32x4Slice(b[0:4]).ConvertToFloat64())
			a1 = a1.Add(archsimd.LoadFloat32x4Slice(b[4:8]).ConvertToFloat64())
		}
		var r [8]float64
		a0.StoreSlice(r[0:4])
		a1.StoreSlice(r[4:8])
		archsimd.ClearAVXUpperBits()
		s := redFold8(&r)
		for _, v := range x[i:] {
			s += float64(v)
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return redSumF32AVX2(x[:h]) + redSumF32AVX2(x[h:])
}

func redSumF64AVX512(x []float64) float64 {
	n := len(x)
	if n < 16 {
		return redSumPairwise(x)
	}
	if n <= redPairwiseBlock {
		a0 := archsimd.LoadFloat64x8Slice(x[0:8])
		a1 := archsimd.LoadFloat64x8Slice(x[8:16])
		i := 16
		for ; i <= n-16; i += 16 {
			b := x[i : i+16 : i+16]
			a0 = a0.Add(archsimd.LoadFloat64x8Slice(b[0:8]))
			a1 = a1.Add(archsimd.LoadFloat64x8Slice(b[8:16]))
		}
		if i <= n-8 {
			a0 = a0.Add(archsimd.LoadFloat64x8Slice(x[i : i+8]))
			i += 8
		}
		var r [8]float64
		a0.Add(a1).Store(&r)
		archsimd.ClearAVXUpperBits()
		s := redFold8(&r)
		for _, v := range x[i:] {
			s += v
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return redSumF64AVX512(x[:h]) + redSumF64AVX512(x[h:])
}

func redSumF32AVX512(x []float32) float64 {
	n := len(x)
	if n < 16 {
		return redSumPairwise(x)
	}
	if n <= redPairwiseBlock {
		a0 := archsimd.LoadFloat32x8Slice(x[0:8]).ConvertToFloat64()
		a1 := archsimd.LoadFloat32x8Slice(x[8:16]).ConvertToFloat64()
		i := 16
		for ; i <= n-16; i += 16 {
			b := x[i : i+16 : i+16]
			a0 = a0.Add(archsimd.LoadFloat32x8Slice(b[0:8]).ConvertToFloat64())
			a1 = a1.Add(archsimd.LoadFloat32x8Slice(b[8:16]).ConvertToFloat64())
		}
		if i <= n-8 {
			a0 = a0.Add(archsimd.LoadFloat32x8Slice(x[i : i+8]).ConvertToFloat64())
			i += 8
		}
		var r [8]float64
		a0.Add(a1).Store(&r)
		archsimd.ClearAVXUpperBits()
		s := redFold8(&r)
		for _, v := range x[i:] {
			s += float64(v)
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return redSumF32AVX512(x[:h]) + redSumF32AVX512(x[h:])
}

// Min and max: four vector accumulators run over the bulk, an OR of IsNaN
// masks records whether any NaN went by; the lanes and the tail are folded by
// the generic body, which also finds the NaN when there is one.

func redMinF64(x []float64) float64 {
	switch ActiveLevel() {
	case AVX512:
		return redMinMaxF64AVX512(x, false)
	case AVX2:
		return redMinMaxF64AVX2(x, false)
	}
	return redMinGeneric(x)
}

func redMaxF64(x []float64) float64 {
	switch ActiveLevel() {
	case AVX512:
		return redMinMaxF64AVX512(x, true)
	case AVX2:
		return redMinMaxF64AVX2(x, true)
	}
	return redMaxGeneric(x)
}

func redMinF32(x []float32) float32 {
	switch ActiveLevel() {
	case AVX512:
		return redMinMaxF32AVX512(x, false)
	case AVX2:
		return redMinMaxF32AVX2(x, false)
	}
	return redMinGeneric(x)
}

func redMaxF32(x []float32) float32 {
	switch ActiveLevel() {
	case AVX512:
		return redMinMaxF32AVX512(x, true)
	case AVX2:
		return redMinMaxF32AVX2(x, true)
	}
	return redMaxGeneric(x)
}

// redFinishMinMax folds the lanes in r with the tail of x; if sawNaN, it
// returns the first NaN of x instead.
func redFinishMinMax[T Float](r []T, x []T, tail int, sawNaN, isMax bool) T {
	if sawNaN {
		for _, v := range x {
			if v != v {
				return v
			}
		}
	}
	m := r[0]
	for _, v := range r[1:] {
		if (isMax && v > m) || (!isMax && v < m) {
			m = v
		}
	}
	for _, v := range x[tail:] {
		if v != v {
			return v
		}
		if (isMax && v > m) || (!isMax && v < m) {
			m = v
		}
	}
	return m
}

func redMinMaxF64AVX2(x []float64, isMax bool) float64 {
	n := len(x)
	if n < 16 {
		if isMax {
			return redMaxGeneric(x)
		}
		return redMinGeneric(x)
	}
	m0 := archsimd.LoadFloat64x4Slice(x[0:4])
	m1 := archsimd.LoadFloat64x4Slice(x[4:8])
	m2 := archsimd.LoadFloat64x4Slice(x[8:12])
	m3 := archsimd.LoadFloat64x4Slice(x[12:16])
	nan := m0.IsNaN().Or(m1.IsNaN()).Or(m2.IsNaN().Or(m3.IsNaN()))
	i := 16
	if isMax {
		for ; i <= n-16; i += 16 {
			b := x[i : i+16 : i+16]
			v0 := archsimd.LoadFloat64x4Slice(b[0:4])
			v1 := archsimd.LoadFloat64x4Slice(b[4:8])
			v2 := archsimd.LoadFloat64x4Slice(b[8:12])
			v3 := archsimd.LoadFloat64x4Slice(b[12:16])
			m0, m1, m2, m3 = m0.Max(v0), m1.Max(v1), m2.Max(v2), m3.Max(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Max(m1), m2.Max(m3)
		m0 = m0.Max(m1)
	} else {
		for ; i <= n-16; i += 16 {
			b := x[i : i+16 : i+16]
			v0 := archsimd.LoadFloat64x4Slice(b[0:4])
			v1 := archsimd.LoadFloat64x4Slice(b[4:8])
			v2 := archsimd.LoadFloat64x4Slice(b[8:12])
			v3 := archsimd.LoadFloat64x4Slice(b[12:16])
			m0, m1, m2, m3 = m0.Min(v0), m1.Min(v1), m2.Min(v2), m3.Min(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Min(m1), m2.Min(m3)
		m0 = m0.Min(m1)
	}
	var r [4]float64
	m0.Store(&r)
	archsimd.ClearAVXUpperBits()
	return redFinishMinMax(r[:], x, i, nan.ToBits() != 0, isMax)
}

func redMinMaxF32AVX2(x []float32, isMax bool) float32 {
	n := len(x)
	if n < 32 {
		if isMax {
			return redMaxGeneric(x)
		}
		return redMinGeneric(x)
	}
	m0 := archsimd.LoadFloat32x8Slice(x[0:8])
	m1 := archsimd.LoadFloat32x8Slice(x[8:16])
	m2 := archsimd.LoadFloat32x8Slice(x[16:24])
	m3 := archsimd.LoadFloat32x8Slice(x[24:32])
	nan := m0.IsNaN().Or(m1.IsNaN()).Or(m2.IsNaN().Or(m3.IsNaN()))
	i := 32
	if isMax {
		for ; i <= n-32; i += 32 {
			b := x[i : i+32 : i+32]
			v0 := archsimd.LoadFloat32x8Slice(b[0:8])
			v1 := archsimd.LoadFloat32x8Slice(b[8:16])
			v2 := archsimd.LoadFloat32x8Slice(b[16:24])
			v3 := archsimd.LoadFloat32x8Slice(b[24:32])
			m0, m1, m2, m3 = m0.Max(v0), m1.Max(v1), m2.Max(v2), m3.Max(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Max(m1), m2.Max(m3)
		m0 = m0.Max(m1)
	} else {
		for ; i <= n-32; i += 32 {
			b := x[i : i+32 : i+32]
			v0 := archsimd.LoadFloat32x8Slice(b[0:8])
			v1 := archsimd.LoadFloat32x8Slice(b[8:16])
			v2 := archsimd.LoadFloat32x8Slice(b[16:24])
			v3 := archsimd.LoadFloat32x8Slice(b[24:32])
			m0, m1, m2, m3 = m0.Min(v0), m1.Min(v1), m2.Min(v2), m3.Min(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Min(m1), m2.Min(m3)
		m0 = m0.Min(m1)
	}
	var r [8]float32
	m0.Store(&r)
	archsimd.ClearAVXUpperBits()
	return redFinishMinMax(r[:], x, i, nan.ToBits() != 0, isMax)
}

func redMinMaxF64AVX512(x []float64, isMax bool) float64 {
	n := len(x)
	if n < 32 {
		return redMinMaxF64AVX2(x, isMax)
	}
	m0 := archsimd.LoadFloat64x8Slice(x[0:8])
	m1 := archsimd.LoadFloat64x8Slice(x[8:16])
	m2 := archsimd.LoadFloat64x8Slice(x[16:24])
	m3 := archsimd.LoadFloat64x8Slice(x[24:32])
	nan := m0.IsNaN().Or(m1.IsNaN()).Or(m2.IsNaN().Or(m3.IsNaN()))
	i := 32
	if isMax {
		for ; i <= n-32; i += 32 {
			b := x[i : i+32 : i+32]
			v0 := archsimd.LoadFloat64x8Slice(b[0:8])
			v1 := archsimd.LoadFloat64x8Slice(b[8:16])
			v2 := archsimd.LoadFloat64x8Slice(b[16:24])
			v3 := archsimd.LoadFloat64x8Slice(b[24:32])
			m0, m1, m2, m3 = m0.Max(v0), m1.Max(v1), m2.Max(v2), m3.Max(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Max(m1), m2.Max(m3)
		m0 = m0.Max(m1)
	} else {
		for ; i <= n-32; i += 32 {
			b := x[i : i+32 : i+32]
			v0 := archsimd.LoadFloat64x8Slice(b[0:8])
			v1 := archsimd.LoadFloat64x8Slice(b[8:16])
			v2 := archsimd.LoadFloat64x8Slice(b[16:24])
			v3 := archsimd.LoadFloat64x8Slice(b[24:32])
			m0, m1, m2, m3 = m0.Min(v0), m1.Min(v1), m2.Min(v2), m3.Min(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Min(m1), m2.Min(m3)
		m0 = m0.Min(m1)
	}
	var r [8]float64
	m0.Store(&r)
	archsimd.ClearAVXUpperBits()
	return redFinishMinMax(r[:], x, i, nan.ToBits() != 0, isMax)
}

func redMinMaxF32AVX512(x []float32, isMax bool) float32 {
	n := len(x)
	if n < 64 {
		return redMinMaxF32AVX2(x, isMax)
	}
	m0 := archsimd.LoadFloat32x16Slice(x[0:16])
	m1 := archsimd.LoadFloat32x16Slice(x[16:32])
	m2 := archsimd.LoadFloat32x16Slice(x[32:48])
	m3 := archsimd.LoadFloat32x16Slice(x[48:64])
	nan := m0.IsNaN().Or(m1.IsNaN()).Or(m2.IsNaN().Or(m3.IsNaN()))
	i := 64
	if isMax {
		for ; i <= n-64; i += 64 {
			b := x[i : i+64 : i+64]
			v0 := archsimd.LoadFloat32x16Slice(b[0:16])
			v1 := archsimd.LoadFloat32x16Slice(b[16:32])
			v2 := archsimd.LoadFloat32x16Slice(b[32:48])
			v3 := archsimd.LoadFloat32x16Slice(b[48:64])
			m0, m1, m2, m3 = m0.Max(v0), m1.Max(v1), m2.Max(v2), m3.Max(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Max(m1), m2.Max(m3)
		m0 = m0.Max(m1)
	} else {
		for ; i <= n-64; i += 64 {
			b := x[i : i+64 : i+64]
			v0 := archsimd.LoadFloat32x16Slice(b[0:16])
			v1 := archsimd.LoadFloat32x16Slice(b[16:32])
			v2 := archsimd.LoadFloat32x16Slice(b[32:48])
			v3 := archsimd.LoadFloat32x16Slice(b[48:64])
			m0, m1, m2, m3 = m0.Min(v0), m1.Min(v1), m2.Min(v2), m3.Min(v3)
			nan = nan.Or(v0.IsNaN().Or(v1.IsNaN())).Or(v2.IsNaN().Or(v3.IsNaN()))
		}
		m0, m1 = m0.Min(m1), m2.Min(m3)
		m0 = m0.Min(m1)
	}
	var r [16]float32
	m0.Store(&r)
	archsimd.ClearAVXUpperBits()
	return redFinishMinMax(r[:], x, i, nan.ToBits() != 0, isMax)
}

// Column sums: vector tiles across a row, rows in chunks of redRowChunk so a
// chunk stays in cache while every tile of it is added. A chunk wider than
// one tile is first read in memory order (redTouchRows): the first tile's
// pass down the rows reads a few lines of each row, a stride the hardware
// prefetchers follow only for those lines, so every later tile went back to
// memory a line at a time (sum(x, axis=0) of 100000x80 float64, one
// thread: 9.2 ms without, 4.8 ms with; NumPy 4.0 ms).

const redRowChunk = 256

// redStreamCols is the row width from which redSumRowsF64 reads rows in
// order (redSumRowsF64Stream): past it, a column block striding down the
// rows touches a new page on every row (1000x8000 summed over its rows:
// 8.9 against 3.5 ms; 8x1e6, 9.6 against 7.4 ms); below it the column
// blocks, which keep their partials in registers, were faster (100000x80:
// 9.7 against 11.4 ms).
const redStreamCols = 512

func redSumRowsF64(acc []float64, x []float64, rows, cols, ld int) {
	l := ActiveLevel()
	if l == Generic || cols < 4 {
		redSumRowsGeneric(acc, x, rows, cols, ld)
		return
	}
	if cols >= redStreamCols {
		redSumRowsF64Stream(l, acc, x, rows, cols, ld)
		return
	}
	for r0 := 0; r0 < rows; r0 += redRowChunk {
		r1 := min(r0+redRowChunk, rows)
		if cols > 32 {
			redTouchRows(x, r0, r1, cols, ld)
		}
		j := 0
		if l == AVX512 {
			for ; j <= cols-32; j += 32 {
				a := acc[j : j+32 : j+32]
				a0 := archsimd.LoadFloat64x8Slice(a[0:8])
				a1 := archsimd.LoadFloat64x8Slice(a[8:16])
				a2 := archsimd.LoadFloat64x8Slice(a[16:24])
				a3 := archsimd.LoadFloat64x8Slice(a[24:32])
				for r := r0; r < r1; r++ {
					o := r*ld + j
					b := x[o : o+32 : o+32]
					a0 = a0.Add(archsimd.LoadFloat64x8Slice(b[0:8]))
					a1 = a1.Add(archsimd.LoadFloat64x8Slice(b[8:16]))
					a2 = a2.Add(archsimd.LoadFloat64x8Slice(b[16:24]))
					a3 = a3.Add(archsimd.LoadFloat64x8Slice(b[24:32]))
				}
				a0.StoreSlice(a[0:8])
				a1.StoreSlice(a[8:16])
				a2.StoreSlice(a[16:24])
				a3.StoreSlice(a[24:32])
			}
			for ; j <= cols-8; j += 8 {
				a0 := archsimd.LoadFloat64x8Slice(acc[j : j+8])
				for r := r0; r < r1; r++ {
					o := r*ld + j
					a0 = a0.Add(archsimd.LoadFloat64x8Slice(x[o : o+8]))
				}
				a0.StoreSlice(acc[j : j+8])
			}
		}
		for ; j <= cols-16; j += 16 {
			a := acc[j : j+16 : j+16]
			a0 := archsimd.LoadFloat64x4Slice(a[0:4])
			a1 := archsimd.LoadFloat64x4Slice(a[4:8])
			a2 := archsimd.LoadFloat64x4Slice(a[8:12])
			a3 := archsimd.LoadFloat64x4Slice(a[12:16])
			for r := r0; r < r1; r++ {
				o := r*ld + j
				b := x[o : o+16 : o+16]
				a0 = a0.Add(archsimd.LoadFloat64x4Slice(b[0:4]))
				a1 = a1.Add(archsimd.LoadFloat64x4Slice(b[4:8]))
				a2 = a2.Add(archsimd.LoadFloat64x4Slice(b[8:12]))
				a3 = a3.Add(archsimd.LoadFloat64x4Slice(b[12:16]))
			}
			a0.StoreSlice(a[0:4])
			a1.StoreSlice(a[4:8])
			a2.StoreSlice(a[8:12])
			a3.StoreSlice(a[12:16])
		}
		for ; j <= cols-4; j += 4 {
			a0 := archsimd.LoadFloat64x4Slice(acc[j : j+4])
			for r := r0; r < r1; r++ {
				o := r*ld + j
				a0 = a0.Add(archsimd.LoadFloat64x4Slice(x[o : o+4]))
			}
			a0.StoreSlice(acc[j : j+4])
		}
		archsimd.ClearAVXUpperBits()
		if j < cols {
			redSumRowsGeneric(acc[j:cols], x[r0*ld+j:], r1-r0, cols-j, ld)
		}
	}
}

func redSumRowsF32(acc []float64, x []float32, rows, cols, ld int) {
	l := ActiveLevel()
	if l == Generic || cols < 4 {
		redSumRowsGeneric(acc, x, rows, cols, ld)
		return
	}
	for r0 := 0; r0 < rows; r0 += redRowChunk {
		r1 := min(r0+redRowChunk, rows)
		if cols > 32 {
			redTouchRows(x, r0, r1, cols, ld)
		}
		j := 0
		if l == AVX512 {
			for ; j <= cols-32; j += 32 {
				a := acc[j : j+32 : j+32]
				a0 := archsimd.LoadFloat64x8Slice(a[0:8])
				a1 := archsimd.LoadFloat64x8Slice(a[8:16])
				a2 := archsimd.LoadFloat64x8Slice(a[16:24])
				a3 := archsimd.LoadFloat64x8Slice(a[24:32])
				for r := r0; r < r1; r++ {
					o := r*ld + j
					b := x[o : o+32 : o+32]
					a0 = a0.Add(archsimd.LoadFloat32x8Slice(b[0:8]).ConvertToFloat64())
					a1 = a1.Add(archsimd.LoadFloat32x8Slice(b[8:16]).ConvertToFloat64())
					a2 = a2.Add(archsimd.LoadFloat32x8Slice(b[16:24]).ConvertToFloat64())
					a3 = a3.Add(archsimd.LoadFloat32x8Slice(b[24:32]).ConvertToFloat64())
				}
				a0.StoreSlice(a[0:8])
				a1.StoreSlice(a[8:16])
				a2.StoreSlice(a[16:24])
				a3.StoreSlice(a[24:32])
			}
			for ; j <= cols-8; j += 8 {
				a0 := archsimd.LoadFloat64x8Slice(acc[j : j+8])
				for r := r0; r < r1; r++ {
					o := r*ld + j
					a0 = a0.Add(archsimd.LoadFloat32x8Slice(x[o : o+8]).ConvertToFloat64())
				}
				a0.StoreSlice(acc[j : j+8])
			}
		}
		for ; j <= cols-16; j += 16 {
			a := acc[j : j+16 : j+16]
			a0 := archsimd.LoadFloat64x4Slice(a[0:4])
			a1 := archsimd.LoadFloat64x4Slice(a[4:8])
			a2 := archsimd.LoadFloat64x4Slice(a[8:12])
			a3 := archsimd.LoadFloat64x4Slice(a[12:16])
			for r := r0; r < r1; r++ {
				o := r*ld + j
				b := x[o : o+16 : o+16]
				a0 = a0.Add(archsimd.LoadFloat32x4Slice(b[0:4]).ConvertToFloat64())
				a1 = a1.Add(archsimd.LoadFloat32x4Slice(b[4:8]).ConvertToFloat64())
				a2 = a2.Add(archsimd.LoadFloat32x4Slice(b[8:12]).ConvertToFloat64())
				a3 = a3.Add(archsimd.LoadFloat32x4Slice(b[12:16]).ConvertToFloat64())
			}
			a0.StoreSlice(a[0:4])
			a1.StoreSlice(a[4:8])
			a2.StoreSlice(a[8:12])
			a3.StoreSlice(a[12:16])
		}
		for ; j <= cols-4; j += 4 {
			a0 := archsimd.LoadFloat64x4Slice(acc[j : j+4])
			for r := r0; r < r1; r++ {
				o := r*ld + j
				a0 = a0.Add(archsimd.LoadFloat32x4Slice(x[o : o+4]).ConvertToFloat64())
			}
			a0.StoreSlice(acc[j : j+4])
		}
		archsimd.ClearAVXUpperBits()
		if j < cols {
			redSumRowsGeneric(acc[j:cols], x[r0*ld+j:], r1-r0, cols-j, ld)
		}
	}
}

// Column min/max: a NaN must stick in acc across calls, so each step picks
// a+v (NaN) where either side is NaN and the vector min/max elsewhere.

func redMinRowsF64(acc, x []float64, rows, cols, ld int) {
	redMinMaxRowsF64(acc, x, rows, cols, ld, false)
}

func redMaxRowsF64(acc, x []float64, rows, cols, ld int) {
	redMinMaxRowsF64(acc, x, rows, cols, ld, true)
}

func redMinRowsF32(acc, x []float32, rows, cols, ld int) {
	redMinMaxRowsF32(acc, x, rows, cols, ld, false)
}

func redMaxRowsF32(acc, x []float32, rows, cols, ld int) {
	redMinMaxRowsF32(acc, x, rows, cols, ld, true)
}

func redMinMaxRowsF64(acc, x []float64, rows, cols, ld int, isMax bool) {
	l := ActiveLevel()
	if l == Generic || cols < 4 {
		if isMax {
			redMaxRowsGeneric(acc, x, rows, cols, ld)
		} else {
			redMinRowsGeneric(acc, x, rows, cols, ld)
		}
		return
	}
	for r0 := 0; r0 < rows; r0 += redRowChunk {
		r1 := min(r0+redRowChunk, rows)
		if cols > 8 {
			redTouchRows(x, r0, r1, cols, ld)
		}
		j := 0
		if l == AVX512 {
			for ; j <= cols-8; j += 8 {
				a := archsimd.LoadFloat64x8Slice(acc[j : j+8])
				for r := r0; r < r1; r++ {
					o := r*ld + j
					v := archsimd.LoadFloat64x8Slice(x[o : o+8])
					m := a.Min(v)
					if isMax {
						m = a.Max(v)
					}
					a = a.Add(v).Merge(m, a.IsNaN().Or(v.IsNaN()))
				}
				a.StoreSlice(acc[j : j+8])
			}
		}
		for ; j <= cols-4; j += 4 {
			a := archsimd.LoadFloat64x4Slice(acc[j : j+4])
			for r := r0; r < r1; r++ {
				o := r*ld + j
				v := archsimd.LoadFloat64x4Slice(x[o : o+4])
				m := a.Min(v)
				if isMax {
					m = a.Max(v)
				}
				a = a.Add(v).Merge(m, a.IsNaN().Or(v.IsNaN()))
			}
			a.StoreSlice(acc[j : j+4])
		}
		archsimd.ClearAVXUpperBits()
		if j < cols {
			if isMax {
				redMaxRowsGeneric(acc[j:cols], x[r0*ld+j:], r1-r0, cols-j, ld)
			} else {
				redMinRowsGeneric(acc[j:cols], x[r0*ld+j:], r1-r0, cols-j, ld)
			}
		}
	}
}

func redMinMaxRowsF32(acc, x []float32, rows, cols, ld int, isMax bool) {
	l := ActiveLevel()
	if l == Generic || cols < 8 {
		if isMax {
			redMaxRowsGeneric(acc, x, rows, cols, ld)
		} else {
			redMinRowsGeneric(acc, x, rows, cols, ld)
		}
		return
	}
	for r0 := 0; r0 < rows; r0 += redRowChunk {
		r1 := min(r0+redRowChunk, rows)
		if cols > 16 {
			redTouchRows(x, r0, r1, cols, ld)
		}
		j := 0
		if l == AVX512 {
			for ; j <= cols-16; j += 16 {
				a := archsimd.LoadFloat32x16Slice(acc[j : j+16])
				for r := r0; r < r1; r++ {
					o := r*ld + j
					v := archsimd.LoadFloat32x16Slice(x[o : o+16])
					m := a.Min(v)
					if isMax {
						m = a.Max(v)
					}
					a = a.Add(v).Merge(m, a.IsNaN().Or(v.IsNaN()))
				}
				a.StoreSlice(acc[j : j+16])
			}
		}
		for ; j <= cols-8; j += 8 {
			a := archsimd.LoadFloat32x8Slice(acc[j : j+8])
			for r := r0; r < r1; r++ {
				o := r*ld + j
				v := archsimd.LoadFloat32x8Slice(x[o : o+8])
				m := a.Min(v)
				if isMax {
					m = a.Max(v)
				}
				a = a.Add(v).Merge(m, a.IsNaN().Or(v.IsNaN()))
			}
			a.StoreSlice(acc[j : j+8])
		}
		archsimd.ClearAVXUpperBits()
		if j < cols {
			if isMax {
				redMaxRowsGeneric(acc[j:cols], x[r0*ld+j:], r1-r0, cols-j, ld)
			} else {
				redMinRowsGeneric(acc[j:cols], x[r0*ld+j:], r1-r0, cols-j, ld)
			}
		}
	}
}

// redSumRowsF64Stream is redSumRowsF64 in row order: four rows at a time
// across all columns, each column's partial loaded once and the four rows
// added to it in row order, so that memory is read as it lies (the column
// blocks of redSumRowsF64 stride down the rows instead) with the same
// additions in the same order.
func redSumRowsF64Stream(l Level, acc []float64, x []float64, rows, cols, ld int) {
	acc = acc[:cols]
	r := 0
	for ; r+4 <= rows; r += 4 {
		x0 := x[r*ld : r*ld+cols]
		x1 := x[(r+1)*ld : (r+1)*ld+cols]
		x2 := x[(r+2)*ld : (r+2)*ld+cols]
		x3 := x[(r+3)*ld : (r+3)*ld+cols]
		j := 0
		if l == AVX512 {
			for ; j+8 <= cols; j += 8 {
				a := archsimd.LoadFloat64x8Slice(acc[j : j+8])
				a = a.Add(archsimd.LoadFloat64x8Slice(x0[j : j+8]))
				a = a.Add(archsimd.LoadFloat64x8Slice(x1[j : j+8]))
				a = a.Add(archsimd.LoadFloat64x8Slice(x2[j : j+8]))
				a = a.Add(archsimd.LoadFloat64x8Slice(x3[j : j+8]))
				a.StoreSlice(acc[j : j+8])
			}
		}
		for ; j+4 <= cols; j += 4 {
			a := archsimd.LoadFloat64x4Slice(acc[j : j+4])
			a = a.Add(archsimd.LoadFloat64x4Slice(x0[j : j+4]))
			a = a.Add(archsimd.LoadFloat64x4Slice(x1[j : j+4]))
			a = a.Add(archsimd.LoadFloat64x4Slice(x2[j : j+4]))
			a = a.Add(archsimd.LoadFloat64x4Slice(x3[j : j+4]))
			a.StoreSlice(acc[j : j+4])
		}
		for ; j < cols; j++ {
			acc[j] = acc[j] + x0[j] + x1[j] + x2[j] + x3[j]
		}
	}
	archsimd.ClearAVXUpperBits()
	for ; r < rows; r++ {
		xr := x[r*ld : r*ld+cols]
		j := 0
		if l == AVX512 {
			for ; j+8 <= cols; j += 8 {
				a := archsimd.LoadFloat64x8Slice(acc[j : j+8])
				a.Add(archsimd.LoadFloat64x8Slice(xr[j : j+8])).StoreSlice(acc[j : j+8])
			}
		}
		for ; j+4 <= cols; j += 4 {
			a := archsimd.LoadFloat64x4Slice(acc[j : j+4])
			a.Add(archsimd.LoadFloat64x4Slice(xr[j : j+4])).StoreSlice(acc[j : j+4])
		}
		for ; j < cols; j++ {
			acc[j] += xr[j]
		}
	}
	archsimd.ClearAVXUpperBits()
}

// redTouchSink keeps redTouchRows's loads from being dropped (stored
// atomically: goroutines of one reduction touch their chunks concurrently).
var redTouchSink atomic.Uint64

// redTouchRows reads one element per cache line of rows [r0, r1) of x
// (cols elements each, ld apart), in memory order, to bring the chunk into
// cache before its tiles are added.
func redTouchRows[T float32 | float64](x []T, r0, r1, cols, ld int) {
	step := 64 / int(unsafe.Sizeof(x[0]))
	var s T
	for r := r0; r < r1; r++ {
		row := x[r*ld : r*ld+cols]
		for j := 0; j < len(row); j += step {
			s += row[j]
		}
	}
	redTouchSink.Store(math.Float64bits(float64(s)))
}

// redAddRowSums8 is AddRowSums' SIMD body for cols a multiple of 8 below
// 64 (rowsums_amd64.s): eight rows at a time at AVX-512, four at AVX2. It
// returns the number of rows done; 0 at the generic level. AddRowSums,
// its one caller, has checked cols and the lengths.
func redAddRowSums8(sums, x []float64, cols int) int {
	switch lvl := ActiveLevel(); {
	case lvl >= AVX512 && len(sums) >= 8:
		n := len(sums) &^ 7
		rowSumsAVX512(&sums[0], &x[0], n, cols)
		return n
	case lvl >= AVX2 && len(sums) >= 4:
		n := len(sums) &^ 3
		rowSumsAVX2(&sums[0], &x[0], n, cols)
		return n
	}
	return 0
}

//go:noescape
func rowSumsAVX512(sums, x *float64, rows, cols int)

//go:noescape
func rowSumsAVX2(sums, x *float64, rows, cols int)
