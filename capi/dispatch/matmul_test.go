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
	if err := MatMul(a.array(), b.array(), c.array(), workers, nil); err != nil {
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
	wantCode(t, MatMul(a, b, c, 1, nil), ValueError, "mismatched k")
	wantCode(t, MatMul(a, b3, arrayOf(make([]float64, 6), 0, []int{2, 3}, []int{3, 1}), 1, nil), ValueError, "out of the wrong shape")
	wantCode(t, MatMul(a, f32, c, 1, nil), TypeError, "mixed dtypes")
	wantCode(t, MatMul(a, vec, c, 1, nil), ValueError, "1-D operand")
	wantCode(t, MatMul(i32, arrayOf(make([]int32, 6), 0, []int{3, 2}, []int{2, 1}), arrayOf(make([]int32, 4), 0, []int{2, 2}, []int{2, 1}), 1, nil), TypeError, "int32 matmul")
	reversed := arrayOf(make([]float64, 6), 4, []int{3, 2}, []int{-2, 1}) // b[::-1]
	wantCode(t, MatMul(a, reversed, c, 1, nil), ValueError, "negative strides")
	wantCode(t, MatMul(a, b3, arrayOf(make([]float64, 4), 2, []int{2, 2}, []int{-2, 1}), 1, nil), ValueError, "reversed out")
}

// testMatMulBatched multiplies stacks of shape batch+(m,k) and batch+(k,n),
// where a batch axis listed in zeroA or zeroB has stride 0 in that operand
// (NumPy's broadcast), and checks every product against a plain loop.
func testMatMulBatched[T float32 | float64](t *testing.T, rng *rand.Rand, batch []int, m, k, n int, zeroA, zeroB []int, workers int) {
	t.Helper()
	stack := func(rows, cols int, zero []int, fOrder bool) ([]int, []int) {
		shape := append(slices.Clone(batch), rows, cols)
		strides := make([]int, len(shape))
		step := rows * cols
		if fOrder {
			strides[len(shape)-2], strides[len(shape)-1] = 1, rows
		} else {
			strides[len(shape)-2], strides[len(shape)-1] = cols, 1
		}
		for d := len(batch) - 1; d >= 0; d-- {
			if slices.Contains(zero, d) {
				continue
			}
			strides[d] = step
			step *= batch[d]
		}
		return shape, strides
	}
	sa, ta := stack(m, k, zeroA, false)
	sb, tb := stack(k, n, zeroB, true)
	sc, tc := stack(m, n, nil, false)
	a, b := newOperand[T](sa, ta, 0), newOperand[T](sb, tb, 0)
	fillRandom(rng, a.buf)
	fillRandom(rng, b.buf)
	c := newOperand(sc, tc, T(math.NaN()))
	name := fmt.Sprintf("%v %v+(%d,%d)@(%d,%d) bcast A%v B%v, workers %d", dtypeOf[T](), batch, m, k, k, n, zeroA, zeroB, workers)
	if err := MatMul(a.array(), b.array(), c.array(), workers, nil); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	eps := 0x1p-52
	if dtypeOf[T]() == Float32 {
		eps = 0x1p-23
	}
	total := 1
	for _, d := range batch {
		total *= d
	}
	idx := make([]int, len(batch)+2)
	for t0 := range total {
		r := t0
		for d := len(batch) - 1; d >= 0; d-- {
			idx[d] = r % batch[d]
			r /= batch[d]
		}
		at := func(o operand[T], i, j int) T {
			idx[len(batch)], idx[len(batch)+1] = i, j
			return o.buf[o.at(idx)]
		}
		for i := range m {
			for j := range n {
				want, scale := 0.0, 0.0
				for p := range k {
					x, y := float64(at(a, i, p)), float64(at(b, p, j))
					want += x * y
					scale += math.Abs(x * y)
				}
				if got := float64(at(c, i, j)); !(math.Abs(got-want) <= 2*float64(k+2)*eps*scale) {
					t.Fatalf("%s: product %d, C[%d, %d] = %v, want %v", name, t0, i, j, got, want)
				}
			}
		}
	}
	checkGuards(t, c, T(math.NaN()), name)
}

