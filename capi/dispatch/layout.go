package dispatch

// maxOperands is the most arrays one elementwise loop walks at once
// (up to three inputs and an output).
const maxOperands = 4

// layout is the iteration space shared by up to maxOperands arrays of one
// shape, simplified the way NumPy's iterator does it: dimensions of length
// one dropped, dimensions ordered by the first operand's strides (so a
// Fortran-order or transposed output is still walked in memory order), and
// neighbouring dimensions merged wherever every operand allows it.
type layout struct {
	nops    int
	shape   []int
	strides [maxOperands][]int
	base    [maxOperands]int
}

func newLayout(shape []int, nops int, strides [maxOperands][]int, base [maxOperands]int) layout {
	dims := make([]int, 0, len(shape))
	for k, s := range shape {
		if s != 1 {
			dims = append(dims, k)
		}
	}
	// Outermost first: larger |stride| of the first operand goes outside
	// (a stable insertion sort: few dimensions, and no allocation).
	for i := 1; i < len(dims); i++ {
		d, key := dims[i], abs(strides[0][dims[i]])
		j := i
		for ; j > 0 && abs(strides[0][dims[j-1]]) < key; j-- {
			dims[j] = dims[j-1]
		}
		dims[j] = d
	}
	l := layout{nops: nops, base: base}
	for _, k := range dims {
		if n := len(l.shape); n > 0 {
			inner := n - 1
			mergeable := true
			for o := 0; o < nops; o++ {
				if l.strides[o][inner] != strides[o][k]*shape[k] {
					mergeable = false
					break
				}
			}
			if mergeable {
				l.shape[inner] *= shape[k]
				for o := 0; o < nops; o++ {
					l.strides[o][inner] = strides[o][k]
				}
				continue
			}
		}
		l.shape = append(l.shape, shape[k])
		for o := 0; o < nops; o++ {
			l.strides[o] = append(l.strides[o], strides[o][k])
		}
	}
	if len(l.shape) == 0 { // 0-d or all-ones: one element
		l.shape = []int{1}
		for o := 0; o < nops; o++ {
			l.strides[o] = []int{0}
		}
	}
	return l
}

// size is the number of elements in the iteration space.
func (l *layout) size() int {
	n := 1
	for _, s := range l.shape {
		n *= s
	}
	return n
}

// innerStride returns operand o's stride along the innermost dimension.
func (l *layout) innerStride(o int) int { return l.strides[o][len(l.shape)-1] }

// walk calls run once for every piece of the innermost dimension that falls in
// the linear (C-order over l.shape) element range [lo, hi): offs holds each
// operand's element offset of the piece's first element, n its length.
func (l *layout) walk(lo, hi int, run func(offs [maxOperands]int, n int)) {
	if lo >= hi {
		return
	}
	nd := len(l.shape)
	var idxBuf [16]int
	idx := idxBuf[:0]
	if nd > len(idxBuf) {
		idx = make([]int, nd)
	} else {
		idx = idxBuf[:nd]
	}
	rem := lo
	for k := nd - 1; k >= 0; k-- {
		idx[k] = rem % l.shape[k]
		rem /= l.shape[k]
	}
	var offs [maxOperands]int
	for o := 0; o < l.nops; o++ {
		offs[o] = l.base[o]
		for k := 0; k < nd; k++ {
			offs[o] += idx[k] * l.strides[o][k]
		}
	}
	inner := nd - 1
	pos := lo
	for pos < hi {
		n := l.shape[inner] - idx[inner]
		if n > hi-pos {
			n = hi - pos
		}
		run(offs, n)
		pos += n
		if pos >= hi {
			return
		}
		// Step to the start of the next innermost row, carrying outward.
		for o := 0; o < l.nops; o++ {
			offs[o] += n * l.strides[o][inner]
		}
		idx[inner] += n
		for k := inner; k > 0 && idx[k] == l.shape[k]; k-- {
			for o := 0; o < l.nops; o++ {
				offs[o] += l.strides[o][k-1] - l.shape[k]*l.strides[o][k]
			}
			idx[k] = 0
			idx[k-1]++
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
