//go:build goexperiment.simd

package kernels

import "simd/archsimd"

// SIMD bodies of the affine transforms in scale.go. Vector subtraction and
// division round exactly like the scalar ones (IEEE, round to nearest), so
// every Level writes the same bits; the scalar tails finish each row, after
// ClearAVXUpperBits so that scalar SSE code does not stall on dirty upper
// halves.

func scaleSubDivF64(dst, x []float64, sub, div float64) {
	n := len(x)
	dst = dst[:n]
	i := 0
	switch ActiveLevel() {
	case AVX512:
		s, d := archsimd.BroadcastFloat64x8(sub), archsimd.BroadcastFloat64x8(div)
		for ; i <= n-16; i += 16 {
			xb, db := x[i:i+16:i+16], dst[i:i+16:i+16]
			v0 := archsimd.LoadFloat64x8Slice(xb[0:8])
			v1 := archsimd.LoadFloat64x8Slice(xb[8:16])
			v0.Sub(s).Div(d).StoreSlice(db[0:8])
			v1.Sub(s).Div(d).StoreSlice(db[8:16])
		}
		archsimd.ClearAVXUpperBits()
	case AVX2:
		s, d := archsimd.BroadcastFloat64x4(sub), archsimd.BroadcastFloat64x4(div)
		for ; i <= n-8; i += 8 {
			xb, db := x[i:i+8:i+8], dst[i:i+8:i+8]
			v0 := archsimd.LoadFloat64x4Slice(xb[0:4])
			v1 := archsimd.LoadFloat64x4Slice(xb[4:8])
			v0.Sub(s).Div(d).StoreSlice(db[0:4])
			v1.Sub(s).Div(d).StoreSlice(db[4:8])
		}
		archsimd.ClearAVXUpperBits()
	}
	scaleSubDivGeneric(dst[i:], x[i:], sub, div)
}

func scaleSubDivF32(dst, x []float32, sub, div float32) {
	n := len(x)
	dst = dst[:n]
	i := 0
	switch ActiveLevel() {
	case AVX512:
		s, d := archsimd.BroadcastFloat32x16(sub), archsimd.BroadcastFloat32x16(div)
		for ; i <= n-32; i += 32 {
			xb, db := x[i:i+32:i+32], dst[i:i+32:i+32]
			v0 := archsimd.LoadFloat32x16Slice(xb[0:16])
			v1 := archsimd.LoadFloat32x16Slice(xb[16:32])
			v0.Sub(s).Div(d).StoreSlice(db[0:16])
			v1.Sub(s).Div(d).StoreSlice(db[16:32])
		}
		archsimd.ClearAVXUpperBits()
	case AVX2:
		s, d := archsimd.BroadcastFloat32x8(sub), archsimd.BroadcastFloat32x8(div)
		for ; i <= n-16; i += 16 {
			xb, db := x[i:i+16:i+16], dst[i:i+16:i+16]
			v0 := archsimd.LoadFloat32x8Slice(xb[0:8])
			v1 := archsimd.LoadFloat32x8Slice(xb[8:16])
			v0.Sub(s).Div(d).StoreSlice(db[0:8])
			v1.Sub(s).Div(d).StoreSlice(db[8:16])
		}
		archsimd.ClearAVXUpperBits()
	}
	scaleSubDivGeneric(dst[i:], x[i:], sub, div)
}

// scaleCyclicMax bounds the row length that scaleSubDivRowsF64 reads as one
// flat run: its pattern buffers live on the stack.
const scaleCyclicMax = 64

func scaleSubDivRowsF64(dst, x []float64, rows, cols, ldDst, ldX int, sub, div []float64) {
	l := ActiveLevel()
	if l == Generic || cols < 4 {
		scaleSubDivRowsGeneric(dst, x, rows, cols, ldDst, ldX, sub, div)
		return
	}
	if ldDst == cols && ldX == cols && cols <= scaleCyclicMax && rows > 1 {
		// Short contiguous rows: one flat run whose column pattern repeats
		// every cols elements, four elements per step whatever cols is,
		// instead of a vector loop of one or two steps per row.
		scaleSubDivCyclicF64(dst[:rows*cols], x[:rows*cols], cols, sub, div)
		return
	}
	for r := 0; r < rows; r++ {
		xr := x[r*ldX : r*ldX+cols]
		dr := dst[r*ldDst : r*ldDst+cols]
		j := 0
		if l == AVX512 {
			for ; j <= cols-8; j += 8 {
				s := archsimd.LoadFloat64x8Slice(sub[j : j+8])
				d := archsimd.LoadFloat64x8Slice(div[j : j+8])
				archsimd.LoadFloat64x8Slice(xr[j : j+8]).Sub(s).Div(d).StoreSlice(dr[j : j+8])
			}
		}
		for ; j <= cols-4; j += 4 {
			s := archsimd.LoadFloat64x4Slice(sub[j : j+4])
			d := archsimd.LoadFloat64x4Slice(div[j : j+4])
			archsimd.LoadFloat64x4Slice(xr[j : j+4]).Sub(s).Div(d).StoreSlice(dr[j : j+4])
		}
		archsimd.ClearAVXUpperBits()
		for ; j < cols; j++ {
			dr[j] = (xr[j] - sub[j]) / div[j]
		}
	}
}

