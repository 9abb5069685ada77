package gemm

import (
	"sync"
	"sync/atomic"
	"unsafe"

	"gonp/kernels/cpu"
	"gonp/parallel"
)

// Panic messages of Gemm, prefixed like every kernels panic.
const (
	errGemmNegSize = "kernels: negative size in Gemm"
	errGemmNegStr  = "kernels: negative stride in Gemm"
	errGemmShortA  = "kernels: insufficient length of a in Gemm"
	errGemmShortB  = "kernels: insufficient length of b in Gemm"
	errGemmShortC  = "kernels: insufficient length of c in Gemm"
)

// Gemm computes C = A·B, overwriting C, for an m×k A and a k×n B, in float32 or float64.
// Element (i, p) of A is a[i*rsa + p*csa], element (p, j) of B is b[p*rsb + j*csb],
// element (i, j) of C is c[i*rsc + j*csc]. Strides are in elements, >= 0 (0 allowed for
// broadcast A or B; C strides are such that distinct (i,j) are distinct elements), so row-major,
// column-major (Fortran/transposed) and strided views are all accepted without the caller copying.
// m, n or k == 0 allowed (k == 0 zeroes C). Panics with "kernels: ..." messages on short slices or negative sizes.
//
// The prior contents of C are never read, so NaN in an uninitialised C does not leak into the
// result. Products are summed in blocks of k with fused multiply-adds where the CPU has them,
// so results match a plain triple loop up to rounding, and NaN and Inf propagate as they would
// there: zeros are multiplied, never skipped. Gemm keeps no state between calls other than
// pooled scratch, so it may run concurrently on disjoint parts of C.
func Gemm[T float32 | float64](m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	Parallel(1, m, n, k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
}

// Parallel is Gemm on at most workers goroutines of the pool (workers < 1
// means parallel.Workers()). Each block of B is packed once, in parallel,
// and shared; C's rows are cut into runs of row panels (about four per
// worker) that the goroutines take as they come free, each packing its own
// blocks of A, so a goroutine slowed by another process on its core holds
// the call up by one run at most. Products with a small B stored by rows
// skip packing and share out runs of rows the same way; products with too
// few rows to share are split by columns.
func Parallel[T float32 | float64](workers, m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	ParallelCancel(workers, nil, m, n, k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
}

// ParallelCancel is Parallel with a cancel flag (nil: never cancelled):
// once another goroutine or thread sets *cancel non-zero, no further block
// of A or B starts (milliseconds of work), and C is left partly computed. It
// never keeps the pointer.
func ParallelCancel[T float32 | float64](workers int, cancel *int32, m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	if m < 0 || n < 0 || k < 0 {
		panic(errGemmNegSize)
	}
	if rsa < 0 || csa < 0 || rsb < 0 || csb < 0 || rsc < 0 || csc < 0 {
		panic(errGemmNegStr)
	}
	if m == 0 || n == 0 {
		return
	}
	if len(c) <= (m-1)*rsc+(n-1)*csc {
		panic(errGemmShortC)
	}
	if k == 0 {
		for i := range m {
			for j := range n {
				c[i*rsc+j*csc] = 0
			}
		}
		return
	}
	if len(a) <= (m-1)*rsa+(k-1)*csa {
		panic(errGemmShortA)
	}
	if len(b) <= (k-1)*rsb+(n-1)*csb {
		panic(errGemmShortB)
	}
	// The micro-kernels write C along rows with unit stride. A column-major C is
	// turned into that case through Cᵀ = Bᵀ·Aᵀ, which costs nothing: only the
	// roles of the strides change.
	if csc != 1 && rsc == 1 {
		m, n = n, m
		a, b = b, a
		rsa, csa, rsb, csb = csb, rsb, csa, rsa
		rsc, csc = csc, rsc
	}
	kern := gemmKernelFor[T]()
	if workers < 1 {
		workers = parallel.Workers()
	}
	// Small products are not worth a fork: below about 2·80³ FLOPs the
	// handoff to another goroutine costs more than it saves.
	if m*n*k < gemmParallelMin {
		workers = 1
	}
	if dk := kern.directKernel(); gemmUseDirect(dk, m, n, k, csb, csc) {
		gemmDirectRows(dk, cancel, workers, m, n, k, a, rsa, csa, b, rsb, c, rsc)
		return
	}
	if workers == 1 {
		gemmBlockedPacked(kern, cancel, m, n, k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
		return
	}
	panels := (m + kern.mr - 1) / kern.mr
	if panels < 2*workers && n >= 4*kern.nr*workers {
		// Too few rows to share out: split C by columns instead, each part
		// a product of its own. About four parts per worker, taken as the
		// goroutines come free: the parts repack only A's few rows.
		parts := 4 * workers
		cols := roundUp((n+parts-1)/parts, kern.nr)
		parallel.For(workers, (n+cols-1)/cols, 1, func(lo, hi int) {
			for t := lo; t < hi && !stopped(cancel); t++ {
				j0 := t * cols
				nj := min(cols, n-j0)
				gemmBlockedPacked(kern, cancel, m, nj, k, a, rsa, csa, b[j0*csb:], rsb, csb, c[j0*csc:], rsc, csc)
			}
		})
		return
	}
	var zero T
	if k*roundUp(n, kern.nr)*int(unsafe.Sizeof(zero)) <= gemmOnePassBBytes {
		gemmOnePass(kern, cancel, workers, m, n, k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
		return
	}
	gemmShared(kern, cancel, workers, m, n, k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
}

// gemmParallelMin is the m·n·k below which Parallel runs on one goroutine.
// On 2 threads of a Zen 4 VM, gonp.matmul of 80x80 float64 (threshold 0)
// took 1.23-1.24x NumPy's speed on two goroutines against 0.86-0.87x on
// one (float32 0.94-0.98x against 0.68-0.69x); at 64x64 a second one
// gained nothing.
const gemmParallelMin = 80 * 80 * 80

// gemmKernel describes one micro-kernel and the blocking that suits it.
type gemmKernel[T float32 | float64] struct {
	// mr×nr is the register tile of C.
	mr, nr int
	// mc×kc is the block of A kept in L2; kc×nc the block of B kept in L3.
	mc, kc, nc int
	// micro computes the mr×nr product of packed panels a (kc steps of mr
	// elements) and b (kc steps of nr elements) and stores it into c, rows ldc
	// apart with unit column stride, adding to c when add is true.
	micro func(kc int, a, b, c []T, ldc int, add bool)
	// direct, where a level has it, computes one whole mr×nr tile from A and
	// B as they lie: element (i, p) of A at a[i*rsa+p*csa], row p of B at
	// b[p*rsb:], and stores it into c, rows ldc apart. Small products use it
	// with a packed panel of A and B unpacked.
	direct func(kc int, a []T, rsa, csa int, b []T, rsb int, c []T, ldc int)
	// small, where set, is the kernel that takes the products small enough
	// for a direct kernel, when this one has none.
	small *gemmKernel[T]
}

// directKernel is the kernel with a direct kernel that small products of
// kern's level use, or nil if the level has none.
func (kern *gemmKernel[T]) directKernel() *gemmKernel[T] {
	if kern.direct == nil && kern.small != nil {
		return kern.small
	}
	if kern.direct == nil {
		return nil
	}
	return kern
}

// gemmLevel is one set of micro-kernels, one per element type.
type gemmLevel struct {
	name  string
	level cpu.Level
	k64   *gemmKernel[float64]
	k32   *gemmKernel[float32]
}

var (
	// gemmLevels lists the levels this CPU and build support, best first;
	// the last is always the plain-Go one.
	gemmLevels = append(gemmSIMDLevels(), gemmLevel{name: "generic", level: cpu.Generic, k64: &gemmGeneric64, k32: &gemmGeneric32})
)

// gemmCurrent is the best level no higher than ActiveLevel, so SetLevel
// steers Gemm like every other kernel family.
func gemmCurrent() gemmLevel {
	active := cpu.Active()
	for _, l := range gemmLevels {
		if l.level <= active {
			return l
		}
	}
	return gemmLevels[len(gemmLevels)-1]
}

// GemmLevel reports which micro-kernels Gemm uses: "avx512", "avx2" or "generic".
func GemmLevel() string { return gemmCurrent().name }

func gemmKernelFor[T float32 | float64]() *gemmKernel[T] {
	cur := gemmCurrent()
	if k, ok := any(cur.k64).(*gemmKernel[T]); ok {
		return k
	}
	return any(cur.k32).(*gemmKernel[T])
}

// gemmScratch holds the packing buffers of one Gemm call.
type gemmScratch[T float32 | float64] struct {
	a, b, tile []T
}

// Scratch is pooled per element type, so that concurrent calls each get their
// own buffers and repeated calls allocate nothing.
var gemmPool64, gemmPool32 sync.Pool

func gemmPool[T float32 | float64]() *sync.Pool {
	var zero T
	if _, ok := any(zero).(float64); ok {
		return &gemmPool64
	}
	return &gemmPool32
}

// getGemmScratch returns pooled scratch for blocks of A of up to m rows and
// of B of up to n columns, k deep (the callers that pack a block of k at a
// time pass at most kern.kc), and for one tile.
func getGemmScratch[T float32 | float64](kern *gemmKernel[T], m, n, k int) *gemmScratch[T] {
	s, _ := gemmPool[T]().Get().(*gemmScratch[T])
	if s == nil {
		s = new(gemmScratch[T])
	}
	mc := min(kern.mc, roundUp(m, kern.mr))
	nc := min(kern.nc, roundUp(n, kern.nr))
	s.a = grow(s.a, mc*k)
	s.b = grow(s.b, k*nc)
	s.tile = grow(s.tile, kern.mr*kern.nr)
	return s
}

func grow[T float32 | float64](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func roundUp(x, to int) int { return (x + to - 1) / to * to }

// gemmBlocked runs the Goto/BLIS loop nest on one goroutine: B is packed
// into kc×nc blocks of nr-wide panels, A into mc×kc blocks of mr-tall
// panels, and the micro-kernel multiplies one pair of panels at a time.
// Packing copes with any strides, so transposed and strided operands cost no
// more than contiguous ones. Panels are padded with zeros to whole tiles; the
// padded part of a tile is computed but never stored. Products whose B is
// small and stored by rows skip the packing (gemmDirect).
func gemmBlocked[T float32 | float64](kern *gemmKernel[T], m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	if dk := kern.directKernel(); gemmUseDirect(dk, m, n, k, csb, csc) {
		gemmDirect(dk, nil, m, n, k, a, rsa, csa, b, rsb, c, rsc)
		return
	}
	gemmBlockedPacked(kern, nil, m, n, k, a, rsa, csa, b, rsb, csb, c, rsc, csc)
}

// gemmBlockedPacked is gemmBlocked with every operand packed.
func gemmBlockedPacked[T float32 | float64](kern *gemmKernel[T], cancel *int32, m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	s := getGemmScratch(kern, m, n, min(kern.kc, k))
	defer gemmPool[T]().Put(s)
	for jc := 0; jc < n; jc += kern.nc {
		nb := min(kern.nc, n-jc)
		for pc := 0; pc < k; pc += kern.kc {
			if stopped(cancel) {
				return
			}
			kb := min(kern.kc, k-pc)
			packB(s.b, kb, nb, kern.nr, b[pc*rsb+jc*csb:], rsb, csb)
			gemmRows(kern, cancel, s, 0, m, kb, nb, a[pc*csa:], rsa, csa, c[jc*csc:], rsc, csc, pc > 0)
		}
	}
}

// gemmDirectMax is the largest m·n·k that gemmBlocked computes without
// packing B, where B is stored by rows: up to there B stays in L1 or L2 and
// packing it cost more than the strided reads it saves (64³ f64: about 50
// against 39 GFLOP/s packed on Zen 4).
var gemmDirectMax = 128 * 128 * 128

// gemmDirectBBytes is the size of B (k·n elements) up to which a product of
// any height is computed without packing B, and gemmDirectKBlocks the most
// blocks of k (kc deep) it may span: a tall A times a B of up to L2's size
// (1 MiB a core on Zen 4), which stays there (or in L3 near it) while every
// row panel of A streams past it, each tile's sums held in registers over
// all of k. On Zen 4 (2 goroutines, medians of 24, against one block of k
// and 512 KiB): float64 260³ 431 -> 350 µs, 200x640x200 544 -> 475 µs,
// 128x1024x128 395 -> 335 µs; float32 260³ 262 -> 182 µs, 297³ 349 ->
// 254 µs, 340³ 497 -> 393 µs, 500³ 1352 -> 1246 µs, 2000x256x512 2644 ->
// 2370 µs; float64 1000x512x256 lost (2605 -> 2745 µs), others tied. With
// 256 KiB and one block before, float64 187³ and 236³ took 172 and 322 µs
// against 142 and 271 µs.
const (
	gemmDirectBBytes  = 1 << 20
	gemmDirectKBlocks = 2
)

// gemmUseDirect reports whether a product goes through gemmDirect: the level
// has a direct kernel, B and C have unit column stride, k spans at most
// gemmDirectKBlocks blocks and B is small or the whole product is.
func gemmUseDirect[T float32 | float64](kern *gemmKernel[T], m, n, k, csb, csc int) bool {
	if kern == nil || csb != 1 || csc != 1 || k > gemmDirectKBlocks*kern.kc {
		return false
	}
	var zero T
	return m*n*k <= gemmDirectMax || k*n*int(unsafe.Sizeof(zero)) <= gemmDirectBBytes
}

// gemmDirectRows is gemmDirect on up to workers goroutines, each taking runs
// of row panels of C as it comes free, so that a goroutine slowed by another
// process costs only its last run. A set *cancel stops it between runs.
func gemmDirectRows[T float32 | float64](kern *gemmKernel[T], cancel *int32, workers, m, n, k int, a []T, rsa, csa int, b []T, rsb int, c []T, rsc int) {
	panels := (m + kern.mr - 1) / kern.mr
	if workers == 1 || panels < 2 {
		gemmDirect(kern, cancel, m, n, k, a, rsa, csa, b, rsb, c, rsc)
		return
	}
	// At least about 64³ multiply-adds per run.
	grain := max(1, 64*64*64/(kern.mr*n*k))
	parallel.ForCancel(workers, panels, grain, cancel, func(lo, hi int) {
		i0, i1 := lo*kern.mr, min(hi*kern.mr, m)
		gemmDirect(kern, nil, i1-i0, n, k, a[i0*rsa:], rsa, csa, b, rsb, c[i0*rsc:], rsc)
	})
}

// gemmDirect computes a product whose B and C have unit column stride with
// the direct kernel, B read where it lies. A row-major or column-major A is
// read in place too: a panel of mr rows and k <= 2*kc columns spans at most a
// few hundred cache lines, which stay in L1 while the panel meets every
// column of B. Other A are packed a panel at a time (a few KiB). Columns
// that do not fill a tile of kern go to the narrower kern.small where there
// is one (its mr is kern's).
//
// Ragged edges are computed by overlapping tiles: the last row panel is the
// last mr rows of C and the last tile the last columns, so that a few
// elements are computed twice. Both times the same products are summed in
// the same order from zero, so the second result is bit for bit the first,
// and C is still only written, never read. Only a product narrower or
// shorter than one tile goes through zero-padded packed panels and a tile
// of scratch, of which the rows and columns that exist are copied into C.
// A set *cancel (nil: never) stops it between row panels.
func gemmDirect[T float32 | float64](kern *gemmKernel[T], cancel *int32, m, n, k int, a []T, rsa, csa int, b []T, rsb int, c []T, rsc int) {
	mr := kern.mr
	narrow := kern.small
	if narrow != nil && narrow.direct == nil {
		narrow = nil
	}
	// Products narrower than the narrowest tile go through a packed panel
	// of B as wide as that tile.
	padded := kern
	if narrow != nil {
		padded = narrow
	}
	s := getGemmScratch(kern, mr, kern.nr, k)
	defer gemmPool[T]().Put(s)
	if n < padded.nr {
		packB(s.b, k, n, padded.nr, b, rsb, 1)
	}
	inPlace := csa == 1 || rsa == 1
	for i := 0; i < m; i += mr {
		if stopped(cancel) {
			return
		}
		if m-i < mr && m >= mr {
			i = m - mr // overlap the panel before
		}
		mt := min(mr, m-i)
		ap, ars, aks := s.a, 1, mr
		if inPlace && mt == mr {
			ap, ars, aks = a[i*rsa:], rsa, csa
		} else {
			packA(s.a, mt, k, mr, a[i*rsa:], rsa, csa)
		}
		ci := c[i*rsc:]
		if n < padded.nr {
			padded.direct(k, ap, ars, aks, s.b, padded.nr, s.tile, padded.nr)
			storeTile(ci, rsc, 1, s.tile, padded.nr, mt, n, false)
			continue
		}
		for j := 0; j < n; {
			kd := kern
			if n-j < kern.nr && narrow != nil {
				kd = narrow
			}
			if n-j < kd.nr {
				j = n - kd.nr // overlap the tile before
			}
			if mt == mr {
				kd.direct(k, ap, ars, aks, b[j:], rsb, ci[j:], rsc)
			} else {
				kd.direct(k, ap, ars, aks, b[j:], rsb, s.tile, kd.nr)
				storeTile(ci[j:], rsc, 1, s.tile, kd.nr, mt, kd.nr, false)
			}
			j += kd.nr
		}
	}
}

// gemmShared is gemmBlockedPacked on up to workers goroutines that share
// each packed block of B. The block is packed in parallel; then the row
// panels of C are cut into runs (about four per goroutine) that each
// goroutine takes as it comes free, packing the run's blocks of A into
// scratch of its own. Free-running runs, not one fixed share per goroutine,
// keep the call from waiting on a goroutine that shares its core with
// another process. A set *cancel stops it between blocks of A.
func gemmShared[T float32 | float64](kern *gemmKernel[T], cancel *int32, workers, m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	mr, nr := kern.mr, kern.nr
	panels := (m + mr - 1) / mr
	shared := getGemmScratch(kern, 0, n, min(kern.kc, k))
	defer gemmPool[T]().Put(shared)
	for jc := 0; jc < n; jc += kern.nc {
		nb := min(kern.nc, n-jc)
		bpanels := (nb + nr - 1) / nr
		for pc := 0; pc < k; pc += kern.kc {
			if stopped(cancel) {
				return
			}
			kb := min(kern.kc, k-pc)
			bs := b[pc*rsb+jc*csb:]
			packed := shared.b
			parallel.For(workers, bpanels, 4, func(lo, hi int) {
				j0, j1 := lo*nr, min(hi*nr, nb)
				packB(packed[j0*kb:], kb, j1-j0, nr, bs[j0*csb:], rsb, csb)
			})
			ap, cp, add := a[pc*csa:], c[jc*csc:], pc > 0
			parallel.For(workers, panels, 1, func(lo, hi int) {
				i0, i1 := lo*mr, min(hi*mr, m)
				s := getGemmScratch(kern, i1-i0, 0, kb)
				own := s.b
				s.b = packed
				gemmRows(kern, cancel, s, i0, i1, kb, nb, ap, rsa, csa, cp, rsc, csc, add)
				s.b = own
				gemmPool[T]().Put(s)
			})
		}
	}
}

// gemmOnePassBBytes is the largest packed copy of all of B (k·n elements,
// n rounded up to whole panels) that gemmOnePass makes; larger products go
// through gemmShared, which packs one kc×nc block of B at a time.
var gemmOnePassBBytes = 16 << 20

// gemmOnePass is gemmShared in a single fork and join. gemmShared forks
// and joins twice per block of k; on a machine where a parked goroutine
// takes tens of microseconds to wake, a 500³ product (two blocks of k, a
// few milliseconds) spent much of its second core's time waking it.
//
// Here the goroutines take runs of C's row panels (gemmRunsPerWorker per
// goroutine, so that one slowed by another process on its core holds the
// call up by one short run at most). A run goes through the blocks of k in
// order; all of B is packed into shared scratch as the runs need it, in
// units of a few panels claimed in block order from one counter: a run
// that finds its next block unpacked packs units itself, and waits (a
// yielding spin) only for units other goroutines have claimed and are
// packing, which takes microseconds, or else packs the block into scratch
// of its own (gemmPackPolls). Every unit is counted as packed even
// when *cancel stops it, so no run waits forever; runs check *cancel
// between blocks. Each element of C sums the blocks of k in the same order
// as gemmBlockedPacked, so the bits are the same as there.
func gemmOnePass[T float32 | float64](kern *gemmKernel[T], cancel *int32, workers, m, n, k int, a []T, rsa, csa int, b []T, rsb, csb int, c []T, rsc, csc int) {
	mr, kc := kern.mr, kern.kc
	panels := (m + mr - 1) / mr
	shared := getGemmScratch(kern, 0, 0, 1)
	defer gemmPool[T]().Put(shared)
	sb := newSharedB(kern.nr, kc, n, k, b, rsb, csb, shared.b, cancel)
	shared.b = sb.packed
	runs := min(panels, gemmRunsPerWorker*workers)
	parallel.ForCancel(workers, runs, 1, cancel, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			i0, i1 := r*panels/runs*mr, min((r+1)*panels/runs*mr, m)
			if i0 >= i1 {
				continue
			}
			s := getGemmScratch(kern, i1-i0, 0, min(kc, k))
			own := s.b
			for p := 0; p < sb.blocks && !stopped(cancel); p++ {
				kb := min(kc, k-p*kc)
				s.b, own = sb.block(p, own, gemmPackPolls)
				gemmRows(kern, cancel, s, i0, i1, kb, n, a[p*kc*csa:], rsa, csa, c, rsc, csc, p > 0)
			}
			s.b = own
			gemmPool[T]().Put(s)
		}
	})
}

// sharedB is all of B packed (block after block of kc rows, each in panels
// of nr columns) by the goroutines of one gemmOnePass, in units of
// sharedBUnit panels claimed in block order.
type sharedB[T float32 | float64] struct {
	nr, kc, n, k, np, blocks, perBlock int
	b                                  []T
	rsb, csb                           int
	packed                             []T
	cancel                             *int32
	next                               atomic.Int64   // the next unit to claim
	ready                              []atomic.Int32 // units packed, per block
}

// sharedBUnit is the panels of a unit of sharedB: microseconds of packing.
const sharedBUnit = 2

// newSharedB prepares the packing of B into buf (grown to fit).
func newSharedB[T float32 | float64](nr, kc, n, k int, b []T, rsb, csb int, buf []T, cancel *int32) *sharedB[T] {
	bpanels := (n + nr - 1) / nr
	sb := &sharedB[T]{nr: nr, kc: kc, n: n, k: k, np: bpanels * nr, blocks: (k + kc - 1) / kc,
		perBlock: (bpanels + sharedBUnit - 1) / sharedBUnit, b: b, rsb: rsb, csb: csb, cancel: cancel}
	sb.packed = grow(buf, k*sb.np)
	sb.ready = make([]atomic.Int32, sb.blocks)
	return sb
}

// pack claims the next unit and packs it (or, once *cancel is set, only
// counts it), returning false when every unit is claimed already.
func (sb *sharedB[T]) pack() bool {
	u := sb.next.Add(1) - 1
	if u >= int64(sb.blocks*sb.perBlock) {
		return false
	}
	p, j0 := int(u)/sb.perBlock, int(u)%sb.perBlock*sharedBUnit
	if !stopped(sb.cancel) {
		kb := min(sb.kc, sb.k-p*sb.kc)
		c0, c1 := j0*sb.nr, min((j0+sharedBUnit)*sb.nr, sb.n)
		packB(sb.packed[p*sb.kc*sb.np+c0*kb:], kb, c1-c0, sb.nr, sb.b[p*sb.kc*sb.rsb+c0*sb.csb:], sb.rsb, sb.csb)
	}
	sb.ready[p].Add(1)
	return true
}

// block returns block p packed, and own (grown where it was used). Until
// the block is packed it packs units itself; once every unit is claimed, it
// polls up to polls times for the goroutines packing the rest, then packs
// the whole block into own instead and returns that: a goroutine off its
// core (its core taken by another process) could otherwise keep this one
// spinning for a whole time slice.
func (sb *sharedB[T]) block(p int, own []T, polls int) (blk, ownOut []T) {
	kb := min(sb.kc, sb.k-p*sb.kc)
	for tries := 0; sb.ready[p].Load() < int32(sb.perBlock); {
		if sb.pack() {
			continue
		}
		if tries++; tries > polls {
			own = grow(own, kb*sb.np)
			packB(own, kb, sb.n, sb.nr, sb.b[p*sb.kc*sb.rsb:], sb.rsb, sb.csb)
			return own[:kb*sb.np], own
		}
		// A poll loads the counter, without yielding: a cgo caller's
		// goroutine is locked to its thread, and runtime.Gosched there
		// hands the thread's P to another thread and back (a futex
		// wake-up each way).
		for range gemmPollLoads {
			if sb.ready[p].Load() >= int32(sb.perBlock) {
				break
			}
		}
	}
	off := p * sb.kc * sb.np
	return sb.packed[off : off+kb*sb.np], own
}

// gemmRunsPerWorker is gemmOnePass's runs of row panels per goroutine.
const gemmRunsPerWorker = 8

// gemmPackPolls bounds the polls (gemmPollLoads loads each, tens of
// microseconds in all; a unit takes a few to pack) of a run waiting for
// units of B that another goroutine is packing, before it packs the block
// privately (sharedB.block). A waiting goroutine never sleeps, so with
// more runnable threads than cores (an idle BLAS thread polling beside
// gonp's) an unbounded wait could spin for a whole time slice while the
// goroutine it waits for is off its core.
const gemmPackPolls = 200

// gemmPollLoads is the loads of the ready counter in one poll.
const gemmPollLoads = 256

// gemmRows multiplies rows [i0, i1) of A (columns from a on, kb of them) by
// the kb×nb block of B packed in s.b, into rows [i0, i1) and the first nb
// columns of c, adding to c when add is true. It packs A in blocks of mc rows
// into s.a. Once *cancel is set (nil: never) no further block of A starts:
// a block of B is seconds of work for a large product, a block of A
// milliseconds.
func gemmRows[T float32 | float64](kern *gemmKernel[T], cancel *int32, s *gemmScratch[T], i0, i1, kb, nb int, a []T, rsa, csa int, c []T, rsc, csc int, add bool) {
	mr, nr := kern.mr, kern.nr
	for ic := i0; ic < i1 && !stopped(cancel); ic += kern.mc {
		mb := min(kern.mc, i1-ic)
		packA(s.a, mb, kb, mr, a[ic*rsa:], rsa, csa)
		for jr := 0; jr < nb; jr += nr {
			bp := s.b[jr*kb:]
			nt := min(nr, nb-jr)
			for ir := 0; ir < mb; ir += mr {
				ap := s.a[ir*kb:]
				mt := min(mr, mb-ir)
				ci := (ic+ir)*rsc + jr*csc
				if mt == mr && nt == nr && csc == 1 {
					kern.micro(kb, ap, bp, c[ci:], rsc, add)
					continue
				}
				kern.micro(kb, ap, bp, s.tile, nr, false)
				storeTile(c[ci:], rsc, csc, s.tile, nr, mt, nt, add)
			}
		}
	}
}

// storeTile writes the top-left mt×nt part of an nr-wide tile into C.
func storeTile[T float32 | float64](c []T, rsc, csc int, tile []T, nr, mt, nt int, add bool) {
	for i := range mt {
		row := tile[i*nr : i*nr+nt]
		if add {
			for j, v := range row {
				c[i*rsc+j*csc] += v
			}
		} else {
			for j, v := range row {
				c[i*rsc+j*csc] = v
			}
		}
	}
}

// packA copies an mb×kb block of A into dst as panels of mr rows, each panel
// stored step by step in k (mr elements per step). Rows past mb are zero.
func packA[T float32 | float64](dst []T, mb, kb, mr int, a []T, rsa, csa int) {
	for ir := 0; ir < mb; ir += mr {
		panel := dst[ir*kb : (ir+mr)*kb]
		rows := min(mr, mb-ir)
		src := a[ir*rsa:]
		if mr == 6 && rows == 6 {
			packA6(panel, kb, src, rsa, csa)
			continue
		}
		for i := range mr {
			if i >= rows {
				for p := range kb {
					panel[p*mr+i] = 0
				}
				continue
			}
			row := src[i*rsa:]
			for p := range kb {
				panel[p*mr+i] = row[p*csa]
			}
		}
	}
}

// packA6 packs one full panel of six rows: the common case, written out so
// that row-major and column-major A are read without a bounds check or an
// index multiplication per element.
func packA6[T float32 | float64](panel []T, kb int, a []T, rsa, csa int) {
	panel = panel[:6*kb]
	switch {
	case csa == 1:
		r0 := a[:kb]
		r1 := a[rsa:][:len(r0)]
		r2 := a[2*rsa:][:len(r0)]
		r3 := a[3*rsa:][:len(r0)]
		r4 := a[4*rsa:][:len(r0)]
		r5 := a[5*rsa:][:len(r0)]
		for p := range r0 {
			d := (*[6]T)(panel[p*6:])
			d[0], d[1], d[2], d[3], d[4], d[5] = r0[p], r1[p], r2[p], r3[p], r4[p], r5[p]
		}
	case rsa == 1:
		for p := range kb {
			d, r := (*[6]T)(panel[p*6:]), (*[6]T)(a[p*csa:])
			d[0], d[1], d[2], d[3], d[4], d[5] = r[0], r[1], r[2], r[3], r[4], r[5]
		}
	default:
		for p := range kb {
			d := (*[6]T)(panel[p*6:])
			for i := range d {
				d[i] = a[i*rsa+p*csa]
			}
		}
	}
}

// packB copies a kb×nb block of B into dst as panels of nr columns, each panel
// stored step by step in k (nr elements per step). Columns past nb are zero.
func packB[T float32 | float64](dst []T, kb, nb, nr int, b []T, rsb, csb int) {
	for jr := 0; jr < nb; jr += nr {
		panel := dst[jr*kb : (jr+nr)*kb]
		cols := min(nr, nb-jr)
		src := b[jr*csb:]
		if cols == nr {
			switch {
			case csb == 1 && nr == 8:
				for p := range kb {
					d, r := (*[8]T)(panel[p*8:]), (*[8]T)(src[p*rsb:])
					d[0], d[1], d[2], d[3] = r[0], r[1], r[2], r[3]
					d[4], d[5], d[6], d[7] = r[4], r[5], r[6], r[7]
				}
				continue
			case csb == 1 && nr == 16:
				for p := range kb {
					d, r := (*[16]T)(panel[p*16:]), (*[16]T)(src[p*rsb:])
					d[0], d[1], d[2], d[3] = r[0], r[1], r[2], r[3]
					d[4], d[5], d[6], d[7] = r[4], r[5], r[6], r[7]
					d[8], d[9], d[10], d[11] = r[8], r[9], r[10], r[11]
					d[12], d[13], d[14], d[15] = r[12], r[13], r[14], r[15]
				}
				continue
			case csb == 1:
				for p := range kb {
					copy(panel[p*nr:(p+1)*nr], src[p*rsb:p*rsb+nr])
				}
				continue
			case rsb == 1 && nr%8 == 0:
				// Column-major B: eight columns at a time, each read in order.
				for j0 := 0; j0 < nr; j0 += 8 {
					c0 := src[j0*csb:][:kb]
					c1 := src[(j0+1)*csb:][:len(c0)]
					c2 := src[(j0+2)*csb:][:len(c0)]
					c3 := src[(j0+3)*csb:][:len(c0)]
					c4 := src[(j0+4)*csb:][:len(c0)]
					c5 := src[(j0+5)*csb:][:len(c0)]
					c6 := src[(j0+6)*csb:][:len(c0)]
					c7 := src[(j0+7)*csb:][:len(c0)]
					for p := range c0 {
						d := (*[8]T)(panel[p*nr+j0:])
						d[0], d[1], d[2], d[3] = c0[p], c1[p], c2[p], c3[p]
						d[4], d[5], d[6], d[7] = c4[p], c5[p], c6[p], c7[p]
					}
				}
				continue
			}
		}
		for p := range kb {
			d := panel[p*nr : (p+1)*nr]
			row := src[p*rsb:]
			for j := range cols {
				d[j] = row[j*csb]
			}
			clear(d[cols:])
		}
	}
}

// stopped reports whether cancel has been set (never for a nil flag).
func stopped(cancel *int32) bool {
	return cancel != nil && atomic.LoadInt32(cancel) != 0
}
