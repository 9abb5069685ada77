package kernels

import "gonp/kernels/cpu"

// Level names an instruction-set path that kernels can take; see package cpu.
type Level = cpu.Level

// The paths, from plain Go up (see package cpu).
const (
	Generic = cpu.Generic
	AVX2    = cpu.AVX2
	AVX512  = cpu.AVX512
)

// ParseLevel turns "generic", "avx2" or "avx512" into a Level.
func ParseLevel(s string) (Level, bool) { return cpu.ParseLevel(s) }

// HardwareLevel reports the best path that this build and CPU support.
func HardwareLevel() Level { return cpu.Hardware() }

// ActiveLevel reports the path kernels take now.
func ActiveLevel() Level { return cpu.Active() }

// SetLevel makes every kernel package take path l, lowered to HardwareLevel
// if the CPU or build lacks it, and returns the previous path.
func SetLevel(l Level) Level { return cpu.Set(l) }

// levels lists every path this build and CPU can take, for tests.
func levels() []Level { return cpu.Levels() }
