package parallel

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// treeRef is the combine order Reduce documents, written recursively and
// independently of the code under test: the left subtree holds the largest
// power of two of blocks that is less than all of them.
func treeRef(p []float64) float64 {
	if len(p) == 1 {
		return p[0]
	}
	h := 1 << (bits.Len(uint(len(p)-1)) - 1)
	return treeRef(p[:h]) + treeRef(p[h:])
}

func serialSum(x []float64, block int) float64 {
	if len(x) == 0 {
		return 0
	}
	var parts []float64
	for lo := 0; lo < len(x); lo += block {
		s := 0.0
		for _, v := range x[lo:min(lo+block, len(x))] {
			s += v
		}
		parts = append(parts, s)
	}
	return treeRef(parts)
}

func TestReduceBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 7, 1000, 12345, 100003} {
		// Mixed magnitudes and signs make the sum depend on its order.
		x := make([]float64, n)
		for i := range x {
			x[i] = (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(12)))
		}
		for _, block := range []int{0, 1, 3, 64, 1000, 4096, 200000} {
			want := serialSum(x, max(block, 1))
			for _, workers := range []int{1, 2, 3, 8, 64} {
				got := Reduce(workers, n, block, func(lo, hi int) float64 {
					s := 0.0
					for _, v := range x[lo:hi] {
						s += v
					}
					return s
				}, func(a, b float64) float64 { return a + b })
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Errorf("n=%d block=%d workers=%d: %v (%#x), want %v (%#x)",
						n, block, workers, got, math.Float64bits(got), want, math.Float64bits(want))
				}
			}
		}
	}
}

func TestReduceBlocks(t *testing.T) {
	for _, c := range []struct{ n, block int }{{1, 1}, {10, 3}, {10, 10}, {10, 100}, {1000, 7}, {1024, 64}} {
		for _, workers := range []int{1, 3, 64} {
			t.Run(fmt.Sprintf("n=%d/block=%d/workers=%d", c.n, c.block, workers), func(t *testing.T) {
				nb := (c.n + c.block - 1) / c.block
				seen := make([]int, nb) // each block index is written by one goroutine
				// Partials are the block's index list, so the result spells
				// out the combine order.
				got := Reduce(workers, c.n, c.block, func(lo, hi int) []int {
					b := lo / c.block
					if lo != b*c.block || hi != min(lo+c.block, c.n) {
						t.Errorf("part(%d, %d) is not block %d", lo, hi, b)
					}
					seen[b]++
					return []int{b}
				}, func(a, b []int) []int { return append(append([]int(nil), a...), b...) })
				for b, s := range seen {
					if s != 1 {
						t.Errorf("block %d computed %d times", b, s)
					}
				}
				for i, b := range got {
					if b != i {
						t.Fatalf("combined out of block order: %v", got)
					}
				}
			})
		}
	}
}

func TestReduceTreeShape(t *testing.T) {
	type tree = string
	leaf := func(lo, hi int) tree { return fmt.Sprint(lo) }
	node := func(a, b tree) tree { return "(" + a + " " + b + ")" }
	for _, c := range []struct {
		n    int
		want tree
	}{
		{1, "0"},
		{2, "(0 1)"},
		{3, "((0 1) 2)"},
		{4, "((0 1) (2 3))"},
		{5, "(((0 1) (2 3)) 4)"},
		{6, "(((0 1) (2 3)) (4 5))"},
		{7, "(((0 1) (2 3)) ((4 5) 6))"},
	} {
		for _, workers := range []int{1, 4} {
			if got := Reduce(workers, c.n, 1, leaf, node); got != c.want {
				t.Errorf("n=%d workers=%d: %s, want %s", c.n, workers, got, c.want)
			}
		}
	}
}

func TestReduceEmpty(t *testing.T) {
	got := Reduce(4, 0, 10, func(lo, hi int) [2]float64 {
		t.Error("part called for n=0")
		return [2]float64{1, 1}
	}, func(a, b [2]float64) [2]float64 { return a })
	if got != ([2]float64{}) {
		t.Errorf("n=0: %v, want the zero value", got)
	}
}
