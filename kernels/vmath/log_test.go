package vmath

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// logInputs64 draws log's float64 points: random bit patterns of positive
// finite numbers (every binade, subnormals included) and points near 1.
func logInputs64(n int) []float64 {
	rng := rand.New(rand.NewPCG(5, 6))
	x := make([]float64, n)
	for i := range x {
		switch i % 4 {
		case 0, 1:
			x[i] = math.Float64frombits(rng.Uint64N(0x7ff0000000000000-1) + 1)
		case 2:
			x[i] = 1 + (rng.Float64()-0.5)*math.Ldexp(1, -rng.IntN(40))
		default:
			x[i] = 0.5 + rng.Float64()*1.5
		}
	}
	return x
}

func TestLogAccuracy(t *testing.T) {
	x := logInputs64(expPoints(3000))
	refs := make([]*big.Float, len(x))
	for i, v := range x {
		refs[i] = expRefLog(v)
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float64, len(x))
		Log(got, x)
		var s expStats
		for i, v := range x {
			expSame64(t, "Log vs scalar", v, got[i], logF64(v))
			s.add(t, v, got[i], refs[i], 53, -1074)
		}
		s.check(t, "log f64")
	})
}

func TestLog32Accuracy(t *testing.T) {
	n := expPoints(3000)
	rng := rand.New(rand.NewPCG(7, 8))
	x := make([]float32, n)
	for i := range x {
		switch i % 3 {
		case 0, 1:
			x[i] = math.Float32frombits(rng.Uint32N(0x7f800000-1) + 1)
		default:
			x[i] = float32(1 + (rng.Float64()-0.5)*math.Ldexp(1, -rng.IntN(20)))
		}
	}
	refs := make([]*big.Float, len(x))
	for i, v := range x {
		refs[i] = expRefLog(float64(v))
	}
	expEachLevel(t, func(t *testing.T) {
		got := make([]float32, len(x))
		Log32(got, x)
		var s expStats
		for i, v := range x {
			expSame32(t, "Log32 vs scalar", v, got[i], logF32(v))
			s.add(t, float64(v), float64(got[i]), refs[i], 24, -149)
		}
		s.check(t, "log f32")
	})
}

func TestLogSpecial(t *testing.T) {
	inf, negZero := math.Inf(1), math.Copysign(0, -1)
	nan := math.Float64frombits(logNaN)
	cases := []struct{ x, want float64 }{
		{0, -inf}, {negZero, -inf}, {inf, inf}, {-inf, nan}, {-1, nan},
		{-5e-324, nan}, {1, 0}, {5e-324, -744.4400719213812}, {math.MaxFloat64, 709.782712893384},
		{0x1p-1022, -708.3964185322641},
	}
	expEachLevel(t, func(t *testing.T) {
		for _, c := range cases {
			for pos := range 9 {
				x := make([]float64, 9)
				for i := range x {
					x[i] = 2
				}
				x[pos] = c.x
				Log(x, x)
				expSame64(t, "Log", c.x, x[pos], c.want)
			}
		}
		for _, v := range []float64{math.NaN(), -math.NaN(), math.Float64frombits(0xfff8000000000abc)} {
			x := []float64{v, v, v, v, v}
			Log(x, x)
			for _, g := range x {
				if math.Float64bits(g) != math.Float64bits(v) {
					t.Fatalf("Log(%#x) = %#x, want the same NaN", math.Float64bits(v), math.Float64bits(g))
				}
			}
		}
		// Subnormals and the neighbourhood of 1, against the reference.
		var edge []float64
		for _, c := range []float64{5e-324, 1e-310, 0x1p-1022, 1, math.MaxFloat64} {
			v := c
			for range 30 {
				edge = append(edge, v)
				v = math.Nextafter(v, 0)
			}
			v = c
			for range 30 {
				v = math.Nextafter(v, inf)
				if !math.IsInf(v, 0) {
					edge = append(edge, v)
				}
			}
		}
		got := make([]float64, len(edge))
		Log(got, edge)
		var s expStats
		for i, v := range edge {
			if v > 0 {
				s.add(t, v, got[i], expRefLog(v), 53, -1074)
			}
		}
		s.check(t, "log f64 edges")
	})
}

func TestLog32Special(t *testing.T) {
	inf := float32(math.Inf(1))
	nan := math.Float32frombits(log32NaN)
	cases := []struct{ x, want float32 }{
		{0, -inf}, {float32(math.Copysign(0, -1)), -inf}, {inf, inf}, {-inf, nan},
		{-1, nan}, {1, 0}, {1e-45, -103.27893}, {math.MaxFloat32, 88.72284},
	}
	expEachLevel(t, func(t *testing.T) {
		for _, c := range cases {
			for pos := range 17 {
				x := make([]float32, 17)
				for i := range x {
					x[i] = 2
				}
				x[pos] = c.x
				Log32(x, x)
				expSame32(t, "Log32", c.x, x[pos], c.want)
			}
		}
	})
}

