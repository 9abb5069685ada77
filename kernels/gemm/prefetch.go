package gemm

import "unsafe"

// Prefetch asks the CPU to start loading the rows×cols matrix whose element
// (i, j) is x[i*rs+j*cs] into its L2 cache, and returns at once. It reads
// and writes nothing, so its only effect is on speed: a caller that computes
// a stack of small products prefetches the next product's operands while it
// computes the current one, which hides the memory latency that an operand
// read for the first time costs. Only matrices stored by rows or by columns
// (cs == 1 or rs == 1) are prefetched; other layouts, short slices and
// builds without assembly make it do nothing.
func Prefetch[T float32 | float64](rows, cols int, x []T, rs, cs int) {
	if rows <= 0 || cols <= 0 || rs < 0 || cs < 0 || len(x) <= (rows-1)*rs+(cols-1)*cs {
		return
	}
	if cs != 1 {
		if rs != 1 {
			return
		}
		rows, cols, rs = cols, rows, cs
	}
	if rs == cols {
		// Rows follow each other: one run.
		cols, rows = rows*cols, 1
	}
	size := int(unsafe.Sizeof(x[0]))
	prefetchRows(unsafe.Pointer(&x[0]), cols*size, rows, rs*size)
}
