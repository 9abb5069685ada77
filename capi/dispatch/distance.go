package dispatch

import (
	"gonp/kernels/distance"
)

// distanceGrainPairs is the fewest point pairs a pool chunk computes.
const distanceGrainPairs = 1 << 14

const (
	// cdistGrainRows is the most rows of xa a chunk of a Cdist call is
	// given a floor of: with xb packed once and shared, a chunk's set-up is
	// per row, so this only bounds how finely the call is cut.
	cdistGrainRows = 256

	// maxCdistPacked bounds the shared packed copy of xb, in bytes.
	maxCdistPacked = 1 << 28

	// pdistGrainRows is the most rows of x a chunk of a Pdist call is
	// given a floor of.
	pdistGrainRows = 128
)

// maxDistScratch bounds the packing scratch one worker of a distance call
// may take. Rows so long that their scratch would pass it (millions of
// elements) get a MemoryError instead of an allocation that the Go runtime
// could only answer by ending the process.
const maxDistScratch = 1 << 30

// checkScratch refuses rows of d elements whose scratch cannot be had.
func checkScratch(d int) error {
	if need := distance.ScratchBytes(d); need > maxDistScratch {
		return memoryErrorf("distance rows of %d elements need %d MiB of scratch per thread, more than gonp's limit of %d MiB",
			d, need>>20, maxDistScratch>>20)
	}
	return nil
}

func checkPoints(name string, a Array) error {
	if err := a.check(name); err != nil {
		return err
	}
	if len(a.Shape) != 2 {
		return valueErrorf("%s must be a 2-dimensional array, got %d dimensions", name, len(a.Shape))
	}
	if a.Size() == 0 {
		clear(a.Strides) // never used to address memory, and the kernels refuse negative ones
	}
	for _, s := range a.Strides {
		if s < 0 {
			return valueErrorf("%s: negative strides are not supported here", name)
		}
	}
	if a.DType != Float32 && a.DType != Float64 {
		return typeErrorf("%s: distances are implemented for float32 and float64, not %v", name, a.DType)
	}
	return nil
}

// Cdist computes the distance between each pair of rows of xa (ma×d) and
// xb (mb×d) into out (ma×mb, float32 or float64), in parallel over row blocks.
func Cdist(metric distance.Metric, xa, xb, out Array, workers int, cancel *int32) error {
	for _, p := range []struct {
		name string
		a    Array
	}{{"XA", xa}, {"XB", xb}, {"out", out}} {
		if err := checkPoints(p.name, p.a); err != nil {
			return err
		}
	}
	if xa.DType != xb.DType {
		return typeErrorf("XA and XB dtypes differ: %v and %v", xa.DType, xb.DType)
	}
	if xa.Shape[1] != xb.Shape[1] {
		return valueErrorf("XA and XB must have the same number of columns (got %d and %d)", xa.Shape[1], xb.Shape[1])
	}
	if err := checkScratch(xa.Shape[1]); err != nil {
		return err
	}
	if out.Shape[0] != xa.Shape[0] || out.Shape[1] != xb.Shape[0] {
		return valueErrorf("out has shape %v, expected (%d, %d)", out.Shape, xa.Shape[0], xb.Shape[0])
	}
	switch {
	case xa.DType == Float32 && out.DType == Float32:
		cdist[float32, float32](metric, xa, xb, out, workers, cancel)
	case xa.DType == Float32 && out.DType == Float64:
		cdist[float32, float64](metric, xa, xb, out, workers, cancel)
	case xa.DType == Float64 && out.DType == Float32:
		cdist[float64, float32](metric, xa, xb, out, workers, cancel)
	default:
		cdist[float64, float64](metric, xa, xb, out, workers, cancel)
	}
	return cancelled(cancel)
}

