package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// rtSizes are the lengths every reduction is checked at: all the short
// cases, both sides of the 128-element pairwise leaf, both sides of the
// 1024-element moments chunk, and one long input.
var rtSizes = func() []int {
	var s []int
	for n := 0; n <= 70; n++ {
		s = append(s, n)
	}
	return append(s, 127, 128, 129, 130, 255, 256, 257, 1023, 1024, 1025, 2049, 100000)
}()

// rtGuard is how many sentinel elements surround each test vector.
const rtGuard = 16

// rtSentinel is the value of the guard bands: NaN for floats, so that a
// stray read poisons a float result, and an odd value for integers.
func rtSentinel[T Number]() T {
	var z T
	switch any(z).(type) {
	case float64:
		return T(math.NaN())
	case float32:
		return T(float32(math.NaN()))
	}
	return T(-77)
}

// rtGuarded returns a slice of n elements from gen inside guard bands, and
// the whole backing slice.
func rtGuarded[T Number](n int, gen func(i int) T) (inner, whole []T) {
	whole = make([]T, n+2*rtGuard)
	g := rtSentinel[T]()
	for i := range whole {
		whole[i] = g
	}
	inner = whole[rtGuard : rtGuard+n : rtGuard+n]
	for i := range inner {
		inner[i] = gen(i)
	}
	return inner, whole
}

// rtSameBits reports whether a and b are equal element by element,
// comparing floats by their bits so that NaN equals the same NaN.
func rtSameBits[T Number](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !rtSame(a[i], b[i]) {
			return false
		}
	}
	return true
}

func rtSame[T Number](a, b T) bool {
	switch v := any(a).(type) {
	case float64:
		return math.Float64bits(v) == math.Float64bits(float64(b))
	case float32:
		return math.Float32bits(v) == math.Float32bits(float32(b))
	}
	return a == b
}

// rtGuardsIntact fails t if the guard bands of whole changed.
func rtGuardsIntact[T Number](t *testing.T, whole []T, what string) {
	t.Helper()
	g := rtSentinel[T]()
	n := len(whole)
	for i := range rtGuard {
		if !rtSame(whole[i], g) || !rtSame(whole[n-1-i], g) {
			t.Fatalf("%s: guard band overwritten", what)
		}
	}
}

// rtRandom returns a generator of mixed-sign values with a spread of
// magnitudes.
func rtRandom[T Number](seed uint64) func(int) T {
	rng := rand.New(rand.NewPCG(seed, 7))
	return func(int) T {
		var z T
		switch any(z).(type) {
		case float64, float32:
			return T((rng.Float64()*2 - 1) * math.Exp2(float64(rng.IntN(20)-10)))
		case int32:
			return T(int32(rng.Uint32()))
		}
		return T(int64(rng.Uint64()))
	}
}

// rtFsum returns the correctly rounded sum of x (Shewchuk's algorithm, as in
// Python's math.fsum), the reference for the accuracy tests.
func rtFsum[T Float](x []T) float64 {
	var partials []float64
	for _, v := range x {
		y := float64(v)
		i := 0
		for _, p := range partials {
			if math.Abs(y) < math.Abs(p) {
				y, p = p, y
			}
			hi := y + p
			lo := p - (hi - y)
			if lo != 0 {
				partials[i] = lo
				i++
			}
			y = hi
		}
		partials = append(partials[:i], y)
	}
	// Round the partials (non-overlapping, increasing) to one double.
	n := len(partials)
	if n == 0 {
		return 0
	}
	hi := partials[n-1]
	lo := 0.0
	for n--; n > 0; {
		y := hi
		n--
		x := partials[n]
		hi = y + x
		lo = x - (hi - y)
		if lo != 0 {
			break
		}
	}
	if n > 0 && ((lo < 0 && partials[n-1] < 0) || (lo > 0 && partials[n-1] > 0)) {
		y := lo * 2
		x := hi + y
		if y == x-hi {
			hi = x
		}
	}
	return hi
}

// rtSumBound is the error bound the pairwise sum must meet:
// 2·⌈log2 n⌉·eps·Σ|x| (plus one rounding of the result).
func rtSumBound[T Float](x []T, exact float64) float64 {
	abs := 0.0
	for _, v := range x {
		abs += math.Abs(float64(v))
	}
	lg := math.Ceil(math.Log2(float64(max(len(x), 2))))
	return 2*lg*0x1p-52*abs + math.Abs(exact)*0x1p-53
}

