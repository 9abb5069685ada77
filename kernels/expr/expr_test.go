package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonp/kernels/vmath"
)

// instr builds a program from instructions of six words.
func instr(ins ...[6]int64) []int64 {
	var code []int64
	for _, i := range ins {
		code = append(code, i[:]...)
	}
	return code
}

func runProgram(t *testing.T, code []int64, consts []float64, ops []DType, fx [][]float64, ix [][]int64, n int) ([]float64, []int64, error) {
	t.Helper()
	p, err := Compile(code, consts, ops)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	m := NewMachine(p)
	return p.Run(m, n, func(k int, f []float64, i []int64) ([]float64, []int64) {
		if f != nil {
			copy(f, fx[k][:n])
		} else {
			copy(i, ix[k][:n])
		}
		return nil, nil
	})
}

func TestFloatExpression(t *testing.T) {
	// sqrt(a*a + b*b) * 2.5 in float64 and in float32 (rounded every step).
	rng := rand.New(rand.NewPCG(1, 2))
	n := BlockSize
	a, b := make([]float64, n), make([]float64, n)
	for k := range a {
		a[k], b[k] = rng.NormFloat64(), rng.NormFloat64()
	}
	for _, dt := range []DType{Float64, Float32} {
		code := instr(
			[6]int64{int64(OpLoad), int64(dt), 0, 0},
			[6]int64{int64(OpLoad), int64(dt), 1, 1},
			[6]int64{int64(OpMul), int64(dt), 2, 0, 0},
			[6]int64{int64(OpMul), int64(dt), 3, 1, 1},
			[6]int64{int64(OpAdd), int64(dt), 4, 2, 3},
			[6]int64{int64(OpSqrt), int64(dt), 5, 4},
			[6]int64{int64(OpConst), int64(dt), 6, 0},
			[6]int64{int64(OpMul), int64(dt), 7, 5, 6},
		)
		aa, bb := a, b
		if dt == Float32 {
			aa, bb = make([]float64, n), make([]float64, n)
			for k := range a {
				aa[k], bb[k] = float64(float32(a[k])), float64(float32(b[k]))
			}
		}
		f, _, err := runProgram(t, code, []float64{2.5}, []DType{dt, dt}, [][]float64{aa, bb}, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		for k := range f {
			var want float64
			if dt == Float64 {
				want = math.Sqrt(a[k]*a[k]+b[k]*b[k]) * 2.5
			} else {
				x, y := float32(a[k]), float32(b[k])
				want = float64(float32(math.Sqrt(float64(x*x+y*y))) * 2.5)
			}
			if f[k] != want {
				t.Fatalf("%v element %d: got %v want %v", dt, k, f[k], want)
			}
		}
	}
}

func TestIntegerSemantics(t *testing.T) {
	a := []int64{7, -7, 7, -7, 5, math.MinInt32, 3, 0}
	b := []int64{2, 2, -2, -2, 0, -1, 0, 0}
	type tc struct {
		op   Op
		dt   DType
		want []int64
	}
	cases := []tc{
		{OpFloorDiv, Int64, []int64{3, -4, -4, 3, 0, -math.MinInt32, 0, 0}},
		{OpMod, Int64, []int64{1, 1, -1, -1, 0, 0, 0, 0}},
		{OpFmod, Int64, []int64{1, -1, 1, -1, 0, 0, 0, 0}},
		{OpFloorDiv, Int32, []int64{3, -4, -4, 3, 0, math.MinInt32, 0, 0}}, // wraps as int32
		{OpPow, Int64, []int64{49, 49, 49, 49, 1, 1, 1, 1}},
	}
	for _, c := range cases {
		bb := b
		if c.op == OpPow {
			bb = []int64{2, 2, 2, 2, 0, 0, 0, 0}
		}
		code := instr(
			[6]int64{int64(OpLoad), int64(c.dt), 0, 0},
			[6]int64{int64(OpLoad), int64(c.dt), 1, 1},
			[6]int64{int64(c.op), int64(c.dt), 2, 0, 1},
		)
		_, got, err := runProgram(t, code, nil, []DType{c.dt, c.dt}, nil, [][]int64{a, bb}, len(a))
		if err != nil {
			t.Fatal(err)
		}
		for k := range got {
			if got[k] != c.want[k] {
				t.Errorf("%v %v: element %d (%d, %d): got %d want %d", c.op, c.dt, k, a[k], bb[k], got[k], c.want[k])
			}
		}
	}
	code := instr(
		[6]int64{int64(OpLoad), int64(Int64), 0, 0},
		[6]int64{int64(OpLoad), int64(Int64), 1, 1},
		[6]int64{int64(OpPow), int64(Int64), 2, 0, 1},
	)
	if _, _, err := runProgram(t, code, nil, []DType{Int64, Int64}, nil, [][]int64{{2}, {-1}}, 1); err == nil {
		t.Error("int ** -1: no error")
	}
}

func TestFloatDivmod(t *testing.T) {
	// NumPy: floor_divide and remainder; the remainder takes the divisor's sign.
	cases := []struct{ a, b, div, mod float64 }{
		{7, 2, 3, 1}, {-7, 2, -4, 1}, {7, -2, -4, -1}, {-7, -2, 3, -1},
		{0, 3, 0, 0}, {0, -3, negZero, negZero}, {6, 3, 2, 0}, {-6, 3, -2, 0},
		{1, 0, math.Inf(1), math.NaN()}, {-1, 0, math.Inf(-1), math.NaN()},
	}
	for _, c := range cases {
		d, m := divmod(c.a, c.b)
		if !sameF(d, c.div) || !sameF(m, c.mod) {
			t.Errorf("divmod(%v, %v) = %v, %v; want %v, %v", c.a, c.b, d, m, c.div, c.mod)
		}
	}
}

var negZero = math.Copysign(0, -1)

func sameF(a, b float64) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	return a == b && math.Signbit(a) == math.Signbit(b)
}

