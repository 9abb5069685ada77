package gemm

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCacheSizes reads a fake sysfs cache directory: the level 2 and 3
// unified caches count, level 1 and instruction caches do not, and missing
// or unreadable entries leave the defaults.
func TestCacheSizes(t *testing.T) {
	dir := t.TempDir()
	entries := [][3]string{
		{"1", "Data", "48K"},
		{"1", "Instruction", "32K"},
		{"2", "Unified", "2048K"},
		{"3", "Unified", "96M"},
	}
	for i, e := range entries {
		d := filepath.Join(dir, "index"+string(rune('0'+i)))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for j, name := range []string{"level", "type", "size"} {
			if err := os.WriteFile(filepath.Join(d, name), []byte(e[j]+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if l2, l3 := cacheSizes(dir); l2 != 2<<20 || l3 != 96<<20 {
		t.Errorf("cacheSizes = %d, %d; want %d, %d", l2, l3, 2<<20, 96<<20)
	}
	if l2, l3 := cacheSizes(filepath.Join(dir, "absent")); l2 != defaultL2 || l3 != defaultL3 {
		t.Errorf("cacheSizes of nothing = %d, %d; want the defaults", l2, l3)
	}
	for _, c := range []struct {
		s  string
		n  int
		ok bool
	}{{"32K", 32 << 10, true}, {"1M", 1 << 20, true}, {"512", 512, true}, {"", 0, false}, {"xK", 0, false}, {"-4K", 0, false}} {
		if n, ok := parseCacheSize(c.s); n != c.n || ok != c.ok {
			t.Errorf("parseCacheSize(%q) = %d, %v; want %d, %v", c.s, n, ok, c.n, c.ok)
		}
	}
}

// TestFitCaches checks the blocks chosen from cache sizes: half of L2 for
// A's block, a quarter of L3 for B's, whole tiles, and the bounds.
func TestFitCaches(t *testing.T) {
	k := gemmKernel[float64]{mr: 6, nr: 8, kc: 256}
	fitCaches(&k, 1<<20, 32<<20)
	if k.mc != 252 || k.nc != 4096 {
		t.Errorf("1 MiB L2, 32 MiB L3: mc, nc = %d, %d; want 252, 4096", k.mc, k.nc)
	}
	fitCaches(&k, 1<<10, 1<<10)
	if k.mc != 8*6 || k.nc != 16*8 {
		t.Errorf("tiny caches: mc, nc = %d, %d; want the lower bounds %d, %d", k.mc, k.nc, 8*6, 16*8)
	}
	k32 := gemmKernel[float32]{mr: 6, nr: 64, kc: 256}
	fitCaches(&k32, 1<<30, 1<<40)
	if k32.mc != 64*6 || k32.nc != 16384 {
		t.Errorf("huge caches: mc, nc = %d, %d; want the upper bounds %d, %d", k32.mc, k32.nc, 64*6, 16384)
	}
}
