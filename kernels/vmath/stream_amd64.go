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
