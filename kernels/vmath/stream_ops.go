package vmath

// Streaming square and add for gonp's elementwise kernels (package
// kernels): the same choice of when to stream as the functions of this
// package (stream.go), and the same bits as plain x*x and x+y.

// SquareStream sets dst[i] = x[i]*x[i] with non-temporal stores and
// returns true where dst is large enough to stream (its capacity at least
// half the last-level cache, not in place, AVX2 or above); otherwise it
// does nothing and returns false. It panics if len(dst) != len(x).
func SquareStream(dst, x []float64) bool {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if !stream64(dst, x, nil) {
		return false
	}
	h := streamHead64(&dst[0])
	m := (len(dst) - h) &^ 7
	for i := range h {
		dst[i] = x[i] * x[i]
	}
	streamSquare64(&dst[h], &x[h], m)
	for i := h + m; i < len(dst); i++ {
		dst[i] = x[i] * x[i]
	}
	streamFence()
	return true
}

// SquareStream32 is SquareStream for float32.
func SquareStream32(dst, x []float32) bool {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if !stream32(dst, x, nil) {
		return false
	}
	h := streamHead32(&dst[0])
	m := (len(dst) - h) &^ 15
	for i := range h {
		dst[i] = x[i] * x[i]
	}
	streamSquare32(&dst[h], &x[h], m)
	for i := h + m; i < len(dst); i++ {
		dst[i] = x[i] * x[i]
	}
	streamFence()
	return true
}

// AddStream sets dst[i] = x[i] + y[i] with non-temporal stores and
// returns true where dst is large enough to stream (as SquareStream; not
// in place on either input); otherwise it does nothing and returns false.
// It panics if the lengths differ.
func AddStream(dst, x, y []float64) bool {
	if len(dst) != len(x) || len(x) != len(y) {
		panic(expErrLength)
	}
	if !stream64(dst, x, y) {
		return false
	}
	h := streamHead64(&dst[0])
	m := (len(dst) - h) &^ 7
	for i := range h {
		dst[i] = x[i] + y[i]
	}
	streamAdd64(&dst[h], &x[h], &y[h], m)
	for i := h + m; i < len(dst); i++ {
		dst[i] = x[i] + y[i]
	}
	streamFence()
	return true
}

// AddStream32 is AddStream for float32.
func AddStream32(dst, x, y []float32) bool {
	if len(dst) != len(x) || len(x) != len(y) {
		panic(expErrLength)
	}
	if !stream32(dst, x, y) {
		return false
	}
	h := streamHead32(&dst[0])
	m := (len(dst) - h) &^ 15
	for i := range h {
		dst[i] = x[i] + y[i]
	}
	streamAdd32(&dst[h], &x[h], &y[h], m)
	for i := h + m; i < len(dst); i++ {
		dst[i] = x[i] + y[i]
	}
	streamFence()
	return true
}
