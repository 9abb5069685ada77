package vmath

import "gonp/kernels/cpu"

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

// SubDivStream sets dst[i] = (x[i] - sub) / div with non-temporal stores
// and returns true where dst is large enough to stream (as SquareStream;
// not in place); otherwise it does nothing and returns false. The bits
// are those of the plain expression. It panics if len(dst) != len(x).
func SubDivStream(dst, x []float64, sub, div float64) bool {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if !stream64(dst, x, nil) {
		return false
	}
	h := streamHead64(&dst[0])
	m := (len(dst) - h) &^ 7
	for i := range h {
		dst[i] = (x[i] - sub) / div
	}
	streamSubDiv64(&dst[h], &x[h], m, sub, div)
	for i := h + m; i < len(dst); i++ {
		dst[i] = (x[i] - sub) / div
	}
	streamFence()
	return true
}

// SubDivStream32 is SubDivStream for float32, computed in float32.
func SubDivStream32(dst, x []float32, sub, div float32) bool {
	if len(dst) != len(x) {
		panic(expErrLength)
	}
	if !stream32(dst, x, nil) {
		return false
	}
	h := streamHead32(&dst[0])
	m := (len(dst) - h) &^ 15
	for i := range h {
		dst[i] = (x[i] - sub) / div
	}
	streamSubDiv32(&dst[h], &x[h], m, sub, div)
	for i := h + m; i < len(dst); i++ {
		dst[i] = (x[i] - sub) / div
	}
	streamFence()
	return true
}

// Streams reports whether an output of the given size in bytes is large
// enough for non-temporal stores (the rule of the functions of this
// package: GONP_STREAM_MIN_BYTES, 16 MiB unless set) on this build and
// level. Callers that write such an output a block at a time decide once
// with it and then use CopyStream.
func Streams(bytes int) bool {
	return streamAsm && cpu.Active() >= cpu.AVX2 && bytes >= streamMinBytes
}

// CopyStream copies src into dst (the same length) with non-temporal
// stores for the 64-byte lines of dst that it covers whole, plain stores
// for the rest; the bits are those of copy. The stores are not ordered
// until StreamFence: a caller writing a large output block by block calls
// it once when its blocks are done. It panics if the lengths differ; dst
// and src must not overlap.
func CopyStream(dst, src []float64) {
	if len(dst) != len(src) {
		panic(expErrLength)
	}
	h := -1
	if len(dst) >= 8 && streamAsm && cpu.Active() >= cpu.AVX2 {
		h = streamHead64(&dst[0])
	}
	if h < 0 || len(dst)-h < 8 {
		copy(dst, src)
		return
	}
	m := (len(dst) - h) &^ 7
	copy(dst[:h], src[:h])
	streamCopy64(&dst[h], &src[h], m)
	copy(dst[h+m:], src[h+m:])
}

// StreamFence orders the non-temporal stores of earlier CopyStream calls
// on this thread before what follows (SFENCE; nothing without them).
func StreamFence() {
	if streamAsm {
		streamFence()
	}
}
