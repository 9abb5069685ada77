//go:build goexperiment.simd && amd64

package kernels

import (
	"math"
	"simd/archsimd"
)

// The AVX2 bodies of the elementwise kernels: each does the leading whole
// vectors and returns how many elements that is, or 0 for an op it lacks.
// elementwise_avx512_amd64.go mirrors this file with 512-bit vectors; keep
// the two in step.

// Float max and min are a compare and a blend, not VMAXPD/VMINPD: those
// return their second operand when either is NaN or both are zero, and the
// compiler treats Max and Min as commutative and may swap the operands. The
// blend picks x where x > y or x is NaN, else y, exactly as maximum does.

func unaryF64x4(op UnaryOp, dst, x []float64) int {
	const lanes = 4
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	switch op {
	case OpSquare:
		// Four vectors per trip: one bounds check and one loop branch per
		// 128 bytes keeps the loop from limiting L1/L2-resident sizes.
		i := 0
		for ; i+4*lanes <= n; i += 4 * lanes {
			xs, ds := x[i:i+4*lanes], dst[i:i+4*lanes]
			v0 := archsimd.LoadFloat64x4Slice(xs[0:])
			v1 := archsimd.LoadFloat64x4Slice(xs[4:])
			v2 := archsimd.LoadFloat64x4Slice(xs[8:])
			v3 := archsimd.LoadFloat64x4Slice(xs[12:])
			v0.Mul(v0).StoreSlice(ds[0:])
			v1.Mul(v1).StoreSlice(ds[4:])
			v2.Mul(v2).StoreSlice(ds[8:])
			v3.Mul(v3).StoreSlice(ds[12:])
		}
		for ; i < n; i += lanes {
			v := archsimd.LoadFloat64x4Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpSqrt:
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat64x4Slice(x[i:]).Sqrt().StoreSlice(dst[i:])
		}
	case OpAbs:
		m := archsimd.BroadcastInt64x4(math.MaxInt64)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat64x4Slice(x[i:]).AsInt64x4().And(m).AsFloat64x4().StoreSlice(dst[i:])
		}
	case OpNegative:
		m := archsimd.BroadcastInt64x4(math.MinInt64)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat64x4Slice(x[i:]).AsInt64x4().Xor(m).AsFloat64x4().StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func unaryF32x8(op UnaryOp, dst, x []float32) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	switch op {
	case OpSquare:
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadFloat32x8Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpSqrt:
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat32x8Slice(x[i:]).Sqrt().StoreSlice(dst[i:])
		}
	case OpAbs:
		m := archsimd.BroadcastInt32x8(math.MaxInt32)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat32x8Slice(x[i:]).AsInt32x8().And(m).AsFloat32x8().StoreSlice(dst[i:])
		}
	case OpNegative:
		m := archsimd.BroadcastInt32x8(math.MinInt32)
		for i := 0; i < n; i += lanes {
			archsimd.LoadFloat32x8Slice(x[i:]).AsInt32x8().Xor(m).AsFloat32x8().StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func unaryI64x4(op UnaryOp, dst, x []int64) int {
	const lanes = 4
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	var zero archsimd.Int64x4
	switch op {
	case OpAbs:
		// VPABSQ is AVX-512 only: select -v where 0 > v.
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadInt64x4Slice(x[i:])
			zero.Sub(v).Merge(v, zero.Greater(v)).StoreSlice(dst[i:])
		}
	case OpNegative:
		for i := 0; i < n; i += lanes {
			zero.Sub(archsimd.LoadInt64x4Slice(x[i:])).StoreSlice(dst[i:])
		}
	default: // square: VPMULLQ is AVX-512 only
		return 0
	}
	return n
}

func unaryI32x8(op UnaryOp, dst, x []int32) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	var zero archsimd.Int32x8
	switch op {
	case OpSquare:
		for i := 0; i < n; i += lanes {
			v := archsimd.LoadInt32x8Slice(x[i:])
			v.Mul(v).StoreSlice(dst[i:])
		}
	case OpAbs:
		for i := 0; i < n; i += lanes {
			archsimd.LoadInt32x8Slice(x[i:]).Abs().StoreSlice(dst[i:])
		}
	case OpNegative:
		for i := 0; i < n; i += lanes {
			zero.Sub(archsimd.LoadInt32x8Slice(x[i:])).StoreSlice(dst[i:])
		}
	default:
		return 0
	}
	return n
}

