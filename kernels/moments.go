package kernels

// Moments is the (count, mean, M2) triple of a set of numbers, where
// M2 = Σ (x - mean)². The variance is M2/N (ddof=0) or M2/(N-1); two
// triples combine with Merge, so blocks can be reduced independently.
type Moments struct {
	N        float64
	Mean, M2 float64
}

// Merge returns the triple of the union of the sets a and b, by Chan, Golub
// and LeVeque's parallel formula. Merging with an empty triple (N == 0)
// returns the other unchanged. The result depends on the order of a and b
// only in the last bits; callers that need reproducible results merge in a
// fixed order. Each mean carries an absolute rounding error of about
// eps·|mean|, which the merge multiplies by the gap between the means: for
// data with a large common offset (1e9 + noise) keep blocks long (thousands
// of elements) and merge them pairwise; MomentsOf itself shifts the data
// internally and does not lose accuracy this way.
func (a Moments) Merge(b Moments) Moments {
	if b.N == 0 {
		return a
	}
	if a.N == 0 {
		return b
	}
	n := a.N + b.N
	d := b.Mean - a.Mean
	mean := a.Mean + d*(b.N/n)
	if d-d != 0 {
		// d is ±Inf or NaN: the update above would turn inf - inf into NaN
		// where NumPy's sum/n gives ±Inf (mean of [inf, 1] is inf).
		mean = a.Mean*(a.N/n) + b.Mean*(b.N/n)
	}
	return Moments{N: n, Mean: mean, M2: a.M2 + b.M2 + d*d*(a.N*(b.N/n))}
}

// momChunk is the largest run MomentsOf treats in one piece: two passes over
// it (mean, then deviations) hit L1 the second time. Longer inputs are split
// in halves and their triples merged pairwise, so memory is read once.
const momChunk = 1024

// MomentsOf returns the (count, mean, M2) triple of x, computed in float64
// for every element type.
//
// The data are shifted by their first element K (when finite), so that a
// large common offset (1e9 + noise) costs no accuracy in the merges: each run
// of up to 1024 elements takes two passes over x - K, the mean by 8 (16 on
// AVX-512) lane accumulators and then the corrected sum of squared
// deviations Σd² − (Σd)²/n, which cancels the first-order effect of the
// error in the mean; runs are merged pairwise with Merge and K is added back
// to the mean at the end. A NaN or an infinity in x makes M2 NaN, as in
// np.var. The triple of an empty x is the zero Moments.
func MomentsOf[T Number](x []T) Moments {
	if len(x) == 0 {
		return Moments{}
	}
	k := momShift(x[0])
	var m Moments
	switch v := any(x).(type) {
	case []float64:
		m = momOfF64(v, k)
	case []float32:
		m = momOfF32(v, k)
	default:
		m = momPairwise(x, k, momLeafGeneric[T])
	}
	m.Mean += k
	return m
}

// MomentsOfAbout returns the triple of x - about: its Mean is relative to
// about, its M2 that of x. Blocks of one reduction that share about merge
// without losing accuracy to a large common offset (see MomentsRowsAbout).
func MomentsOfAbout[T Number](x []T, about float64) Moments {
	if len(x) == 0 {
		return Moments{}
	}
	switch v := any(x).(type) {
	case []float64:
		return momOfF64(v, about)
	case []float32:
		return momOfF32(v, about)
	}
	return momPairwise(x, about, momLeafGeneric[T])
}

// MomentsOfIncAbout is MomentsOfAbout of x[ix+i*incX], i in [0, n). It
// panics if n < 0 or an index is out of range.
func MomentsOfIncAbout[T Number](x []T, n, incX, ix int, about float64) Moments {
	redCheckInc(len(x), n, incX, ix, redShortX)
	if n == 0 {
		return Moments{}
	}
	if incX == 1 {
		return MomentsOfAbout(x[ix:ix+n], about)
	}
	return momPairwiseInc(x, n, incX, ix, about)
}

// momShift returns v as the shift for MomentsOf, or 0 when v is not finite
// (subtracting an infinity would turn every element into NaN or ±Inf).
func momShift[T Number](v T) float64 {
	k := float64(v)
	if k-k != 0 {
		return 0
	}
	return k
}

