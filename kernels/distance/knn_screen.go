package distance

import (
	"math"
	"math/bits"
	"sync"

	"gonp/kernels/cpu"
)

// Knn's float32 screen. Once every row's list is full, a candidate can only
// enter it by coming before the list's last entry, and almost none do. The
// screen sums (a-b)² in float32, twice the lanes of the float64 tile, and
// compares each sum with a per-row threshold that bounds, with every
// rounding of the float32 sum accounted for, the largest float32 sum a
// candidate at the last entry's distance could have. A candidate whose sum
// passes the threshold is certainly farther than the last entry and is
// dropped; every other one has its distance computed exactly as the
// float64 tile computes it, and merged. The returned distances are
// therefore exactly those of the unscreened computation.

const (
	screenRows  = distMRAVX2 // A rows per screening tile, as in the exact AVX2 tile
	screenLanes = 16         // B rows per packed float32 block

	// screenMaxD bounds d so that d·u32 stays far below 1 and the float32
	// summation bound holds.
	screenMaxD = 1 << 16
)

// screenScratch holds the screen's packing buffers for chunks of nc B rows.
type screenScratch struct {
	a, b []float32 // packed A rows [tile][p][r], packed B chunk [block][p][l]
	na   []float64 // norms of the packed A rows

	// Per packed A row, its threshold and the last entry and B row norm
	// it was computed for.
	thrOf      []float32
	last, nbOf []float64
	thr        []float32 // the tile rows' thresholds
	masks      []uint16  // per block and row, the lanes that passed the screen
	cand       []screenCand

	// float64 copies of four candidates' rows for knnExact
	a64, b64 []float64

	// The bfloat16 screen's (knn_bf16.go): packed centred A rows
	// [tile][q][r] and their norms ‖a - c‖.
	abf []uint32
	naC []float64
}

func (s *screenScratch) reserve(d, nc int) {
	super := screenSuper(d)
	if cap(s.a) < super*d {
		s.a = make([]float32, super*d)
	}
	s.a = s.a[:super*d]
	if dp := (d + 1) / 2; cap(s.abf) < super*dp {
		s.abf = make([]uint32, super*dp)
	}
	s.abf = s.abf[:super*((d+1)/2)]
	s.naC = growDist(s.naC, super)
	s.na = growDist(s.na, super)
	s.last = growDist(s.last, super)
	s.nbOf = growDist(s.nbOf, super)
	if cap(s.thrOf) < super {
		s.thrOf = make([]float32, super)
	}
	s.thrOf = s.thrOf[:super]
	blocks := (nc + screenLanes - 1) / screenLanes
	if cap(s.b) < blocks*screenLanes*d {
		s.b = make([]float32, blocks*screenLanes*d)
	}
	s.b = s.b[:blocks*screenLanes*d]
	if cap(s.thr) < screenRows {
		s.thr = make([]float32, screenRows)
	}
	s.thr = s.thr[:screenRows]
	s.a64 = growDist(s.a64, 4*d)
	s.b64 = growDist(s.b64, 4*d)
	if cap(s.masks) < blocks*screenRows {
		s.masks = make([]uint16, blocks*screenRows)
	}
	s.masks = s.masks[:blocks*screenRows]
}

// screenBytes is the screen's scratch, in bytes, for rows of d elements.
func screenBytes(d, nc int) int {
	blocks := (nc + screenLanes - 1) / screenLanes
	super := screenSuper(d)
	return 4*(super*d+blocks*screenLanes*d+screenRows+super) + 3*8*super + 2*blocks*screenRows + 8*8*d +
		4*super*((d+1)/2) + 8*super
}