func TestCompareWhereCast(t *testing.T) {
	a := []float64{1, math.NaN(), 3, -1}
	b := []float64{2, 1, 3, -2}
	code := instr(
		[6]int64{int64(OpLoad), int64(Float64), 0, 0},
		[6]int64{int64(OpLoad), int64(Float64), 1, 1},
		[6]int64{int64(OpLT), int64(Float64), 2, 0, 1},
		[6]int64{int64(OpNot), int64(Bool), 3, 2},
		[6]int64{int64(OpCast), int64(Int32), 4, 1},
		[6]int64{int64(OpCast), int64(Float64), 5, 4},
		[6]int64{int64(OpWhere), int64(Float64), 6, 3, 0, 5},
		[6]int64{int64(OpMaximum), int64(Float64), 7, 6, 1},
	)
	f, _, err := runProgram(t, code, nil, []DType{Float64, Float64}, [][]float64{a, b}, nil, 4)
	if err != nil {
		t.Fatal(err)
	}
	// a<b: T F F F; not: F T T T; where: 2, NaN, 3, -1; max with b: 2, NaN, 3, -1
	want := []float64{2, math.NaN(), 3, -1}
	for k := range want {
		if !sameF(f[k], want[k]) {
			t.Errorf("element %d: got %v want %v", k, f[k], want[k])
		}
	}
}