// MomentsOfInc returns the triple of x[ix+i*incX], i in [0, n), like
// MomentsOf. It panics if n < 0 or an index is out of range.
func MomentsOfInc[T Number](x []T, n, incX, ix int) Moments {
	redCheckInc(len(x), n, incX, ix, redShortX)
	if n == 0 {
		return Moments{}
	}
	if incX == 1 {
		return MomentsOf(x[ix : ix+n])
	}
	k := momShift(x[ix])
	m := momPairwiseInc(x, n, incX, ix, k)
	m.Mean += k
	return m
}

// momPairwise splits a non-empty x like the pairwise sum does and merges
// the triples that leaf computes, relative to the shift k, on runs of at
// most momChunk elements.
func momPairwise[T Number](x []T, k float64, leaf func([]T, float64) Moments) Moments {
	n := len(x)
	if n <= momChunk {
		return leaf(x, k)
	}
	h := n / 2
	h -= h % 8
	return momPairwise(x[:h], k, leaf).Merge(momPairwise(x[h:], k, leaf))
}

// momFinish builds the triple from the count, the mean and the sums of the
// deviations and of their squares. The correction (Σd)²/n removes the
// first-order effect of the rounding error in the mean; clamping keeps
// rounding from giving a negative M2.
func momFinish(n, mean, s, q float64) Moments {
	m2 := q - s*s/n
	if m2 < 0 {
		m2 = 0
	}
	return Moments{N: n, Mean: mean, M2: m2}
}

// momLeafGeneric is the two-pass triple of the non-empty run x - k, in
// plain Go.
func momLeafGeneric[T Number](x []T, k float64) Moments {
	n := float64(len(x))
	var r0, r1, r2, r3, r4, r5, r6, r7 float64
	i := 0
	for ; i <= len(x)-8; i += 8 {
		b := x[i : i+8 : i+8]
		r0 += float64(b[0]) - k
		r1 += float64(b[1]) - k
		r2 += float64(b[2]) - k
		r3 += float64(b[3]) - k
		r4 += float64(b[4]) - k
		r5 += float64(b[5]) - k
		r6 += float64(b[6]) - k
		r7 += float64(b[7]) - k
	}
	for _, v := range x[i:] {
		r0 += float64(v) - k
	}
	mean := (((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))) / n
	var s0, s1, s2, s3, q0, q1, q2, q3 float64
	i = 0
	for ; i <= len(x)-4; i += 4 {
		b := x[i : i+4 : i+4]
		d0 := (float64(b[0]) - k) - mean
		d1 := (float64(b[1]) - k) - mean
		d2 := (float64(b[2]) - k) - mean
		d3 := (float64(b[3]) - k) - mean
		s0 += d0
		s1 += d1
		s2 += d2
		s3 += d3
		q0 += d0 * d0
		q1 += d1 * d1
		q2 += d2 * d2
		q3 += d3 * d3
	}
	for _, v := range x[i:] {
		d := (float64(v) - k) - mean
		s0 += d
		q0 += d * d
	}
	return momFinish(n, mean, (s0+s1)+(s2+s3), (q0+q1)+(q2+q3))
}

// momPairwiseInc is momPairwise with the generic leaf over x[ix+i*inc].
func momPairwiseInc[T Number](x []T, n, inc, ix int, k float64) Moments {
	if n > momChunk {
		h := n / 2
		h -= h % 8
		return momPairwiseInc(x, h, inc, ix, k).Merge(momPairwiseInc(x, n-h, inc, ix+h*inc, k))
	}
	fn := float64(n)
	var r [8]float64
	for i := 0; i < n; i++ {
		r[i&7] += float64(x[ix+i*inc]) - k
	}
	mean := (((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))) / fn
	var s, q float64
	for i := 0; i < n; i++ {
		d := (float64(x[ix+i*inc]) - k) - mean
		s += d
		q += d * d
	}
	return momFinish(fn, mean, s, q)
}

// momRowChunk is how many rows MomentsRows treats in one two-pass piece.
const momRowChunk = 128

// momTile is how many columns MomentsRows carries through a row chunk.
const momTile = 8

// momPeriodMax bounds the period of momRowsFlat, lcm(4, cols) elements,
// and so the widest block it takes.
const momPeriodMax = 32

