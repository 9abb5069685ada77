package kernels

import (
	"testing"

	"gonp/kernels/cpu"
)

// atEachLevel calls f with each level this build and CPU can take active in
// turn, then restores the active level (cpu.Each).
func atEachLevel(f func(l Level)) { cpu.Each(f) }

// forEachLevel runs f as one subtest per level (see atEachLevel).
func forEachLevel(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	atEachLevel(func(l Level) { t.Run(l.String(), f) })
}

func TestSetLevelClampsAndRestores(t *testing.T) {
	orig := ActiveLevel()
	defer SetLevel(orig)
	if prev := SetLevel(AVX512 + 1); prev != orig {
		t.Fatalf("SetLevel returned %v, want %v", prev, orig)
	}
	if got := ActiveLevel(); got != HardwareLevel() {
		t.Fatalf("level above hardware not clamped: got %v, want %v", got, HardwareLevel())
	}
	SetLevel(Generic)
	if got := ActiveLevel(); got != Generic {
		t.Fatalf("got %v, want generic", got)
	}
	for _, l := range levels() {
		if p, ok := ParseLevel(l.String()); !ok || p != l {
			t.Fatalf("ParseLevel(%q) = %v, %v", l.String(), p, ok)
		}
	}
}
