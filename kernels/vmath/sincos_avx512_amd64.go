//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX-512 bodies of Sin and Cos: those of sincos_avx2_amd64.go on 8
// float64 lanes, the same operations in the same order (scSinCos64x8 is
// scSinCos64x4 with the vector types widened). On a Zen 4 EPYC, which
// splits 512-bit operations in two, they still measure faster,
// interleaved in one process on 8192 arguments: about 4.3 against 5.8 ns
// per element (medians, shared machine). Sin32 and Cos32 run an assembly
// loop (sincos_avx512_amd64.s) on 8 float64 lanes, the float32 body's
// operations with the constants in registers, two vectors a step. An
// earlier form of the float32 body (one vector a step, a degree-13
// polynomial) measured 0.58 ns per element against 0.90 for the same
// operations written with archsimd. Of the present form, one vector a step
// measured about 14% slower on sin, and three a step, or the sign applied
// through a mask after the rounding to float32, no faster.

func scBc8(v float64) archsimd.Float64x8 { return archsimd.BroadcastFloat64x8(v) }

func scNeg8(v archsimd.Float64x8) archsimd.Float64x8 {
	return v.AsInt64x8().Xor(archsimd.BroadcastInt64x8(math.MinInt64)).AsFloat64x8()
}

// scSinCos64x8 does the leading whole vectors of dst and x and returns how
// many elements that is.
func scSinCos64x8(dst, x []float64, shift, signMask uint64) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	shiftV := archsimd.BroadcastInt64x8(int64(shift))
	signV := archsimd.BroadcastInt64x8(int64(signMask))
	absV := archsimd.BroadcastInt64x8(math.MaxInt64)
	one := archsimd.BroadcastInt64x8(1)
	signBit := archsimd.BroadcastInt64x8(math.MinInt64)
	for i := 0; i < n; i += lanes {
		xv := archsimd.LoadFloat64x8Slice(x[i:])
		ax := xv.AsInt64x8().And(absV).AsFloat64x8()
		ok := ax.Less(scBc8(scHuge64)).ToBits()

		// scReduce
		k := ax.MulAdd(scBc8(scInvPio2), scBc8(scToInt))
		nf := k.Sub(scBc8(scToInt))
		r1 := nf.MulAdd(scBc8(-scPio2A), ax)
		p := nf.Mul(scBc8(scPio2B))
		npe := nf.MulAdd(scBc8(-scPio2B), p)
		s := r1.Sub(p)
		bb := s.Sub(r1)
		e := r1.Sub(s.Sub(bb)).Sub(p.Add(bb))
		lo := nf.MulAdd(scBc8(-scPio2C), e.Add(npe))
		y0 := s.Add(lo)
		y1 := s.Sub(y0).Add(lo)

		z := y0.Mul(y0)
		ze := y0.MulAdd(y0, scNeg8(z))

		// scKernelSin
		x3 := z.Mul(y0)
		x3e := z.MulAdd(y0, scNeg8(x3)).Add(ze.Mul(y0))
		c := x3.Mul(scBc8(scSixthHi))
		ce := x3.MulAdd(scBc8(scSixthHi), scNeg8(c)).Add(x3e.Mul(scBc8(scSixthHi)).Add(x3.Mul(scBc8(scSixthLo))))
		ss := y0.Add(c)
		es := c.Sub(ss.Sub(y0))
		ps := z.MulAdd(scBc8(scS17), scBc8(scS15))
		ps = z.MulAdd(ps, scBc8(scS13))
		ps = z.MulAdd(ps, scBc8(scS11))
		ps = z.MulAdd(ps, scBc8(scS9))
		ps = z.MulAdd(ps, scBc8(scS7))
		ps = z.MulAdd(ps, scBc8(scS5))
		ts := x3.Mul(z)
		tails := es.Add(ce).Add(y1.Mul(z.MulAdd(scBc8(-0.5), scBc8(1))))
		sinV := ss.Add(ts.MulAdd(ps, tails))

		// scKernelCos
		h := z.Mul(scBc8(0.5))
		he := ze.Mul(scBc8(0.5))
		w := scBc8(1).Sub(h)
		we := scBc8(1).Sub(w).Sub(h)
		z2 := z.Mul(z)
		z2e := z.MulAdd(z, scNeg8(z2)).Add(z.Add(z).Mul(ze))
		cc := z2.Mul(scBc8(scC24Hi))
		cce := z2.MulAdd(scBc8(scC24Hi), scNeg8(cc)).Add(z2e.Mul(scBc8(scC24Hi)).Add(z2.Mul(scBc8(scC24Lo))))
		sc := w.Add(cc)
		ec := w.Sub(sc).Add(cc)
		pc := z.MulAdd(scBc8(scC18), scBc8(scC16))
		pc = z.MulAdd(pc, scBc8(scC14))
		pc = z.MulAdd(pc, scBc8(scC12))
		pc = z.MulAdd(pc, scBc8(scC10))
		pc = z.MulAdd(pc, scBc8(scC8))
		pc = z.MulAdd(pc, scBc8(scC6))
		tc := z2.Mul(z)
		corr := y0.Mul(y1).Mul(z.MulAdd(scBc8(-1.0/6), scBc8(1)))
		tailc := ec.Add(we.Sub(he)).Add(cce).Sub(corr)
		cosV := sc.Add(tc.MulAdd(pc, tailc))

		q := k.AsInt64x8().Add(shiftV)
		v := cosV.Merge(sinV, q.And(one).Equal(one)) // cos where q is odd
		sign := q.ShiftAllLeft(62).Xor(xv.AsInt64x8().And(signV)).And(signBit)
		v = v.AsInt64x8().Xor(sign).AsFloat64x8()

		if ok != 1<<lanes-1 {
			var out [lanes]float64
			v.Store(&out)
			for j := range lanes {
				if ok&(1<<j) == 0 {
					out[j] = scSinCos64(x[i+j], shift, signMask)
				}
			}
			copy(dst[i:i+lanes], out[:])
			continue
		}
		v.StoreSlice(dst[i:])
	}
	return n
}

