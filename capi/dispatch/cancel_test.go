package dispatch

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"gonp/kernels"
	"gonp/kernels/distance"
)

// cancelCase is one long-running call of each family, on fresh inputs; run
// computes into out with the given flag.
type cancelCase struct {
	name string
	out  []float64
	run  func(cancel *int32) error
}

func cancelCases(rng *rand.Rand) []cancelCase {
	vec := func(n int) []float64 {
		v := make([]float64, n)
		fillRandom(rng, v)
		return v
	}
	const n = 1 << 22
	x, y := vec(n), vec(n)
	uOut, bOut := make([]float64, n), make([]float64, n)
	rOut, mOut, vOut := make([]float64, 1), make([]float64, 1), make([]float64, 1)
	colsX := vec(1 << 22) // 4096×1024, reduced over rows
	cOut := make([]float64, 1024)
	sub, div := vec(1024), vec(1024)
	sdOut := make([]float64, 1<<22)
	const m = 384
	a, b, mmOut := vec(m*m), vec(m*m), make([]float64, m*m)
	const bt = 16 // a stack of small products
	ba, bb, bOut2 := vec(bt*64*64), vec(bt*64*64), make([]float64, bt*64*64)
	const rows, d = 1500, 32
	xa, xb, dOut := vec(rows*d), vec(rows*d), make([]float64, rows*rows)
	pOut := make([]float64, rows*(rows-1)/2)
	flat := func(v []float64) Array { return arrayOf(v, 0, []int{len(v)}, []int{1}) }
	mat := func(v []float64, r, c int) Array { return arrayOf(v, 0, []int{r, c}, []int{c, 1}) }
	scalar := func(v []float64) Array { return arrayOf(v, 0, []int{}, []int{}) }
	return []cancelCase{
		{"unary exp", uOut, func(c *int32) error { return Unary(kernels.OpExp, flat(x), flat(uOut), 0, c) }},
		{"binary power", bOut, func(c *int32) error { return Binary(kernels.OpPower, flat(x), flat(y), flat(bOut), 0, c) }},
		{"reduce sum", rOut, func(c *int32) error { return Reduce(Sum, flat(x), 1, scalar(rOut), 0, 0, c) }},
		{"reduce var columns", cOut, func(c *int32) error {
			xt := arrayOf(colsX, 0, []int{1024, 4096}, []int{1, 1024})
			return Reduce(Var, xt, 1, flat(cOut), 0, 0, c)
		}},
		{"mean_var", mOut, func(c *int32) error { return MeanVar(flat(y), 1, scalar(mOut), scalar(vOut), 0, 0, c) }},
		{"subdiv", sdOut, func(c *int32) error {
			bc := func(v []float64) Array { return arrayOf(v, 0, []int{4096, 1024}, []int{0, 1}) }
			return SubDiv(mat(colsX, 4096, 1024), bc(sub), bc(div), mat(sdOut, 4096, 1024), 0, c)
		}},
		{"matmul", mmOut, func(c *int32) error { return MatMul(mat(a, m, m), mat(b, m, m), mat(mmOut, m, m), 0, c) }},
		{"matmul stack", bOut2, func(c *int32) error {
			s := func(v []float64) Array { return arrayOf(v, 0, []int{bt, 64, 64}, []int{64 * 64, 64, 1}) }
			return MatMul(s(ba), s(bb), s(bOut2), 0, c)
		}},
		{"matmul one worker", mmOut, func(c *int32) error { return MatMul(mat(a, m, m), mat(b, m, m), mat(mmOut, m, m), 1, c) }},
		{"cdist", dOut, func(c *int32) error {
			return Cdist(distance.Euclidean, mat(xa, rows, d), mat(xb, rows, d), mat(dOut, rows, rows), 0, c)
		}},
		{"pdist", pOut, func(c *int32) error { return Pdist(distance.Cityblock, mat(xa, rows, d), flat(pOut), 0, c) }},
	}
}

// A flag set before the call stops it before any chunk: Cancelled, and an
// elementwise output keeps every value it had.
func TestCancelBeforeStart(t *testing.T) {
	for _, c := range cancelCases(rand.New(rand.NewPCG(1, 2))) {
		for i := range c.out {
			c.out[i] = math.Inf(-1)
		}
		flag := int32(1)
		wantCode(t, c.run(&flag), Cancelled, c.name)
		if c.name == "unary exp" || c.name == "binary power" || c.name == "cdist" || c.name == "pdist" || c.name == "subdiv" {
			if i := slices.IndexFunc(c.out, func(v float64) bool { return !math.IsInf(v, -1) }); i >= 0 {
				t.Errorf("%s: out[%d] written by a call cancelled before it started", c.name, i)
			}
		}
	}
}

// A flag that stays 0 changes nothing: the result is bit-identical to the
// call without a flag (reductions included: their blocks do not depend on
// how the pool cuts the work).
func TestCancelFlagUnsetSameResult(t *testing.T) {
	for _, c := range cancelCases(rand.New(rand.NewPCG(3, 4))) {
		if err := c.run(nil); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := slices.Clone(c.out)
		var flag int32
		if err := c.run(&flag); err != nil {
			t.Fatalf("%s with a flag: %v", c.name, err)
		}
		for i := range want {
			if !sameBits(c.out[i], want[i]) {
				t.Fatalf("%s: out[%d] = %v with an unset flag, %v without one", c.name, i, c.out[i], want[i])
			}
		}
	}
}

// A flag set from another goroutine while the call runs stops it: the call
// returns Cancelled with no chunk running, and the next call, without a
// flag, gives the full result.
func TestCancelDuringCall(t *testing.T) {
	for _, c := range cancelCases(rand.New(rand.NewPCG(5, 6))) {
		if err := c.run(nil); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := slices.Clone(c.out)
		clear(c.out)
		var flag int32
		start := time.Now()
		timer := time.AfterFunc(time.Millisecond, func() { atomic.StoreInt32(&flag, 1) })
		err := c.run(&flag)
		elapsed := time.Since(start)
		timer.Stop()
		if err == nil {
			// The flag came after the last chunk had started (or never came):
			// the call is complete, and its result must be.
			for i := range want {
				if !sameBits(c.out[i], want[i]) {
					t.Fatalf("%s finished (flag %d) but out[%d] = %v, want %v", c.name, atomic.LoadInt32(&flag), i, c.out[i], want[i])
				}
			}
			t.Logf("%s finished in %v, before the flag was seen", c.name, elapsed)
			continue
		}
		wantCode(t, err, Cancelled, c.name)
		t.Logf("%s: cancelled after %v", c.name, elapsed)
		if err := c.run(nil); err != nil {
			t.Fatalf("%s after a cancel: %v", c.name, err)
		}
		for i := range want {
			if !sameBits(c.out[i], want[i]) {
				t.Fatalf("%s after a cancel: out[%d] = %v, want %v", c.name, i, c.out[i], want[i])
			}
		}
	}
}
