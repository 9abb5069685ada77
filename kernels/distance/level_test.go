package distance

import (
	"testing"

	"gonp/kernels/cpu"
)

// forEachLevel runs f as one subtest per level this build and CPU can take.
func forEachLevel(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	cpu.Each(func(l cpu.Level) { t.Run(l.String(), f) })
}