// scSinCos32x8 does the leading whole groups of 8 of dst and x and
// returns how many elements that is: the assembly loop
// (sincos_avx512_amd64.s) does runs of groups whose lanes are all below
// scHuge32 in magnitude, and the scalar body each other group.
func scSinCos32x8(dst, x []float32, shift uint64, nt bool) int {
	const lanes = 8
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	c := &scAsmConstSin
	if shift == scCosShift {
		c = &scAsmConstCos
	}
	for i := 0; i < n; i += lanes {
		if i = sinCos32F64x8Asm(&dst[0], &x[0], i, n, c, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = scSinCos32(x[j], shift)
		}
	}
	return n
}

// scAsmConsts is the length of the assembly loop's constants.
const scAsmConsts = 15

// scAsmConstSin and scAsmConstCos hold the assembly loop's constants, in
// its order, for sin (shift 0) and cos (shift 1).
var scAsmConstSin, scAsmConstCos = scAsmConst(scSinShift), scAsmConst(scCosShift)

func scAsmConst(shift uint64) [scAsmConsts]uint64 {
	// The range check reads these two as pairs of float32 lanes.
	const absMask32 = 0x7fffffff
	huge32 := uint64(math.Float32bits(scHuge32))
	return [scAsmConsts]uint64{
		absMask32<<32 | absMask32, huge32<<32 | huge32, math.Float64bits(scInvPi),
		math.Float64bits(-0.5), math.Float64bits(0.5), math.Float64bits(scToInt + float64(shift)),
		math.Float64bits(-scPiA), math.Float64bits(-scPiB),
		math.Float64bits(scF11), math.Float64bits(scF9), math.Float64bits(scF7),
		math.Float64bits(scF5), math.Float64bits(scF3), math.Float64bits(1),
		shift,
	}
}

// sinCos32F64x8Asm does x[i:n] into dst (n - i a multiple of 8) and
// returns n, or the index of the first vector with a lane outside |x| <
// scHuge32.
//
//go:noescape
func sinCos32F64x8Asm(dst, x *float32, i, n int, c *[scAsmConsts]uint64, nt bool) int