func binaryF64x4(op BinaryOp, mode ewMode, dst, x, y []float64, s float64) int {
	const lanes = 4
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op > OpMinimum {
		return 0
	}
	sv := archsimd.BroadcastFloat64x4(s)
	if op <= OpDivide {
		switch mode {
		case ewVecVec:
			return binaryVVF64x4(op, dst[:n], x[:n], y[:n])
		case ewVecScalar:
			return binaryVSF64x4(op, dst[:n], x[:n], s)
		}
	}
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF64x4(op, archsimd.LoadFloat64x4Slice(x[i:]), archsimd.LoadFloat64x4Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF64x4(op, archsimd.LoadFloat64x4Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF64x4(op, sv, archsimd.LoadFloat64x4Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opF64x4(op BinaryOp, a, b archsimd.Float64x4) archsimd.Float64x4 {
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

func binaryF32x8(op BinaryOp, mode ewMode, dst, x, y []float32, s float32) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op > OpMinimum {
		return 0
	}
	sv := archsimd.BroadcastFloat32x8(s)
	if op <= OpDivide {
		switch mode {
		case ewVecVec:
			return binaryVVF32x8(op, dst[:n], x[:n], y[:n])
		case ewVecScalar:
			return binaryVSF32x8(op, dst[:n], x[:n], s)
		}
	}
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF32x8(op, archsimd.LoadFloat32x8Slice(x[i:]), archsimd.LoadFloat32x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF32x8(op, archsimd.LoadFloat32x8Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opF32x8(op, sv, archsimd.LoadFloat32x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opF32x8(op BinaryOp, a, b archsimd.Float32x8) archsimd.Float32x8 {
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

// i64x4Has lists the int64 ops with an AVX2 body: VPMULLQ and VPMAXSQ are
// AVX-512 only, so max and min compare and blend, and multiply is plain Go.
func i64x4Has(op BinaryOp) bool {
	return op == OpAdd || op == OpSubtract || op == OpMaximum || op == OpMinimum
}

func binaryI64x4(op BinaryOp, mode ewMode, dst, x, y []int64, s int64) int {
	const lanes = 4
	n := len(dst) &^ (lanes - 1)
	if n == 0 || !i64x4Has(op) {
		return 0
	}
	sv := archsimd.BroadcastInt64x4(s)
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI64x4(op, archsimd.LoadInt64x4Slice(x[i:]), archsimd.LoadInt64x4Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI64x4(op, archsimd.LoadInt64x4Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI64x4(op, sv, archsimd.LoadInt64x4Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opI64x4(op BinaryOp, a, b archsimd.Int64x4) archsimd.Int64x4 {
	switch op {
	case OpAdd:
		return a.Add(b)
	case OpSubtract:
		return a.Sub(b)
	case OpMaximum:
		return a.Merge(b, a.Greater(b))
	}
	return a.Merge(b, b.Greater(a)) // OpMinimum
}

func binaryI32x8(op BinaryOp, mode ewMode, dst, x, y []int32, s int32) int {
	const lanes = 8
	n := len(dst) &^ (lanes - 1)
	if n == 0 || op == OpDivide || op == OpPower {
		return 0
	}
	sv := archsimd.BroadcastInt32x8(s)
	switch mode {
	case ewVecVec:
		x, y = x[:len(dst)], y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI32x8(op, archsimd.LoadInt32x8Slice(x[i:]), archsimd.LoadInt32x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	case ewVecScalar:
		x = x[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI32x8(op, archsimd.LoadInt32x8Slice(x[i:]), sv).StoreSlice(dst[i:])
		}
	case ewScalarVec:
		y = y[:len(dst)]
		for i := 0; i < n; i += lanes {
			opI32x8(op, sv, archsimd.LoadInt32x8Slice(y[i:])).StoreSlice(dst[i:])
		}
	}
	return n
}

func opI32x8(op BinaryOp, a, b archsimd.Int32x8) archsimd.Int32x8 {
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
