package expr

import (
	"math"

	"gonp/kernels/vmath"
)

// The elementary functions of the interpreter, in one table. Float32
// registers hold float64 values, so every function runs in float64 and the
// interpreter rounds a float32 result afterwards (within 1 ulp of the
// float32 function, usually exact).
//
// The transcendental functions are kernels/vmath's (at most about 0.52 ulp,
// NumPy's special values), log2 and hypot this package's own (log2.go,
// hypot.go); sqrt, floor, ceil, rint, trunc and sign are exact, one element
// at a time (loops.go).

func perElement(f func(float64) float64) func(dst, x []float64) {
	return func(dst, x []float64) {
		x = x[:len(dst)]
		for i, v := range x {
			dst[i] = f(v)
		}
	}
}

// unaryFuncs maps each function opcode to its block kernel: an array
// indexed by the opcode, so a block pays no map lookup.
var unaryFuncs = [...]func(dst, x []float64){
	OpSqrt:    perElement(math.Sqrt),
	OpExp:     vmath.Exp,
	OpExpm1:   vmath.Expm1,
	OpLog:     vmath.Log,
	OpLog1p:   vmath.Log1p,
	OpLog10:   vmath.Log10,
	OpLog2:    log2Block,
	OpSin:     vmath.Sin,
	OpCos:     vmath.Cos,
	OpTan:     vmath.Tan,
	OpArcsin:  vmath.Asin,
	OpArccos:  vmath.Acos,
	OpArctan:  vmath.Atan,
	OpSinh:    vmath.Sinh,
	OpCosh:    vmath.Cosh,
	OpTanh:    vmath.Tanh,
	OpArcsinh: vmath.Asinh,
	OpArccosh: vmath.Acosh,
	OpArctanh: vmath.Atanh,
	OpFloor:   perElement(math.Floor),
	OpCeil:    perElement(math.Ceil),
}

// pow is NumPy's float power.
func pow(dst, x, y []float64) { vmath.Pow(dst, x, y) }

// atan2 is NumPy's arctan2.
func atan2(dst, y, x []float64) { vmath.Atan2(dst, y, x) }
