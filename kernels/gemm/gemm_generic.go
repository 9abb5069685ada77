package gemm

// The plain-Go level: it builds everywhere and is the reference the SIMD
// levels are tested against. A 4×4 tile keeps its sixteen sums in registers.
var (
	gemmGeneric64 = gemmKernel[float64]{mr: 4, nr: 4, mc: 128, kc: 256, nc: 2048, micro: gemmMicroGeneric[float64]}
	gemmGeneric32 = gemmKernel[float32]{mr: 4, nr: 4, mc: 128, kc: 256, nc: 2048, micro: gemmMicroGeneric[float32]}
)

// gemmMicroGeneric computes, for i, j < 4,
//
//	t := 0
//	for p := range kc { t += a[p*4+i] * b[p*4+j] }
//	if add { c[i*ldc+j] += t } else { c[i*ldc+j] = t }
func gemmMicroGeneric[T float32 | float64](kc int, a, b, c []T, ldc int, add bool) {
	var c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33 T
	a = a[:kc*4]
	b = b[:kc*4]
	for len(a) >= 4 && len(b) >= 4 {
		ap := (*[4]T)(a)
		bp := (*[4]T)(b)
		a0, a1, a2, a3 := ap[0], ap[1], ap[2], ap[3]
		b0, b1, b2, b3 := bp[0], bp[1], bp[2], bp[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c02 += a0 * b2
		c03 += a0 * b3
		c10 += a1 * b0
		c11 += a1 * b1
		c12 += a1 * b2
		c13 += a1 * b3
		c20 += a2 * b0
		c21 += a2 * b1
		c22 += a2 * b2
		c23 += a2 * b3
		c30 += a3 * b0
		c31 += a3 * b1
		c32 += a3 * b2
		c33 += a3 * b3
		a = a[4:]
		b = b[4:]
	}
	r0 := (*[4]T)(c[0:4])
	r1 := (*[4]T)(c[ldc : ldc+4])
	r2 := (*[4]T)(c[2*ldc : 2*ldc+4])
	r3 := (*[4]T)(c[3*ldc : 3*ldc+4])
	if add {
		c00 += r0[0]
		c01 += r0[1]
		c02 += r0[2]
		c03 += r0[3]
		c10 += r1[0]
		c11 += r1[1]
		c12 += r1[2]
		c13 += r1[3]
		c20 += r2[0]
		c21 += r2[1]
		c22 += r2[2]
		c23 += r2[3]
		c30 += r3[0]
		c31 += r3[1]
		c32 += r3[2]
		c33 += r3[3]
	}
	*r0 = [4]T{c00, c01, c02, c03}
	*r1 = [4]T{c10, c11, c12, c13}
	*r2 = [4]T{c20, c21, c22, c23}
	*r3 = [4]T{c30, c31, c32, c33}
}