func testSumType[T Float](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, n := range rtSizes {
			x, whole := rtGuarded(n, rtRandom[T](uint64(n)))
			orig := slices.Clone(whole)
			got := Sum(x)
			exact := rtFsum(x)
			if d := math.Abs(got - exact); d > rtSumBound(x, exact) {
				t.Fatalf("n=%d: Sum=%v exact=%v err=%g bound=%g", n, got, exact, d, rtSumBound(x, exact))
			}
			if again := Sum(x); math.Float64bits(again) != math.Float64bits(got) {
				t.Fatalf("n=%d: not deterministic", n)
			}
			if !rtSameBits(orig, whole) {
				t.Fatalf("n=%d: input changed", n)
			}
			// Strided, both directions, read through the same backing array.
			for _, inc := range []int{1, 2, 3, -1, -3} {
				m := n / max(1, rtAbs(inc))
				ix := 0
				if inc < 0 {
					ix = (m - 1) * -inc
				}
				ref := make([]T, m)
				for i := range ref {
					ref[i] = x[ix+i*inc]
				}
				got := SumInc(x, m, inc, ix)
				exact := rtFsum(ref)
				if d := math.Abs(got - exact); d > rtSumBound(ref, exact) {
					t.Fatalf("n=%d inc=%d: SumInc=%v exact=%v", n, inc, got, exact)
				}
			}
		}
	})
}

func rtAbs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

func TestSum(t *testing.T) {
	t.Run("float64", testSumType[float64])
	t.Run("float32", testSumType[float32])
	type named float64
	t.Run("named", testSumType[named])
}

// TestSumGenericAVX2Agree checks the promise that the AVX2 path keeps the
// generic lane structure and so returns the same bits.
func TestSumGenericAVX2Agree(t *testing.T) {
	if HardwareLevel() < AVX2 {
		t.Skip("only the generic path is built or supported here (no GOEXPERIMENT=simd or no AVX2): nothing to compare it with")
	}
	orig := ActiveLevel()
	defer SetLevel(orig)
	for _, n := range rtSizes {
		x64, _ := rtGuarded(n, rtRandom[float64](uint64(n)+1))
		x32, _ := rtGuarded(n, rtRandom[float32](uint64(n)+2))
		SetLevel(Generic)
		g64, g32 := Sum(x64), Sum(x32)
		SetLevel(AVX2)
		if a := Sum(x64); math.Float64bits(a) != math.Float64bits(g64) {
			t.Fatalf("n=%d float64: avx2 %v, generic %v", n, a, g64)
		}
		if a := Sum(x32); math.Float64bits(a) != math.Float64bits(g32) {
			t.Fatalf("n=%d float32: avx2 %v, generic %v", n, a, g32)
		}
	}
}

// rtExactData returns n values exactly representable in float64 from a
// 64-bit LCG, which the NumPy check below regenerates bit for bit.
func rtExactData(n int) []float64 {
	x := make([]float64, n)
	s := uint64(12345)
	for i := range x {
		s = s*6364136223846793005 + 1442695040888963407
		x[i] = float64(s>>11)*0x1p-52 - 1
	}
	return x
}

// TestSumMatchesNumPy pins Sum to np.sum: the generic and AVX2 paths use
// NumPy's pairwise structure exactly. The expected bits come from
//
//	s = 12345; x = []
//	for i in range(n): s = (s*6364136223846793005 + 1442695040888963407) % 2**64; x.append((s >> 11) * 2.0**-52 - 1)
//	np.sum(np.array(x)).hex()
func TestSumMatchesNumPy(t *testing.T) {
	want := map[int]string{
		1:       "-0x1.8fcaa03bcddb0p-1",
		100:     "0x1.843502b62140ep-1",
		1000003: "0x1.12d6783262b90p+6",
	}
	orig := ActiveLevel()
	defer SetLevel(orig)
	for n, w := range want {
		wf, err := strconv.ParseFloat(w, 64)
		if err != nil {
			t.Fatal(err)
		}
		x := rtExactData(n)
		for _, l := range levels() {
			if l == AVX512 {
				continue // 16 lanes: a different, equally accurate tree
			}
			SetLevel(l)
			if got := Sum(x); got != wf {
				t.Errorf("%v n=%d: Sum=%x, np.sum=%x", l, n, got, wf)
			}
		}
	}
}

