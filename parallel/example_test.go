package parallel_test

import (
	"fmt"
	"sync/atomic"

	"gonp/parallel"
)

func ExampleFor() {
	x := make([]float64, 100000)
	// Each chunk writes only its own range, so no locking is needed.
	parallel.For(0, len(x), 4096, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			x[i] = float64(i) * 0.5
		}
	})
	fmt.Println(x[0], x[1], x[len(x)-1])
	// Output: 0 0.5 49999.5
}

func ExampleReduce() {
	x := make([]float64, 1000001)
	for i := range x {
		x[i] = 0.1
	}
	sum := func(workers int) float64 {
		return parallel.Reduce(workers, len(x), 4096,
			func(lo, hi int) float64 {
				s := 0.0
				for _, v := range x[lo:hi] {
					s += v
				}
				return s
			},
			func(a, b float64) float64 { return a + b })
	}
	// The blocks and the combine tree depend on len(x) and the block size
	// only, so every worker count gives the same bits.
	fmt.Println(sum(1) == sum(3), sum(1) == sum(64))
	fmt.Printf("%.6f\n", sum(0))
	// Output:
	// true true
	// 100000.100000
}

func ExampleForCancel() {
	var cancel int32 // set from another goroutine (a signal handler, say)
	done := 0
	ok := parallel.ForCancel(1, 1000, 10, &cancel, func(lo, hi int) {
		done += hi - lo
		if done >= 100 {
			atomic.StoreInt32(&cancel, 1)
		}
	})
	fmt.Println(ok, done < 1000)
	// Output: false true
}
