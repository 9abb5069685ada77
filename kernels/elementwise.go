package kernels

import (
	"math"
	"unsafe"
)

// UnaryOp names an elementwise operation of one operand, after the NumPy
// ufunc of the same name.
type UnaryOp int32

// The unary operations. Square, Abs and Negative exist for every Number;
// the rest for floats only (NumPy returns floats for sqrt or exp of ints,
// so the caller casts first).
const (
	OpSquare   UnaryOp = iota // x*x, wrapping for ints
	OpSqrt                    // NaN for x < 0
	OpAbs                     // clears the sign bit of floats; abs(MinInt) == MinInt
	OpNegative                // flips the sign bit of floats; wraps for ints
	OpExp
	OpLog // -Inf for ±0, NaN for x < 0
	OpSin
	OpCos
	numUnaryOps
)

// BinaryOp names an elementwise operation of two operands, after the NumPy
// ufunc of the same name.
type BinaryOp int32

// The binary operations. Every one exists for floats; ints have all but
// Divide (NumPy's true division of ints returns floats).
const (
	OpAdd      BinaryOp = iota
	OpSubtract          // x - y
	OpMultiply
	OpDivide  // x / y, IEEE: 1/0 == +Inf, 0/0 == NaN; floats only
	OpMaximum // NaN if either is NaN; y if x and y are equal (±0)
	OpMinimum // NaN if either is NaN; y if x and y are equal (±0)
	OpPower   // x**y: kernels/vmath for floats, exact wrapping power for ints
	numBinaryOps
)

var unaryOpNames = [numUnaryOps]string{"square", "sqrt", "absolute", "negative", "exp", "log", "sin", "cos"}

var binaryOpNames = [numBinaryOps]string{"add", "subtract", "multiply", "divide", "maximum", "minimum", "power"}

// String returns the NumPy ufunc name of op, such as "square".
func (op UnaryOp) String() string {
	if op >= 0 && op < numUnaryOps {
		return unaryOpNames[op]
	}
	return "UnaryOp(?)"
}

// String returns the NumPy ufunc name of op, such as "add".
func (op BinaryOp) String() string {
	if op >= 0 && op < numBinaryOps {
		return binaryOpNames[op]
	}
	return "BinaryOp(?)"
}

// Panic messages of the elementwise kernels.
const (
	ewErrLength      = "kernels: slice lengths differ"
	ewErrUnsupported = "kernels: operation not supported for this element type"
	ewErrNegativeN   = "kernels: n < 0"
	ewErrShortDst    = "kernels: insufficient length of dst"
	ewErrShortX      = "kernels: insufficient length of x"
	ewErrShortY      = "kernels: insufficient length of y"
)

// UnarySupported reports whether op has a kernel for element type T. Ints
// have Square, Abs and Negative only.
func UnarySupported[T Number](op UnaryOp) bool {
	if op < 0 || op >= numUnaryOps {
		return false
	}
	return isFloat[T]() || op == OpSquare || op == OpAbs || op == OpNegative
}

// BinarySupported reports whether op has a kernel for element type T. Ints
// have every op but Divide.
func BinarySupported[T Number](op BinaryOp) bool {
	if op < 0 || op >= numBinaryOps {
		return false
	}
	return isFloat[T]() || op != OpDivide
}

// isFloat tells float element types from integer ones without reflection,
// so that types defined on float64 and friends are recognised too.
func isFloat[T Number]() bool {
	var one T = 1
	return one/2 != 0
}

// maximum is NumPy's maximum: x if x is NaN or greater, else y. So a NaN in
// either operand comes out, and of two equal values (-0 and +0) y wins,
// as np.maximum(-0.0, 0.0) gives +0.0 and np.maximum(0.0, -0.0) gives -0.0.
func maximum[T Number](x, y T) T {
	if x > y || x != x {
		return x
	}
	return y
}

// minimum is NumPy's minimum, the mirror of maximum.
func minimum[T Number](x, y T) T {
	if x < y || x != x {
		return x
	}
	return y
}

// absFloat clears the sign bit, as NumPy does: abs(-0) == +0 and the sign
// of a NaN is cleared too.
func absFloat[T Number](v T) T { return T(math.Abs(float64(v))) }

// absInt wraps like NumPy: abs(MinInt64) == MinInt64.
func absInt[T Number](v T) T {
	if v < 0 {
		return -v
	}
	return v
}

// powInt is x**y for ints by squaring, wrapping on overflow as NumPy does;
// computing in int64 and truncating gives int32's wrapped result too.
// NumPy raises for a negative exponent and so does the caller; the kernel
// then returns the exact result truncated toward zero: 1 for x == 1, ±1
// for x == -1, and 0 otherwise (x == 0 included).
func powInt[T Number](x, y T) T { return T(ipow(int64(x), int64(y))) }

func ipow(x, y int64) int64 {
	if y < 0 {
		switch x {
		case 1:
			return 1
		case -1:
			if y&1 != 0 {
				return -1
			}
			return 1
		}
		return 0
	}
	r := int64(1)
	for y != 0 {
		if y&1 != 0 {
			r *= x
		}
		x *= x
		y >>= 1
	}
	return r
}

// ewAlign is the address alignment, in bytes, at which the vector bodies
// start their destination: a cache line, which is also the width of an
// AVX-512 vector. NumPy places large arrays 16 bytes past a page boundary,
// where every 64-byte vector (every other 32-byte one) would straddle two
// cache lines; on data in L1 or L2 that costs up to half the speed.
const ewAlign = 64

// ewHead returns how many leading elements of dst to run in plain Go so
// that the vector body starts dst on an ewAlign boundary: none at the
// generic level, for runs too short to matter, or for a dst whose address
// is not a multiple of its element size. Only ops whose vector and plain-Go
// bodies give the same bits may be split this way.
func ewHead[T Number](lvl Level, dst []T) int {
	size := int(unsafe.Sizeof(T(0)))
	if lvl == Generic || len(dst) < 16*ewAlign/size {
		return 0
	}
	mis := int(uintptr(unsafe.Pointer(unsafe.SliceData(dst))) % ewAlign)
	if mis == 0 || mis%size != 0 {
		return 0
	}
	return (ewAlign - mis) / size
}
