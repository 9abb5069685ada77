package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"gonp/kernels/vmath"
)

// The elementwise tests compare every op, element type and level with a
// scalar reference written apart from the kernels, on random data salted
// with special values, in gonum's asm_test style: guard bands around dst
// catch stray writes, and read-only operands must come back unchanged.

// myFloat checks that types defined on a float take the plain-Go path.
type myFloat float64

const ewGuard = 9 // guard elements each side of dst

var ewLengths = func() []int {
	var ls []int
	for n := 0; n <= 70; n++ {
		ls = append(ls, n)
	}
	return append(ls, 127, 1000, 2*ewBlock+37)
}()

func ewKind[T Number]() reflect.Kind { return reflect.TypeFor[T]().Kind() }

// ewBits is v's bit pattern, widened to 64 bits.
func ewBits[T Number](v T) uint64 {
	switch ewKind[T]() {
	case reflect.Float32:
		return uint64(math.Float32bits(float32(v)))
	case reflect.Float64:
		return math.Float64bits(float64(v))
	}
	return uint64(int64(v))
}

func ewIsNaN[T Number](v T) bool { return v != v }

// ewSame reports whether got matches want: the same bits, or both NaN
// unless exact asks that NaNs match bit for bit too (abs and negative are
// sign-bit operations, and NumPy's keep the payload).
func ewSame[T Number](got, want T, exact bool) bool {
	if !exact && ewIsNaN(got) && ewIsNaN(want) {
		return true
	}
	return ewBits(got) == ewBits(want)
}

// ewSpecials are the edge values of T: signed zeros, infinities, NaNs of
// both signs, subnormals and extremes for floats; the extremes for ints.
func ewSpecials[T Number]() []T {
	half := 0.5
	switch ewKind[T]() {
	case reflect.Float32:
		f := func(b uint32) T { return T(math.Float32frombits(b)) }
		return []T{0, f(0x80000000), f(0x7f800000), f(0xff800000), f(0x7fc00000), f(0xffc00000),
			f(1), f(0x80000001), f(0x007fffff), f(0x7f7fffff), f(0xff7fffff), f(0x00800000),
			1, -1, T(half), 2, -2, 3}
	case reflect.Float64:
		f := func(b uint64) T { return T(math.Float64frombits(b)) }
		return []T{0, f(1 << 63), f(0x7ff0000000000000), f(0xfff0000000000000), f(0x7ff8000000000000),
			f(0xfff8000000000000), f(1), f(1<<63 | 1), f(0x000fffffffffffff), f(0x7fefffffffffffff),
			f(0xffefffffffffffff), f(0x0010000000000000), 1, -1, T(half), 2, -2, 3}
	case reflect.Int32:
		var m T = math.MaxInt32
		return []T{0, 1, -1, 2, -2, 3, m, -m, -m - 1, 46341, -46341}
	}
	var m, r int64 = math.MaxInt64, 3037000500 // r*r just overflows
	return []T{0, 1, -1, 2, -2, 3, T(m), T(-m), T(-m - 1), T(r), T(-r)}
}

// ewRandom fills a slice of n random values, a quarter of them specials.
func ewRandom[T Number](rng *rand.Rand, n int) []T {
	sp := ewSpecials[T]()
	x := make([]T, n)
	isF := ewKind[T]() == reflect.Float32 || ewKind[T]() == reflect.Float64
	for i := range x {
		switch {
		case rng.IntN(4) == 0:
			x[i] = sp[rng.IntN(len(sp))]
		case isF:
			x[i] = T(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(13)-6)))
		case rng.IntN(2) == 0:
			x[i] = T(rng.IntN(41) - 20) // small, so that powers are interesting
		case ewKind[T]() == reflect.Int32:
			x[i] = T(int32(rng.Uint32()))
		default:
			x[i] = T(int64(rng.Uint64()))
		}
	}
	return x
}

// ewGuarded returns a slice of n sentinels inside guard bands of sentinels.
func ewGuarded[T Number](n int) (all, mid []T) {
	all = make([]T, n+2*ewGuard)
	s := ewSentinel[T]()
	for i := range all {
		all[i] = s
	}
	return all, all[ewGuard : ewGuard+n]
}

