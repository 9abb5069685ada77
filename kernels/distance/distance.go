package distance

import (
	"gonp/kernels/cpu"
	"math"
	"sync"
)

// Metric names a distance between two vectors, with the semantics of
// scipy.spatial.distance.
type Metric int32

// The metrics Cdist and PdistRows compute. Every sum runs in float64, whatever
// the input type, and by the difference formulation: Σ (a-b)², never
// ‖a‖²+‖b‖²−2a·b, so identical rows are exactly 0 apart and no cancellation
// loses the small distances.
const (
	Euclidean      Metric = iota // sqrt(Σ (a-b)²)
	SqEuclidean                  // Σ (a-b)²
	Cityblock                    // Σ |a-b|
	Chebyshev                    // max |a-b|, NaN terms skipped as scipy does, 0 when d == 0
	Cosine                       // 1 - a·b / (‖a‖·‖b‖), clipped to [0, 2]; NaN for a zero vector or d == 0
	Minkowski                    // (Σ |a-b|^p)^(1/p); p = ∞ is Chebyshev
	SEuclidean                   // sqrt(Σ (a-b)²/V)
	Correlation                  // Cosine of the rows less their means
	BrayCurtis                   // Σ |a-b| / Σ |a+b|
	Canberra                     // Σ |a-b| / (|a|+|b|), terms with a zero denominator are 0
	Mahalanobis                  // sqrt((a-b) VI (a-b)ᵀ)
	JensenShannon                // sqrt of the mean relative entropy of p = a/Σa and q = b/Σb to (p+q)/2
	Hamming                      // Σ w·[a != b] / Σ w
	Jaccard                      // Σ w·[a∘ xor b∘] / Σ w·[a∘ or b∘] (x∘: x != 0), 0 when nothing is nonzero
	Dice                         // (c_TF + c_FT) / (2 c_TT + c_TF + c_FT)
	RogersTanimoto               // R / (c_TT + c_FF + R), R = 2 (c_TF + c_FT)
	RussellRao                   // (Σ w - c_TT) / Σ w
	SokalSneath                  // R / (c_TT + R), R = 2 (c_TF + c_FT)
	Yule                         // R / (c_TT c_FF + R/2), R = 2 c_TF c_FT; 0 when R is 0

	// LastMetric is the highest metric code.
	LastMetric = Yule
)

// String returns scipy's name for the metric.
func (m Metric) String() string {
	switch m {
	case Euclidean:
		return "euclidean"
	case SqEuclidean:
		return "sqeuclidean"
	case Cityblock:
		return "cityblock"
	case Chebyshev:
		return "chebyshev"
	case Cosine:
		return "cosine"
	case Minkowski:
		return "minkowski"
	case SEuclidean:
		return "seuclidean"
	case Correlation:
		return "correlation"
	case BrayCurtis:
		return "braycurtis"
	case Canberra:
		return "canberra"
	case Mahalanobis:
		return "mahalanobis"
	case JensenShannon:
		return "jensenshannon"
	case Hamming:
		return "hamming"
	case Jaccard:
		return "jaccard"
	case Dice:
		return "dice"
	case RogersTanimoto:
		return "rogerstanimoto"
	case RussellRao:
		return "russellrao"
	case SokalSneath:
		return "sokalsneath"
	case Yule:
		return "yule"
	}
	return "unknown"
}

// ParseMetric turns scipy's name of a metric into a Metric.
func ParseMetric(s string) (Metric, bool) {
	for m := Euclidean; m <= LastMetric; m++ {
		if m.String() == s {
			return m, true
		}
	}
	return 0, false
}

const (
	errDistMetric  = "kernels: unknown distance metric"
	errDistSize    = "kernels: negative distance matrix size"
	errDistStride  = "kernels: negative distance matrix stride"
	errDistShortA  = "kernels: insufficient length of a"
	errDistShortB  = "kernels: insufficient length of b"
	errDistShortX  = "kernels: insufficient length of x"
	errDistShortO  = "kernels: insufficient length of out"
	errDistRowSpan = "kernels: pdist row range out of bounds"
	errDistPacked  = "kernels: cdist B packed for another metric or shape"
)