// screenThreshold is the float32 threshold of a row whose list ends at
// distance last (a Euclidean distance if root, else a squared one), for A
// row norm na, largest B row norm nb and rows of d elements. A candidate
// whose float32 sum is greater lies at a float64 squared distance, as the
// tile computes it, at or past the last entry's, so it cannot enter.
//
// The bound: rounding a and b to float32 and subtracting in float32 moves
// each difference by at most 2.0001u(|a|+|b|) + 3η (u = 2⁻²⁴, η = 2⁻¹⁵⁰
// for the subnormal range), so by the triangle inequality the float32
// difference vector's norm exceeds the exact one by at most
// E = 2.0001u(‖a‖+‖b‖) + 3η√d; the float32 sum of d squares with fused
// multiply-adds (or without fusing) exceeds their exact sum by at most
// γ_d = du/(1-du) of it, plus 2dη for underflow. Every float64 rounding here is covered by the factors 1+1e-12,
// and the float64 sum of the exact tile by the same margin on last.
func screenThreshold(last float64, root bool, na, nb float64, d int) float32 {
	tau := last
	if root {
		tau = last * last
	}
	if !(tau < math.Inf(1)) || !(tau >= 0) {
		return float32(math.Inf(1))
	}
	const u, eta = 0x1p-24, 0x1p-150
	fd := float64(d)
	tau = tau*(1+1e-12) + 1e-300
	e := 2.001*u*(na+nb) + 3*eta*math.Sqrt(fd)
	g := fd * u / (1 - fd*u)
	r := math.Sqrt(tau) + e
	t := ((1+g)*r*r + 2*fd*eta) * (1 + 1e-12)
	// Near the top of float32 a sum may round up to +Inf; pass everything.
	if !(t <= math.MaxFloat32/2) {
		return float32(math.Inf(1))
	}
	t32 := float32(t)
	if float64(t32) < t {
		t32 = math.Nextafter32(t32, float32(math.Inf(1)))
	}
	return t32
}

// screenTileGeneric is the contract of screenTile in plain Go: for k <
// blocks, i < screenRows and l < screenLanes it sums, in float32 and in the
// order of p, u² for u = at[p*screenRows+i] - bp[(k*d+p)*screenLanes+l], and
// sets bit l of masks[k*screenRows+i] unless the sum is greater than
// thr[i]. It returns the or of all the masks.
func screenTileGeneric(d, blocks int, at, bp, thr []float32, masks []uint16) uint64 {
	var any uint64
	for k := range blocks {
		bk := bp[k*d*screenLanes : (k+1)*d*screenLanes]
		for i := range screenRows {
			var m uint16
			for l := range screenLanes {
				var s float32
				for p := range d {
					u := at[p*screenRows+i] - bk[p*screenLanes+l]
					s += u * u
				}
				if !(s > thr[i]) {
					m |= 1 << l
				}
			}
			masks[k*screenRows+i] = m
			any |= uint64(m)
		}
	}
	return any
}

// packScreenChunk packs rows [j0, j0+cols) of X into dst as float32 blocks
// of screenLanes rows, each transposed [p][l], with zero lanes past cols,
// and returns the largest float64 norm among those rows (+Inf if one
// overflows, NaN if one holds NaN).
func packScreenChunk[T Float](dst []float32, x []T, j0, cols, d, rs, cs int) float64 {
	blocks := (cols + screenLanes - 1) / screenLanes
	var big float64
	for j := range blocks * screenLanes {
		at := j/screenLanes*d*screenLanes + j%screenLanes
		if j >= cols {
			for p := range d {
				dst[at+p*screenLanes] = 0
			}
			continue
		}
		base := (j0 + j) * rs
		var ss float64
		if x64, ok := any(x).([]float64); ok && cs == 1 {
			col := dst[at : at+(d-1)*screenLanes+1]
			for p, v := range x64[base : base+d] {
				col[p*screenLanes] = float32(v)
				ss += v * v
			}
		} else {
			for p := range d {
				v := float64(x[base+p*cs])
				dst[at+p*screenLanes] = float32(v)
				ss += v * v
			}
		}
		if n := math.Sqrt(ss); !(n <= big) {
			big = n
		}
	}
	return big
}