// ewSentinel is a NaN with an odd payload for floats, an odd value for
// ints: no kernel produces it by chance.
func ewSentinel[T Number]() T {
	switch ewKind[T]() {
	case reflect.Float32:
		return T(math.Float32frombits(0x7fa5a5a5))
	case reflect.Float64:
		return T(math.Float64frombits(0x7ff5a5a5a5a5a5a5))
	}
	return T(-0x5a5a5a5a)
}

func ewCheckGuards[T Number](t *testing.T, all []T, n int, what string) {
	t.Helper()
	s := ewBits(ewSentinel[T]())
	for i, v := range all {
		if (i < ewGuard || i >= ewGuard+n) && ewBits(v) != s {
			t.Fatalf("%s: wrote outside dst at guard index %d", what, i-ewGuard)
		}
	}
}

func ewCheckUnchanged[T Number](t *testing.T, got, orig []T, what string) {
	t.Helper()
	for i := range orig {
		if ewBits(got[i]) != ewBits(orig[i]) {
			t.Fatalf("%s: input modified at %d", what, i)
		}
	}
}

// refUnary is op(v) as NumPy defines it, written without the kernels'
// helpers.
func refUnary[T Number](op UnaryOp, v T) T {
	k := ewKind[T]()
	isF := k == reflect.Float32 || k == reflect.Float64
	switch op {
	case OpSquare:
		return v * v
	case OpNegative:
		if k == reflect.Float32 {
			return T(math.Float32frombits(math.Float32bits(float32(v)) ^ 1<<31))
		}
		if k == reflect.Float64 {
			return T(math.Float64frombits(math.Float64bits(float64(v)) ^ 1<<63))
		}
		return 0 - v
	case OpAbs:
		if k == reflect.Float32 {
			return T(math.Float32frombits(math.Float32bits(float32(v)) &^ (1 << 31)))
		}
		if k == reflect.Float64 {
			return T(math.Float64frombits(math.Float64bits(float64(v)) &^ (1 << 63)))
		}
		if v < 0 {
			return 0 - v
		}
		return v
	}
	if !isF {
		panic("refUnary: int op")
	}
	f := float64(v)
	switch op {
	case OpSqrt:
		return T(math.Sqrt(f))
	// Package vmath's results, tested there against a math/big reference.
	case OpExp:
		return refVmath(vmath.Exp, vmath.Exp32, v)
	case OpLog:
		return refVmath(vmath.Log, vmath.Log32, v)
	case OpSin:
		return refVmath(vmath.Sin, vmath.Sin32, v)
	case OpCos:
		return refVmath(vmath.Cos, vmath.Cos32, v)
	}
	panic("refUnary: bad op")
}

// refVmath is what the kernels compute for one element with an elementary
// function of package vmath: f32 where T is exactly float32, f64 on the
// element converted to float64 otherwise (types defined on float32 too).
func refVmath[T Number](f64 func(dst, x []float64), f32 func(dst, x []float32), v T) T {
	if w, ok := any(v).(float32); ok {
		d := []float32{w}
		f32(d, d)
		return T(d[0])
	}
	d := []float64{float64(v)}
	f64(d, d)
	return T(d[0])
}

// refBinary is op(x, y) as NumPy defines it.
func refBinary[T Number](op BinaryOp, x, y T) T {
	k := ewKind[T]()
	isF := k == reflect.Float32 || k == reflect.Float64
	switch op {
	case OpAdd:
		return x + y
	case OpSubtract:
		return x - y
	case OpMultiply:
		return x * y
	case OpDivide:
		return x / y
	case OpMaximum, OpMinimum:
		if x != x {
			return x
		}
		if y != y {
			return y
		}
		if x == y { // NumPy returns the second of ±0
			return y
		}
		if (op == OpMaximum) == (x > y) {
			return x
		}
		return y
	case OpPower:
		if isF {
			return refPowVmath(x, y)
		}
		if y < 0 { // documented: truncated toward zero
			switch {
			case x == 1:
				return 1
			case x == -1 && int64(y)%2 != 0:
				return -1
			case x == -1:
				return 1
			}
			return 0
		}
		r := T(1)
		if y > 200 { // only x in {0, ±1} stays cheap to check this way
			switch {
			case x == 0:
				return 0
			case x == 1:
				return 1
			case x == -1 && int64(y)%2 != 0:
				return -1
			case x == -1:
				return 1
			}
			return refPowBig(x, y)
		}
		for range int64(y) {
			r *= x
		}
		return r
	}
	panic("refBinary: bad op")
}

