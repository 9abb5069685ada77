//go:build goexperiment.simd && amd64

package distance

import (
	"gonp/kernels/cpu"
	"simd/archsimd"
)

// distLanes is how many B rows one packed block holds at level lvl: two
// vectors of float64. The plain-Go body, which has no vectors, uses 8.
func distLanes(lvl cpu.Level) int {
	// distLevel has lowered every metric but Cosine to AVX2 by now.
	if lvl == cpu.AVX512 {
		return 16
	}
	return 8
}

// distRow computes one tile of A rows against a chunk of packed B blocks at
// level lvl; see distRowGeneric for the contract. The AVX-512 body is the
// archsimd 4-row tile of the AVX2 cosine path, for every metric, with vectors
// twice as wide.
func distRow(lvl cpu.Level, metric Metric, d, nb, blocks int, at, bp, na, nbn, res []float64, w int) {
	switch lvl {
	case cpu.AVX512:
		distRowAVX512(metric, d, blocks, at, bp, na, nbn, res, w)
	case cpu.AVX2:
		distRowAVX2(metric, d, blocks, at, bp, na, nbn, res, w)
	default:
		distRowGeneric(metric, d, nb, blocks, at, bp, na, nbn, res, w)
	}
}

// distLevel is the level metric runs at when lvl is active. At AVX512 only
// Cosine has a body of its own: on Zen 4, which runs 512-bit operations as
// two 256-bit halves, the archsimd AVX-512 tiles of the other metrics took
// 1.6–2.2× the time of the AVX2 assembly tiles (cdist 4000×64), while the
// Cosine tile took 0.7× the time of its AVX2 twin.
func distLevel(lvl cpu.Level, metric Metric) cpu.Level {
	if lvl == cpu.AVX512 && metric != Cosine {
		return cpu.AVX2
	}
	return lvl
}

// distRowAVX2 is distRowGeneric for AVX2: blocks of 8 lanes. The sum and max
// metrics run the assembly tiles, distMRAVX2 rows by two vectors, over the
// whole row of blocks in one call; Cosine keeps distMR rows and two
// Float64x4 per tile row, eight accumulators in registers, so each packed B
// vector loaded feeds four rows.
func distRowAVX2(metric Metric, d, blocks int, at, bp, na, nbn, res []float64, w int) {
	if metric != Cosine {
		pa, pb, pr := distTilePtrsAVX2(d, blocks, at, bp, res, w)
		switch metric {
		case Euclidean, SqEuclidean:
			distSqAVX2asm(d, blocks, pa, pb, pr, w, metric == Euclidean)
		case Cityblock:
			distAbsAVX2asm(d, blocks, pa, pb, pr, w)
		case Chebyshev:
			distMaxAVX2asm(d, blocks, pa, pb, pr, w)
		}
		return
	}
	at = at[:d*distMR]
	for k := range blocks {
		distTileCosAVX2(at, bp[k*d*8:(k+1)*d*8], res[k*8:], w, na, nbn[k*8:(k+1)*8])
	}
}

// storeDistRowsAVX2 writes the tile's four rows of 8 lanes to rt, w apart.
func storeDistRowsAVX2(rt []float64, w int, c00, c01, c10, c11, c20, c21, c30, c31 archsimd.Float64x4) {
	c00.Store((*[4]float64)(rt[0:4]))
	c01.Store((*[4]float64)(rt[4:8]))
	rt = rt[w:]
	c10.Store((*[4]float64)(rt[0:4]))
	c11.Store((*[4]float64)(rt[4:8]))
	rt = rt[w:]
	c20.Store((*[4]float64)(rt[0:4]))
	c21.Store((*[4]float64)(rt[4:8]))
	rt = rt[w:]
	c30.Store((*[4]float64)(rt[0:4]))
	c31.Store((*[4]float64)(rt[4:8]))
}

