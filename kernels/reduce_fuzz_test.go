package kernels

import (
	"encoding/binary"
	"math"
	"slices"
	"testing"
)

// Fuzz targets for the reductions: float sums against the exact sum (math/big)
// (compensated) within the error bound of any summation order, int sums, minima, maxima and
// the column (Rows) kernels against plain loops, on every SIMD level, with
// strides of either sign and 0.

// fuzzRefSum is Σ xs by Neumaier's compensated summation, which is within
// eps·|Σx| + O(n·eps²)·Σ|x| of the exact sum, and Σ|xs|.
func fuzzRefSum(xs []float64) (sum, abs float64) {
	var c float64
	for _, v := range xs {
		t := sum + v
		if math.Abs(sum) >= math.Abs(v) {
			c += (sum - t) + v
		} else {
			c += (v - t) + sum
		}
		sum = t
		abs += math.Abs(v)
	}
	return sum + c, abs
}

// fuzzSumOK checks a float sum of xs: NaN and infinities as IEEE addition
// gives them in any order, finite sums within (n-1)·eps·Σ|x| of the exact
// sum, the bound of every summation order. Sums whose partial sums may
// overflow are not checked.
func fuzzSumOK(xs []float64, got float64) bool {
	nan, pinf, ninf := false, false, false
	for _, v := range xs {
		nan = nan || math.IsNaN(v)
		pinf = pinf || math.IsInf(v, 1)
		ninf = ninf || math.IsInf(v, -1)
	}
	switch {
	case nan || pinf && ninf:
		return math.IsNaN(got)
	case pinf:
		return math.IsInf(got, 1)
	case ninf:
		return math.IsInf(got, -1)
	}
	ref, abs := fuzzRefSum(xs)
	if abs > math.MaxFloat64/8 {
		return true
	}
	const eps = 0x1p-52
	n := float64(len(xs))
	tol := max(n-1, 0)*eps*abs + 2*eps*math.Abs(ref) + n*n*eps*eps*abs
	return math.Abs(got-ref) <= tol
}

// fuzzExtreme is the min (or max) of xs as NumPy defines it: NaN if any.
func fuzzExtreme[T Number](xs []T, isMax bool) T {
	m := xs[0]
	for _, v := range xs {
		if m != m {
			return m
		}
		if v != v || (isMax && v > m) || (!isMax && v < m) {
			m = v
		}
	}
	return m
}

// fuzzSameOrNaN is == for values, any NaN matching any NaN (min and max may
// return either zero of ±0, as NumPy's do).
func fuzzSameOrNaN[T Number](got, want T) bool {
	if got != got || want != want {
		return got != got && want != want
	}
	return got == want
}

func fuzzGather[T Number](x []T, n, inc, ix int) []T {
	g := make([]T, n)
	for i := range g {
		g[i] = x[ix+i*inc]
	}
	return g
}

func fuzzFloats[T Number](xs []T) []float64 {
	f := make([]float64, len(xs))
	for i, v := range xs {
		f[i] = float64(v)
	}
	return f
}

func fuzzReduceTyped[T Number](t *testing.T, data []byte, inc int) {
	x := fuzzValues[T](data)
	orig := slices.Clone(x)
	n, ix := fuzzSpan(len(x), inc)
	g := fuzzGather(x, n, inc, ix)
	switch xs := any(x).(type) {
	case []float64:
		fuzzFloatSums(t, xs, n, inc, ix)
	case []float32:
		fuzzFloatSums(t, xs, n, inc, ix)
	case []int64:
		fuzzIntSums(t, xs, n, inc, ix)
	case []int32:
		fuzzIntSums(t, xs, n, inc, ix)
	}
	if len(x) == 0 {
		if !fuzzPanics(func() { Min(x) }) || !fuzzPanics(func() { Max(x) }) || !fuzzPanics(func() { MinInc(x, 0, 1, 0) }) {
			t.Fatal("min/max of nothing did not panic")
		}
	} else {
		for _, isMax := range []bool{false, true} {
			whole, strided := Min(x), MinInc(x, n, inc, ix)
			if isMax {
				whole, strided = Max(x), MaxInc(x, n, inc, ix)
			}
			if w := fuzzExtreme(x, isMax); !fuzzSameOrNaN(whole, w) {
				t.Fatalf("max=%v of %d: got %v, want %v", isMax, len(x), whole, w)
			}
			if w := fuzzExtreme(g, isMax); !fuzzSameOrNaN(strided, w) {
				t.Fatalf("strided max=%v (inc %d): got %v, want %v", isMax, inc, strided, w)
			}
		}
	}
	if !slices.EqualFunc(x, orig, func(a, b T) bool { return ewBits(a) == ewBits(b) }) {
		t.Fatal("x changed")
	}
}