// distMR is how many rows of A one tile holds: the kernels keep distMR × lanes
// accumulators in registers, so each packed B element loaded feeds distMR rows.
const distMR = 4

// distMRAVX2 is the tile height of the AVX2 assembly kernels: twelve ymm
// accumulators (6 rows × 2 vectors) hide the FMA latency that eight cannot.
// The scratch buffers are sized for the taller of the two tiles.
const distMRAVX2 = 6

// distTileRows is how many rows of A one tile holds at level lvl for metric.
// Cosine keeps the 4-row tile at every level.
func distTileRows(lvl cpu.Level, metric Metric) int {
	if lvl == cpu.AVX2 && metric != Cosine {
		return distMRAVX2
	}
	return distMR
}

// distChunkCols bounds how many B rows are packed at once (a multiple of every
// level's lane count): the packed chunk (cols × d float64) stays in L2 while
// each tile of A rows streams over it, and each output row is written in
// runs of up to that many contiguous elements instead of one block at a time,
// which on a wide output touches a new page per row.
func distChunkCols(d int) int {
	nc := 24576 / max(d, 1)
	return min(max(nc, 32), 1024) / 16 * 16
}

// distScratch holds the packing buffers of one call. They come from distPool
// and keep their capacity, so steady-state calls allocate nothing.
type distScratch struct {
	a, b   []float64 // packed A tile, packed B chunk
	na, nb []float64 // row norms for Cosine
	res    []float64 // one tile's finished distances against the chunk, [r][j]
	scr    screenScratch
}

var distPool = sync.Pool{New: func() any { return new(distScratch) }}

