package kernels

import (
	"encoding/binary"
	"math"
	"math/big"
	"math/bits"
	"slices"
	"testing"
)

// Fuzz targets for the elementwise kernels: random bytes become the operands
// (every bit pattern, so NaN payloads, subnormals and infinities come up),
// small integers pick the op, element type, SIMD level and strides. Each
// result is checked against a plain scalar reference: exactly for the ops
// that round once (or not at all), within a tolerance against package math
// for the transcendental ones. Operands must come back unchanged and no
// element outside the strided destination may be written.

// fuzzMaxElems bounds the elements one input decodes to: longer than the
// SIMD blocks, pairwise leaves and gather buffers of every kernel, short
// enough to keep each run cheap.
const fuzzMaxElems = 4096

// fuzzValues decodes data as little-endian values of T (4 or 8 bytes each).
func fuzzValues[T Number](data []byte) []T {
	size := 8
	k := ewKind[T]()
	if k.String() == "float32" || k.String() == "int32" {
		size = 4
	}
	n := min(len(data)/size, fuzzMaxElems)
	x := make([]T, n)
	for i := range x {
		b := data[i*size:]
		switch k.String() {
		case "float32":
			x[i] = T(math.Float32frombits(binary.LittleEndian.Uint32(b)))
		case "int32":
			x[i] = T(int32(binary.LittleEndian.Uint32(b)))
		case "float64":
			x[i] = T(math.Float64frombits(binary.LittleEndian.Uint64(b)))
		default:
			x[i] = T(int64(binary.LittleEndian.Uint64(b)))
		}
	}
	return x
}

// fuzzAtLevel makes level number sel (modulo the levels this CPU has)
// active and returns a function that restores the previous one.
func fuzzAtLevel(sel uint8) func() {
	ls := levels()
	prev := SetLevel(ls[int(sel)%len(ls)])
	return func() { SetLevel(prev) }
}

// fuzzInc maps a fuzzed byte to an increment in [-3, 3], or in [-3, -1] ∪
// [1, 3] when zero is not allowed (a broadcast destination makes no sense).
func fuzzInc(v int8, zeroOK bool) int {
	if zeroOK {
		return int(v%4+4)%7 - 3
	}
	i := int(v%3+3)%3 + 1
	if v < 0 {
		return -i
	}
	return i
}

// fuzzSpan returns how many elements a strided walk over x of length m
// visits with increment inc, and the index it starts at (the last element
// for a negative increment).
func fuzzSpan(m, inc int) (n, start int) {
	if m == 0 {
		return 0, 0
	}
	switch {
	case inc == 0:
		return m, m / 2
	case inc > 0:
		return (m-1)/inc + 1, 0
	}
	return (m-1)/(-inc) + 1, m - 1
}

func fuzzIsFloat[T Number]() bool { return isFloat[T]() }

// fuzzClose reports whether got is within a relative tolerance tol of want
// (absolute below floor), treating NaNs as equal and accepting an infinity
// against a value beyond half the type's largest finite one (the rounding
// of a result at the edge of overflow).
func fuzzClose(got, want, tol, floor, maxFinite float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	if got == want {
		return true
	}
	if math.IsInf(got, 0) || math.IsInf(want, 0) {
		other, inf := got, want
		if math.IsInf(got, 0) {
			other, inf = want, got
		}
		return !math.IsInf(other, 0) && math.Abs(other) > maxFinite/2 && math.Signbit(other) == math.Signbit(inf)
	}
	return math.Abs(got-want) <= tol*max(math.Abs(want), floor)
}

// fuzzSameValue is bit equality for ints and floats, with any NaN equal to
// any other.
func fuzzSameValue[T Number](got, want T) bool {
	if got != got && want != want {
		return true
	}
	return ewBits(got) == ewBits(want)
}