// refPowBig is x**y mod 2**64 by binary exponentiation on uint64, a route
// apart from the kernel's signed one.
func refPowBig[T Number](x, y T) T {
	b, e, r := uint64(int64(x)), uint64(int64(y)), uint64(1)
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			r *= b
		}
		b *= b
	}
	return T(int64(r))
}

var ewUnaryOps = []UnaryOp{OpSquare, OpSqrt, OpAbs, OpNegative, OpExp, OpLog, OpSin, OpCos}

var ewBinaryOps = []BinaryOp{OpAdd, OpSubtract, OpMultiply, OpDivide, OpMaximum, OpMinimum, OpPower}

func testUnary[T Number](t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	forEachLevel(t, func(t *testing.T) {
		for _, op := range ewUnaryOps {
			if !UnarySupported[T](op) {
				continue
			}
			exact := op == OpAbs || op == OpNegative
			for _, n := range ewLengths {
				what := fmt.Sprintf("%v n=%d", op, n)
				x := ewRandom[T](rng, n)
				orig := append([]T(nil), x...)
				all, dst := ewGuarded[T](n)
				Unary(op, dst, x)
				ewCheckGuards(t, all, n, what)
				ewCheckUnchanged(t, x, orig, what)
				for i, v := range orig {
					if want := refUnary(op, v); !ewSame(dst[i], want, exact) {
						t.Fatalf("%s: %v(%v) = %v, want %v at %d", what, op, v, dst[i], want, i)
					}
				}
				Unary(op, x, x) // in place
				for i := range x {
					if !ewSame(x[i], dst[i], exact) {
						t.Fatalf("%s in place: got %v, want %v at %d", what, x[i], dst[i], i)
					}
				}
			}
		}
	})
}

func TestUnaryFloat64(t *testing.T) { testUnary[float64](t) }
func TestUnaryFloat32(t *testing.T) { testUnary[float32](t) }
func TestUnaryInt64(t *testing.T)   { testUnary[int64](t) }
func TestUnaryInt32(t *testing.T)   { testUnary[int32](t) }
func TestUnaryMyFloat(t *testing.T) { testUnary[myFloat](t) }

func testBinary[T Number](t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	forEachLevel(t, func(t *testing.T) {
		for _, op := range ewBinaryOps {
			if !BinarySupported[T](op) {
				continue
			}
			for _, n := range ewLengths {
				what := fmt.Sprintf("%v n=%d", op, n)
				x, y := ewRandom[T](rng, n), ewRandom[T](rng, n)
				ox, oy := append([]T(nil), x...), append([]T(nil), y...)
				var s T
				if n > 0 {
					s = x[rng.IntN(n)]
				}
				check := func(variant string, dst []T, ref func(i int) T) {
					t.Helper()
					for i := range dst {
						if want := ref(i); !ewSame(dst[i], want, false) {
							t.Fatalf("%s %s: got %v, want %v at %d (x=%v y=%v s=%v)", what, variant, dst[i], want, i, ox[i], oy[i], s)
						}
					}
				}
				all, dst := ewGuarded[T](n)
				Binary(op, dst, x, y)
				ewCheckGuards(t, all, n, what)
				ewCheckUnchanged(t, x, ox, what)
				ewCheckUnchanged(t, y, oy, what)
				check("", dst, func(i int) T { return refBinary(op, ox[i], oy[i]) })

				all, dst = ewGuarded[T](n)
				BinaryScalarRight(op, dst, x, s)
				ewCheckGuards(t, all, n, what+" scalar right")
				ewCheckUnchanged(t, x, ox, what)
				check("scalar right", dst, func(i int) T { return refBinaryRight(op, ox[i], s) })

				all, dst = ewGuarded[T](n)
				BinaryScalarLeft(op, dst, s, y)
				ewCheckGuards(t, all, n, what+" scalar left")
				ewCheckUnchanged(t, y, oy, what)
				check("scalar left", dst, func(i int) T { return refBinary(op, s, oy[i]) })

				// In place, into either operand.
				Binary(op, x, x, y)
				check("dst=x", x, func(i int) T { return refBinary(op, ox[i], oy[i]) })
				copy(x, ox)
				Binary(op, y, x, y)
				check("dst=y", y, func(i int) T { return refBinary(op, ox[i], oy[i]) })
				copy(y, oy)
				BinaryScalarRight(op, x, x, s)
				check("scalar right in place", x, func(i int) T { return refBinaryRight(op, ox[i], s) })
				BinaryScalarLeft(op, y, s, y)
				check("scalar left in place", y, func(i int) T { return refBinary(op, s, oy[i]) })
			}
		}
	})
}