// insertNearest merges one candidate, of a B row above every row the full
// sorted list (dist, idx) holds, into the list.
func insertNearest(dist []float64, idx []int64, v float64, j int) bool {
	k := len(dist)
	if !before(v, dist[k-1]) {
		return false
	}
	lo, hi := 0, k-1
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if before(v, dist[m]) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	copy(dist[lo+1:k], dist[lo:k-1])
	copy(idx[lo+1:k], idx[lo:k-1])
	dist[lo], idx[lo] = v, int64(j)
	return true
}

// ScreenedB is the matrix B of Knn packed once for the float32 screen, so
// that the Knn calls of one query, each over a range of rows of A, share
// it instead of each packing all of B. It is read-only once built.
type ScreenedB struct {
	metric Metric
	mb, d  int
	nc     int       // the chunk width it was packed for
	b      []float32 // all of B in blocks of screenLanes rows, [block][p][l]
	norm   []float64 // per chunk of nc rows, the longest row's norm

	// For the bfloat16 screen (knn_bf16.go), where the CPU has it: B's
	// column means c, all of B centred by c in blocks of screenLanes rows
	// [block][q][l] of bfloat16 pairs, each row's ‖b - c‖² in float32, and
	// per chunk the longest ‖b - c‖. bf is nil where there is no such
	// screen.
	centre []float64
	bf     []uint32
	nb2    []float32
	normC  []float64
}

// PackScreened packs B (mb×d, element (j, p) at b[j*rsb + p*csb]) for
// KnnPacked with metric, or returns nil where Knn would not screen (the
// metric, the active level, d) or the copy would take more than maxBytes.
func PackScreened[T Float](metric Metric, mb, d int, b []T, rsb, csb int, maxBytes int) *ScreenedB {
	if !screens(metric, d) || mb <= 0 {
		return nil
	}
	checkDistMatrix(b, mb, d, rsb, csb, errDistShortB)
	blocks := (mb + screenLanes - 1) / screenLanes
	if blocks*screenLanes*d > maxBytes/4 {
		return nil
	}
	nc := distChunkCols(d)
	pb := screenedPool.Get().(*ScreenedB)
	buf := pb.b
	if cap(buf) < blocks*screenLanes*d {
		buf = make([]float32, blocks*screenLanes*d)
	}
	chunks := (mb + nc - 1) / nc
	*pb = ScreenedB{
		metric: metric, mb: mb, d: d, nc: nc,
		b:      buf[:blocks*screenLanes*d],
		norm:   growDist(pb.norm, chunks),
		centre: pb.centre, bf: pb.bf, nb2: pb.nb2, normC: pb.normC,
	}
	for jc := 0; jc < mb; jc += nc {
		pb.norm[jc/nc] = packScreenChunk(pb.b[jc*d:], b, jc, min(nc, mb-jc), d, rsb, csb)
	}
	dp := (d + 1) / 2
	if !cpu.BF16() || blocks*screenLanes*(d+dp+1) > maxBytes/4 {
		pb.bf = nil
		return pb
	}
	pb.centre = growDist(pb.centre, d)
	centreOf(pb.centre, b, mb, d, rsb, csb)
	if cap(pb.bf) < blocks*screenLanes*dp {
		pb.bf = make([]uint32, blocks*screenLanes*dp)
	}
	pb.bf = pb.bf[:blocks*screenLanes*dp]
	if cap(pb.nb2) < blocks*screenLanes {
		pb.nb2 = make([]float32, blocks*screenLanes)
	}
	pb.nb2 = pb.nb2[:blocks*screenLanes]
	pb.normC = growDist(pb.normC, chunks)
	for jc := 0; jc < mb; jc += nc {
		pb.normC[jc/nc] = packBF16Rows(pb.bf[jc*dp:], pb.nb2[jc:], nil, screenLanes, b, jc, min(nc, mb-jc), d, rsb, csb, pb.centre)
	}
	return pb
}

// screenedPool keeps the buffers of released ScreenedB values.
var screenedPool = sync.Pool{New: func() any { return new(ScreenedB) }}