// TestLogTable checks the log tables against the reference. logTab (pow's
// logHiLo): invc of 8
// significant bits with |z*invc - 1| < 2^-7 on its interval (so that
// the FMA giving r is exact), the high part of -log(invc) a multiple of
// 2^-42 (so that k*ln2hi + lchi is exact), and -log(invc) in two parts
// to 2^-95 (the low part, below 2^-43, is rounded to 53 bits).
func TestLogTable(t *testing.T) {
	for i := range logN {
		a := logTab[2*i]
		invc := math.Float64frombits((a&logCodeMask)<<45 + logInvcBase)
		hi := math.Float64frombits(a &^ logCodeMask)
		lo := math.Float64frombits(logTab[2*i+1])
		if m, _ := math.Frexp(invc); math.Float64bits(m)&(1<<45-1) != 0 {
			t.Errorf("logTab[%d]: invc %v has more than 8 significant bits", i, invc)
		}
		if v := math.Ldexp(hi, 42); v != math.Trunc(v) {
			t.Errorf("logTab[%d]: high part %v is not a multiple of 2^-42", i, hi)
		}
		want := expRefLog(invc)
		want.Neg(want)
		d := new(big.Float).SetPrec(expRefPrec).Sub(want, expNewF(hi))
		d.Sub(d, expNewF(lo))
		if d.Sign() != 0 && d.MantExp(nil) > -95 {
			t.Errorf("logTab[%d]: -log(%v) off by %v", i, invc, d)
		}
		za := math.Float64frombits(logOff + uint64(i)<<45)
		zb := math.Float64frombits(logOff + uint64(i+1)<<45 - 1)
		for _, z := range []float64{za, zb} {
			// z*invc - 1 exactly, from math/big.
			r := new(big.Float).SetPrec(expRefPrec).Mul(expNewF(z), expNewF(invc))
			r.Sub(r, expNewF(1))
			if rf, _ := r.Float64(); math.Abs(rf) >= 0x1p-7 {
				t.Errorf("logTab[%d]: |z*invc - 1| reaches %v at %v", i, rf, z)
			}
		}
	}
	// Log's own table: invc a multiple of 2^-5 (1 on the interval of 1),
	// |z*invc - 1| below 2^-5 where z < 1 and 2^-4 above (so that the FMA
	// giving r is exact: a multiple of 2^-58 or 2^-57), |lchi| above it
	// (Fast2Sum), lchi a multiple of 2^-42 and -log(invc) to 2^-95.
	for i := range 16 {
		invc := math.Float64frombits(log16InvC[i])
		hi := math.Float64frombits(log16LogCHi[i])
		lo := math.Float64frombits(log16LogCLo[i])
		if v := invc * 32; v != math.Trunc(v) {
			t.Errorf("log16InvC[%d] = %v is not a multiple of 2^-5", i, invc)
		}
		if v := math.Ldexp(hi, 42); v != math.Trunc(v) {
			t.Errorf("log16LogCHi[%d] = %v is not a multiple of 2^-42", i, hi)
		}
		want := expRefLog(invc)
		want.Neg(want)
		d := new(big.Float).SetPrec(expRefPrec).Sub(want, expNewF(hi))
		d.Sub(d, expNewF(lo))
		if d.Sign() != 0 && d.MantExp(nil) > -95 {
			t.Errorf("log16 table %d: -log(%v) off by %v", i, invc, d)
		}
		za := math.Float64frombits(log16Off + uint64(i)<<48)
		zb := math.Float64frombits(log16Off + uint64(i+1)<<48 - 1)
		if za <= 1 && 1 <= zb && invc != 1 {
			t.Errorf("log16 table %d: invc %v on the interval of 1", i, invc)
		}
		for _, z := range []float64{za, zb} {
			r := new(big.Float).SetPrec(expRefPrec).Mul(expNewF(z), expNewF(invc))
			r.Sub(r, expNewF(1))
			rf, _ := r.Float64()
			limit := 0x1p-4
			if z < 1 {
				limit = 0x1p-5
			}
			if math.Abs(rf) >= limit || (invc != 1 && math.Abs(rf) > math.Abs(hi)) {
				t.Errorf("log16 table %d: |z*invc - 1| reaches %v at %v", i, rf, z)
			}
		}
	}
	// Log32's float32 tables: Log's invc, lchi a multiple of 2^-17 and
	// -log(invc) = lchi + lclo to 2^-42 (lclo, below 2^-18, rounded to
	// float32).
	for i := range 16 {
		invc := math.Float32frombits(log32InvCf[i])
		hi := math.Float32frombits(log32LogCHif[i])
		lo := math.Float32frombits(log32LogCLof[i])
		if float64(invc) != math.Float64frombits(log16InvC[i]) {
			t.Errorf("log32InvCf[%d] = %v, want Log's %v", i, invc, math.Float64frombits(log16InvC[i]))
		}
		if v := math.Ldexp(float64(hi), 17); v != math.Trunc(v) {
			t.Errorf("log32LogCHif[%d] = %v is not a multiple of 2^-17", i, hi)
		}
		want := expRefLog(float64(invc))
		want.Neg(want)
		d := new(big.Float).SetPrec(expRefPrec).Sub(want, expNewF(float64(hi)))
		d.Sub(d, expNewF(float64(lo)))
		if d.Sign() != 0 && d.MantExp(nil) > -42 {
			t.Errorf("log32 table %d: -log(%v) off by %v", i, invc, d)
		}
	}
	for j := range expN {
		hi := math.Float64frombits(expTabScale[j] + uint64(j)<<(52-expBits))
		v := expNewF(hi)
		tail := expNewF(math.Float64frombits(expTabTail[j]))
		tail.Add(tail, expNewF(1))
		v.Mul(v, tail) // hi * (1 + tail)
		want := expRefExp(new(big.Float).SetPrec(expRefPrec).Mul(expRefLn2(), expNewF(float64(j)/expN)))
		d := new(big.Float).SetPrec(expRefPrec).Sub(v, want)
		if d.Sign() != 0 && d.MantExp(nil) > -100 {
			t.Errorf("exp table %d: 2^(%d/%d) off by %v", j, j, expN, d)
		}
	}
}