func TestBinaryFloat64(t *testing.T) { testBinary[float64](t) }
func TestBinaryFloat32(t *testing.T) { testBinary[float32](t) }
func TestBinaryInt64(t *testing.T)   { testBinary[int64](t) }
func TestBinaryInt32(t *testing.T)   { testBinary[int32](t) }
func TestBinaryMyFloat(t *testing.T) { testBinary[myFloat](t) }

// testBinarySpecialPairs runs every pair of special values through every
// op, long enough for the SIMD bodies: ±0 and NaN in max and min, inf-inf,
// 0/0, pow's special cases, int wrap-around.
func testBinarySpecialPairs[T Number](t *testing.T) {
	sp := ewSpecials[T]()
	var x, y []T
	for _, a := range sp {
		for _, b := range sp {
			x, y = append(x, a), append(y, b)
		}
	}
	dst := make([]T, len(x))
	forEachLevel(t, func(t *testing.T) {
		for _, op := range ewBinaryOps {
			if !BinarySupported[T](op) {
				continue
			}
			Binary(op, dst, x, y)
			for i := range dst {
				if want := refBinary(op, x[i], y[i]); !ewSame(dst[i], want, false) {
					t.Errorf("%v(%v, %v) = %v, want %v", op, x[i], y[i], dst[i], want)
				}
			}
		}
	})
}

func TestBinarySpecialPairsFloat64(t *testing.T) { testBinarySpecialPairs[float64](t) }
func TestBinarySpecialPairsFloat32(t *testing.T) { testBinarySpecialPairs[float32](t) }
func TestBinarySpecialPairsInt64(t *testing.T)   { testBinarySpecialPairs[int64](t) }
func TestBinarySpecialPairsInt32(t *testing.T)   { testBinarySpecialPairs[int32](t) }

