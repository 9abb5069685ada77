//go:build !goexperiment.simd || !amd64

package cpu

func detectLevel() Level { return Generic }

func detectBF16() bool { return false }
