//go:build goexperiment.simd && amd64

package cpu

import (
	"os"
	"simd/archsimd"
)

// avx512OptIn names the environment variable that enables the AVX-512
// bodies. They are built, but stay off until a run of the test suite on
// AVX-512 hardware has verified them (GONP_AVX512=1 go test ./kernels/).
const avx512OptIn = "GONP_AVX512"

func detectLevel() Level {
	switch {
	case archsimd.X86.AVX512() && os.Getenv(avx512OptIn) == "1":
		return AVX512
	case archsimd.X86.AVX2() && archsimd.X86.FMA():
		return AVX2
	}
	return Generic
}
