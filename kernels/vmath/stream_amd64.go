//go:build goexperiment.simd && amd64

package vmath

// streamAsm reports that this build has the assembly loops' streaming
// stores.
const streamAsm = true

// streamHead64 returns the number of float64 from p to the next 64-byte
// boundary (0 to 7), or -1 if p is not 8-byte aligned (stream_amd64.s).
//
//go:noescape
func streamHead64(p *float64) int

// streamHead32 is streamHead64 for float32 (0 to 15, or -1).
//
//go:noescape
func streamHead32(p *float32) int

// streamFence orders the call's non-temporal stores before what follows
// (SFENCE).
func streamFence()

// streamSquare64 sets dst[i] = x[i]*x[i] for i < n (a multiple of 8),
// dst 64-byte aligned, by non-temporal stores (stream_amd64.s).
//
//go:noescape
func streamSquare64(dst, x *float64, n int)

// streamSquare32 is streamSquare64 for float32 (n a multiple of 16).
//
//go:noescape
func streamSquare32(dst, x *float32, n int)

// streamAdd64 sets dst[i] = x[i] + y[i] for i < n (a multiple of 8), dst
// 64-byte aligned, by non-temporal stores.
//
//go:noescape
func streamAdd64(dst, x, y *float64, n int)

// streamAdd32 is streamAdd64 for float32 (n a multiple of 16).
//
//go:noescape
func streamAdd32(dst, x, y *float32, n int)

// streamCopy64 sets dst[i] = x[i] for i < n (a multiple of 8), dst 64-byte
// aligned, by non-temporal stores.
//
//go:noescape
func streamCopy64(dst, x *float64, n int)

// streamSubDiv64 sets dst[i] = (x[i] - sub) / div for i < n (a multiple
// of 8), dst 64-byte aligned, by non-temporal stores.
//
//go:noescape
func streamSubDiv64(dst, x *float64, n int, sub, div float64)

// streamSubDiv32 is streamSubDiv64 for float32 (n a multiple of 16).
//
//go:noescape
func streamSubDiv32(dst, x *float32, n int, sub, div float32)