func fuzzFloatSums[T Float](t *testing.T, x []T, n, inc, ix int) {
	if got := Sum(x); !fuzzSumOK(fuzzFloats(x), got) {
		t.Fatalf("Sum of %d: %v", len(x), got)
	}
	if got := SumInc(x, n, inc, ix); !fuzzSumOK(fuzzFloats(fuzzGather(x, n, inc, ix)), got) {
		t.Fatalf("SumInc n=%d inc=%d: %v", n, inc, got)
	}
	// Documented: the generic and AVX2 paths agree bit for bit.
	if ActiveLevel() == AVX2 {
		a := Sum(x)
		prev := SetLevel(Generic)
		b := Sum(x)
		SetLevel(prev)
		if math.Float64bits(a) != math.Float64bits(b) && !(math.IsNaN(a) && math.IsNaN(b)) {
			t.Fatalf("AVX2 sum %v differs from generic %v", a, b)
		}
	}
}

func fuzzIntSums[T ~int32 | ~int64](t *testing.T, x []T, n, inc, ix int) {
	var want int64
	for _, v := range x {
		want += int64(v)
	}
	if got := SumInt(x); got != want {
		t.Fatalf("SumInt: %d, want %d", got, want)
	}
	want = 0
	for i := 0; i < n; i++ {
		want += int64(x[ix+i*inc])
	}
	if got := SumIntInc(x, n, inc, ix); got != want {
		t.Fatalf("SumIntInc: %d, want %d", got, want)
	}
}

// fuzzBlock picks a rows×cols block with row stride ld inside m elements.
func fuzzBlock(m int, colSel, ldSel uint8) (rows, cols, ld int) {
	cols = 1 + int(colSel)%37
	ld = cols + int(ldSel)%4
	if m < cols {
		return 0, cols, ld
	}
	return (m-cols)/ld + 1, cols, ld
}

func fuzzRowsTyped[T Number](t *testing.T, data []byte, colSel, ldSel uint8) {
	all := fuzzValues[T](data)
	rows, cols, ld := fuzzBlock(len(all), colSel, ldSel)
	if rows == 0 || len(all) < 2*cols {
		return
	}
	init, x := all[:cols], all[cols:]
	rows, cols, ld = fuzzBlock(len(x), colSel, ldSel)
	if rows == 0 {
		return
	}
	orig := slices.Clone(x)
	for _, isMax := range []bool{false, true} {
		acc := append(slices.Clone(init), ewSentinel[T]())
		if isMax {
			MaxRows(acc, x, rows, cols, ld)
		} else {
			MinRows(acc, x, rows, cols, ld)
		}
		for j := 0; j < cols; j++ {
			col := []T{init[j]}
			for r := 0; r < rows; r++ {
				col = append(col, x[r*ld+j])
			}
			if w := fuzzExtreme(col, isMax); !fuzzSameOrNaN(acc[j], w) {
				t.Fatalf("Rows max=%v col %d of %dx%d: got %v, want %v", isMax, j, rows, cols, acc[j], w)
			}
		}
		if ewBits(acc[cols]) != ewBits(ewSentinel[T]()) {
			t.Fatal("MinRows/MaxRows wrote past cols")
		}
	}
	switch xs := any(x).(type) {
	case []float64:
		fuzzSumRows(t, xs, fuzzFloats(init), rows, cols, ld)
	case []float32:
		fuzzSumRows(t, xs, fuzzFloats(init), rows, cols, ld)
	case []int64:
		fuzzSumRowsInt(t, xs, rows, cols, ld)
	case []int32:
		fuzzSumRowsInt(t, xs, rows, cols, ld)
	}
	if !slices.EqualFunc(x, orig, func(a, b T) bool { return ewBits(a) == ewBits(b) }) {
		t.Fatal("x changed")
	}
}