// Release hands pb's buffers back for a later PackScreened; pb must not be
// used after. A nil pb is ignored.
func (pb *ScreenedB) Release() {
	if pb != nil {
		screenedPool.Put(pb)
	}
}

// screens reports whether Knn screens metric on rows of d elements at the
// active level.
func screens(metric Metric, d int) bool {
	return screenLevel(distLevel(cpu.Active(), metric)) && (metric == Euclidean || metric == SqEuclidean) &&
		d > 0 && d <= screenMaxD
}

// screenSuper is how many A rows the screen packs at once for rows of d
// elements, a multiple of screenRows: each chunk of B is packed once per
// that many rows, so the more the better, up to a float32 copy of 512 KiB,
// which L2 holds beside the chunk of B (with 1.25 MiB, 5000 rows against
// 20000 of 64 elements took 1.1 to 1.5 times as long on Zen 4, 1 MiB L2).
func screenSuper(d int) int {
	return min(max(1<<17/max(d, 1), screenRows), 8190) / screenRows * screenRows
}

// knnScreened merges B rows [j0, mb) into the full lists of every A row
// through the float32 screen, in chunks of nc B rows; see the top of this
// file.
func knnScreened[T Float](s *screenScratch, pb *ScreenedB, metric Metric, k, ma, d, nc int, a []T, rsa, csa int, b []T, j0, mb, rsb, csb int, dist []float64, idx []int64) {
	root := metric == Euclidean
	super := screenSuper(d)
	dp := (d + 1) / 2
	canBF := pb != nil && pb.bf != nil && cpu.BF16()
	for i0 := 0; i0 < ma; i0 += super {
		rows0 := min(super, ma-i0)
		tiles := (rows0 + screenRows - 1) / screenRows
		bf := canBF // this super-block's screen: bfloat16 until it stops paying
		if bf {
			packBF16Rows(s.abf, nil, s.naC, screenRows, a, i0, rows0, d, rsa, csa, pb.centre)
		}
		// Pack the rows tile by tile, [tile][p][r], zero rows past ma.
		for r := range tiles * screenRows {
			at := s.a[r/screenRows*d*screenRows+r%screenRows:]
			if r >= rows0 {
				for p := range d {
					at[p*screenRows] = 0
				}
				continue
			}
			base := (i0 + r) * rsa
			var ss float64
			for p := range d {
				v := float64(a[base+p*csa])
				at[p*screenRows] = float32(v)
				ss += v * v
			}
			s.na[r] = math.Sqrt(ss)
			s.last[r], s.nbOf[r] = math.NaN(), math.NaN() // no threshold yet
		}
		nbMax := 0.0 // the longest B row seen so far in this super-block's pass
		cand := s.cand[:0]
		for jc := j0; jc < mb; jc += nc {
			cols := min(nc, mb-jc)
			blocks := (cols + screenLanes - 1) / screenLanes
			var bp []float32
			var nb float64
			switch {
			case bf:
				nb = pb.normC[jc/nc]
			case pb != nil:
				bp, nb = pb.b[jc*d:(jc+blocks*screenLanes)*d], pb.norm[jc/nc]
			default:
				bp, nb = s.b, packScreenChunk(s.b, b, jc, cols, d, rsb, csb)
			}
			if !(nb <= nbMax) {
				nbMax = nb // NaN sticks: every threshold is then +Inf
			}
			tail := uint16(1)<<(cols-(blocks-1)*screenLanes) - 1 // lanes of the last block within cols
			if cols%screenLanes == 0 {
				tail = 0xffff
			}
			for tl := range tiles {
				i := i0 + tl*screenRows
				rows := min(screenRows, ma-i)
				for r := range screenRows {
					if r >= rows {
						s.thr[r] = -1
						continue
					}
					// A row's threshold holds while its last entry is
					// unchanged and no B row of the chunk is longer than the
					// one it was computed for.
					q := tl*screenRows + r
					last := dist[(i+r)*k+k-1]
					if math.Float64bits(last) != math.Float64bits(s.last[q]) || !(nb <= s.nbOf[q]) {
						s.last[q], s.nbOf[q] = last, nbMax
						if bf {
							s.thrOf[q] = screenBF16Threshold(last, root, s.naC[q], nbMax, d)
						} else {
							s.thrOf[q] = screenThreshold(last, root, s.na[q], nbMax, d)
						}
					}
					s.thr[r] = s.thrOf[q]
				}
				var any uint64
				if bf {
					o := jc * dp
					any = screenTileBF16(dp, blocks, s.abf[tl*dp*screenRows:(tl+1)*dp*screenRows],
						pb.bf[o:o+blocks*screenLanes*dp], pb.nb2[jc:jc+blocks*screenLanes], s.thr, s.masks)
				} else {
					any = screenTile(d, blocks, s.a[tl*d*screenRows:(tl+1)*d*screenRows], bp, s.thr, s.masks)
				}
				if any == 0 {
					continue
				}
				// The candidates that passed, row by row in the order of j
				// within each row; their lists do not change until the
				// chunk is done, so the exact distances wait for it.
				for kb := range blocks {
					for r := range rows {
						m := s.masks[kb*screenRows+r]
						if kb == blocks-1 {
							m &= tail
						}
						for m != 0 {
							l := bits.TrailingZeros16(m)
							m &= m - 1
							cand = append(cand, screenCand{i: int32(i + r), j: int32(jc + kb*screenLanes + l)})
						}
					}
				}
			}
			// Exact distances four at a time, then the merges, each row's
			// candidates in the order of j.
			knnExact(s, cand, a, rsa, csa, b, rsb, csb, d)
			entered := 0
			for _, c := range cand {
				v := c.v
				if root {
					v = math.Sqrt(v)
				}
				o := int(c.i) * k
				if insertNearest(dist[o:o+k], idx[o:o+k], v, int(c.j)) {
					entered++
				}
			}
			// The bfloat16 screen is worth its wider bound while most
			// candidates it passes enter a list; where the data's nearest
			// points are much closer than its spread, they do not, and the
			// rest of this super-block takes the float32 screen (from the
			// next chunk: its thresholds are computed anew).
			if bf && len(cand) > 4*entered+rows0*cols/256 {
				bf = false
				nbMax = 0
				for q := range tiles * screenRows {
					s.nbOf[q] = math.NaN()
				}
			}
			s.cand, cand = cand, cand[:0]
		}
	}
}

