package expr

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkRunBlock runs programs on one block of in-cache float64 operands
// (the interpreter alone, without loads from memory):
// axpy is 2*a + 3*b, where is where(a > 0.5, a, b), hypot is sqrt(a*a + b*b).
func BenchmarkRunBlock(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x, y := make([]float64, BlockSize), make([]float64, BlockSize)
	for k := range x {
		x[k], y[k] = rng.Float64(), rng.Float64()
	}
	ld := func(k int, f []float64, _ []int64) ([]float64, []int64) {
		if k == 0 {
			return x[:len(f)], nil
		}
		return y[:len(f)], nil
	}
	f64 := int64(Float64)
	progs := []struct {
		name   string
		code   []int64
		consts []float64
	}{
		{"axpy", instr(
			[6]int64{int64(OpLoad), f64, 0, 0}, [6]int64{int64(OpLoad), f64, 1, 1},
			[6]int64{int64(OpConst), f64, 2, 0}, [6]int64{int64(OpConst), f64, 3, 1},
			[6]int64{int64(OpMul), f64, 4, 2, 0}, [6]int64{int64(OpMul), f64, 5, 3, 1},
			[6]int64{int64(OpAdd), f64, 6, 4, 5}), []float64{2, 3}},
		{"where", instr(
			[6]int64{int64(OpLoad), f64, 0, 0}, [6]int64{int64(OpLoad), f64, 1, 1},
			[6]int64{int64(OpConst), f64, 2, 0},
			[6]int64{int64(OpGT), f64, 3, 0, 2},
			[6]int64{int64(OpWhere), f64, 4, 3, 0, 1}), []float64{0.5}},
		{"hypot", instr(
			[6]int64{int64(OpLoad), f64, 0, 0}, [6]int64{int64(OpLoad), f64, 1, 1},
			[6]int64{int64(OpMul), f64, 2, 0, 0}, [6]int64{int64(OpMul), f64, 3, 1, 1},
			[6]int64{int64(OpAdd), f64, 4, 2, 3}, [6]int64{int64(OpSqrt), f64, 5, 4}), nil},
	}
	for _, pr := range progs {
		p, err := Compile(pr.code, pr.consts, []DType{Float64, Float64})
		if err != nil {
			b.Fatal(err)
		}
		m := NewMachine(p)
		b.Run(pr.name, func(b *testing.B) {
			b.SetBytes(16 * BlockSize)
			for b.Loop() {
				if _, _, err := p.Run(m, BlockSize, ld); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
