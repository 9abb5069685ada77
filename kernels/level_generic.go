//go:build !goexperiment.simd || !amd64

package kernels

func detectLevel() Level { return Generic }