// fuzzSumRows checks SumRows bit for bit: each column is documented to be
// added in row order on every level.
func fuzzSumRows[T Float](t *testing.T, x []T, init []float64, rows, cols, ld int) {
	acc := append(slices.Clone(init), 12345)
	SumRows(acc, x, rows, cols, ld)
	for j := 0; j < cols; j++ {
		want := init[j]
		for r := 0; r < rows; r++ {
			want += float64(x[r*ld+j])
		}
		if math.Float64bits(acc[j]) != math.Float64bits(want) && !(math.IsNaN(acc[j]) && math.IsNaN(want)) {
			t.Fatalf("SumRows col %d of %dx%d: got %v, want %v", j, rows, cols, acc[j], want)
		}
	}
	if acc[cols] != 12345 {
		t.Fatal("SumRows wrote past cols")
	}
}

func fuzzSumRowsInt[T ~int32 | ~int64](t *testing.T, x []T, rows, cols, ld int) {
	acc := make([]int64, cols+1)
	acc[cols] = 12345
	SumRowsInt(acc, x, rows, cols, ld)
	for j := 0; j < cols; j++ {
		var want int64
		for r := 0; r < rows; r++ {
			want += int64(x[r*ld+j])
		}
		if acc[j] != want {
			t.Fatalf("SumRowsInt col %d: got %d, want %d", j, acc[j], want)
		}
	}
	if acc[cols] != 12345 {
		t.Fatal("SumRowsInt wrote past cols")
	}
}

func fuzzReduceSeeds(f *testing.F) {
	var specials, ramp []byte
	for _, v := range ewSpecials[float64]() {
		specials = binary.LittleEndian.AppendUint64(specials, math.Float64bits(v))
	}
	for i := range 1500 {
		v := 1e9 + float64(i%97) - 0.25*float64(i%13)
		ramp = binary.LittleEndian.AppendUint64(ramp, math.Float64bits(v))
	}
	for typ := uint8(0); typ < 4; typ++ {
		f.Add(specials, typ, typ, int8(1), uint8(3), uint8(1))
		f.Add(ramp, typ, typ+1, int8(-2), uint8(15), uint8(2))
		f.Add([]byte{}, typ, uint8(0), int8(0), uint8(0), uint8(0))
	}
}

// FuzzReduce checks Sum, SumInc, SumInt, SumIntInc, Min, Max, MinInc, MaxInc.
func FuzzReduce(f *testing.F) {
	fuzzReduceSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, typ, lvl uint8, inc int8, _, _ uint8) {
		defer fuzzAtLevel(lvl)()
		i := fuzzInc(inc, true)
		switch typ % 4 {
		case 0:
			fuzzReduceTyped[float64](t, data, i)
		case 1:
			fuzzReduceTyped[float32](t, data, i)
		case 2:
			fuzzReduceTyped[int64](t, data, i)
		default:
			fuzzReduceTyped[int32](t, data, i)
		}
	})
}

// FuzzReduceRows checks SumRows, SumRowsInt, MinRows and MaxRows.
func FuzzReduceRows(f *testing.F) {
	fuzzReduceSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte, typ, lvl uint8, _ int8, colSel, ldSel uint8) {
		defer fuzzAtLevel(lvl)()
		switch typ % 4 {
		case 0:
			fuzzRowsTyped[float64](t, data, colSel, ldSel)
		case 1:
			fuzzRowsTyped[float32](t, data, colSel, ldSel)
		case 2:
			fuzzRowsTyped[int64](t, data, colSel, ldSel)
		default:
			fuzzRowsTyped[int32](t, data, colSel, ldSel)
		}
	})
}
