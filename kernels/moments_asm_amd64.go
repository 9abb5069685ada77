//go:build goexperiment.simd && amd64

package kernels

// Assembly loops of the flat-run column statistics and affine apply
// (moments_amd64.s); they read and write without bounds checks, so the Go
// callers check every far end first.

//go:noescape
func momFlatSumAVX2(x *float64, periods, slots int, shift, acc *float64)

//go:noescape
func momSlotDevAVX2(x *float64, periods, stride int, shift, mean, s, q *float64)

//go:noescape
func subDivCyclicAVX2(dst, x *float64, n int, sub, div *float64, cols, j0 int)

//go:noescape
func momFlatSumF32AVX2(x *float32, periods, slots int, shift, acc *float64)

//go:noescape
func momSlotDevF32AVX2(x *float32, periods, stride int, shift, mean, s, q *float64)

//go:noescape
func subDivCyclicF32AVX2(dst, x *float32, n int, sub, div *float32, period, j0 int)