// fuzzUnaryRef is op(v) from package math and plain arithmetic.
func fuzzUnaryRef(op UnaryOp, v float64) float64 {
	switch op {
	case OpSqrt:
		return math.Sqrt(v)
	case OpExp:
		return math.Exp(v)
	case OpLog:
		if v > 0 && v < 0x1p-1022 {
			// math.Log's amd64 assembly treats subnormals as if normal
			// (it gives -709.09 for 5e-324, not -744.44): scale first.
			return math.Log(v*0x1p54) - 54*math.Ln2
		}
		return math.Log(v)
	case OpSin:
		return math.Sin(v)
	case OpCos:
		return math.Cos(v)
	}
	panic("fuzzUnaryRef: bad op")
}

// fuzzUnaryOK checks got == op(v) for one element.
func fuzzUnaryOK[T Number](op UnaryOp, v, got T) bool {
	switch op {
	case OpSquare:
		return fuzzSameValue(got, v*v)
	case OpNegative:
		if fuzzIsFloat[T]() {
			return got != got && v != v || ewBits(got) == ewBits(-v) && math.Signbit(float64(got)) != math.Signbit(float64(v))
		}
		return got == 0-v
	case OpAbs:
		if fuzzIsFloat[T]() {
			if v != v {
				return got != got
			}
			return float64(got) == math.Abs(float64(v)) && !math.Signbit(float64(got))
		}
		if v < 0 {
			return got == 0-v
		}
		return got == v
	case OpSqrt:
		return fuzzSameValue(got, T(math.Sqrt(float64(v))))
	}
	want := fuzzUnaryRef(op, float64(v))
	f32 := ewKind[T]().String() == "float32"
	tol, floor, maxF := 1e-14, 0x1p-1022, math.MaxFloat64
	if f32 {
		tol, floor, maxF = 4e-7, 0x1p-126, math.MaxFloat32
		want = float64(float32(want))
	}
	if op == OpSin || op == OpCos {
		floor = 1 // |sin| <= 1: the error that matters is absolute
		if f32 && math.Abs(float64(v)) > 1e5 {
			tol = 2e-6
		}
	}
	return fuzzClose(float64(got), want, tol, floor, maxF)
}

// fuzzPowInt is x**y wrapping modulo 2**64 by binary exponentiation, with
// the documented truncation toward zero for negative y.
func fuzzPowInt[T Number](x, y T) T {
	if y < 0 {
		switch {
		case x == 1:
			return 1
		case x == -1 && int64(y)%2 != 0:
			return x
		case x == -1:
			return 1
		}
		return 0
	}
	b, e, r := uint64(int64(x)), uint64(int64(y)), uint64(1)
	for ; e > 0; e >>= 1 {
		if e&1 == 1 {
			r *= b
		}
		b *= b
	}
	return T(int64(r))
}

// fuzzBinaryOK checks got == op(x, y) for one element.
func fuzzBinaryOK[T Number](op BinaryOp, x, y, got T) bool {
	switch op {
	case OpAdd:
		return fuzzSameValue(got, x+y)
	case OpSubtract:
		return fuzzSameValue(got, x-y)
	case OpMultiply:
		return fuzzSameValue(got, x*y)
	case OpDivide:
		return fuzzSameValue(got, x/y)
	case OpMaximum, OpMinimum:
		var want T
		switch {
		case x != x:
			want = x
		case y != y:
			want = y
		case x == y:
			want = y // NumPy gives the second of two equal values (±0)
		case (op == OpMaximum) == (x > y):
			want = x
		default:
			want = y
		}
		if x != x || y != y {
			return got != got
		}
		return ewBits(got) == ewBits(want)
	case OpPower:
		if !fuzzIsFloat[T]() {
			return got == fuzzPowInt(x, y)
		}
		xf, yf := float64(x), float64(y)
		want := fuzzPowRef(xf, yf)
		if a := math.Abs(xf); a > 0 && a < 0x1p-1022 {
			// math.Pow is wrong for subnormal x on amd64 (it gives 0.8393
			// for 2.6e-310**0.000247, not 0.8386): scale x into the normal
			// range first.
			want = math.Pow(xf*0x1p54, yf) * math.Exp2(-54*yf)
		}
		if ewKind[T]().String() == "float32" {
			return fuzzClose(float64(got), float64(float32(want)), 4e-7, 0x1p-126, math.MaxFloat32)
		}
		return fuzzClose(float64(got), want, 1e-12, 0x1p-1022, math.MaxFloat64)
	}
	return false
}

