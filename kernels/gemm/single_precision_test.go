package gemm

import (
	"flag"
	"os"
	"strings"
	"testing"
)

//go:generate go test -run TestSinglePrecisionCurrent -update-f32

// The float32 direct kernels are the float64 ones with single-precision
// instructions: gemm_direct_f32_amd64.s and gemm_direct512_f32_amd64.s are
// generated from their float64 twins by singlePrecision, as gonum generates
// its float32 assembly from the float64 files. The packed kernels
// (gemm_amd64.s, gemm_avx512_amd64.s) differ in their A offsets and tile
// widths and stay written by hand.

var updateF32 = flag.Bool("update-f32", false, "rewrite the float32 direct kernels from their float64 twins")

// singleTwins are the float64 sources and the float32 files made of them.
var singleTwins = []struct{ f64, f32 string }{
	{"gemm_direct_f64_amd64.s", "gemm_direct_f32_amd64.s"},
	{"gemm_direct512_f64_amd64.s", "gemm_direct512_f32_amd64.s"},
}

// singlePrecision turns a float64 direct kernel's source (file f64) into the
// float32 one (file f32): the same registers and B row width in bytes (8 or
// 16 doubles, 16 or 32 floats), with ps/ss instructions and 4-byte elements.
func singlePrecision(src, f64, f32 string) string {
	r := strings.NewReplacer(
		"VMOVUPD", "VMOVUPS",
		"VBROADCASTSD", "VBROADCASTSS",
		"VFMADD231PD", "VFMADD231PS",
		"DSTEP_F64", "DSTEP_F32",
		"DSTEP512_F64", "DSTEP512_F32",
		"F64asm", "F32asm",
		"float64", "float32",
		"6×16 tile", "6×32 tile",
		"d64loop", "d32loop",
		"d64tail", "d32tail",
		"d64store", "d32store",
		"SHLQ $3, R8", "SHLQ $2, R8",
		"gemm_direct_f64_amd64.s", "gemm_direct_f32_amd64.s",
		"The float32 twin of this file, "+f32+", is generated from\n// it (go generate; TestSinglePrecisionCurrent checks it is current).",
		"Code generated from "+f64+" by singlePrecision; DO NOT EDIT.\n// (single_precision_test.go; go generate ./kernels/gemm/ rewrites it.)",
		"The float32 twin of this file, "+f32+", is generated\n// from it (go generate; TestSinglePrecisionCurrent checks it is current).",
		"Code generated from "+f64+" by singlePrecision; DO NOT EDIT.\n// (single_precision_test.go; go generate ./kernels/gemm/ rewrites it.)",
	)
	return r.Replace(src)
}

func TestSinglePrecisionCurrent(t *testing.T) {
	for _, tw := range singleTwins {
		src, err := os.ReadFile(tw.f64)
		if err != nil {
			t.Fatal(err)
		}
		want := singlePrecision(string(src), tw.f64, tw.f32)
		if *updateF32 {
			if err := os.WriteFile(tw.f32, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(tw.f32)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Fatalf("%s is stale: run go generate ./kernels/gemm/", tw.f32)
		}
	}
}