func scaleSubDivRowsF32(dst, x []float32, rows, cols, ldDst, ldX int, sub, div []float64) {
	l := ActiveLevel()
	if l == Generic || cols < 4 {
		scaleSubDivRowsGeneric(dst, x, rows, cols, ldDst, ldX, sub, div)
		return
	}
	if ldDst == cols && ldX == cols && cols <= scaleCyclicMax && rows > 1 {
		scaleSubDivCyclicF32(dst[:rows*cols], x[:rows*cols], cols, sub, div)
		return
	}
	for r := 0; r < rows; r++ {
		xr := x[r*ldX : r*ldX+cols]
		dr := dst[r*ldDst : r*ldDst+cols]
		j := 0
		if l == AVX512 {
			for ; j <= cols-8; j += 8 {
				// VCVTPD2PS rounds to nearest, as float32(v) does.
				s := archsimd.LoadFloat64x8Slice(sub[j : j+8]).ConvertToFloat32()
				d := archsimd.LoadFloat64x8Slice(div[j : j+8]).ConvertToFloat32()
				archsimd.LoadFloat32x8Slice(xr[j : j+8]).Sub(s).Div(d).StoreSlice(dr[j : j+8])
			}
		}
		for ; j <= cols-4; j += 4 {
			s := archsimd.LoadFloat64x4Slice(sub[j : j+4]).ConvertToFloat32()
			d := archsimd.LoadFloat64x4Slice(div[j : j+4]).ConvertToFloat32()
			archsimd.LoadFloat32x4Slice(xr[j : j+4]).Sub(s).Div(d).StoreSlice(dr[j : j+4])
		}
		archsimd.ClearAVXUpperBits()
		for ; j < cols; j++ {
			dr[j] = (xr[j] - float32(sub[j])) / float32(div[j])
		}
	}
}

// scaleSubDivCyclicF64 is SubDivRows of a contiguous block with rows of
// cols (4..scaleCyclicMax) elements, x and dst of the same whole number of
// rows: the same subtraction and division per element as the row loop, so
// the same bits.
func scaleSubDivCyclicF64(dst, x []float64, cols int, sub, div []float64) {
	var subP, divP [scaleCyclicMax + 3]float64
	copy(subP[:], sub[:cols])
	copy(divP[:], div[:cols])
	copy(subP[cols:], sub[:3])
	copy(divP[cols:], div[:3])
	h := ewHead(AVX2, dst)
	for i := range h {
		dst[i] = (x[i] - sub[i%cols]) / div[i%cols]
	}
	n := (len(x) - h) &^ 3
	if n > 0 {
		subDivCyclicAVX2(&dst[h], &x[h], n, &subP[0], &divP[0], cols, h%cols)
	}
	for i := h + n; i < len(x); i++ {
		c := i % cols
		dst[i] = (x[i] - sub[c]) / div[c]
	}
}

// scaleSubDivCyclicF32 is scaleSubDivCyclicF64 in float32, eight elements a
// step: the pattern, float32(sub) and float32(div) as the row loop rounds
// them, is repeated to a period of at least eight elements.
func scaleSubDivCyclicF32(dst, x []float32, cols int, sub, div []float64) {
	period := cols * ((8 + cols - 1) / cols)
	var subP, divP [scaleCyclicMax + 7]float32
	for k := range period + 7 {
		subP[k] = float32(sub[k%cols])
		divP[k] = float32(div[k%cols])
	}
	h := ewHead(AVX2, dst)
	for i := range h {
		dst[i] = (x[i] - float32(sub[i%cols])) / float32(div[i%cols])
	}
	n := (len(x) - h) &^ 7
	if n > 0 {
		subDivCyclicF32AVX2(&dst[h], &x[h], n, &subP[0], &divP[0], period, h%period)
	}
	for i := h + n; i < len(x); i++ {
		c := i % cols
		dst[i] = (x[i] - float32(sub[c])) / float32(div[c])
	}
}
