// Package cpu chooses the instruction-set path that gonp's kernel packages
// take: one switch, read from the CPU at start-up, that tests and users can
// lower to compare paths.
package cpu

import "sync/atomic"

// Level names an instruction-set path that kernels can take.
type Level int32

// The paths, from plain Go up. A kernel family that has no SIMD body for a
// level uses the best lower one.
const (
	Generic Level = iota // plain Go, every platform
	AVX2                 // amd64 AVX2 + FMA, built with GOEXPERIMENT=simd
	AVX512               // amd64 AVX-512F, built with GOEXPERIMENT=simd
)

// String returns "generic", "avx2" or "avx512".
func (l Level) String() string {
	switch l {
	case AVX2:
		return "avx2"
	case AVX512:
		return "avx512"
	}
	return "generic"
}

// ParseLevel turns "generic", "avx2" or "avx512" into a Level.
func ParseLevel(s string) (Level, bool) {
	switch s {
	case "generic":
		return Generic, true
	case "avx2":
		return AVX2, true
	case "avx512":
		return AVX512, true
	}
	return Generic, false
}

// hardwareLevel is the best path this binary and this CPU support.
var hardwareLevel = detectLevel()

// activeLevel is the path kernels take now; read once per kernel call.
var activeLevel atomic.Int32

func init() { activeLevel.Store(int32(hardwareLevel)) }

// hasBF16 is whether the CPU has AVX512_BF16 (VDPBF16PS) beside AVX-512.
var hasBF16 = detectBF16()

// BF16 reports whether kernels may use AVX512_BF16 instructions now: the CPU
// has them and the active path is AVX512 (lowering the path turns them off).
func BF16() bool { return hasBF16 && Active() == AVX512 }

// Hardware reports the best path that this build and CPU support.
func Hardware() Level { return hardwareLevel }

// Active reports the path kernels take now.
func Active() Level { return Level(activeLevel.Load()) }

// Set makes kernels take path l, lowered to Hardware if the CPU or build
// lacks it, and returns the previous path. Tests use it to run every path
// the machine supports; users can force a lower path to compare.
func Set(l Level) Level {
	if l > hardwareLevel {
		l = hardwareLevel
	}
	if l < Generic {
		l = Generic
	}
	return Level(activeLevel.Swap(int32(l)))
}

// Levels lists every path this build and CPU can take, lowest first.
func Levels() []Level {
	var ls []Level
	for l := Generic; l <= hardwareLevel; l++ {
		ls = append(ls, l)
	}
	return ls
}

// Each calls f with each level of Levels active in turn, then restores the
// level that was active: tests run every path the machine has this way.
func Each(f func(l Level)) {
	defer Set(Active())
	for _, l := range Levels() {
		Set(l)
		f(l)
	}
}
