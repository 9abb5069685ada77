//go:build goexperiment.simd && amd64

package kernels

import (
	"math"
	"simd/archsimd"
)

// The AVX-512 bodies of the elementwise kernels: each does the leading
// whole vectors and returns how many elements that is, or 0 for an op it
// lacks. This file mirrors elementwise_avx2_amd64.go with 512-bit vectors;
// keep the two in step. Only int64 differs: AVX-512 has VPABSQ, VPMULLQ and
// VPMAXSQ/VPMINSQ.

// Float max and min are a compare and a blend, not VMAXPD/VMINPD: those
// return their second operand when either is NaN or both are zero, and the
// compiler treats Max and Min as commutative and may swap the operands. The
// blend picks x where x > y or x is NaN, else y, exactly as maximum does.

func unaryF64x8(op UnaryOp, dst, x []float64) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	switch op {
	case OpSquare:
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadFloat64x8Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpSqrt:
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat64x8Slice(x[i:]).Sqrt().StoreSlice(dst[i:])
		}
	case OpAbs:
		m := archsimd.BroadcastInt64x8(math.MaxInt64)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat64x8Slice(x[i:]).AsInt64x8().And(m).AsFloat64x8().StoreSlice(dst[i:])
		}
	case OpNegative:
		m := archsimd.BroadcastInt64x8(math.MinInt64)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat64x8Slice(x[i:]).AsInt64x8().Xor(m).AsFloat64x8().StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func unaryF32x16(op UnaryOp, dst, x []float32) int {
	const lanes = 16
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	switch op {
	case OpSquare:
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadFloat32x16Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpSqrt:
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat32x16Slice(x[i:]).Sqrt().StoreSlice(dst[i:])
		}
	case OpAbs:
		m := archsimd.BroadcastInt32x16(math.MaxInt32)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat32x16Slice(x[i:]).AsInt32x16().And(m).AsFloat32x16().StoreSlice(dst[i:])
		}
	case OpNegative:
		m := archsimd.BroadcastInt32x16(math.MinInt32)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat32x16Slice(x[i:]).AsInt32x16().Xor(m).AsFloat32x16().StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func unaryI64x8(op UnaryOp, dst, x []int64) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	var zero archsimd.Int64x8
	switch op {
	case OpSquare:
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadInt64x8Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpAbs:
		for i := 0; i < n; i += lanes {
			archsimd.LoadInt64x8Slice(x[i:]).Abs().StoreSlice(dst[i:])
		}
	case OpNegative:
		for i := 0; i < n; i += lanes {
			zero.Sub(archsimd.LoadInt64x8Slice(x[i:])).StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func unaryI32x16(op UnaryOp, dst, x []int32) int {
	const lanes = 16
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	var zero archsimd.Int32x16
	switch op {
	case OpSquare:
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadInt32x16Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpAbs:
		for i := 0; i < n; i += lanes {
			archsimd.LoadInt32x16Slice(x[i:]).Abs().StoreSlice(dst[i:])
		}
	case OpNegative:
		for i := 0; i < n; i += lanes {
			zero.Sub(archsimd.LoadInt32x16Slice(x[i:])).StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func binaryF64x8(op BinaryOp, mode ewMode, dst, x, y []float64, s float64) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op > OpMinimum {
		return 0
	}
	sv := archsimd.BroadcastFloat64x8(s)
	if op <= OpDivide {
		switch mode {
		case ewVecVec:
			return binaryVVF64x8(op, dst[:n], x[:n], y[:n])
		case ewVecScalar:
			return binaryVSF64x8(op, dst[:n], x[:n], s)
		}
	}
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF64x8(op, archsimd.LoadFloat64x8Slice(x[i:]), archsimd.LoadFloat64x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF64x8(op, archsimd.LoadFloat64x8Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF64x8(op, sv, archsimd.LoadFloat64x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opF64x8(op BinaryOp, a, b archsimd.Float64x8) archsimd.Float64x8 {
	switch op {
	case OpAdd:
		return a.Add(b)
	case OpSubtract:
		return a.Sub(b)
	case OpMultiply:
		return a.Mul(b)
	case OpDivide:
		return a.Div(b)
	case OpMaximum:
		return a.Merge(b, a.Greater(b).Or(a.IsNaN()))
	}
	return a.Merge(b, a.Less(b).Or(a.IsNaN())) // OpMinimum
}

func binaryF32x16(op BinaryOp, mode ewMode, dst, x, y []float32, s float32) int {
	const lanes = 16
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op > OpMinimum {
		return 0
	}
	sv := archsimd.BroadcastFloat32x16(s)
	if op <= OpDivide {
		switch mode {
		case ewVecVec:
			return binaryVVF32x16(op, dst[:n], x[:n], y[:n])
		case ewVecScalar:
			return binaryVSF32x16(op, dst[:n], x[:n], s)
		}
	}
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF32x16(op, archsimd.LoadFloat32x16Slice(x[i:]), archsimd.LoadFloat32x16Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF32x16(op, archsimd.LoadFloat32x16Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF32x16(op, sv, archsimd.LoadFloat32x16Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opF32x16(op BinaryOp, a, b archsimd.Float32x16) archsimd.Float32x16 {
	switch op {
	case OpAdd:
		return a.Add(b)
	case OpSubtract:
		return a.Sub(b)
	case OpMultiply:
		return a.Mul(b)
	case OpDivide:
		return a.Div(b)
	case OpMaximum:
		return a.Merge(b, a.Greater(b).Or(a.IsNaN()))
	}
	return a.Merge(b, a.Less(b).Or(a.IsNaN())) // OpMinimum
}

func binaryI64x8(op BinaryOp, mode ewMode, dst, x, y []int64, s int64) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op == OpDivide || op == OpPower {
		return 0
	}
	sv := archsimd.BroadcastInt64x8(s)
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI64x8(op, archsimd.LoadInt64x8Slice(x[i:]), archsimd.LoadInt64x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI64x8(op, archsimd.LoadInt64x8Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI64x8(op, sv, archsimd.LoadInt64x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opI64x8(op BinaryOp, a, b archsimd.Int64x8) archsimd.Int64x8 {
	switch op {
	case OpAdd:
		return a.Add(b)
	case OpSubtract:
		return a.Sub(b)
	case OpMultiply:
		return a.Mul(b)
	case OpMaximum:
		return a.Max(b)
	}
	return a.Min(b) // OpMinimum
}

func binaryI32x16(op BinaryOp, mode ewMode, dst, x, y []int32, s int32) int {
	const lanes = 16
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op == OpDivide || op == OpPower {
		return 0
	}
	sv := archsimd.BroadcastInt32x16(s)
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI32x16(op, archsimd.LoadInt32x16Slice(x[i:]), archsimd.LoadInt32x16Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI32x16(op, archsimd.LoadInt32x16Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI32x16(op, sv, archsimd.LoadInt32x16Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opI32x16(op BinaryOp, a, b archsimd.Int32x16) archsimd.Int32x16 {
	switch op {
	case OpAdd:
		return a.Add(b)
	case OpSubtract:
		return a.Sub(b)
	case OpMultiply:
		return a.Mul(b)
	case OpMaximum:
		return a.Max(b)
	}
	return a.Min(b) // OpMinimum
}
