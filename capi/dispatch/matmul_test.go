package dispatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// matrixStrides returns element strides of an r×c matrix in the named layout.
func matrixStrides(layout string, r, c int) []int {
	switch layout {
	case "C":
		return []int{c, 1}
	case "F", "transposed":
		return []int{1, r}
	case "strided":
		// Every other column of a matrix with a padded row: a[:, ::2].
		return []int{2*c + 3, 2}
	case "strided F":
		return []int{2, 2*r + 1}
	}
	panic("unknown layout " + layout)
}

var matrixLayouts = []string{"C", "F", "strided", "strided F"}

func testMatMul[T float32 | float64](t *testing.T, rng *rand.Rand, m, k, n int, la, lb, lc string, workers int) {
	t.Helper()
	a := newOperand[T]([]int{m, k}, matrixStrides(la, m, k), 0)
	b := newOperand[T]([]int{k, n}, matrixStrides(lb, k, n), 0)
	fillRandom(rng, a.buf)
	fillRandom(rng, b.buf)
	aOrig, bOrig := slices.Clone(a.buf), slices.Clone(b.buf)
	c := newOperand([]int{m, n}, matrixStrides(lc, m, n), T(math.NaN()))
	name := fmt.Sprintf("%v (%d×%d %s) @ (%d×%d %s) into %s, workers %d", dtypeOf[T](), m, k, la, k, n, lb, lc, workers)
	if err := MatMul(a.array(), b.array(), c.array(), workers); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	eps := 0x1p-52
	if dtypeOf[T]() == Float32 {
		eps = 0x1p-23
	}
	bad := 0
	for i := 0; i < m && bad < 3; i++ {
		for j := 0; j < n && bad < 3; j++ {
			want, scale := 0.0, 0.0
			for p := 0; p < k; p++ {
				av, bv := float64(a.buf[a.at([]int{i, p})]), float64(b.buf[b.at([]int{p, j})])
				want += av * bv
				scale += math.Abs(av * bv)
			}
			got := float64(c.buf[c.at([]int{i, j})])
			if math.Abs(got-want) > 2*float64(k+2)*eps*scale || math.IsNaN(got) {
				bad++
				t.Errorf("%s: C[%d, %d] = %v, want %v", name, i, j, got, want)
			}
		}
	}
	checkGuards(t, c, T(math.NaN()), name)
	if !slices.Equal(a.buf, aOrig) || !slices.Equal(b.buf, bOrig) {
		t.Errorf("%s: an input changed", name)
	}
}

func TestMatMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	shapes := [][3]int{{1, 1, 1}, {3, 4, 5}, {7, 1, 9}, {17, 33, 12}, {4, 0, 6}, {0, 5, 3}, {3, 5, 0}}
	for _, s := range shapes {
		for _, la := range matrixLayouts {
			for _, lb := range matrixLayouts {
				lc := matrixLayouts[rng.IntN(len(matrixLayouts))]
				w := []int{1, 4}[rng.IntN(2)]
				testMatMul[float64](t, rng, s[0], s[1], s[2], la, lb, lc, w)
				testMatMul[float32](t, rng, s[0], s[1], s[2], la, lb, lc, w)
			}
		}
	}
	// Many tiles: row blocks, and column blocks when there are few rows.
	for _, s := range [][3]int{{300, 7, 600}, {100, 9, 700}} {
		for _, w := range []int{1, 4} {
			testMatMul[float64](t, rng, s[0], s[1], s[2], "C", "C", "C", w)
			testMatMul[float32](t, rng, s[0], s[1], s[2], "transposed", "F", "F", w)
		}
	}
}

func TestMatMulErrors(t *testing.T) {
	a := arrayOf(make([]float64, 6), 0, []int{2, 3}, []int{3, 1})
	b := arrayOf(make([]float64, 8), 0, []int{4, 2}, []int{2, 1})
	c := arrayOf(make([]float64, 4), 0, []int{2, 2}, []int{2, 1})
	b3 := arrayOf(make([]float64, 6), 0, []int{3, 2}, []int{2, 1})
	f32 := arrayOf(make([]float32, 6), 0, []int{3, 2}, []int{2, 1})
	vec := arrayOf(make([]float64, 3), 0, []int{3}, []int{1})
	i32 := arrayOf(make([]int32, 6), 0, []int{2, 3}, []int{3, 1})
	wantCode(t, MatMul(a, b, c, 1), ValueError, "mismatched k")
	wantCode(t, MatMul(a, b3, arrayOf(make([]float64, 6), 0, []int{2, 3}, []int{3, 1}), 1), ValueError, "out of the wrong shape")
	wantCode(t, MatMul(a, f32, c, 1), TypeError, "mixed dtypes")
	wantCode(t, MatMul(a, vec, c, 1), ValueError, "1-D operand")
	wantCode(t, MatMul(i32, arrayOf(make([]int32, 6), 0, []int{3, 2}, []int{2, 1}), arrayOf(make([]int32, 4), 0, []int{2, 2}, []int{2, 1}), 1), TypeError, "int32 matmul")
	reversed := arrayOf(make([]float64, 6), 4, []int{3, 2}, []int{-2, 1}) // b[::-1]
	wantCode(t, MatMul(a, reversed, c, 1), ValueError, "negative strides")
	wantCode(t, MatMul(a, b3, arrayOf(make([]float64, 4), 2, []int{2, 2}, []int{-2, 1}), 1), ValueError, "reversed out")
}
