package expr

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzProgram runs a random chain of float64 instructions through the
// interpreter over more than one block and compares every element with the
// same chain applied one element at a time in plain Go.
func FuzzProgram(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6}, uint64(1), uint16(700))
	f.Add([]byte{2, 2, 6, 0}, uint64(0x7ff0000000000000), uint16(3))
	f.Add([]byte{3, 4, 5}, uint64(0xfff8000000000001), uint16(1025))
	f.Fuzz(func(t *testing.T, ops []byte, seed uint64, size uint16) {
		if len(ops) > 32 {
			ops = ops[:32]
		}
		n := int(size) % (3*BlockSize + 7)
		a, b := make([]float64, n), make([]float64, n)
		var buf [8]byte
		for k := range a {
			binary.LittleEndian.PutUint64(buf[:], seed*uint64(2*k+1)+uint64(k))
			a[k] = math.Float64frombits(binary.LittleEndian.Uint64(buf[:]))
			b[k] = float64(int64(seed>>3)%1000-500) / float64(k+1)
		}
		dt := int64(Float64)
		code := instr(
			[6]int64{int64(OpLoad), dt, 0, 0},
			[6]int64{int64(OpLoad), dt, 1, 1},
		)
		reg := int64(2)
		for _, o := range ops {
			x, y := reg-1, reg-2
			switch o % 7 {
			case 0:
				code = append(code, int64(OpAdd), dt, reg, x, y, 0)
			case 1:
				code = append(code, int64(OpSub), dt, reg, x, y, 0)
			case 2:
				code = append(code, int64(OpMul), dt, reg, x, y, 0)
			case 3:
				code = append(code, int64(OpDiv), dt, reg, x, y, 0)
			case 4:
				code = append(code, int64(OpNeg), dt, reg, x, 0, 0)
			case 5:
				code = append(code, int64(OpAbs), dt, reg, x, 0, 0)
			case 6:
				code = append(code, int64(OpSqrt), dt, reg, x, 0, 0)
			}
			reg++
		}
		p, err := Compile(code, nil, []DType{Float64, Float64})
		if err != nil {
			t.Fatalf("compile: %v", err)
		}
		m := NewMachine(p)
		got := make([]float64, n)
		for off := 0; off < n; off += BlockSize {
			w := min(BlockSize, n-off)
			in := [][]float64{a[off : off+w], b[off : off+w]}
			r, _, err := p.Run(m, w, func(k int, f []float64, _ []int64) ([]float64, []int64) {
				copy(f, in[k])
				return nil, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			copy(got[off:off+w], r[:w])
		}
		for k := range n {
			r := []float64{a[k], b[k]}
			for _, o := range ops {
				x, y := r[len(r)-1], r[len(r)-2]
				var v float64
				switch o % 7 {
				case 0:
					v = x + y
				case 1:
					v = x - y
				case 2:
					v = x * y
				case 3:
					v = x / y
				case 4:
					v = -x
				case 5:
					v = math.Abs(x)
				case 6:
					v = math.Sqrt(x)
				}
				r = append(r, v)
			}
			want := r[len(r)-1]
			if !sameF(got[k], want) {
				t.Fatalf("ops %v element %d: got %v want %v", ops, k, got[k], want)
			}
		}
	})
}
