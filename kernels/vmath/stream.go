package vmath

import (
	"math"
	"os"
	"strconv"

	"gonp/kernels/cpu"
)

// Streaming stores. A large elementwise call is bound by memory traffic,
// and a plain store first reads the destination's cache line from memory
// (read for ownership) only to overwrite all of it: a third stream beside
// the input and the output. Where the destination is too large to stay in
// the last-level cache anyway, the assembly loops store each vector with a
// non-temporal store (VMOVNTPD, VMOVNTPS), which writes around the caches
// without that read; the call does the elements up to dst's first 64-byte
// boundary with plain stores so that every vector store is aligned, and
// ends with a store fence. The results are the same bits either way. The
// float64 sin and cos, compute-bound, do not stream.
//
// The size that counts is the destination's capacity, not its length:
// callers that cut one large output into chunks (gonp's pool does) pass
// slices of it, whose capacity reaches to its end, so a chunk of a large
// output streams and a small output, which a following operation may still
// find in the cache, does not. In place (dst and an input the same slice)
// the lines are in the cache already, and the call does not stream.

// streamMinBytes is the destination capacity from which calls stream:
// half the last-level cache of the CPUs measured (32 MiB), or the byte
// count in the environment variable GONP_STREAM_MIN_BYTES (read once, at
// start-up; a value beyond any array turns streaming off, for comparing
// the two). A variable so that tests can make small slices stream.
var streamMinBytes = streamMinFromEnv(os.Getenv("GONP_STREAM_MIN_BYTES"), 16<<20)

// streamMinFromEnv parses GONP_STREAM_MIN_BYTES: a non-negative integer,
// else def.
func streamMinFromEnv(s string, def int) int {
	if v, err := strconv.ParseInt(s, 10, 64); err == nil && v >= 0 {
		return int(min(v, math.MaxInt))
	}
	return def
}

// streamMinLen is the shortest call that streams: a few vectors past the
// head, so that the aligned part is worth the fence.
const streamMinLen = 64

// stream64 reports whether a float64 call with output dst and inputs x and
// y (either may be empty where it is a scalar) streams.
func stream64(dst, x, y []float64) bool {
	return len(dst) >= streamMinLen && cap(dst) >= streamMinBytes/8 &&
		(len(x) == 0 || &dst[0] != &x[0]) && (len(y) == 0 || &dst[0] != &y[0]) &&
		cpu.Active() >= cpu.AVX2 && streamAsm && streamHead64(&dst[0]) >= 0
}

// stream32 is stream64 for float32.
func stream32(dst, x, y []float32) bool {
	return len(dst) >= streamMinLen && cap(dst) >= streamMinBytes/4 &&
		(len(x) == 0 || &dst[0] != &x[0]) && (len(y) == 0 || &dst[0] != &y[0]) &&
		cpu.Active() >= cpu.AVX2 && streamAsm && streamHead32(&dst[0]) >= 0
}

// Operations of the streaming drivers.
const (
	streamExp = iota
	streamLog
	streamSin
	streamCos
	streamPowScalarY // x**s
	streamPowScalarX // s**x
	streamPow        // x**y
)

// streamOp64 runs op's body: dst = op(x, y or s), with non-temporal
// stores if nt (dst then 64-byte aligned).
func streamOp64(op int, dst, x, y []float64, s float64, nt bool) {
	switch op {
	case streamExp:
		expBody(dst, x, nt)
	case streamLog:
		logBody(dst, x, nt)
	case streamPowScalarY:
		powScalarBody(dst, x, s, nt)
	case streamPowScalarX:
		scalarPowBody(dst, s, x, nt)
	default:
		powBody(dst, x, y, nt)
	}
}

// streamOp32 is streamOp64 for float32.
func streamOp32(op int, dst, x, y []float32, s float32, nt bool) {
	switch op {
	case streamExp:
		exp32Body(dst, x, nt)
	case streamLog:
		log32Body(dst, x, nt)
	case streamSin:
		sin32Body(dst, x, nt)
	case streamCos:
		cos32Body(dst, x, nt)
	case streamPowScalarY:
		powScalar32Body(dst, x, s, nt)
	case streamPowScalarX:
		scalarPow32Body(dst, s, x, nt)
	default:
		pow32Body(dst, x, y, nt)
	}
}

// streamRun64 does op with plain stores up to dst's first 64-byte
// boundary, non-temporal stores after it, and a fence. y is nil unless op
// is streamPow.
func streamRun64(op int, dst, x, y []float64, s float64) {
	h := streamHead64(&dst[0])
	var yh, yt []float64
	if y != nil {
		yh, yt = y[:h], y[h:]
	}
	streamOp64(op, dst[:h], x[:h], yh, s, false)
	streamOp64(op, dst[h:], x[h:], yt, s, true)
	streamFence()
}

// streamRun32 is streamRun64 for float32.
func streamRun32(op int, dst, x, y []float32, s float32) {
	h := streamHead32(&dst[0])
	var yh, yt []float32
	if y != nil {
		yh, yt = y[:h], y[h:]
	}
	streamOp32(op, dst[:h], x[:h], yh, s, false)
	streamOp32(op, dst[h:], x[h:], yt, s, true)
	streamFence()
}
