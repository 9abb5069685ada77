package dispatch

import (
	"gonp/kernels/distance"
)

const (
	// knnGrainRows is the fewest rows of xa a chunk of a Knn call holds
	// when each chunk packs xb itself, knnPackedGrainRows when they share
	// one packed copy.
	knnGrainRows       = 4096
	knnPackedGrainRows = 512

	// maxKnnPacked bounds the shared float32 copy of xb, in bytes.
	maxKnnPacked = 1 << 28
)

// Knn finds, for each row of xa (ma×d), the k nearest rows of xb (mb×d)
// under metric (one of the five tiled metrics), nearest first, ties to the
// lower row of xb, NaN last: their distances into dist (ma×k float64) and
// their row numbers into idx (ma×k int64), both C-contiguous. Parallel over
// row blocks of xa; it holds O(ma·k) results, never the ma×mb matrix.
func Knn(metric distance.Metric, k int, xa, xb, dist, idx Array, workers int, cancel *int32) error {
	if metric < distance.Euclidean || metric > distance.Cosine {
		return valueErrorf("knn: metric %v is not computed natively", metric)
	}
	if err := checkPoints("XA", xa); err != nil {
		return err
	}
	if err := checkPoints("XB", xb); err != nil {
		return err
	}
	if xa.DType != xb.DType {
		return typeErrorf("XA and XB dtypes differ: %v and %v", xa.DType, xb.DType)
	}
	ma, mb, d := xa.Shape[0], xb.Shape[0], xa.Shape[1]
	if xb.Shape[1] != d {
		return valueErrorf("XA and XB must have the same number of columns (got %d and %d)", d, xb.Shape[1])
	}
	if err := checkScratch(d); err != nil {
		return err
	}
	if k < 0 || k > mb || (k == 0 && ma > 0 && mb > 0) {
		return valueErrorf("Expected n_neighbors <= n_samples_fit, but n_neighbors = %d, n_samples_fit = %d", k, mb)
	}
	for _, o := range []struct {
		name  string
		a     Array
		dtype DType
	}{{"distances", dist, Float64}, {"indices", idx, Int64}} {
		if err := o.a.check(o.name); err != nil {
			return err
		}
		if o.a.DType != o.dtype || len(o.a.Shape) != 2 || o.a.Shape[0] != ma || o.a.Shape[1] != k {
			return valueErrorf("%s must be a (%d, %d) %v array", o.name, ma, k, o.dtype)
		}
		if ma > 1 && k > 0 && o.a.Strides[0] != k*8 || k > 1 && o.a.Strides[1] != 8 {
			return valueErrorf("%s must be C-contiguous", o.name)
		}
	}
	if ma == 0 || mb == 0 {
		return nil
	}
	if xa.DType == Float32 {
		knn[float32](metric, k, xa, xb, dist, idx, workers, cancel)
	} else {
		knn[float64](metric, k, xa, xb, dist, idx, workers, cancel)
	}
	return cancelled(cancel)
}

func knn[T distance.Float](metric distance.Metric, k int, xa, xb, dist, idx Array, workers int, cancel *int32) {
	ma, mb, d := xa.Shape[0], xb.Shape[0], xa.Shape[1]
	va, vb := viewOf[T](xa), viewOf[T](xb)
	vd, vi := viewOf[float64](dist), viewOf[int64](idx)
	rsa, csa := va.strides[0], va.strides[1]
	b := vb.buf
	if len(b) > 0 {
		b = b[vb.off:]
	}
	// The float32 copy of xb the screen reads is packed once and shared by
	// every chunk; then a chunk's own set-up is per row, and chunks can be
	// small enough for a cancel to take effect soon. Without it each chunk
	// packs all of xb, which costs as much as some hundred distance terms
	// per element: chunks of up to knnGrainRows rows keep that to a few
	// percent of their work. Either way the chunks shrink below 2·workers
	// per call so that every worker gets one.
	pb := distance.PackScreened(metric, mb, d, b, vb.strides[0], vb.strides[1], maxKnnPacked)
	w := callWorkers(workers)
	rows := knnGrainRows
	if pb != nil {
		rows = knnPackedGrainRows
	}
	grain := max(min(rows, ma/(2*w)), 64, distanceGrainPairs/(mb*max(d, 1)))
	forEach(cancel, workers, ma, grain, func(lo, hi int) {
		var a []T
		if len(va.buf) > 0 {
			a = va.buf[va.off+lo*rsa:]
		}
		distance.KnnPacked(pb, metric, k, hi-lo, mb, d, a, rsa, csa, b, vb.strides[0], vb.strides[1],
			vd.buf[vd.off+lo*k:vd.off+hi*k], vi.buf[vi.off+lo*k:vi.off+hi*k])
	})
	pb.Release()
}