// fuzzPowRef is x**y within a few ulps. math.Pow is far off for large
// exponents (1.000045955882353**1060912.188235294 by 3.5e5 ulp), so there
// |x|**⌊|y|⌋ is taken by squaring in 256-bit floats and only |x|**frac
// (frac < 1, where math.Pow is accurate) in float64.
func fuzzPowRef(x, y float64) float64 {
	ay := math.Abs(y)
	if ay < 64 || ay >= 1<<53 || x == 0 || math.IsInf(x, 0) || math.IsNaN(x) || math.IsNaN(y) {
		return math.Pow(x, y)
	}
	ip, frac := math.Modf(ay)
	if x < 0 && frac != 0 {
		return math.NaN()
	}
	const prec = 256
	r := new(big.Float).SetPrec(prec).SetFloat64(1)
	b := new(big.Float).SetPrec(prec).SetFloat64(math.Abs(x))
	for n := uint64(ip); n > 0; n >>= 1 {
		if n&1 == 1 {
			r.Mul(r, b)
		}
		b.Mul(b, b)
	}
	r.Mul(r, new(big.Float).SetPrec(prec).SetFloat64(math.Pow(math.Abs(x), frac)))
	if y < 0 {
		r.Quo(new(big.Float).SetPrec(prec).SetFloat64(1), r)
	}
	if x < 0 && uint64(ip)&1 == 1 {
		r.Neg(r)
	}
	v, _ := r.Float64()
	return v
}

// fuzzScalarRightOK is fuzzBinaryOK for a scalar right operand s, where
// power takes NumPy's fast paths (fuzzPowScalarFast), bit for bit.
func fuzzScalarRightOK[T Number](op BinaryOp, x, s, got T) bool {
	if want, fast := fuzzPowScalarFast(x, s); op == OpPower && fast {
		return ewBits(got) == ewBits(want) || (want != want && got != got)
	}
	return fuzzBinaryOK(op, x, s, got)
}

// fuzzPowScalarFast is NumPy's x**s for a float scalar exponent s that its
// power loop computes without pow (vmath.PowScalar does the same): 2 is x*x,
// 0.5 is sqrt (so -Inf gives NaN and -0 gives -0), -1 is 1/x and 1 is x. It
// reports false for any other exponent, and for integers.
func fuzzPowScalarFast[T Number](x, s T) (T, bool) {
	if !fuzzIsFloat[T]() {
		return 0, false
	}
	switch float64(s) {
	case 2:
		return x * x, true
	case 0.5:
		return T(math.Sqrt(float64(x))), true
	case -1:
		return 1 / x, true
	case 1:
		return x, true
	}
	return 0, false
}

// fuzzPanics reports whether f panics.
func fuzzPanics(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}

// fuzzSentinelBuf is a destination of n strided elements (increment inc)
// inside guard bands, all holding the sentinel; it returns the buffer and
// the index of element 0 of the walk.
func fuzzSentinelBuf[T Number](n, inc int) ([]T, int) {
	span := 1
	if n > 0 {
		span = (n-1)*max(inc, -inc) + 1
	}
	buf := make([]T, span+2*ewGuard)
	s := ewSentinel[T]()
	for i := range buf {
		buf[i] = s
	}
	start := ewGuard
	if inc < 0 {
		start = ewGuard + span - 1
	}
	return buf, start
}