func cdist[T, O distance.Float](metric distance.Metric, xa, xb, out Array, workers int, cancel *int32) {
	ma, mb, d := xa.Shape[0], xb.Shape[0], xa.Shape[1]
	if ma == 0 || mb == 0 {
		return
	}
	va, vb, vo := viewOf[T](xa), viewOf[T](xb), viewOf[O](out)
	rsa, csa := va.strides[0], va.strides[1]
	b := vb.buf
	if len(b) > 0 {
		b = b[vb.off:]
	}
	// Each chunk packs all of xb unless the chunks share one packed copy,
	// made when the call is cut at all: then chunks of cdistGrainRows rows
	// keep the cancel prompt and the loads balanced. The chunks shrink
	// below 2·workers per call so that every worker gets one.
	w := callWorkers(workers)
	grain := max(min(cdistGrainRows, ma/(2*w)), 1, distanceGrainPairs/(mb*max(d, 1)))
	var pb *distance.PackedB
	if ma > grain {
		pb = distance.PackCdistB(metric, mb, d, b, vb.strides[0], vb.strides[1], maxCdistPacked)
	}
	forEach(cancel, workers, ma, grain, func(lo, hi int) {
		var a []T
		if len(va.buf) > 0 {
			a = va.buf[va.off+lo*rsa:]
		}
		distance.CdistPacked(pb, metric, hi-lo, mb, d, a, rsa, csa, b, vb.strides[0], vb.strides[1],
			vo.buf[vo.off+lo*vo.strides[0]:], vo.strides[0], vo.strides[1])
	})
	pb.Release()
}

// Pdist computes the condensed distance vector of the rows of x (m×d) into
// out (m*(m-1)/2 contiguous elements), in parallel over row blocks.
func Pdist(metric distance.Metric, x, out Array, workers int, cancel *int32) error {
	if err := checkPoints("X", x); err != nil {
		return err
	}
	if err := out.check("out"); err != nil {
		return err
	}
	if err := checkScratch(x.Shape[1]); err != nil {
		return err
	}
	m := x.Shape[0]
	if len(out.Shape) != 1 || out.Shape[0] != m*(m-1)/2 || (out.Shape[0] > 1 && out.Strides[0] != out.DType.ItemSize()) {
		return valueErrorf("out must be a contiguous vector of %d elements", m*(m-1)/2)
	}
	switch {
	case x.DType == Float32 && out.DType == Float32:
		pdist[float32, float32](metric, x, out, workers, cancel)
	case x.DType == Float32 && out.DType == Float64:
		pdist[float32, float64](metric, x, out, workers, cancel)
	case x.DType == Float64 && out.DType == Float32:
		pdist[float64, float32](metric, x, out, workers, cancel)
	case x.DType == Float64 && out.DType == Float64:
		pdist[float64, float64](metric, x, out, workers, cancel)
	default:
		return typeErrorf("out dtype %v is not float32 or float64", out.DType)
	}
	return cancelled(cancel)
}

func pdist[T, O distance.Float](metric distance.Metric, x, out Array, workers int, cancel *int32) {
	m, d := x.Shape[0], x.Shape[1]
	if m < 2 {
		return
	}
	vx, vo := viewOf[T](x), viewOf[O](out)
	xs := vx.buf
	if len(xs) > 0 {
		xs = xs[vx.off:]
	}
	// Row i has m-1-i pairs: chunks of a few rows keep the pool's dynamic
	// split balanced. But each chunk packs the rows of X past its first, so
	// the chunks hold up to pdistGrainRows rows (fewer only where that would
	// leave a worker without several): a cancellable call cut into 256
	// chunks spent more time packing than computing.
	w := callWorkers(workers)
	grain := max(min(pdistGrainRows, m/(4*w)), 1, distanceGrainPairs/(m*max(d, 1)))
	forEach(cancel, workers, m-1, grain, func(lo, hi int) {
		distance.PdistRows(metric, m, d, xs, vx.strides[0], vx.strides[1], lo, hi, vo.buf)
	})
}