// TestSumAccuracyLarge checks the pairwise error bound on long and
// adversarial inputs.
func TestSumAccuracyLarge(t *testing.T) {
	n := 10_000_000
	if testing.Short() {
		n = 1_000_000
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]float64, n)
	for i := range random {
		random[i] = rng.NormFloat64() * math.Exp2(float64(rng.IntN(40)-20))
	}
	// Many ones between two huge values that cancel: naive summation loses
	// every one of them.
	ones := make([]float64, n)
	for i := range ones {
		ones[i] = 1
	}
	ones[0], ones[n/2], ones[n-1] = 1e16, 1e16, -2e16
	// Alternating huge and tiny values of both signs.
	alt := make([]float64, n)
	for i := range alt {
		alt[i] = float64(1-2*(i&1)) * math.Exp2(float64(i%100-50))
	}
	forEachLevel(t, func(t *testing.T) {
		for name, x := range map[string][]float64{"random": random, "ones+1e16": ones, "alternating": alt} {
			got, exact := Sum(x), rtFsum(x)
			bound := rtSumBound(x, exact)
			if d := math.Abs(got - exact); d > bound {
				t.Errorf("%s: Sum=%v exact=%v err=%g bound=%g", name, got, exact, d, bound)
			}
		}
	})
}

// TestSumFloat32Ones: float32 input is accumulated in float64, so 2e7 ones
// (where a float32 accumulator would stall at 2^24) sum exactly.
func TestSumFloat32Ones(t *testing.T) {
	n := 20_000_000
	x := make([]float32, n)
	for i := range x {
		x[i] = 1
	}
	forEachLevel(t, func(t *testing.T) {
		if got := Sum(x); got != float64(n) {
			t.Fatalf("Sum of %d float32 ones = %v", n, got)
		}
	})
}

func testSumIntType[T ~int32 | ~int64](t *testing.T) {
	for _, n := range rtSizes {
		x, whole := rtGuarded(n, rtRandom[T](uint64(n)))
		orig := slices.Clone(whole)
		var want int64
		for _, v := range x {
			want += int64(v)
		}
		if got := SumInt(x); got != want {
			t.Fatalf("n=%d: SumInt=%d want %d", n, got, want)
		}
		if !rtSameBits(orig, whole) {
			t.Fatalf("n=%d: input changed", n)
		}
		for _, inc := range []int{2, -1, -3} {
			m := n / rtAbs(inc)
			ix := 0
			if inc < 0 {
				ix = (m - 1) * -inc
			}
			var want int64
			for i := 0; i < m; i++ {
				want += int64(x[ix+i*inc])
			}
			if got := SumIntInc(x, m, inc, ix); got != want {
				t.Fatalf("n=%d inc=%d: SumIntInc=%d want %d", n, inc, got, want)
			}
		}
	}
}

func TestSumInt(t *testing.T) {
	t.Run("int32", testSumIntType[int32])
	t.Run("int64", testSumIntType[int64])
	// Wrap-around like NumPy's int64 accumulator.
	if got := SumInt([]int64{math.MaxInt64, 1}); got != math.MinInt64 {
		t.Fatalf("wrap: got %d", got)
	}
	if got := SumInt([]int32{math.MaxInt32, math.MaxInt32}); got != 2*math.MaxInt32 {
		t.Fatalf("int32 into int64: got %d", got)
	}
}

// rtMinMaxRef is the straightforward reference: NaN if any, else the
// extreme by comparison.
func rtMinMaxRef[T Number](x []T, isMax bool) T {
	m := x[0]
	for _, v := range x {
		if v != v {
			return v
		}
		if (isMax && v > m) || (!isMax && v < m) {
			m = v
		}
	}
	return m
}

// rtIsNaN reports whether v is a float NaN.
func rtIsNaN[T Number](v T) bool { return v != v }

