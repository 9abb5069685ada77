//go:build goexperiment.simd && amd64

package vmath

import (
	"math"
	"simd/archsimd"
)

// The AVX2+FMA bodies of Sin, Cos, Sin32 and Cos32: the operations of
// scSinCos64 and scSinCos32 (sincos.go) on 4 float64 lanes, in the same
// order, so that every lane gets the bits the plain-Go body gives. Both
// float64 kernels run on every lane and a blend picks one per quadrant.
// Lanes at or above the Cody-Waite bound (and Inf, NaN) are redone by the
// plain-Go body before the store, which also makes dst == x safe. Sin32
// and Cos32 run an assembly loop instead (sincos_avx2_amd64.s), the same
// operations with the constants as memory operands, two vectors a step:
// an earlier form (one vector a step, a longer polynomial) measured 0.80
// ns per element against 1.37 for the archsimd form (one thread, 4096
// elements in cache, Zen 4).

func scBc4(v float64) archsimd.Float64x4 { return archsimd.BroadcastFloat64x4(v) }

func scNeg4(v archsimd.Float64x4) archsimd.Float64x4 {
	return v.AsInt64x4().Xor(archsimd.BroadcastInt64x4(math.MinInt64)).AsFloat64x4()
}

// scSinCos64x4 does the leading whole vectors of dst and x and returns how
// many elements that is.
func scSinCos64x4(dst, x []float64, shift, signMask uint64) int {
	const lanes = 4
	n := len(x) &^ (lanes - 1)
	dst = dst[:len(x)]
	shiftV := archsimd.BroadcastInt64x4(int64(shift))
	signV := archsimd.BroadcastInt64x4(int64(signMask))
	absV := archsimd.BroadcastInt64x4(math.MaxInt64)
	one := archsimd.BroadcastInt64x4(1)
	signBit := archsimd.BroadcastInt64x4(math.MinInt64)
	for i := 0; i < n; i += lanes {
		xv := archsimd.LoadFloat64x4Slice(x[i:])
		ax := xv.AsInt64x4().And(absV).AsFloat64x4()
		ok := ax.Less(scBc4(scHuge64)).ToBits()

		// scReduce
		k := ax.MulAdd(scBc4(scInvPio2), scBc4(scToInt))
		nf := k.Sub(scBc4(scToInt))
		r1 := nf.MulAdd(scBc4(-scPio2A), ax)
		p := nf.Mul(scBc4(scPio2B))
		npe := nf.MulAdd(scBc4(-scPio2B), p)
		s := r1.Sub(p)
		bb := s.Sub(r1)
		e := r1.Sub(s.Sub(bb)).Sub(p.Add(bb))
		lo := nf.MulAdd(scBc4(-scPio2C), e.Add(npe))
		y0 := s.Add(lo)
		y1 := s.Sub(y0).Add(lo)

		z := y0.Mul(y0)
		ze := y0.MulAdd(y0, scNeg4(z))

		// scKernelSin
		x3 := z.Mul(y0)
		x3e := z.MulAdd(y0, scNeg4(x3)).Add(ze.Mul(y0))
		c := x3.Mul(scBc4(scSixthHi))
		ce := x3.MulAdd(scBc4(scSixthHi), scNeg4(c)).Add(x3e.Mul(scBc4(scSixthHi)).Add(x3.Mul(scBc4(scSixthLo))))
		ss := y0.Add(c)
		es := c.Sub(ss.Sub(y0))
		ps := z.MulAdd(scBc4(scS17), scBc4(scS15))
		ps = z.MulAdd(ps, scBc4(scS13))
		ps = z.MulAdd(ps, scBc4(scS11))
		ps = z.MulAdd(ps, scBc4(scS9))
		ps = z.MulAdd(ps, scBc4(scS7))
		ps = z.MulAdd(ps, scBc4(scS5))
		ts := x3.Mul(z)
		tails := es.Add(ce).Add(y1.Mul(z.MulAdd(scBc4(-0.5), scBc4(1))))
		sinV := ss.Add(ts.MulAdd(ps, tails))

		// scKernelCos
		h := z.Mul(scBc4(0.5))
		he := ze.Mul(scBc4(0.5))
		w := scBc4(1).Sub(h)
		we := scBc4(1).Sub(w).Sub(h)
		z2 := z.Mul(z)
		z2e := z.MulAdd(z, scNeg4(z2)).Add(z.Add(z).Mul(ze))
		cc := z2.Mul(scBc4(scC24Hi))
		cce := z2.MulAdd(scBc4(scC24Hi), scNeg4(cc)).Add(z2e.Mul(scBc4(scC24Hi)).Add(z2.Mul(scBc4(scC24Lo))))
		sc := w.Add(cc)
		ec := w.Sub(sc).Add(cc)
		pc := z.MulAdd(scBc4(scC18), scBc4(scC16))
		pc = z.MulAdd(pc, scBc4(scC14))
		pc = z.MulAdd(pc, scBc4(scC12))
		pc = z.MulAdd(pc, scBc4(scC10))
		pc = z.MulAdd(pc, scBc4(scC8))
		pc = z.MulAdd(pc, scBc4(scC6))
		tc := z2.Mul(z)
		corr := y0.Mul(y1).Mul(z.MulAdd(scBc4(-1.0/6), scBc4(1)))
		tailc := ec.Add(we.Sub(he)).Add(cce).Sub(corr)
		cosV := sc.Add(tc.MulAdd(pc, tailc))

		q := k.AsInt64x4().Add(shiftV)
		v := cosV.Merge(sinV, q.And(one).Equal(one)) // cos where q is odd
		sign := q.ShiftAllLeft(62).Xor(xv.AsInt64x4().And(signV)).And(signBit)
		v = v.AsInt64x4().Xor(sign).AsFloat64x4()

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

// scSinCos32x4 does the leading whole groups of 4 of dst and x and
// returns how many elements that is: the assembly loop
// (sincos_avx2_amd64.s) does runs of groups whose lanes are all below
// scHuge32 in magnitude, and the scalar body each other group.
func scSinCos32x4(dst, x []float32, shift uint64, nt bool) int {
	const lanes = 4
	n := len(x) &^ (lanes - 1)
	if n == 0 {
		return 0
	}
	dst = dst[:len(x)]
	c := &scAVX2ConstSin
	if shift == scCosShift {
		c = &scAVX2ConstCos
	}
	for i := 0; i < n; i += lanes {
		if i = sinCos32F64x4Asm(&dst[0], &x[0], i, n, c, nt); i == n {
			break
		}
		for j := i; j < i+lanes; j++ {
			dst[j] = scSinCos32(x[j], shift)
		}
	}
	return n
}

// scAVX2ConstSin and scAVX2ConstCos hold sinCos32F64x4Asm's constants:
// those of the AVX-512 loop (scAsmConst), four copies each.
var scAVX2ConstSin, scAVX2ConstCos = scAVX2Const(scSinShift), scAVX2Const(scCosShift)

func scAVX2Const(shift uint64) (c [scAsmConsts][4]uint64) {
	for j, b := range scAsmConst(shift) {
		c[j] = [4]uint64{b, b, b, b}
	}
	return c
}

// sinCos32F64x4Asm does x[i:n] into dst (n - i a multiple of 4) and
// returns n, or the index of the first vector with a lane outside |x| <
// scHuge32.
//
//go:noescape
func sinCos32F64x4Asm(dst, x *float32, i, n int, c *[scAsmConsts][4]uint64, nt bool) int
