package gemm

import (
	"flag"
	"os"
	"strings"
	"testing"
)

//go:generate go test -run TestSinglePrecisionCurrent -update-f32

// The float32 direct kernel is the float64 one with single-precision
// instructions: gemm_direct_f32_amd64.s is generated from
// gemm_direct_f64_amd64.s by singlePrecision, as gonum generates its float32
// assembly from the float64 files. The packed kernels (gemm_amd64.s) differ in
// their A offsets and stay written by hand.

var updateF32 = flag.Bool("update-f32", false, "rewrite gemm_direct_f32_amd64.s from gemm_direct_f64_amd64.s")

// singlePrecision turns the float64 direct kernel's source into the float32
// one: the same registers and B row width in bytes (8 doubles or 16 floats),
// with ps/ss instructions and 4-byte elements.
func singlePrecision(src string) string {
	r := strings.NewReplacer(
		"VMOVUPD", "VMOVUPS",
		"VBROADCASTSD", "VBROADCASTSS",
		"VFMADD231PD", "VFMADD231PS",
		"DSTEP_F64", "DSTEP_F32",
		"F64asm", "F32asm",
		"float64", "float32",
		"d64loop", "d32loop",
		"SHLQ $3, R8", "SHLQ $2, R8",
		"gemm_direct_f64_amd64.s", "gemm_direct_f32_amd64.s",
		"The float32 twin of this file, gemm_direct_f32_amd64.s, is generated from\n// it (go generate; TestSinglePrecisionCurrent checks it is current).",
		"Code generated from gemm_direct_f64_amd64.s by singlePrecision; DO NOT EDIT.\n// (single_precision_test.go; go generate ./kernels/gemm/ rewrites it.)",
	)
	return r.Replace(src)
}

func TestSinglePrecisionCurrent(t *testing.T) {
	src, err := os.ReadFile("gemm_direct_f64_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	want := singlePrecision(string(src))
	if *updateF32 {
		if err := os.WriteFile("gemm_direct_f32_amd64.s", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("gemm_direct_f32_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatal("gemm_direct_f32_amd64.s is stale: run go generate ./kernels/gemm/")
	}
}
