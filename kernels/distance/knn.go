package distance

const (
	errKnnK      = "kernels: knn k out of range"
	errKnnShortD = "kernels: insufficient length of knn distances"
	errKnnShortI = "kernels: insufficient length of knn indices"
	errKnnPacked = "kernels: knn B packed for another metric or shape"
)

// Knn writes, for each row i of A (ma×d), the k rows of B (mb×d) nearest to
// it under metric, nearest first: the distance of the r-th nearest to
// dist[i*k+r] and its row number in B to idx[i*k+r]. Element (i, p) of A is
// a[i*rsa + p*csa] and element (j, p) of B is b[j*rsb + p*csb], as in Cdist.
//
// The distances are those Cdist computes, bit for bit, and the order is that
// of a stable sort of each row of Cdist's matrix: equal distances keep the
// lower index of B first, and NaN distances come after every other value
// (as NumPy sorts them). Only the ma×k results are held, never the ma×mb
// matrix: each tile of distances is merged into the rows' sorted lists as it
// is computed. Once the lists are full, Euclidean and SqEuclidean
// candidates are first screened in float32 with a rigorous error bound
// (knn_screen.go), and only those that may enter a list have their exact
// distance computed. Like Cdist, Knn keeps pooled scratch.
//
// Knn panics if metric is not one of the five tiled metrics, a size or
// stride is negative, k is not in [1, mb] (k may be 0 when ma or mb is), or a
// slice is too short for what it addresses.
func Knn[T Float](metric Metric, k, ma, mb, d int, a []T, rsa, csa int, b []T, rsb, csb int, dist []float64, idx []int64) {
	KnnPacked(nil, metric, k, ma, mb, d, a, rsa, csa, b, rsb, csb, dist, idx)
}

// KnnPacked is Knn with B's float32 copy for the screen packed beforehand
// by PackScreened from the same b, metric, mb and d (pb may be nil: then,
// as in Knn, each call packs B itself). It panics if pb was packed for
// another metric or shape.
func KnnPacked[T Float](pb *ScreenedB, metric Metric, k, ma, mb, d int, a []T, rsa, csa int, b []T, rsb, csb int, dist []float64, idx []int64) {
	checkTiled(metric)
	if pb != nil && (pb.metric != metric || pb.mb != mb || pb.d != d) {
		panic(errKnnPacked)
	}
	if ma < 0 || mb < 0 || d < 0 {
		panic(errDistSize)
	}
	if k < 0 || k > mb || (k == 0 && ma > 0 && mb > 0) {
		panic(errKnnK)
	}
	checkDistMatrix(a, ma, d, rsa, csa, errDistShortA)
	checkDistMatrix(b, mb, d, rsb, csb, errDistShortB)
	if len(dist) < ma*k {
		panic(errKnnShortD)
	}
	if len(idx) < ma*k {
		panic(errKnnShortI)
	}
	if ma == 0 || mb == 0 {
		return
	}
	t := newTiles[T](metric, d)
	// Once the lists are full, Euclidean and SqEuclidean candidates are
	// screened in float32 (knn_screen.go) where the exact tile is the one
	// the screen's recomputation reproduces.
	screen := screens(metric, d)
	if pb != nil && (!screen || pb.nc != t.nc) {
		pb = nil
	}
	if screen {
		t.s.scr.reserve(d, t.nc)
	}
	for jc := 0; jc < mb; jc += t.nc {
		cols := min(t.nc, mb-jc)
		held := min(k, jc) // every row's list holds this many before the chunk
		if screen && held == k {
			knnScreened(&t.s.scr, pb, metric, k, ma, d, t.nc, a, rsa, csa, b, jc, mb, rsb, csb, dist, idx)
			break
		}
		t.packB(b, jc, cols, rsb, csb)
		for i := 0; i < ma; i += t.mr {
			rows := min(t.mr, ma-i)
			res, w := t.run(a, i, rows, rsa, csa, 0)
			for r := range rows {
				o := (i + r) * k
				mergeNearest(dist[o:o+k], idx[o:o+k], held, res[r*w:r*w+cols], jc)
			}
		}
	}
	t.done()
}

// before is the order of the lists: ascending, NaN after every number.
func before(x, y float64) bool {
	return x < y || (y != y && x == x)
}

// mergeNearest merges the distances cand, of B rows j0, j0+1, ..., into the
// sorted list (dist, idx) of capacity len(dist) that holds n entries, all of
// rows below j0. A candidate equal to an entry goes after it, so ties keep
// the lower row first.
func mergeNearest(dist []float64, idx []int64, n int, cand []float64, j0 int) {
	k := len(dist)
	for l, v := range cand {
		if n == k {
			// Full: most candidates lose to the last entry; test that first.
			if !before(v, dist[k-1]) {
				continue
			}
			n--
		}
		// The first position whose entry v comes before (upper bound).
		lo, hi := 0, n
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if before(v, dist[m]) {
				hi = m
			} else {
				lo = m + 1
			}
		}
		copy(dist[lo+1:n+1], dist[lo:n])
		copy(idx[lo+1:n+1], idx[lo:n])
		dist[lo], idx[lo] = v, int64(j0+l)
		n++
	}
}
