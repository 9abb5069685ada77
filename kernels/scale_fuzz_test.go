package kernels

import (
	"slices"
	"testing"
)

// Fuzz targets for the scaling kernels: SubDiv, SubDivInc and SubDivRows
// must give (x - sub) / div rounded in the element type, bit for bit (NaNs
// as NaNs), on every level, and write nothing outside the destination.

// fuzzSubDivRef is (v - sub) / div computed in T, sub and div rounded to T.
func fuzzSubDivRef[T Float](v T, sub, div float64) T {
	return (v - T(sub)) / T(div)
}

func fuzzScaleTyped[T Float](t *testing.T, data []byte, incD, incX int, colSel, ldSel uint8) {
	all := fuzzValues[T](data)
	if len(all) < 2 {
		return
	}
	sub, div := float64(all[0]), float64(all[1])
	x := all[2:]
	orig := slices.Clone(x)
	dst := make([]T, len(x)+1)
	dst[len(x)] = ewSentinel[T]()
	SubDiv(dst, x, sub, div)
	for i, v := range x {
		if !fuzzSameValue(dst[i], fuzzSubDivRef(v, sub, div)) {
			t.Fatalf("SubDiv at %d: (%v - %v) / %v = %v", i, v, sub, div, dst[i])
		}
	}
	if ewBits(dst[len(x)]) != ewBits(ewSentinel[T]()) {
		t.Fatal("SubDiv wrote past len(x)")
	}
	in := slices.Clone(x)
	SubDiv(in, in, sub, div)
	for i := range in {
		if !fuzzSameValue(in[i], dst[i]) {
			t.Fatalf("in-place SubDiv differs at %d", i)
		}
	}
	n, ix := fuzzSpan(len(x), incX)
	buf, idst := fuzzSentinelBuf[T](n, incD)
	SubDivInc(buf, x, n, incD, incX, idst, ix, sub, div)
	fuzzCheckStrided(t, buf, n, incD, idst, func(i int, v T) bool {
		return fuzzSameValue(v, fuzzSubDivRef(x[ix+i*incX], sub, div))
	})
	rows, cols, ldX := fuzzBlock(len(x), colSel, ldSel)
	if rows > 0 {
		subs, divs := make([]float64, cols), make([]float64, cols)
		for j := range subs {
			subs[j] = float64(x[j%len(x)]) * 0.5
			divs[j] = float64(x[(j+1)%len(x)])
		}
		ldD := cols + int(ldSel/4)%3
		out := make([]T, (rows-1)*ldD+cols+ewGuard)
		s := ewSentinel[T]()
		for i := range out {
			out[i] = s
		}
		SubDivRows(out, x, rows, cols, ldD, ldX, subs, divs)
		for i := range out {
			r, j := i/ldD, i%ldD
			if r < rows && j < cols {
				if want := fuzzSubDivRef(x[r*ldX+j], subs[j], divs[j]); !fuzzSameValue(out[i], want) {
					t.Fatalf("SubDivRows [%d,%d] of %dx%d: %v, want %v", r, j, rows, cols, out[i], want)
				}
			} else if ewBits(out[i]) != ewBits(s) {
				t.Fatalf("SubDivRows wrote slot %d outside the block", i)
			}
		}
	}
	if !slices.EqualFunc(x, orig, func(a, b T) bool { return ewBits(a) == ewBits(b) }) {
		t.Fatal("x changed")
	}
}

// FuzzScale checks SubDiv (also in place), SubDivInc and SubDivRows.
func FuzzScale(f *testing.F) {
	fuzzReduceSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, typ, lvl uint8, inc int8, colSel, ldSel uint8) {
		defer fuzzAtLevel(lvl)()
		d, x := fuzzInc(int8(colSel), false), fuzzInc(inc, true)
		if typ%2 == 0 {
			fuzzScaleTyped[float64](t, data, d, x, colSel, ldSel)
		} else {
			fuzzScaleTyped[float32](t, data, d, x, colSel, ldSel)
		}
	})
}