func growDist(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// ScratchBytes is the pooled scratch, in bytes, that one worker of Cdist or
// PdistRows holds for rows of d elements (CdistPairs and PdistPairs need
// less: two rows of float64). It grows with d: callers bound d with it.
func ScratchBytes(d int) int {
	const mr = max(distMR, distMRAVX2)
	nc := distChunkCols(d)
	return 8*(mr*d+nc*d+mr+nc+mr*nc) + screenBytes(d, nc)
}

func (s *distScratch) reserve(d, nc int) {
	const mr = max(distMR, distMRAVX2)
	s.a = growDist(s.a, mr*d)
	s.b = growDist(s.b, nc*d)
	s.na = growDist(s.na, mr)
	s.nb = growDist(s.nb, nc)
	s.res = growDist(s.res, mr*nc)
}

// checkDistMatrix panics with msg unless x holds every element
// x[i*rs + p*cs] of an n×d matrix.
func checkDistMatrix[T Float](x []T, n, d, rs, cs int, msg string) {
	if rs < 0 || cs < 0 {
		panic(errDistStride)
	}
	if n == 0 || d == 0 {
		return
	}
	if (n-1)*rs+(d-1)*cs >= len(x) {
		panic(msg)
	}
}

// checkTiled panics unless metric is one of the five the tiles compute.
func checkTiled(metric Metric) {
	if metric < Euclidean || metric > Cosine {
		panic(errDistMetric)
	}
}

// tiles is the set-up Cdist, PdistRows and Knn share: the level, lane count,
// tile height and chunk width for the metric and d, and the pooled scratch.
// B rows are packed a chunk at a time (packB), then tiles of A rows are run
// against the packed chunk (run). done returns the scratch to the pool.
type tiles[T Float] struct {
	lvl       cpu.Level
	metric    Metric
	d, nb, mr int
	nc        int // most B rows one chunk holds
	blocks    int // nb-lane blocks of the chunk packed last
	cosine    bool
	s         *distScratch
	bp, bn    []float64 // the current chunk: packed blocks and row norms
}

func newTiles[T Float](metric Metric, d int) tiles[T] {
	lvl := distLevel(cpu.Active(), metric)
	t := tiles[T]{
		lvl: lvl, metric: metric, d: d,
		nb: distLanes(lvl), mr: distTileRows(lvl, metric), nc: distChunkCols(d),
		cosine: metric == Cosine,
		s:      distPool.Get().(*distScratch),
	}
	t.s.reserve(d, t.nc)
	return t
}

func (t *tiles[T]) done() { distPool.Put(t.s) }

// packB packs rows [j0, j0+cols) of X (element (j, p) at x[j*rs+p*cs]),
// cols <= t.nc, as the chunk the next runs read.
func (t *tiles[T]) packB(x []T, j0, cols, rs, cs int) {
	t.blocks = (cols + t.nb - 1) / t.nb
	packDistChunk(t.s.b, t.s.nb, t.nb, x, j0, cols, t.d, rs, cs, t.cosine)
	t.bp, t.bn = t.s.b, t.s.nb
}

// useB makes rows [j0, j0+cols) of pb, a chunk, the chunk the next runs
// read, in place of packB.
func (t *tiles[T]) useB(pb *PackedB, j0, cols int) {
	t.blocks = (cols + t.nb - 1) / t.nb
	t.bp = pb.b[j0*t.d : (j0+t.blocks*t.nb)*t.d]
	t.bn = pb.norms[j0 : j0+t.blocks*t.nb]
}

// PackedB is the matrix B of Cdist packed once, so that the Cdist calls of
// one query, each over a range of rows of A, share it instead of each
// packing all of B. It is read-only once built.
type PackedB struct {
	metric    Metric
	lvl       cpu.Level
	mb, d, nb int
	b, norms  []float64 // all of B in the tiles' blocks; row norms for Cosine
}

// packedPool keeps the buffers of released PackedB values.
var packedPool = sync.Pool{New: func() any { return new(PackedB) }}

// Release hands pb's buffers back for a later PackCdistB; pb must not be
// used after. A nil pb is ignored.
func (pb *PackedB) Release() {
	if pb != nil {
		packedPool.Put(pb)
	}
}

// PackCdistB packs B (mb×d, element (j, p) at b[j*rsb + p*csb]) for
// CdistPacked with metric at the active level, or returns nil if the copy
// would take more than maxBytes or metric is not a tiled one (Cdist then
// reports it).
func PackCdistB[T Float](metric Metric, mb, d int, b []T, rsb, csb int, maxBytes int) *PackedB {
	if metric < Euclidean || metric > Cosine || mb <= 0 || d <= 0 {
		return nil
	}
	checkDistMatrix(b, mb, d, rsb, csb, errDistShortB)
	lvl := distLevel(cpu.Active(), metric)
	nb, nc := distLanes(lvl), distChunkCols(d)
	padded := (mb + nb - 1) / nb * nb
	if padded*(d+1) > maxBytes/8 {
		return nil
	}
	pb := packedPool.Get().(*PackedB)
	*pb = PackedB{metric: metric, lvl: lvl, mb: mb, d: d, nb: nb,
		b: growDist(pb.b, padded*d), norms: growDist(pb.norms, padded)}
	for jc := 0; jc < mb; jc += nc {
		packDistChunk(pb.b[jc*d:], pb.norms[jc:], nb, b, jc, min(nc, mb-jc), d, rsb, csb, metric == Cosine)
	}
	return pb
}

// run computes rows [i, i+rows) of X, rows <= t.mr, against the packed
// chunk from block b0 on. The distance of row i+r and chunk column
// b0*nb + l is res[r*w + l]; lanes past the chunk's columns are padding.
func (t *tiles[T]) run(x []T, i, rows, rs, cs, b0 int) (res []float64, w int) {
	packDistTile(t.s.a, t.s.na, x, i, rows, t.mr, t.d, rs, cs, t.cosine)
	return t.rerun(b0)
}

// rerun is run on the tile run packed last.
func (t *tiles[T]) rerun(b0 int) (res []float64, w int) {
	s := t.s
	w = (t.blocks - b0) * t.nb
	distRow(t.lvl, t.metric, t.d, t.nb, t.blocks-b0, s.a, t.bp[b0*t.nb*t.d:], s.na, t.bn[b0*t.nb:], s.res, w)
	return s.res, w
}

// runInto computes rows [i, i+t.mr) of X, a full tile, against the first
// blocks blocks of the packed chunk, storing the distance of row i+r and
// chunk column j at dst[r*w + j].
func (t *tiles[T]) runInto(x []T, i, rows, rs, cs, blocks int, dst []float64, w int) {
	s := t.s
	packDistTile(s.a, s.na, x, i, rows, t.mr, t.d, rs, cs, t.cosine)
	distRow(t.lvl, t.metric, t.d, t.nb, blocks, s.a, t.bp, s.na, t.bn, dst, w)
}

// Cdist writes the ma×mb distances between the rows of A (ma×d) and the rows of
// B (mb×d): out[i*rso + j*cso] = dist(A[i,:], B[j,:]). Element (i, p) of A is
// a[i*rsa + p*csa] and element (j, p) of B is b[j*rsb + p*csb]; strides count
// elements and may be 0 (broadcast) or any non-negative value, so C, Fortran and
// strided views all work without a copy.
//
// The result follows scipy.spatial.distance.cdist: sums run in float64 for
// both input types, by the difference formulation, so float64 results agree
// with scipy to about 1e-13 relative. NaN and ±Inf propagate as in scipy;
// Chebyshev skips NaN terms; Cosine of a zero vector is NaN.
//
// Cdist panics if metric is unknown, a size or stride is negative, or a, b or
// out is too short for the elements it addresses.
func Cdist[T Float, O Float](metric Metric, ma, mb, d int, a []T, rsa, csa int, b []T, rsb, csb int, out []O, rso, cso int) {
	CdistPacked(nil, metric, ma, mb, d, a, rsa, csa, b, rsb, csb, out, rso, cso)
}

// CdistPacked is Cdist with B packed beforehand by PackCdistB from the same
// b, metric, mb and d (pb may be nil: then, as in Cdist, the call packs B
// itself; a pb packed at another level is not used). It panics if pb was
// packed for another metric or shape.
func CdistPacked[T Float, O Float](pb *PackedB, metric Metric, ma, mb, d int, a []T, rsa, csa int, b []T, rsb, csb int, out []O, rso, cso int) {
	checkTiled(metric)
	if pb != nil && (pb.metric != metric || pb.mb != mb || pb.d != d) {
		panic(errDistPacked)
	}
	if ma < 0 || mb < 0 || d < 0 {
		panic(errDistSize)
	}
	checkDistMatrix(a, ma, d, rsa, csa, errDistShortA)
	checkDistMatrix(b, mb, d, rsb, csb, errDistShortB)
	checkDistMatrix(out, ma, mb, rso, cso, errDistShortO)
	if ma == 0 || mb == 0 {
		return
	}
	t := newTiles[T](metric, d)
	// A float64 output with unit column stride takes the tiles' rows
	// directly: full tiles of whole blocks are stored into out by the kernel,
	// so only the ragged edges go through the scratch and a copy.
	direct, _ := any(out).([]float64)
	if cso != 1 || rso < mb {
		direct = nil
	}
	if pb != nil && (pb.lvl != t.lvl || pb.nb != t.nb) {
		pb = nil
	}
	for jc := 0; jc < mb; jc += t.nc {
		cols := min(t.nc, mb-jc)
		if pb != nil {
			t.useB(pb, jc, cols)
		} else {
			t.packB(b, jc, cols, rsb, csb)
		}
		full := cols / t.nb // blocks that lie wholly within the chunk
		for i := 0; i < ma; i += t.mr {
			rows := min(t.mr, ma-i)
			if direct != nil && rows == t.mr && full > 0 {
				o := i*rso + jc
				t.runInto(a, i, rows, rsa, csa, full, direct[o:], rso)
				if done := full * t.nb; done < cols {
					res, w := t.rerun(full)
					for r := range rows {
						o := (i+r)*rso + jc + done
						copy(direct[o:o+cols-done], res[r*w:r*w+cols-done])
					}
				}
				continue
			}
			res, w := t.run(a, i, rows, rsa, csa, 0)
			if rso < cso {
				// Column-major output: walk each column's few rows together,
				// so a cache line of out is filled while it is still held.
				for l := range cols {
					o := i*rso + (jc+l)*cso
					for r := range rows {
						out[o+r*rso] = O(res[r*w+l])
					}
				}
				continue
			}
			for r := range rows {
				o := (i+r)*rso + jc*cso
				src := res[r*w : r*w+cols]
				if cso == 1 {
					convertDist(out[o:o+cols], src)
					continue
				}
				for _, v := range src {
					out[o] = O(v)
					o += cso
				}
			}
		}
	}
	t.done()
}

// PdistRows writes the condensed-form distances (scipy's pdist) of rows i in
// [i0, i1) of X (m×d) against every row j > i. Element (i, p) of X is
// x[i*rsx + p*csx]. out is the whole condensed vector of length m*(m-1)/2, and
// the distance of (i, j), i < j, goes to out[m*i - i*(i+1)/2 + (j-i-1)]; only
// the entries of rows [i0, i1) are written, so disjoint row ranges can run in
// parallel. Semantics are those of Cdist.
//
// PdistRows panics if metric is unknown, m, d or a stride is negative,
// [i0, i1) does not lie within [0, m], or x or out is too short.
func PdistRows[T Float, O Float](metric Metric, m, d int, x []T, rsx, csx int, i0, i1 int, out []O) {
	checkTiled(metric)
	if m < 0 || d < 0 {
		panic(errDistSize)
	}
	if i0 < 0 || i1 < i0 || i1 > m {
		panic(errDistRowSpan)
	}
	checkDistMatrix(x, m, d, rsx, csx, errDistShortX)
	if len(out) < m*(m-1)/2 {
		panic(errDistShortO)
	}
	i1 = min(i1, m-1) // the last row has no j > i
	if i0 >= i1 {
		return
	}
	t := newTiles[T](metric, d)
	for jc := i0 + 1; jc < m; jc += t.nc {
		cols := min(t.nc, m-jc)
		t.packB(x, jc, cols, rsx, csx)
		// Only rows i < jc+cols-1 have some j > i in this chunk, and each
		// tile skips the blocks that lie wholly at or left of its first row.
		for i := i0; i < min(i1, jc+cols-1); i += t.mr {
			rows := min(t.mr, i1-i)
			b0 := max(0, i+1-jc) / t.nb
			res, w := t.run(x, i, rows, rsx, csx, b0)
			for r := range rows {
				ii := i + r
				l0 := max(0, ii+1-jc) // first lane of the chunk with j > ii
				if l0 >= cols {
					continue
				}
				o := m*ii - ii*(ii+1)/2 + (jc + l0 - ii - 1)
				src := res[r*w+l0-t.nb*b0 : r*w+cols-t.nb*b0]
				convertDist(out[o:o+len(src)], src)
			}
		}
	}
	t.done()
}

// convertDist copies finished distances to the caller's element type.
func convertDist[O Float](dst []O, src []float64) {
	src = src[:len(dst)]
	for k, v := range src {
		dst[k] = O(v)
	}
}

// packDistTile copies rows [r0, r0+rows) of X, rows <= mr, into dst as
// float64 laid out [p][r] with mr rows per p, so a kernel reads the tile's
// column p in one step. Rows past rows are zero: they are computed and never
// written out. With cosine it also stores each row's norm in norms.
func packDistTile[T Float](dst, norms []float64, x []T, r0, rows, mr, d, rs, cs int, cosine bool) {
	for r := range mr {
		if r >= rows {
			for p := range d {
				dst[p*mr+r] = 0
			}
			norms[r] = 0
			continue
		}
		base := (r0 + r) * rs
		var ss float64
		for p := range d {
			v := float64(x[base+p*cs])
			dst[p*mr+r] = v
			ss += v * v
		}
		if cosine {
			norms[r] = math.Sqrt(ss)
		}
	}
}

// packDistChunk copies rows [j0, j0+cols) of X into dst in blocks of nb rows,
// each block transposed, [p][l], so a kernel loads one vector of B per step of
// p and computes nb distances at once whatever d is. Lanes past cols are zero.
func packDistChunk[T Float](dst, norms []float64, nb int, x []T, j0, cols, d, rs, cs int, cosine bool) {
	blocks := (cols + nb - 1) / nb
	for j := range blocks * nb {
		at := j/nb*d*nb + j%nb // index of (j, p=0) in dst
		if j >= cols {
			for p := range d {
				dst[at+p*nb] = 0
			}
			norms[j] = 0
			continue
		}
		base := (j0 + j) * rs
		var ss float64
		for p := range d {
			v := float64(x[base+p*cs])
			dst[at+p*nb] = v
			ss += v * v
		}
		if cosine {
			norms[j] = math.Sqrt(ss)
		}
	}
}

// finishCosine turns a dot product and two norms into scipy's cosine
// distance: the quotient is clipped to [-1, 1] because rounding can push it
// just past ±1, and a zero norm gives NaN (0/0) as in scipy.
func finishCosine(dot, na, nb float64) float64 {
	c := dot / (na * nb)
	if c > 1 {
		c = 1
	} else if c < -1 {
		c = -1
	}
	return 1 - c
}

// distRowGeneric is the plain-Go body of distRow: for the packed tile of
// distMR A rows (at, [p][r]) and each of blocks packed B blocks (bp, block k at
// bp[k*d*nb:], [p][l]) it writes the finished distance of row r and column
// j = k*nb + l to res[r*w + j]. na and nbn are the row norms of the tile and of
// the B columns, read for Cosine only.
func distRowGeneric(metric Metric, d, nb, blocks int, at, bp, na, nbn, res []float64, w int) {
	for k := range blocks {
		bk := bp[k*d*nb : (k+1)*d*nb]
		for l := range nb {
			var s [distMR]float64
			switch metric {
			case Euclidean, SqEuclidean:
				s = distColSq(at, bk, l, d, nb)
			case Cityblock:
				s = distColAbs(at, bk, l, d, nb)
			case Chebyshev:
				s = distColMax(at, bk, l, d, nb)
			case Cosine:
				s = distColDot(at, bk, l, d, nb)
			}
			j := k*nb + l
			for r, v := range s {
				switch metric {
				case Euclidean:
					v = math.Sqrt(v)
				case Cosine:
					v = finishCosine(v, na[r], nbn[j])
				}
				res[r*w+j] = v
			}
		}
	}
}

// The distCol* helpers reduce B lane l (b[p*nb+l]) against the distMR rows of
// a packed tile; four independent sums hide the latency of each addition.

func distColSq(at, b []float64, l, d, nb int) (s [distMR]float64) {
	for p := range d {
		a := at[p*distMR : p*distMR+distMR]
		v := b[p*nb+l]
		t0, t1, t2, t3 := a[0]-v, a[1]-v, a[2]-v, a[3]-v
		s[0] += t0 * t0
		s[1] += t1 * t1
		s[2] += t2 * t2
		s[3] += t3 * t3
	}
	return s
}

func distColAbs(at, b []float64, l, d, nb int) (s [distMR]float64) {
	for p := range d {
		a := at[p*distMR : p*distMR+distMR]
		v := b[p*nb+l]
		s[0] += math.Abs(a[0] - v)
		s[1] += math.Abs(a[1] - v)
		s[2] += math.Abs(a[2] - v)
		s[3] += math.Abs(a[3] - v)
	}
	return s
}

// distColMax keeps the largest |a-b|; a NaN difference fails the comparison
// and is skipped, which is what scipy's chebyshev does.
func distColMax(at, b []float64, l, d, nb int) (s [distMR]float64) {
	for p := range d {
		a := at[p*distMR : p*distMR+distMR]
		v := b[p*nb+l]
		for r := range distMR {
			if t := math.Abs(a[r] - v); t > s[r] {
				s[r] = t
			}
		}
	}
	return s
}

func distColDot(at, b []float64, l, d, nb int) (s [distMR]float64) {
	for p := range d {
		a := at[p*distMR : p*distMR+distMR]
		v := b[p*nb+l]
		s[0] += a[0] * v
		s[1] += a[1] * v
		s[2] += a[2] * v
		s[3] += a[3] * v
	}
	return s
}

// Float is the set of element types the distance kernels read and write.
type Float interface {
	~float32 | ~float64
}