// fuzzCheckStrided checks a strided destination: element i of the walk
// passes ok(i, value), every other slot still holds the sentinel.
func fuzzCheckStrided[T Number](t *testing.T, buf []T, n, inc, start int, ok func(i int, v T) bool) {
	t.Helper()
	hit := make([]bool, len(buf))
	for i := 0; i < n; i++ {
		j := start + i*inc
		hit[j] = true
		if !ok(i, buf[j]) {
			t.Fatalf("element %d (slot %d) wrong: got %v", i, j, buf[j])
		}
	}
	s := ewBits(ewSentinel[T]())
	for j, v := range buf {
		if !hit[j] && ewBits(v) != s {
			t.Fatalf("slot %d outside the destination written: %v", j, v)
		}
	}
}

func fuzzUnaryTyped[T Number](t *testing.T, data []byte, op UnaryOp, incD, incX int) {
	x := fuzzValues[T](data)
	orig := slices.Clone(x)
	if !UnarySupported[T](op) {
		if !fuzzPanics(func() { Unary(op, make([]T, len(x)), x) }) {
			t.Fatalf("unsupported %v did not panic", op)
		}
		return
	}
	dst := make([]T, len(x))
	Unary(op, dst, x)
	for i := range x {
		if !fuzzUnaryOK(op, x[i], dst[i]) {
			t.Fatalf("%v(%v) = %v at %d of %d", op, x[i], dst[i], i, len(x))
		}
	}
	if !slices.EqualFunc(x, orig, func(a, b T) bool { return ewBits(a) == ewBits(b) }) {
		t.Fatal("x changed")
	}
	in := slices.Clone(x)
	Unary(op, in, in)
	for i := range in {
		if ewBits(in[i]) != ewBits(dst[i]) && !(in[i] != in[i] && dst[i] != dst[i]) {
			t.Fatalf("in place %v differs at %d: %v vs %v", op, i, in[i], dst[i])
		}
	}
	n, ix := fuzzSpan(len(x), incX)
	buf, idst := fuzzSentinelBuf[T](n, incD)
	UnaryInc(op, buf, x, n, incD, incX, idst, ix)
	fuzzCheckStrided(t, buf, n, incD, idst, func(i int, v T) bool { return fuzzUnaryOK(op, x[ix+i*incX], v) })
}

func fuzzBinaryTyped[T Number](t *testing.T, data []byte, op BinaryOp, incD, incX, incY int) {
	all := fuzzValues[T](data)
	x, y := all[:len(all)/2], all[len(all)/2:2*(len(all)/2)]
	ox, oy := slices.Clone(x), slices.Clone(y)
	if !BinarySupported[T](op) {
		if !fuzzPanics(func() { Binary(op, make([]T, len(x)), x, y) }) {
			t.Fatalf("unsupported %v did not panic", op)
		}
		return
	}
	dst := make([]T, len(x))
	Binary(op, dst, x, y)
	for i := range x {
		if !fuzzBinaryOK(op, x[i], y[i], dst[i]) {
			t.Fatalf("%v(%v, %v) = %v at %d of %d", op, x[i], y[i], dst[i], i, len(x))
		}
	}
	if len(x) > 0 {
		s := y[0]
		BinaryScalarRight(op, dst, x, s)
		for i := range x {
			if !fuzzScalarRightOK(op, x[i], s, dst[i]) {
				t.Fatalf("%v(%v, scalar %v) = %v at %d", op, x[i], s, dst[i], i)
			}
		}
		BinaryScalarLeft(op, dst, s, x)
		for i := range x {
			if !fuzzBinaryOK(op, s, x[i], dst[i]) {
				t.Fatalf("%v(scalar %v, %v) = %v at %d", op, s, x[i], dst[i], i)
			}
		}
	}
	eq := func(a, b T) bool { return ewBits(a) == ewBits(b) }
	if !slices.EqualFunc(x, ox, eq) || !slices.EqualFunc(y, oy, eq) {
		t.Fatal("an operand changed")
	}
	n, ix := fuzzSpan(len(x), incX)
	ny, iy := fuzzSpan(len(y), incY)
	if incY == 0 || incX == 0 {
		n = min(n, ny)
	} else if ny < n {
		n = ny
	}
	buf, idst := fuzzSentinelBuf[T](n, incD)
	BinaryInc(op, buf, x, y, n, incD, incX, incY, idst, ix, iy)
	fuzzCheckStrided(t, buf, n, incD, idst, func(i int, v T) bool {
		if incY == 0 { // one exponent for all: the scalar-right loop
			return fuzzScalarRightOK(op, x[ix+i*incX], y[iy], v)
		}
		return fuzzBinaryOK(op, x[ix+i*incX], y[iy+i*incY], v)
	})
	// The destination may be an operand itself.
	inx := slices.Clone(x)
	Binary(op, inx, inx, y)
	for i := range inx {
		if !fuzzBinaryOK(op, x[i], y[i], inx[i]) {
			t.Fatalf("in-place %v wrong at %d", op, i)
		}
	}
}