func testMinMaxType[T Number](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, n := range rtSizes {
			if n == 0 {
				continue
			}
			x, whole := rtGuarded(n, rtRandom[T](uint64(n)+3))
			orig := slices.Clone(whole)
			check := func(what string, x []T) {
				t.Helper()
				for _, isMax := range []bool{false, true} {
					f, name := Min[T], "Min"
					if isMax {
						f, name = Max[T], "Max"
					}
					got, want := f(x), rtMinMaxRef(x, isMax)
					if got != want && !(rtIsNaN(got) && rtIsNaN(want)) {
						t.Fatalf("n=%d %s %s: got %v want %v", n, what, name, got, want)
					}
				}
			}
			check("random", x)
			if !rtSameBits(orig, whole) {
				t.Fatalf("n=%d: input changed", n)
			}
			var z T
			if _, isInt := any(z).(int32); !isInt {
				if _, isInt = any(z).(int64); !isInt {
					// NaN first, in the middle, last; and infinities.
					for _, at := range []int{0, n / 2, n - 1} {
						y := slices.Clone(x)
						y[at] = T(math.NaN())
						check(fmt.Sprint("NaN at ", at), y)
						y[at] = T(math.Inf(1))
						check(fmt.Sprint("+Inf at ", at), y)
						y[at] = T(math.Inf(-1))
						check(fmt.Sprint("-Inf at ", at), y)
					}
				}
			}
			// The extreme at either end, where lane folding and tails meet.
			for _, at := range []int{0, n - 1} {
				y := slices.Clone(x)
				y[at] = 0
				for i := range y {
					if i != at {
						y[i] = 1
					}
				}
				check(fmt.Sprint("extreme at ", at), y)
			}
			// Strided.
			for _, inc := range []int{1, 2, -1, -3} {
				m := n / rtAbs(inc)
				if m == 0 {
					continue
				}
				ix := 0
				if inc < 0 {
					ix = (m - 1) * -inc
				}
				ref := make([]T, m)
				for i := range ref {
					ref[i] = x[ix+i*inc]
				}
				if got, want := MinInc(x, m, inc, ix), rtMinMaxRef(ref, false); got != want {
					t.Fatalf("n=%d inc=%d: MinInc=%v want %v", n, inc, got, want)
				}
				if got, want := MaxInc(x, m, inc, ix), rtMinMaxRef(ref, true); got != want {
					t.Fatalf("n=%d inc=%d: MaxInc=%v want %v", n, inc, got, want)
				}
			}
		}
	})
}

func TestMinMax(t *testing.T) {
	t.Run("float64", testMinMaxType[float64])
	t.Run("float32", testMinMaxType[float32])
	t.Run("int32", testMinMaxType[int32])
	t.Run("int64", testMinMaxType[int64])
	if got := Min([]int64{math.MaxInt64, math.MinInt64, 0}); got != math.MinInt64 {
		t.Fatalf("int64 extremes: %d", got)
	}
	if got := MaxInc([]float64{1, math.NaN(), 3}, 2, 2, 0); got != 3 {
		t.Fatalf("MaxInc skipping a NaN: %v", got)
	}
	if got := MinInc([]float64{1, 2, math.NaN()}, 3, -1, 2); !math.IsNaN(got) {
		t.Fatalf("MinInc NaN first: %v", got)
	}
}

func TestReducePanics(t *testing.T) {
	cases := map[string]func(){
		"Min empty":          func() { Min([]float64{}) },
		"Max empty":          func() { Max([]int32(nil)) },
		"MinInc n=0":         func() { MinInc([]float64{1}, 0, 1, 0) },
		"SumInc short":       func() { SumInc([]float64{1, 2, 3}, 3, 2, 0) },
		"SumInc negative n":  func() { SumInc([]float64{1}, -1, 1, 0) },
		"SumInc bad ix":      func() { SumInc([]float64{1, 2}, 2, -1, 0) },
		"SumIntInc short":    func() { SumIntInc([]int64{1, 2}, 3, 1, 0) },
		"SumRows short x":    func() { SumRows(make([]float64, 2), make([]float64, 5), 3, 2, 2) },
		"SumRows short acc":  func() { SumRows(make([]float64, 1), make([]float64, 6), 3, 2, 2) },
		"SumRows ld < cols":  func() { SumRows(make([]float64, 2), make([]float64, 6), 3, 2, 1) },
		"SumRows neg rows":   func() { SumRows(make([]float64, 2), make([]float64, 6), -1, 2, 2) },
		"MinRows short acc":  func() { MinRows(make([]int32, 1), make([]int32, 6), 3, 2, 2) },
		"SumRowsInt short x": func() { SumRowsInt(make([]int64, 2), make([]int32, 5), 3, 2, 2) },
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
	// Empty shapes are fine.
	SumRows(nil, []float64(nil), 0, 5, 5)
	MinRows(nil, []float32(nil), 3, 0, 0)
	if SumInc([]float64(nil), 0, 1, 0) != 0 {
		t.Fatal("empty SumInc")
	}
}

// rtRowsShapes are the (rows, cols, pad) block shapes the column kernels
// are checked on: pad is ld - cols.
var rtRowsShapes = func() [][3]int {
	var s [][3]int
	for _, cols := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 40, 64, 70} {
		for _, rows := range []int{0, 1, 3, 17, 130, 300} {
			s = append(s, [3]int{rows, cols, 0}, [3]int{rows, cols, 3})
		}
	}
	// Rows at least redStreamCols wide, which the float64 sum reads in row
	// order, with odd tails, a short block and one row.
	for _, cols := range []int{512, 517, 1030} {
		for _, rows := range []int{1, 3, 4, 5, 15, 16, 19, 130} {
			s = append(s, [3]int{rows, cols, 0}, [3]int{rows, cols, 5})
		}
	}
	return s
}()

