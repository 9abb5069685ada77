// Package kernels holds gonp's serial numeric kernels on Go slices.
//
// Kernels allocate nothing, start no goroutine and use no cgo: the parallel
// package splits work into chunks and the capi package calls a kernel on
// each chunk.
package kernels
