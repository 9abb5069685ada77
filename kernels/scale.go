package kernels

import "gonp/kernels/vmath"

// The affine transforms behind normalize and standardize. They reproduce
// NumPy's (x - mean) / std bit for bit given the same mean and std: a
// subtraction then a true division, each rounded once in the element type.
// Multiplying by a reciprocal would be faster but would round twice and
// would not give NumPy's nan/inf when std == 0.
//
// For float32, NumPy evaluates (x - x.mean()) / x.std() in float32, because
// x.mean() and x.std() of a float32 array are float32 scalars; so for
// float32 the kernels round sub and div to float32 first and compute in
// float32. Callers holding a float64 mean and std of float32 data therefore
// match NumPy exactly when those round to NumPy's float32 mean and std.

// SubDiv sets dst[i] = (x[i] - sub) / div for i in [0, len(x)), computed in
// T: in float64 for float64, and in float32 with sub and div rounded to
// float32 for float32. Every Level gives the same bits. dst may be x itself
// but must not otherwise overlap it. It panics if len(dst) < len(x).
func SubDiv[T Float](dst, x []T, sub, div float64) {
	if len(dst) < len(x) {
		panic(redShortDst)
	}
	dst = dst[:len(x)]
	if scaleSubDivStream(dst, x, sub, div) {
		return
	}
	if h := ewHead(ActiveLevel(), dst); h > 0 {
		// The same bits either way: start the vector body on a cache line.
		scaleSubDivGeneric(dst[:h], x[:h], T(sub), T(div))
		dst, x = dst[h:], x[h:]
	}
	switch v := any(x).(type) {
	case []float64:
		scaleSubDivF64(any(dst).([]float64), v, sub, div)
		return
	case []float32:
		scaleSubDivF32(any(dst).([]float32), v, float32(sub), float32(div))
		return
	}
	scaleSubDivGeneric(dst, x, T(sub), T(div))
}

// scaleSubDivStream does SubDiv with vmath's non-temporal stores where
// dst is too large for the cache (vmath.SubDivStream: same bits) and
// reports whether it did.
func scaleSubDivStream[T Float](dst, x []T, sub, div float64) bool {
	switch d := any(dst).(type) {
	case []float64:
		return vmath.SubDivStream(d, any(x).([]float64), sub, div)
	case []float32:
		return vmath.SubDivStream32(d, any(x).([]float32), float32(sub), float32(div))
	}
	return false
}

// scaleSubDivGeneric is SubDiv in plain Go; len(dst) == len(x).
func scaleSubDivGeneric[T Float](dst, x []T, sub, div T) {
	dst = dst[:len(x)]
	for i, v := range x {
		dst[i] = (v - sub) / div
	}
}

// SubDivInc sets dst[idst+i*incDst] = (x[ix+i*incX] - sub) / div for i in
// [0, n), computed in T as SubDiv does. Increments may be negative (gonum's
// convention for idst and ix). It panics if n < 0 or an index is out of
// range.
func SubDivInc[T Float](dst, x []T, n, incDst, incX, idst, ix int, sub, div float64) {
	redCheckInc(len(x), n, incX, ix, redShortX)
	redCheckInc(len(dst), n, incDst, idst, redShortDst)
	if n == 0 {
		return
	}
	if incDst == 1 && incX == 1 {
		SubDiv(dst[idst:idst+n], x[ix:ix+n], sub, div)
		return
	}
	s, d := T(sub), T(div)
	for i := 0; i < n; i++ {
		dst[idst+i*incDst] = (x[ix+i*incX] - s) / d
	}
}

// SubDivRows sets dst[r,j] = (x[r,j] - sub[j]) / div[j] over a rows×cols
// block (row strides ldDst and ldX, contiguous within a row), computed in T
// as SubDiv does (for float32, sub[j] and div[j] are rounded to float32):
// StandardScaler's (x - mean_) / scale_. Every Level gives the same bits. It
// panics if rows or cols is negative, a leading dimension is below cols, or
// dst, x, sub or div is too short.
func SubDivRows[T Float](dst, x []T, rows, cols, ldDst, ldX int, sub, div []float64) {
	redCheckBlock(len(x), rows, cols, ldX, redShortX)
	redCheckBlock(len(dst), rows, cols, ldDst, redShortDst)
	if rows == 0 || cols == 0 {
		return
	}
	if len(sub) < cols || len(div) < cols {
		panic(redShortArg)
	}
	sub, div = sub[:cols], div[:cols]
	switch v := any(x).(type) {
	case []float64:
		scaleSubDivRowsF64(any(dst).([]float64), v, rows, cols, ldDst, ldX, sub, div)
		return
	case []float32:
		scaleSubDivRowsF32(any(dst).([]float32), v, rows, cols, ldDst, ldX, sub, div)
		return
	}
	scaleSubDivRowsGeneric(dst, x, rows, cols, ldDst, ldX, sub, div)
}

// scaleSubDivRowsGeneric is SubDivRows in plain Go; len(sub) == len(div) ==
// cols.
func scaleSubDivRowsGeneric[T Float](dst, x []T, rows, cols, ldDst, ldX int, sub, div []float64) {
	for r := 0; r < rows; r++ {
		xr := x[r*ldX : r*ldX+cols]
		dr := dst[r*ldDst : r*ldDst+len(xr)]
		s, d := sub[:len(xr)], div[:len(xr)]
		for j, v := range xr {
			dr[j] = (v - T(s[j])) / T(d[j])
		}
	}
}