func testSumRowsType[T Float](t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, sh := range rtRowsShapes {
			rows, cols, ld := sh[0], sh[1], sh[1]+sh[2]
			n := max(0, (rows-1)*ld+cols)
			if rows == 0 {
				n = 0
			}
			x, whole := rtGuarded(n, rtRandom[T](uint64(rows*1000+cols)))
			orig := slices.Clone(whole)
			acc, accWhole := rtGuarded(cols, func(j int) float64 { return float64(j) - 0.25 })
			want := slices.Clone(acc)
			for r := 0; r < rows; r++ {
				for j := 0; j < cols; j++ {
					want[j] += float64(x[r*ld+j])
				}
			}
			SumRows(acc, x, rows, cols, ld)
			if !rtSameBits(acc, want) {
				t.Fatalf("rows=%d cols=%d ld=%d: got %v want %v", rows, cols, ld, acc, want)
			}
			rtGuardsIntact(t, accWhole, "SumRows acc")
			if !rtSameBits(orig, whole) {
				t.Fatalf("rows=%d cols=%d: input changed", rows, cols)
			}
		}
	})
}

func TestSumRows(t *testing.T) {
	t.Run("float64", testSumRowsType[float64])
	t.Run("float32", testSumRowsType[float32])
	t.Run("int", func(t *testing.T) {
		for _, sh := range rtRowsShapes {
			rows, cols, ld := sh[0], sh[1], sh[1]+sh[2]
			n := 0
			if rows > 0 {
				n = (rows-1)*ld + cols
			}
			x, _ := rtGuarded(n, rtRandom[int32](uint64(rows+cols)))
			acc, accWhole := rtGuarded(cols, func(j int) int64 { return int64(j) })
			want := slices.Clone(acc)
			for r := 0; r < rows; r++ {
				for j := 0; j < cols; j++ {
					want[j] += int64(x[r*ld+j])
				}
			}
			SumRowsInt(acc, x, rows, cols, ld)
			if !slices.Equal(acc, want) {
				t.Fatalf("rows=%d cols=%d: got %v want %v", rows, cols, acc, want)
			}
			rtGuardsIntact(t, accWhole, "SumRowsInt acc")
		}
	})
}

