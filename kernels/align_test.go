package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// ewSameAll reports whether a and b hold the same bits, or NaN both (which
// NaN an addition of two NaNs keeps is the hardware's choice of operand).
func ewSameAll[T Number](a, b []T) bool {
	for i := range a {
		if !rtSame(a[i], b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
			return false
		}
	}
	return len(a) == len(b)
}

// ewAt returns n elements of buf starting off elements past a 64-byte
// boundary.
func ewAt[T Number](buf []T, off, n int) []T {
	size := int(unsafe.Sizeof(T(0)))
	skip := (ewAlign - int(uintptr(unsafe.Pointer(&buf[0]))%ewAlign)) % ewAlign / size
	return buf[skip+off : skip+off+n]
}

// The exact elementwise ops run a misaligned head in plain Go and the rest
// in the vector body; the result is the same at every start address.
func testEwHead[T Number](t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const n = 1000
	size := int(unsafe.Sizeof(T(0)))
	forEachLevel(t, func(t *testing.T) {
		for off := 0; off < ewAlign/size+1; off++ {
			xb, yb, db, wb := make([]T, n+64), make([]T, n+64), make([]T, n+64), make([]T, n)
			x, y, dst := ewAt(xb, off, n), ewAt(yb, (off*3)%8, n), ewAt(db, off, n)
			copy(x, ewRandom[T](rng, n))
			copy(y, ewRandom[T](rng, n))
			for _, op := range []UnaryOp{OpSquare, OpSqrt, OpAbs, OpNegative} {
				if !UnarySupported[T](op) {
					continue
				}
				Unary(op, dst, x)
				unaryGo(op, wb, x)
				if !ewSameAll(dst, wb) {
					t.Fatalf("%v at offset %d: differs from plain Go", op, off)
				}
			}
			for _, op := range []BinaryOp{OpAdd, OpSubtract, OpMultiply, OpDivide, OpMaximum, OpMinimum} {
				if !BinarySupported[T](op) {
					continue
				}
				what := fmt.Sprintf("%v at offset %d", op, off)
				Binary(op, dst, x, y)
				binaryGo(op, wb, x, y)
				if !ewSameAll(dst, wb) {
					t.Fatalf("%s: differs from plain Go", what)
				}
				BinaryScalarRight(op, dst, x, y[7])
				binaryScalarRightGo(op, wb, x, y[7])
				if !ewSameAll(dst, wb) {
					t.Fatalf("%s, scalar right: differs from plain Go", what)
				}
				BinaryScalarLeft(op, dst, y[7], x)
				binaryScalarLeftGo(op, wb, y[7], x)
				if !ewSameAll(dst, wb) {
					t.Fatalf("%s, scalar left: differs from plain Go", what)
				}
			}
		}
	})
}

func TestEwHead(t *testing.T) {
	t.Run("float64", testEwHead[float64])
	t.Run("float32", testEwHead[float32])
	t.Run("int64", testEwHead[int64])
	t.Run("int32", testEwHead[int32])
}

func TestEwHeadLength(t *testing.T) {
	buf := make([]float64, 4096)
	for off := range 8 {
		x := ewAt(buf, off, 1024)
		h := ewHead(AVX2, x)
		if want := (8 - off) % 8; h != want {
			t.Fatalf("offset %d: head %d, want %d", off, h, want)
		}
		if got := uintptr(unsafe.Pointer(&x[h])) % ewAlign; got != 0 {
			t.Fatalf("offset %d: body starts %d bytes past a boundary", off, got)
		}
		if ewHead(Generic, x) != 0 || ewHead(AVX2, x[:100]) != 0 {
			t.Fatalf("offset %d: a head at the generic level or on a short run", off)
		}
	}
}

// SubDiv and the cyclic apply of SubDivRows start their vector bodies on a
// cache line too, and give the plain-Go bits from every start address.
func testSubDivHead[T Float](t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	size := int(unsafe.Sizeof(T(0)))
	forEachLevel(t, func(t *testing.T) {
		for _, cols := range []int{4, 5, 7, 10, 16, 33} {
			const rows = 101
			n := rows * cols
			sub, div := make([]float64, cols), make([]float64, cols)
			for j := range sub {
				sub[j], div[j] = rng.NormFloat64(), 0.5+rng.Float64()
			}
			for off := 0; off < ewAlign/size+1; off++ {
				xb, db, want := make([]T, n+64), make([]T, n+64), make([]T, n)
				x, dst := ewAt(xb, off, n), ewAt(db, off, n)
				for i := range x {
					x[i] = T(rng.NormFloat64() * 10)
				}
				SubDivRows(dst, x, rows, cols, cols, cols, sub, div)
				scaleSubDivRowsGeneric(want, x, rows, cols, cols, cols, sub, div)
				if !rtSameBits(dst, want) {
					t.Fatalf("SubDivRows cols=%d offset %d: differs from plain Go", cols, off)
				}
				SubDiv(dst, x, sub[0], div[0])
				scaleSubDivGeneric(want, x, T(sub[0]), T(div[0]))
				if !rtSameBits(dst, want) {
					t.Fatalf("SubDiv offset %d: differs from plain Go", off)
				}
			}
		}
	})
}

func TestSubDivHead(t *testing.T) {
	t.Run("float64", testSubDivHead[float64])
	t.Run("float32", testSubDivHead[float32])
}
