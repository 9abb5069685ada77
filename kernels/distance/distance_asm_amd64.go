//go:build goexperiment.simd && amd64

package distance

import (
	"gonp/kernels/cpu"
	"unsafe"
)

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

// distSqF32AVX2asm screens blocks of 16 B lanes against a 6-row A tile in
// float32: for k < blocks, i < 6 and l < 16, with at, bp, thr and masks read
// as arrays from the given elements on, it sums
//
//	t := float32(0)
//	for p := range d { u := at[p*6+i] - bp[k*d*16+p*16+l]; t += u * u }
//
// with fused multiply-adds and sets bit l of masks[k*6+i] unless
// t > thr[i] (so a NaN sum sets it). It returns the or of all the masks.
//
//go:noescape
func distSqF32AVX2asm(d, blocks int, at, bp, thr *float32, masks *uint16) uint64

// screenLevel reports whether Knn screens Euclidean and SqEuclidean
// candidates in float32 at level lvl: only where its exact distances come
// from the AVX2 assembly tile, whose sums sqChain4 reproduces bit for bit.
func screenLevel(lvl cpu.Level) bool { return lvl == cpu.AVX2 }

// sqChain4AVX2asm computes, for c < 4, with rows[c] and rows[4+c] read as
// arrays of d elements,
//
//	t := 0
//	for p := range d { u := rows[c][p] - rows[4+c][p]; t = math.FMA(u, u, t) }
//	out[c] = t
//
// which is the sum each lane of distSqAVX2asm forms; the four chains run
// side by side.
//
//go:noescape
func sqChain4AVX2asm(d int, rows *[8]*float64, out *[4]float64)

// sqChain4 is sqChain4AVX2asm on slices of at least d elements each.
func sqChain4(d int, a, b *[4][]float64, out *[4]float64) {
	var rows [8]*float64
	for c := range 4 {
		_, _ = a[c][d-1], b[c][d-1]
		rows[c], rows[4+c] = unsafe.SliceData(a[c]), unsafe.SliceData(b[c])
	}
	sqChain4AVX2asm(d, &rows, out)
}

// screenTile is screenTileGeneric, on the AVX2 assembly kernel from AVX2
// on. At AVX512 too: on Zen 4, which splits each 512-bit operation in two,
// a 6-row tile of two zmm blocks took no less time than this one.
func screenTile(d, blocks int, at, bp, thr []float32, masks []uint16) uint64 {
	if cpu.Active() < cpu.AVX2 {
		return screenTileGeneric(d, blocks, at, bp, thr, masks)
	}
	if blocks == 0 {
		return 0
	}
	if d > 0 {
		_ = at[d*screenRows-1]
		_ = bp[blocks*d*screenLanes-1]
	}
	_ = thr[screenRows-1]
	_ = masks[blocks*screenRows-1]
	return distSqF32AVX2asm(d, blocks, unsafe.SliceData(at), unsafe.SliceData(bp), unsafe.SliceData(thr), unsafe.SliceData(masks))
}

// screenBF16AVX512asm is screenBF16Generic in AVX-512 with VDPBF16PS
// (knn_bf16_amd64.s), its dot products summed in float32.
//
//go:noescape
func screenBF16AVX512asm(dp, blocks int, at, bp *uint32, nb2, thr *float32, masks *uint16) uint64

// screenTileBF16 is screenBF16Generic on the assembly kernel where
// cpu.BF16 holds.
func screenTileBF16(dp, blocks int, at, bp []uint32, nb2, thr []float32, masks []uint16) uint64 {
	if !cpu.BF16() {
		return screenBF16Generic(dp, blocks, at, bp, nb2, thr, masks)
	}
	if blocks == 0 || dp == 0 {
		return screenBF16Generic(dp, blocks, at, bp, nb2, thr, masks)
	}
	_ = at[dp*screenRows-1]
	_ = bp[blocks*dp*screenLanes-1]
	_ = nb2[blocks*screenLanes-1]
	_ = thr[screenRows-1]
	_ = masks[blocks*screenRows-1]
	return screenBF16AVX512asm(dp, blocks, unsafe.SliceData(at), unsafe.SliceData(bp), unsafe.SliceData(nb2),
		unsafe.SliceData(thr), unsafe.SliceData(masks))
}
