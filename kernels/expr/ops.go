// Package expr interprets the register programs gonp.evaluate compiles a
// NumPy expression into. A program runs over a block of at most BlockSize
// elements at a time: every register is a block-sized slice (float64 for the
// float dtypes, int64 for bool and the integer dtypes), each instruction is
// one tight loop over the block, and a result of a narrower dtype (float32,
// int32) is rounded or wrapped after every instruction, so each step gives
// exactly what NumPy's ufunc gives in that dtype.
package expr

import "fmt"

// BlockSize is the most elements one pass of a program handles: its
// registers stay in the first-level cache.
const BlockSize = 512

// DType is a register's element type (the codes of capi/dispatch, plus Bool).
type DType int64

// Register dtypes; the values are dispatch's dtype codes, Bool is expr's own.
const (
	Float32 DType = 1
	Float64 DType = 2
	Int32   DType = 3
	Int64   DType = 4
	Bool    DType = 5
)

// IsFloat reports whether d lives in a float64 register.
func (d DType) IsFloat() bool { return d == Float32 || d == Float64 }

func (d DType) valid() bool { return d >= Float32 && d <= Bool }

// Op is an instruction's operation.
type Op int64

// The operations. An instruction is InstrWidth int64s:
// op, dtype (of the result), dst, a, b, c.
const (
	OpLoad  Op = iota // dst = operand a (the operand's own dtype; dtype must match it)
	OpConst           // dst = constant: float dtypes constants[a], others the value a
	OpCast            // dst = a converted to dtype (NumPy's astype; float->bool is != 0)
	OpNeg
	OpNot // ~: logical not of a bool, bitwise not of an integer
	OpAbs
	OpSign // NumPy's sign: -1, 0 or 1, NaN for NaN (+0 for -0)
	OpSqrt
	OpExp
	OpExpm1
	OpLog
	OpLog1p
	OpLog10
	OpLog2
	OpSin
	OpCos
	OpTan
	OpArcsin
	OpArccos
	OpArctan
	OpSinh
	OpCosh
	OpTanh
	OpArcsinh
	OpArccosh
	OpArctanh
	OpFloor
	OpCeil
	OpRint  // round half to even (NumPy's rint, round with 0 decimals)
	OpTrunc // round toward zero
	OpAdd   // binary: dst = a op b, a and b of the result dtype
	OpSub
	OpMul
	OpDiv // true division, float dtypes only
	OpPow
	OpMod      // NumPy's remainder
	OpFloorDiv // NumPy's floor_divide
	OpFmod
	OpMinimum
	OpMaximum
	OpArctan2
	OpHypot
	OpAnd // & (logical for bool, bitwise for integers)
	OpOr
	OpLT // comparisons: a and b of one dtype (given in the instruction), result bool
	OpLE
	OpGT
	OpGE
	OpEQ
	OpNE
	OpWhere // dst = a (bool) ? b : c
	OpXor   // ^ (logical for bool, bitwise for integers)
	// << and >>, integers only (NumPy has no bool loop: bool << bool is
	// int8). A count that is negative or at least the dtype's width gives
	// 0 for <<, and 0 or -1 by the sign of a for >>, as NumPy's npy_lshift
	// and npy_rshift do.
	OpLShift
	OpRShift
	NumOps
)

var opNames = [...]string{
	"load", "const", "cast", "negative", "invert", "absolute", "sign", "sqrt", "exp", "expm1", "log",
	"log1p", "log10", "log2", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh",
	"arcsinh", "arccosh", "arctanh", "floor", "ceil", "rint", "trunc", "add", "subtract", "multiply",
	"true_divide", "power", "remainder", "floor_divide", "fmod", "minimum", "maximum", "arctan2",
	"hypot", "and", "or", "less", "less_equal", "greater", "greater_equal", "equal", "not_equal",
	"where", "xor", "left_shift", "right_shift",
}

func (o Op) String() string {
	if o >= 0 && o < NumOps {
		return opNames[o]
	}
	return fmt.Sprintf("op(%d)", int64(o))
}

// InstrWidth is the number of int64s of one instruction.
const InstrWidth = 6

// Error is a program that cannot run, or a value NumPy refuses (an integer
// to a negative integer power).
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }
