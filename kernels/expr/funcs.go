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
// exp, log, sin and cos call kernels/vmath. The others call Go's math package
// one element at a time for now; when kernels/vmath has them (Expm1, Log1p,
// Log10, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
// Atan2, all with the signature func(dst, x []float64)), switch the entries
// below to those.

func perElement(f func(float64) float64) func(dst, x []float64) {
	return func(dst, x []float64) {
		x = x[:len(dst)]
		for i, v := range x {
			dst[i] = f(v)
		}
	}
}

// unaryFuncs maps each function opcode to its block kernel.
var unaryFuncs = map[Op]func(dst, x []float64){
	OpSqrt:    perElement(math.Sqrt),
	OpExp:     vmath.Exp,
	OpExpm1:   perElement(math.Expm1),
	OpLog:     vmath.Log,
	OpLog1p:   perElement(math.Log1p),
	OpLog10:   perElement(math.Log10),
	OpSin:     vmath.Sin,
	OpCos:     vmath.Cos,
	OpTan:     perElement(math.Tan),
	OpArcsin:  perElement(math.Asin),
	OpArccos:  perElement(acos),
	OpArctan:  perElement(math.Atan),
	OpSinh:    perElement(math.Sinh),
	OpCosh:    perElement(math.Cosh),
	OpTanh:    perElement(math.Tanh),
	OpArcsinh: perElement(math.Asinh),
	OpArccosh: perElement(math.Acosh),
	OpArctanh: perElement(math.Atanh),
	OpFloor:   perElement(math.Floor),
	OpCeil:    perElement(math.Ceil),
}

// pow is NumPy's float power.
func pow(dst, x, y []float64) { vmath.Pow(dst, x, y) }

// atan2 is NumPy's arctan2.
func atan2(dst, y, x []float64) {
	x = x[:len(dst)]
	y = y[:len(dst)]
	for i := range dst {
		dst[i] = math.Atan2(y[i], x[i])
	}
}

// acos avoids math.Acos's cancellation (π/2 − asin x loses bits as x nears
// 1): near ±1 it takes the half-angle form 2·asin(√((1∓x)/2)).
func acos(x float64) float64 {
	switch {
	case x > 0.5:
		return 2 * math.Asin(math.Sqrt((1-x)/2))
	case x < -0.5:
		return math.Pi - 2*math.Asin(math.Sqrt((1+x)/2))
	}
	return math.Pi/2 - math.Asin(x)
}
