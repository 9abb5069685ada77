package distance

import (
	"testing"

	"gonp/kernels/cpu"
)

// atEachLevel calls f with each level this build and CPU can take active in
// turn, then restores the active level.
func atEachLevel(f func(l cpu.Level)) {
	defer cpu.Set(cpu.Active())
	for _, l := range cpu.Levels() {
		cpu.Set(l)
		f(l)
	}
}

// forEachLevel runs f as one subtest per level (see atEachLevel).
func forEachLevel(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	atEachLevel(func(l cpu.Level) { t.Run(l.String(), f) })
}
