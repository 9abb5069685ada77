package dispatch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonp/kernels"
)

// sentinel marks the elements of an output buffer that a call must not write.
func sentinel[T kernels.Number]() T { return T(-77777) }

func naiveUnary[T kernels.Number](op kernels.UnaryOp, x T) T {
	switch op {
	case kernels.OpSquare:
		return x * x
	case kernels.OpNegative:
		return -x
	}
	panic("no reference for " + op.String())
}

func naiveBinary[T kernels.Number](op kernels.BinaryOp, x, y T) T {
	switch op {
	case kernels.OpAdd:
		return x + y
	case kernels.OpSubtract:
		return x - y
	case kernels.OpDivide:
		return x / y
	case kernels.OpMaximum:
		if x > y || x != x {
			return x
		}
		return y
	}
	panic("no reference for " + op.String())
}

// elementwiseShapes are the shapes every elementwise test runs: 0-d, empty,
// small n-d, and a few large enough for the pool to split them.
func elementwiseShapes(rng *rand.Rand) [][]int {
	shapes := [][]int{{}, {0}, {2, 0}, {1}, {7}, {3, 1, 4}, {2, 3, 11001}, {66001}}
	for range 12 {
		shapes = append(shapes, randomShape(rng, 1+rng.IntN(4), 1, 5))
	}
	return shapes
}

// withNaNs sprinkles NaN over a float buffer (a no-op for ints).
func withNaNs[T kernels.Number](rng *rand.Rand, buf []T) {
	var zero T
	if _, ok := any(zero).(float32); !ok {
		if _, ok := any(zero).(float64); !ok {
			return
		}
	}
	for i := range buf {
		if rng.IntN(8) == 0 {
			buf[i] = T(math.NaN())
		}
	}
}

func testUnary[T kernels.Number](t *testing.T, rng *rand.Rand) {
	ops := []kernels.UnaryOp{kernels.OpSquare, kernels.OpNegative}
	for _, shape := range elementwiseShapes(rng) {
		for i, op := range ops {
			for _, inPlace := range []bool{false, true} {
				if sizeOf(shape) > 2*elementwiseGrain && i%2 != boolInt(inPlace) {
					continue // large shapes: each op once, to bound the time under -race
				}
				w := workerCounts[rng.IntN(len(workerCounts))]
				if sizeOf(shape) > 2*elementwiseGrain {
					w = workerCounts[1+rng.IntN(len(workerCounts)-1)]
				}
				xs := randomStrides(rng, shape, anyLayout, !inPlace)
				x := newOperand[T](shape, xs, 0)
				fillRandom(rng, x.buf)
				withNaNs(rng, x.buf)
				orig := slices.Clone(x.buf)
				out := x
				if !inPlace {
					out = newOperand(shape, randomStrides(rng, shape, anyLayout, false), sentinel[T]())
				}
				name := fmt.Sprintf("%v %v shape %v x strides %v out strides %v in-place %v workers %d",
					dtypeOf[T](), op, shape, x.strides, out.strides, inPlace, w)
				if err := Unary(op, x.array(), out.array(), w, nil); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				bad := 0
				forEachIndex(shape, func(idx []int) {
					want := naiveUnary(op, orig[x.at(idx)])
					if got := out.buf[out.at(idx)]; !same(got, want) && bad < 3 {
						bad++
						t.Errorf("%s: at %v got %v, want %v", name, idx, got, want)
					}
				})
				checkUntouched(t, out, x, orig, inPlace, name)
			}
		}
	}
}

func testBinary[T kernels.Number](t *testing.T, rng *rand.Rand) {
	ops := []kernels.BinaryOp{kernels.OpAdd, kernels.OpSubtract, kernels.OpMaximum}
	if dtypeOf[T]() == Float32 || dtypeOf[T]() == Float64 {
		ops = append(ops, kernels.OpDivide)
	}
	for _, shape := range elementwiseShapes(rng) {
		for i, op := range ops {
			for _, inPlace := range []bool{false, true} {
				if sizeOf(shape) > 2*elementwiseGrain && i%2 != boolInt(inPlace) {
					continue // large shapes: each op once, to bound the time under -race
				}
				w := workerCounts[rng.IntN(len(workerCounts))]
				if sizeOf(shape) > 2*elementwiseGrain {
					w = workerCounts[1+rng.IntN(len(workerCounts)-1)]
				}
				x := newOperand[T](shape, randomStrides(rng, shape, anyLayout, !inPlace), 0)
				y := newOperand[T](shape, randomStrides(rng, shape, anyLayout, true), 0)
				fillRandom(rng, x.buf)
				fillRandom(rng, y.buf)
				withNaNs(rng, x.buf)
				withNaNs(rng, y.buf)
				if op == kernels.OpDivide {
					y.buf[rng.IntN(len(y.buf))] = 0
				}
				xOrig, yOrig := slices.Clone(x.buf), slices.Clone(y.buf)
				out := x
				if !inPlace {
					out = newOperand(shape, randomStrides(rng, shape, anyLayout, false), sentinel[T]())
				}
				name := fmt.Sprintf("%v %v shape %v strides x %v y %v out %v in-place %v workers %d",
					dtypeOf[T](), op, shape, x.strides, y.strides, out.strides, inPlace, w)
				if err := Binary(op, x.array(), y.array(), out.array(), w, nil); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				bad := 0
				forEachIndex(shape, func(idx []int) {
					want := naiveBinary(op, xOrig[x.at(idx)], yOrig[y.at(idx)])
					if got := out.buf[out.at(idx)]; !same(got, want) && bad < 3 {
						bad++
						t.Errorf("%s: at %v got %v, want %v", name, idx, got, want)
					}
				})
				if !slices.EqualFunc(y.buf, yOrig, same) {
					t.Errorf("%s: y changed", name)
				}
				checkUntouched(t, out, x, xOrig, inPlace, name)
			}
		}
	}
}

