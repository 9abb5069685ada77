package kernels

// Panic messages of the reduction, statistics and scaling kernels.
const (
	redNegN     = "kernels: negative length"
	redShortX   = "kernels: insufficient length of x"
	redShortDst = "kernels: insufficient length of dst"
	redShortAcc = "kernels: insufficient length of acc"
	redShortOut = "kernels: insufficient length of out"
	redShortArg = "kernels: insufficient length of sub or div"
	redBadShape = "kernels: negative rows or cols"
	redBadLd    = "kernels: leading dimension smaller than cols"
	redEmpty    = "kernels: zero-size array to reduction operation which has no identity"
)

// redPairwiseBlock is the largest run that pairwise summation adds without
// splitting it further; NumPy uses the same 128 (PW_BLOCKSIZE), so the
// generic and AVX2 paths reproduce np.sum of a contiguous float64 array bit
// for bit.
const redPairwiseBlock = 128

// redCheckInc panics unless x[ix+i*inc] is in range for every i in [0, n).
func redCheckInc(lenX, n, inc, ix int, msg string) {
	if n < 0 {
		panic(redNegN)
	}
	if n == 0 {
		return
	}
	if ix < 0 || ix >= lenX {
		panic(msg)
	}
	if last := ix + (n-1)*inc; last < 0 || last >= lenX {
		panic(msg)
	}
}

// redCheckBlock panics unless x holds a rows×cols block with row stride ld.
func redCheckBlock(lenX, rows, cols, ld int, msg string) {
	if rows < 0 || cols < 0 {
		panic(redBadShape)
	}
	if rows == 0 || cols == 0 {
		return
	}
	if ld < cols {
		panic(redBadLd)
	}
	if lenX < (rows-1)*ld+cols {
		panic(msg)
	}
}

// Sum returns the sum of x, accumulated in float64 for float32 input too.
//
// It sums pairwise as NumPy does: halves are summed recursively down to runs
// of at most 128 elements, each added with 8 independent lane accumulators
// (16 on the AVX-512 path), so the error is bounded by
// O(log n · eps · Σ|x|) rather than O(n · eps · Σ|x|). The result depends
// only on x and the active Level; the generic and AVX2 paths agree bit for
// bit with each other and with np.sum of a contiguous float64 array.
// Sum of an empty slice is 0.
func Sum[T Float](x []T) float64 {
	switch v := any(x).(type) {
	case []float64:
		return redSumF64(v)
	case []float32:
		return redSumF32(v)
	}
	return redSumPairwise(x)
}

// AddRowSums adds to sums[r] the sum of row r of x (len(sums) rows of
// cols elements, one after another), each row summed as SumPlain sums it:
// NumPy's pairwise_sum, which for rows under 64 elements means eight lane
// accumulators folded as a balanced tree (in order below 8). Rows whose
// length is a multiple of 8 take the SIMD body (eight rows at a time at
// AVX-512, four at AVX2, the fold as unpacks and lane exchanges); the bits
// are the plain loop's. It panics if len(x) != len(sums)*cols or cols is
// not in [1, 64).
func AddRowSums(sums, x []float64, cols int) {
	if cols < 1 || cols >= 64 || len(x) != len(sums)*cols {
		panic(redErrRows)
	}
	r := 0
	if cols%8 == 0 {
		r = redAddRowSums8(sums, x, cols)
	}
	for ; r < len(sums); r++ {
		sums[r] += redSumPairwise(x[r*cols : (r+1)*cols])
	}
}

// redErrRows is AddRowSums' panic message.
const redErrRows = "kernels: AddRowSums needs len(x) == len(sums)*cols and 1 <= cols < 64"

// SumPlain is Sum for float64 in plain Go, without Sum's dispatch: the
// same bits (NumPy's pairwise_sum structure), for callers that add many
// short runs, where the dispatch would cost more than the additions.
func SumPlain(x []float64) float64 { return redSumPairwise(x) }

// SumInc returns Σ x[ix+i*incX] for i in [0, n), summed pairwise like Sum.
// incX may be negative (ix is then usually (n-1)*-incX, as in gonum) or
// zero (a broadcast view). It panics if n < 0 or an index is out of range.
func SumInc[T Float](x []T, n, incX, ix int) float64 {
	redCheckInc(len(x), n, incX, ix, redShortX)
	if n == 0 {
		return 0
	}
	if incX == 1 {
		return Sum(x[ix : ix+n])
	}
	return redSumPairwiseInc(x, n, incX, ix)
}

