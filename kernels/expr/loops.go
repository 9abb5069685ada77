package expr

import (
	"math"

	"gonp/kernels"
)

func floatUnary(op Op, d, x []float64) {
	x = x[:len(d)]
	switch op {
	// The exact operations run on kernels' vector bodies, which NumPy's
	// elementwise tests hold to the same bits as these loops.
	case OpNeg:
		kernels.Unary(kernels.OpNegative, d, x)
	case OpAbs:
		kernels.Unary(kernels.OpAbs, d, x)
	case OpSqrt:
		kernels.Unary(kernels.OpSqrt, d, x)
	case OpFloor:
		for k, v := range x {
			d[k] = math.Floor(v)
		}
	case OpCeil:
		for k, v := range x {
			d[k] = math.Ceil(v)
		}
	case OpRint:
		for k, v := range x {
			d[k] = math.RoundToEven(v)
		}
	case OpTrunc:
		for k, v := range x {
			d[k] = math.Trunc(v)
		}
	case OpSign:
		for k, v := range x {
			d[k] = signF64(v)
		}
	default:
		unaryFuncs[op](d, x)
	}
}

// signF64 is NumPy's sign of a float: NaN stays the same NaN, and -0
// gives +0.
func signF64(v float64) float64 {
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

// divmod is NumPy's npy_divmod: the floored quotient and the remainder
// with the divisor's sign.
func divmod(a, b float64) (float64, float64) {
	mod := math.Mod(a, b)
	if b == 0 {
		return a / b, mod
	}
	div := (a - mod) / b
	if mod != 0 {
		if (b < 0) != (mod < 0) {
			mod += b
			div -= 1
		}
	} else {
		mod = math.Copysign(0, b)
	}
	var fdiv float64
	if div != 0 {
		fdiv = math.Floor(div)
		if div-fdiv > 0.5 {
			fdiv += 1
		}
	} else {
		fdiv = math.Copysign(0, a/b)
	}
	return fdiv, mod
}

// floatBinaryScalar is floatBinary of add, sub, mul or div with one
// operand the scalar s: op(x[k], s) if right, else op(s, x[k]); the same
// bits as floatBinary with s repeated.
func floatBinaryScalar(op Op, d, x []float64, s float64, right bool) {
	x = x[:len(d)]
	kop := arithOp(op)
	// s + x and s * x as x + s and x * s, whose vector loops are the
	// faster ones: the same bits unless both are NaN (the first NaN's
	// payload wins), so only for s not NaN.
	if right || (op == OpAdd || op == OpMul) && s == s {
		kernels.ArithScalarF64(kop, d, x, s)
	} else {
		kernels.BinaryScalarLeft(kop, d, s, x)
	}
}

// arithOp is kernels' operation for add, sub, mul or div.
func arithOp(op Op) kernels.BinaryOp {
	switch op {
	case OpAdd:
		return kernels.OpAdd
	case OpSub:
		return kernels.OpSubtract
	case OpMul:
		return kernels.OpMultiply
	}
	return kernels.OpDivide
}

func floatBinary(op Op, d, x, y []float64) {
	x = x[:len(d)]
	y = y[:len(d)]
	switch op {
	case OpAdd, OpSub, OpMul, OpDiv:
		kernels.ArithF64(arithOp(op), d, x, y)
	case OpPow:
		pow(d, x, y)
	case OpMod:
		for k := range d {
			_, d[k] = divmod(x[k], y[k])
		}
	case OpFloorDiv:
		for k := range d {
			d[k], _ = divmod(x[k], y[k])
		}
	case OpFmod:
		for k := range d {
			d[k] = math.Mod(x[k], y[k])
		}
	case OpMinimum:
		for k := range d {
			a, b := x[k], y[k]
			switch {
			case a != a:
				d[k] = a
			case b != b:
				d[k] = b
			case b < a:
				d[k] = b
			default:
				d[k] = a
			}
		}
	case OpMaximum:
		for k := range d {
			a, b := x[k], y[k]
			switch {
			case a != a:
				d[k] = a
			case b != b:
				d[k] = b
			case b > a:
				d[k] = b
			default:
				d[k] = a
			}
		}
	case OpArctan2:
		atan2(d, x, y)
	case OpHypot:
		hypotBlock(d, x, y)
	}
}

// compare sets d[k] to 1 where x[k] op y[k] holds, else 0 (a NaN compares
// false except under OpNE, as in NumPy).
func compare[T float64 | int64](op Op, d []int64, x, y []T) {
	x = x[:len(d)]
	y = y[:len(d)]
	switch op {
	case OpLT:
		for k := range d {
			d[k] = b2i(x[k] < y[k])
		}
	case OpLE:
		for k := range d {
			d[k] = b2i(x[k] <= y[k])
		}
	case OpGT:
		for k := range d {
			d[k] = b2i(x[k] > y[k])
		}
	case OpGE:
		for k := range d {
			d[k] = b2i(x[k] >= y[k])
		}
	case OpEQ:
		for k := range d {
			d[k] = b2i(x[k] == y[k])
		}
	case OpNE:
		for k := range d {
			d[k] = b2i(x[k] != y[k])
		}
	}
}

// compareFloat is compare on float64 registers: vector loops where the CPU
// has them (select_amd64.s), the plain loop for the rest.
func compareFloat(op Op, d []int64, x, y []float64) {
	k := compareVec(op, d, x, y)
	compare(op, d[k:], x[k:], y[k:])
}

func floatWhere(d []float64, c []int64, x, y []float64) {
	k0 := whereVec(d, c, x, y)
	d = d[k0:]
	c = c[k0:][:len(d)]
	x = x[k0:][:len(d)]
	y = y[k0:][:len(d)]
	for k := range d {
		// A select on the bits, without a branch: a condition that follows
		// random data would mispredict half the time.
		m := -uint64(b2i(c[k] != 0))
		d[k] = math.Float64frombits(math.Float64bits(x[k])&m | math.Float64bits(y[k])&^m)
	}
}

func intWhere(d, c, x, y []int64) {
	c = c[:len(d)]
	x = x[:len(d)]
	y = y[:len(d)]
	for k := range d {
		m := -b2i(c[k] != 0) // a select without a branch, as floatWhere
		d[k] = x[k]&m | y[k]&^m
	}
}

func intUnary(op Op, dt DType, d, x []int64) {
	x = x[:len(d)]
	switch op {
	case OpNeg:
		for k, v := range x {
			d[k] = -v
		}
	case OpNot:
		if dt == Bool {
			for k, v := range x {
				d[k] = 1 - v
			}
		} else {
			for k, v := range x {
				d[k] = ^v
			}
		}
	case OpAbs:
		for k, v := range x {
			if v < 0 {
				v = -v
			}
			d[k] = v
		}
	case OpSign:
		for k, v := range x {
			d[k] = b2i(v > 0) - b2i(v < 0)
		}
	}
}

// ipow is a**b wrapping as int64 (a 32-bit result wraps the same way once
// truncated), b ≥ 0.
func ipow(a, b int64) int64 {
	r := int64(1)
	for b > 0 {
		if b&1 != 0 {
			r *= a
		}
		a *= a
		b >>= 1
	}
	return r
}

func intBinary(op Op, dt DType, d, x, y []int64) error {
	x = x[:len(d)]
	y = y[:len(d)]
	switch op {
	case OpAdd:
		for k := range d {
			d[k] = x[k] + y[k]
		}
	case OpSub:
		for k := range d {
			d[k] = x[k] - y[k]
		}
	case OpMul:
		for k := range d {
			d[k] = x[k] * y[k]
		}
	case OpPow:
		for k := range d {
			if y[k] < 0 {
				return &Error{Msg: "Integers to negative integer powers are not allowed."}
			}
			d[k] = ipow(x[k], y[k])
		}
	case OpMod:
		for k := range d {
			a, b := x[k], y[k]
			if b == 0 {
				d[k] = 0
				continue
			}
			r := a % b
			if r != 0 && (r < 0) != (b < 0) {
				r += b
			}
			d[k] = r
		}
	case OpFloorDiv:
		for k := range d {
			a, b := x[k], y[k]
			if b == 0 {
				d[k] = 0
				continue
			}
			q := a / b
			if a%b != 0 && (a < 0) != (b < 0) {
				q--
			}
			d[k] = q
		}
	case OpFmod:
		for k := range d {
			if y[k] == 0 {
				d[k] = 0
			} else {
				d[k] = x[k] % y[k]
			}
		}
	case OpMinimum:
		for k := range d {
			d[k] = min(x[k], y[k])
		}
	case OpMaximum:
		for k := range d {
			d[k] = max(x[k], y[k])
		}
	case OpAnd:
		for k := range d {
			d[k] = x[k] & y[k]
		}
	case OpOr:
		for k := range d {
			d[k] = x[k] | y[k]
		}
	case OpXor:
		for k := range d {
			d[k] = x[k] ^ y[k]
		}
	// Go's shifts of an int64 by an unsigned count already give NumPy's
	// out-of-range results: a count of 64 or more (a negative count is one,
	// as uint64) shifts every bit out, leaving 0 for << and the sign for >>.
	// An int32 register holds its value sign-extended and is wrapped after
	// the instruction, so a count from 32 to 63 gives the same: << leaves
	// the low 32 bits zero, >> leaves only copies of the sign bit.
	case OpLShift:
		for k := range d {
			d[k] = x[k] << uint64(y[k])
		}
	case OpRShift:
		for k := range d {
			d[k] = x[k] >> uint64(y[k])
		}
	}
	return nil
}