func TestUnary(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	t.Run("float32", func(t *testing.T) { testUnary[float32](t, rng) })
	t.Run("float64", func(t *testing.T) { testUnary[float64](t, rng) })
	t.Run("int32", func(t *testing.T) { testUnary[int32](t, rng) })
	t.Run("int64", func(t *testing.T) { testUnary[int64](t, rng) })
}

func TestBinary(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	t.Run("float32", func(t *testing.T) { testBinary[float32](t, rng) })
	t.Run("float64", func(t *testing.T) { testBinary[float64](t, rng) })
	t.Run("int32", func(t *testing.T) { testBinary[int32](t, rng) })
	t.Run("int64", func(t *testing.T) { testBinary[int64](t, rng) })
}

// TestBinaryScalarOperands covers the broadcast-scalar fast paths: one
// operand with stride 0 everywhere, the other contiguous.
func TestBinaryScalarOperands(t *testing.T) {
	n := 100
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	s := []float64{3}
	out := make([]float64, n)
	vec := arrayOf(x, 0, []int{n}, []int{1})
	scalar := arrayOf(s, 0, []int{n}, []int{0})
	o := arrayOf(out, 0, []int{n}, []int{1})
	if err := Binary(kernels.OpSubtract, vec, scalar, o, 1, nil); err != nil {
		t.Fatal(err)
	}
	for i, v := range out {
		if v != float64(i)-3 {
			t.Fatalf("x - 3: out[%d] = %v, want %v", i, v, float64(i)-3)
		}
	}
	if err := Binary(kernels.OpSubtract, scalar, vec, o, 1, nil); err != nil {
		t.Fatal(err)
	}
	for i, v := range out {
		if v != 3-float64(i) {
			t.Fatalf("3 - x: out[%d] = %v, want %v", i, v, 3-float64(i))
		}
	}
}

func TestElementwiseErrors(t *testing.T) {
	f64 := make([]float64, 6)
	f32 := make([]float32, 6)
	i32 := make([]int32, 6)
	a := arrayOf(f64, 0, []int{2, 3}, []int{3, 1})
	b := arrayOf(f32, 0, []int{2, 3}, []int{3, 1})
	ints := arrayOf(i32, 0, []int{2, 3}, []int{3, 1})
	wrongShape := arrayOf(f64, 0, []int{3, 2}, []int{2, 1})
	wrongRank := arrayOf(f64, 0, []int{6}, []int{1})

	wantCode(t, Unary(kernels.OpSquare, b, a, 1, nil), TypeError, "unary dtype mismatch")
	wantCode(t, Binary(kernels.OpAdd, a, b, a, 1, nil), TypeError, "binary dtype mismatch")
	wantCode(t, Unary(kernels.OpSquare, wrongShape, a, 1, nil), ValueError, "unary shape mismatch")
	wantCode(t, Binary(kernels.OpAdd, a, wrongRank, a, 1, nil), ValueError, "binary rank mismatch")
	wantCode(t, Unary(kernels.OpSqrt, ints, ints, 1, nil), TypeError, "sqrt of int32")
	wantCode(t, Binary(kernels.OpDivide, ints, ints, ints, 1, nil), TypeError, "true division of int32")
	wantCode(t, Unary(kernels.UnaryOp(99), a, a, 1, nil), TypeError, "unknown unary op")

	bad := a
	bad.DType = 9
	wantCode(t, Unary(kernels.OpSquare, bad, bad, 1, nil), TypeError, "unknown dtype")
	bad = a
	bad.Strides = []int{12, 4} // not a multiple of 8
	wantCode(t, Unary(kernels.OpSquare, bad, a, 1, nil), ValueError, "misaligned stride")
	bad = a
	bad.Strides = []int{8}
	wantCode(t, Unary(kernels.OpSquare, a, bad, 1, nil), ValueError, "strides of the wrong rank")
	bad = a
	bad.Shape = []int{2, -3}
	wantCode(t, Unary(kernels.OpSquare, bad, bad, 1, nil), ValueError, "negative dimension")
	bad = a
	bad.Data = nil
	wantCode(t, Unary(kernels.OpSquare, bad, a, 1, nil), ValueError, "null data")

	// An empty array with no data is fine and writes nothing.
	empty := Array{DType: Float64, Shape: []int{2, 0}, Strides: []int{0, 8}}
	if err := Unary(kernels.OpSquare, empty, empty, 4, nil); err != nil {
		t.Errorf("empty arrays: %v", err)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