// redSumPairwise is the plain-Go pairwise sum, structured exactly like
// NumPy's pairwise_sum: short runs sequentially, runs up to 128 with eight
// lane accumulators combined as a balanced tree, longer ones split in two at
// a multiple of 8.
func redSumPairwise[T Number](x []T) float64 {
	n := len(x)
	if n < 8 {
		s := 0.0
		for _, v := range x {
			s += float64(v)
		}
		return s
	}
	if n <= redPairwiseBlock {
		r0, r1, r2, r3 := float64(x[0]), float64(x[1]), float64(x[2]), float64(x[3])
		r4, r5, r6, r7 := float64(x[4]), float64(x[5]), float64(x[6]), float64(x[7])
		i := 8
		for ; i <= n-8; i += 8 {
			b := x[i : i+8 : i+8]
			r0 += float64(b[0])
			r1 += float64(b[1])
			r2 += float64(b[2])
			r3 += float64(b[3])
			r4 += float64(b[4])
			r5 += float64(b[5])
			r6 += float64(b[6])
			r7 += float64(b[7])
		}
		s := ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
		for _, v := range x[i:] {
			s += float64(v)
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return redSumPairwise(x[:h]) + redSumPairwise(x[h:])
}

// redSumPairwiseInc is redSumPairwise over x[ix+i*inc], i in [0, n).
func redSumPairwiseInc[T Number](x []T, n, inc, ix int) float64 {
	if n < 8 {
		s := 0.0
		for i := 0; i < n; i++ {
			s += float64(x[ix+i*inc])
		}
		return s
	}
	if n <= redPairwiseBlock {
		var r [8]float64
		for j := range r {
			r[j] = float64(x[ix+j*inc])
		}
		i := 8
		for ; i <= n-8; i += 8 {
			p := ix + i*inc
			for j := range r {
				r[j] += float64(x[p+j*inc])
			}
		}
		s := ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
		for ; i < n; i++ {
			s += float64(x[ix+i*inc])
		}
		return s
	}
	h := n / 2
	h -= h % 8
	return redSumPairwiseInc(x, h, inc, ix) + redSumPairwiseInc(x, n-h, inc, ix+h*inc)
}

// SumInt returns the sum of x in int64, wrapping around on overflow as
// NumPy's int64 accumulator does. Integer addition is associative, so the
// result does not depend on the order or on how x is split.
func SumInt[T ~int32 | ~int64](x []T) int64 {
	var s0, s1, s2, s3 int64
	i := 0
	for ; i <= len(x)-4; i += 4 {
		b := x[i : i+4 : i+4]
		s0 += int64(b[0])
		s1 += int64(b[1])
		s2 += int64(b[2])
		s3 += int64(b[3])
	}
	for _, v := range x[i:] {
		s0 += int64(v)
	}
	return (s0 + s1) + (s2 + s3)
}

// SumIntInc returns Σ x[ix+i*incX] for i in [0, n) in int64, wrapping
// around like SumInt. It panics if n < 0 or an index is out of range.
func SumIntInc[T ~int32 | ~int64](x []T, n, incX, ix int) int64 {
	redCheckInc(len(x), n, incX, ix, redShortX)
	var s int64
	for i := 0; i < n; i++ {
		s += int64(x[ix+i*incX])
	}
	return s
}

// Min returns the smallest element of x, or NaN if any element is NaN, as
// np.min does. The sign of a zero result (min of -0 and +0) is unspecified.
// It panics if x is empty; callers raise NumPy's ValueError before that.
func Min[T Number](x []T) T {
	if len(x) == 0 {
		panic(redEmpty)
	}
	switch v := any(x).(type) {
	case []float64:
		return T(redMinF64(v))
	case []float32:
		return T(redMinF32(v))
	}
	return redMinGeneric(x)
}

// Max returns the largest element of x, or NaN if any element is NaN, as
// np.max does. The sign of a zero result is unspecified. It panics if x is
// empty.
func Max[T Number](x []T) T {
	if len(x) == 0 {
		panic(redEmpty)
	}
	switch v := any(x).(type) {
	case []float64:
		return T(redMaxF64(v))
	case []float32:
		return T(redMaxF32(v))
	}
	return redMaxGeneric(x)
}

// MinInc returns the smallest of x[ix+i*incX], i in [0, n), with Min's NaN
// rule. It panics if n <= 0 or an index is out of range.
func MinInc[T Number](x []T, n, incX, ix int) T {
	redCheckInc(len(x), n, incX, ix, redShortX)
	if n == 0 {
		panic(redEmpty)
	}
	if incX == 1 {
		return Min(x[ix : ix+n])
	}
	m := x[ix]
	for i := 1; i < n; i++ {
		// v != v only for NaN: once m is NaN, v < m is false for every v, so
		// NaN sticks.
		if v := x[ix+i*incX]; v < m || v != v {
			m = v
		}
	}
	return m
}

// MaxInc returns the largest of x[ix+i*incX], i in [0, n), with Max's NaN
// rule. It panics if n <= 0 or an index is out of range.
func MaxInc[T Number](x []T, n, incX, ix int) T {
	redCheckInc(len(x), n, incX, ix, redShortX)
	if n == 0 {
		panic(redEmpty)
	}
	if incX == 1 {
		return Max(x[ix : ix+n])
	}
	m := x[ix]
	for i := 1; i < n; i++ {
		if v := x[ix+i*incX]; v > m || v != v {
			m = v
		}
	}
	return m
}

// redMinGeneric is Min for a non-empty x in plain Go, with four running
// minima so that consecutive compares do not wait on each other.
func redMinGeneric[T Number](x []T) T {
	m0 := x[0]
	m1, m2, m3 := m0, m0, m0
	i := 1
	for ; i <= len(x)-4; i += 4 {
		b := x[i : i+4 : i+4]
		if v := b[0]; v < m0 || v != v {
			m0 = v
		}
		if v := b[1]; v < m1 || v != v {
			m1 = v
		}
		if v := b[2]; v < m2 || v != v {
			m2 = v
		}
		if v := b[3]; v < m3 || v != v {
			m3 = v
		}
	}
	for _, v := range x[i:] {
		if v < m0 || v != v {
			m0 = v
		}
	}
	for _, v := range [3]T{m1, m2, m3} {
		if v < m0 || v != v {
			m0 = v
		}
	}
	return m0
}

// redMaxGeneric is Max for a non-empty x in plain Go.
func redMaxGeneric[T Number](x []T) T {
	m0 := x[0]
	m1, m2, m3 := m0, m0, m0
	i := 1
	for ; i <= len(x)-4; i += 4 {
		b := x[i : i+4 : i+4]
		if v := b[0]; v > m0 || v != v {
			m0 = v
		}
		if v := b[1]; v > m1 || v != v {
			m1 = v
		}
		if v := b[2]; v > m2 || v != v {
			m2 = v
		}
		if v := b[3]; v > m3 || v != v {
			m3 = v
		}
	}
	for _, v := range x[i:] {
		if v > m0 || v != v {
			m0 = v
		}
	}
	for _, v := range [3]T{m1, m2, m3} {
		if v > m0 || v != v {
			m0 = v
		}
	}
	return m0
}

// SumRows adds each column of the rows×cols block x (row stride ld,
// contiguous within a row) into acc: acc[j] += x[0,j] + x[1,j] + … in that
// order, row after row. Every path keeps that order per column, so the
// result is the same bit for bit on every Level. The order is sequential,
// so callers keep blocks short (≤ ~128 rows) and combine block results
// pairwise. It panics if rows or cols is negative, ld < cols, or x or acc
// is too short.
func SumRows[T Float](acc []float64, x []T, rows, cols, ld int) {
	redCheckBlock(len(x), rows, cols, ld, redShortX)
	if rows == 0 || cols == 0 {
		return
	}
	if len(acc) < cols {
		panic(redShortAcc)
	}
	switch v := any(x).(type) {
	case []float64:
		redSumRowsF64(acc[:cols], v, rows, cols, ld)
		return
	case []float32:
		redSumRowsF32(acc[:cols], v, rows, cols, ld)
		return
	}
	redSumRowsGeneric(acc[:cols], x, rows, cols, ld)
}

// redSumRowsGeneric is SumRows in plain Go; len(acc) == cols.
func redSumRowsGeneric[T Float](acc []float64, x []T, rows, cols, ld int) {
	switch cols {
	case 1:
		a := acc[0]
		for r := 0; r < rows; r++ {
			a += float64(x[r*ld])
		}
		acc[0] = a
		return
	case 2:
		a0, a1 := acc[0], acc[1]
		for r := 0; r < rows; r++ {
			b := x[r*ld : r*ld+2 : r*ld+2]
			a0 += float64(b[0])
			a1 += float64(b[1])
		}
		acc[0], acc[1] = a0, a1
		return
	}
	for r := 0; r < rows; r++ {
		row := x[r*ld : r*ld+cols]
		a := acc[:len(row)]
		for j, v := range row {
			a[j] += float64(v)
		}
	}
}

// SumRowsInt adds each column of the rows×cols int block x (row stride ld)
// into acc in int64, wrapping around on overflow like SumInt. It panics
// like SumRows.
func SumRowsInt[T ~int32 | ~int64](acc []int64, x []T, rows, cols, ld int) {
	redCheckBlock(len(x), rows, cols, ld, redShortX)
	if rows == 0 || cols == 0 {
		return
	}
	if len(acc) < cols {
		panic(redShortAcc)
	}
	acc = acc[:cols]
	for r := 0; r < rows; r++ {
		row := x[r*ld : r*ld+cols]
		a := acc[:len(row)]
		for j, v := range row {
			a[j] += int64(v)
		}
	}
}

// MinRows folds each column of the rows×cols block x (row stride ld) into
// acc: acc[j] = min(acc[j], x[r,j]) over all rows r, where NaN in either
// wins, so a NaN already in acc stays. It panics like SumRows.
func MinRows[T Number](acc []T, x []T, rows, cols, ld int) {
	redExtremeRows(acc, x, rows, cols, ld, false)
}

// MaxRows is MinRows with max: acc[j] = max(acc[j], x[r,j]), NaN winning.
// It panics like SumRows.
func MaxRows[T Number](acc []T, x []T, rows, cols, ld int) {
	redExtremeRows(acc, x, rows, cols, ld, true)
}

// redExtremeRows is MaxRows if isMax, else MinRows: one set of checks and
// one choice of path for both.
func redExtremeRows[T Number](acc []T, x []T, rows, cols, ld int, isMax bool) {
	redCheckBlock(len(x), rows, cols, ld, redShortX)
	if rows == 0 || cols == 0 {
		return
	}
	if len(acc) < cols {
		panic(redShortAcc)
	}
	switch v := any(x).(type) {
	case []float64:
		a := any(acc).([]float64)[:cols]
		if isMax {
			redMaxRowsF64(a, v, rows, cols, ld)
		} else {
			redMinRowsF64(a, v, rows, cols, ld)
		}
	case []float32:
		a := any(acc).([]float32)[:cols]
		if isMax {
			redMaxRowsF32(a, v, rows, cols, ld)
		} else {
			redMinRowsF32(a, v, rows, cols, ld)
		}
	default:
		redExtremeRowsGeneric(acc[:cols], x, rows, cols, ld, isMax)
	}
}

// redExtremeRowsGeneric is redExtremeRows in plain Go; len(acc) == cols.
func redExtremeRowsGeneric[T Number](acc []T, x []T, rows, cols, ld int, isMax bool) {
	// The test on isMax stays outside the loops, which Go does not unswitch.
	for r := 0; r < rows; r++ {
		row := x[r*ld : r*ld+cols]
		a := acc[:len(row)]
		if isMax {
			for j, v := range row {
				if v > a[j] || v != v {
					a[j] = v
				}
			}
		} else {
			for j, v := range row {
				if v < a[j] || v != v {
					a[j] = v
				}
			}
		}
	}
}

// redMinRowsGeneric is MinRows in plain Go; len(acc) == cols.
func redMinRowsGeneric[T Number](acc []T, x []T, rows, cols, ld int) {
	redExtremeRowsGeneric(acc, x, rows, cols, ld, false)
}

// redMaxRowsGeneric is MaxRows in plain Go; len(acc) == cols.
func redMaxRowsGeneric[T Number](acc []T, x []T, rows, cols, ld int) {
	redExtremeRowsGeneric(acc, x, rows, cols, ld, true)
}
