package kernels

import (
	"math"
	"slices"
	"testing"
)

// stRef is the NumPy expression (x - sub) / div in the element type, with
// sub and div the same-type scalars NumPy would hold.
func stRef[T Float](v T, sub, div float64) T { return (v - T(sub)) / T(div) }

// stArgs are (sub, div) pairs, std == 0 included: NumPy gives ±inf and nan.
var stArgs = [][2]float64{{0.3, 1.7}, {-2, 3}, {1.0 / 3, 0.1}, {0, 0}, {0.5, math.Inf(1)}, {math.NaN(), 1}}

func testSubDivType[T Float](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, n := range rtSizes {
			x, whole := rtGuarded(n, rtRandom[T](uint64(n)+21))
			orig := slices.Clone(whole)
			for _, a := range stArgs {
				dst, dstWhole := rtGuarded(n, func(int) T { return 42 })
				SubDiv(dst, x, a[0], a[1])
				for i, v := range x {
					if want := stRef(v, a[0], a[1]); !rtSame(dst[i], want) {
						t.Fatalf("n=%d sub=%v div=%v i=%d: got %v want %v", n, a[0], a[1], i, dst[i], want)
					}
				}
				rtGuardsIntact(t, dstWhole, "SubDiv dst")
				// In place.
				y := slices.Clone(x)
				SubDiv(y, y, a[0], a[1])
				if !rtSameBits(y, dst) {
					t.Fatalf("n=%d: in-place result differs", n)
				}
			}
			if !rtSameBits(orig, whole) {
				t.Fatalf("n=%d: input changed", n)
			}
			for _, inc := range [][2]int{{1, 1}, {2, 1}, {1, -2}, {-1, 3}, {-2, -1}} {
				incDst, incX := inc[0], inc[1]
				m := n / max(rtAbs(incDst), rtAbs(incX))
				ix, idst := 0, 0
				if incX < 0 {
					ix = (m - 1) * -incX
				}
				if incDst < 0 {
					idst = (m - 1) * -incDst
				}
				dst, dstWhole := rtGuarded(n, func(int) T { return 42 })
				SubDivInc(dst, x, m, incDst, incX, idst, ix, 0.25, 3)
				touched := make([]bool, n)
				for i := 0; i < m; i++ {
					k := idst + i*incDst
					touched[k] = true
					if want := stRef(x[ix+i*incX], 0.25, 3); !rtSame(dst[k], want) {
						t.Fatalf("n=%d inc=%v i=%d: got %v want %v", n, inc, i, dst[k], want)
					}
				}
				for k, tk := range touched {
					if !tk && dst[k] != 42 {
						t.Fatalf("n=%d inc=%v: wrote dst[%d] outside the stride", n, inc, k)
					}
				}
				rtGuardsIntact(t, dstWhole, "SubDivInc dst")
			}
		}
	})
}

func TestSubDiv(t *testing.T) {
	t.Run("float64", testSubDivType[float64])
	t.Run("float32", testSubDivType[float32])
	// float32 is evaluated in float32, as NumPy does for float32 x and
	// float32 scalars; rounding through float64 once would differ here.
	x := []float32{16777217.0 / 16777216}
	dst := make([]float32, 1)
	SubDiv(dst, x, 1.0/3, 3)
	if want := (x[0] - float32(1.0/3)) / float32(3); dst[0] != want {
		t.Fatalf("float32 semantics: got %v want %v", dst[0], want)
	}
}

func testSubDivRowsType[T Float](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		var shapes [][4]int // rows, cols, ldX, ldDst
		for _, sh := range rtRowsShapes {
			rows, cols := sh[0], sh[1]
			shapes = append(shapes, [4]int{rows, cols, cols + sh[2], cols + 2*sh[2] + 1})
			if sh[2] == 0 {
				// Contiguous x and dst: the flat-run path of short rows.
				shapes = append(shapes, [4]int{rows, cols, cols, cols})
			}
		}
		for _, sh := range shapes {
			rows, cols, ldX, ldDst := sh[0], sh[1], sh[2], sh[3]
			nx, nd := 0, 0
			if rows > 0 {
				nx, nd = (rows-1)*ldX+cols, (rows-1)*ldDst+cols
			}
			x, whole := rtGuarded(nx, rtRandom[T](uint64(rows*5+cols)))
			orig := slices.Clone(whole)
			sub := make([]float64, cols)
			div := make([]float64, cols)
			for j := range sub {
				sub[j] = float64(j)/7 - 1
				div[j] = 0.1 + float64(j)/3
				if j%11 == 4 {
					div[j] = 0 // a constant column: inf/nan, as NumPy
				}
			}
			dst, dstWhole := rtGuarded(nd, func(int) T { return 42 })
			SubDivRows(dst, x, rows, cols, ldDst, ldX, sub, div)
			for r := 0; r < rows; r++ {
				for j := 0; j < cols; j++ {
					if want := stRef(x[r*ldX+j], sub[j], div[j]); !rtSame(dst[r*ldDst+j], want) {
						t.Fatalf("rows=%d cols=%d (%d,%d): got %v want %v", rows, cols, r, j, dst[r*ldDst+j], want)
					}
				}
				for j := cols; j < ldDst && r*ldDst+j < nd; j++ {
					if dst[r*ldDst+j] != 42 {
						t.Fatalf("rows=%d cols=%d: wrote into row padding", rows, cols)
					}
				}
			}
			rtGuardsIntact(t, dstWhole, "SubDivRows dst")
			if !rtSameBits(orig, whole) {
				t.Fatalf("rows=%d cols=%d: input changed", rows, cols)
			}
			if ldX == cols && ldDst == cols {
				// In place, as standardize(x, out=x) runs it.
				SubDivRows(x, x, rows, cols, cols, cols, sub, div)
				if !rtSameBits(x, dst[:len(x)]) {
					t.Fatalf("rows=%d cols=%d: in place differs", rows, cols)
				}
			}
		}
	})
}

func TestSubDivRows(t *testing.T) {
	t.Run("float64", testSubDivRowsType[float64])
	t.Run("float32", testSubDivRowsType[float32])
	cases := map[string]func(){
		"SubDiv short dst":     func() { SubDiv(make([]float64, 2), make([]float64, 3), 0, 1) },
		"SubDivInc short x":    func() { SubDivInc(make([]float32, 9), make([]float32, 3), 3, 1, 2, 0, 0, 0, 1) },
		"SubDivRows short sub": func() { SubDivRows(make([]float64, 4), make([]float64, 4), 2, 2, 2, 2, []float64{1}, []float64{1, 1}) },
		"SubDivRows short dst": func() {
			SubDivRows(make([]float64, 3), make([]float64, 4), 2, 2, 2, 2, []float64{1, 1}, []float64{1, 1})
		},
	}
	for name, f := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