// MomentsRows writes the (count, mean, M2) triple of each column of the
// rows×cols block x (row stride ld, contiguous within a row) to out[j],
// overwriting it. Each column is shifted by its first element as in
// MomentsOf; rows are taken in chunks of 128, each by two passes, and the
// chunks merged in order. It panics if rows or cols is negative, ld < cols,
// or x or out is too short.
func MomentsRows[T Number](out []Moments, x []T, rows, cols, ld int) {
	redCheckBlock(len(x), rows, cols, ld, redShortX)
	if cols == 0 || rows == 0 {
		if len(out) < cols {
			panic(redShortOut)
		}
		clear(out[:cols])
		return
	}
	if ld == cols && cols > 2 && cols <= momPeriodMax {
		var shift [momPeriodMax]float64
		for k, v := range x[:cols] {
			shift[k] = momShift(v)
		}
		if momRowsFlatAny(out, x, rows, cols, shift[:cols]) {
			for k := range cols {
				out[k].Mean += shift[k]
			}
			return
		}
	}
	var shiftBuf [momTile]float64
	for j0 := 0; j0 < cols; j0 += momTile {
		w := min(momTile, cols-j0)
		for k, v := range x[j0 : j0+w] {
			shiftBuf[k] = momShift(v)
		}
		momentsRowsAbout(out[j0:j0+w], x[j0:], rows, w, ld, shiftBuf[:w])
		for k := 0; k < w; k++ {
			out[j0+k].Mean += shiftBuf[k]
		}
	}
}

// MomentsRowsAbout is MomentsRows of x - about[j] per column: the triples'
// means are relative to about. A caller that merges many blocks of one
// reduction passes the same about (say each column's first finite value) to
// all of them, so the merges work on small relative means and lose nothing
// to a large common offset, which absolute means at 1e9 would (an ulp of the
// mean there is 1e-7). It panics like MomentsRows, or if about is shorter
// than cols.
func MomentsRowsAbout[T Number](out []Moments, x []T, rows, cols, ld int, about []float64) {
	redCheckBlock(len(x), rows, cols, ld, redShortX)
	if len(about) < cols {
		panic(redShortOut)
	}
	if ld == cols && cols > 2 && momRowsFlatAny(out, x, rows, cols, about) {
		return
	}
	for j0 := 0; j0 < cols; j0 += momTile {
		w := min(momTile, cols-j0)
		momentsRowsAbout(out[j0:min(len(out), j0+w)], x[j0:], rows, w, ld, about[j0:j0+w])
	}
}

// MomentShift returns the reference value MomentsOf would shift by for a
// slice starting with v: v itself when finite, else 0.
func MomentShift[T Number](v T) float64 { return momShift(v) }

// momentsRowsAbout computes the triples of the rows×w block x - shift
// (w <= momTile) into out, in row chunks of momRowChunk merged in order.
func momentsRowsAbout[T Number](out []Moments, x []T, rows, w, ld int, shift []float64) {
	if len(out) < w {
		panic(redShortOut)
	}
	if w == momTile && momRowsTile8(out, x, rows, ld, shift) {
		return
	}
	out = out[:w]
	clear(out)
	for r0 := 0; r0 < rows; r0 += momRowChunk {
		r1 := min(r0+momRowChunk, rows)
		m := float64(r1 - r0)
		var sum, s, q [momTile]float64
		for r := r0; r < r1; r++ {
			row := x[r*ld : r*ld+w]
			a, sh := sum[:len(row)], shift[:len(row)]
			for k, v := range row {
				a[k] += float64(v) - sh[k]
			}
		}
		var mean [momTile]float64
		for k := range mean {
			mean[k] = sum[k] / m
		}
		for r := r0; r < r1; r++ {
			row := x[r*ld : r*ld+w]
			mk, sk, qk, sh := mean[:len(row)], s[:len(row)], q[:len(row)], shift[:len(row)]
			for k, v := range row {
				d := (float64(v) - sh[k]) - mk[k]
				sk[k] += d
				qk[k] += d * d
			}
		}
		for k := range out {
			out[k] = out[k].Merge(momFinish(m, mean[k], s[k], q[k]))
		}
	}
}

// momRowsFlatAny is momRowsFlat for float32 and float64 blocks, and false
// (nothing done) for the integer types.
func momRowsFlatAny[T Number](out []Moments, x []T, rows, cols int, shift []float64) bool {
	switch xs := any(x).(type) {
	case []float64:
		return momRowsFlat(out, xs, rows, cols, shift)
	case []float32:
		return momRowsFlat(out, xs, rows, cols, shift)
	}
	return false
}
