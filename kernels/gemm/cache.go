package gemm

import (
	"os"
	"strconv"
	"strings"
	"unsafe"
)

// Cache sizes assumed where the system does not report them: a small L2
// and L3, so that blocks chosen from them fit any recent x86 or Arm core.
const (
	defaultL2 = 512 << 10
	defaultL3 = 8 << 20
)

// cacheSizes returns the data cache sizes in bytes of the first CPU's level
// 2 and level 3 caches, as Linux reports them under sysfsCache; a level it
// does not report gets its default.
func cacheSizes(sysfsCache string) (l2, l3 int) {
	l2, l3 = defaultL2, defaultL3
	for i := range 8 {
		dir := sysfsCache + "/index" + strconv.Itoa(i) + "/"
		level := readSysfs(dir + "level")
		kind := readSysfs(dir + "type")
		size, ok := parseCacheSize(readSysfs(dir + "size"))
		if !ok || (kind != "Unified" && kind != "Data") {
			continue
		}
		switch level {
		case "2":
			l2 = size
		case "3":
			l3 = size
		}
	}
	return l2, l3
}

func readSysfs(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// parseCacheSize reads sizes as sysfs writes them: "32K", "1024K", "32M".
func parseCacheSize(s string) (int, bool) {
	mult := 1
	switch {
	case strings.HasSuffix(s, "K"):
		mult, s = 1<<10, s[:len(s)-1]
	case strings.HasSuffix(s, "M"):
		mult, s = 1<<20, s[:len(s)-1]
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n * mult, true
}

// fitCaches sets the block sizes mc and nc of kern from the cache sizes:
// an mc×kc block of A fills half of L2, leaving the rest to the panels of B
// and C that stream past it, and a kc×nc block of B a quarter of L3, which
// the cores share. kc stays as the kernel chose it (a kc×nr panel of B
// beside the A panel near L1). Both are rounded down to whole tiles and
// kept within bounds that the kernels were measured at, so that an odd
// report cannot make a block degenerate.
func fitCaches[T float32 | float64](kern *gemmKernel[T], l2, l3 int) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	kcBytes := kern.kc * size
	mc := l2 / 2 / kcBytes / kern.mr * kern.mr
	kern.mc = min(max(mc, 8*kern.mr), 64*kern.mr)
	nc := l3 / 4 / kcBytes / kern.nr * kern.nr
	kern.nc = min(max(nc, 16*kern.nr), 16384/kern.nr*kern.nr)
}
