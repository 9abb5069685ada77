// Package kernels holds gonp's serial numeric kernels on Go slices.
//
// Kernels start no goroutine and use no cgo: the parallel package splits
// work into chunks and the capi package calls a kernel on each chunk. The
// elementwise, reduction, moment and scaling kernels allocate nothing. GEMM
// and the distance kernels pack their operands into scratch buffers taken
// from a sync.Pool and returned after the call, so steady use reuses the
// same memory instead of allocating per call.
package kernels

//go:generate go run elementwise_loops_gen.go