func distTileCosAVX2(at, bp, rt []float64, w int, na, nbn []float64) {
	var c00, c01, c10, c11, c20, c21, c30, c31 archsimd.Float64x4
	for len(at) >= distMR && len(bp) >= 8 {
		b0 := archsimd.LoadFloat64x4((*[4]float64)(bp[0:4]))
		b1 := archsimd.LoadFloat64x4((*[4]float64)(bp[4:8]))
		a := archsimd.BroadcastFloat64x4(at[0])
		c00, c01 = a.MulAdd(b0, c00), a.MulAdd(b1, c01)
		a = archsimd.BroadcastFloat64x4(at[1])
		c10, c11 = a.MulAdd(b0, c10), a.MulAdd(b1, c11)
		a = archsimd.BroadcastFloat64x4(at[2])
		c20, c21 = a.MulAdd(b0, c20), a.MulAdd(b1, c21)
		a = archsimd.BroadcastFloat64x4(at[3])
		c30, c31 = a.MulAdd(b0, c30), a.MulAdd(b1, c31)
		at, bp = at[distMR:], bp[8:]
	}
	n0 := archsimd.LoadFloat64x4((*[4]float64)(nbn[0:4]))
	n1 := archsimd.LoadFloat64x4((*[4]float64)(nbn[4:8]))
	na = na[:distMR]
	storeDistRowsAVX2(rt, w,
		finishCosineAVX2(c00, na[0], n0), finishCosineAVX2(c01, na[0], n1),
		finishCosineAVX2(c10, na[1], n0), finishCosineAVX2(c11, na[1], n1),
		finishCosineAVX2(c20, na[2], n0), finishCosineAVX2(c21, na[2], n1),
		finishCosineAVX2(c30, na[3], n0), finishCosineAVX2(c31, na[3], n1))
}

// finishCosineAVX2 is finishCosine on a vector: the same operations in the
// same order, with compare-and-blend clipping so NaN passes through.
func finishCosineAVX2(dot archsimd.Float64x4, na float64, nb archsimd.Float64x4) archsimd.Float64x4 {
	one := archsimd.BroadcastFloat64x4(1)
	negOne := archsimd.BroadcastFloat64x4(-1)
	c := dot.Div(archsimd.BroadcastFloat64x4(na).Mul(nb))
	c = one.Merge(c, c.Greater(one))
	c = negOne.Merge(c, c.Less(negOne))
	return one.Sub(c)
}

// distRowAVX512 is distRowGeneric for AVX512, Cosine only (see distLevel):
// blocks of 16 lanes, two Float64x8 per tile row, distMR rows per tile, so
// eight accumulators stay in registers and each packed B vector loaded feeds
// four rows.
func distRowAVX512(_ Metric, d, blocks int, at, bp, na, nbn, res []float64, w int) {
	at = at[:d*distMR]
	for k := range blocks {
		distTileCosAVX512(at, bp[k*d*16:(k+1)*d*16], res[k*16:], w, na, nbn[k*16:(k+1)*16])
	}
}

// storeDistRowsAVX512 writes the tile's four rows of 16 lanes to rt, w apart.
func storeDistRowsAVX512(rt []float64, w int, c00, c01, c10, c11, c20, c21, c30, c31 archsimd.Float64x8) {
	c00.Store((*[8]float64)(rt[0:8]))
	c01.Store((*[8]float64)(rt[8:16]))
	rt = rt[w:]
	c10.Store((*[8]float64)(rt[0:8]))
	c11.Store((*[8]float64)(rt[8:16]))
	rt = rt[w:]
	c20.Store((*[8]float64)(rt[0:8]))
	c21.Store((*[8]float64)(rt[8:16]))
	rt = rt[w:]
	c30.Store((*[8]float64)(rt[0:8]))
	c31.Store((*[8]float64)(rt[8:16]))
}