func TestCompileRejects(t *testing.T) {
	bad := map[string][]int64{
		"empty":          nil,
		"ragged":         {0, 2, 0},
		"unwritten src":  instr([6]int64{int64(OpNeg), int64(Float64), 0, 0}),
		"bad op":         instr([6]int64{99, int64(Float64), 0, 0}),
		"bad dtype":      instr([6]int64{int64(OpLoad), 9, 0, 0}),
		"load wrong dt":  instr([6]int64{int64(OpLoad), int64(Int64), 0, 0}),
		"load bad index": instr([6]int64{int64(OpLoad), int64(Float64), 0, 3}),
		"const range":    instr([6]int64{int64(OpConst), int64(Float64), 0, 5}),
		"float invert": instr([6]int64{int64(OpLoad), int64(Float64), 0, 0},
			[6]int64{int64(OpNot), int64(Float64), 1, 0}),
		"int sqrt": instr([6]int64{int64(OpConst), int64(Int64), 0, 1},
			[6]int64{int64(OpSqrt), int64(Int64), 1, 0}),
		"mixed add": instr([6]int64{int64(OpLoad), int64(Float64), 0, 0},
			[6]int64{int64(OpConst), int64(Int64), 1, 1},
			[6]int64{int64(OpAdd), int64(Float64), 2, 0, 1}),
		"written twice": instr([6]int64{int64(OpLoad), int64(Float64), 0, 0},
			[6]int64{int64(OpNeg), int64(Float64), 0, 0}),
		"register range": instr([6]int64{int64(OpLoad), int64(Float64), maxRegisters, 0}),
		"int log2": instr([6]int64{int64(OpConst), int64(Int64), 0, 1},
			[6]int64{int64(OpLog2), int64(Int64), 1, 0}),
		"int rint": instr([6]int64{int64(OpConst), int64(Int32), 0, 1},
			[6]int64{int64(OpRint), int64(Int32), 1, 0}),
		"int trunc": instr([6]int64{int64(OpConst), int64(Int64), 0, 1},
			[6]int64{int64(OpTrunc), int64(Int64), 1, 0}),
		"bool sign": instr([6]int64{int64(OpConst), int64(Bool), 0, 1},
			[6]int64{int64(OpSign), int64(Bool), 1, 0}),
		"int hypot": instr([6]int64{int64(OpConst), int64(Int64), 0, 1},
			[6]int64{int64(OpHypot), int64(Int64), 1, 0, 0}),
	}
	for name, code := range bad {
		if _, err := Compile(code, []float64{1}, []DType{Float64}); err == nil {
			t.Errorf("%s: compiled", name)
		}
	}
}

func TestOpNames(t *testing.T) {
	if len(opNames) != int(NumOps) {
		t.Fatalf("%d op names for %d ops", len(opNames), NumOps)
	}
	seen := map[string]Op{}
	for op := range NumOps {
		if o, dup := seen[op.String()]; dup {
			t.Errorf("ops %d and %d are both %q", o, op, op.String())
		}
		seen[op.String()] = op
	}
	for op, name := range map[Op]string{OpSign: "sign", OpLog2: "log2", OpRint: "rint", OpTrunc: "trunc", OpHypot: "hypot", OpWhere: "where",
		OpXor: "xor", OpLShift: "left_shift", OpRShift: "right_shift"} {
		if op.String() != name {
			t.Errorf("op %d is %q, want %q", op, op.String(), name)
		}
	}
}