func testMinMaxRowsType[T Number](t *testing.T) {
	var z T
	_, f64 := any(z).(float64)
	_, f32 := any(z).(float32)
	isFloat := f64 || f32
	forEachLevel(t, func(t *testing.T) {
		for _, sh := range rtRowsShapes {
			rows, cols, ld := sh[0], sh[1], sh[1]+sh[2]
			n := 0
			if rows > 0 {
				n = (rows-1)*ld + cols
			}
			x, whole := rtGuarded(n, rtRandom[T](uint64(rows*7+cols)))
			if isFloat && rows > 0 {
				// NaN in the data of some columns, first and last row.
				for j := 0; j < cols; j += 5 {
					x[j] = T(math.NaN())
				}
				for j := 3; j < cols; j += 7 {
					x[(rows-1)*ld+j] = T(math.NaN())
				}
				for j := 1; j < cols; j += 6 {
					x[(rows/2)*ld+j] = T(math.Inf(1 - 2*(j&1)))
				}
			}
			orig := slices.Clone(whole)
			for _, isMax := range []bool{false, true} {
				acc, accWhole := rtGuarded(cols, rtRandom[T](uint64(cols)))
				if isFloat {
					// A NaN already in acc must survive.
					for j := 2; j < cols; j += 9 {
						acc[j] = T(math.NaN())
					}
				}
				want := slices.Clone(acc)
				for r := 0; r < rows; r++ {
					for j := 0; j < cols; j++ {
						v := x[r*ld+j]
						if rtIsNaN(want[j]) {
							continue
						}
						if rtIsNaN(v) || (isMax && v > want[j]) || (!isMax && v < want[j]) {
							want[j] = v
						}
					}
				}
				if isMax {
					MaxRows(acc, x, rows, cols, ld)
				} else {
					MinRows(acc, x, rows, cols, ld)
				}
				for j := range acc {
					if acc[j] != want[j] && !(rtIsNaN(acc[j]) && rtIsNaN(want[j])) {
						t.Fatalf("max=%v rows=%d cols=%d ld=%d col %d: got %v want %v", isMax, rows, cols, ld, j, acc[j], want[j])
					}
				}
				rtGuardsIntact(t, accWhole, "MinRows/MaxRows acc")
			}
			if !rtSameBits(orig, whole) {
				t.Fatalf("rows=%d cols=%d: input changed", rows, cols)
			}
		}
	})
}

func TestMinMaxRows(t *testing.T) {
	t.Run("float64", testMinMaxRowsType[float64])
	t.Run("float32", testMinMaxRowsType[float32])
	t.Run("int32", testMinMaxRowsType[int32])
	t.Run("int64", testMinMaxRowsType[int64])
}

// TestReduceNoAllocs: kernels allocate nothing, the type switches included.
func TestReduceNoAllocs(t *testing.T) {
	x := make([]float64, 1000)
	y := make([]float32, 1000)
	acc := make([]float64, 10)
	acc32 := make([]float32, 10)
	out := make([]Moments, 10)
	sub, div := make([]float64, 10), make([]float64, 10)
	forEachLevel(t, func(t *testing.T) {
		allocs := testing.AllocsPerRun(10, func() {
			Sum(x)
			Sum(y)
			SumInc(x, 500, -2, 998)
			Min(x)
			Max(y)
			SumRows(acc, x, 100, 10, 10)
			MinRows(acc32, y, 100, 10, 10)
			MomentsOf(x)
			MomentsOf(y)
			MomentsRows(out, y, 100, 10, 10)
			SubDiv(x, x, 1, 2)
			SubDivRows(y, y, 100, 10, 10, 10, sub, div)
		})
		if allocs != 0 {
			t.Fatalf("%v allocations per run", allocs)
		}
	})
}

// TestAddRowSums checks AddRowSums against SumPlain row by row, bit for
// bit, at every level: every row length below 64, row counts around the
// AVX-512 body's groups of eight, NaN and infinities, and the panics.
func TestAddRowSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	forEachLevel(t, func(t *testing.T) {
		for cols := 1; cols < 64; cols++ {
			for _, rows := range []int{0, 1, 7, 8, 9, 17, 64} {
				x := make([]float64, rows*cols)
				for i := range x {
					x[i] = (rng.Float64()*2 - 1) * math.Ldexp(1, rng.IntN(40)-20)
				}
				if rows > 3 {
					x[cols+cols/2] = math.NaN()
					x[3*cols] = math.Inf(-1)
				}
				sums, want := make([]float64, rows), make([]float64, rows)
				for r := range sums {
					sums[r] = rng.Float64()
					want[r] = sums[r] + SumPlain(x[r*cols:(r+1)*cols])
				}
				AddRowSums(sums, x, cols)
				for r := range sums {
					if math.Float64bits(sums[r]) != math.Float64bits(want[r]) && !(sums[r] != sums[r] && want[r] != want[r]) {
						t.Fatalf("cols %d rows %d row %d: %v, want %v", cols, rows, r, sums[r], want[r])
					}
				}
			}
		}
	})
	for _, bad := range []func(){
		func() { AddRowSums(make([]float64, 2), make([]float64, 15), 8) },
		func() { AddRowSums(make([]float64, 1), make([]float64, 64), 64) },
		func() { AddRowSums(nil, nil, 0) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("AddRowSums did not panic")
				}
			}()
			bad()
		}()
	}
}
