//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX-512 body of float64 log is an assembly loop
// (log_avx512_amd64.s): the scalar body's operations on eight lanes, the
// table read by VGATHERQPD. Measured on Zen 4 (one thread, 4096
// elements in cache) it takes 2.3 ns per element, against 4.5 for the
// same operations written with archsimd (whose table lookups move one
// lane at a time) and 5.3 for the AVX2 body. logHiLoF64x8 is that
// archsimd form; pow's AVX-512 body uses it. float32 log's AVX-512
// body is an assembly loop too, on eight float64 lanes with its
// eight-entry table in two registers: 0.63 ns per element against 1.1
// for its archsimd form.

// logVecF64x8 is Log on the leading whole vectors of x: the assembly
// loop (log_avx512_amd64.s) does runs of vectors whose lanes are all
// positive, normal and finite, and the scalar body each other vector.
func logVecF64x8(dst, x []float64) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = logF64x8Asm(&dst[0], &x[0], i, n, &logAsmConst); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = logF64(x[j])
		}
	}
	return n
}

// logAsmConsts is the length of logAsmConst.
const logAsmConsts = 14

// logAsmConst holds the assembly loop's constants, in its order.
var logAsmConst = [logAsmConsts]uint64{
	0x0010000000000000, 0x7ff0000000000000 - 0x0010000000000000, logOff, logN - 1,
	math.Float64bits(1), math.Float64bits(logLn2hi), math.Float64bits(logA2),
	math.Float64bits(logA8), math.Float64bits(logA7), math.Float64bits(logA6),
	math.Float64bits(logA5), math.Float64bits(logA4), math.Float64bits(logA3),
	math.Float64bits(logLn2lo),
}

// logF64x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns n,
// or the index of the first vector with a lane that is not positive,
// normal and finite.
//
//go:noescape
func logF64x8Asm(dst, x *float64, i, n int, c *[logAsmConsts]uint64) int

// logHiLoF64x8 is logHiLo on eight lanes of positive normal x.
func logHiLoF64x8(ix archsimd.Uint64x8) (hi, lo archsimd.Float64x8) {
	tmp := ix.Add(archsimd.BroadcastUint64x8(1<<63 - logOff))
	ia := tmp.ShiftAllRight(45)
	c0, h0, l0 := logLookup(ia.GetLo())
	c1, h1, l1 := logLookup(ia.GetHi())
	invc := archsimd.Float64x8{}.SetLo(c0).SetHi(c1)
	lchi := archsimd.Float64x8{}.SetLo(h0).SetHi(h1)
	lclo := archsimd.Float64x8{}.SetLo(l0).SetHi(l1)
	kb := tmp.ShiftAllRight(52) // k + 2048
	z := ix.Sub(kb.ShiftAllLeft(52)).Add(archsimd.BroadcastUint64x8(1 << 63)).AsFloat64x8()
	const magic = 0x1.8p52
	kd := kb.Add(archsimd.BroadcastUint64x8(math.Float64bits(magic))).AsFloat64x8().
		Sub(archsimd.BroadcastFloat64x8(magic + 2048))
	one := archsimd.BroadcastFloat64x8(1)
	ph := z.Mul(invc)
	pl := z.MulAdd(invc, ph.AsUint64x8().Xor(archsimd.BroadcastUint64x8(1<<63)).AsFloat64x8())
	d := ph.Sub(one)
	rhi := d.Add(pl)
	rlo := pl.Sub(rhi.Sub(d))
	a := kd.Mul(archsimd.BroadcastFloat64x8(logLn2hi))
	w := a.Add(lchi)
	bb := w.Sub(a)
	e1 := a.Sub(w.Sub(bb)).Add(lchi.Sub(bb))
	hi = w.Add(rhi)
	bb = hi.Sub(w)
	e2 := w.Sub(hi.Sub(bb)).Add(rhi.Sub(bb))
	r2 := rhi.Mul(rhi)
	r2lo := rhi.MulAdd(rhi, r2.AsUint64x8().Xor(archsimd.BroadcastUint64x8(1<<63)).AsFloat64x8())
	t := r2.Mul(archsimd.BroadcastFloat64x8(logA2))
	h2 := hi.Add(t)
	e3 := t.Sub(h2.Sub(hi))
	hi = h2
	p78 := rhi.MulAdd(archsimd.BroadcastFloat64x8(logA8), archsimd.BroadcastFloat64x8(logA7))
	p56 := rhi.MulAdd(archsimd.BroadcastFloat64x8(logA6), archsimd.BroadcastFloat64x8(logA5))
	p34 := rhi.MulAdd(archsimd.BroadcastFloat64x8(logA4), archsimd.BroadcastFloat64x8(logA3))
	p58 := r2.MulAdd(p78, p56)
	p := r2.MulAdd(p58, p34)
	r3 := r2.Mul(rhi)
	s := e1.Add(e2)
	s = s.Add(e3)
	s = s.Add(rlo)
	s = s.Add(lclo)
	s = kd.MulAdd(archsimd.BroadcastFloat64x8(logLn2lo), s)
	s = r2lo.MulAdd(archsimd.BroadcastFloat64x8(logA2), s)
	s = rhi.AsUint64x8().Xor(archsimd.BroadcastUint64x8(1<<63)).AsFloat64x8().MulAdd(rlo, s)
	lo = r3.MulAdd(p, s)
	return hi, lo
}

// logVecF32x8 is Log32 on the leading whole vectors of x: the assembly
// loop (log_avx512_amd64.s) does runs of vectors whose lanes are all
// positive and finite, and the scalar body each other vector.
func logVecF32x8(dst, x []float32) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	for i := 0; i < n; i += lanes {
		if i = log32F64x8Asm(&dst[0], &x[0], i, n, &log32AsmConst); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = logF32(x[j])
		}
	}
	return n
}

// log32AsmConsts is the length of log32AsmConst.
const log32AsmConsts = 11

// log32AsmConst holds the assembly loop's constants, in its order.
var log32AsmConst = [log32AsmConsts]uint64{
	1, math.Float64bits(math.MaxFloat32) - 1, log32TabOff, math.Float64bits(1),
	math.Float64bits(log32C2), math.Float64bits(log32C3), math.Float64bits(log32C4),
	math.Float64bits(log32C5), math.Float64bits(log32C6), math.Float64bits(log32C7),
	math.Float64bits(log32Ln2),
}

// log32F64x8Asm does x[i:n] into dst (n - i a multiple of 8) and returns
// n, or the index of the first vector with a lane that is not positive
// and finite.
//
//go:noescape
func log32F64x8Asm(dst, x *float32, i, n int, c *[log32AsmConsts]uint64) int