func distTileCosAVX512(at, bp, rt []float64, w int, na, nbn []float64) {
	var c00, c01, c10, c11, c20, c21, c30, c31 archsimd.Float64x8
	for len(at) >= distMR && len(bp) >= 16 {
		b0 := archsimd.LoadFloat64x8((*[8]float64)(bp[0:8]))
		b1 := archsimd.LoadFloat64x8((*[8]float64)(bp[8:16]))
		a := archsimd.BroadcastFloat64x8(at[0])
		c00, c01 = a.MulAdd(b0, c00), a.MulAdd(b1, c01)
		a = archsimd.BroadcastFloat64x8(at[1])
		c10, c11 = a.MulAdd(b0, c10), a.MulAdd(b1, c11)
		a = archsimd.BroadcastFloat64x8(at[2])
		c20, c21 = a.MulAdd(b0, c20), a.MulAdd(b1, c21)
		a = archsimd.BroadcastFloat64x8(at[3])
		c30, c31 = a.MulAdd(b0, c30), a.MulAdd(b1, c31)
		at, bp = at[distMR:], bp[16:]
	}
	n0 := archsimd.LoadFloat64x8((*[8]float64)(nbn[0:8]))
	n1 := archsimd.LoadFloat64x8((*[8]float64)(nbn[8:16]))
	na = na[:distMR]
	storeDistRowsAVX512(rt, w,
		finishCosineAVX512(c00, na[0], n0), finishCosineAVX512(c01, na[0], n1),
		finishCosineAVX512(c10, na[1], n0), finishCosineAVX512(c11, na[1], n1),
		finishCosineAVX512(c20, na[2], n0), finishCosineAVX512(c21, na[2], n1),
		finishCosineAVX512(c30, na[3], n0), finishCosineAVX512(c31, na[3], n1))
}

// finishCosineAVX512 is finishCosine on a vector: the same operations in the
// same order, with compare-and-blend clipping so NaN passes through.
func finishCosineAVX512(dot archsimd.Float64x8, na float64, nb archsimd.Float64x8) archsimd.Float64x8 {
	one := archsimd.BroadcastFloat64x8(1)
	negOne := archsimd.BroadcastFloat64x8(-1)
	c := dot.Div(archsimd.BroadcastFloat64x8(na).Mul(nb))
	c = one.Merge(c, c.Greater(one))
	c = negOne.Merge(c, c.Less(negOne))
	return one.Sub(c)
}

// quadForm is uᵀ VI u (see quadFormGeneric) on AVX2 and above: z = VIᵀu
// is built sixteen columns at a time in four register accumulators, each
// row of VI adding u_i times its sixteen elements by fused multiply-adds,
// so no accumulator goes through memory between rows.
func quadForm(vi, u, z []float64) float64 {
	d := len(u)
	if cpu.Active() < cpu.AVX2 || d < 4 {
		return quadFormGeneric(vi, u, z)
	}
	z = z[:d]
	vi = vi[:d*d]
	j := 0
	for ; j+16 <= d; j += 16 {
		var a0, a1, a2, a3 archsimd.Float64x4
		for i, ui := range u {
			row := vi[i*d+j : i*d+j+16]
			w := archsimd.BroadcastFloat64x4(ui)
			a0 = w.MulAdd(archsimd.LoadFloat64x4Slice(row[0:]), a0)
			a1 = w.MulAdd(archsimd.LoadFloat64x4Slice(row[4:]), a1)
			a2 = w.MulAdd(archsimd.LoadFloat64x4Slice(row[8:]), a2)
			a3 = w.MulAdd(archsimd.LoadFloat64x4Slice(row[12:]), a3)
		}
		a0.StoreSlice(z[j:])
		a1.StoreSlice(z[j+4:])
		a2.StoreSlice(z[j+8:])
		a3.StoreSlice(z[j+12:])
	}
	for ; j+4 <= d; j += 4 {
		var a0 archsimd.Float64x4
		for i, ui := range u {
			a0 = archsimd.BroadcastFloat64x4(ui).MulAdd(archsimd.LoadFloat64x4Slice(vi[i*d+j:i*d+j+4]), a0)
		}
		a0.StoreSlice(z[j:])
	}
	archsimd.ClearAVXUpperBits()
	for ; j < d; j++ {
		t := 0.0
		for i, ui := range u {
			t += ui * vi[i*d+j]
		}
		z[j] = t
	}
	s := 0.0
	for k, uk := range u {
		s += uk * z[k]
	}
	return s
}