// TestNumPyValues pins results that NumPy 2.4 gives, so that the
// reference above cannot drift from NumPy unnoticed.
func TestNumPyValues(t *testing.T) {
	negZero := math.Copysign(0, -1)
	nan, inf := math.NaN(), math.Inf(1)
	forEachLevel(t, func(t *testing.T) {
		f64 := func(op BinaryOp, x, y, want float64) {
			t.Helper()
			xs := []float64{x, x, x, x, x, x, x, x, x}
			ys := []float64{y, y, y, y, y, y, y, y, y}
			d := make([]float64, len(xs))
			Binary(op, d, xs, ys)
			for _, v := range d {
				if !ewSame(v, want, false) {
					t.Errorf("%v(%v, %v) = %v, want %v", op, x, y, v, want)
					return
				}
			}
		}
		f64(OpMaximum, negZero, 0, 0)       // np.maximum(-0.0, 0.0) == +0.0
		f64(OpMaximum, 0, negZero, negZero) // np.maximum(0.0, -0.0) == -0.0
		f64(OpMinimum, negZero, 0, 0)       // np.minimum(-0.0, 0.0) == +0.0
		f64(OpMinimum, 0, negZero, negZero) // np.minimum(0.0, -0.0) == -0.0
		f64(OpMaximum, nan, 1, nan)         //
		f64(OpMaximum, 1, nan, nan)         //
		f64(OpMinimum, 1, nan, nan)         //
		f64(OpPower, -8, 1.0/3, nan)        //
		f64(OpPower, negZero, -1, -inf)     //
		f64(OpPower, negZero, -2, inf)      //
		f64(OpPower, 1, nan, 1)             //
		f64(OpPower, nan, 0, 1)             //
		f64(OpPower, -1, inf, 1)            //
		f64(OpPower, 0, -inf, inf)          //
		f64(OpDivide, -1, 0, -inf)          //
		f64(OpDivide, 0, 0, nan)            //
		f64(OpSubtract, inf, inf, nan)      //

		i64 := func(op BinaryOp, x, y, want int64) {
			t.Helper()
			d := make([]int64, 9)
			BinaryScalarRight(op, d, []int64{x, x, x, x, x, x, x, x, x}, y)
			if d[8] != want || d[0] != want {
				t.Errorf("%v(%v, %v) = %v, want %v", op, x, y, d[0], want)
			}
		}
		i64(OpPower, 2, 62, 1<<62)
		i64(OpPower, 2, 63, math.MinInt64)
		i64(OpPower, 7, 40, -6212923193149656639)
		i64(OpPower, 0, 0, 1)
		i64(OpPower, -1, 101, -1)
		i64(OpMultiply, math.MaxInt64, 2, -2)
		i64(OpAdd, math.MaxInt64, 1, math.MinInt64)
		d32 := make([]int32, 9)
		BinaryScalarRight(OpPower, d32, []int32{7, 7, 7, 7, 7, 7, 7, 7, 7}, 40)
		if d32[0] != -142118463 || d32[8] != -142118463 {
			t.Errorf("int32 7**40 = %v, want -142118463", d32[0])
		}
		a := []int64{math.MinInt64, math.MaxInt64, -3, 0, math.MinInt64, 1, 2, 3, 4}
		Unary(OpAbs, a, a)
		if a[0] != math.MinInt64 || a[1] != math.MaxInt64 || a[2] != 3 {
			t.Errorf("int64 abs = %v", a[:3])
		}
		u := []float64{math.Log(0), 0, negZero, -1, nan, 1, 1, 1, 1}
		Unary(OpLog, u[1:], u[1:])
		if !math.IsInf(u[1], -1) || !math.IsInf(u[2], -1) || !math.IsNaN(u[3]) {
			t.Errorf("log(0, -0, -1) = %v", u[1:4])
		}
		// glibc's values, which math.Exp and math.Log on amd64 miss.
		e := []float64{709.5801992843096, 709.7350355236024, 709.79, 709.78, -745.2, 709}
		Unary(OpExp, e, e)
		for i, want := range []float64{1.4681317030519923e+308, 1.7139949630082973e+308, inf, 1.7928227943945155e+308, 0, 8.218407461554972e+307} {
			if e[i] != want && (math.IsInf(want, 0) || math.Abs(e[i]-want) > 2*math.Abs(want-math.Nextafter(want, 0))) {
				t.Errorf("exp #%d = %v, want %v", i, e[i], want)
			}
		}
		l := []float64{5e-324, 2.2e-308, 0x1p-1022}
		Unary(OpLog, l, l)
		for i, want := range []float64{-744.4400719213812, -708.4077512818018, -708.3964185322641} {
			if math.Abs(l[i]-want) > 2e-13 {
				t.Errorf("log #%d = %v, want %v", i, l[i], want)
			}
		}
		s := []float64{negZero, -1, 4, 4, 4, 4, 4, 4, 4}
		Unary(OpSqrt, s, s)
		if math.Float64bits(s[0]) != 1<<63 || !math.IsNaN(s[1]) || s[2] != 2 {
			t.Errorf("sqrt(-0, -1, 4) = %v", s[:3])
		}
	})
}

// testInc checks the strided kernels against the contiguous ones, with
// positive, negative and zero increments, across the gather block size.
func testInc[T Number](t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	incs := []int{1, 2, 3, -1, -2, 0}
	forEachLevel(t, func(t *testing.T) {
		for _, n := range []int{0, 1, 2, 5, 17, 64, ewBlock + 3} {
			for _, incD := range incs[:5] {
				for _, incX := range incs {
					for _, incY := range incs {
						testIncCase[T](t, rng, n, incD, incX, incY)
					}
				}
			}
		}
	})
}