func TestMatMulBatched(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, w := range []int{1, 2, 3} {
		testMatMulBatched[float64](t, rng, []int{3, 4}, 5, 7, 6, nil, nil, w)
		testMatMulBatched[float32](t, rng, []int{3, 4}, 5, 7, 6, []int{0}, []int{1}, w)
		testMatMulBatched[float64](t, rng, []int{2, 1, 3}, 9, 1, 17, []int{2}, nil, w)
		testMatMulBatched[float32](t, rng, []int{0, 3}, 4, 4, 4, nil, nil, w)
		testMatMulBatched[float64](t, rng, []int{2}, 3, 0, 2, nil, []int{0}, w)
		testMatMulBatched[float64](t, rng, []int{40}, 13, 11, 9, nil, []int{0}, w)
	}
	// Large products, few of them: each runs on every worker in turn.
	testMatMulBatched[float32](t, rng, []int{2}, 260, 250, 270, nil, []int{0}, 3)
	// One b for the whole stack: one product of batch·m rows (stackedRows),
	// including single-row matrices and an a broadcast along one axis
	// (which does not stack its rows, so each product runs apart).
	for _, w := range []int{1, 2} {
		testMatMulBatched[float64](t, rng, []int{3, 4}, 5, 7, 6, nil, []int{0, 1}, w)
		testMatMulBatched[float32](t, rng, []int{2, 1, 3}, 1, 9, 5, nil, []int{0, 1, 2}, w)
		testMatMulBatched[float64](t, rng, []int{3, 2}, 4, 6, 5, []int{1}, []int{0, 1}, w)
		testMatMulBatched[float64](t, rng, []int{8}, 130, 120, 110, nil, []int{0}, w)
	}
}

func TestStackedRows(t *testing.T) {
	for _, c := range []struct {
		shape, strides []int
		m, rs          int
		ok             bool
	}{
		{[]int{3, 4, 5, 7}, []int{140, 35, 7, 1}, 5, 7, true}, // C order
		{[]int{3, 4, 5, 7}, []int{160, 40, 8, 1}, 5, 8, true}, // rows padded to 8
		{[]int{3, 4, 5, 7}, []int{140, 0, 7, 1}, 5, 0, false}, // broadcast axis
		{[]int{3, 4, 5, 7}, []int{1, 3, 12, 60}, 5, 0, false}, // Fortran order
		{[]int{3, 1, 5, 7}, []int{35, 999, 7, 1}, 5, 7, true}, // length-1 axis
		{[]int{2, 3, 1, 7}, []int{21, 7, 0, 1}, 1, 7, true},   // single rows
		{[]int{2, 3, 1, 7}, []int{42, 7, 0, 1}, 1, 0, false},  // single rows, gap
	} {
		rs, ok := stackedRows(c.shape, c.strides, c.m)
		if ok != c.ok || ok && rs != c.rs {
			t.Errorf("stackedRows(%v, %v, %d) = %d, %v; want %d, %v", c.shape, c.strides, c.m, rs, ok, c.rs, c.ok)
		}
	}
	if !broadcastBatch([]int{3, 1, 5, 7}, []int{0, 35, 7, 1}) || broadcastBatch([]int{3, 4, 5, 7}, []int{0, 35, 7, 1}) {
		t.Error("broadcastBatch")
	}
}

func TestMatMulBatchedErrors(t *testing.T) {
	a := arrayOf(make([]float64, 12), 0, []int{2, 2, 3}, []int{6, 3, 1})
	b := arrayOf(make([]float64, 18), 0, []int{3, 3, 2}, []int{6, 2, 1})
	c := arrayOf(make([]float64, 8), 0, []int{2, 2, 2}, []int{4, 2, 1})
	wantCode(t, MatMul(a, b, c, 1, nil), ValueError, "batch mismatch")
	b2 := arrayOf(make([]float64, 12), 0, []int{2, 3, 2}, []int{6, 2, 1})
	if err := MatMul(a, b2, c, 1, nil); err != nil {
		t.Fatalf("matching batch: %v", err)
	}
	wantCode(t, MatMul(a, b2, arrayOf(make([]float64, 4), 0, []int{2, 2}, []int{2, 1}), 1, nil), ValueError, "rank mismatch")
}
