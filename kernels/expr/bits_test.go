package expr

import (
	"math"
	"math/rand/v2"
	"testing"
)

// refShift is NumPy's npy_lshift / npy_rshift for a w-bit signed integer,
// written out case by case: a count in [0, w) shifts, any other count
// (negative, or w and up) gives 0 for <<, and 0 or -1 by a's sign for >>.
func refShift(left bool, a, b int64, w int) int64 {
	if b >= 0 && b < int64(w) {
		if !left {
			return a >> b // a is sign-extended from w bits: the same as a w-bit shift
		}
		r := a << b
		if w == 32 {
			r = int64(int32(r))
		}
		return r
	}
	if left || a >= 0 {
		return 0
	}
	return -1
}

// TestBitwiseAndShifts runs ^, << and >> through programs, array by array
// and with a constant count, over counts in and out of range, against the
// reference above; ^ of bools is logical.
func TestBitwiseAndShifts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, dt := range []DType{Int32, Int64} {
		w := 64
		lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
		if dt == Int32 {
			w, lo, hi = 32, math.MinInt32, math.MaxInt32
		}
		vals := []int64{0, 1, -1, 5, -5, 7, lo, hi, lo + 1, hi - 1, 1 << (w - 2), -(1 << (w - 2))}
		counts := []int64{0, 1, 2, int64(w) - 2, int64(w) - 1, int64(w), int64(w) + 1, 63, 64, 65, 200, -1, -2, -int64(w), -200, lo, hi}
		var a, b []int64
		for _, v := range vals {
			for _, c := range counts {
				a, b = append(a, v), append(b, c)
			}
		}
		for range 300 {
			v, c := rng.Int64(), rng.Int64N(3*int64(w))-int64(w)
			if dt == Int32 {
				v = int64(int32(v))
			}
			a, b = append(a, v), append(b, c)
		}
		n := len(a)
		if n > BlockSize {
			t.Fatalf("%d cases do not fit one block", n)
		}
		for _, op := range []Op{OpLShift, OpRShift, OpXor} {
			code := instr(
				[6]int64{int64(OpLoad), int64(dt), 0, 0},
				[6]int64{int64(OpLoad), int64(dt), 1, 1},
				[6]int64{int64(op), int64(dt), 2, 0, 1},
			)
			_, got, err := runProgram(t, code, nil, []DType{dt, dt}, nil, [][]int64{a, b}, n)
			if err != nil {
				t.Fatal(err)
			}
			for k := range n {
				var want int64
				if op == OpXor {
					want = a[k] ^ b[k]
					if dt == Int32 {
						want = int64(int32(want))
					}
				} else {
					want = refShift(op == OpLShift, a[k], b[k], w)
				}
				if got[k] != want {
					t.Errorf("%v %v: %d, %d: got %d want %d", op, dt, a[k], b[k], got[k], want)
				}
			}
		}
		// A constant count, as x << 3 compiles: OpConst holds it wrapped
		// to the dtype.
		for _, c := range counts {
			for _, op := range []Op{OpLShift, OpRShift} {
				code := instr(
					[6]int64{int64(OpLoad), int64(dt), 0, 0},
					[6]int64{int64(OpConst), int64(dt), 1, c},
					[6]int64{int64(op), int64(dt), 2, 0, 1},
				)
				_, got, err := runProgram(t, code, nil, []DType{dt}, nil, [][]int64{vals}, len(vals))
				if err != nil {
					t.Fatal(err)
				}
				cc := c
				if dt == Int32 {
					cc = int64(int32(c))
				}
				for k, v := range vals {
					if want := refShift(op == OpLShift, v, cc, w); got[k] != want {
						t.Errorf("%v %v by constant %d: %d: got %d want %d", op, dt, cc, v, got[k], want)
					}
				}
			}
		}
	}
	a, b := []int64{0, 0, 1, 1}, []int64{0, 1, 0, 1}
	code := instr(
		[6]int64{int64(OpLoad), int64(Bool), 0, 0},
		[6]int64{int64(OpLoad), int64(Bool), 1, 1},
		[6]int64{int64(OpXor), int64(Bool), 2, 0, 1},
	)
	_, got, err := runProgram(t, code, nil, []DType{Bool, Bool}, nil, [][]int64{a, b}, 4)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []int64{0, 1, 1, 0} {
		if got[k] != want {
			t.Errorf("bool xor %d, %d: got %d want %d", a[k], b[k], got[k], want)
		}
	}
}

func TestBitwiseRejects(t *testing.T) {
	for _, op := range []Op{OpXor, OpLShift, OpRShift} {
		for _, dt := range []DType{Float64, Float32, Bool} {
			if op == OpXor && dt == Bool {
				continue
			}
			var load [6]int64
			if dt.IsFloat() {
				load = [6]int64{int64(OpConst), int64(dt), 0, 0}
			} else {
				load = [6]int64{int64(OpConst), int64(dt), 0, 1}
			}
			code := instr(load, [6]int64{int64(op), int64(dt), 1, 0, 0})
			if _, err := Compile(code, []float64{1}, nil); err == nil {
				t.Errorf("%v of %v compiled", op, dt)
			}
		}
		// Operands of another dtype than the instruction's.
		code := instr([6]int64{int64(OpConst), int64(Int32), 0, 1},
			[6]int64{int64(OpConst), int64(Int64), 1, 1},
			[6]int64{int64(op), int64(Int64), 2, 0, 1})
		if _, err := Compile(code, nil, nil); err == nil {
			t.Errorf("%v of int32 and int64 compiled", op)
		}
	}
}