// ewSpan is how long a slice must be for n elements at inc, and the start
// index that gonum's convention gives: the far end for a negative inc.
func ewSpan(n, inc int) (length, start int) {
	if n == 0 {
		return 0, 0
	}
	a := inc
	if a < 0 {
		a = -a
	}
	length = (n-1)*a + 1
	if inc < 0 {
		start = length - 1
	}
	return length, start
}

func testIncCase[T Number](t *testing.T, rng *rand.Rand, n, incD, incX, incY int) {
	lx, ix := ewSpan(n, incX)
	ly, iy := ewSpan(n, incY)
	ld, id := ewSpan(n, incD)
	// Offset the starts so that the slices have slack before and after.
	x := ewRandom[T](rng, lx+4)
	y := ewRandom[T](rng, ly+4)
	ix, iy = ix+2, iy+2
	ox, oy := append([]T(nil), x...), append([]T(nil), y...)
	for _, op := range ewUnaryOps {
		if !UnarySupported[T](op) || incY != 1 {
			continue
		}
		all, dst := ewGuarded[T](ld + 4)
		UnaryInc(op, dst, x, n, incD, incX, id+2, ix)
		what := fmt.Sprintf("UnaryInc %v n=%d incDst=%d incX=%d", op, n, incD, incX)
		ewCheckGuards(t, all, ld+4, what)
		ewCheckUnchanged(t, x, ox, what)
		ewCheckIncDst(t, dst, nil, n, incD, id+2, what, func(i int) T { return refUnary(op, ox[ix+i*incX]) },
			op == OpAbs || op == OpNegative)
	}
	for _, op := range ewBinaryOps {
		if !BinarySupported[T](op) {
			continue
		}
		all, dst := ewGuarded[T](ld + 4)
		BinaryInc(op, dst, x, y, n, incD, incX, incY, id+2, ix, iy)
		what := fmt.Sprintf("BinaryInc %v n=%d incDst=%d incX=%d incY=%d", op, n, incD, incX, incY)
		ewCheckGuards(t, all, ld+4, what)
		ewCheckUnchanged(t, x, ox, what)
		ewCheckUnchanged(t, y, oy, what)
		ewCheckIncDst(t, dst, nil, n, incD, id+2, what, func(i int) T { return refBinaryInc(op, ox[ix+i*incX], oy[iy+i*incY], incY == 0) }, false)
	}
	// In place: dst addresses the same elements as x.
	if incX != 0 && incD == incX {
		for _, op := range []BinaryOp{OpAdd, OpMaximum} {
			BinaryInc(op, x, x, y, n, incX, incX, incY, ix, ix, iy)
			ewCheckIncDst(t, x, ox, n, incX, ix, fmt.Sprintf("BinaryInc %v in place incX=%d", op, incX),
				func(i int) T { return refBinaryInc(op, ox[ix+i*incX], oy[iy+i*incY], incY == 0) }, false)
			copy(x, ox)
		}
		UnaryInc(OpNegative, x, x, n, incX, incX, ix, ix)
		ewCheckIncDst(t, x, ox, n, incX, ix, fmt.Sprintf("UnaryInc in place incX=%d", incX),
			func(i int) T { return refUnary(OpNegative, ox[ix+i*incX]) }, true)
		copy(x, ox)
	}
}

// ewCheckIncDst checks the n addressed elements of dst against ref and
// that every other element still holds the sentinel, or orig's value when
// orig is not nil.
func ewCheckIncDst[T Number](t *testing.T, dst, orig []T, n, inc, start int, what string, ref func(i int) T, exact bool) {
	t.Helper()
	addressed := make(map[int]int, n)
	for i := range n {
		addressed[start+i*inc] = i
	}
	s := ewBits(ewSentinel[T]())
	for j, v := range dst {
		i, ok := addressed[j]
		if !ok {
			if orig != nil {
				s = ewBits(orig[j])
			}
			if ewBits(v) != s {
				t.Fatalf("%s: wrote dst[%d], which is not addressed", what, j)
			}
			continue
		}
		if want := ref(i); !ewSame(v, want, exact) {
			t.Fatalf("%s: element %d (dst[%d]) = %v, want %v", what, i, j, v, want)
		}
	}
}