// screenCand is a candidate that passed the screen: A row i, B row j, and
// its exact squared distance once known.
type screenCand struct {
	i, j int32
	v    float64
}

// knnExact sets the exact squared distance of every candidate: the sum the float64 tile Cdist runs forms, by
// sqChain4, four candidates at a time on the rows themselves when they are
// contiguous float64, else on float64 copies.
func knnExact[T Float](s *screenScratch, cand []screenCand, a []T, rsa, csa int, b []T, rsb, csb, d int) {
	a64, direct := any(a).([]float64)
	b64, _ := any(b).([]float64)
	direct = direct && csa == 1 && csb == 1
	for n := 0; n < len(cand); n += 4 {
		c := cand[n:min(n+4, len(cand))]
		var ra, rb [4][]float64
		var out [4]float64
		for q := range 4 {
			cq := c[min(q, len(c)-1)] // spare chains repeat the last candidate
			ia, jb := int(cq.i)*rsa, int(cq.j)*rsb
			if direct {
				ra[q], rb[q] = a64[ia:ia+d], b64[jb:jb+d]
				continue
			}
			ra[q], rb[q] = s.a64[q*d:(q+1)*d], s.b64[q*d:(q+1)*d]
			for p := range d {
				ra[q][p] = float64(a[ia+p*csa])
				rb[q][p] = float64(b[jb+p*csb])
			}
		}
		sqChain4(d, &ra, &rb, &out)
		for q := range c {
			c[q].v = out[q]
		}
	}
}
