//go:build !goexperiment.simd || !amd64

package vmath

// Without the assembly loops no call streams (stream64 and stream32 are
// false); these keep the drivers compiling.

const streamAsm = false

func streamHead64(p *float64) int { return -1 }
func streamHead32(p *float32) int { return -1 }
func streamFence()                {}

func streamSquare64(dst, x *float64, n int) { panic(streamErrNone) }
func streamSquare32(dst, x *float32, n int) { panic(streamErrNone) }
func streamAdd64(dst, x, y *float64, n int) { panic(streamErrNone) }
func streamAdd32(dst, x, y *float32, n int) { panic(streamErrNone) }
func streamCopy64(dst, x *float64, n int)   { panic(streamErrNone) }

func streamSubDiv64(dst, x *float64, n int, sub, div float64) { panic(streamErrNone) }
func streamSubDiv32(dst, x *float32, n int, sub, div float32) { panic(streamErrNone) }

const streamErrNone = "vmath: no streaming stores in this build"