func TestIncFloat64(t *testing.T) { testInc[float64](t) }
func TestIncFloat32(t *testing.T) { testInc[float32](t) }
func TestIncInt64(t *testing.T)   { testInc[int64](t) }
func TestIncInt32(t *testing.T)   { testInc[int32](t) }

func TestElementwisePanics(t *testing.T) {
	mustPanic := func(name, want string, f func()) {
		t.Helper()
		defer func() {
			t.Helper()
			if r := recover(); r != want {
				t.Errorf("%s: panic %v, want %q", name, r, want)
			}
		}()
		f()
	}
	f, g := make([]float64, 4), make([]float64, 5)
	i := make([]int64, 4)
	mustPanic("Unary length", ewErrLength, func() { Unary(OpSquare, f, g) })
	mustPanic("Unary int sqrt", ewErrUnsupported, func() { Unary(OpSqrt, i, i) })
	mustPanic("Unary bad op", ewErrUnsupported, func() { Unary(numUnaryOps, f, f) })
	mustPanic("Binary length", ewErrLength, func() { Binary(OpAdd, f, f, g) })
	mustPanic("Binary int divide", ewErrUnsupported, func() { Binary(OpDivide, i, i, i) })
	mustPanic("Binary bad op", ewErrUnsupported, func() { Binary(BinaryOp(-1), f, f, f) })
	mustPanic("ScalarRight length", ewErrLength, func() { BinaryScalarRight(OpAdd, f, g, 1) })
	mustPanic("ScalarLeft length", ewErrLength, func() { BinaryScalarLeft(OpAdd, f, 1, g) })
	mustPanic("UnaryInc n", ewErrNegativeN, func() { UnaryInc(OpAbs, f, f, -1, 1, 1, 0, 0) })
	mustPanic("UnaryInc dst", ewErrShortDst, func() { UnaryInc(OpAbs, f, g, 5, 1, 1, 0, 0) })
	mustPanic("UnaryInc x", ewErrShortX, func() { UnaryInc(OpAbs, g, f, 3, 2, 2, 0, 0) })
	mustPanic("UnaryInc x neg", ewErrShortX, func() { UnaryInc(OpAbs, g, f, 3, 1, -2, 0, 3) })
	mustPanic("UnaryInc x start", ewErrShortX, func() { UnaryInc(OpAbs, g, f, 1, 1, 0, 0, 4) })
	mustPanic("BinaryInc y", ewErrShortY, func() { BinaryInc(OpAdd, g, g, f, 5, 1, 1, 1, 0, 0, 0) })
	mustPanic("BinaryInc dst", ewErrShortDst, func() { BinaryInc(OpAdd, f, g, g, 2, -1, 1, 1, 0, 0, 0) })
	mustPanic("BinaryInc int divide", ewErrUnsupported, func() { BinaryInc(OpDivide, i, i, i, 1, 1, 1, 1, 0, 0, 0) })
	// n == 0 touches nothing, so any start index is fine.
	UnaryInc(OpAbs, f, f, 0, 1, 1, 100, 100)
	BinaryInc(OpAdd, f, f, f, 0, 1, 1, 1, 100, 100, 100)
}

func TestSupported(t *testing.T) {
	for _, op := range ewUnaryOps {
		if !UnarySupported[float32](op) || !UnarySupported[myFloat](op) {
			t.Errorf("%v not supported for floats", op)
		}
		want := op == OpSquare || op == OpAbs || op == OpNegative
		if UnarySupported[int32](op) != want || UnarySupported[int64](op) != want {
			t.Errorf("UnarySupported[int](%v) != %v", op, want)
		}
	}
	for _, op := range ewBinaryOps {
		if !BinarySupported[float64](op) {
			t.Errorf("%v not supported for float64", op)
		}
		if BinarySupported[int64](op) != (op != OpDivide) {
			t.Errorf("BinarySupported[int64](%v) wrong", op)
		}
	}
	if UnarySupported[float64](numUnaryOps) || BinarySupported[float64](numBinaryOps) {
		t.Error("out-of-range op reported supported")
	}
	if OpSquare.String() != "square" || OpPower.String() != "power" || UnaryOp(99).String() != "UnaryOp(?)" {
		t.Error("op names")
	}
}