func fuzzElementwiseSeeds(f *testing.F, withY bool) {
	var specials []byte
	for _, v := range ewSpecials[float64]() {
		specials = binary.LittleEndian.AppendUint64(specials, math.Float64bits(v))
	}
	long := make([]byte, 8*600)
	for i := range long {
		long[i] = byte(bits.RotateLeft32(uint32(i)*2654435761, 7))
	}
	for op := uint8(0); op < 9; op++ {
		for typ := uint8(0); typ < 4; typ++ {
			if withY {
				f.Add(specials, op, typ, uint8(typ), int8(1), int8(-2), int8(0))
			} else {
				f.Add(specials, op, typ, uint8(typ), int8(-1), int8(2))
			}
		}
	}
	if withY {
		f.Add(long, uint8(3), uint8(1), uint8(1), int8(2), int8(1), int8(-3))
	} else {
		f.Add(long, uint8(4), uint8(1), uint8(2), int8(1), int8(0))
	}
}

// FuzzUnary checks Unary, in place and out of place, and UnaryInc.
func FuzzUnary(f *testing.F) {
	fuzzElementwiseSeeds(f, false)
	f.Fuzz(func(t *testing.T, data []byte, op, typ, lvl uint8, incD, incX int8) {
		defer fuzzAtLevel(lvl)()
		u := UnaryOp(op % uint8(numUnaryOps+1)) // one past the last: must panic
		d, x := fuzzInc(incD, false), fuzzInc(incX, true)
		switch typ % 4 {
		case 0:
			fuzzUnaryTyped[float64](t, data, u, d, x)
		case 1:
			fuzzUnaryTyped[float32](t, data, u, d, x)
		case 2:
			fuzzUnaryTyped[int64](t, data, u, d, x)
		default:
			fuzzUnaryTyped[int32](t, data, u, d, x)
		}
	})
}

// FuzzBinary checks Binary (also in place), both scalar forms and BinaryInc.
func FuzzBinary(f *testing.F) {
	fuzzElementwiseSeeds(f, true)
	f.Fuzz(func(t *testing.T, data []byte, op, typ, lvl uint8, incD, incX, incY int8) {
		defer fuzzAtLevel(lvl)()
		b := BinaryOp(op % uint8(numBinaryOps+1))
		d, x, y := fuzzInc(incD, false), fuzzInc(incX, true), fuzzInc(incY, true)
		switch typ % 4 {
		case 0:
			fuzzBinaryTyped[float64](t, data, b, d, x, y)
		case 1:
			fuzzBinaryTyped[float32](t, data, b, d, x, y)
		case 2:
			fuzzBinaryTyped[int64](t, data, b, d, x, y)
		default:
			fuzzBinaryTyped[int32](t, data, b, d, x, y)
		}
	})
}
