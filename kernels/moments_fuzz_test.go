package kernels

import (
	"math"
	"slices"
	"testing"
)

// Fuzz targets for the moment kernels (MomentsOf, MomentsOfInc,
// MomentsOfAbout, MomentsRows) against a compensated two-pass reference,
// within error bounds that hold for data with a large common offset: the
// kernels shift by each slice's first element, so the bound is stated in
// deviations from it.

// fuzzMomentsRef is (mean, M2) of xs by two compensated passes,
// D2 = Σ(x - K)² for the shift K = xs[0] (0 if not finite), and
// D1 = Σ|x - K|, summed directly: from D2 it would be lost when the squares
// of tiny deviations underflow.
func fuzzMomentsRef(xs []float64) (mean, m2, d2, d1 float64) {
	n := float64(len(xs))
	s, _ := fuzzRefSum(xs)
	mean = s / n
	dev, sq := make([]float64, len(xs)), make([]float64, len(xs))
	for i, v := range xs {
		dev[i] = v - mean
		sq[i] = dev[i] * dev[i]
	}
	// The corrected two-pass formula removes n·δ² for the rounding δ of
	// the mean.
	sd, _ := fuzzRefSum(dev)
	m2, _ = fuzzRefSum(sq)
	m2 -= sd * sd / n
	dev = sq
	k := xs[0]
	if k-k != 0 {
		k = 0
	}
	for i, v := range xs {
		d := v - k
		dev[i] = d * d
	}
	d2, _ = fuzzRefSum(dev)
	for i, v := range xs {
		dev[i] = math.Abs(v - k)
	}
	d1, _ = fuzzRefSum(dev)
	return mean, m2, d2, d1
}

// fuzzMomentsOK checks a triple of xs. Values whose squares may overflow
// are not checked beyond NaN-ness.
func fuzzMomentsOK(xs []float64, m Moments) bool {
	if m.N != float64(len(xs)) {
		return false
	}
	if len(xs) == 0 {
		return m == Moments{}
	}
	finite := true
	big := 0.0
	for _, v := range xs {
		finite = finite && v-v == 0
		big = max(big, math.Abs(v))
	}
	if !finite {
		return math.IsNaN(m.M2) // np.var of data with a NaN or an infinity
	}
	if big > 1e150 {
		return true
	}
	mean, m2, d2, absDev := fuzzMomentsRef(xs)
	const eps = 0x1p-52
	n := float64(len(xs))
	tolMean := 4*eps*math.Abs(mean) + 4*(n+1)*eps*absDev/n + 0x1p-1000
	tolM2 := 8*(n+1)*eps*(m2+math.Sqrt(m2*d2)) + 0x1p-1000
	return math.Abs(m.Mean-mean) <= tolMean && math.Abs(m.M2-m2) <= tolM2
}

func fuzzMomentsTyped[T Number](t *testing.T, data []byte, inc int, colSel, ldSel uint8) {
	x := fuzzValues[T](data)
	orig := slices.Clone(x)
	xf := fuzzFloats(x)
	if m := MomentsOf(x); !fuzzMomentsOK(xf, m) {
		t.Fatalf("MomentsOf %d elements: %+v", len(x), m)
	}
	n, ix := fuzzSpan(len(x), inc)
	if m := MomentsOfInc(x, n, inc, ix); !fuzzMomentsOK(fuzzFloats(fuzzGather(x, n, inc, ix)), m) {
		t.Fatalf("MomentsOfInc n=%d inc=%d: %+v", n, inc, m)
	}
	if len(x) > 0 {
		// Relative to an arbitrary about, the mean comes back shifted.
		about := 0.0
		if v := xf[len(xf)/2]; v-v == 0 {
			about = v
		}
		m := MomentsOfAbout(x, about)
		m.Mean += about
		if !fuzzMomentsOK(xf, m) && math.Abs(about) < 1e150 {
			t.Fatalf("MomentsOfAbout(%v): %+v", about, m)
		}
	}
	rows, cols, ld := fuzzBlock(len(x), colSel, ldSel)
	if rows > 0 {
		out := make([]Moments, cols+1)
		out[cols] = Moments{N: -1}
		MomentsRows(out, x, rows, cols, ld)
		for j := 0; j < cols; j++ {
			col := make([]float64, rows)
			for r := range col {
				col[r] = xf[r*ld+j]
			}
			if !fuzzMomentsOK(col, out[j]) {
				t.Fatalf("MomentsRows col %d of %dx%d: %+v", j, rows, cols, out[j])
			}
		}
		if out[cols].N != -1 {
			t.Fatal("MomentsRows wrote past cols")
		}
	}
	if !slices.EqualFunc(x, orig, func(a, b T) bool { return ewBits(a) == ewBits(b) }) {
		t.Fatal("x changed")
	}
}

// FuzzMoments checks MomentsOf, MomentsOfInc, MomentsOfAbout, MomentsRows.
func FuzzMoments(f *testing.F) {
	fuzzReduceSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, typ, lvl uint8, inc int8, colSel, ldSel uint8) {
		defer fuzzAtLevel(lvl)()
		i := fuzzInc(inc, true)
		switch typ % 4 {
		case 0:
			fuzzMomentsTyped[float64](t, data, i, colSel, ldSel)
		case 1:
			fuzzMomentsTyped[float32](t, data, i, colSel, ldSel)
		case 2:
			fuzzMomentsTyped[int64](t, data, i, colSel, ldSel)
		default:
			fuzzMomentsTyped[int32](t, data, i, colSel, ldSel)
		}
	})
}