// TestElementwiseNoAlloc holds the kernels to allocating nothing, strided
// ones (stack buffers) included.
func TestElementwiseNoAlloc(t *testing.T) {
	x := make([]float64, 3000)
	y := make([]float32, 3000)
	forEachLevel(t, func(t *testing.T) {
		n := testing.AllocsPerRun(10, func() {
			Unary(OpSquare, x, x)
			Binary(OpAdd, x, x, x)
			BinaryScalarRight(OpMaximum, y, y, 1)
			UnaryInc(OpAbs, x, x, 1000, 3, 3, 0, 0)
			BinaryInc(OpMultiply, y, y, y, 1000, -2, 2, 0, 1998, 0, 5)
		})
		if n != 0 {
			t.Errorf("%v allocations per run, want 0", n)
		}
	})
}

// refPowVmath is what the power kernel computes for one pair of elements
// (vector operands; the scalar-operand forms are checked by refBinary's
// callers through refPowScalar).
func refPowVmath[T Number](x, y T) T {
	if ewKind[T]() == reflect.Float32 {
		if _, exact := any(x).(float32); exact {
			d := []float32{float32(x)}
			vmath.Pow32(d, d, []float32{float32(y)})
			return T(d[0])
		}
	}
	d := []float64{float64(x)}
	vmath.Pow(d, d, []float64{float64(y)})
	return T(d[0])
}

// refBinaryRight is op(x, s) for a scalar right operand: power takes
// NumPy's scalar-exponent fast paths (2 is x*x, 0.5 sqrt, -1 1/x, 1 x).
func refBinaryRight[T Number](op BinaryOp, x, s T) T {
	if op == OpPower && isFloat[T]() {
		switch float64(s) {
		case 2:
			return x * x
		case 0.5:
			return T(math.Sqrt(float64(x)))
		case -1:
			return 1 / x
		case 1:
			return x
		}
	}
	return refBinary(op, x, s)
}

// refBinaryInc is refBinary, or refBinaryRight where y is broadcast.
func refBinaryInc[T Number](op BinaryOp, x, y T, yScalar bool) T {
	if yScalar {
		return refBinaryRight(op, x, y)
	}
	return refBinary(op, x, y)
}

// TestArithF64 checks ArithF64 and ArithScalarF64 against Binary and
// BinaryScalarRight bit for bit at every level: the four ops, lengths
// around the vector widths, NaN, infinities and signed zeros, in place.
func TestArithF64(t *testing.T) {
	vals := []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), 1, -2.5, 3e300, 5e-324, 0.1}
	forEachLevel(t, func(t *testing.T) {
		for _, op := range []BinaryOp{OpAdd, OpSubtract, OpMultiply, OpDivide} {
			for n := range 70 {
				x, y := make([]float64, n), make([]float64, n)
				for i := range x {
					x[i], y[i] = vals[(i*7)%len(vals)], vals[(i*3+1)%len(vals)]
				}
				s := vals[n%len(vals)]
				got, want := make([]float64, n), make([]float64, n)
				ArithF64(op, got, x, y)
				Binary(op, want, x, y)
				gotS, wantS := make([]float64, n), make([]float64, n)
				ArithScalarF64(op, gotS, x, s)
				BinaryScalarRight(op, wantS, x, s)
				inPlace := append([]float64(nil), x...)
				ArithF64(op, inPlace, inPlace, y)
				for i := range n {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) ||
						math.Float64bits(gotS[i]) != math.Float64bits(wantS[i]) ||
						math.Float64bits(inPlace[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%v n=%d element %d: %v %v %v, want %v %v", op, n, i, got[i], gotS[i], inPlace[i], want[i], wantS[i])
					}
				}
			}
		}
	})
	for _, bad := range []func(){
		func() { ArithF64(OpAdd, make([]float64, 2), make([]float64, 3), make([]float64, 2)) },
		func() { ArithScalarF64(OpMaximum, make([]float64, 2), make([]float64, 2), 1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			bad()
		}()
	}
}
