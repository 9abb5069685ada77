package expr

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkFloatWhere(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	// Many blocks of random conditions, so that a branch cannot learn them.
	const blocks = 256
	d, x, y := make([]float64, BlockSize), make([]float64, BlockSize*blocks), make([]float64, BlockSize*blocks)
	c := make([]int64, BlockSize*blocks)
	for k := range x {
		x[k], y[k] = rng.Float64(), rng.Float64()
	}
	compare(OpGT, c, x, y)
	b.SetBytes(int64(BlockSize * 8))
	j := 0
	for b.Loop() {
		o := j * BlockSize
		floatWhere(d, c[o:o+BlockSize], x[o:o+BlockSize], y[o:o+BlockSize])
		j = (j + 1) % blocks
	}
}

func BenchmarkFloatCompare(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x, y := make([]float64, BlockSize), make([]float64, BlockSize)
	c := make([]int64, BlockSize)
	for k := range x {
		x[k], y[k] = rng.Float64(), rng.Float64()
	}
	b.SetBytes(int64(BlockSize * 8))
	for b.Loop() {
		compareFloat(OpGT, c, x, y)
	}
}