// TestRoundingAndSign runs rint, trunc and sign through programs in every
// dtype that takes them, on NumPy's special values: the results are exact,
// so every bit must match (sign(-0) = +0, sign(NaN) the same NaN, ties of
// rint to even, -0 kept by rint and trunc).
func TestRoundingAndSign(t *testing.T) {
	inf := math.Inf(1)
	negNaN := math.Float64frombits(0xfff8000000000000)
	x := []float64{0, negZero, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.7, 3.7, -3.7,
		0x1p52 + 1, -0x1p52 - 1, 0x1p53, 4.9e-324, -4.9e-324, 1e300, -1e300, inf, -inf, math.NaN(), negNaN}
	for len(x) < BlockSize+5 {
		x = append(x, float64(len(x))*0.25-70)
	}
	type fc struct {
		op  Op
		ref func(float64) float64
	}
	sign := func(v float64) float64 {
		switch {
		case v > 0:
			return 1
		case v < 0:
			return -1
		case v == 0:
			return 0
		}
		return v
	}
	for _, c := range []fc{{OpRint, math.RoundToEven}, {OpTrunc, math.Trunc}, {OpSign, sign}} {
		for _, dt := range []DType{Float64, Float32} {
			in := make([]float64, len(x))
			for k, v := range x {
				in[k] = v
				if dt == Float32 {
					in[k] = float64(float32(v))
				}
			}
			code := instr([6]int64{int64(OpLoad), int64(dt), 0, 0}, [6]int64{int64(c.op), int64(dt), 1, 0})
			for off := 0; off < len(in); off += BlockSize {
				w := min(BlockSize, len(in)-off)
				f, _, err := runProgram(t, code, nil, []DType{dt}, [][]float64{in[off:]}, nil, w)
				if err != nil {
					t.Fatal(err)
				}
				for k := range w {
					v := in[off+k]
					want := c.ref(v)
					if dt == Float32 {
						want = float64(float32(want))
					}
					if math.Float64bits(f[k]) != math.Float64bits(want) {
						t.Fatalf("%v %v(%v) = %v (%#x), want %v (%#x)", dt, c.op, v, f[k], math.Float64bits(f[k]), want, math.Float64bits(want))
					}
				}
			}
		}
	}
	// The exact cases by value, not only against Go's math package.
	want := map[float64][3]float64{ // x: rint, trunc, sign
		0.5: {0, 0, 1}, -0.5: {negZero, negZero, -1}, 2.5: {2, 2, 1}, -2.5: {-2, -2, -1},
		1.5: {2, 1, 1}, -0.7: {-1, negZero, -1}, negZero: {negZero, negZero, 0},
	}
	for v, w := range want {
		for k, op := range []Op{OpRint, OpTrunc, OpSign} {
			code := instr([6]int64{int64(OpLoad), int64(Float64), 0, 0}, [6]int64{int64(op), int64(Float64), 1, 0})
			f, _, _ := runProgram(t, code, nil, []DType{Float64}, [][]float64{{v}}, nil, 1)
			if !sameF(f[0], w[k]) {
				t.Errorf("%v(%v) = %v, want %v", op, v, f[0], w[k])
			}
		}
	}
	// sign of the integer dtypes, int32 included.
	iv := []int64{0, 1, -1, 7, -7, math.MaxInt64, math.MinInt64, math.MaxInt32, math.MinInt32}
	for _, dt := range []DType{Int64, Int32} {
		in := iv
		if dt == Int32 {
			in = []int64{0, 1, -1, 7, -7, math.MaxInt32, math.MinInt32}
		}
		code := instr([6]int64{int64(OpLoad), int64(dt), 0, 0}, [6]int64{int64(OpSign), int64(dt), 1, 0})
		_, got, err := runProgram(t, code, nil, []DType{dt}, nil, [][]int64{in}, len(in))
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range in {
			if w := int64(max(-1, min(1, v))); got[k] != w {
				t.Errorf("%v sign(%d) = %d, want %d", dt, v, got[k], w)
			}
		}
	}
}

// TestLog2AndHypotPrograms runs log2 and hypot through programs in float64
// and float32 (computed in float64, rounded once).
func TestLog2AndHypotPrograms(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	n := BlockSize
	a, b := make([]float64, n), make([]float64, n)
	for k := range a {
		a[k] = math.Ldexp(rng.Float64()+0.5, rng.IntN(200)-100)
		b[k] = math.Ldexp(rng.Float64()-0.5, rng.IntN(200)-100)
	}
	a[0], b[0] = math.Inf(-1), math.NaN()
	a[1], b[1] = -3, math.Inf(1)
	for _, dt := range []DType{Float64, Float32} {
		aa, bb := a, b
		if dt == Float32 {
			aa, bb = make([]float64, n), make([]float64, n)
			for k := range a {
				aa[k], bb[k] = float64(float32(a[k])), float64(float32(b[k]))
			}
		}
		code := instr(
			[6]int64{int64(OpLoad), int64(dt), 0, 0},
			[6]int64{int64(OpLoad), int64(dt), 1, 1},
			[6]int64{int64(OpHypot), int64(dt), 2, 0, 1},
			[6]int64{int64(OpLog2), int64(dt), 3, 0},
			[6]int64{int64(OpAdd), int64(dt), 4, 2, 3},
		)
		f, _, err := runProgram(t, code, nil, []DType{dt, dt}, [][]float64{aa, bb}, nil, n)
		if err != nil {
			t.Fatal(err)
		}
		for k := range f {
			h, l := hypotF64(aa[k], bb[k]), log2F64(aa[k])
			if dt == Float32 {
				h, l = float64(float32(h)), float64(float32(l))
			}
			want := h + l
			if dt == Float32 {
				want = float64(float32(want))
			}
			if !sameF(f[k], want) {
				t.Fatalf("%v element %d: hypot(%v, %v) + log2(%v) = %v, want %v", dt, k, aa[k], bb[k], aa[k], f[k], want)
			}
		}
	}
}

