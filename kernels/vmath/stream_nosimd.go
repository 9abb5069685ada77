//go:build !goexperiment.simd || !amd64

package vmath

// Without the assembly loops no call streams (stream64 and stream32 are
// false); these keep the drivers compiling.

const streamAsm = false

func streamHead64(p *float64) int { return -1 }
func streamHead32(p *float32) int { return -1 }
func streamFence()                {}
