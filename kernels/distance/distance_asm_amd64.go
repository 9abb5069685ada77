//go:build goexperiment.simd && amd64

package distance

import "unsafe"

// The AVX2 distance tiles of the sum and max metrics are in assembly
// (distance_amd64.s): written with archsimd, a 4-row tile of eight
// accumulators left the loop bound by FMA latency, and the register allocator
// spilled two of those eight. In assembly a 6-row tile fills twelve ymm
// accumulators plus the two B vectors and two temporaries, all sixteen
// registers, and each FMA accumulates in place; on Zen 3 that doubled the
// throughput of 4000×64 euclidean.

// distTilePtrsAVX2 checks the far ends of one row of tiles against the
// slices and returns the pointers the assembly takes: at holds distMRAVX2
// rows packed [p][r], bp holds blocks packed 8-lane blocks, and res receives
// distMRAVX2 rows w apart. The assembly reads and writes without bounds
// checks, so this keeps a packing mistake from touching foreign memory.
func distTilePtrsAVX2(d, blocks int, at, bp, res []float64, w int) (pa, pb, pr *float64) {
	if blocks > 0 {
		if d > 0 {
			_ = at[d*distMRAVX2-1]
			_ = bp[blocks*d*8-1]
		}
		_ = res[(distMRAVX2-1)*w+blocks*8-1]
	}
	// With d == 0 the kernels read neither at nor bp, and with blocks == 0
	// they touch nothing, so an empty slice's pointer is never dereferenced.
	return unsafe.SliceData(at), unsafe.SliceData(bp), unsafe.SliceData(res)
}

// distSqAVX2asm computes, for k < blocks, i < 6 and l < 8, with at, bp and
// res read as arrays from the given elements on,
//
//	t := 0
//	for p := range d { u := at[p*6+i] - bp[k*d*8+p*8+l]; t += u * u }
//	if root { t = math.Sqrt(t) }
//	res[i*w+k*8+l] = t
//
// summing each t with fused multiply-adds in the order of p.
//
//go:noescape
func distSqAVX2asm(d, blocks int, at, bp, res *float64, w int, root bool)

// distAbsAVX2asm computes, for k < blocks, i < 6 and l < 8, with at, bp and
// res read as arrays from the given elements on,
//
//	t := 0
//	for p := range d { t += math.Abs(at[p*6+i] - bp[k*d*8+p*8+l]) }
//	res[i*w+k*8+l] = t
//
//go:noescape
func distAbsAVX2asm(d, blocks int, at, bp, res *float64, w int)

// distMaxAVX2asm computes, for k < blocks, i < 6 and l < 8, with at, bp and
// res read as arrays from the given elements on,
//
//	t := 0
//	for p := range d {
//		if u := math.Abs(at[p*6+i] - bp[k*d*8+p*8+l]); u > t { t = u }
//	}
//	res[i*w+k*8+l] = t
//
// so a NaN term, which fails the comparison, is skipped.
//
//go:noescape
func distMaxAVX2asm(d, blocks int, at, bp, res *float64, w int)