func TestFunctionsMatchMath(t *testing.T) {
	ref := map[Op]func(float64) float64{
		OpSqrt: math.Sqrt, OpExp: math.Exp, OpExpm1: math.Expm1, OpLog: math.Log, OpLog1p: math.Log1p,
		OpLog10: math.Log10, OpSin: math.Sin, OpCos: math.Cos, OpTan: math.Tan, OpArcsin: math.Asin,
		OpArctan: math.Atan, OpSinh: math.Sinh, OpCosh: math.Cosh, OpTanh: math.Tanh,
		OpArcsinh: math.Asinh, OpArccosh: math.Acosh, OpArctanh: math.Atanh, OpFloor: math.Floor, OpCeil: math.Ceil,
		OpRint: math.RoundToEven, OpTrunc: math.Trunc,
	}
	x := make([]float64, 400)
	for k := range x {
		x[k] = -0.999 + 1.998*float64(k)/float64(len(x)-1)
		if k%2 == 0 {
			x[k] *= 5
		}
	}
	d := make([]float64, len(x))
	// arccos is checked against NumPy (tests/test_evaluate.py): math.Acos
	// loses bits near ±1. log2 is checked against math/big (log2_test.go):
	// math.Log2 is 1/ln2 times a log, off by more than 4e-16 near 1.
	for op, f := range ref {
		floatUnary(op, d, x)
		for k, v := range x {
			want := f(v)
			if !(d[k] == want || d[k] != d[k] && want != want || math.Abs(d[k]-want) <= 4e-16*math.Abs(want)) {
				t.Errorf("%v(%v) = %v, math gives %v", op, v, d[k], want)
			}
		}
	}
}

func TestPowConstantExponent(t *testing.T) {
	// x**c with c a constant is NumPy's scalar-exponent power: x*x for 2,
	// sqrt for 0.5, 1/x for -1, pow otherwise (-Inf**0.5 is NaN, not +Inf).
	x := []float64{-math.Inf(1), -2.5, -1, math.Copysign(0, -1), 0, 0.3, 1, 1.7, 3, math.Inf(1), math.NaN()}
	for len(x) < BlockSize+3 {
		x = append(x, float64(len(x))*0.37-40)
	}
	n := len(x)
	for _, c := range []float64{2, 0.5, -1, 1, 3, -2.5} {
		code := instr(
			[6]int64{int64(OpLoad), int64(Float64), 0, 0},
			[6]int64{int64(OpConst), int64(Float64), 1, 0},
			[6]int64{int64(OpPow), int64(Float64), 2, 0, 1},
		)
		p, err := Compile(code, []float64{c}, []DType{Float64})
		if err != nil {
			t.Fatal(err)
		}
		m := NewMachine(p)
		for off := 0; off < n; off += BlockSize {
			w := min(BlockSize, n-off)
			f, _, err := p.Run(m, w, func(_ int, f []float64, _ []int64) ([]float64, []int64) {
				copy(f, x[off:off+w])
				return nil, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			want := make([]float64, w)
			vmath.PowScalar(want, x[off:off+w], c)
			for k := range w {
				v := x[off+k]
				var ref float64
				switch c {
				case 2:
					ref = v * v
				case 0.5:
					ref = math.Sqrt(v)
				case -1:
					ref = 1 / v
				case 1:
					ref = v
				default:
					ref = want[k]
				}
				if !sameF(f[k], ref) {
					t.Fatalf("x**%v at %v: got %v want %v", c, v, f[k], ref)
				}
			}
		}
	}
}
